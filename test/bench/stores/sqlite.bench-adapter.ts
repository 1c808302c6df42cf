import Database from 'better-sqlite3';
import * as path from 'node:path';
import type { DatasetItem, DemoRecord } from '../../../main/core/demo/dataset.generator';
import { COLLECTIONS } from '../../../main/core/store/schema';
import type { BenchAdapter, CheckpointRun, OpenTiming } from '../bench-adapter.types';
import { dirBytes } from './journal-store.bench-adapter';

// better-sqlite3 as a well-configured embedded database would be: WAL, synchronous=FULL (every
// commit fsyncs the WAL, the same durability promise as our journal), one table per collection
// holding the JSON record, and an expression index on json_extract() for every scalar unique and
// indexed field of schema.ts, so both stores maintain the same indexes on every write. Array
// fields (tags, phones, e-mails) would need a side table in SQLite; they are left out.

const LOAD_BATCH = 1_000;
const ARRAY_FIELDS = new Set(['tags', 'phones', 'emails']);

type Stmt = Database.Statement<unknown[], { data: string }>;

export class SqliteAdapter implements BenchAdapter {
  readonly label = 'better-sqlite3 (WAL, synchronous=FULL)';
  private db: Database.Database | null = null;
  private readonly file: string;
  private readonly insertStmts = new Map<string, Database.Statement>();
  private getStmts = new Map<string, Stmt>();
  private patchStmt: Database.Statement | null = null;
  private visitsByClient: Stmt | null = null;

  constructor(private readonly dir: string) {
    this.file = path.join(dir, 'regio.sqlite');
  }

  private get d(): Database.Database {
    if (!this.db) throw new Error('database is not open');
    return this.db;
  }

