import { AppError } from '../../../shared/contract/errors';
import type { CollectionSpec } from './schema';

export type Rec = Readonly<Record<string, unknown>> & { readonly id: string };

// One collection in memory: records (never mutated in place: a change replaces the object, so a
// checkpoint can hold the old references while commits go on), shard membership in insertion
// order (records are never deleted, so shards only grow), and indexes.
export class Collection {
  readonly records = new Map<string, Rec>();
  readonly shards: Array<{ ids: string[]; dirty: boolean }> = [];
  private readonly shardOf = new Map<string, number>();
  private readonly uniques = new Map<string, Map<unknown, string>>();
  /**
   * Copy-on-write for a checkpoint: while one runs, the first replacement of a record in a shard
   * it captured keeps the old version here, so the shard is written as it was at the capture
   * (taking the capture is then a copy of id lists, not of every record: no long pause).
   */
  private cow: Map<string, Rec> | null = null;
  private cowShards: Set<number> | null = null;
  private readonly indexes = new Map<string, Map<unknown, Set<string>>>();
  /**
   * Bumped on every change (put, load, restore): a cheap "has anything changed since" signal for
   * caches derived from the records (the client search keeps its sort orders current with it).
   */
  version = 0;
  /**
   * Per indexed value, bumped whenever a record with that value comes or goes (a put unindexes the
   * old version and indexes the new one, so moving a call from one rep to another bumps both):
   * "has anything of rep X changed", for caches kept per rep (the home counters). Never shrinks,
   * so a count can never come back to a value a cache already saw.
   */
  private readonly keyVersions = new Map<string, Map<unknown, number>>();

  constructor(
    readonly spec: CollectionSpec,
    private readonly shardSize: number,
  ) {
    for (const f of spec.unique ?? []) this.uniques.set(f, new Map());
    for (const f of spec.index ?? []) {
      this.indexes.set(f, new Map());
      this.keyVersions.set(f, new Map());
    }
  }

  /**
   * byIndex's answer kept per value while its keyVersion is unchanged, shared by every caller:
   * reports walk the same rep's year of visits for every report and every month, and building that
   * array anew each time was their largest cost. Read-only — never sort or push into it.
   */
  private readonly shared = new Map<string, Map<unknown, { version: number; recs: readonly Rec[] }>>();

  byIndexShared(field: string, value: unknown): readonly Rec[] {
    const version = this.keyVersion(field, value);
    let m = this.shared.get(field);
    if (!m) this.shared.set(field, (m = new Map<unknown, { version: number; recs: readonly Rec[] }>()));
    const kept = m.get(value);
    if (kept && kept.version === version) return kept.recs;
    const recs = Object.freeze(this.byIndex(field, value));
    m.set(value, { version, recs });
    return recs;
  }

  /** How many times records with `field` = `value` have changed (see keyVersions). */
  keyVersion(field: string, value: unknown): number {
    const m = this.keyVersions.get(field);
    if (!m) throw new Error(`${this.name}.${field} is not indexed`);
    return m.get(value) ?? 0;
  }

