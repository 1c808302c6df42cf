import * as os from 'node:os';
import type { BudgetRow } from '../../shared/contract/actions.schema';
import type { Client } from '../../shared/contract/clients.schema';
import type { PlanRow } from '../../shared/contract/plans.schema';
import type { ReportKind, ReportResult } from '../../shared/contract/reports.schema';
import { REPORT_KINDS } from '../../shared/contract/reports.schema';
import type { Core } from '../../main/core/app/core';
import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import { forgetReports } from '../../main/core/reports/reports.service';
import type { Stat } from './clients-bench.types';
import {
  call,
  gc,
  loadDataset,
  log,
  longestPause,
  now,
  openBenchCore,
  runBenchChild,
  signIn,
  timeIt,
} from './core-bench.kit';
import type { ReportRun, ReportsResult } from './reports-bench.types';

// Issue 8's benchmarks at scale, in a real core on a data folder holding the whole generated
// dataset: every report for a manager's team and for the office (the admin), first computed and
// then from the cache; a drill-down; the event loop's longest pause while a report computes; the
// home counters warm and right after a change; and the budget-use and plan-progress figures beside
// the same figures read month by month through budgets:list and plans:list.
//   node --import tsx --expose-gc test/bench/reports-child.ts <S|L> <dir>
// Progress goes to stderr; the result is the last stdout line, prefixed RESULT.

const FIRST_RUNS = 5;
const CACHED_RUNS = 20;
const PERIOD = { from: '2026-06', to: '2026-11' };

type Loose = Record<string, unknown> & { id: string };

async function measureReport(
  core: Core,
  session: string,
  kind: ReportKind,
  who: 'team' | 'office',
): Promise<ReportRun> {
  const filters = kind === 'dataQuality' ? { from: PERIOD.to, to: PERIOD.to } : PERIOD;
  const input = { kind, filters };
  // The duplicate scan the data-quality report waits for is kept apart (measured on its own).
  await call(core, session, 'reports:run', input);
  let result: ReportResult | null = null;
  const pause = await longestPause(async () => {
    forgetReports(core.store);
    result = await call<ReportResult>(core, session, 'reports:run', input);
  });
  const first = await timeIt(
    FIRST_RUNS,
    async () => {
      result = await call<ReportResult>(core, session, 'reports:run', input);
    },
    { before: () => forgetReports(core.store) },
  );
  const cached = await timeIt(CACHED_RUNS, async () => {
    const r = await call<ReportResult>(core, session, 'reports:run', input);
    if (!r.cached) throw new Error(`${kind}: expected a cached answer`);
  });
  const r = result as ReportResult | null;
  const col = r?.columns.find((c) => c.drill);
  let drill: Stat | null = null;
  let drillRecords: number | null = null;
  if (col) {
    drill = await timeIt(5, async () => {
      const d = await call<{ total: number }>(core, session, 'reports:drill', {
        ...input,
        rowKeys: [],
        column: col.key,
      });
      drillRecords = d.total;
    });
  }
  log(
    `${kind} (${who}): ${r?.rows.length ?? 0} rows, first p50 ${first.p50.toFixed(1)} ms, cached p50 ${cached.p50.toFixed(2)} ms`,
  );
  return { kind, who, rows: r?.rows.length ?? 0, first, cached, longestPauseMs: pause, drill, drillRecords };
}

/** The team with the most reps, its manager, and one of its reps with clients. */
function pickTeam(core: Core): { manager: Loose; rep: Loose; reps: number } {
  const store = core.store;
  let best: { manager: Loose; rep: Loose; reps: number } | null = null;
  for (const team of store.all<Loose>('teams')) {
    const reps = store.byIndex<Loose>('users', 'teamId', team.id).filter((u) => u.role === 'rep');
    const manager = team.managerId ? store.get<Loose>('users', team.managerId as string) : null;
    if (!manager || !reps.length) continue;
    if (!best || reps.length > best.reps) best = { manager, rep: reps[0]!, reps: reps.length };
  }
  if (!best) throw new Error('no team with a manager and reps in the dataset');
  return best;
}

