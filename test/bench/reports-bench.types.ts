import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';

// What the reports benchmark (reports-child.ts) measures at scale, issue 8's targets: each of the
// six reports through a real core — the first computation (nothing kept) and from the cache — for a
// manager's team and for the whole office; the drill-down behind a figure; the longest pause of
// the event loop while a report computes (the window stays responsive); the home counters; and,
// side by side, the same figures read through the screens' older commands.

export interface ReportRun {
  kind: string;
  who: 'team' | 'office';
  rows: number;
  /** reports:run with nothing kept (the cache dropped before each run). */
  first: Stat;
  /** reports:run again, the data unchanged. */
  cached: Stat;
  /** The longest gap between two ticks of a 1 ms timer while the first computation ran. */
  longestPauseMs: number;
  /** reports:drill of the totals row's first drillable column (the cache warm). */
  drill: Stat | null;
  drillRecords: number | null;
}

export interface ReportsResult {
  scale: DatasetScale;
  records: number;
  loadMs: number;
  coreOpenMs: number;
  loadAverage: number[];
  period: { from: string; to: string };
  teamReps: number;
  officeReps: number;
  runs: ReportRun[];
  /** The data-quality report's first computation including the duplicate scan it waits for. */
  dataQualityWithScan: { ms: number; who: 'office' };
  /** home:planCounters: a rep's, a manager's team, the office-wide head — warm and after a change. */
  counters: Array<{ who: string; warm: Stat; afterChange: Stat }>;
  /** Side by side: the budget-use report vs budgets:list month by month (the same figures?). */
  budgetsAlternative: { report: Stat; perMonthList: Stat; same: boolean };
  /** Side by side: the plan-progress report vs plans:list month by month (the same figures?). */
  plansAlternative: { report: Stat; perMonthList: Stat; same: boolean };
}
