import { randomUUID } from 'node:crypto';
import type { ImportTarget } from '../../shared/contract/imports.schema';
import type { ProbeCandidate } from '../../shared/domain/duplicate-probe';
import { normalizeEmail, normalizePhone, normalizePostalCode } from '../../shared/domain/contact-data';
import { seededRng } from '../../shared/domain/rng';
import { makeNip, normalizeNip } from '../../shared/domain/tax-ids';
import { asciiFold, FakeData } from '../../main/core/demo/fake-data';
import type { Country } from '../../main/core/demo/names.pl-cs';

// What the dedupe benchmark plants in the generated client base, and the import file it reads.
//
// Positives: a client of the base typed again the way offices do it — without diacritics, in
// capitals, with or without the legal form, "ul." dropped, a typo, words swapped (each with no tax
// id, phone or e-mail, so only the name-at-an-address rule can find it), or another name that
// shares one exact key: the tax id, the shop's phone written another way, a contact person's phone,
// the e-mail in another case. Hard negatives must NOT be reported: a new outlet of a chain (the
// parent's tax id, a similar "nr N" name, the same street at another number), another shop of the
// same generic name on the same street at another number, the same name and street in another city.
//
// The import: 10 000 Polish rows (Windows-1250, semicolons, Polish headers): new clients, updates by
// external code, bad rows, and rows that duplicate a client of the base.

export type Rec = Record<string, unknown> & { id: string };
interface Address {
  street: string;
  city: string;
  postalCode: string;
  country: Country;
}
export type ClientRec = Rec & {
  name: string;
  taxId: string | null;
  parentId: string | null;
  phone: string | null;
  email: string | null;
  address: Address;
  externalCode: string | null;
};
export type ContactRec = Rec & { clientId: string; phones: string[]; emails: string[] };

export interface PlantedPair {
  kind: string;
  /** The client of the base. */
  a: string;
  /** The planted one. */
  b: string;
}

export const POSITIVE_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['no_diacritics', 'name, street and city typed without diacritics; no tax id, phone or e-mail'],
  ['capitals', 'name and city in capitals; no tax id, phone or e-mail'],
  ['legal_form', 'legal form added or dropped ("sp. z o.o.", "s.c.", "s.r.o."); no tax id, phone or e-mail'],
  [
    'street_no_ul',
    '"ul." dropped from the street (CZ: "/56" of the number dropped); no tax id, phone or e-mail',
  ],
  [
    'typo',
    'one typo in the name (two letters swapped, one dropped, doubled or replaced); no tax id, phone or e-mail',
  ],
  ['words_swapped', 'the name’s words in another order; no tax id, phone or e-mail'],
  ['same_tax_id', 'the same NIP / IČO (typed with dashes) under another name at another address'],
  [
    'phone_formatted',
    'the shop’s phone written another way ("42 630 12 34", "0048…") under another name and street',
  ],
  ['contact_phone', 'a contact person with the shop’s contact person’s phone, under another name and street'],
  ['email_case', 'the shop’s e-mail in another case under another name and street'],
];

export const NEGATIVE_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['chain_outlet', 'a new outlet of a chain: parent’s tax id, "nr N" name, same street at another number'],
  ['same_street_other_number', 'another shop of the same name on the same street at another house number'],
  ['other_city', 'the same name and the same street and number in another city'],
];

export interface Planted {
  clients: ClientRec[];
  contacts: ContactRec[];
  positives: PlantedPair[];
  negatives: PlantedPair[];
}

const LEGAL = /\s+(sp\.\s*z\s*o\.\s*o\.|s\.\s*c\.|s\.\s*r\.\s*o\.|sp\.\s*j\.)$/i;