async function run(scale: DatasetScale, dir: string): Promise<ReportsResult> {
  const loadAverage = os.loadavg();
  log(`loading the ${scale} dataset into ${dir}`);
  const { records, loadMs } = await loadDataset(dir, scale);
  log(`loaded ${records.toLocaleString('en')} records in ${(loadMs / 1000).toFixed(1)} s`);
  gc();
  const { core, coreOpenMs } = await openBenchCore(dir);
  const store = core.store;
  const { manager, rep, reps: teamReps } = pickTeam(core);
  const admin = store.byIndex<Loose>('users', 'role', 'admin')[0]!;
  const head = store.byIndex<Loose>('users', 'role', 'manager').find((u) => u.officeWide)!;
  const officeReps = store.byIndex<Loose>('users', 'role', 'rep').filter((u) => !u.archived).length;
  const mgrS = await signIn(core, manager.login as string);
  const adminS = await signIn(core, admin.login as string);
  const repS = await signIn(core, rep.login as string);
  const headS = await signIn(core, head.login as string);

  // The duplicate scan, once, as part of the office's first data-quality report.
  forgetReports(store);
  const s0 = now();
  await call(core, adminS, 'reports:run', {
    kind: 'dataQuality',
    filters: { from: PERIOD.to, to: PERIOD.to },
  });
  const dataQualityWithScan = { ms: now() - s0, who: 'office' as const };
  log(`data quality with the duplicate scan: ${(dataQualityWithScan.ms / 1000).toFixed(1)} s`);

  const runs: ReportRun[] = [];
  for (const kind of REPORT_KINDS) {
    runs.push(await measureReport(core, mgrS, kind, 'team'));
    gc();
    runs.push(await measureReport(core, adminS, kind, 'office'));
    gc();
  }

  // Home counters: warm (the memo holds the month), and right after a call is logged (it recounts).
  const client = store.byIndex<Client>('clients', 'repId', rep.id).find((c) => !c.archived)!;
  const status = store.byIndex<Loose>('dictionaries', 'kind', 'callStatus')[0]!;
  const logCall = () =>
    call(core, repS, 'calls:log', { clientId: client.id, statusId: status.id, number: '+48601000000' });
  const counters: ReportsResult['counters'] = [];
  for (const [who, s] of [
    ['rep', repS],
    ['manager (team)', mgrS],
    ['head of office (every rep)', headS],
  ] as const) {
    await call(core, s, 'home:planCounters', {});
    const warm = await timeIt(CACHED_RUNS, () => call(core, s, 'home:planCounters', {}));
    const afterChange = await timeIt(10, () => call(core, s, 'home:planCounters', {}), {
      before: async () => {
        await logCall();
      },
    });
    counters.push({ who, warm, afterChange });
    log(
      `home:planCounters ${who}: warm p50 ${warm.p50.toFixed(2)} ms, after a change p50 ${afterChange.p50.toFixed(2)} ms`,
    );
  }

  // Side by side: the reports against the month-by-month commands of the budget and plan screens.
  const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  const budgetReport = await timeIt(
    FIRST_RUNS,
    () => call(core, mgrS, 'reports:run', { kind: 'budgetUse', filters: PERIOD }),
    {
      before: () => forgetReports(store),
    },
  );
  let budgetRows: BudgetRow[] = [];
  const perMonthBudgets = await timeIt(FIRST_RUNS, async () => {
    budgetRows = [];
    for (const month of months)
      budgetRows.push(...(await call<BudgetRow[]>(core, mgrS, 'budgets:list', { month })));
  });
  const br = await call<ReportResult>(core, mgrS, 'reports:run', { kind: 'budgetUse', filters: PERIOD });
  const budgetsSame = br.rows.every((row) => {
    const b = budgetRows.find((x) => `${x.repId}|${x.month}` === row.key);
    return (
      !!b &&
      b.budget === row.cells.budget &&
      b.reserved === row.cells.reserved &&
      b.committed === row.cells.committed &&
      b.settled === row.cells.settled &&
      b.available === row.cells.available
    );
  });
  const planReport = await timeIt(
    FIRST_RUNS,
    () => call(core, mgrS, 'reports:run', { kind: 'planProgress', filters: PERIOD }),
    {
      before: () => forgetReports(store),
    },
  );
  let planRows: PlanRow[] = [];
  const perMonthPlans = await timeIt(FIRST_RUNS, async () => {
    planRows = [];
    for (const month of months)
      planRows.push(...(await call<PlanRow[]>(core, mgrS, 'plans:list', { month })));
  });
  const pr = await call<ReportResult>(core, mgrS, 'reports:run', { kind: 'planProgress', filters: PERIOD });
  const plansSame = pr.rows.every((row) => {
    const p = planRows.find((x) => `${x.repId}|${x.month}` === row.key);
    return (
      !!p &&
      p.actuals.contacts === row.cells.contacts &&
      p.actuals.meetings === row.cells.meetings &&
      p.actuals.deals === row.cells.deals &&
      p.targets.deals === row.cells.dealsTarget
    );
  });
  await core.close();
  return {
    scale,
    records,
    loadMs,
    coreOpenMs,
    loadAverage,
    period: PERIOD,
    teamReps,
    officeReps,
    runs,
    dataQualityWithScan,
    counters,
    budgetsAlternative: { report: budgetReport, perMonthList: perMonthBudgets, same: budgetsSame },
    plansAlternative: { report: planReport, perMonthList: perMonthPlans, same: plansSame },
  };
}

runBenchChild('reports-child.ts', run);
