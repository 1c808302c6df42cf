import type { DuplicateReason } from '../contract/clients.schema';
import { houseNumber, nameKey, sameShop, streetKey, trigrams, dice } from './similarity';
import { fold } from './text';

// The scan of the whole client base for suspected duplicates (PRODUCT.md §4, issue 5): the same
// rules as the warning on entry (main/core/clients/duplicates.service.ts), applied to every pair,
// without ever looking at every pair. Candidates come from blocks:
// - the same tax id (outside one chain: outlets carry their parent's tax id on purpose),
// - the same phone or e-mail (the client's own or one of its contact persons'),
// - a similar name at a similar address: clients are blocked by folded city and by postal code,
//   and inside a block a name is only compared with the names that share one of its rarest
//   trigrams (prefix filtering: names similar enough always share one, see prefixLength), which
//   keeps a big city from being quadratic. Names (nameKey) and streets (streetKey) are compared as
//   in nameSimilarity: the Dice coefficient of their trigrams.
// Pairs within one chain are not suspects for their tax id only (the entry check's rule).
// Pure: plain records in, pairs out. The work is a generator that yields every few hundred steps,
// so the core can run it in slices and keep serving other calls meanwhile.

/** How alike two names must be, at the same city or postal code, to be a suspect pair. */
export const SCAN_NAME_THRESHOLD = 0.75;
/** Streets this alike (or one of them unknown) count as the same address. */
export const SCAN_STREET_THRESHOLD = 0.6;
/** Scores per reason: the strongest reason decides a pair's score. */
const SCORE: Record<Exclude<DuplicateReason, 'name_address'>, number> = {
  tax_id: 1,
  phone: 0.9,
  email: 0.9,
};
const REASON_ORDER: readonly DuplicateReason[] = ['tax_id', 'phone', 'email', 'name_address'];

export interface ScanClient {
  id: string;
  name: string;
  /** Normalised (as stored). */
  taxId: string | null;
  parentId: string | null;
  phone: string | null;
  email: string | null;
  address: { street: string; city: string; postalCode: string };
  archived?: boolean;
}

export interface ScanContact {
  clientId: string;
  phones: readonly string[];
  emails: readonly string[];
  archived?: boolean;
  erased?: boolean;
}

export interface ScanPair {
  /** The smaller id of the two. */
  a: string;
  b: string;
  reasons: DuplicateReason[];
  /** 1 for the same tax id, 0.9 for a shared phone or e-mail, the name similarity otherwise. */
  score: number;
}

export interface ScanOptions {
  /** Called now and then with the steps done and the steps in all. */
  onProgress?: (done: number, total: number) => void;
  /** Pair keys (`${a}|${b}`, a < b) never to report. */
  skip?: ReadonlySet<string>;
  /** Steps between two yields of the generator (default 256). */
  sliceSteps?: number;
}

/** The key of a pair, whatever the order of the two ids. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}

/** The chain a client belongs to: its parent's id, or its own when it has none. */
const familyOf = (c: ScanClient): string => c.parentId ?? c.id;

interface Prepared {
  c: ScanClient;
  key: string;
  /** The name's trigrams as numbers (see gramId), ascending. */
  grams: Int32Array;
  street: string;
  streetGrams: Set<string> | null;
  /** The house number (see houseNumber): two known, different numbers are different addresses. */
  house: string | null;
}

/** Dice coefficient of two ascending arrays of distinct trigram numbers (as dice() of their sets). */
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

/**
 * How many of its rarest trigrams (in its block's order) a name of `n` trigrams is filed and looked
 * up under. Dice ≥ t needs the other name to have at least n·t/(2 − t) trigrams, so the two share
 * at least α = ⌈n·t/(2 − t)⌉; by the prefix principle two names sharing α trigrams share one among
 * their first n − α + 1 (both in the same order).
 */
function prefixLength(n: number): number {
  const alpha = Math.ceil((n * SCAN_NAME_THRESHOLD) / (2 - SCAN_NAME_THRESHOLD) - 1e-9);
  return Math.min(n, Math.max(1, n - alpha + 1));
}