  private connect(): void {
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.insertStmts.clear();
    this.getStmts = new Map();
    for (const c of COLLECTIONS) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS "${c.name}" (id TEXT PRIMARY KEY, data TEXT NOT NULL)`);
      for (const f of c.unique ?? []) {
        this.db.exec(
          `CREATE UNIQUE INDEX IF NOT EXISTS "${c.name}_${f}_u" ON "${c.name}" (json_extract(data, '$.${f}'))`,
        );
      }
      for (const f of c.index ?? []) {
        if (ARRAY_FIELDS.has(f)) continue;
        this.db.exec(
          `CREATE INDEX IF NOT EXISTS "${c.name}_${f}_i" ON "${c.name}" (json_extract(data, '$.${f}'))`,
        );
      }
      this.insertStmts.set(c.name, this.db.prepare(`INSERT INTO "${c.name}" (id, data) VALUES (?, ?)`));
      this.getStmts.set(c.name, this.db.prepare(`SELECT data FROM "${c.name}" WHERE id = ?`));
    }
    this.patchStmt = this.db.prepare(
      `UPDATE clients SET data = json_set(data, '$.phone', ?, '$.updatedAt', ?, '$.updatedBy', ?) WHERE id = ?`,
    );
    this.visitsByClient = this.db.prepare(
      `SELECT data FROM visits WHERE json_extract(data, '$.clientId') = ?`,
    );
  }

  async load(items: Iterable<DatasetItem>): Promise<{ notes: string[] }> {
    this.connect();
    let batch: DatasetItem[] = [];
    const tx = this.d.transaction((b: DatasetItem[]) => {
      for (const { collection, record } of b)
        this.insertStmts.get(collection)!.run(record.id, JSON.stringify(record));
    });
    for (const item of items) {
      batch.push(item);
      if (batch.length === LOAD_BATCH) {
        tx(batch);
        batch = [];
      }
    }
    if (batch.length) tx(batch);
    this.d.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve({
      notes: [
        `load: ${LOAD_BATCH}-row transactions, indexes maintained during the load, then wal_checkpoint(TRUNCATE)`,
      ],
    });
  }

  close(): Promise<void> {
    this.db?.close();
    this.db = null;
    return Promise.resolve();
  }

  open(): Promise<OpenTiming> {
    const t0 = performance.now();
    this.connect();
    // Sign-in ready: the same reads as for the journal store.
    const admin = this.d
      .prepare(`SELECT data FROM users WHERE json_extract(data, '$.login') = ?`)
      .get('admin') as { data: string } | undefined;
    if (!admin) throw new Error('admin user missing after open');
    JSON.parse(admin.data);
    for (const r of this.d.prepare(`SELECT data FROM offices`).all() as Array<{ data: string }>)
      JSON.parse(r.data);
    for (const r of this.d.prepare(`SELECT data FROM dictionaries`).all() as Array<{ data: string }>)
      JSON.parse(r.data);
    this.d.prepare(`SELECT count(*) AS n FROM clients`).get();
    return Promise.resolve({ usableMs: performance.now() - t0, fullMs: null });
  }

  count(collection: string): number {
    return (this.d.prepare(`SELECT count(*) AS n FROM "${collection}"`).get() as { n: number }).n;
  }

  getById(collection: string, id: string): unknown {
    const row = this.getStmts.get(collection)!.get(id);
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  visitsOfClient(clientId: string): unknown[] {
    return this.visitsByClient!.all(clientId).map((r) => JSON.parse(r.data) as unknown);
  }

  patchClient(id: string, patch: Record<string, unknown>): Promise<void> {
    this.patchStmt!.run(patch.phone, new Date().toISOString(), 'bench', id);
    return Promise.resolve();
  }

  /** The metadata our Tx.insert adds, so that every store writes the same bytes. */
  private stamp(r: DemoRecord): string {
    const at = new Date().toISOString();
    return JSON.stringify(
      Object.assign({}, r, { createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench' }),
    );
  }

  insert(collection: string, record: DemoRecord): Promise<void> {
    this.insertStmts.get(collection)!.run(record.id, this.stamp(record));
    return Promise.resolve();
  }

  insertMany(collection: string, records: DemoRecord[]): Promise<void> {
    const stmt = this.insertStmts.get(collection)!;
    this.d.transaction(() => {
      for (const r of records) stmt.run(r.id, this.stamp(r));
    })();
    return Promise.resolve();
  }

  /**
   * better-sqlite3 is synchronous: a checkpoint blocks the thread, so no commit can run "while" it
   * runs. What a user sees is the commit that has to wait for it. Each round dirties one row per
   * 10 000 of clients and visits (the journal store's shards), then times a commit preceded by
   * wal_checkpoint(TRUNCATE) — that commit's latency includes the whole checkpoint — followed by
   * plain commits. (SQLite's automatic checkpoints, every 1 000 WAL pages, are already inside the
   * plain commit-latency figures.)
   */
  async commitsDuringCheckpoint(opts: {
    minSamples: number;
    maxRounds: number;
    patch: () => [string, Record<string, unknown>];
  }): Promise<CheckpointRun> {
    const latencies: number[] = [];
    const checkpointMs: number[] = [];
    const perRound = Math.max(1, Math.ceil(opts.minSamples / opts.maxRounds));
    const ids = (t: string) =>
      (this.d.prepare(`SELECT id FROM "${t}" WHERE rowid % 10000 = 1`).all() as Array<{ id: string }>).map(
        (r) => r.id,
      );
    const touch = this.d.prepare(`UPDATE clients SET data = json_set(data, '$.benchTouch', ?) WHERE id = ?`);
    const touchV = this.d.prepare(`UPDATE visits SET data = json_set(data, '$.benchTouch', ?) WHERE id = ?`);
    const clientIds = ids('clients');
    const visitIds = ids('visits');
    for (let round = 0; round < opts.maxRounds; round++) {
      this.d.transaction(() => {
        for (const id of clientIds) touch.run(round, id);
        for (const id of visitIds) touchV.run(round, id);
      })();
      for (let k = 0; k < perRound; k++) {
        const [id, patch] = opts.patch();
        const t0 = performance.now();
        if (k === 0) {
          this.d.pragma('wal_checkpoint(TRUNCATE)');
          checkpointMs.push(performance.now() - t0);
        }
        await this.patchClient(id, patch);
        latencies.push(performance.now() - t0);
      }
    }
    return {
      latencies,
      checkpointMs,
      note: `${opts.maxRounds} rounds of ${perRound} commits; the first commit of each round waits for wal_checkpoint(TRUNCATE) on the same thread`,
    };
  }

  diskBytes(): number {
    return dirBytes(this.dir);
  }
}
