import type { Rng } from '../../../shared/domain/rng';
import { rngChance, rngDigits, rngInt, rngPick, rngWeighted } from '../../../shared/domain/rng';
import { makeIco, makeNip } from '../../../shared/domain/tax-ids';
import type { ChainSpec, CitySpec, Country, SurnamePair } from './names.pl-cs';
import * as W from './names.pl-cs';

// The pieces both demo datasets are made of — people, shop names, addresses, phones, e-mails, tax
// ids — drawn from one seeded rng: the benchmark's dataset (dataset.generator.ts) writes them
// straight into the store, the demo office (demo-clients.plan.ts) sends them through the core's
// commands. Everything is valid by the contract's rules (NIP/IČO checksums, postal codes of the
// city's range, phones that libphonenumber accepts, plain e-mail addresses).

export interface Person {
  firstName: string;
  surname: string;
  female: boolean;
}

/** A client's address in the contract's shape (shared/contract/clients.schema.ts AddressInput). */
export interface FakeAddress {
  street: string;
  city: string;
  postalCode: string;
  country: Country;
}

/** The fields of a contact person that come from the faker (ContactFields without clientId). */
export interface FakePerson {
  firstName: string;
  surname: string;
  position: string;
  phones: string[];
  emails: string[];
}

/** Segments as the dataset names them, with how common each is among independent shops. */
export const SEGMENT_WEIGHTS = [
  ['traditional', 55],
  ['delicatessen', 15],
  ['supermarket', 8],
  ['kiosk', 8],
  ['petrol', 6],
  ['horeca', 5],
  ['wholesale', 3],
] as const;
export type FakeSegment = (typeof SEGMENT_WEIGHTS)[number][0];

const PL_CW = W.PL_CITIES.map((c) => [c, c.weight] as const);
const CZ_CW = W.CZ_CITIES.map((c) => [c, c.weight] as const);
const plQuote = (s: string) => `„${s}”`;
const csQuote = (s: string) => `„${s}“`; // Czech closes with the high 6-quote, Polish with the 9-quote

export const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** ASCII for logins, e-mails and rep codes: 'Łukasz Wróbel' → 'Lukasz Wrobel' (ł has no NFD form). */
export function asciiFold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
}

export function slug(s: string, sep = '.'): string {
  const out = asciiFold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .slice(0, 28);
  return out.replace(/^[.-]+|[.-]+$/g, '') || 'sklep';
}

export function postalCode(country: Country, n: number): string {
  const s = pad(n, 5);
  return country === 'PL' ? `${s.slice(0, 2)}-${s.slice(2)}` : `${s.slice(0, 3)} ${s.slice(3)}`;
}

export class FakeData {
  private readonly taxIds = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(readonly rng: Rng) {}

  int(a: number, b: number): number {
    return rngInt(this.rng, a, b);
  }
  chance(p: number): boolean {
    return rngChance(this.rng, p);
  }
  pick<T>(xs: readonly T[]): T {
    return rngPick(this.rng, xs);
  }

