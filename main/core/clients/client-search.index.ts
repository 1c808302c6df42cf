import type { Client, ClientListInput, Contact, QualityFlag } from '../../../shared/contract/clients.schema';
import { fold } from '../../../shared/domain/text';
import type { Collection } from '../store/collection';
import type { Store } from '../store/store';
import type { z } from 'zod';

// The client list's search at scale (issue 4: p95 ≤ 25 ms at 50 000 clients, 100 000 contacts).
// What a query used to redo on every call is kept here, derived from the records and kept current
// with the collections' `version` counters:
// - every client's folded haystack (and folded city), per record object;
// - the clients in list order per (sort field, direction, locale), collator-sorted once and then
//   kept sorted by re-inserting only the records that changed: a query filters while walking an
//   order, it never sorts;
// - the contacts' folded haystacks joined into one string (a token's matching clients are found
//   with indexOf over it, not with a lookup of every client's contacts) and each client's
//   contact-related quality flags;
// - the last few results (ids in order), so paging through one result does not recompute it.
// Results are exactly those of a plain filter + collator sort (client-search.index.test.ts
// compares the two on generated Polish and Czech data).

type ClientRec = Client;
type ContactRec = Contact;
export type ListInput = z.output<typeof ClientListInput>;
export type MatchInput = Omit<ListInput, 'sort' | 'dir' | 'offset' | 'limit'>;
export type SortField = ListInput['sort'];

/**
 * A client record with what the search derives from it (one per record object: never stale). The
 * fields the filters read are copied here: records come in many shapes (reading them in a loop over
 * 50 000 is megamorphic), entries in one.
 */
/**
 * A small integer per client id (the same id always gets the same one, in every index): token
 * marks and contact bits are typed arrays indexed by it, not sets and maps of id strings.
 */
const slots = new Map<string, number>();
export function slotOf(id: string): number {
  let s = slots.get(id);
  if (s === undefined) slots.set(id, (s = slots.size));
  return s;
}
/** How many slots were handed out so far (a typed array this long covers every entry). */
export function slotCount(): number {
  return slots.size;
}

export class Entry {
  readonly id: string;
  readonly slot: number;
  readonly archived: boolean;
  readonly repId: string | null;
  readonly segmentId: string | null;
  readonly status: string;
  readonly parentId: string | null;
  readonly noTaxId: boolean;
  constructor(
    readonly rec: ClientRec,
    /** Folded name, NIP/IČO, external code, city, postal code, phone (also without prefix), email. */
    readonly hay: string,
    readonly city: string,
  ) {
    this.id = rec.id;
    this.slot = slotOf(rec.id);
    this.archived = !!rec.archived;
    this.repId = rec.repId || null;
    this.segmentId = rec.segmentId || null;
    this.status = rec.status;
    this.parentId = rec.parentId || null;
    this.noTaxId = !rec.taxId && !rec.parentId;
  }
}

/** fold() for the common all-ASCII text (phones, e-mails, codes) without its regexes. */
function quickFold(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : fold(s);
}

const entryCache = new WeakMap<ClientRec, Entry>();
export function entryOf(c: ClientRec): Entry {
  let e = entryCache.get(c);
  if (e === undefined) {
    let hay = quickFold(
      [c.name, c.taxId, c.externalCode, c.address.city, c.address.postalCode, c.phone, c.email]
        .filter(Boolean)
        .join(' '),
    );
    // Phones are also matched without the +48/+420 prefix and spaces ("601234567").
    if (c.phone) hay += ' ' + c.phone.replace(/^\+(48|420)/, '');
    e = new Entry(c, hay, quickFold(c.address.city));
    entryCache.set(c, e);
  }
  return e;
}

const contactHayCache = new WeakMap<ContactRec, string>();
export function contactHay(p: ContactRec): string {
  let h = contactHayCache.get(p);
  if (h === undefined) {
    h = quickFold([...p.phones, ...p.phones.map((x) => x.replace(/^\+(48|420)/, '')), ...p.emails].join(' '));
    contactHayCache.set(p, h);
  }
  return h;
}

// ---- sorting ----

const collators = new Map<string, Intl.Collator>();
export function collator(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return c;
}

type Cmp = (a: Entry, b: Entry) => number;

/** The list's order: the sort key, then the name (both with the collator), then the id ascending. */
export function comparator(sort: SortField, dir: 'asc' | 'desc', locale: string): Cmp {
  const same = sameKey(sort, locale);
  const sign = dir === 'desc' ? -1 : 1;
  return (a, b) => sign * same(a, b) || (a.id < b.id ? -1 : 1);
}

