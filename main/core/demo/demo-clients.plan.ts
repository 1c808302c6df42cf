import type { CONSENT_CHANNELS } from '../../../shared/contract/clients.schema';
import { rngWeighted, seededRng } from '../../../shared/domain/rng';
import { makeRegon } from '../../../shared/domain/tax-ids';
import { fold } from '../../../shared/domain/text';
import type { FakePerson } from './fake-data';
import { FakeData, pad, SEGMENT_WEIGHTS } from './fake-data';
import type { Country } from './names.pl-cs';
import * as W from './names.pl-cs';

// What the demo office's client base holds, planned up front from a seeded rng so that every
// demo office of a locale and scale has the same clients, people, consents and queue items; the
// builder (demo-clients.builder.ts) then sends each through the core's commands as the person who
// would make it. Ids are the core's (not planned): records point at each other by plan index.

export type DemoScale = 'S' | 'L';
type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** S is one office (PRODUCT.md §9); L is the load-test size of the client base. */
export const DEMO_SIZES = {
  S: { clients: 3_000, chains: 8 },
  L: { clients: 50_000, chains: 120 },
} as const;
/** Shops entered twice, planted for the duplicate scan to find (within the sizes above). */
export const DEMO_DUPLICATES = { S: 15, L: 250 } as const;

/** The client's own fields, as clients:create takes them minus the references. */
export interface PlannedClientFields {
  name: string;
  taxId: string | null;
  regon: string | null;
  dic: string | null;
  address: { street: string; city: string; postalCode: string; country: Country };
  phone: string | null;
  email: string | null;
  status: 'active' | 'inactive';
  externalCode: string | null;
  tags: string[];
}

export interface PlannedConsent {
  channel: ConsentChannel;
  granted: boolean;
  source: string;
}

export interface PlannedContact {
  fields: FakePerson & { notes: string };
  /** In the order the operator records them: a withdrawal follows its grant. */
  consents: PlannedConsent[];
}

export interface PlannedClient {
  fields: PlannedClientFields;
  /** Plan index of the parent company (chain outlets); parents come before their outlets. */
  parent: number | null;
  /** Index into the demo's reps; null: no rep yet (the manager's data-quality gap). */
  rep: number | null;
  /** A segment code of the default dictionaries (auth.service createOffice). */
  segment: string | null;
  contacts: PlannedContact[];
}

export interface PlannedProposal {
  client: number;
  fields: FakePerson & { notes: string };
}

export interface PlannedCorrection {
  client: number;
  /** Index into the client's planned contacts; null: the company's own field. */
  contact: number | null;
  field: string;
  proposedValue: string;
  note: string;
  /** Decided already by the operator; absent: still open in the queue. */
  decision?: { accept: true } | { accept: false; note: string };
}

export interface DemoClientPlan {
  country: Country;
  clients: PlannedClient[];
  proposals: PlannedProposal[];
  corrections: PlannedCorrection[];
}

/** The dataset's segments in the default dictionary's codes (grocery, convenience …). */
function segmentCode(f: FakeData, segment: string): string {
  switch (segment) {
    case 'traditional':
      return f.chance(0.35) ? 'convenience' : 'grocery';
    case 'wholesale':
      return 'grocery';
    default:
      return segment;
  }
}

/** 2 % of clients have no contact yet, the rest 1–3 (about 1.9 on average). */
const CONTACTS_PER_CLIENT = [
  [0, 2],
  [1, 33],
  [2, 42],
  [3, 23],
] as const;

/** Whether a position is the feminine form (the faker picks the form by the person's gender). */
function femaleOf(c: Country, position: string): boolean {
  return W.POSITIONS[c].some(([m, f]) => f === position && m !== f);
}

class DemoPlanner extends FakeData {
  readonly clients: PlannedClient[] = [];
  private rr = 0;

  constructor(
    readonly country: Country,
    readonly reps: number,
    seed: string,
  ) {
    super(seededRng(seed));
  }

  /** Round robin over the reps, with one client in fifty left without a rep. */
  private nextRep(): number | null {
    if (this.chance(0.02)) return null;
    return this.rr++ % this.reps;
  }

