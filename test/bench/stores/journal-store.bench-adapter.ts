import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { DatasetItem, DemoRecord } from '../../../main/core/demo/dataset.generator';
import { Store } from '../../../main/core/store/store';
import type { BenchAdapter, CheckpointRun, OpenTiming } from '../bench-adapter.types';

// Our store as the app uses it: default checkpoint thresholds and shard size, history loaded in the
// background after open (the app's setting), group commit, fsync before a commit resolves.

const META = { userId: 'bench' };
const LOAD_BATCH = 1_000;

export function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

export class JournalStoreAdapter implements BenchAdapter {
  readonly label = 'Regio journal store';
  private store: Store | null = null;

  constructor(private readonly dir: string) {}

  private get s(): Store {
    if (!this.store) throw new Error('store is not open');
    return this.store;
  }

  async load(items: Iterable<DatasetItem>): Promise<{ notes: string[] }> {
    this.store = await Store.open({ dir: this.dir, deviceId: 'bench', history: 'eager' });
    let batch: DatasetItem[] = [];
    const flush = async () => {
      const b = batch;
      batch = [];
      await this.s.transact(META, (tx) => {
        for (const { collection, record } of b) tx.insert(collection, record);
      });
    };
    for (const item of items) {
      batch.push(item);
      if (batch.length === LOAD_BATCH) await flush();
    }
    if (batch.length) await flush();
    const cp = await this.s.checkpoint();
    return {
      notes: [
        `load: ${LOAD_BATCH}-record transactions, then checkpoint (${cp.shardsWritten} shards in the final one)`,
      ],
    };
  }

  async close(): Promise<void> {
    await this.store?.close();
    this.store = null;
  }

  async open(): Promise<OpenTiming> {
    const t0 = performance.now();
    this.store = await Store.open({ dir: this.dir, deviceId: 'bench', history: 'background' });
    // Sign-in ready: the user found by login, the office and dictionaries readable. Clients and
    // history load right after (the store's boot phase holds only what sign-in needs).
    if (!this.s.byUnique('users', 'login', 'admin')) throw new Error('admin user missing after open');
    this.s.count('offices');
    this.s.byIndex('dictionaries', 'kind', 'segment');
    const usableMs = performance.now() - t0;
    await this.s.whenHistoryLoaded();
    return { usableMs, fullMs: performance.now() - t0 };
  }

  count(collection: string): number {
    return this.s.count(collection);
  }

  getById(collection: string, id: string): unknown {
    return this.s.get(collection, id);
  }

  visitsOfClient(clientId: string): unknown[] {
    return this.s.byIndex('visits', 'clientId', clientId);
  }

  async patchClient(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.s.transact(META, (tx) => {
      tx.patch('clients', id, patch);
    });
  }

  async insert(collection: string, record: DemoRecord): Promise<void> {
    await this.s.transact(META, (tx) => {
      tx.insert(collection, record);
    });
  }

  async insertMany(collection: string, records: DemoRecord[]): Promise<void> {
    await this.s.transact(META, (tx) => {
      for (const r of records) tx.insert(collection, r);
    });
  }

  /**
   * Dirties every shard of clients and visits (one patched record each), starts a checkpoint
   * without awaiting it, and commits one patch after another until it ends: the latency a user
   * sees while the app snapshots in the background.
   */
  async commitsDuringCheckpoint(opts: {
    minSamples: number;
    maxRounds: number;
    patch: () => [string, Record<string, unknown>];
  }): Promise<CheckpointRun> {
    const latencies: number[] = [];
    const checkpointMs: number[] = [];
    let shards = 0;
    for (let round = 0; round < opts.maxRounds && latencies.length < opts.minSamples; round++) {
      await this.s.transact(META, (tx) => {
        for (const name of ['clients', 'visits']) {
          for (const shard of this.s.collection(name).shards) {
            const id = shard.ids[round % shard.ids.length];
            if (id) tx.patch(name, id, { benchTouch: round });
          }
        }
      });
      let done = false;
      const cp = this.s.checkpoint().then((r) => {
        done = true;
        return r;
      });
      while (!done) {
        const [id, patch] = opts.patch();
        const t0 = performance.now();
        await this.patchClient(id, patch);
        latencies.push(performance.now() - t0);
      }
      const r = await cp;
      checkpointMs.push(r.ms);
      shards = r.shardsWritten;
    }
    return {
      latencies,
      checkpointMs,
      note: `checkpoint writing ${shards} dirty shards (every clients and visits shard, and the last shard of any collection written meanwhile)`,
    };
  }

  diskBytes(): number {
    return dirBytes(this.dir);
  }
}