/**
 * The scan as a generator: yields (undefined) every `sliceSteps` steps, returns the pairs sorted by
 * score (descending), then by ids. Drive it with runSync / a sliced runner.
 */
export function* scanDuplicatesGen(
  clients: Iterable<ScanClient>,
  contacts: Iterable<ScanContact>,
  opts: ScanOptions = {},
): Generator<void, ScanPair[]> {
  const sliceSteps = opts.sliceSteps ?? 256;
  const skip = opts.skip;
  const live: ScanClient[] = [];
  for (const c of clients) if (!c.archived) live.push(c);
  const byId = new Map<string, ScanClient>();
  for (const c of live) byId.set(c.id, c);
  const contactList: ScanContact[] = [];
  for (const p of contacts) if (!p.archived && !p.erased && byId.has(p.clientId)) contactList.push(p);

  // Steps: preparing each client, each contact, then comparing within each client's blocks.
  const total = live.length * 2 + contactList.length;
  let done = 0;
  let sinceYield = 0;
  /**
   * Counts n steps done; `cost` weighs the work towards the next yield (n unless told). True when
   * the caller should yield (after reporting the progress). A plain function, not a delegated
   * generator: a generator object per step was a third of the scan's time in allocations and GC.
   */
  const step = (n = 1, cost = n): boolean => {
    done += n;
    sinceYield += cost;
    if (sinceYield < sliceSteps) return false;
    sinceYield = 0;
    opts.onProgress?.(done, total);
    return true;
  };

  const found = new Map<string, { a: string; b: string; reasons: Set<DuplicateReason>; score: number }>();
  const note = (x: string, y: string, reason: DuplicateReason, score: number) => {
    if (x === y) return;
    const key = pairKey(x, y);
    if (skip?.has(key)) return;
    let f = found.get(key);
    if (!f) {
      const [a, b] = x < y ? [x, y] : [y, x];
      found.set(key, (f = { a, b, reasons: new Set(), score: 0 }));
    }
    f.reasons.add(reason);
    if (score > f.score) f.score = score;
  };

  // ---- exact keys: tax id, phone, e-mail ----
  const taxBlocks = new Map<string, ScanClient[]>();
  const phoneBlocks = new Map<string, Set<string>>();
  const emailBlocks = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, id: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(id);
  };
  const prepared: Prepared[] = [];
  /** Names by folded city and by postal code (a client is in at most two blocks). */
  const areaBlocks = new Map<string, Prepared[]>();
  const gramIds = new Map<string, number>();
  const gramId = (g: string): number => {
    let k = gramIds.get(g);
    if (k === undefined) gramIds.set(g, (k = gramIds.size));
    return k;
  };
  for (const c of live) {
    if (c.taxId) {
      let list = taxBlocks.get(c.taxId);
      if (!list) taxBlocks.set(c.taxId, (list = []));
      list.push(c);
    }
    if (c.phone) add(phoneBlocks, c.phone, c.id);
    if (c.email) add(emailBlocks, c.email.toLowerCase(), c.id);
    const key = nameKey(c.name);
    const street = streetKey(c.address.street);
    const grams = key ? Int32Array.from(trigrams(key), gramId).sort() : new Int32Array(0);
    const p: Prepared = {
      c,
      key,
      grams,
      street,
      streetGrams: street ? trigrams(street) : null,
      house: street ? houseNumber(street) : null,
    };
    prepared.push(p);
    if (key) {
      const city = fold(c.address.city.trim());
      const postal = c.address.postalCode.trim();
      for (const k of [city ? `c:${city}` : '', postal ? `p:${postal}` : '']) {
        if (!k) continue;
        let list = areaBlocks.get(k);
        if (!list) areaBlocks.set(k, (list = []));
        list.push(p);
      }
    }
    if (step()) yield;
  }
  for (const p of contactList) {
    for (const ph of p.phones) add(phoneBlocks, ph, p.clientId);
    for (const e of p.emails) add(emailBlocks, e.toLowerCase(), p.clientId);
    if (step()) yield;
  }
  for (const list of taxBlocks.values()) {
    if (step(0, 0.25)) yield;
    if (list.length < 2) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        // Outlets of one chain (and the chain itself) carry the same tax id on purpose.
        if (familyOf(x) === familyOf(y) || x.parentId === y.id || y.parentId === x.id) continue;
        note(x.id, y.id, 'tax_id', SCORE.tax_id);
      }
  }
  for (const [blocks, reason] of [
    [phoneBlocks, 'phone'],
    [emailBlocks, 'email'],
  ] as const) {
    for (const ids of blocks.values()) {
      if (step(0, 0.25)) yield;
      if (ids.size < 2) continue;
      const list = [...ids];
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) note(list[i]!, list[j]!, reason, SCORE[reason]);
    }
  }

  // ---- a similar name at a similar address ----
  // Blocks: folded city, postal code (filled above). Inside a block the names are
  // taken one by one; each is looked up, then filed, under its rarest trigrams (the block's
  // frequencies order them), so a pair is compared once, and only when it shares a rare trigram.
  const freq = new Int32Array(gramIds.size);
  const stamp = new Int32Array(prepared.length).fill(-1);
  for (const block of areaBlocks.values()) {
    if (block.length < 2) {
      if (step(block.length / 2)) yield;
      continue;
    }
    for (const p of block) for (const g of p.grams) freq[g]!++;
    const order = (x: number, y: number) => freq[x]! - freq[y]! || x - y;
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < block.length; i++) {
      const p = block[i]!;
      const n = p.grams.length;
      const prefix = Array.from(p.grams).sort(order).slice(0, prefixLength(n));
      for (const g of prefix) {
        const b = buckets.get(g);
        if (!b) continue;
        for (const j of b) {
          if (stamp[j] === i) continue;
          stamp[j] = i;
          const q = block[j]!;
          // Dice ≥ t needs sizes within t/(2 − t) of each other (the smaller set all in common).
          const m = q.grams.length;
          if (2 * Math.min(n, m) < SCAN_NAME_THRESHOLD * (n + m)) continue;
          const sim = diceSorted(p.grams, q.grams);
          if (sim < SCAN_NAME_THRESHOLD) continue;
          // Same rule as sameStreet() in similarity.ts (kept inline: the trigram sets are prepared).
          if (p.house !== null && q.house !== null && p.house !== q.house) continue;
          if (!sameShop(p.key, q.key)) continue;
          const streetSim = !p.streetGrams || !q.streetGrams ? 1 : dice(p.streetGrams, q.streetGrams);
          if (streetSim >= SCAN_STREET_THRESHOLD) note(p.c.id, q.c.id, 'name_address', sim);
        }
      }
      for (const g of prefix) {
        const b = buckets.get(g);
        if (b) b.push(i);
        else buckets.set(g, [i]);
      }
      // Comparing a name costs more than preparing one: a yield every 64 names.
      if (step(0.5, 4)) yield;
    }
    for (const p of block) for (const g of p.grams) freq[g] = 0;
    stamp.fill(-1, 0, block.length);
  }
  done = total;
  opts.onProgress?.(done, total);

  const out: ScanPair[] = [];
  for (const f of found.values())
    out.push({
      a: f.a,
      b: f.b,
      reasons: REASON_ORDER.filter((r) => f.reasons.has(r)),
      score: Math.round(f.score * 100) / 100,
    });
  out.sort((x, y) => y.score - x.score || cmp(x.a, y.a) || cmp(x.b, y.b));
  return out;
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The scan, run to the end in one go. */
export function scanDuplicates(
  clients: Iterable<ScanClient>,
  contacts: Iterable<ScanContact>,
  opts: ScanOptions = {},
): ScanPair[] {
  const g = scanDuplicatesGen(clients, contacts, opts);
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}