/** Keys offices press by mistake, for the typo kind. */
function typo(name: string, f: FakeData): string {
  const words = name.split(' ');
  let w = 0;
  for (let k = 0; k < words.length; k++)
    if (/^\p{L}{5,}$/u.test(words[k]!) && words[k]!.length >= (words[w]?.length ?? 0)) w = k;
  const word = words[w]!;
  const i = f.int(1, word.length - 2);
  let out: string;
  switch (f.int(0, 3)) {
    case 0:
      out = word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
      break;
    case 1:
      out = word.slice(0, i) + word.slice(i + 1);
      break;
    case 2:
      out = word.slice(0, i) + word[i]! + word.slice(i);
      break;
    default:
      out = word.slice(0, i) + (word[i] === 'a' ? 'e' : 'a') + word.slice(i + 1);
  }
  words[w] = out;
  return words.join(' ');
}

/** A phone in E.164 as people write it. */
function phoneTyped(e164: string, f: FakeData): string {
  const pl = e164.startsWith('+48');
  const n = e164.slice(pl ? 3 : 4);
  const groups3 = n.match(/.{1,3}/g)!.join(' ');
  const choices = pl
    ? [
        groups3,
        `0048 ${n}`,
        `+48 ${groups3}`,
        `(${n.slice(0, 2)}) ${n.slice(2, 5)}-${n.slice(5, 7)}-${n.slice(7)}`,
        `${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7)}`,
      ]
    : [groups3, `00420 ${n}`, `+420 ${groups3}`, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`];
  return f.pick(choices);
}

function emailOtherCase(e: string, f: FakeData): string {
  const at = e.lastIndexOf('@');
  const local = e.slice(0, at);
  const domain = e.slice(at + 1);
  return f.chance(0.5)
    ? `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}`
    : e.toUpperCase();
}

/** Swaps the name's words: the first word goes last, or a quoted nick comes first. */
function swapWords(name: string): string {
  const words = name.split(' ');
  if (words.length < 2) return name;
  return [...words.slice(1), words[0]!].join(' ');
}

export function plant(
  clients: readonly ClientRec[],
  contacts: readonly ContactRec[],
  perKind: number,
  seed: string,
): Planted {
  const f = new FakeData(seededRng(`${seed}:dedupe-plant`));
  const phones = new Set<string>();
  const emails = new Set<string>();
  const taxIds = new Set<string>();
  const parents = new Set<string>();
  for (const c of clients) {
    if (c.phone) phones.add(c.phone);
    if (c.email) emails.add(c.email.toLowerCase());
    if (c.taxId) taxIds.add(c.taxId);
    if (c.parentId) parents.add(c.parentId);
  }
  const contactsOf = new Map<string, ContactRec[]>();
  for (const p of contacts) {
    for (const ph of p.phones) phones.add(ph);
    for (const e of p.emails) emails.add(e.toLowerCase());
    const l = contactsOf.get(p.clientId);
    if (l) l.push(p);
    else contactsOf.set(p.clientId, [p]);
  }
  const freshMobile = (c: Country) => {
    for (;;) {
      const m = f.mobile(c);
      if (!phones.has(m)) {
        phones.add(m);
        return m;
      }
    }
  };
  const freshTax = (c: Country) => {
    for (;;) {
      const t = f.taxId(c);
      if (!taxIds.has(t)) {
        taxIds.add(t);
        return t;
      }
    }
  };
  const meta = clients[0]!;
  let code = 0;
  const out: Planted = { clients: [], contacts: [], positives: [], negatives: [] };
  const used = new Set<string>();
  const independent = clients.filter((c) => !c.parentId && !parents.has(c.id));
  const outlets = clients.filter((c) => c.parentId);
  const pickFrom = (pool: readonly ClientRec[], ok: (c: ClientRec) => boolean): ClientRec => {
    for (let tries = 0; tries < 100_000; tries++) {
      const c = pool[f.int(0, pool.length - 1)]!;
      if (!used.has(c.id) && ok(c)) {
        used.add(c.id);
        return c;
      }
    }
    throw new Error('no client left to plant a pair on');
  };
  const make = (o: ClientRec, over: Partial<ClientRec>): ClientRec => {
    const rec: ClientRec = {
      ...o,
      id: randomUUID(),
      createdAt: meta.createdAt,
      updatedAt: meta.createdAt,
      createdBy: meta.createdBy,
      updatedBy: meta.createdBy,
      name: o.name,
      taxId: null,
      regon: null,
      dic: null,
      parentId: null,
      address: { ...o.address },
      phone: null,
      email: null,
      externalCode: `DUP${String(++code).padStart(6, '0')}`,
      tags: [],
      ...over,
    };
    out.clients.push(rec);
    return rec;
  };
  const person = (client: ClientRec, phonesOf: string[]) => {
    const p = f.contactPerson(client.address.country, null, 0);
    out.contacts.push({
      id: randomUUID(),
      createdAt: meta.createdAt,
      updatedAt: meta.createdAt,
      createdBy: meta.createdBy,
      updatedBy: meta.createdBy,
      clientId: client.id,
      firstName: p.firstName,
      surname: p.surname,
      position: p.position,
      phones: phonesOf,
      emails: [],
      notes: '',
      status: 'confirmed',
      consents: {},
      consentHistory: [],
    });
  };
  /** Another shop's name and street in the same city (the exact-key kinds). */
  const elsewhere = (o: ClientRec): Partial<ClientRec> => ({
    name: f.shopName(o.address.country, 'grocery'),
    address: { ...o.address, street: f.street(o.address.country) },
  });
  const norm = (raw: string, c: Country): string => {
    const p = normalizePhone(raw, c);
    if (!p) throw new Error(`planted phone ${raw} does not normalise`);
    return p;
  };

  for (const [kind] of POSITIVE_KINDS) {
    for (let k = 0; k < perKind; k++) {
      let o: ClientRec;
      let copy: ClientRec;
      switch (kind) {
        case 'no_diacritics':
          o = pickFrom(independent, (c) => asciiFold(c.name) !== c.name);
          copy = make(o, {
            name: asciiFold(o.name),
            address: {
              ...o.address,
              street: asciiFold(o.address.street),
              city: asciiFold(o.address.city),
            },
          });
          break;
        case 'capitals':
          o = pickFrom(independent, () => true);
          copy = make(o, {
            name: o.name.toLocaleUpperCase('pl'),
            address: { ...o.address, city: o.address.city.toLocaleUpperCase('pl') },
          });
          break;
        case 'legal_form': {
          o = pickFrom(independent, () => true);
          const cz = o.address.country === 'CZ';
          const name = LEGAL.test(o.name)
            ? o.name.replace(LEGAL, '')
            : `${o.name} ${cz ? 's.r.o.' : f.pick(['sp. z o.o.', 'Sp. z o.o.', 's.c.'])}`;
          copy = make(o, { name });
          break;
        }
        case 'street_no_ul':
          o = pickFrom(independent, (c) =>
            c.address.country === 'PL' ? c.address.street.startsWith('ul. ') : c.address.street.includes('/'),
          );
          copy = make(o, {
            address: {
              ...o.address,
              street:
                o.address.country === 'PL'
                  ? o.address.street.slice(3)
                  : o.address.street.replace(/\/\d+$/, ''),
            },
          });
          break;
        case 'typo':
          o = pickFrom(independent, (c) => /\p{L}{5,}/u.test(c.name));
          copy = make(o, { name: typo(o.name, f) });
          break;
        case 'words_swapped':
          o = pickFrom(independent, (c) => c.name.split(' ').length >= 2);
          copy = make(o, { name: swapWords(o.name) });
          break;
        case 'same_tax_id': {
          o = pickFrom(independent, (c) => c.taxId !== null && c.address.country === 'PL');
          const t = o.taxId!;
          const typed = `${t.slice(0, 3)}-${t.slice(3, 6)}-${t.slice(6, 8)}-${t.slice(8)}`;
          const c = f.city('PL');
          copy = make(o, {
            name: f.shopName('PL', 'grocery'),
            address: f.address('PL', c),
            taxId: normalizeNip(typed),
          });
          break;
        }
        case 'phone_formatted':
          o = pickFrom(independent, (c) => c.phone !== null);
          copy = make(o, {
            ...elsewhere(o),
            phone: norm(phoneTyped(o.phone!, f), o.address.country),
          });
          if (copy.phone !== o.phone) throw new Error(`${o.phone} typed as ${copy.phone}`);
          break;
        case 'contact_phone': {
          o = pickFrom(
            independent,
            (c) => (contactsOf.get(c.id) ?? []).some((p) => p.phones.length > 0) && c.phone !== null,
          );
          const theirs = contactsOf.get(o.id)!.find((p) => p.phones.length > 0)!.phones[0]!;
          copy = make(o, elsewhere(o));
          person(copy, [norm(phoneTyped(theirs, f), o.address.country)]);
          break;
        }
        default: {
          o = pickFrom(independent, (c) => c.email !== null);
          const typed = emailOtherCase(o.email!, f);
          copy = make(o, { ...elsewhere(o), email: normalizeEmail(typed) });
        }
      }
      // The copy's own contact person (a fresh mobile): what the office recorded the second time.
      if (kind !== 'contact_phone' && f.chance(0.6)) person(copy, [freshMobile(o.address.country)]);
      out.positives.push({ kind, a: o.id, b: copy.id });
    }
  }

  const otherNumber = (street: string): string => {
    const m = /^(.*?)(\d+)(.*)$/.exec(street);
    if (!m) return `${street} ${f.int(1, 9)}`;
    const n = Number(m[2]);
    return `${m[1]}${n + f.int(1, 9) * (n > 20 ? -1 : 1)}`;
  };
  for (const [kind] of NEGATIVE_KINDS) {
    for (let k = 0; k < perKind; k++) {
      let o: ClientRec;
      let neg: ClientRec;
      switch (kind) {
        case 'chain_outlet': {
          o = pickFrom(outlets, (c) => /\d+$/.test(c.name) && /\d/.test(c.address.street));
          const n = Number(/(\d+)$/.exec(o.name)![1]);
          neg = make(o, {
            name: o.name.replace(/\d+$/, String(n + f.int(1, 3))),
            taxId: o.taxId,
            parentId: o.parentId,
            address: { ...o.address, street: otherNumber(o.address.street) },
            phone: freshMobile(o.address.country),
          });
          break;
        }
        case 'same_street_other_number':
          o = pickFrom(independent, (c) => /\d/.test(c.address.street));
          neg = make(o, {
            taxId: freshTax(o.address.country),
            address: { ...o.address, street: otherNumber(o.address.street) },
            phone: freshMobile(o.address.country),
          });
          break;
        default: {
          o = pickFrom(independent, () => true);
          let city = f.city(o.address.country);
          while (city.name === o.address.city) city = f.city(o.address.country);
          const a = f.address(o.address.country, city);
          neg = make(o, {
            taxId: freshTax(o.address.country),
            address: { ...a, street: o.address.street },
            phone: freshMobile(o.address.country),
          });
        }
      }
      out.negatives.push({ kind, a: o.id, b: neg.id });
    }
  }
  return out;
}

// ---- the import file ----

export const IMPORT_COLUMNS: ReadonlyArray<readonly [string, ImportTarget]> = [
  ['Kod klienta', 'externalCode'],
  ['Nazwa', 'name'],
  ['NIP', 'taxId'],
  ['Ulica', 'street'],
  ['Miasto', 'city'],
  ['Kod pocztowy', 'postalCode'],
  ['Telefon', 'phone'],
  ['E-mail', 'email'],
  ['Imię', 'contactFirstName'],
  ['Nazwisko', 'contactSurname'],
  ['Stanowisko', 'contactPosition'],
  ['Telefon osoby kontaktowej', 'contactPhone'],
  ['E-mail osoby kontaktowej', 'contactEmail'],
  ['Zgoda e-mail', 'contactEmailConsent'],
  ['Data zgody', 'contactConsentDate'],
];

export interface ImportFile {
  /** Header row first. */
  rows: string[][];
  mapping: ImportTarget[];
  planned: { new: number; updated: number; error: number; duplicate: number };
  /** Spreadsheet row numbers (header = 1) of the planted bad rows and duplicate rows. */
  errorRows: Set<number>;
  duplicateRows: Set<number>;
  /** The rows that are new clients (new and planted duplicates), as the dry run's probe sees them. */
  candidates: ProbeCandidate[];
}

export function importFile(
  clients: readonly ClientRec[],
  contacts: readonly ContactRec[],
  counts: { new: number; updated: number; error: number; duplicate: number },
  seed: string,
  /** Clients not to touch (the planted pairs). */
  avoid: ReadonlySet<string>,
): ImportFile {
  const f = new FakeData(seededRng(`${seed}:dedupe-import`));
  const rng = seededRng(`${seed}:dedupe-import-nip`);
  const phones = new Set<string>();
  const emails = new Set<string>();
  const taxIds = new Set<string>();
  const parents = new Set<string>();
  for (const c of clients) {
    if (c.phone) phones.add(c.phone);
    if (c.email) emails.add(c.email.toLowerCase());
    if (c.taxId) taxIds.add(c.taxId);
    if (c.parentId) parents.add(c.parentId);
  }
  for (const p of contacts) {
    for (const ph of p.phones) phones.add(ph);
    for (const e of p.emails) emails.add(e.toLowerCase());
  }
  const unique = (set: Set<string>, make: () => string, key = (s: string) => s) => {
    for (;;) {
      const v = make();
      if (!set.has(key(v))) {
        set.add(key(v));
        return v;
      }
    }
  };
  const freshEmail = (e: string) => {
    const at = e.lastIndexOf('@');
    let v = e;
    for (let k = 2; emails.has(v.toLowerCase()); k++) v = `${e.slice(0, at)}${k}${e.slice(at)}`;
    emails.add(v.toLowerCase());
    return v;
  };
  const typedNip = (t: string) =>
    f.chance(0.5) ? `${t.slice(0, 3)}-${t.slice(3, 6)}-${t.slice(6, 8)}-${t.slice(8)}` : t;
  const pl = clients.filter((c) => c.address.country === 'PL' && !avoid.has(c.id));
  const plIndependent = pl.filter((c) => !c.parentId && !parents.has(c.id));
  const taken = new Set<string>();
  const take = (pool: readonly ClientRec[]): ClientRec => {
    for (;;) {
      const c = pool[f.int(0, pool.length - 1)]!;
      if (!taken.has(c.id)) {
        taken.add(c.id);
        return c;
      }
    }
  };

  const rows: string[][] = [IMPORT_COLUMNS.map(([h]) => h)];
  const candidates: ProbeCandidate[] = [];
  const errorRows = new Set<number>();
  const duplicateRows = new Set<number>();
  let code = 0;
  const nextCode = () => `IMP${String(++code).padStart(6, '0')}`;
  interface Row {
    code: string;
    name: string;
    nip: string;
    street: string;
    city: string;
    postal: string;
    phone: string;
    email: string;
    person: boolean;
    contactEmail?: string;
  }
  const push = (r: Row, kind: 'new' | 'update' | 'error' | 'duplicate') => {
    let first = '';
    let surname = '';
    let position = '';
    let cPhone = '';
    let cEmail = '';
    let consent = '';
    let consentDate = '';
    if (r.person) {
      const p = f.contactPerson('PL', null, 0);
      first = p.firstName;
      surname = p.surname;
      position = p.position;
      cPhone = phoneTyped(
        unique(phones, () => f.mobile('PL')),
        f,
      );
      cEmail =
        r.contactEmail ??
        (f.chance(0.6)
          ? freshEmail(p.emails[0] ?? `${asciiFold(first)}.${asciiFold(surname)}@wp.pl`.toLowerCase())
          : '');
      if (cEmail && f.chance(0.5)) {
        consent = f.pick(['tak', 'nie', 'TAK', 'Tak']);
        consentDate = `${f.int(1, 28)}.${String(f.int(1, 12)).padStart(2, '0')}.202${f.int(3, 5)}`;
      }
    }
    rows.push([
      r.code,
      r.name,
      r.nip,
      r.street,
      r.city,
      r.postal,
      r.phone,
      r.email,
      first,
      surname,
      position,
      cPhone,
      cEmail,
      consent,
      consentDate,
    ]);
    const line = rows.length; // the header is row 1
    if (kind === 'error') errorRows.add(line);
    if (kind === 'duplicate') duplicateRows.add(line);
    if (kind === 'new' || kind === 'duplicate') {
      const cPhones = cPhone ? [normalizePhone(cPhone, 'PL')!] : [];
      candidates.push({
        name: r.name,
        taxId: r.nip ? normalizeNip(r.nip) : null,
        parentId: null,
        phone: r.phone ? normalizePhone(r.phone, 'PL') : null,
        email: r.email ? normalizeEmail(r.email) : null,
        address: {
          street: r.street,
          city: r.city,
          postalCode: normalizePostalCode(r.postal, 'PL') ?? r.postal,
        },
        phones: cPhones,
        emails: cEmail ? [normalizeEmail(cEmail)!] : [],
      });
    }
  };
  const newRow = (): Row => {
    const name = f.shopName('PL', f.pick(['traditional', 'traditional', 'delicatessen', 'kiosk', 'horeca']));
    const a = f.address('PL');
    return {
      code: nextCode(),
      name,
      nip: typedNip(unique(taxIds, () => makeNip(rng))),
      street: a.street,
      city: a.city,
      postal: a.postalCode,
      phone: phoneTyped(
        unique(phones, () => f.mobile('PL')),
        f,
      ),
      email: f.chance(0.6) ? freshEmail(f.outletEmail('PL', name)) : '',
      person: f.chance(0.85),
    };
  };

  // The kinds are interleaved, as in a real file: one in ten rows updates, a few are bad or doubled.
  const plan: Array<'new' | 'update' | 'error' | 'duplicate'> = [];
  for (const [k, n] of Object.entries(counts) as Array<[keyof typeof counts, number]>)
    for (let i = 0; i < n; i++) plan.push(k === 'updated' ? 'update' : k);
  for (let i = plan.length - 1; i > 0; i--) {
    const j = f.int(0, i);
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  let errors = 0;
  let dups = 0;
  for (const kind of plan) {
    if (kind === 'new') push(newRow(), 'new');
    else if (kind === 'update') {
      const o = take(pl);
      push(
        {
          code: o.externalCode!,
          name: o.name,
          nip: '',
          street: '',
          city: o.address.city,
          postal: '',
          phone: phoneTyped(
            unique(phones, () => f.mobile('PL')),
            f,
          ),
          email: '',
          person: f.chance(0.85),
        },
        'update',
      );
    } else if (kind === 'error') {
      const r = newRow();
      switch (errors++ % 6) {
        case 0:
        case 1: {
          const d = r.nip.replace(/\D/g, '');
          r.nip = d.slice(0, 9) + String((Number(d[9]) + 1) % 10);
          break;
        }
        case 2:
        case 3:
          r.city = '';
          break;
        case 4:
          r.postal = '500 01';
          break;
        default:
          r.person = true;
          r.contactEmail = 'jan.kowalski@wp';
      }
      push(r, 'error');
    } else {
      const o = take(plIndependent);
      const r = newRow();
      switch (dups++ % 3) {
        case 0:
          r.nip = typedNip(o.taxId!);
          break;
        case 1:
          r.name = f.chance(0.5) ? asciiFold(o.name) : o.name.toLocaleUpperCase('pl');
          r.nip = '';
          r.street = o.address.street;
          r.city = o.address.city;
          r.postal = o.address.postalCode;
          r.phone = '';
          r.email = '';
          break;
        default:
          r.phone = o.phone ? phoneTyped(o.phone, f) : r.phone;
          if (!o.phone) r.nip = typedNip(o.taxId!);
      }
      push(r, 'duplicate');
    }
  }
  return {
    rows,
    mapping: IMPORT_COLUMNS.map(([, t]) => t),
    planned: counts,
    errorRows,
    duplicateRows,
    candidates,
  };
}
