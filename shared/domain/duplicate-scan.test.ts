import { describe, expect, it } from 'vitest';
import type { DuplicateReason } from '../contract/clients.schema';
import type { ScanClient, ScanContact, ScanPair } from './duplicate-scan';
import { SCAN_NAME_THRESHOLD, SCAN_STREET_THRESHOLD, pairKey, scanDuplicates } from './duplicate-scan';
import type { Rng } from './rng';
import { rngChance, rngDigits, rngInt, rngPick, seededRng } from './rng';
import { dice, nameKey, sameStreet, trigrams, streetKey } from './similarity';
import { fold } from './text';

// The scan of the whole base: planted pairs are found with their reasons, outlets of one chain
// are never paired for their shared tax id, the answer does not depend on the order of the input,
// and the blocking misses nothing that comparing every pair would find.

const CITIES = ['Łódź', 'Kraków', 'Warszawa', 'Poznań', 'Gdańsk', 'Brno', 'Ostrava', 'Plzeň'];
const PREFIXES = ['Sklep Spożywczy', 'Delikatesy', 'Market', 'Kiosk', 'Potraviny', 'Sklep', 'Hurtownia'];
const SYLLABLES = ['ka', 'ro', 'mi', 'zu', 'le', 'pa', 'ti', 'no', 'wa', 'ře', 'sz', 'ło', 'be', 'du', 'ko'];
const STREETS = ['Piotrkowska', 'Długa', 'Krótka', 'Lipová', 'Polna', 'Leśna', 'Ogrodowa', 'Nádražní'];

const LETTERS = 'aąbcćdeęfghijklłmnńoóprsśtuwyzźżčřšžě';
const word = (rng: Rng) => {
  let w = rngChance(rng, 0.5) ? rngPick(rng, SYLLABLES) : '';
  for (let k = rngInt(rng, 4, 7); k > 0; k--) w += LETTERS[rngInt(rng, 0, LETTERS.length - 1)];
  return w[0]!.toUpperCase() + w.slice(1);
};

interface Generated {
  clients: ScanClient[];
  contacts: ScanContact[];
  planted: Array<{ a: string; b: string; reason: DuplicateReason }>;
}

/** A base of about n clients with chains, contacts and planted duplicate pairs. */
function generate(n: number, seed: number): Generated {
  const rng = seededRng(seed);
  const clients: ScanClient[] = [];
  const contacts: ScanContact[] = [];
  const planted: Generated['planted'] = [];
  let next = 0;
  const id = () => `c${String(next++).padStart(7, '0')}`;
  const make = (parentId: string | null = null, taxId: string | null = null): ScanClient => {
    const city = rngPick(rng, CITIES);
    return {
      id: id(),
      name: `${rngPick(rng, PREFIXES)} ${word(rng)} ${word(rng)}`,
      taxId: taxId ?? (rngChance(rng, 0.8) ? rngDigits(rng, 10) : null),
      parentId,
      phone: rngChance(rng, 0.6) ? `+48${rngDigits(rng, 9)}` : null,
      email: rngChance(rng, 0.3) ? `biuro${next}@example.pl` : null,
      address: {
        street: rngChance(rng, 0.9) ? `ul. ${rngPick(rng, STREETS)} ${rngInt(rng, 1, 200)}` : '',
        city,
        postalCode: `${rngInt(rng, 10, 99)}-${rngDigits(rng, 3)}`,
      },
    };
  };
  while (clients.length < n) {
    const roll = rng();
    if (roll < 0.03) {
      // A chain: the parent and outlets carrying its tax id.
      const parent = make(null, rngDigits(rng, 10));
      clients.push(parent);
      for (let k = rngInt(rng, 2, 6); k > 0; k--) clients.push(make(parent.id, parent.taxId));
    } else if (roll < 0.05 && clients.length) {
      // The same shop entered again: the name without diacritics, lower case, with its legal form.
      const orig = rngPick(rng, clients);
      if (orig.parentId) continue;
      const copy: ScanClient = {
        ...make(),
        name: `${fold(orig.name)} sp. z o.o.`,
        address: { ...orig.address, street: orig.address.street.replace('ul. ', '') },
      };
      clients.push(copy);
      planted.push({ a: orig.id, b: copy.id, reason: 'name_address' });
    } else if (roll < 0.06 && clients.length) {
      const orig = rngPick(rng, clients);
      if (orig.parentId || !orig.taxId || clients.some((c) => c.parentId === orig.id)) continue;
      const copy = { ...make(), taxId: orig.taxId };
      clients.push(copy);
      planted.push({ a: orig.id, b: copy.id, reason: 'tax_id' });
    } else if (roll < 0.07 && clients.length) {
      // A contact person of one client whose phone is another client's.
      const orig = rngPick(rng, clients);
      const copy = { ...make(), phone: `+48${rngDigits(rng, 9)}` };
      clients.push(copy);
      contacts.push({ clientId: orig.id, phones: [copy.phone], emails: [] });
      planted.push({ a: orig.id, b: copy.id, reason: 'phone' });
    } else if (roll < 0.08 && clients.length) {
      const orig = rngPick(rng, clients);
      const copy = make();
      const email = `Zakupy${next}@Example.pl`;
      clients.push(copy);
      contacts.push({ clientId: orig.id, phones: [], emails: [email] });
      contacts.push({ clientId: copy.id, phones: [], emails: [email.toLowerCase()] });
      planted.push({ a: orig.id, b: copy.id, reason: 'email' });
    } else {
      const c = make();
      clients.push(c);
      if (rngChance(rng, 0.5))
        contacts.push({ clientId: c.id, phones: [`+48${rngDigits(rng, 9)}`], emails: [] });
    }
  }
  return { clients, contacts, planted };
}

