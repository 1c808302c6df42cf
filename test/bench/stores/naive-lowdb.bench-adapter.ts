import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import * as path from 'node:path';
import type { DatasetItem, DemoRecord } from '../../../main/core/demo/dataset.generator';
import { COLLECTIONS } from '../../../main/core/store/schema';
import type { BenchAdapter, OpenTiming } from '../bench-adapter.types';
import { dirBytes } from './journal-store.bench-adapter';

// lowdb used the way its README shows and ARCHITECTURE.md measured: one JSON file holding every
// collection as an array, `db.write()` after each mutation (the whole object, pretty-printed by
// JSONFile, written to a temp file and renamed — without fsync, so it promises less durability
// than the two others). Lookups are what plain lowdb offers: Array.find / Array.filter.

type Data = Record<string, DemoRecord[]>;

export class NaiveLowdbAdapter implements BenchAdapter {
  readonly label = 'naive lowdb (whole file per write)';
  private db: Low<Data> | null = null;
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = path.join(dir, 'db.json');
  }

  private get d(): Low<Data> {
    if (!this.db) throw new Error('db is not open');
    return this.db;
  }

  async load(items: Iterable<DatasetItem>): Promise<{ notes: string[] }> {
    const data: Data = {};
    for (const c of COLLECTIONS) data[c.name] = [];
    for (const { collection, record } of items) data[collection]!.push(record);
    this.db = new Low<Data>(new JSONFile<Data>(this.file), data);
    const notes: string[] = ['load: the whole object built in memory, then one write'];
    try {
      await this.db.write();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // JSON.stringify cannot build a string beyond V8's limit (2^29 − 24 characters, ~512 MiB):
      // this store cannot hold the dataset at all. The rest is measured without the largest
      // collection so that the other figures still say something.
      const dropped = data.orderLines!.length;
      data.orderLines = [];
      notes.push(
        `CANNOT STORE THIS DATASET: db.write() threw "${e.message}" (the pretty-printed JSON exceeds V8's maximum string length, ~512 MiB); measured below WITHOUT the ${dropped.toLocaleString('en')} order lines`,
      );
      await this.db.write();
    }
    return { notes };
  }

  close(): Promise<void> {
    this.db = null;
    return Promise.resolve();
  }

  async open(): Promise<OpenTiming> {
    const t0 = performance.now();
    this.db = new Low<Data>(new JSONFile<Data>(this.file), {});
    await this.db.read();
    if (!this.d.data.users?.find((u) => u.login === 'admin'))
      throw new Error('admin user missing after open');
    const ms = performance.now() - t0;
    return { usableMs: ms, fullMs: ms };
  }

  count(collection: string): number {
    return this.d.data[collection]?.length ?? 0;
  }

  getById(collection: string, id: string): unknown {
    return this.d.data[collection]!.find((r) => r.id === id);
  }

  visitsOfClient(clientId: string): unknown[] {
    return this.d.data.visits!.filter((v) => v.clientId === clientId);
  }

  async patchClient(id: string, patch: Record<string, unknown>): Promise<void> {
    const c = this.d.data.clients!.find((r) => r.id === id);
    if (!c) throw new Error(`client ${id} not found`);
    Object.assign(c, patch, { updatedAt: new Date().toISOString(), updatedBy: 'bench' });
    await this.d.write();
  }

  /** The metadata our Tx.insert adds, so that every store writes the same bytes. */
  private stamp(r: DemoRecord): DemoRecord {
    const at = new Date().toISOString();
    return Object.assign({}, r, { createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench' });
  }

  async insert(collection: string, record: DemoRecord): Promise<void> {
    this.d.data[collection]!.push(this.stamp(record));
    await this.d.write();
  }

  async insertMany(collection: string, records: DemoRecord[]): Promise<void> {
    for (const r of records) this.d.data[collection]!.push(this.stamp(r));
    await this.d.write();
  }

  /** Every write is a full rewrite: there is no separate checkpoint to measure. */
  commitsDuringCheckpoint(): Promise<null> {
    return Promise.resolve(null);
  }

  diskBytes(): number {
    return dirBytes(this.dir);
  }
}
