import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import { datasetCounts } from '../../main/core/demo/dataset.generator';
import type { ChildResult, LatencyStats, LaunchResult, StoreName } from './bench-adapter.types';
import { RESULT_PREFIX, STORE_NAMES } from './bench-adapter.types';
import type { ClientsResult } from './clients-bench.types';
import { clientsSection } from './clients-report';
import type { DedupeResult } from './dedupe-bench.types';
import { dedupeSection } from './dedupe-report';
import type { VisitsResult } from './visits-bench.types';
import { visitsSection } from './visits-report';
import type { ActionsResult } from './actions-bench.types';
import { actionsSection } from './actions-report';
import type { ReportsResult } from './reports-bench.types';
import { reportsSection } from './reports-report';
import type { ExportsResult } from './exports-bench.types';
import { exportsSection } from './exports-report';

// npm run bench [-- --scale S|L|both] [--quick] [--only stores|clients|dedupe|visits|actions|reports|exports] [--no-browser]
// Runs every store at every scale, each in its own child process (peak memory is per store), then
// prints one side-by-side table per scale; then the client base (search, list, card) in a real
// core and a real browser at the largest scale asked for (clients-child.ts); then the duplicate
// scan (recall and precision on planted pairs, time) and an import of 10 000 rows, in a real core
// and a real browser, at the largest scale asked for (dedupe-child.ts); then issue 6's visits, tasks
// and calls — a month's task generation, a rep's month agenda, a 50 000-row call file imported
// twice — in a real core at the largest scale asked for (visits-child.ts); then issue 7's local
// actions and budgets — a registration carrying 50 visits' tasks, the manager's queue, budget
// figures, lists and alerts — in a real core at the largest scale asked for (actions-child.ts); then
// issue 8's six reports (first and cached), drill-downs and home counters (reports-child.ts); then
// issue 9's exports — a rep-month visit plan, the office's mailing list, every report as a file
// (exports-child.ts). Rewrites
// docs/BENCHMARKS.md: the hand-written analysis between the ANALYSIS markers survives the rewrite,
// and with --only the other parts' sections are kept as the last run wrote them.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOC = path.join(ROOT, 'docs', 'BENCHMARKS.md');
const CHILD = 'test/bench/bench-child.ts';
const CLIENTS_CHILD = 'test/bench/clients-child.ts';
const DEDUPE_CHILD = 'test/bench/dedupe-child.ts';
const VISITS_CHILD = 'test/bench/visits-child.ts';
const ACTIONS_CHILD = 'test/bench/actions-child.ts';
const REPORTS_CHILD = 'test/bench/reports-child.ts';
const EXPORTS_CHILD = 'test/bench/exports-child.ts';
const CHILD_TIMEOUT_MS = 30 * 60_000;
const ANALYSIS_START = '<!-- ANALYSIS:START (kept when the benchmark rewrites this file) -->';
const ANALYSIS_END = '<!-- ANALYSIS:END -->';
const STORES_START = '<!-- STORES:START -->';
const STORES_END = '<!-- STORES:END -->';
const CLIENTS_START = '<!-- CLIENTS:START -->';
const CLIENTS_END = '<!-- CLIENTS:END -->';
const DEDUPE_START = '<!-- DEDUPE:START -->';
const DEDUPE_END = '<!-- DEDUPE:END -->';
const VISITS_START = '<!-- VISITS:START -->';
const VISITS_END = '<!-- VISITS:END -->';
const ACTIONS_START = '<!-- ACTIONS:START -->';
const ACTIONS_END = '<!-- ACTIONS:END -->';
const REPORTS_START = '<!-- REPORTS:START -->';
const REPORTS_END = '<!-- REPORTS:END -->';
const EXPORTS_START = '<!-- EXPORTS:START -->';
const EXPORTS_END = '<!-- EXPORTS:END -->';

interface Failure {
  store: StoreName;
  scale: DatasetScale;
  error: string;
}
type Outcome =
  { ok: true; result: ChildResult; launch: LaunchResult | Failure } | { ok: false; failure: Failure };

const PARTS = ['stores', 'clients', 'dedupe', 'visits', 'actions', 'reports', 'exports'] as const;
type Part = (typeof PARTS)[number];
interface Args {
  scales: DatasetScale[];
  quick: boolean;
  parts: Part[];
  browser: boolean;
}