  private channels(name: string, city: ReturnType<FakeData['city']>) {
    const c = this.country;
    return {
      phone: this.chance(0.92) ? this.outletPhone(c, city) : null,
      email: this.chance(0.8) ? this.outletEmail(c, name) : null,
    };
  }

  private fields(
    name: string,
    taxId: string | null,
    extra: Partial<PlannedClientFields>,
  ): PlannedClientFields {
    const c = this.country;
    const city = this.city(c);
    const i = this.clients.length;
    return {
      name,
      taxId,
      regon: null,
      dic: null,
      address: this.address(c, city),
      ...this.channels(name, city),
      status: this.chance(0.93) ? 'active' : 'inactive',
      externalCode: this.chance(0.95) ? `${c}${pad(i + 1, 7)}` : null,
      tags: this.chance(0.1) ? [this.pick(W.CLIENT_TAGS[c])] : [],
      ...extra,
    };
  }

  private consentsFor(p: FakePerson): PlannedConsent[] {
    const c = this.country;
    const out: PlannedConsent[] = [];
    const decide = (channel: ConsentChannel, pGrant: number, pWithdraw: number) => {
      const roll = this.rng();
      if (roll >= pGrant + pWithdraw) return;
      out.push({ channel, granted: true, source: this.pick(W.CONSENT_GRANT_SOURCES[c]) });
      if (roll >= pGrant)
        out.push({ channel, granted: false, source: this.pick(W.CONSENT_WITHDRAW_SOURCES[c]) });
    };
    // Missing e-mail consents are the operator's most common data-quality gap (no_consent).
    if (p.emails.length) decide('email', 0.72, 0.08);
    if (p.phones.length) {
      decide('phone', 0.28, 0.02);
      decide('sms', 0.1, 0.01);
    }
    return out;
  }

  private contactFields(long: boolean): FakePerson & { notes: string } {
    const c = this.country;
    const p = this.contactPerson(c, null);
    if (long) {
      const l = this.pick(W.LONG_PEOPLE[c]);
      Object.assign(p, { firstName: l.firstName, surname: l.surname });
    }
    // Three in a hundred have neither phone nor e-mail yet (contact_no_channel).
    if (this.chance(0.03)) Object.assign(p, { phones: [], emails: [] });
    return { ...p, notes: '' };
  }

  private contacts(long: boolean): PlannedContact[] {
    const n = rngWeighted(this.rng, CONTACTS_PER_CLIENT);
    return Array.from({ length: n }, (_, k) => {
      const fields = this.contactFields(long && k === 0);
      return { fields, consents: this.consentsFor(fields) };
    });
  }

  private push(c: Omit<PlannedClient, 'contacts'>, long = false): number {
    this.clients.push({ ...c, contacts: this.contacts(long) });
    return this.clients.length - 1;
  }

  chain(): void {
    const c = this.country;
    const { spec, seat } = this.chainSpec(c);
    const taxId = this.taxId(c);
    const parent = this.push({
      fields: this.fields(
        spec.company(seat),
        taxId,
        c === 'PL' ? { regon: makeRegon(this.rng) } : { dic: `CZ${taxId}` },
      ),
      parent: null,
      rep: this.nextRep(),
      segment: 'convenience',
    });
    let n = this.int(1, 40);
    for (let k = this.int(3, 8); k > 0; k--) {
      n += this.int(1, 3);
      // Outlets share the parent's tax id (PRODUCT.md §2); their REGON is the local unit's own.
      this.push({
        fields: this.fields(spec.outlet(n), taxId, c === 'PL' ? { regon: makeRegon(this.rng, true) } : {}),
        parent,
        rep: this.nextRep(),
        segment: 'convenience',
      });
    }
  }