/** Sort key, then name: 0 when two clients tie on both (the id decides, ascending either way). */
function sameKey(sort: SortField, locale: string): Cmp {
  const col = collator(locale);
  const byName = (a: Entry, b: Entry) => col.compare(a.rec.name, b.rec.name);
  switch (sort) {
    case 'city':
      return (a, b) => col.compare(a.rec.address.city, b.rec.address.city) || byName(a, b);
    case 'externalCode':
      return (a, b) => col.compare(a.rec.externalCode ?? '', b.rec.externalCode ?? '') || byName(a, b);
    case 'updatedAt':
      // ISO instants of one fixed width: plain comparison orders them as the collator would.
      return (a, b) => {
        const x = a.rec.updatedAt;
        const y = b.rec.updatedAt;
        return x < y ? -1 : x > y ? 1 : byName(a, b);
      };
    default:
      return byName;
  }
}

/** A merge sort that yields every few thousand comparisons, so a caller can spread it out. */
function* sortSliced(items: Entry[], cmp: Cmp): Generator<void, Entry[]> {
  const n = items.length;
  const RUN = 1024;
  let src = items.slice();
  for (let lo = 0; lo < n; lo += RUN) {
    const part = src.slice(lo, lo + RUN).sort(cmp);
    for (let j = 0; j < part.length; j++) src[lo + j] = part[j]!;
    yield;
  }
  let dst: Entry[] = new Array<Entry>(n);
  for (let w = RUN; w < n; w *= 2) {
    let steps = 0;
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        dst[k++] = cmp(src[j]!, src[i]!) < 0 ? src[j++]! : src[i++]!;
        if (++steps % 4096 === 0) yield;
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    [src, dst] = [dst, src];
    yield;
  }
  return src;
}

/** The reverse order from a sorted one: reversed, with ties on key and name kept by ascending id. */
function* reverseSliced(sorted: Entry[], same: Cmp): Generator<void, Entry[]> {
  const out = sorted.slice().reverse();
  let i = 0;
  let steps = 0;
  while (i < out.length) {
    let j = i + 1;
    while (j < out.length && same(out[j - 1]!, out[j]!) === 0) j++;
    if (j - i > 1) {
      for (let a = i, b = j - 1; a < b; a++, b--) [out[a], out[b]] = [out[b]!, out[a]!];
    }
    steps += j - i;
    i = j;
    if (steps >= 4096) {
      steps = 0;
      yield;
    }
  }
  return out;
}

function runSync<T>(g: Generator<void, T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}

/** Runs a generator, yielding to the event loop (setImmediate) whenever a slice took ~8 ms. */
async function runSliced<T>(g: Generator<void, T>, sliceMs = 8): Promise<T> {
  let t0 = performance.now();
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    if (performance.now() - t0 >= sliceMs) {
      await new Promise<void>((res) => setImmediate(res));
      t0 = performance.now();
    }
  }
}

/** First position whose entry is not before `e` in the order (binary search). */
function lowerBound(arr: Entry[], e: Entry, cmp: Cmp): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(arr[mid]!, e) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Order {
  readonly cmp: Cmp;
  items: Entry[];
}

// ---- quality ----

const HAS_CONTACT = 1;
const CONTACT_NO_CHANNEL = 2;
const NO_CONSENT = 4;

/** Whether qualityOf(client) would list the flag, from the precomputed contact bits. */
export function hasFlag(e: Entry, contactBits: number, flag: QualityFlag): boolean {
  switch (flag) {
    case 'no_tax_id':
      return e.noTaxId;
    case 'no_rep':
      return !e.repId;
    case 'no_contact':
      return !(contactBits & HAS_CONTACT);
    case 'contact_no_channel':
      return !!(contactBits & CONTACT_NO_CHANNEL);
    case 'no_consent':
      return !!(contactBits & NO_CONSENT);
    default:
      return false;
  }
}

// ---- the index ----

const ARCHIVED = 1;
const NO_TAX_ID = 2;
/** A column filter that is off. */
export const NONE = -2;

/**
 * The list's filters as codes for ClientSearchIndex.filterOrder: NONE where off, else the code of
 * the wanted value (rep 0: without a rep; -1: a value no client has).
 */
