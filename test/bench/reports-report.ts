import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';
import type { ReportsResult } from './reports-bench.types';

// The reports section of docs/BENCHMARKS.md: issue 8's targets at L — each report's first
// computation ≤ 300 ms and from the cache ≤ 20 ms, the home counters ≤ 10 ms — for a manager's team
// and for the whole office, with the event loop's longest pause while computing, a drill-down, and
// the budget and plan figures beside the month-by-month commands of the older screens.

const FIRST_MS = 300;
const CACHED_MS = 20;
const COUNTERS_MS = 10;

function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (x < 0.1) return `${(x * 1000).toFixed(0)} µs`;
  if (x < 1) return `${x.toFixed(2)} ms`;
  if (x < 10) return `${x.toFixed(1)} ms`;
  if (x < 10_000) return `${x.toFixed(0)} ms`;
  return `${(x / 1000).toFixed(1)} s`;
}
const n = (x: number) => Math.round(x).toLocaleString('en');
const verdict = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? 'pass' : '**MISSED**');
const dist = (s: Stat) => `${ms(s.p50)} / ${ms(s.p95)}`;

export function reportsSection(
  outcome: { ok: true; result: ReportsResult } | { ok: false; error: string },
  meta: { scale: DatasetScale; wallMs: number; date: string },
): string {
  const head = `## Reports and live counters at ${meta.scale} (issue 8)`;
  if (!outcome.ok)
    return [head, '', `Measured on ${meta.date}: **the run failed**: ${outcome.error}`, ''].join('\n');
  const r = outcome.result;
  const atL = meta.scale === 'L';
  const lines = [
    head,
    '',
    `Measured on ${meta.date} (wall ${ms(meta.wallMs)}): ${n(r.records)} records loaded in ${ms(r.loadMs)}, core open in ${ms(r.coreOpenMs)}; load average at the start ${r.loadAverage.map((x) => x.toFixed(2)).join(', ')}. ` +
      `Period ${r.period.from} – ${r.period.to} (data quality: the last month); the manager's team has ${r.teamReps} reps, the office ${r.officeReps}. ` +
      'Every figure goes through `core.dispatch` (rights, input parsing, the handler); "first" drops the kept reports before each run (`forgetReports`), "cached" asks again with the data unchanged.',
    '',
    '| report | who | rows | first: median / p95 | target | cached: median / p95 | target | longest event-loop pause while computing | drill-down of the totals (records) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.runs.map(
      (x) =>
        `| ${x.kind} | ${x.who} | ${n(x.rows)} | ${dist(x.first)} | ${verdict(atL ? x.first.p50 <= FIRST_MS : null)} (≤ ${FIRST_MS} ms) | ${dist(x.cached)} | ${verdict(atL ? x.cached.p50 <= CACHED_MS : null)} (≤ ${CACHED_MS} ms) | ${ms(x.longestPauseMs)} | ${x.drill ? `${ms(x.drill.p50)} (${n(x.drillRecords ?? 0)})` : '—'} |`,
    ),
    '',
    `The data-quality report waits for the duplicate scan the first time after clients or contacts change (the Duplicates screen's scan, kept while they are unchanged): the office's first data-quality report including that scan took **${ms(r.dataQualityWithScan.ms)}**; the rows above are measured with the scan kept.`,
    '',
    '| home counters (`home:planCounters`) | warm: median / p95 | right after the rep logs a call: median / p95 | target |',
    '|---|---|---|---|',
    ...r.counters.map(
      (c) =>
        `| ${c.who} | ${dist(c.warm)} | ${dist(c.afterChange)} | ${verdict(atL ? c.warm.p50 <= COUNTERS_MS && c.afterChange.p50 <= COUNTERS_MS : null)} (≤ ${COUNTERS_MS} ms) |`,
    ),
    '',
    "### Side by side: a report beside the screens' month-by-month commands (the manager's team, six months)",
    '',
    '| figures | the report (first computation): median / p95 | month by month through the older command: median / p95 | the same figures? |',
    '|---|---|---|---|',
    `| budget use | ${dist(r.budgetsAlternative.report)} | \`budgets:list\` × 6: ${dist(r.budgetsAlternative.perMonthList)} | ${r.budgetsAlternative.same ? 'yes' : '**no**'} |`,
    `| plan progress | ${dist(r.plansAlternative.report)} | \`plans:list\` × 6: ${dist(r.plansAlternative.perMonthList)} | ${r.plansAlternative.same ? 'yes' : '**no**'} |`,
    '',
  ];
  return lines.join('\n');
}