  independent(j: number): void {
    const c = this.country;
    const segment = rngWeighted(this.rng, SEGMENT_WEIGHTS);
    // One independent shop in 250 has a very long name, street and contact person.
    const longs = W.LONG_CLIENT_NAMES[c];
    const long = j % 250 === 11;
    const name = long ? longs[Math.floor(j / 250) % longs.length]! : this.shopName(c, segment);
    // One in 35 has no tax id yet (no_tax_id).
    const taxId = this.chance(1 / 35) ? null : this.taxId(c);
    const extra: Partial<PlannedClientFields> =
      c === 'PL'
        ? this.chance(0.5)
          ? { regon: makeRegon(this.rng) }
          : {}
        : taxId && this.chance(0.7)
          ? { dic: `CZ${taxId}` }
          : {};
    const fields = this.fields(name, taxId, extra);
    if (long) fields.address.street = this.pick(W.LONG_STREETS[c]);
    this.push(
      {
        fields,
        parent: null,
        rep: this.nextRep(),
        segment: this.chance(0.03) ? null : segmentCode(this, segment),
      },
      long,
    );
  }

  /**
   * A shop entered a second time, the way it happens in an office (PRODUCT.md §4, for the scan to
   * find): the name typed without diacritics in lower case with its legal form, at the same address;
   * or the same tax id under another name; or the same shop phone. Returns the original's index.
   */
  duplicate(k: number): number {
    // An independent shop well before this one (outlets share their chain's tax id on purpose).
    let at = this.int(0, this.clients.length - 1);
    while (this.clients[at]!.parent !== null || this.clients.some((x) => x.parent === at))
      at = (at + 1) % this.clients.length;
    const orig = this.clients[at]!;
    const f = orig.fields;
    const copy: PlannedClientFields = { ...f, address: { ...f.address }, externalCode: null, tags: [] };
    switch (k % 3) {
      case 0:
        copy.name = `${fold(f.name)} ${this.country === 'PL' ? 'sp. z o.o.' : 's.r.o.'}`;
        copy.address.street = f.address.street.replace(/^(ul\.|ulica)\s+/i, '');
        copy.taxId = null;
        copy.regon = null;
        copy.dic = null;
        break;
      case 1:
        copy.name = this.shopName(this.country, 'grocery');
        copy.address = this.address(this.country);
        copy.phone = null;
        copy.email = null;
        copy.regon = null;
        break;
      default:
        copy.name = this.shopName(this.country, 'grocery');
        copy.taxId = null;
        copy.regon = null;
        copy.dic = null;
        copy.email = null;
        copy.address = {
          ...this.address(this.country),
          city: f.address.city,
          postalCode: f.address.postalCode,
        };
        if (!copy.phone) copy.phone = this.outletPhone(this.country, this.city(this.country));
        orig.fields = { ...f, phone: copy.phone };
    }
    this.push({ fields: copy, parent: null, rep: orig.rep, segment: orig.segment });
    return at;
  }

  /** The first client of rep `rep` from plan index `from` on (wrapping) that `ok` accepts. */
  private clientOfRep(rep: number, from: number, ok: (c: PlannedClient, i: number) => boolean): number {
    for (let k = 0; k < this.clients.length; k++) {
      const i = (from + k) % this.clients.length;
      const cl = this.clients[i]!;
      if (cl.rep === rep && ok(cl, i)) return i;
    }
    throw new Error(`no client of rep ${rep}`);
  }

  proposals(count: number): PlannedProposal[] {
    const c = this.country;
    const out: PlannedProposal[] = [];
    const taken = new Set<number>();
    for (let k = 0; k < count; k++) {
      // The demo rep (index 0) proposes the most, so signing in as him shows some.
      const rep = k < 3 ? 0 : k % this.reps;
      const client = this.clientOfRep(rep, this.int(0, this.clients.length - 1), (_, i) => !taken.has(i));
      taken.add(client);
      const p = this.contactPerson(c, null);
      out.push({ client, fields: { ...p, notes: this.pick(W.PROPOSAL_NOTES[c]) } });
    }
    return out;
  }

