import type { DatasetItem, DatasetScale, DemoRecord } from '../../main/core/demo/dataset.generator';

// The contract between the benchmark's workload (bench-child.ts) and the three stores it compares.
// Every store runs the same operations on the same records; what differs is only how it persists.

/** The child prints its result as the last stdout line, after this prefix. */
export const RESULT_PREFIX = 'RESULT ';

export type StoreName = 'journal' | 'sqlite' | 'lowdb';
export const STORE_NAMES: readonly StoreName[] = ['journal', 'sqlite', 'lowdb'];

export interface OpenTiming {
  /** Open called → sign-in can be served (office, users, teams, dictionaries, settings). */
  usableMs: number;
  /** Open called → every collection, history included, is in memory; null when the store reads on demand. */
  fullMs: number | null;
}

export interface CheckpointRun {
  /** Latency of every commit issued while a checkpoint was running (or, for SQLite, around one). */
  latencies: number[];
  checkpointMs: number[];
  note: string;
}

export interface BenchAdapter {
  readonly label: string;
  /** Creates the store in its empty folder and loads the dataset (the folder is the adapter's). */
  load(items: Iterable<DatasetItem>): Promise<{ notes: string[] }>;
  close(): Promise<void>;
  /** Reopens after close(): the cold-open measurement. */
  open(): Promise<OpenTiming>;
  getById(collection: string, id: string): unknown;
  visitsOfClient(clientId: string): unknown[];
  /** One committed (durable, where the store knows durability) transaction each. */
  patchClient(id: string, patch: Record<string, unknown>): Promise<void>;
  insert(collection: string, record: DemoRecord): Promise<void>;
  insertMany(collection: string, records: DemoRecord[]): Promise<void>;
  /** null: the store has no checkpoint separate from its commits. */
  commitsDuringCheckpoint(opts: {
    minSamples: number;
    maxRounds: number;
    patch: () => [string, Record<string, unknown>];
  }): Promise<CheckpointRun | null>;
  diskBytes(): number;
  count(collection: string): number;
}

/** What the next process must find after this one closed the store: the data check. */
export interface Expectation {
  visits: number;
  /** The last committed patch: [client id, phone]. */
  lastPatch: [string, string];
}

export interface LatencyStats {
  n: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface ChildResult {
  store: StoreName;
  label: string;
  scale: DatasetScale;
  quick: boolean;
  records: number;
  notes: string[];
  loadMs: number;
  diskAfterLoad: number;
  open: OpenTiming;
  getById: LatencyStats;
  visitsOfClient: LatencyStats & { rowsPerLookup: number };
  patch: LatencyStats;
  insert: LatencyStats;
  insertMany: LatencyStats & { batch: number };
  duringCheckpoint: (LatencyStats & { checkpointMs: number[]; note: string }) | null;
  diskAfterMutations: number;
  expect: Expectation;
  peakRssMb: number;
  peakHeapMb: number;
  wallMs: number;
}

/** From a fresh process: what a user waits for after launching the app. */
export interface LaunchResult {
  store: StoreName;
  scale: DatasetScale;
  /** Process start (performance.timeOrigin) → usable, including Node and tsx start-up and imports. */
  launchToUsableMs: number;
  launchToFullMs: number | null;
  openUsableMs: number;
  /** The data check: the visit count and the last patched phone as the reopened store has them. */
  found: { visits: number; lastPatchPhone: unknown };
}
