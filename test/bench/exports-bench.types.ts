import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';

// What the exports benchmark (exports-child.ts) measures at scale, issue 9's targets at L: a
// rep-month visit plan in every format (PDF ≤ 1 s, ICS ≤ 50 ms; XLSX and CSV beside them), the
// mailing list of the whole office (≥ 100 000 contacts ≤ 3 s, beside its counts-only preview), and
// every report as XLSX (≤ 2 s), CSV and PDF — each through `core.dispatch`, with the file's size
// and the event loop's longest pause while it is made.

export interface FileRun {
  what: string;
  format: string;
  /** Median / p95 of the whole command (gathering + writing + audit). */
  time: Stat;
  bytes: number;
  records: number;
  longestPauseMs: number;
}

export interface ExportsResult {
  scale: DatasetScale;
  records: number;
  loadMs: number;
  coreOpenMs: number;
  loadAverage: number[];
  plan: { rep: string; month: string; visits: number; runs: FileRun[] };
  mailing: { contacts: number; included: number; preview: Stat; runs: FileRun[] };
  /** Reports for the whole office; `cold` drops the kept report before each run, `warm` keeps it. */
  reports: Array<FileRun & { kind: string; warm: Stat }>;
}