  person(country: Country): Person {
    const female = this.chance(0.55);
    const first =
      country === 'PL' ? (female ? W.PL_FIRST_F : W.PL_FIRST_M) : female ? W.CZ_FIRST_F : W.CZ_FIRST_M;
    const pair: SurnamePair = this.pick(country === 'PL' ? W.PL_SURNAMES : W.CZ_SURNAMES);
    return { firstName: this.pick(first), surname: female ? pair[1] : pair[0], female };
  }
  mobile(country: Country): string {
    return this.uniquePhone(
      country === 'PL'
        ? `+48${this.pick(W.PL_MOBILE)}${rngDigits(this.rng, 7)}`
        : `+420${this.pick(W.CZ_MOBILE)}${rngDigits(this.rng, 6)}`,
    );
  }
  landline(country: Country, city: CitySpec): string {
    return this.uniquePhone(
      country === 'PL'
        ? `+48${city.area}${rngDigits(this.rng, 7)}`
        : `+420${city.area}${rngDigits(this.rng, 9 - city.area.length)}`,
    );
  }
  /**
   * A number no one else of this run has (two unrelated shops sharing a phone by chance is what
   * the duplicate scan reports — at L random draws collided dozens of times). A taken number is
   * counted up in its last digits, without drawing from the rng.
   */
  private uniquePhone(p: string): string {
    while (this.phones.has(p)) {
      const tail = p.slice(-4);
      p = p.slice(0, -4) + String((Number(tail) + 1) % 10_000).padStart(4, '0');
    }
    this.phones.add(p);
    return p;
  }
  emailDomain(country: Country): string {
    return this.pick(country === 'PL' ? W.PL_EMAIL_DOMAINS : W.CZ_EMAIL_DOMAINS);
  }
  personEmail(p: Pick<Person, 'firstName' | 'surname'>, country: Country): string {
    return this.uniqueEmail(
      `${slug(p.firstName)}.${slug(p.surname)}${this.chance(0.3) ? String(this.int(1, 99)) : ''}`,
      this.emailDomain(country),
    );
  }
  /**
   * An address no one else of this run has: in a real base two shops or two people do not share a
   * mailbox by chance, and a shared one is what the duplicate scan reports. A number is added to a
   * taken local part (without drawing from the rng, so the rest of the data stays the same).
   */
  private uniqueEmail(local: string, domain: string): string {
    let e = `${local}@${domain}`;
    for (let k = 2; this.emails.has(e.toLowerCase()); k++) e = `${local}${k}@${domain}`;
    this.emails.add(e.toLowerCase());
    return e;
  }

  /** A NIP (PL) or IČO (CZ) no other client of this run has. */
  taxId(c: Country): string {
    for (;;) {
      const t = c === 'PL' ? makeNip(this.rng) : makeIco(this.rng);
      if (!this.taxIds.has(t)) {
        this.taxIds.add(t);
        return t;
      }
    }
  }
  forgetTaxIds(): void {
    this.taxIds.clear();
  }

  city(c: Country): CitySpec {
    return rngWeighted(this.rng, c === 'PL' ? PL_CW : CZ_CW);
  }

  /** Street and number in the country's style: 'ul. Długa 12A/3', 'Masarykova 1234/56'. */
  street(c: Country): string {
    const street = this.pick(c === 'PL' ? W.PL_STREETS : W.CZ_STREETS);
    const no =
      c === 'PL'
        ? `${this.int(1, 180)}${this.chance(0.1) ? this.pick(['A', 'B', 'C']) : ''}${this.chance(0.25) ? `/${this.int(1, 40)}` : ''}`
        : this.chance(0.7)
          ? `${this.int(100, 3500)}/${this.int(1, 90)}`
          : String(this.int(1, 300));
    return `${street} ${no}`;
  }

  address(c: Country, city: CitySpec = this.city(c)): FakeAddress {
    return {
      street: this.street(c),
      city: city.name,
      postalCode: postalCode(c, this.int(city.postal[0], city.postal[1])),
      country: c,
    };
  }

  /** The outlet's own phone (a landline in its city more often than not) and e-mail. */
  outletPhone(c: Country, city: CitySpec): string {
    return this.chance(0.6) ? this.landline(c, city) : this.mobile(c);
  }
  outletEmail(c: Country, name: string): string {
    const local = slug(
      name.replace(/^(Sklep Spożywczy|Sklep|Delikatesy|Potraviny|Smíšené zboží|Večerka)\s+/, ''),
    );
    const domain = this.chance(0.3) ? `${slug(name, '-')}.${c === 'PL' ? 'pl' : 'cz'}` : this.emailDomain(c);
    return this.uniqueEmail(local, domain);
  }