export interface ColumnFilter {
  city: number;
  rep: number;
  segment: number;
  status: number;
  /** Token marks (clientsWithToken), each must be 1. */
  marks: Uint8Array[];
  bits: Uint8Array | null;
  quality: QualityFlag | null;
}

/** Haystacks joined by "\n" (a token never holds one), so a token is found with indexOf. */
class Joined {
  private readonly text: string;
  constructor(
    hays: string[],
    /** Whose haystack each one is (client slots). */
    private readonly owners: Int32Array,
  ) {
    this.text = hays.map((h) => (h.includes('\n') ? h.replace(/\n/g, ' ') : h)).join('\n');
    this.starts = new Int32Array(hays.length);
    let at = 0;
    for (let k = 0; k < hays.length; k++) {
      this.starts[k] = at;
      at += hays[k]!.length + 1;
    }
  }
  private readonly starts: Int32Array;

  /** Marks (out[slot] = 1) the owners of the haystacks that contain the token. */
  collect(token: string, out: Uint8Array): void {
    const { text, starts, owners } = this;
    let pos = text.indexOf(token);
    while (pos >= 0) {
      // The haystack holding position `pos`: the last start at or before it.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= pos) lo = mid;
        else hi = mid - 1;
      }
      out[owners[lo]!] = 1;
      if (lo + 1 >= starts.length) break;
      pos = text.indexOf(token, starts[lo + 1]);
    }
  }
}

/** Every contact's folded haystack (not archived), joined by "\n", with whom each belongs to. */
interface ContactData {
  text: Joined;
  /** HAS_CONTACT | CONTACT_NO_CHANNEL | NO_CONSENT per client slot (beyond its end: 0). */
  bits: Uint8Array;
  /** Per client slot, its contacts' haystacks joined by "\n" (none: undefined). */
  hays: Array<string | undefined>;
}

interface CachedResult {
  clientsVersion: number;
  contacts: Collection;
  contactsVersion: number;
  hits: Entry[];
}

/** More changed clients than this since the last query: the orders are sorted again from scratch. */
const REINSERT_MAX = 2000;
const RESULT_CACHE = 8;
/** More clients hold a query's first token than this: the other tokens are searched in the whole text. */
const VERIFY_MAX = 8000;

export class ClientSearchIndex {
  private clients: Collection | null = null;
  private clientsVersion = -1;
  private readonly entries = new Map<string, Entry>();
  private readonly orders = new Map<string, Order>();
  private contacts: Collection | null = null;
  private contactsVersion = -1;
  private contactData: ContactData | null = null;
  private clientJoined: { version: number; text: Joined } | null = null;
  private readonly results = new Map<string, CachedResult>();
  /** More clients hold a query's first token than this: the others are searched in the whole text. */
  verifyMax = VERIFY_MAX;
  /**
   * A source of clients (a rep's, a chain's) this many times smaller than all of them is tested
   * client by client, in its own texts; a larger one is read off the whole order.
   */
  fewFactor = 16;
  /** Token marks reused from call to call (a query's marks live only while it runs). */
  private readonly marks: Uint8Array[] = [];
  private live: { version: number; count: number } | null = null;
  // What the filters read, per client slot (written when an entry becomes current): walking an
  // order then reads small typed arrays, not 50 000 objects spread over the heap.
  /** ARCHIVED | NO_TAX_ID */
  private colFlags = new Uint8Array(0);
  /** Codes (see code()) of the folded city, rep (0: none), segment (0: none), status. */
  private colCity = new Int32Array(0);
  private colRep = new Int32Array(0);
  private colSegment = new Int32Array(0);
  private colStatus = new Int32Array(0);
  private readonly codes = new Map<string, number>();
  /** The current entry of each slot (a removed client's stays: no order holds it). */
  private bySlot: Entry[] = [];
  /** Each kept order's client slots, position by position. */
  private readonly orderSlots = new Map<Entry[], Int32Array>();

  constructor(private readonly store: Store) {}

  /**
   * Forgets the recent answers (not the prepared texts and orders). For the benchmark: a person
   * typing asks a new question each time, so timing a repeated one would only time this cache.
   */
  forgetResults(): void {
    this.results.clear();
  }