/** Every pair compared with every other: what the scan must find, without its blocking. */
function bruteForce(clients: ScanClient[], contacts: ScanContact[]): Map<string, DuplicateReason[]> {
  const phones = new Map<string, Set<string>>();
  const emails = new Map<string, Set<string>>();
  for (const c of clients) {
    phones.set(c.id, new Set(c.phone ? [c.phone] : []));
    emails.set(c.id, new Set(c.email ? [c.email.toLowerCase()] : []));
  }
  for (const p of contacts) {
    for (const x of p.phones) phones.get(p.clientId)!.add(x);
    for (const x of p.emails) emails.get(p.clientId)!.add(x.toLowerCase());
  }
  const meets = (x: Set<string>, y: Set<string>) => [...x].some((v) => y.has(v));
  const keys = new Map(clients.map((c) => [c.id, nameKey(c.name)]));
  const grams = new Map(clients.map((c) => [c.id, trigrams(keys.get(c.id)!)]));
  const streets = new Map(clients.map((c) => [c.id, streetKey(c.address.street)]));
  const cities = new Map(clients.map((c) => [c.id, fold(c.address.city)]));
  const out = new Map<string, DuplicateReason[]>();
  for (let i = 0; i < clients.length; i++)
    for (let j = i + 1; j < clients.length; j++) {
      const x = clients[i]!;
      const y = clients[j]!;
      const reasons: DuplicateReason[] = [];
      if (x.taxId && x.taxId === y.taxId && (x.parentId ?? x.id) !== (y.parentId ?? y.id))
        reasons.push('tax_id');
      if (meets(phones.get(x.id)!, phones.get(y.id)!)) reasons.push('phone');
      if (meets(emails.get(x.id)!, emails.get(y.id)!)) reasons.push('email');
      const sameArea =
        (!!x.address.postalCode && x.address.postalCode === y.address.postalCode) ||
        (!!x.address.city && cities.get(x.id) === cities.get(y.id));
      if (sameArea && keys.get(x.id) && dice(grams.get(x.id)!, grams.get(y.id)!) >= SCAN_NAME_THRESHOLD) {
        if (sameStreet(streets.get(x.id)!, streets.get(y.id)!, SCAN_STREET_THRESHOLD))
          reasons.push('name_address');
      }
      if (reasons.length) out.set(pairKey(x.id, y.id), reasons);
    }
  return out;
}

const keyed = (pairs: ScanPair[]) => new Map(pairs.map((p) => [`${p.a}|${p.b}`, p]));

