import type { DuplicateReason } from '../contract/clients.schema';
import type { ScanClient, ScanContact } from './duplicate-scan';
import { SCAN_NAME_THRESHOLD, SCAN_STREET_THRESHOLD } from './duplicate-scan';
import { dice, houseNumber, nameKey, sameShop, streetKey, trigrams } from './similarity';
import { fold } from './text';

// New records (the rows of an import) checked against the base and against each other, with the
// rules of the scan and of the warning on entry (PRODUCT.md §4): the same tax id outside one chain,
// the same phone or e-mail (a client's own or a contact person's), a similar name at a similar
// address (same folded city or postal code; same house number where both have one; sameShop).
// Where the scan compares the base with itself, this only compares each new record with what is
// there already (and the new records before it):
// - exact keys are looked up in maps built once from the base,
// - names: per area (city, postal code) touched by a new record, every name (base and new) is
//   filed under its prefix — its rarest n − α + 1 trigrams in the area's order, where α is the
//   overlap Dice ≥ t needs — and a new name is compared only with the names in its prefix's
//   buckets (two names that similar always share a prefix trigram: see prefixLength in
//   duplicate-scan.ts). The probe thus costs about what the scan costs for the new names alone.

export interface ProbeSuspect {
  /** The existing client, or null when the suspect is another new record. */
  clientId: string | null;
  /** The index of the other new record (when clientId is null). */
  index: number | null;
  reasons: DuplicateReason[];
  score: number;
}

export interface ProbeCandidate extends Omit<ScanClient, 'id'> {
  /** The candidate's contact persons' phones and e-mails (normalised as stored). */
  phones: readonly string[];
  emails: readonly string[];
}

const REASON_ORDER: readonly DuplicateReason[] = ['tax_id', 'phone', 'email', 'name_address'];

interface Named {
  /** A base client's id, or `#<index>` for a new record. */
  ref: string;
  key: string;
  /** Trigram numbers, ascending. */
  grams: Int32Array;
  streetGrams: Set<string> | null;
  house: string | null;
}

function prefixLength(n: number): number {
  const alpha = Math.ceil((n * SCAN_NAME_THRESHOLD) / (2 - SCAN_NAME_THRESHOLD) - 1e-9);
  return Math.min(n, Math.max(1, n - alpha + 1));
}

