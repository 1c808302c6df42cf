import type { LocalAction } from '../../../shared/contract/actions.schema';
import type { Contact } from '../../../shared/contract/clients.schema';
import { CONSENT_CHANNELS } from '../../../shared/contract/clients.schema';
import { addDays, monthOf } from '../../../shared/domain/dates';
import type { Rng } from '../../../shared/domain/rng';
import { rngDigits, rngUint32, rngWeighted, seededRng } from '../../../shared/domain/rng';
import { makeRegon } from '../../../shared/domain/tax-ids';
import type { Person } from './fake-data';
import { asciiFold, FakeData, pad, SEGMENT_WEIGHTS, slug } from './fake-data';
import type { Country, DictionaryKind } from './names.pl-cs';
import * as W from './names.pl-cs';

export { asciiFold };

// The deterministic dataset behind the demo office and the benchmark (PRODUCT.md §9): the same seed
// and `today` give the same records, byte for byte, on any machine. At L it is over a million
// records, so it is a generator: records are yielded one at a time, parents before children, and
// only what later children must point at (ids, reps, phones) is kept — never the records.

export type DatasetScale = 'S' | 'L';

export interface DatasetOptions {
  scale: DatasetScale;
  seed: number | string;
  /** The office's today, 'YYYY-MM-DD': visits, calls and actions are spread around it. */
  today: string;
}

/** In yield order; names as in main/core/store/schema.ts. */
export const DATASET_COLLECTIONS = [
  'offices',
  'users',
  'teams',
  'dictionaries',
  'products',
  'clients',
  'contacts',
  'budgets',
  'salesPlans',
  'localActions',
  'visits',
  'calls',
  'deals',
  'orderLines',
] as const;
export type DatasetCollection = (typeof DATASET_COLLECTIONS)[number];

export type DemoRecord = Record<string, unknown> & { id: string };
export interface DatasetItem {
  collection: DatasetCollection;
  record: DemoRecord;
}

const SIZES = {
  S: {
    teams: 2,
    clients: 3_000,
    contacts: 6_000,
    visits: 25_000,
    calls: 10_000,
    localActions: 600,
    deals: 1_200,
    orderLines: 30_000,
  },
  L: {
    teams: 20,
    clients: 50_000,
    contacts: 100_000,
    visits: 250_000,
    calls: 100_000,
    localActions: 10_000,
    deals: 20_000,
    orderLines: 500_000,
  },
} as const;

const PRODUCT_COUNT = 200;
const OPERATORS = 2;
/** Budgets and sales plans cover these months around today's. */
const MONTHS_BACK = 11;
const MONTHS_AHEAD = 2;
/** Visits are spread over this window of calendar days around today. */
const VISIT_DAYS_BACK = 300;
const VISIT_DAYS_AHEAD = 30;
const DAY = 86_400_000;

/** 7–10 reps per manager (PRODUCT.md §9), fixed by team number so that counts need no seed. */
function repsInTeam(team: number): number {
  return 7 + ((team * 5) % 4);
}
/** Every third team works in Czechia; the office itself is Polish. */
function teamCountry(team: number): Country {
  return team % 3 === 1 ? 'CZ' : 'PL';
}

function repCount(scale: DatasetScale): number {
  let n = 0;
  for (let t = 0; t < SIZES[scale].teams; t++) n += repsInTeam(t);
  return n;
}