function parseArgs(argv: string[]): Args {
  const usage =
    'usage: run.bench.ts [--scale S|L|both] [--quick] [--only stores|clients|dedupe|visits|actions|reports|exports] [--no-browser]';
  let scale = 'both';
  let quick = false;
  let only = '';
  let browser = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--no-browser') browser = false;
    else if (a === '--scale') scale = argv[++i] ?? '';
    else if (a.startsWith('--scale=')) scale = a.slice('--scale='.length);
    else if (a === '--only') only = argv[++i] ?? '';
    else if (a.startsWith('--only=')) only = a.slice('--only='.length);
    else throw new Error(`unknown argument ${a}; ${usage}`);
  }
  if (only && !(PARTS as readonly string[]).includes(only))
    throw new Error(`--only must be one of ${PARTS.join(', ')}; ${usage}`);
  const parts: Part[] = only ? [only as Part] : [...PARTS];
  if (scale === 'both') return { scales: ['S', 'L'], quick, parts, browser };
  if (scale === 'S' || scale === 'L') return { scales: [scale], quick, parts, browser };
  throw new Error(`--scale must be S, L or both, not ${scale}`);
}

/** Runs one child; its stderr (progress) is shown live and its tail kept for the failure report. */
function runChild(
  args: string[],
  script = CHILD,
): Promise<{ code: number | null; result: string | null; stderrTail: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let errTail = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      process.stderr.write(s);
      errTail = (errTail + s).slice(-2_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      resolve({
        code: code ?? (signal ? 128 : null),
        result: line ? line.slice(RESULT_PREFIX.length) : null,
        stderrTail: errTail,
      });
    });
  });
}

function lastLines(s: string, n = 3): string {
  return s
    .trim()
    .split('\n')
    .filter((l) => !/^npm warn/.test(l))
    .slice(-n)
    .join(' / ');
}

