import type { DuplicateReason } from '../contract/clients.schema';
import type { ScanClient, ScanContact } from './duplicate-scan';
import { SCAN_NAME_THRESHOLD, SCAN_STREET_THRESHOLD } from './duplicate-scan';
import { dice, houseNumber, nameKey, streetKey, trigrams } from './similarity';
import { fold } from './text';

// New records (the rows of an import) checked against the base and against each other, with the
// rules of the scan and of the warning on entry (PRODUCT.md §4): the same tax id outside one chain,
// the same phone or e-mail (a client's own or a contact person's), a similar name at a similar
// address (same folded city or postal code; same house number where both have one). Where the scan
// compares the base with itself, this only compares each new record with what is there already
// (and the new records before it), so it costs in proportion to the new records and their areas:
// - exact keys are looked up in maps built once from the base,
// - names: per area (city, postal code) the base's names are indexed under every trigram; a new
//   name is looked up under its rarest trigrams only — the first n − α + 1 of its n trigrams, where
//   α = ⌈n·t/(2 − t)⌉ is how many any name with Dice ≥ t must share with it (by pigeonhole one of
//   them is shared), so nothing the rule would find is missed.

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
  grams: Set<string>;
  street: string;
  streetGrams: Set<string> | null;
  house: string | null;
  family: string;
}

function prefixCount(n: number): number {
  const alpha = Math.ceil((n * SCAN_NAME_THRESHOLD) / (2 - SCAN_NAME_THRESHOLD) - 1e-9);
  return Math.min(n, Math.max(1, n - alpha + 1));
}

/**
 * For each candidate, in order, the existing clients (and earlier candidates) it may duplicate.
 * `base` and `contacts` are the store's records (archived ones are skipped here).
 */
export function probeDuplicates(
  base: Iterable<ScanClient>,
  contacts: Iterable<ScanContact>,
  candidates: readonly ProbeCandidate[],
): ProbeSuspect[][] {
  const live = new Map<string, ScanClient>();
  for (const c of base) if (!c.archived) live.set(c.id, c);
  const familyOf = (id: string, parentId: string | null) => parentId ?? id;

  // Exact keys of the base (and, as they come, of the candidates).
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
    families.set(c.id, familyOf(c.id, c.parentId));
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

  // Names by area, only for the areas the candidates are in.
  const areaKeys = (city: string, postal: string) =>
    [city ? `c:${fold(city.trim())}` : '', postal.trim() ? `p:${postal.trim()}` : ''].filter(Boolean);
  const wanted = new Set<string>();
  for (const c of candidates) for (const k of areaKeys(c.address.city, c.address.postalCode)) wanted.add(k);
  /** Per area: trigram → the names (indexes into `named`) that contain it. */
  const postings = new Map<string, Map<string, number[]>>();
  const named: Named[] = [];
  const file = (n: Named, areas: string[]) => {
    const at = named.push(n) - 1;
    for (const a of areas) {
      if (!wanted.has(a)) continue;
      let m = postings.get(a);
      if (!m) postings.set(a, (m = new Map<string, number[]>()));
      for (const g of n.grams) {
        const l = m.get(g);
        if (l) l.push(at);
        else m.set(g, [at]);
      }
    }
  };
  const prepare = (ref: string, name: string, street: string, family: string): Named | null => {
    const key = nameKey(name);
    if (!key) return null;
    const s = streetKey(street);
    return {
      ref,
      grams: trigrams(key),
      street: s,
      streetGrams: s ? trigrams(s) : null,
      house: s ? houseNumber(s) : null,
      family,
    };
  };
  for (const c of live.values()) {
    const areas = areaKeys(c.address.city, c.address.postalCode).filter((a) => wanted.has(a));
    if (!areas.length) continue;
    const n = prepare(c.id, c.name, c.address.street, families.get(c.id)!);
    if (n) file(n, areas);
  }

  const out: ProbeSuspect[][] = [];
  candidates.forEach((cand, index) => {
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
        const fam = families.get(ref);
        if (fam === family || ref === cand.parentId) continue;
        note(ref, 'tax_id', 1);
      }
    const phones = new Set([...(cand.phone ? [cand.phone] : []), ...cand.phones]);
    const emails = new Set([...(cand.email ? [cand.email] : []), ...cand.emails].map((e) => e.toLowerCase()));
    for (const ph of phones) for (const ref of byPhone.get(ph) ?? []) note(ref, 'phone', 0.9);
    for (const e of emails) for (const ref of byEmail.get(e) ?? []) note(ref, 'email', 0.9);

    const areas = areaKeys(cand.address.city, cand.address.postalCode);
    const me = prepare(self, cand.name, cand.address.street, family);
    if (me) {
      const grams = [...me.grams];
      const seen = new Set<number>();
      for (const a of areas) {
        const m = postings.get(a);
        if (!m) continue;
        // The rarest trigrams of this name in this area first.
        grams.sort((x, y) => (m.get(x)?.length ?? 0) - (m.get(y)?.length ?? 0));
        for (const g of grams.slice(0, prefixCount(grams.length))) {
          for (const at of m.get(g) ?? []) {
            if (seen.has(at)) continue;
            seen.add(at);
            const other = named[at]!;
            const sim = dice(me.grams, other.grams);
            if (sim < SCAN_NAME_THRESHOLD) continue;
            if (me.house !== null && other.house !== null && me.house !== other.house) continue;
            const streetSim =
              !me.streetGrams || !other.streetGrams ? 1 : dice(me.streetGrams, other.streetGrams);
            if (streetSim >= SCAN_STREET_THRESHOLD) note(other.ref, 'name_address', sim);
          }
        }
      }
    }
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
    if (me) file(me, areas);
  });
  return out;
}