  shopName(c: Country, segment: string): string {
    const p = this.person(c);
    const owner = `${p.firstName} ${p.surname}`;
    if (c === 'PL') {
      const nick = plQuote(this.pick(W.PL_SHOP_NICKS));
      const surnameM = this.pick(W.PL_SURNAMES)[0];
      switch (segment) {
        case 'delicatessen':
          return this.chance(0.6) ? `Delikatesy ${nick}` : `Delikatesy ${surnameM}`;
        case 'supermarket':
          return this.pick([`Market ${nick}`, `Mini Market ${nick}`, `Supermarket ${surnameM}`]);
        case 'kiosk':
          return this.chance(0.6) ? `Kiosk ${nick}` : `Kiosk z prasą ${owner}`;
        case 'petrol':
          return this.chance(0.5) ? `Stacja Paliw ${nick}` : `Stacja Paliw ${surnameM} s.c.`;
        case 'horeca':
          return this.pick([`Restauracja ${nick}`, `Kawiarnia ${nick}`, `Bar ${nick}`]);
        case 'wholesale':
          return this.chance(0.5) ? `Hurtownia Spożywcza ${nick} s.c.` : `Hurtownia ${surnameM} Sp. z o.o.`;
        default:
          return this.pick([
            `Sklep Spożywczy ${nick}`,
            `Sklep Spożywczo-Przemysłowy ${nick}`,
            `Sklep ${owner}`,
            `Sklep Osiedlowy ${nick}`,
            `P.H.U. ${nick} ${owner}`,
          ]);
      }
    }
    const u = this.pick(W.CZ_SHOP_U);
    const nick = this.pick(W.CZ_SHOP_NICKS);
    const surnameM = this.pick(W.CZ_SURNAMES)[0];
    switch (segment) {
      case 'delicatessen':
        return this.pick([`Lahůdky ${csQuote(nick)}`, `Lahůdky ${surnameM}`, `Pekařství ${surnameM}`]);
      case 'supermarket':
        return this.chance(0.5) ? `Minimarket ${nick}` : `Supermarket ${nick}`;
      case 'kiosk':
        return this.chance(0.5) ? `Trafika ${nick}` : `Trafika U ${u}`;
      case 'petrol':
        return this.chance(0.5) ? `Čerpací stanice ${nick}` : `ČS ${surnameM}`;
      case 'horeca':
        return this.pick([`Restaurace U ${u}`, `Kavárna ${nick}`, `Hospoda U ${u}`]);
      case 'wholesale':
        return this.chance(0.5) ? `Velkoobchod ${surnameM} s.r.o.` : `Velkoobchod potravin ${nick}`;
      default:
        return this.pick([
          `Potraviny U ${u}`,
          `Smíšené zboží ${surnameM}`,
          `Potraviny ${owner}`,
          `Večerka ${nick}`,
          `Samoobsluha ${nick}`,
        ]);
    }
  }

  /** A franchise chain and the city its parent company sits in. */
  chainSpec(c: Country): { spec: ChainSpec; seat: string } {
    const spec = this.pick(c === 'PL' ? W.PL_CHAINS : W.CZ_CHAINS);
    return { spec, seat: this.city(c).name };
  }

  /**
   * A contact person of a shop: usually a mobile, sometimes a second number (often the shop's
   * own), an e-mail seven times in ten; `pNoPhone` of them have no phone at all.
   */
  contactPerson(c: Country, shopPhone: string | null, pNoPhone = 0.05): FakePerson {
    const p = this.person(c);
    const phones = this.chance(1 - pNoPhone) ? [this.mobile(c)] : [];
    if (this.chance(0.15)) {
      const second = this.chance(0.5) && shopPhone ? shopPhone : this.mobile(c);
      if (!phones.includes(second)) phones.push(second);
    }
    return {
      firstName: p.firstName,
      surname: p.surname,
      position: this.pick(W.POSITIONS[c])[p.female ? 1 : 0],
      phones,
      emails: this.chance(0.7) ? [this.personEmail(p, c)] : [],
    };
  }
}