  corrections(open: number, decided: number): PlannedCorrection[] {
    const c = this.country;
    const notes = W.CORRECTION_NOTES[c];
    const managers = W.POSITIONS[c][W.MANAGER_POSITION]!;
    const out: PlannedCorrection[] = [];
    const taken = new Set<number>();
    const kinds = [
      'phone',
      'address.street',
      'phones',
      'email',
      'surname',
      'address.postalCode',
      'name',
      'emails',
      'position',
    ];
    for (let k = 0; k < open + decided; k++) {
      const field = kinds[k % kinds.length]!;
      const rep = k < 3 ? 0 : k % this.reps;
      const onContact = ['phones', 'emails', 'surname', 'position'].includes(field);
      const ci = this.clientOfRep(rep, this.int(0, this.clients.length - 1), (cl, i) => {
        if (taken.has(i)) return false;
        if (!onContact) return true;
        const p = cl.contacts[0]?.fields;
        if (!p) return false;
        // A married name for a woman; a promotion for someone who does not run the shop yet.
        if (field === 'surname') return femaleOf(c, p.position) && !p.surname.includes('-');
        if (field === 'position') return !managers.includes(p.position);
        return true;
      });
      taken.add(ci);
      const cl = this.clients[ci]!;
      const f = cl.fields;
      const contact = onContact ? 0 : null;
      const person = onContact ? cl.contacts[0]!.fields : null;
      let value: string;
      switch (field) {
        case 'phone':
          value = this.mobile(c);
          break;
        case 'address.street':
          value = `${f.address.street.replace(/\s+\S+$/, '')} ${this.int(1, 99)}`;
          break;
        case 'email':
          value = this.outletEmail(c, `${f.name} ${this.int(2, 9)}`);
          break;
        case 'address.postalCode': {
          const city = (c === 'PL' ? W.PL_CITIES : W.CZ_CITIES).find((x) => x.name === f.address.city)!;
          value = this.address(c, city).postalCode;
          break;
        }
        case 'name':
          value = this.shopName(c, 'traditional');
          break;
        case 'phones':
          value = [this.mobile(c), ...person!.phones].slice(0, 5).join('\n');
          break;
        case 'emails':
          value = this.personEmail(this.person(c), c);
          break;
        case 'surname': {
          const pairs = c === 'PL' ? W.PL_SURNAMES : W.CZ_SURNAMES;
          value = `${person!.surname}-${this.pick(pairs.filter((x) => !x.includes(person!.surname)))[1]}`;
          break;
        }
        default:
          value = W.POSITIONS[c][W.MANAGER_POSITION]![femaleOf(c, person!.position) ? 1 : 0];
      }
      const decision: PlannedCorrection['decision'] =
        k < open
          ? undefined
          : (k - open) % 3 === 2
            ? { accept: false, note: W.CORRECTION_REJECT_NOTES[c] }
            : { accept: true };
      out.push({
        client: ci,
        contact,
        field,
        proposedValue: value,
        note: notes[field] ?? '',
        ...(decision ? { decision } : {}),
      });
    }
    return out;
  }
}

/**
 * The demo office's client base for a country (PL addresses and NIPs for a Polish office, CZ and
 * IČOs for a Czech one) spread over `reps` reps: chains of 3–8 outlets, independent shops, 1–3
 * contact persons each with their consents, ~10 proposed contacts and ~10 open corrections (and
 * three decided ones). Data-quality gaps on purpose: clients without a tax id, a rep or a contact,
 * contacts without a phone or e-mail, e-mail addresses without a consent decision.
 */
export function planDemoClients(opts: { country: Country; scale: DemoScale; reps: number }): DemoClientPlan {
  const size = DEMO_SIZES[opts.scale];
  const p = new DemoPlanner(opts.country, opts.reps, `regio-demo:${opts.country}:${opts.scale}`);
  // Chains spread through the base rather than all at the start (plan order is creation order).
  const chainEvery = Math.floor(size.clients / size.chains);
  let chains = 0;
  let j = 0;
  const planted = DEMO_DUPLICATES[opts.scale];
  while (p.clients.length < size.clients - planted) {
    if (chains < size.chains && p.clients.length >= chains * chainEvery + 5) {
      p.chain();
      chains++;
    } else p.independent(j++);
  }
  for (let k = 0; k < planted; k++) p.duplicate(k);
  return {
    country: opts.country,
    clients: p.clients,
    proposals: p.proposals(10),
    corrections: p.corrections(10, 3),
  };
}