  private bumpKey(field: string, k: unknown): void {
    const m = this.keyVersions.get(field)!;
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  get name(): string {
    return this.spec.name;
  }
  get size(): number {
    return this.records.size;
  }

  get(id: string): Rec | undefined {
    return this.records.get(id);
  }

  /** Records whose indexed field equals (or, for arrays, contains) the value. */
  byIndex(field: string, value: unknown): Rec[] {
    const idx = this.indexes.get(field);
    if (!idx) {
      const u = this.uniques.get(field);
      if (!u) throw new Error(`${this.name}.${field} is not indexed`);
      const id = u.get(value);
      const r = id === undefined ? undefined : this.records.get(id);
      return r ? [r] : [];
    }
    const ids = idx.get(value);
    if (!ids) return [];
    const out: Rec[] = [];
    for (const id of ids) {
      const r = this.records.get(id);
      if (r) out.push(r);
    }
    return out;
  }

  byUnique(field: string, value: unknown): Rec | undefined {
    const u = this.uniques.get(field);
    if (!u) throw new Error(`${this.name}.${field} has no unique index`);
    const id = u.get(value);
    return id === undefined ? undefined : this.records.get(id);
  }

  /** Throws a conflict when `next` would take a unique value another record holds. */
  checkUnique(next: Rec): void {
    for (const [field, map] of this.uniques) {
      const v = next[field];
      if (v === undefined || v === null || v === '') continue;
      const holder = map.get(v);
      if (holder !== undefined && holder !== next.id) {
        throw new AppError('conflict', `${this.name}.${field} "${JSON.stringify(v)}" is already taken`, {
          key: 'errors.unique',
          details: { entity: this.name, field, value: v, holderId: holder },
        });
      }
    }
  }

  /** Puts a record (new or replacing), keeping indexes, shards and dirty flags right. */
  put(next: Rec, markDirty = true): Rec | undefined {
    this.version++;
    const prev = this.records.get(next.id);
    if (prev) this.keepForCapture(prev);
    if (prev) this.unindex(prev);
    this.records.set(next.id, next);
    this.index(next);
    let shard = this.shardOf.get(next.id);
    if (shard === undefined) {
      let last = this.shards[this.shards.length - 1];
      if (!last || last.ids.length >= this.shardSize) {
        last = { ids: [], dirty: true };
        this.shards.push(last);
      }
      last.ids.push(next.id);
      shard = this.shards.length - 1;
      this.shardOf.set(next.id, shard);
    }
    if (markDirty) this.shards[shard]!.dirty = true;
    return prev;
  }

  /** Puts a record loaded from snapshot shard `n` (keeps the shard layout of the file). */
  load(n: number, rec: Rec): void {
    this.version++;
    while (this.shards.length <= n) this.shards.push({ ids: [], dirty: false });
    this.shards[n]!.ids.push(rec.id);
    this.shardOf.set(rec.id, n);
    this.records.set(rec.id, rec);
    this.index(rec);
  }

  /** Undo of a put inside a failed transaction. */
  restore(id: string, prev: Rec | undefined): void {
    this.version++;
    const cur = this.records.get(id);
    if (cur) this.keepForCapture(cur);
    if (cur) this.unindex(cur);
    if (prev) {
      this.records.set(id, prev);
      this.index(prev);
      return;
    }
    this.records.delete(id);
    const shard = this.shardOf.get(id);
    if (shard !== undefined) {
      const ids = this.shards[shard]!.ids;
      // The record was appended by this transaction, so it is at (or near) the end of its shard.
      const at = ids.lastIndexOf(id);
      if (at >= 0) ids.splice(at, 1);
      this.shardOf.delete(id);
    }
  }

  private index(r: Rec): void {
    for (const [field, map] of this.uniques) {
      const v = r[field];
      if (v !== undefined && v !== null && v !== '') map.set(v, r.id);
    }
    for (const [field, map] of this.indexes) {
      const v = r[field];
      for (const k of Array.isArray(v) ? v : [v]) {
        if (k === undefined || k === null || k === '') continue;
        let s = map.get(k);
        if (!s) map.set(k, (s = new Set()));
        s.add(r.id);
        this.bumpKey(field, k);
      }
    }
  }

  private unindex(r: Rec): void {
    for (const [field, map] of this.uniques) {
      const v = r[field];
      if (v !== undefined && map.get(v) === r.id) map.delete(v);
    }
    for (const [field, map] of this.indexes) {
      const v = r[field];
      for (const k of Array.isArray(v) ? v : [v]) {
        const s = map.get(k);
        if (s) {
          s.delete(r.id);
          if (!s.size) map.delete(k);
          this.bumpKey(field, k);
        }
      }
    }
  }

  private keepForCapture(old: Rec): void {
    if (!this.cow || this.cow.has(old.id)) return;
    const shard = this.shardOf.get(old.id);
    if (shard !== undefined && this.cowShards!.has(shard)) this.cow.set(old.id, old);
  }

  /** Starts a capture of these shards; returns their id lists as of now. */
  beginCapture(shards: number[]): string[][] {
    this.cow = new Map();
    this.cowShards = new Set(shards);
    return shards.map((n) => this.shards[n]!.ids.slice());
  }
  /** A record as it was when the capture began. */
  capturedVersion(id: string): Rec {
    return this.cow?.get(id) ?? this.records.get(id)!;
  }
  endCapture(): void {
    this.cow = null;
    this.cowShards = null;
  }

  markAllDirty(): void {
    for (const s of this.shards) s.dirty = true;
  }
}