  /** Brings the entries and the orders up to the clients collection as it is now. */
  sync(): void {
    const col = this.store.collection('clients');
    if (col === this.clients && col.version === this.clientsVersion) return;
    const fresh = col !== this.clients;
    this.clients = col;
    this.clientsVersion = col.version;
    this.results.clear();
    this.clientJoined = null;
    this.live = null;
    this.orderSlots.clear();
    const removed: Entry[] = [];
    const added: Entry[] = [];
    for (const rec of col.records.values() as IterableIterator<ClientRec>) {
      const cur = this.entries.get(rec.id);
      if (cur?.rec === rec) continue;
      if (cur) removed.push(cur);
      const e = entryOf(rec);
      added.push(e);
      this.entries.set(rec.id, e);
      this.setColumns(e);
    }
    if (this.entries.size !== col.size) {
      for (const [id, e] of this.entries) {
        if (!col.records.has(id)) {
          removed.push(e);
          this.entries.delete(id);
        }
      }
    }
    if (fresh || removed.length + added.length > REINSERT_MAX) {
      this.orders.clear();
      return;
    }
    for (const o of this.orders.values()) {
      for (const e of removed) {
        const at = lowerBound(o.items, e, o.cmp);
        if (o.items[at] === e) o.items.splice(at, 1);
        else {
          const k = o.items.indexOf(e);
          if (k >= 0) o.items.splice(k, 1);
        }
      }
      for (const e of added) o.items.splice(lowerBound(o.items, e, o.cmp), 0, e);
    }
  }