/** How many records of each collection generateDataset yields at a scale. */
export function datasetCounts(scale: DatasetScale): Record<DatasetCollection, number> {
  const s = SIZES[scale];
  const reps = repCount(scale);
  const months = MONTHS_BACK + 1 + MONTHS_AHEAD;
  return {
    offices: 1,
    // admin, operators, head of office, one manager per team, reps
    users: 1 + OPERATORS + 1 + s.teams + reps,
    teams: s.teams,
    dictionaries: W.DICTIONARY_SEEDS.length,
    products: PRODUCT_COUNT,
    clients: s.clients,
    contacts: s.contacts,
    budgets: reps * months,
    salesPlans: reps * months,
    localActions: s.localActions,
    visits: s.visits,
    calls: s.calls,
    deals: s.deals,
    orderLines: s.orderLines,
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function hex32(n: number): string {
  return HEX[(n >>> 24) & 0xff]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
}

/**
 * A UUIDv7 whose 74 random bits come from `rng`: shared/domain/ids.ts draws them from the system
 * CSPRNG (right for real records, wrong for reproducible data). Carries `ms` like any UUIDv7.
 */
export function seededUuidv7(rng: Rng, ms: number): string {
  const ts = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  const r1 = rngUint32(rng);
  const r2 = rngUint32(rng);
  const r3 = rngUint32(rng);
  const randA = (r1 & 0xfff).toString(16).padStart(3, '0');
  const varB = (0x8000 | (r2 & 0x3fff)).toString(16);
  const tail = hex32(r2).slice(0, 4) + hex32(r3);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${randA}-${varB}-${tail}`;
}

const isoAt = (ms: number) => new Date(ms).toISOString();
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Months 'YYYY-MM' from `back` months before today's to `ahead` after. */
function monthRange(today: string, back: number, ahead: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let k = -back; k <= ahead; k++) {
    const d = new Date(Date.UTC(y, m + k, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

function ean13(rng: Rng): string {
  const body = '590' + rngDigits(rng, 9); // 590: GS1 Poland
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}

interface Rep {
  id: string;
  code: string;
  country: Country;
  managerId: string;
}
type Meta = { id: string; createdAt: string; createdBy: string; updatedAt: string; updatedBy: string };

const CALL_STATUS_WEIGHTS = [
  ['completed', 40],
  ['accepted', 15],
  ['call_back', 15],
  ['no_answer', 15],
  ['busy', 5],
  ['wrong_number', 3],
  ['not_interested', 7],
] as const;
const DEAL_TITLES: Record<Country, readonly string[]> = {
  PL: [
    'Umowa roczna',
    'Listing nowości',
    'Ekspozycja sezonowa',
    'Zamówienie świąteczne',
    'Rozszerzenie asortymentu',
  ],
  CZ: ['Roční smlouva', 'Listing novinek', 'Sezónní vystavení', 'Vánoční objednávka', 'Rozšíření sortimentu'],
};
const CONSENT_SOURCES = ['visit', 'form', 'phone', 'import'] as const;
/**
 * The state of one generation run. Record builders are plain methods and the generators that yield
 * them are small: one huge generator function is too big for V8 to optimise (3–4× slower at L).
 */
class DatasetBuilder extends FakeData {
  readonly size: (typeof SIZES)[DatasetScale];
  readonly todayMs: number;
  readonly officeMs: number;
  readonly setupMs: number;
  officeId = '';
  adminId = '';
  headId = '';
  readonly operatorIds: string[] = [];
  readonly reps: Rep[] = [];
  private readonly logins = new Set<string>();
  private readonly repCodes = new Set<string>();
  private readonly dict = new Map<string, string>(); // `${kind}:${code}` → id
  readonly products: Array<{ id: string; unitValue: number; unit: string }> = [];
  // Clients, by index: only what children point at.
  readonly N: number;
  readonly clientIds: string[];
  readonly clientRep: Int32Array;
  readonly clientCountry: Uint8Array; // 0 PL, 1 CZ
  readonly clientPhone: string[];
  readonly clientCode: string[];
  made = 0;
  private readonly repsBy: Record<Country, number[]> = { PL: [], CZ: [] };
  private readonly rrNext: Record<Country, number> = { PL: 0, CZ: 0 };
  // Contacts: client i owns contacts contactStart[i] … contactStart[i + 1] − 1.
  readonly perClient: Uint8Array;
  readonly contactStart: Int32Array;
  readonly contactIds: string[];
  readonly contactPhone: string[];
  readonly used = new Map<string, number>(); // `${repIdx}:${month}` → reserved + committed
  readonly months: string[];
  workdays: string[] = [];
  repClients: number[][] = [];

  constructor(readonly opts: DatasetOptions) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today))
      throw new RangeError(`today must be YYYY-MM-DD, got ${opts.today}`);
    super(seededRng(`regio-dataset:${opts.seed}`));
    this.size = SIZES[opts.scale];
    this.todayMs = dayMs(opts.today);
    this.officeMs = this.todayMs - 5 * 365 * DAY;
    this.setupMs = this.officeMs + DAY;
    this.N = this.size.clients;
    this.clientIds = new Array<string>(this.N);
    this.clientRep = new Int32Array(this.N);
    this.clientCountry = new Uint8Array(this.N);
    this.clientPhone = new Array<string>(this.N);
    this.clientCode = new Array<string>(this.N);
    this.perClient = new Uint8Array(this.N);
    this.contactStart = new Int32Array(this.N + 1);
    this.contactIds = new Array<string>(this.size.contacts);
    this.contactPhone = new Array<string>(this.size.contacts);
    this.months = monthRange(opts.today, MONTHS_BACK, MONTHS_AHEAD);
  }

  /**
   * Records are built as `Object.assign(this.meta(…), { … })`, never `{ ...this.meta(…), … }`: in V8
   * the spread form costs ~15 µs per record (properties added after a spread fall off the fast
   * path), which is most of the generation time at L.
   */
  meta(ms: number, by: string, updatedMs = ms, updatedBy = by): Meta {
    return {
      id: seededUuidv7(this.rng, ms),
      createdAt: isoAt(ms),
      createdBy: by,
      updatedAt: isoAt(Math.max(ms, updatedMs)),
      updatedBy,
    };
  }
  /** A moment in working hours on a day `daysAgo` before today. */
  workMoment(daysAgo: number): number {
    return this.todayMs - daysAgo * DAY + this.int(7 * 60, 17 * 60) * 60_000 + this.int(0, 59_999);
  }
  dictId(kind: DictionaryKind, code: string): string {
    return this.dict.get(`${kind}:${code}`)!;
  }
  countryOf(i: number): Country {
    return this.clientCountry[i] === 0 ? 'PL' : 'CZ';
  }
  randomContact(client: number): number {
    return this.contactStart[client]! + this.int(0, this.perClient[client]! - 1);
  }

  // ---- office, users, teams, dictionaries, products ----

  office(): DemoRecord {
    const ms = this.officeMs;
    this.officeId = seededUuidv7(this.rng, ms);
    const at = isoAt(ms);
    return {
      id: this.officeId,
      createdAt: at,
      createdBy: 'system',
      updatedAt: at,
      updatedBy: 'system',
      name: 'Biuro Regionalne Łódź',
      code: 'LDZ',
      currency: 'PLN',
      locale: 'pl',
      timeZone: 'Europe/Warsaw',
    };
  }

  private uniqueLogin(base: string): string {
    let login = base;
    for (let n = 2; this.logins.has(login); n++) login = `${base}${n}`;
    this.logins.add(login);
    return login;
  }

  /** Initials as in `LA/2026/11/JKO/0042`: first name's first letter, surname's first two; unique. */
  private uniqueRepCode(p: Person): string {
    const f = asciiFold(p.firstName)
      .toUpperCase()
      .replace(/[^A-Z]/g, '');
    const s = asciiFold(p.surname)
      .toUpperCase()
      .replace(/[^A-Z]/g, '');
    const tries = [f[0]! + s.slice(0, 2)];
    for (let i = 2; i < s.length; i++) tries.push(f[0]! + s[0]! + s[i]!);
    for (let i = 1; i < f.length; i++) tries.push(f[0]! + f[i]! + s[0]!);
    for (;;) {
      const t = tries.shift() ?? String.fromCharCode(this.int(65, 90), this.int(65, 90), this.int(65, 90));
      if (t.length === 3 && !this.repCodes.has(t)) {
        this.repCodes.add(t);
        return t;
      }
    }
  }

  user(p: Person, role: string, login: string, country: Country, extra: Record<string, unknown>): DemoRecord {
    return Object.assign(this.meta(this.setupMs + this.int(0, 30) * DAY, this.adminId), {
      login: this.uniqueLogin(login),
      displayName: `${p.firstName} ${p.surname}`,
      firstName: p.firstName,
      surname: p.surname,
      role,
      officeId: this.officeId,
      language: country === 'PL' ? 'pl' : 'cs',
      email: `${slug(p.firstName)}.${slug(p.surname)}@regio-demo.${country === 'PL' ? 'pl' : 'cz'}`,
      phone: this.mobile(country),
      active: true,
      ...extra,
    });
  }

  *usersAndTeams(): Generator<DatasetItem> {
    const adminP = this.person('PL');
    this.adminId = seededUuidv7(this.rng, this.setupMs);
    const at = isoAt(this.setupMs);
    yield {
      collection: 'users',
      record: {
        id: this.adminId,
        createdAt: at,
        createdBy: 'system',
        updatedAt: at,
        updatedBy: 'system',
        login: this.uniqueLogin('admin'),
        displayName: `${adminP.firstName} ${adminP.surname}`,
        firstName: adminP.firstName,
        surname: adminP.surname,
        role: 'admin',
        officeId: this.officeId,
        language: 'pl',
        email: `${slug(adminP.firstName)}.${slug(adminP.surname)}@regio-demo.pl`,
        active: true,
      },
    };
    for (let i = 0; i < OPERATORS; i++) {
      const p = this.person('PL');
      const rec = this.user(
        p,
        'operator',
        i === 0 ? 'operator' : `${slug(p.firstName)}.${slug(p.surname)}`,
        'PL',
        {},
      );
      this.operatorIds.push(rec.id);
      yield { collection: 'users', record: rec };
    }
    const head = this.user(this.person('PL'), 'manager', 'kierownik', 'PL', { officeWide: true });
    this.headId = head.id;
    yield { collection: 'users', record: head };

    // Users name their team and teams name their manager: team ids come first, teams after users.
    const teams: DemoRecord[] = [];
    const cityIndex: Record<Country, number> = { PL: 0, CZ: 0 };
    for (let t = 0; t < this.size.teams; t++) {
      const country = teamCountry(t);
      const teamId = seededUuidv7(this.rng, this.setupMs);
      const mp = this.person(country);
      const manager = this.user(mp, 'manager', `${slug(mp.firstName)}.${slug(mp.surname)}`, country, {
        teamId,
        managerId: this.headId,
      });
      yield { collection: 'users', record: manager };
      const cities = country === 'PL' ? W.PL_CITIES : W.CZ_CITIES;
      const city = cities[cityIndex[country]++ % cities.length]!.name;
      teams.push({
        id: teamId,
        createdAt: manager.createdAt,
        createdBy: this.adminId,
        updatedAt: manager.createdAt,
        updatedBy: this.adminId,
        name: country === 'PL' ? `Zespół ${city}` : `Tým ${city}`,
        country,
        managerId: manager.id,
        active: true,
      });
      for (let r = 0; r < repsInTeam(t); r++) {
        const rp = this.person(country);
        const code = this.uniqueRepCode(rp);
        const rec = this.user(rp, 'rep', `${slug(rp.firstName)}.${slug(rp.surname)}`, country, {
          teamId,
          managerId: manager.id,
          repCode: code,
        });
        this.repsBy[country].push(this.reps.length);
        this.reps.push({ id: rec.id, code, country, managerId: manager.id });
        yield { collection: 'users', record: rec };
      }
    }
    for (const t of teams) yield { collection: 'teams', record: t };
  }

  *dictionaries(): Generator<DatasetItem> {
    const order: Partial<Record<DictionaryKind, number>> = {};
    for (const d of W.DICTIONARY_SEEDS) {
      const n = (order[d.kind] = (order[d.kind] ?? 0) + 1);
      const rec: DemoRecord = Object.assign(this.meta(this.setupMs, this.adminId), {
        kind: d.kind,
        code: d.code,
        labels: d.labels,
        order: n,
        active: true,
      });
      this.dict.set(`${d.kind}:${d.code}`, rec.id);
      yield { collection: 'dictionaries', record: rec };
    }
  }

  *productCatalogue(): Generator<DatasetItem> {
    const combos: Array<{ pl: string; cs: string; unit: string; value: number }> = [];
    for (const b of W.PRODUCT_BASES) {
      for (const sz of b.sizes) {
        for (const [vpl, vcs] of b.variants) {
          for (const pack of W.PRODUCT_PACKS) {
            const name = (base: string, v: string, p: string) =>
              [base, v, sz].filter(Boolean).join(' ') + (p ? ` – ${p}` : '');
            const value = this.int(b.value[0], b.value[1]) * pack.multiple;
            combos.push({
              pl: name(b.pl, vpl, pack.pl),
              cs: name(b.cs, vcs, pack.cs),
              unit: pack.multiple > 1 ? 'box' : b.unit,
              value,
            });
          }
        }
      }
    }
    for (let i = combos.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [combos[i], combos[j]] = [combos[j]!, combos[i]!];
    }
    for (let i = 0; i < PRODUCT_COUNT; i++) {
      const c = combos[i % combos.length]!;
      const rec: DemoRecord = Object.assign(this.meta(this.setupMs + this.int(0, 400) * DAY, this.adminId), {
        code: `P${10_001 + i}`,
        name: c.pl,
        nameCs: c.cs,
        unit: c.unit,
        unitValue: c.value,
        ean: ean13(this.rng),
        active: true,
      });
      this.products.push({ id: rec.id, unitValue: c.value, unit: c.unit });
      yield { collection: 'products', record: rec };
    }
  }

  // ---- clients ----

  /** Round robin within a country keeps every rep near the same client count (≤ 300 at L). */
  private nextRep(c: Country): number {
    const list = this.repsBy[c];
    return list[this.rrNext[c]++ % list.length]!;
  }

  private client(
    c: Country,
    name: string,
    segment: string,
    taxId: string,
    extra: Record<string, unknown>,
  ): DemoRecord {
    const i = this.made++;
    const city = this.city(c);
    const address = this.address(c, city);
    const repIdx = this.nextRep(c);
    const createdMs = this.todayMs - this.int(30, 4 * 365) * DAY + this.int(8 * 60, 16 * 60) * 60_000;
    const updatedMs = this.chance(0.4)
      ? createdMs + this.int(1, Math.max(1, Math.floor((this.todayMs - createdMs) / DAY))) * DAY
      : createdMs;
    const by = this.pick(this.operatorIds);
    const phone = this.outletPhone(c, city);
    const code = `${c}${pad(i + 1, 7)}`;
    const email = this.outletEmail(c, name);
    // The contract's Client (shared/contract/clients.schema.ts): every nullable field present.
    const rec: DemoRecord = Object.assign(this.meta(createdMs, by, updatedMs, by), {
      name,
      taxId,
      regon: null,
      dic: null,
      parentId: null,
      ...extra,
      segmentId: this.dictId('segment', segment),
      address,
      phone,
      email,
      repId: this.reps[repIdx]!.id,
      status: this.chance(0.92) ? 'active' : 'inactive',
      externalCode: code,
      tags: this.chance(0.12) ? [this.pick(W.CLIENT_TAGS[c])] : [],
    });
    this.clientIds[i] = rec.id;
    this.clientRep[i] = repIdx;
    this.clientCountry[i] = c === 'PL' ? 0 : 1;
    this.clientPhone[i] = phone;
    this.clientCode[i] = code;
    return rec;
  }

  *clients(): Generator<DatasetItem> {
    const plShare = this.repsBy.PL.length / this.reps.length;
    const chainSeq = new Map<string, number>();
    while (this.made < this.N) {
      const c: Country = this.rng() < plShare ? 'PL' : 'CZ';
      const left = this.N - this.made;
      if (left >= 4 && this.chance(0.006)) {
        // A chain: the parent company, then its outlets, which share its tax id (PRODUCT.md §2).
        const { spec: chain, seat } = this.chainSpec(c);
        const taxId = this.taxId(c);
        const parent = this.client(
          c,
          chain.company(seat),
          'franchise',
          taxId,
          c === 'PL' ? { regon: makeRegon(this.rng) } : { dic: `CZ${taxId}` },
        );
        yield { collection: 'clients', record: parent };
        const outlets = Math.min(this.int(3, 20), left - 1);
        const key = `${c}:${chain.brand}`;
        for (let k = 0; k < outlets; k++) {
          const n = (chainSeq.get(key) ?? this.int(1, 40)) + this.int(1, 3);
          chainSeq.set(key, n);
          yield {
            collection: 'clients',
            record: this.client(c, chain.outlet(n), 'franchise', taxId, { parentId: parent.id }),
          };
        }
        continue;
      }
      const segment = rngWeighted(this.rng, SEGMENT_WEIGHTS);
      const name = this.shopName(c, segment);
      const taxId = this.taxId(c);
      const extra =
        c === 'PL'
          ? this.chance(0.5)
            ? { regon: makeRegon(this.rng) }
            : {}
          : this.chance(0.7)
            ? { dic: `CZ${taxId}` }
            : {};
      yield { collection: 'clients', record: this.client(c, name, segment, taxId, extra) };
    }
    this.forgetTaxIds();
  }

  // ---- contacts: 1–4 per client, exactly size.contacts in all ----

  private spreadContacts(): void {
    const { N, perClient } = this;
    const total = this.size.contacts;
    const base = Math.floor(total / N);
    perClient.fill(base);
    for (let k = base * N; k < total; k++) perClient[k % N]!++;
    for (let k = 0; k < N; k++) {
      const a = this.int(0, N - 1);
      const b = this.int(0, N - 1);
      if (perClient[a]! > 1 && perClient[b]! < 4) {
        perClient[a]!--;
        perClient[b]!++;
      }
    }
    for (let i = 0; i < N; i++) this.contactStart[i + 1] = this.contactStart[i]! + perClient[i]!;
  }

  /**
   * Consents as the contract has them: a channel with no decision is absent; a decision has its
   * history (granted; in one case in ten withdrawn later).
   */
  private consents(by: string, since: number): Pick<Contact, 'consents' | 'consentHistory'> {
    const consents: Contact['consents'] = {};
    const consentHistory: Contact['consentHistory'] = [];
    for (const channel of CONSENT_CHANNELS) {
      const roll = this.rng();
      if (roll < 0.3) continue;
      const at = since + this.int(0, 200) * DAY;
      consentHistory.push({ channel, granted: true, at: isoAt(at), source: this.pick(CONSENT_SOURCES), by });
      consents[channel] = true;
      if (roll < 0.9) continue;
      consentHistory.push({
        channel,
        granted: false,
        at: isoAt(at + this.int(1, 300) * DAY),
        source: this.pick(CONSENT_SOURCES),
        by,
      });
      consents[channel] = false;
    }
    return { consents, consentHistory };
  }

  private contact(i: number, j: number): DemoRecord {
    const c = this.countryOf(i);
    const person = this.contactPerson(c, this.clientPhone[i]!);
    const proposed = this.chance(0.05);
    // A proposed contact is made by the client's rep (contacts:propose), the rest by an operator.
    const by = proposed ? this.reps[this.clientRep[i]!]!.id : this.pick(this.operatorIds);
    const createdMs = this.todayMs - this.int(1, 3 * 365) * DAY + this.int(8 * 60, 16 * 60) * 60_000;
    const rec: DemoRecord = Object.assign(this.meta(createdMs, by), {
      clientId: this.clientIds[i],
      firstName: person.firstName,
      surname: person.surname,
      position: person.position,
      phones: person.phones,
      emails: person.emails,
      notes: '',
      status: proposed ? 'proposed' : 'confirmed',
      ...this.consents(by, createdMs),
    });
    this.contactIds[j] = rec.id;
    this.contactPhone[j] = person.phones[0] ?? '';
    return rec;
  }

  *contacts(): Generator<DatasetItem> {
    this.spreadContacts();
    for (let i = 0; i < this.N; i++) {
      for (let k = 0; k < this.perClient[i]!; k++)
        yield { collection: 'contacts', record: this.contact(i, this.contactStart[i]! + k) };
    }
  }

  // ---- local actions (built before budgets, which must cover them) ----

  private action(numbers: Map<string, number>, modes: string[], reasons: string[]): DemoRecord {
    const { todayMs } = this;
    const ci = this.int(0, this.N - 1);
    const ri = this.clientRep[ci]!;
    const rep = this.reps[ri]!;
    const c = this.countryOf(ci);
    const start = addDays(this.opts.today, this.int(-240, 45));
    const end = addDays(start, this.int(7, 45));
    // Registered 1–20 working days before the start, and never after today (an action starting
    // next week was registered already, not next week).
    const registeredMs = Math.min(
      dayMs(start) - this.int(1, 20) * DAY + this.int(8 * 60, 17 * 60) * 60_000,
      todayMs - DAY + 15 * 3_600_000,
    );
    const regMonth = isoAt(registeredMs).slice(0, 7);
    const startMs = dayMs(start);
    const endMs = dayMs(end);
    let state: LocalAction['state'];
    if (startMs > todayMs)
      state = rngWeighted(this.rng, [
        ['active', 80],
        ['draft', 15],
        ['cancelled', 5],
      ] as const);
    else if (endMs >= todayMs) state = 'active';
    else if (todayMs - endMs < 14 * DAY)
      state = rngWeighted(this.rng, [
        ['active', 40],
        ['recommended', 30],
        ['closed_unsettled', 10],
        ['approved', 15],
        ['returned', 5],
      ] as const);
    else
      state = rngWeighted(this.rng, [
        ['settled', 55],
        ['approved', 10],
        ['closed_unsettled', 15],
        ['rejected', 5],
        ['recommended', 5],
        ['active', 5],
        ['returned', 5],
      ] as const);
    // Amounts only shrink along the way: final ≤ approved ≤ recommended ≤ agreed (PRODUCT.md §3).
    const shrink = (x: number, keep: number, lo: number, hi: number) =>
      this.chance(keep) ? x : Math.round((x * this.int(lo, hi)) / 10_000) * 100;
    const agreed = this.int(4, 60) * 5_000; // 200–3 000 PLN in 50 PLN steps
    const recommended = ['recommended', 'returned', 'approved', 'settled', 'rejected'].includes(state)
      ? shrink(agreed, 0.7, 40, 95)
      : null;
    const approved =
      (state === 'approved' || state === 'settled') && recommended !== null
        ? shrink(recommended, 0.8, 50, 99)
        : null;
    const final = state === 'settled' && approved !== null ? shrink(approved, 0.85, 80, 99) : null;
    const budgetMonth = monthOf(start);
    // What the action holds in its month, as the core sums it (holdsOf in shared/domain/local-actions).
    const charge = ['active', 'recommended', 'returned'].includes(state)
      ? agreed
      : state === 'approved'
        ? approved!
        : state === 'settled'
          ? final!
          : 0;
    const key = `${ri}:${budgetMonth}`;
    this.used.set(key, (this.used.get(key) ?? 0) + charge);
    const numKey = `${rep.code}:${regMonth}`;
    const n = (numbers.get(numKey) ?? 0) + 1;
    numbers.set(numKey, n);
    const number = `LA/${regMonth.slice(0, 4)}/${regMonth.slice(5, 7)}/${rep.code}/${pad(n, 4)}`;
    const lastMs = Math.min(todayMs, Math.max(registeredMs, endMs + this.int(1, 20) * DAY));
    const decidedBy =
      state === 'approved' || state === 'settled' || state === 'rejected' || state === 'returned'
        ? rep.managerId
        : rep.id;
    const conditions = [
      ...new Set(Array.from({ length: this.int(1, 3) }, () => this.pick(W.ACTION_CONDITIONS[c]))),
    ];
    // The draws below keep the order the record literal used to make them in, so that every record
    // generated after the actions (visits, calls…) stays the same.
    const meta = this.meta(
      registeredMs,
      rep.id,
      state === 'draft' || state === 'active' ? registeredMs : lastMs,
      decidedBy,
    );
    const modeCode = this.pick(modes);
    const settlementMethod = this.chance(0.6) ? 'invoice' : 'products';
    const reason = state === 'closed_unsettled' ? this.pick(reasons) : null;
    const productIds = this.chance(0.5)
      ? [...new Set([this.pick(this.products).id, this.pick(this.products).id])]
      : [];
    const mode = W.DICTIONARY_SEEDS.find((d) => d.kind === 'actionMode' && d.code === modeCode)!;
    const history = this.actionHistory(
      state,
      rep,
      { registeredMs, endMs, lastMs, todayMs },
      {
        agreed,
        recommended,
        approved,
        final,
      },
    );
    const approvedAt = history.find((h) => h.event === 'approve')?.at ?? null;
    const rec: Omit<LocalAction, keyof Meta> = {
      number,
      repId: rep.id,
      clientId: this.clientIds[ci]!,
      state,
      title: `${c === 'PL' ? mode.labels.pl : mode.labels.cs} ${start.slice(5, 7)}/${start.slice(0, 4)}`,
      startDate: start,
      endDate: end,
      modeId: this.dictId('actionMode', modeCode),
      description: `${c === 'PL' ? 'Akcja lokalna' : 'Lokální akce'}: ${conditions[0]!.toLowerCase()}`,
      conditions,
      settlementMethod,
      agreedAmount: agreed,
      budgetMonth,
      productIds,
      recommendedAmount: recommended,
      justification:
        recommended === null
          ? ''
          : recommended === agreed
            ? c === 'PL'
              ? 'Warunki spełnione na każdej wizycie.'
              : 'Podmínky splněny při každé návštěvě.'
            : c === 'PL'
              ? 'Warunki spełnione częściowo: brak zdjęć z części wizyt.'
              : 'Podmínky splněny částečně: z některých návštěv chybí fotografie.',
      approvedAmount: approved,
      order:
        approved === null || approvedAt === null
          ? null
          : this.settlementOrder(settlementMethod, approved, approvedAt, number, agreed),
      finalAmount: final,
      closeReasonId: reason === null ? null : this.dictId('failureReason', reason),
      registeredAt: state === 'draft' ? null : isoAt(registeredMs),
      history,
    };
    return Object.assign(meta, rec);
  }

  /** The decided steps that led to `state`, each by whom the rules allow (rep or manager). */
  private actionHistory(
    state: LocalAction['state'],
    rep: Rep,
    t: { registeredMs: number; endMs: number; lastMs: number; todayMs: number },
    amounts: { agreed: number; recommended: number | null; approved: number | null; final: number | null },
  ): LocalAction['history'] {
    const out: LocalAction['history'] = [];
    const add = (
      ms: number,
      by: string,
      event: LocalAction['history'][number]['event'],
      to: LocalAction['state'],
      amount: number | null = null,
      note = '',
    ) =>
      out.push({
        at: isoAt(ms),
        by,
        event,
        from: out.length ? out[out.length - 1]!.to : null,
        to,
        note,
        amount,
      });
    add(t.registeredMs - 20 * 60_000, rep.id, 'create', 'draft');
    if (state === 'draft') return out;
    add(t.registeredMs, rep.id, 'register', 'active', amounts.agreed);
    if (state === 'active') return out;
    if (state === 'cancelled') {
      add(t.registeredMs + Math.floor((t.todayMs - t.registeredMs) / 2), rep.id, 'cancel', 'cancelled');
      return out;
    }
    // After the end: the rep assesses a day or so later, the manager decides by lastMs.
    const assessedMs = Math.min(t.lastMs, t.endMs + DAY + 10 * 3_600_000);
    if (state === 'closed_unsettled') {
      add(assessedMs, rep.id, 'close', 'closed_unsettled', null, 'Warunki niespełnione.');
      return out;
    }
    add(assessedMs, rep.id, 'recommend', 'recommended', amounts.recommended);
    if (state === 'recommended') return out;
    const decidedMs = Math.max(assessedMs + 3_600_000, t.lastMs - 3 * DAY);
    if (state === 'returned') add(decidedMs, rep.managerId, 'return', 'returned', null, 'Proszę o zdjęcia.');
    else if (state === 'rejected') add(decidedMs, rep.managerId, 'reject', 'rejected', null, 'Brak dowodów.');
    else {
      add(decidedMs, rep.managerId, 'approve', 'approved', amounts.approved);
      if (state === 'settled')
        add(Math.max(decidedMs + 3_600_000, t.lastMs), rep.managerId, 'settle', 'settled', amounts.final);
    }
    return out;
  }

  /** What the manager ordered HQ to pay: an invoice for the amount, or goods worth at most it. */
  private settlementOrder(
    method: 'invoice' | 'products',
    approved: number,
    approvedAt: string,
    number: string,
    salt: number,
  ): LocalAction['order'] {
    if (method === 'invoice')
      return {
        kind: 'invoice',
        invoiceNumber: `FV/${approvedAt.slice(0, 4)}/${approvedAt.slice(5, 7)}/${number.slice(-8)}`,
        invoiceDate: approvedAt.slice(0, 10),
        netAmount: approved,
      };
    const p = this.products[(salt / 5_000) % this.products.length]!;
    const quantity = p.unitValue > 0 && p.unitValue <= approved ? Math.floor(approved / p.unitValue) : 1;
    return {
      kind: 'products',
      lines: [{ productId: p.id, quantity, unitValue: quantity === 1 ? approved : p.unitValue }],
    };
  }

  planActions(): DemoRecord[] {
    const numbers = new Map<string, number>();
    const modes = W.DICTIONARY_SEEDS.filter((d) => d.kind === 'actionMode').map((d) => d.code);
    const reasons = W.DICTIONARY_SEEDS.filter((d) => d.kind === 'failureReason').map((d) => d.code);
    return Array.from({ length: this.size.localActions }, () => this.action(numbers, modes, reasons));
  }

  *budgetsAndPlans(): Generator<DatasetItem> {
    const firstOf = (month: string) => Math.min(this.todayMs, dayMs(`${month}-01`) - this.int(3, 10) * DAY);
    for (let ri = 0; ri < this.reps.length; ri++) {
      const rep = this.reps[ri]!;
      for (const month of this.months) {
        const used = this.used.get(`${ri}:${month}`) ?? 0;
        // Keeps "reserved + committed ≤ budget" (PRODUCT.md §3) true for the generated actions.
        const amount = Math.max(this.int(8, 20) * 100_000, Math.ceil((used * 1.25) / 100_000) * 100_000);
        yield {
          collection: 'budgets',
          // The key as budgets.service.ts looks a rep's month up.
          record: Object.assign(this.meta(firstOf(month), rep.managerId), {
            key: `${rep.id}|${month}`,
            repId: rep.id,
            month,
            amount,
            note: '',
          }),
        };
      }
    }
    for (const rep of this.reps) {
      for (const month of this.months) {
        // Contacts are calls and visits done, so they are at least the meetings (plans.schema.ts).
        const targets = {
          contacts: this.int(160, 260),
          meetings: this.int(100, 150),
          deals: this.int(5, 20),
        };
        yield {
          collection: 'salesPlans',
          // The shape and key plans.service.ts reads.
          record: Object.assign(this.meta(firstOf(month), rep.managerId), {
            key: `${rep.id}|${month}`,
            repId: rep.id,
            month,
            targets,
            note: '',
          }),
        };
      }
    }
  }

  // ---- visits, calls, deals, order lines ----

  private prepareVisits(): void {
    this.repClients = this.reps.map(() => []);
    for (let i = 0; i < this.N; i++) this.repClients[this.clientRep[i]!]!.push(i);
    for (let d = -VISIT_DAYS_BACK; d <= VISIT_DAYS_AHEAD; d++) {
      const date = addDays(this.opts.today, d);
      const dow = new Date(dayMs(date)).getUTCDay();
      if (dow !== 0 && dow !== 6) this.workdays.push(date);
    }
  }

  private visit(v: number): DemoRecord {
    const ri = v % this.reps.length;
    const rep = this.reps[ri]!;
    const mine = this.repClients[ri]!;
    const ci = mine.length ? mine[this.int(0, mine.length - 1)]! : this.int(0, this.N - 1);
    const c = this.countryOf(ci);
    const date = this.pick(this.workdays);
    const dMs = dayMs(date);
    const minutes = this.int(32, 67) * 15; // 08:00–16:45
    const time = `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
    let status: string;
    if (dMs < this.todayMs)
      status = rngWeighted(this.rng, [
        ['done', 90],
        ['cancelled', 6],
        ['missed', 4],
      ] as const);
    else if (dMs === this.todayMs) status = this.chance(0.5) ? 'done' : 'planned';
    else status = this.chance(0.95) ? 'planned' : 'cancelled';
    const createdMs =
      Math.min(dMs - this.int(1, 14) * DAY, this.todayMs - DAY) + this.int(7 * 60, 18 * 60) * 60_000;
    const durationMin = this.int(2, 6) * 15;
    // Completion stamped at the visit's end; office time taken as UTC+1, close enough for demo data.
    const doneMs = dMs + (minutes + durationMin - 60) * 60_000;
    return Object.assign(this.meta(createdMs, rep.id, status === 'done' ? doneMs : createdMs), {
      clientId: this.clientIds[ci],
      repId: rep.id,
      contactId: this.contactIds[this.randomContact(ci)],
      date,
      time,
      durationMin,
      status,
      subject: this.pick(W.VISIT_SUBJECTS[c]),
      // Every field of the contract's Visit, empty where there is nothing (the core answers with
      // the record as stored, and checks its answers against the contract in tests).
      result: status === 'done' ? this.pick(W.VISIT_RESULTS[c]) : '',
      notes: this.chance(0.1)
        ? c === 'PL'
          ? 'Klient prosi o kontakt przed dostawą.'
          : 'Zákazník žádá o telefonát před dodávkou.'
        : '',
      seriesId: null,
    });
  }

  *visits(): Generator<DatasetItem> {
    this.prepareVisits();
    for (let v = 0; v < this.size.visits; v++) yield { collection: 'visits', record: this.visit(v) };
  }

  private call(k: number): DemoRecord {
    const ci = this.int(0, this.N - 1);
    const cj = this.randomContact(ci);
    const rep = this.reps[this.clientRep[ci]!]!;
    const atMs = this.workMoment(this.int(0, 180));
    const status = rngWeighted(this.rng, CALL_STATUS_WEIGHTS);
    const imported = this.chance(0.6);
    const at = isoAt(atMs);
    return Object.assign(this.meta(atMs + 60_000, imported ? this.pick(this.operatorIds) : rep.id), {
      // The contract's shape (shared/contract/calls.schema.ts).
      startedAt: at,
      direction: this.chance(0.6) ? 'out' : 'in',
      number: this.contactPhone[cj] || this.clientPhone[ci]!,
      clientId: this.clientIds[ci],
      contactId: this.contactIds[cj],
      userId: rep.id,
      statusId: this.dictId('callStatus', status),
      durationSec: status === 'no_answer' || status === 'busy' ? 0 : this.int(20, 900),
      source: imported ? 'imported' : 'manual',
      note: '',
      triage: null,
      candidates: [],
      externalId: null as string | null,
      // The telephony's call id: what makes a re-import skip calls it already has.
      ...(imported ? { externalId: `cdr-${at.slice(0, 10).replace(/-/g, '')}-${pad(k + 1, 7)}` } : {}),
    });
  }

  *calls(): Generator<DatasetItem> {
    for (let k = 0; k < this.size.calls; k++) yield { collection: 'calls', record: this.call(k) };
  }

  private deal(): DemoRecord {
    const ci = this.int(0, this.N - 1);
    const rep = this.reps[this.clientRep[ci]!]!;
    const closedAt = addDays(this.opts.today, -this.int(0, 365));
    const ms = dayMs(closedAt) + this.int(8 * 60, 17 * 60) * 60_000;
    return Object.assign(this.meta(ms, rep.id), {
      clientId: this.clientIds[ci],
      repId: rep.id,
      title: this.pick(DEAL_TITLES[this.countryOf(ci)]),
      closedAt,
      value: this.int(5, 800) * 10_000,
      outcome: this.chance(0.6) ? 'won' : 'lost',
      note: '',
    });
  }

  *deals(): Generator<DatasetItem> {
    for (let k = 0; k < this.size.deals; k++) yield { collection: 'deals', record: this.deal() };
  }

  private orderLine(
    ci: number,
    date: string,
    ms: number,
    by: string,
    invoiceNo: string,
    line: number,
  ): DemoRecord {
    // Squaring skews toward the first products: every client has a few it orders most.
    const p = this.products[Math.floor(this.rng() ** 2 * this.products.length)]!;
    const quantity = p.unit === 'box' ? this.int(1, 5) : this.int(1, 48);
    const discount = this.int(0, 15);
    return Object.assign(this.meta(ms, by), {
      externalKey: `${invoiceNo}/${line}`,
      invoiceNo,
      clientId: this.clientIds[ci],
      clientKey: this.clientCode[ci],
      date,
      productId: p.id,
      quantity,
      netValue: Math.round((quantity * p.unitValue * (100 - discount)) / 100),
    });
  }

  /** Invoices of 1–10 lines imported from the ERP, the morning after their date. */
  *orderLines(): Generator<DatasetItem> {
    let lines = 0;
    for (let invoice = 1; lines < this.size.orderLines; invoice++) {
      const ci = this.int(0, this.N - 1);
      const date = addDays(this.opts.today, -this.int(1, 365));
      const ms = dayMs(date) + DAY + this.int(6 * 60, 8 * 60) * 60_000;
      const by = this.pick(this.operatorIds);
      const invoiceNo = `FV/${date.slice(0, 4)}/${date.slice(5, 7)}/${pad(invoice, 7)}`;
      const count = Math.min(this.int(1, 10), this.size.orderLines - lines);
      for (let l = 1; l <= count; l++, lines++)
        yield { collection: 'orderLines', record: this.orderLine(ci, date, ms, by, invoiceNo, l) };
    }
  }
}

/**
 * Yields the dataset record by record, parents before children (office, users, teams,
 * dictionaries, products, clients — chain parents before their outlets — contacts, budgets, sales
 * plans, local actions, visits, calls, deals, order lines). Users come before teams although a
 * team names its manager: a rep names his team too, and one of the two has to go first.
 */
export function* generateDataset(opts: DatasetOptions): Generator<DatasetItem, void, undefined> {
  const b = new DatasetBuilder(opts);
  yield { collection: 'offices', record: b.office() };
  yield* b.usersAndTeams();
  yield* b.dictionaries();
  yield* b.productCatalogue();
  yield* b.clients();
  yield* b.contacts();
  const actions = b.planActions();
  yield* b.budgetsAndPlans();
  for (const record of actions) yield { collection: 'localActions', record };
  actions.length = 0;
  yield* b.visits();
  yield* b.calls();
  yield* b.deals();
  yield* b.orderLines();
}
