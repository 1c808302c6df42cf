import { describe, expect, it } from 'vitest';
import type { DuplicateReason } from '../contract/clients.schema';
import type { ProbeCandidate } from './duplicate-probe';
import { probeDuplicates } from './duplicate-probe';
import type { ScanClient, ScanContact } from './duplicate-scan';
import { SCAN_NAME_THRESHOLD, SCAN_STREET_THRESHOLD } from './duplicate-scan';
import { rngChance, rngDigits, rngInt, rngPick, seededRng } from './rng';
import { nameKey, nameSimilarity, sameStreet, streetKey } from './similarity';
import { fold } from './text';

// New records against the base: the same rules as the scan, found without comparing every pair.

const CITIES = ['Łódź', 'Kraków', 'Brno', 'Plzeň'];
const WORDS = ['Groszek', 'Żabka', 'Lewiatan', 'Potraviny', 'Řeznictví', 'Delikatesy', 'Kiosk', 'Sklep'];
const SURNAMES = ['Nowak', 'Kowalski', 'Dvořák', 'Novák', 'Wiśniewska', 'Černý', 'Zieliński', 'Mazur'];

function base(n: number, seed: number): { clients: ScanClient[]; contacts: ScanContact[] } {
  const rng = seededRng(seed);
  const clients: ScanClient[] = [];
  const contacts: ScanContact[] = [];
  for (let k = 0; k < n; k++) {
    const id = `c${String(k).padStart(5, '0')}`;
    clients.push({
      id,
      name: `${rngPick(rng, WORDS)} ${rngPick(rng, SURNAMES)} ${rngInt(rng, 1, 40)}`,
      taxId: rngChance(rng, 0.7) ? rngDigits(rng, 4) : null,
      parentId: null,
      phone: rngChance(rng, 0.5) ? `+48${rngDigits(rng, 4)}` : null,
      email: rngChance(rng, 0.3) ? `b${rngDigits(rng, 3)}@x.pl` : null,
      address: {
        street: rngChance(rng, 0.8) ? `Polna ${rngInt(rng, 1, 30)}` : '',
        city: rngPick(rng, CITIES),
        postalCode: rngChance(rng, 0.5) ? `9${rngDigits(rng, 1)}-001` : '',
      },
      archived: rngChance(rng, 0.05),
    });
    if (rngChance(rng, 0.4))
      contacts.push({
        clientId: id,
        phones: [`+48${rngDigits(rng, 4)}`],
        emails: [`k${rngDigits(rng, 3)}@Y.pl`],
      });
  }
  return { clients, contacts };
}

/** Every candidate against every live client and every earlier candidate, rule by rule. */
function brute(clients: ScanClient[], contacts: ScanContact[], cands: ProbeCandidate[]) {
  type Rec = ScanClient & { phones: Set<string>; emails: Set<string> };
  const recs: Array<{ ref: string; r: Rec }> = clients
    .filter((c) => !c.archived)
    .map((c) => ({
      ref: c.id,
      r: {
        ...c,
        phones: new Set([
          ...(c.phone ? [c.phone] : []),
          ...contacts.filter((p) => p.clientId === c.id).flatMap((p) => p.phones),
        ]),
        emails: new Set(
          [
            ...(c.email ? [c.email] : []),
            ...contacts.filter((p) => p.clientId === c.id).flatMap((p) => p.emails),
          ].map((e) => e.toLowerCase()),
        ),
      },
    }));
  return cands.map((cand, i) => {
    const me: Rec = {
      ...cand,
      id: `#${i}`,
      phones: new Set([...(cand.phone ? [cand.phone] : []), ...cand.phones]),
      emails: new Set([...(cand.email ? [cand.email] : []), ...cand.emails].map((e) => e.toLowerCase())),
    };
    const got = new Map<string, DuplicateReason[]>();
    for (const { ref, r } of recs) {
      const reasons: DuplicateReason[] = [];
      if (
        me.taxId &&
        me.taxId === r.taxId &&
        (me.parentId ?? me.id) !== (r.parentId ?? r.id) &&
        me.parentId !== r.id
      )
        reasons.push('tax_id');
      if ([...me.phones].some((p) => r.phones.has(p))) reasons.push('phone');
      if ([...me.emails].some((e) => r.emails.has(e))) reasons.push('email');
      const sameArea =
        (!!me.address.postalCode && me.address.postalCode === r.address.postalCode) ||
        (!!me.address.city && fold(me.address.city) === fold(r.address.city));
      if (
        sameArea &&
        nameKey(me.name) &&
        nameKey(r.name) &&
        nameSimilarity(me.name, r.name) >= SCAN_NAME_THRESHOLD &&
        sameStreet(streetKey(me.address.street), streetKey(r.address.street), SCAN_STREET_THRESHOLD)
      )
        reasons.push('name_address');
      if (reasons.length) got.set(ref, reasons);
    }
    recs.push({ ref: `#${i}`, r: me });
    return got;
  });
}

describe('probeDuplicates', () => {
  it('finds exactly what comparing each new record with everything before it finds', () => {
    const { clients, contacts } = base(1200, 5);
    const rng = seededRng(9);
    const cands: ProbeCandidate[] = [];
    for (let k = 0; k < 300; k++) {
      const like = rngPick(rng, clients);
      cands.push({
        name: rngChance(rng, 0.5)
          ? fold(like.name).toUpperCase() + ' s.r.o.'
          : `Nowy ${rngPick(rng, SURNAMES)} ${k}`,
        taxId: rngChance(rng, 0.3) ? like.taxId : rngChance(rng, 0.5) ? rngDigits(rng, 4) : null,
        parentId: null,
        phone: rngChance(rng, 0.2) ? `+48${rngDigits(rng, 4)}` : null,
        email: null,
        phones: rngChance(rng, 0.3) ? [`+48${rngDigits(rng, 4)}`] : [],
        emails: rngChance(rng, 0.2) ? [`K${rngDigits(rng, 3)}@y.pl`] : [],
        address: {
          ...like.address,
          street: rngChance(rng, 0.5) ? like.address.street : `Polna ${rngInt(rng, 1, 30)}`,
        },
      });
    }
    const got = probeDuplicates(clients, contacts, cands);
    const want = brute(clients, contacts, cands);
    let found = 0;
    got.forEach((suspects, i) => {
      const asMap = new Map(suspects.map((s) => [s.clientId ?? `#${s.index}`, s.reasons]));
      expect(asMap).toEqual(want[i]);
      found += suspects.length;
    });
    // The data is made so that many candidates have suspects of every kind.
    expect(found).toBeGreaterThan(100);
  });

  it('does not suspect an outlet for its chain’s tax id, but does another row of the file', () => {
    const parent: ScanClient = {
      id: 'p',
      name: 'Sieć Groszek',
      taxId: '7251801126',
      parentId: null,
      phone: null,
      email: null,
      address: { street: '', city: 'Łódź', postalCode: '90-001' },
    };
    const outlet = (name: string): ProbeCandidate => ({
      name,
      taxId: '7251801126',
      parentId: 'p',
      phone: null,
      email: null,
      phones: [],
      emails: ['sklep@groszek.pl'],
      address: { street: 'Długa 1', city: 'Kraków', postalCode: '30-001' },
    });
    const [a, b] = probeDuplicates([parent], [], [outlet('Groszek Bałuty'), outlet('Sklep przy Widzewie')]);
    expect(a).toEqual([]);
    expect(b).toEqual([{ clientId: null, index: 0, reasons: ['email'], score: 0.9 }]);
  });
});