async function runStore(store: StoreName, scale: DatasetScale, quick: boolean): Promise<Outcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `regio-bench-${store}-${scale}-`));
  try {
    process.stderr.write(`\n▶ ${store} at ${scale}${quick ? ' (quick)' : ''} in ${dir}\n`);
    const main = await runChild([store, scale, dir, ...(quick ? ['--quick'] : [])]);
    if (main.code !== 0 || !main.result) {
      return {
        ok: false,
        failure: { store, scale, error: `child exited with ${main.code}: ${lastLines(main.stderrTail)}` },
      };
    }
    const result = JSON.parse(main.result) as ChildResult;
    const [id, phone] = result.expect.lastPatch;
    const l = await runChild([store, scale, dir, '--launch', `--last-patch=${id}=${phone}`]);
    const launch: LaunchResult | Failure =
      l.code === 0 && l.result
        ? (JSON.parse(l.result) as LaunchResult)
        : { store, scale, error: `launch child exited with ${l.code}: ${lastLines(l.stderrTail)}` };
    return { ok: true, result, launch };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The client base: search, list and card in a real core, then the list in a real browser. */
async function runClients(
  scale: DatasetScale,
  quick: boolean,
  browser: boolean,
): Promise<{ ok: true; result: ClientsResult } | { ok: false; error: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `regio-bench-clients-${scale}-`));
  try {
    process.stderr.write(`\n▶ client base at ${scale}${quick ? ' (quick)' : ''} in ${dir}\n`);
    const r = await runChild(
      [scale, dir, ...(quick ? ['--quick'] : []), ...(browser ? [] : ['--no-browser'])],
      CLIENTS_CHILD,
    );
    if (r.code !== 0 || !r.result)
      return { ok: false, error: `child exited with ${r.code}: ${lastLines(r.stderrTail)}` };
    return { ok: true, result: JSON.parse(r.result) as ClientsResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Duplicates and imports: the scan's recall, precision and time, an import of 10 000 rows, the window meanwhile. */
async function runDedupe(
  scale: DatasetScale,
  browser: boolean,
): Promise<{ ok: true; result: DedupeResult } | { ok: false; error: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `regio-bench-dedupe-${scale}-`));
  try {
    process.stderr.write(`\n▶ duplicates and imports at ${scale} in ${dir}\n`);
    const r = await runChild([scale, dir, ...(browser ? [] : ['--no-browser'])], DEDUPE_CHILD);
    if (r.code !== 0 || !r.result)
      return { ok: false, error: `child exited with ${r.code}: ${lastLines(r.stderrTail)}` };
    return { ok: true, result: JSON.parse(r.result) as DedupeResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Visits, tasks and calls: a month's task generation, a rep's month agenda, a call file imported twice. */
async function runVisits(
  scale: DatasetScale,
): Promise<{ ok: true; result: VisitsResult } | { ok: false; error: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `regio-bench-visits-${scale}-`));
  try {
    process.stderr.write(`\n▶ visits, tasks and calls at ${scale} in ${dir}\n`);
    const r = await runChild([scale, dir], VISITS_CHILD);
    if (r.code !== 0 || !r.result)
      return { ok: false, error: `child exited with ${r.code}: ${lastLines(r.stderrTail)}` };
    return { ok: true, result: JSON.parse(r.result) as VisitsResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Local actions and budgets: a registration with 50 visits' tasks, the queue, figures, lists, alerts. */
async function runActions(
  scale: DatasetScale,
): Promise<{ ok: true; result: ActionsResult } | { ok: false; error: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `regio-bench-actions-${scale}-`));
  try {
    process.stderr.write(`\n▶ local actions and budgets at ${scale} in ${dir}\n`);
    const r = await runChild([scale, dir], ACTIONS_CHILD);
    if (r.code !== 0 || !r.result)
      return { ok: false, error: `child exited with ${r.code}: ${lastLines(r.stderrTail)}` };
    return { ok: true, result: JSON.parse(r.result) as ActionsResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runReports(
  scale: DatasetScale,
): Promise<{ ok: true; result: ReportsResult } | { ok: false; error: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `regio-bench-reports-${scale}-`));
  try {
    process.stderr.write(`\n▶ reports and live counters at ${scale} in ${dir}\n`);
    const r = await runChild([scale, dir], REPORTS_CHILD);
    if (r.code !== 0 || !r.result)
      return { ok: false, error: `child exited with ${r.code}: ${lastLines(r.stderrTail)}` };
    return { ok: true, result: JSON.parse(r.result) as ReportsResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runExports(
  scale: DatasetScale,
): Promise<{ ok: true; result: ExportsResult } | { ok: false; error: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `regio-bench-exports-${scale}-`));
  try {
    process.stderr.write(`\n▶ exports at ${scale} in ${dir}\n`);
    const r = await runChild([scale, dir], EXPORTS_CHILD);
    if (r.code !== 0 || !r.result)
      return { ok: false, error: `child exited with ${r.code}: ${lastLines(r.stderrTail)}` };
    return { ok: true, result: JSON.parse(r.result) as ExportsResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- formatting ----

function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (x < 0.01) return `${(x * 1000).toFixed(1)} µs`;
  if (x < 1) return `${x.toFixed(3)} ms`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 10_000) return `${x.toFixed(0)} ms`;
  return `${(x / 1000).toFixed(1)} s`;
}
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const pct = (s: LatencyStats) =>
  `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.p999)} (n=${s.n.toLocaleString('en')})`;

type Row = [string, ...string[]];

/** A fresh process must find what the last one committed: the benchmark doubles as a smoke test. */
function dataCheck(r: ChildResult, l: LaunchResult | Failure): string {
  if ('error' in l) return 'not checked (launch failed)';
  const problems: string[] = [];
  if (l.found.visits !== r.expect.visits)
    problems.push(`${l.found.visits} visits, expected ${r.expect.visits}`);
  if (l.found.lastPatchPhone !== r.expect.lastPatch[1]) {
    problems.push(
      `last patched phone ${JSON.stringify(l.found.lastPatchPhone)}, expected ${r.expect.lastPatch[1]}`,
    );
  }
  return problems.length
    ? `**MISMATCH**: ${problems.join('; ')}`
    : `ok (${l.found.visits.toLocaleString('en')} visits)`;
}

function table(outcomes: Outcome[]): string {
  const cols = outcomes.map((o) => (o.ok ? o.result.label : `${o.failure.store} (FAILED)`));
  const cell = (f: (r: ChildResult, launch: LaunchResult | Failure) => string) =>
    outcomes.map((o) => (o.ok ? f(o.result, o.launch) : '—'));
  const rows: Row[] = [
    ['records loaded', ...cell((r) => r.records.toLocaleString('en'))],
    ['load time', ...cell((r) => ms(r.loadMs))],
    ['disk after load', ...cell((r) => mb(r.diskAfterLoad))],
    ['cold open → usable (same process)', ...cell((r) => ms(r.open.usableMs))],
    [
      'cold open → fully loaded',
      ...cell((r) => (r.open.fullMs === null ? 'n/a (reads on demand)' : ms(r.open.fullMs))),
    ],
    [
      'launch → usable (fresh process)',
      ...cell((_, l) => ('error' in l ? `failed: ${l.error}` : ms(l.launchToUsableMs))),
    ],
    ['launch → fully loaded (fresh process)', ...cell((_, l) => ('error' in l ? '—' : ms(l.launchToFullMs)))],
    ['get client by id, p50', ...cell((r) => ms(r.getById.p50))],
    [
      'visits of one client (index), p50',
      ...cell((r) => `${ms(r.visitsOfClient.p50)} (${r.visitsOfClient.rowsPerLookup.toFixed(1)} rows)`),
    ],
    ['commit: one-field client patch, p50 / p99 / p99.9', ...cell((r) => pct(r.patch))],
    ['commit: insert one visit, p50 / p99 / p99.9', ...cell((r) => pct(r.insert))],
    [
      'commit: 1 000 visits in one tx, p50 / max',
      ...cell((r) => `${ms(r.insertMany.p50)} / ${ms(r.insertMany.max)} (n=${r.insertMany.n})`),
    ],
    [
      'commit while a checkpoint runs, p50 / p99 / p99.9',
      ...cell((r) => (r.duringCheckpoint ? pct(r.duringCheckpoint) : 'n/a (every write is a full rewrite)')),
    ],
    [
      'checkpoint duration, median / max',
      ...cell((r) => {
        const c = r.duringCheckpoint?.checkpointMs;
        if (!c?.length) return 'n/a';
        const s = [...c].sort((a, b) => a - b);
        return `${ms(s[Math.floor(s.length / 2)])} / ${ms(s[s.length - 1])} (${s.length}×)`;
      }),
    ],
    ['disk after mutations', ...cell((r) => mb(r.diskAfterMutations))],
    ['data check after reopen (visit count, last patch)', ...cell((r, l) => dataCheck(r, l))],
    ['peak RSS', ...cell((r) => `${r.peakRssMb.toFixed(0)} MB`)],
    ['peak JS heap used (sampled)', ...cell((r) => `${r.peakHeapMb.toFixed(0)} MB`)],
    ['child wall time', ...cell((r) => ms(r.wallMs))],
  ];
  const head = `| metric | ${cols.join(' | ')} |\n|---|${cols.map(() => '---').join('|')}|`;
  return [head, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

interface Target {
  name: string;
  measured: string;
  pass: boolean | null;
}

/** The issue's targets for L (our store), checked against this run. */
function targets(outcomes: Outcome[]): Target[] {
  const get = (s: StoreName) =>
    outcomes.find((o): o is Extract<Outcome, { ok: true }> => o.ok && o.result.store === s);
  const ours = get('journal');
  const sql = get('sqlite');
  if (!ours) return [{ name: 'our store ran', measured: 'it failed', pass: false }];
  const r = ours.result;
  const out: Target[] = [
    { name: 'commit p50 ≤ 1 ms (patch)', measured: ms(r.patch.p50), pass: r.patch.p50 <= 1 },
    { name: 'commit p50 ≤ 1 ms (insert)', measured: ms(r.insert.p50), pass: r.insert.p50 <= 1 },
    { name: 'commit p99 ≤ 5 ms (patch)', measured: ms(r.patch.p99), pass: r.patch.p99 <= 5 },
    { name: 'commit p99 ≤ 5 ms (insert)', measured: ms(r.insert.p99), pass: r.insert.p99 <= 5 },
  ];
  if (sql) {
    const s = sql.result;
    out.push(
      {
        name: 'our p50 within 3× of better-sqlite3 (patch)',
        measured: `${(r.patch.p50 / s.patch.p50).toFixed(2)}× (${ms(r.patch.p50)} vs ${ms(s.patch.p50)})`,
        pass: r.patch.p50 <= 3 * s.patch.p50,
      },
      {
        name: 'our p50 within 3× of better-sqlite3 (insert)',
        measured: `${(r.insert.p50 / s.insert.p50).toFixed(2)}× (${ms(r.insert.p50)} vs ${ms(s.insert.p50)})`,
        pass: r.insert.p50 <= 3 * s.insert.p50,
      },
    );
  }
  const cp = r.duringCheckpoint;
  out.push({
    name: 'p99.9 ≤ 50 ms while a checkpoint runs',
    measured: cp ? `${ms(cp.p999)} (n=${cp.n}, max ${ms(cp.max)})` : 'n/a',
    pass: cp ? cp.p999 <= 50 : null,
  });
  const l = ours.launch;
  if ('error' in l) out.push({ name: 'usable ≤ 2 s after launch', measured: l.error, pass: false });
  else
    out.push({
      name: 'usable ≤ 2 s after launch (fresh process, incl. Node + tsx start-up)',
      measured: ms(l.launchToUsableMs),
      pass: l.launchToUsableMs <= 2_000,
    });
  out.push({
    name: 'usable ≤ 2 s after open (reopen in the same process)',
    measured: ms(r.open.usableMs),
    pass: r.open.usableMs <= 2_000,
  });
  return out;
}

function targetTable(ts: Target[]): string {
  return [
    '| target (L, our store) | measured | result |',
    '|---|---|---|',
    ...ts.map(
      (t) => `| ${t.name} | ${t.measured} | ${t.pass === null ? 'n/a' : t.pass ? 'pass' : '**MISSED**'} |`,
    ),
  ].join('\n');
}

function notesOf(outcomes: Outcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      lines.push(`- **${o.failure.store} failed**: ${o.failure.error}`);
      continue;
    }
    for (const n of o.result.notes) lines.push(`- ${o.result.label}: ${n}`);
    if (o.result.duringCheckpoint)
      lines.push(`- ${o.result.label}: commits during checkpoint — ${o.result.duringCheckpoint.note}`);
  }
  return lines.join('\n');
}

function keptBlock(start: string, end: string, fallback: string): string {
  if (!existsSync(DOC)) return fallback;
  const old = readFileSync(DOC, 'utf8');
  const a = old.indexOf(start);
  const b = old.indexOf(end);
  return a >= 0 && b > a ? old.slice(a, b + end.length) : fallback;
}

/** The store sections of the last run; files written before the markers existed hold them unmarked. */
function keptStores(): string {
  const fallback = `${STORES_START}\n_Not measured yet: run npm run bench -- --only stores._\n${STORES_END}`;
  const kept = keptBlock(STORES_START, STORES_END, '');
  if (kept || !existsSync(DOC)) return kept || fallback;
  const old = readFileSync(DOC, 'utf8');
  const a = old.indexOf('## Scale ');
  const ends = [
    old.indexOf(CLIENTS_START),
    old.indexOf(DEDUPE_START),
    old.indexOf(VISITS_START),
    old.indexOf(ACTIONS_START),
    old.indexOf(REPORTS_START),
    old.indexOf('## Analysis'),
  ].filter((i) => i > a);
  if (a < 0 || !ends.length) return fallback;
  return `${STORES_START}\n${old.slice(a, Math.min(...ends)).trimEnd()}\n\n${STORES_END}`;
}

function keptAnalysis(): string {
  return keptBlock(
    ANALYSIS_START,
    ANALYSIS_END,
    `${ANALYSIS_START}\n_No analysis written yet._\n${ANALYSIS_END}`,
  );
}

function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; load average at start ${load}`;
}

function howToRead(): string {
  return `## How to read this

Each store loads the same generated dataset (\`main/core/demo/dataset.generator.ts\`, fixed seed) in
its own child process, then runs the same operations in the same order: cold reopen, reads, single
commits, 1 000-record transactions, commits during a checkpoint. Latencies are wall-clock times of
one awaited operation, sorted, nearest rank (with fewer than 1 000 samples p99.9 is the maximum).
"Commit" means the caller is answered only once the change is durable: our journal and SQLite
(\`synchronous=FULL\`) fsync before answering; naive lowdb writes a temp file and renames it **without
fsync**, so its figures flatter it. Naive lowdb gets far fewer operations because each one rewrites the
whole file; the *n* in each cell says how many were measured. "Usable" means sign-in can be served
(office, users, teams, dictionaries, settings in memory); our store loads everything else (clients,
contacts, then the history: visits, calls, order lines, audit) right after, while the person signs in. The reopen runs in the same
process right after the load, so the snapshot files are in the page cache: a first launch after a
reboot reads from disk and is slower. The fresh-process launch figure counts from process start and
includes Node's start-up and tsx transpiling the TypeScript sources, which a bundled app avoids.
Peak RSS is \`process.resourceUsage().maxRSS\` of the child, so it includes the dataset generator's own
bookkeeping (a few tens of MB at L). The machine is shared (other sessions may run builds and
tests), so compare stores within one run rather than across runs.`;
}

async function main(): Promise<void> {
  const { scales, quick, parts, browser } = parseArgs(process.argv.slice(2));
  const started = new Date();
  const wall0 = performance.now();
  const sections: string[] = [];
  const consoleOut: string[] = [];
  if (parts.includes('stores')) {
    for (const scale of scales) {
      const outcomes: Outcome[] = [];
      const t0 = performance.now();
      for (const store of STORE_NAMES) outcomes.push(await runStore(store, scale, quick));
      const counts = datasetCounts(scale);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const title = `## Scale ${scale}: ${total.toLocaleString('en')} records (${counts.clients.toLocaleString('en')} clients, ${counts.contacts.toLocaleString('en')} contacts, ${counts.visits.toLocaleString('en')} visits, ${counts.calls.toLocaleString('en')} calls, ${counts.localActions.toLocaleString('en')} local actions, ${counts.orderLines.toLocaleString('en')} order lines)`;
      const body = [
        title,
        '',
        `Measured in ${ms(performance.now() - t0)} on ${new Date().toISOString()}.`,
        '',
        table(outcomes),
        '',
      ];
      if (scale === 'L') body.push(targetTable(targets(outcomes)), '');
      body.push('Notes:', '', notesOf(outcomes), '');
      sections.push(body.join('\n'));
      consoleOut.push(body.join('\n'));
    }
  }
  let clientsBlock: string | null = null;
  if (parts.includes('clients')) {
    // The targets are for L: the client base runs at the largest scale asked for.
    const scale: DatasetScale = scales.includes('L') ? 'L' : 'S';
    const t0 = performance.now();
    const r = await runClients(scale, quick, browser);
    const body = clientsSection(r, {
      scale,
      wallMs: performance.now() - t0,
      date: new Date().toISOString(),
      quick,
    });
    consoleOut.push(body);
    clientsBlock = `${CLIENTS_START}\n${body}\n${CLIENTS_END}`;
  }
  let dedupeBlock: string | null = null;
  if (parts.includes('dedupe')) {
    // The issue's targets are for L: the dedupe part runs at the largest scale asked for.
    const scale: DatasetScale = scales.includes('L') ? 'L' : 'S';
    const t0 = performance.now();
    const r = await runDedupe(scale, browser);
    const body = dedupeSection(r, { scale, wallMs: performance.now() - t0, date: new Date().toISOString() });
    consoleOut.push(body);
    dedupeBlock = `${DEDUPE_START}\n${body}\n${DEDUPE_END}`;
  }
  let visitsBlock: string | null = null;
  if (parts.includes('visits')) {
    // The issue's targets are for L: the visits part runs at the largest scale asked for.
    const scale: DatasetScale = scales.includes('L') ? 'L' : 'S';
    const t0 = performance.now();
    const r = await runVisits(scale);
    const body = visitsSection(r, { scale, wallMs: performance.now() - t0, date: new Date().toISOString() });
    consoleOut.push(body);
    visitsBlock = `${VISITS_START}\n${body}\n${VISITS_END}`;
  }
  let actionsBlock: string | null = null;
  if (parts.includes('actions')) {
    // The issue's targets are for L: the actions part runs at the largest scale asked for.
    const scale: DatasetScale = scales.includes('L') ? 'L' : 'S';
    const t0 = performance.now();
    const r = await runActions(scale);
    const body = actionsSection(r, { scale, wallMs: performance.now() - t0, date: new Date().toISOString() });
    consoleOut.push(body);
    actionsBlock = `${ACTIONS_START}\n${body}\n${ACTIONS_END}`;
  }
  let reportsBlock: string | null = null;
  if (parts.includes('reports')) {
    // The issue's targets are for L: the reports part runs at the largest scale asked for.
    const scale: DatasetScale = scales.includes('L') ? 'L' : 'S';
    const t0 = performance.now();
    const r = await runReports(scale);
    const body = reportsSection(r, { scale, wallMs: performance.now() - t0, date: new Date().toISOString() });
    consoleOut.push(body);
    reportsBlock = `${REPORTS_START}\n${body}\n${REPORTS_END}`;
  }
  let exportsBlock: string | null = null;
  if (parts.includes('exports')) {
    // The issue's targets are for L: the exports part runs at the largest scale asked for.
    const scale: DatasetScale = scales.includes('L') ? 'L' : 'S';
    const t0 = performance.now();
    const r = await runExports(scale);
    const body = exportsSection(r, { scale, wallMs: performance.now() - t0, date: new Date().toISOString() });
    consoleOut.push(body);
    exportsBlock = `${EXPORTS_START}\n${body}\n${EXPORTS_END}`;
  }
  const cmd = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const storesBlock = parts.includes('stores')
    ? `${STORES_START}\n${sections.join('\n')}${STORES_END}`
    : keptStores();
  clientsBlock ??= keptBlock(
    CLIENTS_START,
    CLIENTS_END,
    `${CLIENTS_START}\n_Not measured yet: run npm run bench -- --only clients._\n${CLIENTS_END}`,
  );
  dedupeBlock ??= keptBlock(
    DEDUPE_START,
    DEDUPE_END,
    `${DEDUPE_START}\n_Not measured yet: run npm run bench -- --only dedupe._\n${DEDUPE_END}`,
  );
  visitsBlock ??= keptBlock(
    VISITS_START,
    VISITS_END,
    `${VISITS_START}\n_Not measured yet: run npm run bench -- --only visits._\n${VISITS_END}`,
  );
  actionsBlock ??= keptBlock(
    ACTIONS_START,
    ACTIONS_END,
    `${ACTIONS_START}\n_Not measured yet: run npm run bench -- --only actions._\n${ACTIONS_END}`,
  );
  reportsBlock ??= keptBlock(
    REPORTS_START,
    REPORTS_END,
    `${REPORTS_START}\n_Not measured yet: run npm run bench -- --only reports._\n${REPORTS_END}`,
  );
  exportsBlock ??= keptBlock(
    EXPORTS_START,
    EXPORTS_END,
    `${EXPORTS_START}\n_Not measured yet: run npm run bench -- --only exports._\n${EXPORTS_END}`,
  );
  const doc = [
    '# Benchmarks',
    '',
    '<!-- Written by test/bench/run.bench.ts; edit only the analysis section, the rest is regenerated. -->',
    '',
    `- Date: ${started.toISOString()}`,
    `- Command: \`${cmd}\`${quick ? ' (quick: fewer operations per measurement)' : ''}${parts.length === 1 ? ` (only the ${parts[0]} part; the other parts are from earlier runs and say when they were measured)` : ''}`,
    `- Machine: ${machine()}`,
    `- Total wall time: ${ms(performance.now() - wall0)}`,
    '',
    howToRead(),
    '',
    storesBlock,
    '',
    clientsBlock,
    '',
    dedupeBlock,
    '',
    visitsBlock,
    '',
    actionsBlock,
    '',
    reportsBlock,
    '',
    exportsBlock,
    '',
    '## Analysis',
    '',
    keptAnalysis(),
    '',
  ].join('\n');
  mkdirSync(path.dirname(DOC), { recursive: true });
  writeFileSync(DOC, doc);
  process.stdout.write(
    `\n${consoleOut.join('\n')}\nWritten to ${path.relative(ROOT, DOC)} (total ${ms(performance.now() - wall0)}).\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
