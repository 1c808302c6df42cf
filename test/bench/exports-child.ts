import * as os from 'node:os';
import type {
  ExportFile,
  MailingListCounts,
  MailingListExportResult,
  VisitPlanExportResult,
} from '../../shared/contract/exports.schema';
import { REPORT_KINDS } from '../../shared/contract/reports.schema';
import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import { forgetReports } from '../../main/core/reports/reports.service';
import {
  call,
  gc,
  loadDataset,
  log,
  longestPause,
  openBenchCore,
  runBenchChild,
  signIn,
  timeIt,
} from './core-bench.kit';
import type { ExportsResult, FileRun } from './exports-bench.types';

// Issue 9's benchmarks at scale, in a real core on a data folder holding the whole generated
// dataset: the busiest rep's month as PDF, ICS, XLSX and CSV; the whole office's mailing list
// (every contact) beside its counts-only preview; every report of the office as XLSX, CSV and PDF.
//   node --import tsx --expose-gc test/bench/exports-child.ts <S|L> <dir>
// Progress goes to stderr; the result is the last stdout line, prefixed RESULT.

const RUNS = 5;
const MONTH = '2026-11';
const PERIOD = { from: '2026-06', to: '2026-11' };

type Loose = Record<string, unknown> & { id: string };

const bytesOf = (f: ExportFile) => Buffer.byteLength(f.base64, 'base64');

async function measureFile(
  what: string,
  format: string,
  runs: number,
  once: () => Promise<ExportFile>,
  before?: () => void,
): Promise<FileRun> {
  let file: ExportFile | null = null;
  before?.();
  const longestPauseMs = await longestPause(async () => {
    file = await once();
  });
  // Two warm-up runs: the first calls after the dataset's load pay for the collector settling the
  // million records just read (measured: 35 ms for an ICS that takes 5 ms once it has).
  const time = await timeIt(
    runs,
    async () => {
      file = await once();
    },
    before ? { before, warmup: 2 } : { warmup: 2 },
  );
  const f = file as ExportFile | null;
  log(`${what} ${format}: p50 ${time.p50.toFixed(1)} ms, ${f ? bytesOf(f).toLocaleString('en') : 0} bytes`);
  return { what, format, time, bytes: f ? bytesOf(f) : 0, records: f?.records ?? 0, longestPauseMs };
}

async function run(scale: DatasetScale, dir: string): Promise<ExportsResult> {
  const loadAverage = os.loadavg();
  log(`loading the ${scale} dataset into ${dir}`);
  const { records, loadMs } = await loadDataset(dir, scale);
  log(`loaded ${records.toLocaleString('en')} records in ${(loadMs / 1000).toFixed(1)} s`);
  gc();
  const { core, coreOpenMs } = await openBenchCore(dir);
  const store = core.store;

  // The rep with the most visits in the month: the heaviest plan a rep can export.
  const perRep = new Map<string, number>();
  for (const v of store.all<Loose>('visits'))
    if (!v.archived && String(v.date).startsWith(MONTH))
      perRep.set(v.repId as string, (perRep.get(v.repId as string) ?? 0) + 1);
  const [repId, visits] = [...perRep].sort((a, b) => b[1] - a[1])[0]!;
  const rep = store.get<Loose>('users', repId)!;
  const repS = await signIn(core, rep.login as string);
  const last = new Date(Date.UTC(+MONTH.slice(0, 4), +MONTH.slice(5, 7), 0)).getUTCDate();
  const planInput = { from: `${MONTH}-01`, to: `${MONTH}-${String(last).padStart(2, '0')}` };
  const planRuns: FileRun[] = [];
  for (const format of ['pdf', 'ics', 'xlsx', 'csv'] as const) {
    planRuns.push(
      await measureFile('visit plan', format, RUNS, async () => {
        const r = await call<VisitPlanExportResult>(core, repS, 'exports:visitPlan', {
          ...planInput,
          format,
        });
        return r.file;
      }),
    );
    gc();
  }

  // The mailing list of the whole office: the operator with no filter.
  const operator =
    store.byIndex<Loose>('users', 'role', 'operator')[0] ??
    store.byIndex<Loose>('users', 'role', 'admin')[0]!;
  const opS = await signIn(core, operator.login as string);
  let counts: MailingListCounts | null = null;
  const preview = await timeIt(RUNS, async () => {
    counts = await call<MailingListCounts>(core, opS, 'exports:mailingListPreview', { filter: {} });
  });
  const mailingRun = await measureFile('mailing list', 'csv', RUNS, async () => {
    const r = await call<MailingListExportResult>(core, opS, 'exports:mailingList', { filter: {} });
    counts = r.counts;
    return r.file;
  });
  gc();

  // Every report of the office (the admin: every rep), cold (computed) and warm (kept).
  const admin = store.byIndex<Loose>('users', 'role', 'admin')[0]!;
  const adminS = await signIn(core, admin.login as string);
  const reports: ExportsResult['reports'] = [];
  for (const kind of REPORT_KINDS) {
    const filters = kind === 'dataQuality' ? { from: PERIOD.to, to: PERIOD.to } : PERIOD;
    // The duplicate scan the data-quality report waits for is measured with the reports, not here.
    await call(core, adminS, 'reports:run', { kind, filters });
    for (const format of ['xlsx', 'csv', 'pdf'] as const) {
      const once = () => call<ExportFile>(core, adminS, 'exports:report', { kind, filters, format });
      const cold = await measureFile(`report ${kind}`, format, RUNS, once, () => forgetReports(store));
      await once();
      const warm = await timeIt(RUNS, once);
      reports.push({ ...cold, kind, warm });
      gc();
    }
  }
  await core.close();
  const c = counts as MailingListCounts | null;
  return {
    scale,
    records,
    loadMs,
    coreOpenMs,
    loadAverage,
    plan: { rep: rep.displayName as string, month: MONTH, visits, runs: planRuns },
    mailing: { contacts: c?.contacts ?? 0, included: c?.included ?? 0, preview, runs: [mailingRun] },
    reports,
  };
}

runBenchChild('exports-child.ts', run);
