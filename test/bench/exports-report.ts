import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';
import type { ExportsResult, FileRun } from './exports-bench.types';

// The exports section of docs/BENCHMARKS.md: issue 9's targets at L — a rep-month visit plan PDF
// ≤ 1 s and ICS ≤ 50 ms, a mailing list of 100 000 contacts ≤ 3 s, each report XLSX ≤ 2 s — with
// the other formats of the same export beside them, the file sizes and the event loop's longest
// pause while each file is made.

const TARGET: Record<string, number> = {
  'visit plan pdf': 1000,
  'visit plan ics': 50,
  'mailing list csv': 3000,
};
const REPORT_XLSX_MS = 2000;

function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (x < 1) return `${x.toFixed(2)} ms`;
  if (x < 10) return `${x.toFixed(1)} ms`;
  if (x < 10_000) return `${x.toFixed(0)} ms`;
  return `${(x / 1000).toFixed(1)} s`;
}
const n = (x: number) => Math.round(x).toLocaleString('en');
const kb = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(0)} kB`);
const dist = (s: Stat) => `${ms(s.p50)} / ${ms(s.p95)}`;
const verdict = (pass: boolean | null) => (pass === null ? '—' : pass ? 'pass' : '**MISSED**');

function target(run: FileRun, atL: boolean): string {
  const t = TARGET[`${run.what} ${run.format}`];
  if (t === undefined) return '—';
  return `${verdict(atL ? run.time.p50 <= t : null)} (≤ ${ms(t)})`;
}

export function exportsSection(
  outcome: { ok: true; result: ExportsResult } | { ok: false; error: string },
  meta: { scale: DatasetScale; wallMs: number; date: string },
): string {
  const head = `## Exports at ${meta.scale} (issue 9)`;
  if (!outcome.ok)
    return [head, '', `Measured on ${meta.date}: **the run failed**: ${outcome.error}`, ''].join('\n');
  const r = outcome.result;
  const atL = meta.scale === 'L';
  const row = (x: FileRun) =>
    `| ${x.what} | ${x.format.toUpperCase()} | ${n(x.records)} | ${kb(x.bytes)} | ${dist(x.time)} | ${target(x, atL)} | ${ms(x.longestPauseMs)} |`;
  return [
    head,
    '',
    `Measured on ${meta.date} (wall ${ms(meta.wallMs)}): ${n(r.records)} records loaded in ${ms(r.loadMs)}, core open in ${ms(r.coreOpenMs)}; load average at the start ${r.loadAverage.map((x) => x.toFixed(2)).join(', ')}. ` +
      'Every figure is the whole command through `core.dispatch` (rights, input parsing, gathering the records, writing the file, the audit entry); the file comes back base64 in the answer. Each is measured after two warm-up runs; the event-loop pause is of the first, cold run.',
    '',
    `### Visit plan: ${r.plan.rep}, ${r.plan.month} (${n(r.plan.visits)} visits, the busiest rep's month)`,
    '',
    '| export | format | records | file | median / p95 | target | longest event-loop pause |',
    '|---|---|---|---|---|---|---|',
    ...r.plan.runs.map(row),
    '',
    `### Mailing list: the whole office (${n(r.mailing.contacts)} contacts, ${n(r.mailing.included)} on the list)`,
    '',
    '| export | format | records | file | median / p95 | target | longest event-loop pause |',
    '|---|---|---|---|---|---|---|',
    ...r.mailing.runs.map(row),
    `| the preview (counts only, no file) | — | — | — | ${dist(r.mailing.preview)} | — | — |`,
    '',
    '### Reports of the whole office (six months; data quality: the last month)',
    '',
    'Cold: the kept report is dropped before each run, so the figure includes computing it; warm: the report kept (the usual case right after viewing it).',
    '',
    '| report | format | rows | file | cold: median / p95 | target | warm: median / p95 | longest event-loop pause |',
    '|---|---|---|---|---|---|---|---|',
    ...r.reports.map(
      (x) =>
        `| ${x.kind} | ${x.format.toUpperCase()} | ${n(x.records)} | ${kb(x.bytes)} | ${dist(x.time)} | ${x.format === 'xlsx' ? `${verdict(atL ? x.time.p50 <= REPORT_XLSX_MS : null)} (≤ ${ms(REPORT_XLSX_MS)})` : '—'} | ${dist(x.warm)} | ${ms(x.longestPauseMs)} |`,
    ),
    '',
  ].join('\n');
}
