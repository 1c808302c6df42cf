import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';

// What the dedupe benchmark (dedupe-child.ts) measures: the duplicate scan's recall and precision on
// pairs planted in the generated client base, its time through the core beside a naive every-pair
// comparison, an import of 10 000 rows (upload, dry run, commit, revert) beside the full scan as its
// duplicate check, and how responsive the core and the browser stay meanwhile. The child prints one
// RESULT line with a DedupeResult.

export type { Stat };

/** One kind of planted pair: found by the scan, or (for hard negatives) wrongly reported. */
export interface KindResult {
  kind: string;
  /** What the kind is, for the report. */
  what: string;
  planted: number;
  /** Positives: pairs the scan reported. Negatives: pairs the scan reported (each a false positive). */
  reported: number;
  /** Reasons the scan gave for the reported pairs, with counts. */
  reasons: Record<string, number>;
  /** A few pairs (names, cities) the scan missed (positives) or reported (negatives). */
  examples: string[];
}

export interface FalsePositive {
  a: string;
  b: string;
  reasons: string[];
  score: number;
  /** planted-negative, involves-planted (a planted record paired with something else), natural. */
  origin: string;
  /** What the two have in common (see DedupeResult.falsePositives.byWhat). */
  what: string;
}

export interface PingStats {
  /** Latency of corrections:counts issued every 50 ms during the operation. */
  calls: Stat;
  /** The longest time without an answer: from the start, between answers, to the first answer after the end. */
  maxGapMs: number;
  /** perf_hooks.monitorEventLoopDelay during the operation (ms). */
  loopMaxMs: number;
  loopP99Ms: number;
}

export interface ScanTiming {
  /** duplicates:scan through core.dispatch (the core's sliced runner), each run a fresh scan. */
  runs: number[];
  pairs: number;
  progressEvents: number;
  /** Core responsiveness during the first run. */
  ping: PingStats;
  /** scanDuplicates called directly, in one go (no slicing): the pure algorithm. */
  directMs: number;
  /** Comparisons: pairs looked at in tax-id, phone and e-mail blocks, and names compared (Dice). */
  comparisons: { exact: number; names: number };
  naive: {
    /** Clients of the sample, each compared with every client. */
    sample: number;
    sampleComparisons: number;
    sampleMs: number;
    /** All pairs: n·(n − 1)/2. */
    totalComparisons: number;
    /** sampleMs scaled to every pair. */
    extrapolatedMs: number;
    /** Pairs the naive rules found among the sample's comparisons, and how many of them the scan has too. */
    sampleFound: number;
    sampleFoundByScan: number;
  };
}

export interface ImportTiming {
  rows: number;
  bytesCsv: number;
  bytesXlsx: number;
  planned: { new: number; updated: number; error: number; duplicate: number };
  uploadCsvMs: number;
  uploadXlsxMs: number;
  xlsxBuildMs: number;
  dryRunMs: number;
  dryRunRepeatMs: number;
  commitMs: number;
  revertMs: number;
  counts: Record<string, number>;
  committedCounts: Record<string, number>;
  contacts: { new: number; updated: number };
  revert: { restored: number; removed: number; kept: number; keptBy: Record<string, number> };
  /** Planted duplicate rows the dry run marked as duplicates. */
  plantedDuplicatesFound: number;
  /** Of the error rows the dry run's summary lists (it lists at most 500 rows, errors and duplicates first), the planted ones. */
  plantedErrorsFound: number;
  errorsListed: number;
  rowsListed: number;
  pingDryRun: PingStats;
  pingCommit: PingStats;
  /** The dry run's duplicate check alone: the probe vs. the full scan over the base and the new rows. */
  probeMs: number;
  probeSuspects: number;
  fullScanMs: number;
  fullScanSuspects: number;
}

export interface BrowserOp {
  label: string;
  /** From the action to the screen showing its result. */
  ms: number;
  longTasks: number;
  longTaskMaxMs: number;
  longTasksOver100: number;
  rafMaxGapMs: number;
  detail: string;
}

export interface DedupeBrowserResult {
  renderer: string;
  buildMs: number | null;
  hostLoadedMs: number;
  ops: BrowserOp[];
}

export interface DedupeResult {
  scale: DatasetScale;
  clients: number;
  contacts: number;
  loadMs: number;
  coreOpenMs: number;
  planted: { positives: number; negatives: number; clientsAdded: number };
  recall: number;
  precision: number;
  /** Precision without the pairs the generator made identical by chance (see falsePositives.byWhat). */
  precisionTellable: number;
  reported: number;
  truePositives: number;
  positives: KindResult[];
  negatives: KindResult[];
  falsePositives: {
    total: number;
    byOrigin: Record<string, number>;
    /** What the two have in common: identical by chance, a phone shared by chance, or a near match. */
    byWhat: Record<string, number>;
    sample: FalsePositive[];
  };
  scan: ScanTiming;
  imports: ImportTiming;
  browser: DedupeBrowserResult | { error: string } | null;
  peakRssMb: number;
  loadAverage: number[];
  wallMs: number;
}