  /** A small number for a value the filters compare (1 and up); -1 for one never seen. */
  code(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  private intern(value: string | null): number {
    if (value === null) return 0;
    let c = this.codes.get(value);
    if (c === undefined) this.codes.set(value, (c = this.codes.size + 1));
    return c;
  }

  private setColumns(e: Entry): void {
    const s = e.slot;
    if (s >= this.colFlags.length) {
      const n = Math.max(1024, slotCount() + (slotCount() >> 2), s + 1);
      const grow = <T extends Uint8Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
      this.colFlags = grow(this.colFlags, new Uint8Array(n));
      this.colCity = grow(this.colCity, new Int32Array(n));
      this.colRep = grow(this.colRep, new Int32Array(n));
      this.colSegment = grow(this.colSegment, new Int32Array(n));
      this.colStatus = grow(this.colStatus, new Int32Array(n));
    }
    this.bySlot[s] = e;
    this.colFlags[s] = (e.archived ? ARCHIVED : 0) | (e.noTaxId ? NO_TAX_ID : 0);
    this.colCity[s] = this.intern(e.city);
    this.colRep[s] = this.intern(e.repId);
    this.colSegment[s] = this.intern(e.segmentId);
    this.colStatus[s] = this.intern(e.status);
  }

  private slotsOf(items: Entry[]): Int32Array {
    let slots = this.orderSlots.get(items);
    if (slots === undefined || slots.length !== items.length) {
      slots = new Int32Array(items.length);
      for (let k = 0; k < items.length; k++) slots[k] = items[k]!.slot;
      this.orderSlots.set(items, slots);
    }
    return slots;
  }

  /**
   * The clients of the order that pass the filter, read from the columns (the same test as the
   * list's matcher, without a rep scope or a chain filter). Call sync() first.
   */
  filterOrder(items: Entry[], f: ColumnFilter): Entry[] {
    const slots = this.slotsOf(items);
    const { colFlags, colCity, colRep, colSegment, colStatus } = this;
    const { city, rep, segment, status, marks, bits, quality } = f;
    const nMarks = marks.length;
    const out: Entry[] = [];
    outer: for (let k = 0; k < slots.length; k++) {
      const s = slots[k]!;
      const flags = colFlags[s]!;
      if (flags & ARCHIVED) continue;
      if (rep !== NONE && colRep[s] !== rep) continue;
      if (segment !== NONE && colSegment[s] !== segment) continue;
      if (status !== NONE && colStatus[s] !== status) continue;
      if (city !== NONE && colCity[s] !== city) continue;
      for (let m = 0; m < nMarks; m++) if (marks[m]![s] !== 1) continue outer;
      if (quality !== null) {
        const b = bits![s] ?? 0;
        let has: boolean;
        switch (quality) {
          case 'no_tax_id':
            has = (flags & NO_TAX_ID) !== 0;
            break;
          case 'no_rep':
            has = colRep[s] === 0;
            break;
          case 'no_contact':
            has = !(b & HAS_CONTACT);
            break;
          case 'contact_no_channel':
            has = !!(b & CONTACT_NO_CHANNEL);
            break;
          case 'no_consent':
            has = !!(b & NO_CONSENT);
            break;
          default:
            has = false;
        }
        if (!has) continue;
      }
      out.push(items[k]!);
    }
    return out;
  }

  entry(c: ClientRec): Entry {
    const e = this.entries.get(c.id);
    return e?.rec === c ? e : entryOf(c);
  }

  get size(): number {
    return this.entries.size;
  }

  private static orderKey(sort: SortField, dir: 'asc' | 'desc', locale: string): string {
    return `${sort}|${dir}|${locale}`;
  }

  /** Every client (archived ones too) in the list's order. Call sync() first. */
  order(sort: SortField, dir: 'asc' | 'desc', locale: string): Entry[] {
    return runSync(this.orderGen(sort, dir, locale));
  }

  private *orderGen(sort: SortField, dir: 'asc' | 'desc', locale: string): Generator<void, Entry[]> {
    const key = ClientSearchIndex.orderKey(sort, dir, locale);
    const have = this.orders.get(key);
    if (have) return have.items;
    const version = this.clientsVersion;
    const other = this.orders.get(ClientSearchIndex.orderKey(sort, dir === 'asc' ? 'desc' : 'asc', locale));
    const items = other
      ? yield* reverseSliced(other.items, sameKey(sort, locale))
      : yield* sortSliced([...this.entries.values()], comparator(sort, dir, locale));
    // Built across event-loop turns (the warm-up): kept only if nothing changed meanwhile.
    if (version !== this.clientsVersion || this.store.collection('clients') !== this.clients) return items;
    this.orders.set(key, { cmp: comparator(sort, dir, locale), items });
    return items;
  }

  /** The contacts' haystacks and quality bits, rebuilt when the contacts changed. */
  contactIndex(): ContactData {
    return runSync(this.contactGen());
  }

  private *contactGen(): Generator<void, ContactData> {
    const col = this.store.collection('contacts');
    if (this.contactData && col === this.contacts && col.version === this.contactsVersion)
      return this.contactData;
    const version = col.version;
    const hays: string[] = [];
    const owners: number[] = [];
    const bitList: number[] = [];
    const perSlot: Array<string | undefined> = [];
    let n = 0;
    for (const p of col.records.values() as IterableIterator<ContactRec>) {
      if (++n % 2048 === 0) yield;
      if (p.archived) continue;
      const slot = slotOf(p.clientId);
      let b = (bitList[slot] ?? 0) | HAS_CONTACT;
      if (!p.erased) {
        if (!p.phones.length && !p.emails.length) b |= CONTACT_NO_CHANNEL;
        if (p.emails.length && p.consents?.email === undefined) b |= NO_CONSENT;
      }
      bitList[slot] = b;
      owners.push(slot);
      const h = contactHay(p);
      hays.push(h);
      const had = perSlot[slot];
      perSlot[slot] = had === undefined ? h : had + '\n' + h;
    }
    yield;
    const bits = new Uint8Array(slotCount());
    for (let k = 0; k < bitList.length; k++) bits[k] = bitList[k] ?? 0;
    const data: ContactData = { text: new Joined(hays, Int32Array.from(owners)), bits, hays: perSlot };
    if (this.store.collection('contacts') === col && col.version === version) {
      this.contacts = col;
      this.contactsVersion = version;
      this.contactData = data;
    }
    return data;
  }

  /**
   * Marks (1 at the client's slot) of the clients whose own text or one of whose (not archived)
   * contacts holds the token. The array is reused: `k` tells apart the tokens of one query, and
   * the marks hold only until the next call with the same `k`.
   */
  clientsWithToken(token: string, k = 0): Uint8Array {
    const size = slotCount();
    let out = this.marks[k];
    if (out === undefined || out.length < size) this.marks[k] = out = new Uint8Array(size + (size >> 3));
    else out.fill(0);
    this.clientText().collect(token, out);
    this.contactIndex().text.collect(token, out);
    return out;
  }

  /**
   * Marks of the clients that hold every token (as clientsWithToken, combined). The first token is
   * searched in the whole text; when it leaves few clients, the others are only checked in those
   * clients' own haystacks and their contacts'. The array is reused (until the next call).
   */
  clientsWithTokens(tokens: string[]): Uint8Array {
    const byLength = [...tokens].sort((a, b) => b.length - a.length);
    const out = this.clientsWithToken(byLength[0]!, 0);
    if (byLength.length === 1) return out;
    const candidates: number[] = [];
    for (let s = 0; s < out.length; s++) if (out[s] === 1) candidates.push(s);
    if (candidates.length > this.verifyMax) {
      for (let k = 1; k < byLength.length; k++) {
        const more = this.clientsWithToken(byLength[k]!, 1);
        for (const s of candidates) if (more[s] !== 1) out[s] = 0;
      }
      return out;
    }
    const contactHays = this.contactIndex().hays;
    const { bySlot } = this;
    for (const s of candidates) {
      const e = bySlot[s];
      const ch = contactHays[s];
      for (let k = 1; k < byLength.length; k++) {
        const t = byLength[k]!;
        if (e?.hay.includes(t) || (ch !== undefined && ch.includes(t))) continue;
        out[s] = 0;
        break;
      }
    }
    return out;
  }

  /** How many clients are not archived. Call sync() first. */
  liveCount(): number {
    if (this.live?.version !== this.clientsVersion) {
      let count = 0;
      for (const e of this.entries.values()) if (!e.archived) count++;
      this.live = { version: this.clientsVersion, count };
    }
    return this.live.count;
  }

  private clientText(): Joined {
    if (this.clientJoined?.version !== this.clientsVersion) {
      const hays: string[] = [];
      const owners = new Int32Array(this.entries.size);
      let k = 0;
      for (const e of this.entries.values()) {
        hays.push(e.hay);
        owners[k++] = e.slot;
      }
      this.clientJoined = { version: this.clientsVersion, text: new Joined(hays, owners) };
    }
    return this.clientJoined.text;
  }

  /** Per client slot, its (not archived) contacts' haystacks joined by "\n" (none: undefined). */
  contactHays(): ReadonlyArray<string | undefined> {
    return this.contactIndex().hays;
  }

  /** HAS_CONTACT | CONTACT_NO_CHANNEL | NO_CONSENT per client slot, for hasFlag (beyond: 0). */
  contactBits(): Uint8Array {
    return this.contactIndex().bits;
  }

  /** A result computed before, if neither the clients nor the contacts changed since. Call sync() first. */
  cached(key: string): Entry[] | undefined {
    const r = this.results.get(key);
    if (!r) return undefined;
    const contacts = this.store.collection('contacts');
    if (
      r.clientsVersion !== this.clientsVersion ||
      r.contacts !== contacts ||
      r.contactsVersion !== contacts.version
    ) {
      this.results.delete(key);
      return undefined;
    }
    // Most recently used last.
    this.results.delete(key);
    this.results.set(key, r);
    return r.hits;
  }

  remember(key: string, hits: Entry[]): void {
    const contacts = this.store.collection('contacts');
    this.results.set(key, {
      clientsVersion: this.clientsVersion,
      contacts,
      contactsVersion: contacts.version,
      hits,
    });
    while (this.results.size > RESULT_CACHE) this.results.delete(this.results.keys().next().value!);
  }

  /**
   * Builds what the first search would otherwise build, in slices that give the event loop back
   * every ~8 ms (sign-in stays responsive): haystacks, contact data, the name orders.
   */
  async warm(locales: string[]): Promise<void> {
    const col = this.store.collection('clients');
    const recs = [...(col.records.values() as IterableIterator<ClientRec>)];
    await runSliced(
      (function* () {
        for (let i = 0; i < recs.length; i++) {
          entryOf(recs[i]!);
          if (i % 512 === 511) yield;
        }
      })(),
    );
    this.sync();
    await runSliced(this.contactGen());
    for (const locale of locales) {
      this.sync();
      await runSliced(this.orderGen('name', 'asc', locale));
    }
  }
}

const indexes = new WeakMap<Store, ClientSearchIndex>();
export function searchIndexOf(store: Store): ClientSearchIndex {
  let ix = indexes.get(store);
  if (!ix) indexes.set(store, (ix = new ClientSearchIndex(store)));
  return ix;
}

/**
 * Warms the search caches once the clients and contacts are in memory (after history loaded),
 * in the background. Errors are ignored: a search then builds what it needs itself.
 */
export function warmClientSearch(store: Store): void {
  void store
    .whenHistoryLoaded()
    .then(() => {
      const locales = new Set<string>();
      for (const u of store.all<{ id: string; language?: string | null }>('users'))
        locales.add(u.language ?? 'pl');
      if (!locales.size) locales.add('pl');
      return searchIndexOf(store).warm([...locales]);
    })
    .catch(() => undefined);
}