/** Dice coefficient of two ascending arrays of distinct numbers. */
function diceSorted(x: Int32Array, y: Int32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    const a = x[i]!;
    const b = y[j]!;
    if (a === b) {
      common++;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return (2 * common) / (x.length + y.length);
}

const areaKeys = (city: string, postal: string): string[] =>
  [city.trim() ? `c:${fold(city.trim())}` : '', postal.trim() ? `p:${postal.trim()}` : ''].filter(Boolean);

/** The probe, run to its end in one go. */
export function probeDuplicates(
  base: Iterable<ScanClient>,
  contacts: Iterable<ScanContact>,
  candidates: readonly ProbeCandidate[],
): ProbeSuspect[][] {
  const g = probeDuplicatesGen(base, contacts, candidates);
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}

/**
 * For each candidate, in order, the existing clients (and earlier candidates) it may duplicate.
 * `base` and `contacts` are the store's records (archived ones are skipped here). A generator that
 * yields every few hundred steps, so the core can run it in slices (runSliced).
 */
export function* probeDuplicatesGen(
  base: Iterable<ScanClient>,
  contacts: Iterable<ScanContact>,
  candidates: readonly ProbeCandidate[],
): Generator<void, ProbeSuspect[][]> {
  let steps = 0;
  /** Counts work towards the next yield (every ~512 units). */
  const tick = (cost = 1): boolean => {
    steps += cost;
    if (steps < 512) return false;
    steps = 0;
    return true;
  };
  const live = new Map<string, ScanClient>();
  for (const c of base) if (!c.archived) live.set(c.id, c);

  // ---- exact keys of the base (candidates are added as they come) ----
  const byTax = new Map<string, string[]>();
  const byPhone = new Map<string, Set<string>>();
  const byEmail = new Map<string, Set<string>>();
  const push = (m: Map<string, Set<string>>, k: string, ref: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(ref);
  };
  const families = new Map<string, string>();
  for (const c of live.values()) {
    if (tick()) yield;
    families.set(c.id, c.parentId ?? c.id);
    if (c.taxId) {
      const l = byTax.get(c.taxId);
      if (l) l.push(c.id);
      else byTax.set(c.taxId, [c.id]);
    }
    if (c.phone) push(byPhone, c.phone, c.id);
    if (c.email) push(byEmail, c.email.toLowerCase(), c.id);
  }
  for (const p of contacts) {
    if (p.archived || p.erased || !live.has(p.clientId)) continue;
    for (const ph of p.phones) push(byPhone, ph, p.clientId);
    for (const e of p.emails) push(byEmail, e.toLowerCase(), p.clientId);
  }

  // ---- names: per area touched by a candidate, a prefix-filtered pass ----
  const gramIds = new Map<string, number>();
  const gramId = (g: string): number => {
    let k = gramIds.get(g);
    if (k === undefined) gramIds.set(g, (k = gramIds.size));
    return k;
  };
  const prepare = (ref: string, name: string, street: string): Named | null => {
    const key = nameKey(name);
    if (!key) return null;
    const s = streetKey(street);
    return {
      ref,
      key,
      grams: Int32Array.from(trigrams(key), gramId).sort(),
      streetGrams: s ? trigrams(s) : null,
      house: s ? houseNumber(s) : null,
    };
  };
  const areas = new Map<string, { base: Named[]; cands: Array<{ index: number; n: Named }> }>();
  candidates.forEach((c, index) => {
    const n = prepare(`#${index}`, c.name, c.address.street);
    if (n)
      for (const a of areaKeys(c.address.city, c.address.postalCode)) {
        let e = areas.get(a);
        if (!e) areas.set(a, (e = { base: [], cands: [] }));
        e.cands.push({ index, n });
      }
  });
  for (const c of live.values()) {
    if (tick()) yield;
    const mine = areaKeys(c.address.city, c.address.postalCode).filter((a) => areas.has(a));
    if (!mine.length) continue;
    const n = prepare(c.id, c.name, c.address.street);
    if (n) for (const a of mine) areas.get(a)!.base.push(n);
  }
  /** Per candidate: refs with a similar name at a similar address, and the similarity. */
  const nameHits: Array<Map<string, number>> = candidates.map(() => new Map<string, number>());
  const freq = new Int32Array(gramIds.size);
  for (const { base: inBase, cands } of areas.values()) {
    for (const n of inBase) for (const g of n.grams) freq[g]!++;
    for (const { n } of cands) for (const g of n.grams) freq[g]!++;
    const order = (x: number, y: number) => freq[x]! - freq[y]! || x - y;
    const prefixOf = (n: Named) => Array.from(n.grams).sort(order).slice(0, prefixLength(n.grams.length));
    const buckets = new Map<number, Named[]>();
    const file = (n: Named) => {
      for (const g of prefixOf(n)) {
        const b = buckets.get(g);
        if (b) b.push(n);
        else buckets.set(g, [n]);
      }
    };
    for (const n of inBase) file(n);
    // Candidates in file order: each meets the base and the candidates before it.
    for (const { index, n } of cands) {
      // Comparing costs more than preparing: a yield every 64 names.
      if (tick(8)) yield;
      const seen = new Set<string>();
      const hits = nameHits[index]!;
      for (const g of prefixOf(n)) {
        for (const other of buckets.get(g) ?? []) {
          if (seen.has(other.ref)) continue;
          seen.add(other.ref);
          const m = other.grams.length;
          const k = n.grams.length;
          // Dice ≥ t needs sizes within t/(2 − t) of each other.
          if (2 * Math.min(k, m) < SCAN_NAME_THRESHOLD * (k + m)) continue;
          const sim = diceSorted(n.grams, other.grams);
          if (sim < SCAN_NAME_THRESHOLD) continue;
          if (n.house !== null && other.house !== null && n.house !== other.house) continue;
          if (!sameShop(n.key, other.key)) continue;
          const streetSim = !n.streetGrams || !other.streetGrams ? 1 : dice(n.streetGrams, other.streetGrams);
          if (streetSim >= SCAN_STREET_THRESHOLD)
            hits.set(other.ref, Math.max(hits.get(other.ref) ?? 0, sim));
        }
      }
      file(n);
    }
    for (const n of inBase) for (const g of n.grams) freq[g] = 0;
    for (const { n } of cands) for (const g of n.grams) freq[g] = 0;
  }

  // ---- each candidate, in order ----
  const out: ProbeSuspect[][] = [];
  for (let index = 0; index < candidates.length; index++) {
    const cand = candidates[index]!;
    if (tick()) yield;
    const self = `#${index}`;
    const family = cand.parentId ?? self;
    const found = new Map<string, { reasons: Set<DuplicateReason>; score: number }>();
    const note = (ref: string, reason: DuplicateReason, score: number) => {
      const f = found.get(ref) ?? { reasons: new Set<DuplicateReason>(), score: 0 };
      f.reasons.add(reason);
      if (score > f.score) f.score = score;
      found.set(ref, f);
    };
    if (cand.taxId)
      for (const ref of byTax.get(cand.taxId) ?? []) {
        // Outlets of one chain (and the chain itself) carry the same tax id on purpose.
        if (families.get(ref) === family || ref === cand.parentId) continue;
        note(ref, 'tax_id', 1);
      }
    const phones = new Set([...(cand.phone ? [cand.phone] : []), ...cand.phones]);
    const emails = new Set([...(cand.email ? [cand.email] : []), ...cand.emails].map((e) => e.toLowerCase()));
    for (const ph of phones) for (const ref of byPhone.get(ph) ?? []) note(ref, 'phone', 0.9);
    for (const e of emails) for (const ref of byEmail.get(e) ?? []) note(ref, 'email', 0.9);
    for (const [ref, sim] of nameHits[index]!) note(ref, 'name_address', sim);
    out.push(
      [...found.entries()]
        .map(([ref, f]) => ({
          clientId: ref.startsWith('#') ? null : ref,
          index: ref.startsWith('#') ? Number(ref.slice(1)) : null,
          reasons: REASON_ORDER.filter((r) => f.reasons.has(r)),
          score: Math.round(f.score * 100) / 100,
        }))
        .sort((x, y) => y.score - x.score),
    );
    // Later candidates are checked against this one too (a file that lists a shop twice).
    if (cand.taxId) {
      const l = byTax.get(cand.taxId);
      if (l) l.push(self);
      else byTax.set(cand.taxId, [self]);
    }
    families.set(self, family);
    for (const ph of phones) push(byPhone, ph, self);
    for (const e of emails) push(byEmail, e, self);
  }
  return out;
}