function shuffled<T>(items: T[], seed: number): T[] {
  const rng = seededRng(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rngInt(rng, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('scanDuplicates', () => {
  const g = generate(4000, 7);
  const pairs = scanDuplicates(g.clients, g.contacts);
  const byKey = keyed(pairs);

  it('finds every planted pair, with its reason', () => {
    expect(g.planted.length).toBeGreaterThan(100);
    for (const p of g.planted) {
      const found = byKey.get(pairKey(p.a, p.b));
      expect(found, `${p.reason} ${p.a} ${p.b}`).toBeDefined();
      expect(found!.reasons).toContain(p.reason);
    }
  });

  it('never pairs the outlets of one chain (nor an outlet and its parent) for their tax id', () => {
    const family = new Map(g.clients.map((c) => [c.id, c.parentId ?? c.id]));
    expect(g.clients.filter((c) => c.parentId).length).toBeGreaterThan(100);
    for (const p of pairs) if (family.get(p.a) === family.get(p.b)) expect(p.reasons).not.toContain('tax_id');
  });

  it('names each pair once, the smaller id first, strongest first, then by ids', () => {
    expect(byKey.size).toBe(pairs.length);
    for (const p of pairs) expect(p.a < p.b).toBe(true);
    for (let k = 1; k < pairs.length; k++) {
      const x = pairs[k - 1]!;
      const y = pairs[k]!;
      expect(x.score > y.score || (x.score === y.score && `${x.a}|${x.b}` < `${y.a}|${y.b}`)).toBe(true);
    }
  });

  it('does not depend on the order of the input (symmetric, deterministic)', () => {
    expect(scanDuplicates(g.clients, g.contacts)).toEqual(pairs);
    expect(scanDuplicates(shuffled(g.clients, 1), shuffled(g.contacts, 2))).toEqual(pairs);
    expect(scanDuplicates(g.clients.slice().reverse(), g.contacts.slice().reverse())).toEqual(pairs);
  });

  it('misses nothing that comparing every pair finds (the blocking is exact)', () => {
    const small = generate(1500, 11);
    const want = bruteForce(small.clients, small.contacts);
    const got = keyed(scanDuplicates(small.clients, small.contacts));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [k, reasons] of want) expect(got.get(k)!.reasons).toEqual(reasons);
  });

  it('finds similar names in a crowded city, where the blocking matters', () => {
    // Every name shares "sklep spozywczy"; only the rare trigrams tell them apart.
    const rng = seededRng(3);
    const clients: ScanClient[] = [];
    for (let k = 0; k < 1500; k++)
      clients.push({
        id: `x${String(k).padStart(5, '0')}`,
        name: `Sklep Spożywczy ${word(rng)} ${word(rng)}`,
        taxId: null,
        parentId: null,
        phone: null,
        email: null,
        address: { street: '', city: 'Warszawa', postalCode: '' },
      });
    clients.push({ ...clients[42]!, id: 'y1', name: clients[42]!.name.toUpperCase() + ' S.A.' });
    const want = bruteForce(clients, []);
    const got = keyed(scanDuplicates(clients, []));
    expect(got.has(pairKey('x00042', 'y1'))).toBe(true);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  });

  it('tells two shops on one street apart by their house numbers', () => {
    const shop = (id: string, street: string): ScanClient => ({
      id,
      name: 'Sklep Spożywczy Groszek',
      taxId: null,
      parentId: null,
      phone: null,
      email: null,
      address: { street, city: 'Łódź', postalCode: '' },
    });
    const pairs = scanDuplicates(
      [
        shop('a', 'ul. Piotrkowska 10'),
        shop('b', 'Piotrkowska 104/6'),
        shop('c', 'PIOTRKOWSKA 104 m. 2'),
        shop('d', 'Piotrkowska'),
      ],
      [],
    );
    // a≠b, a≠c (10 vs 104); b=c (both 104); d has no number, so it may be any of them.
    expect(pairs.map((p) => `${p.a}|${p.b}`).sort()).toEqual(['a|d', 'b|c', 'b|d', 'c|d']);
  });

  it('leaves out archived clients, erased contacts and the pairs it is told to skip', () => {
    const base: ScanClient = {
      id: 'a',
      name: 'Sklep Ala',
      taxId: '1',
      parentId: null,
      phone: '+48111',
      email: null,
      address: { street: '', city: 'Łódź', postalCode: '90-001' },
    };
    const clients = [base, { ...base, id: 'b' }, { ...base, id: 'c', archived: true }];
    expect(scanDuplicates(clients, []).map((p) => [p.a, p.b, p.reasons, p.score])).toEqual([
      ['a', 'b', ['tax_id', 'phone', 'name_address'], 1],
    ]);
    expect(scanDuplicates(clients, [], { skip: new Set(['a|b']) })).toEqual([]);
    const people = [
      { clientId: 'x1', phones: ['+48999'], emails: [] },
      { clientId: 'x2', phones: ['+48999'], emails: [], erased: true },
    ];
    const far = (id: string): ScanClient => ({ ...base, id, name: id, taxId: null, phone: null });
    expect(scanDuplicates([far('x1'), far('x2')], people)).toEqual([]);
  });

  it('reports its progress and yields in slices', () => {
    const seen: number[] = [];
    scanDuplicates(g.clients, g.contacts, { onProgress: (done, total) => seen.push(done / total) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!).toBeGreaterThanOrEqual(seen[k - 1]!);
  });
});
