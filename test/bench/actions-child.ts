import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActionDetail, ActionStage, BudgetRow, LocalAction } from '../../shared/contract/actions.schema';
import type { Client, Contact } from '../../shared/contract/clients.schema';
import { addDays } from '../../shared/domain/dates';
import { budgetFigures, decide } from '../../shared/domain/local-actions';
import { budgetRecord, figuresOf } from '../../main/core/actions/budgets.service';
import type { Core } from '../../main/core/app/core';
import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Store, Tx, TxMeta } from '../../main/core/store/store';
import type { TaskRec, VisitRec } from '../../main/core/visits/task-sync.service';
import {
  call,
  gc,
  loadDataset,
  log,
  now,
  openBenchCore,
  runBenchChild,
  signIn,
  stat,
  TODAY,
} from './core-bench.kit';
import type { Stat } from './clients-bench.types';
import type { ActionsResult, CreateRun, ReadRun, RegistrationResult } from './actions-bench.types';

// Issue 7's benchmarks at scale, in a real core (createCore on a data folder holding the whole
// generated dataset; commands through core.dispatch signed in as the rep or the manager, unless
// marked direct): registering an action for a client with 50 planned visits in its period (the
// reservation and the verification tasks, one transaction), beside the same registration for a
// client without visits and a draft; the budget figures summed from the rep's index beside a scan
// of every action; then the manager's queue, budget figures, a rep's list and the home alerts.
//   node --import tsx --expose-gc test/bench/actions-child.ts <S|L> <dir>
// Progress goes to stderr; the result is the last stdout line, prefixed RESULT.

/** 100 PLN: small enough that every registration of the run fits the month's budget. */
const AGREED = 10_000;
const VISITS_PER_CLIENT = 50;

const fmt = (s: Stat) => `p50 ${s.p50.toFixed(2)} / p95 ${s.p95.toFixed(2)} / max ${s.max.toFixed(2)} ms`;

/**
 * With ACTIONS_PROFILE=<dir>, `fn` runs under the V8 CPU profiler and the profile is written to
 * <dir>/<name>.cpuprofile: where the time of a missed target goes. Off in normal runs (it slows them).
 */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.ACTIONS_PROFILE;
  if (!dir) return await fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

// ---- the data ----

/** Loads the whole dataset into a fresh data folder through our store, users with a password. */

type Loose = Record<string, unknown> & { id: string };

interface TxTime {
  inMemory: number;
  commit: number;
  records: number;
}

/**
 * Times every transaction the core runs: the synchronous part (the function given to transact,
 * everything in memory) and the commit (journal append + fsync). The store is the core's own.
 */
function timeTransactions(store: Store): { taken: () => TxTime[] } {
  let log_: TxTime[] = [];
  const orig = store.transact.bind(store);
  (store as { transact: Store['transact'] }).transact = <R>(meta: TxMeta, fn: (tx: Tx) => R): Promise<R> => {
    const t0 = now();
    let t1 = 0;
    let records = 0;
    const p = orig(meta, (tx) => {
      const r = fn(tx);
      t1 = now();
      records = tx.records.length;
      return r;
    });
    return p.then((r) => {
      log_.push({ inMemory: t1 - t0, commit: now() - t1, records });
      return r;
    });
  };
  return {
    taken: () => {
      const out = log_;
      log_ = [];
      return out;
    },
  };
}

function liveContact(store: Store, clientId: string): Contact | null {
  for (const p of store.byIndex<Contact>('contacts', 'clientId', clientId)) {
    if (p.archived || p.erased) continue;
    if (p.firstName?.trim() && p.surname?.trim() && (p.phones.length || p.emails.length)) return p;
  }
  return null;
}

function plannedIn(store: Store, clientId: string, from: string, to: string): VisitRec[] {
  return store
    .byIndex<VisitRec>('visits', 'clientId', clientId)
    .filter((v) => !v.archived && v.status === 'planned' && v.date >= from && v.date <= to);
}

// ---- (1) registration ----

async function registration(
  core: Core,
  rep: Loose,
  manager: Loose,
  runs: number,
  warmup: number,
): Promise<RegistrationResult> {
  const store = core.store;
  const repS = await signIn(core, rep.login as string);
  const mgrS = await signIn(core, manager.login as string);
  // The period: from the day after tomorrow, long enough to hold 50 working days, one visit each.
  const from = addDays(TODAY, 2);
  const days: string[] = [];
  for (let d = from; days.length < VISITS_PER_CLIENT; d = addDays(d, 1)) if (!isWeekend(d)) days.push(d);
  const to = days[days.length - 1]!;
  const budgetMonth = from.slice(0, 7);
  const mode = store.byIndex<Loose>('dictionaries', 'kind', 'actionMode').find((d) => d.active !== false)!;

  // The rep's clients with a contact a visit may name; with50 gets its 50 visits, the others none.
  const clients = store
    .byIndex<Client>('clients', 'repId', rep.id)
    .filter((c) => !c.archived)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const n = runs + warmup;
  const with50: Array<{ client: Client; contact: Contact }> = [];
  const bare: Client[] = [];
  for (const c of clients) {
    const hasActions = store.byIndex<LocalAction>('localActions', 'clientId', c.id).some((a) => !a.archived);
    if (hasActions) continue; // the measured transaction should carry this action's tasks only
    const contact = liveContact(store, c.id);
    if (with50.length < n && contact) with50.push({ client: c, contact });
    else if (bare.length < n && plannedIn(store, c.id, from, to).length === 0) bare.push(c);
    if (with50.length === n && bare.length === n) break;
  }
  if (with50.length < n || bare.length < n)
    throw new Error(`rep ${rep.repCode as string}: only ${with50.length} + ${bare.length} clients fit`);

  // Setup: the 50 planned visits of each with50 client, through the core as the rep plans them.
  const planTimes: number[] = [];
  for (const { client, contact } of with50) {
    const have = new Set(plannedIn(store, client.id, from, to).map((v) => v.date));
    for (const date of days) {
      if (plannedIn(store, client.id, from, to).length >= VISITS_PER_CLIENT) break;
      if (have.has(date)) continue;
      const t0 = now();
      await call(core, repS, 'visits:plan', {
        clientId: client.id,
        contactId: contact.id,
        date,
        time: '10:00',
        subject: 'Wizyta handlowa',
      });
      planTimes.push(now() - t0);
    }
  }
  log(`planned ${planTimes.length} visits for ${with50.length} clients: ${fmt(stat(planTimes))}`);

  // The month's budget must hold every registration of the run (the manager sets it).
  const before = figuresOf(store, rep.id, budgetMonth);
  const need = before.reserved + before.committed + 2 * n * AGREED + AGREED;
  if (before.budget < need)
    await call<BudgetRow>(core, mgrS, 'budgets:set', {
      repId: rep.id,
      month: budgetMonth,
      amount: need,
      note: 'bench',
    });
  const repActions = store.byIndex('localActions', 'repId', rep.id).length;
  const officeActions = store.count('localActions');
  await store.checkpoint();

  const fields = (clientId: string, k: number) => ({
    clientId,
    title: `Gazetka ${k}`,
    startDate: from,
    endDate: to,
    modeId: mode.id,
    description: 'Gazetka sklepu z naszymi produktami, ekspozycja przy kasie.',
    conditions: ['Produkt wyeksponowany przy kasie', 'Gazetka ze zdjęciami produktów', 'Cena na etykiecie'],
    settlementMethod: 'invoice',
    agreedAmount: AGREED,
    budgetMonth,
    productIds: [],
  });

  const tx = timeTransactions(store);
  type Raw = {
    total: number[];
    inMemory: number[];
    commit: number[];
    records: number[];
    v: number[];
    t: number[];
  };
  const raw = (): Raw => ({ total: [], inMemory: [], commit: [], records: [], v: [], t: [] });
  const kinds = { with50: raw(), noVisits: raw(), draft: raw() };
  const one = async (
    kind: keyof typeof kinds,
    clientId: string,
    k: number,
    register: boolean,
    keep: boolean,
  ): Promise<void> => {
    tx.taken();
    const t0 = now();
    const d = await call<ActionDetail>(core, repS, 'actions:create', {
      fields: fields(clientId, k),
      register,
    });
    const total = now() - t0;
    const txs = tx.taken();
    if (d.action.state !== (register ? 'active' : 'draft'))
      throw new Error(`${kind}: state ${d.action.state}`);
    if (!keep) return;
    const r = kinds[kind];
    const inMemory = txs.reduce((a, x) => a + x.inMemory, 0);
    const commit = txs.reduce((a, x) => a + x.commit, 0);
    r.total.push(total);
    r.inMemory.push(inMemory);
    r.commit.push(commit);
    r.records.push(txs.reduce((a, x) => a + x.records, 0));
    r.v.push(plannedIn(store, clientId, from, to).length);
    r.t.push(store.byIndex<TaskRec>('tasks', 'actionId', d.action.id).filter((x) => !x.archived).length);
  };
  gc();
  await profiled('register', async () => {
    for (let k = 0; k < n; k++) {
      const keep = k >= warmup;
      // Interleaved, so that noise (the machine is shared) falls on every kind alike.
      await one('with50', with50[k]!.client.id, k, true, keep);
      await one('noVisits', bare[k]!.id, k, true, keep);
      await one('draft', bare[k]!.id, k, false, keep);
      if (k % 10 === 9) gc();
    }
  });
  const run = (r: Raw): CreateRun => ({
    total: stat(r.total),
    inMemory: stat(r.inMemory),
    commit: stat(r.commit),
    rest: stat(r.total.map((x, i) => x - r.inMemory[i]! - r.commit[i]!)),
    records: stat(r.records).p50,
    visits: { min: Math.min(...r.v), max: Math.max(...r.v) },
    tasks: { min: Math.min(...r.t), max: Math.max(...r.t) },
  });
  const result = { with50: run(kinds.with50), noVisits: run(kinds.noVisits), draft: run(kinds.draft) };
  for (const [k, v] of Object.entries(result))
    log(
      `actions:create ${k}: ${fmt(v.total)}; in memory p50 ${v.inMemory.p50.toFixed(2)}, commit p50 ${v.commit.p50.toFixed(2)}; tasks ${v.tasks.min}–${v.tasks.max}`,
    );

  // Direct: decide alone, and the figures by the rep's index or over every action of the office.
  const draft = [...store.byIndex<LocalAction>('localActions', 'repId', rep.id)].find(
    (a) => a.state === 'draft' && a.startDate === from,
  )!;
  const budget = budgetRecord(store, rep.id, budgetMonth)?.amount ?? 0;
  const decideT: number[] = [];
  const idx: number[] = [];
  const scan: number[] = [];
  let same = true;
  for (let k = 0; k < 200; k++) {
    let t0 = now();
    const f1 = figuresOf(store, rep.id, budgetMonth);
    idx.push(now() - t0);
    t0 = now();
    const f2 = budgetFigures(rep.id, budgetMonth, budget, store.all<LocalAction>('localActions'));
    scan.push(now() - t0);
    if (JSON.stringify(f1) !== JSON.stringify(f2)) same = false;
    t0 = now();
    const d = decide(draft, { type: 'register' }, { today: TODAY, figures: () => f1 });
    decideT.push(now() - t0);
    if (!d.ok) throw new Error(`decide refused: ${d.error.message}`);
  }
  log(`direct: decide ${fmt(stat(decideT))}; figures by index ${fmt(stat(idx))}; by scan ${fmt(stat(scan))}`);
  return {
    repCode: rep.repCode as string,
    period: { from, to },
    budgetMonth,
    agreedAmount: AGREED,
    repActions,
    officeActions,
    visitPlan: stat(planTimes),
    ...result,
    decide: stat(decideT),
    figuresIndexed: stat(idx),
    figuresScan: stat(scan),
    figuresSame: same,
  };
}

// ---- (2, 3) reads ----

const OPEN: ActionStage[] = [
  'draft',
  'planned',
  'running',
  'awaiting_assessment',
  'recommended',
  'returned',
  'approved',
];

async function reads(core: Core, rep: Loose, manager: Loose, repeats: number): Promise<ReadRun[]> {
  const repS = await signIn(core, rep.login as string);
  const mgrS = await signIn(core, manager.login as string);
  const month = TODAY.slice(0, 7);
  const repName = `rep ${rep.repCode as string}`;
  const mgrName = `manager of ${core.store.byIndex('users', 'managerId', manager.id).length} reps`;
  const cases: Array<[string, string, string, string, unknown, number | null]> = [
    ['`actions:queue` (recommendations waiting)', mgrName, mgrS, 'actions:queue', {}, 50],
    [`\`budgets:list\` for ${month}, the whole team`, mgrName, mgrS, 'budgets:list', { month }, 50],
    [`\`budgets:list\` for ${month}, one rep`, mgrName, mgrS, 'budgets:list', { month, repId: rep.id }, 50],
    [`\`budgets:list\` for ${month}, their own`, repName, repS, 'budgets:list', { month, repId: rep.id }, 50],
    ['`actions:list`, open actions', repName, repS, 'actions:list', { stages: OPEN }, null],
    ['`actions:list`, every action', repName, repS, 'actions:list', {}, null],
    ['`actions:list`, the team’s open actions', mgrName, mgrS, 'actions:list', { stages: OPEN }, null],
    ['`home:actionAlerts`', repName, repS, 'home:actionAlerts', {}, null],
    ['`home:actionAlerts`', mgrName, mgrS, 'home:actionAlerts', {}, null],
  ];
  const out: ReadRun[] = [];
  for (const [what, who, session, command, input, targetMs] of cases) {
    const first = await call<unknown>(core, session, command, input);
    const rows = Array.isArray(first)
      ? first.length
      : Object.values(first as Record<string, unknown>)
          .filter(Array.isArray)
          .reduce((a: number, x) => a + (x as unknown[]).length, 0);
    const times: number[] = [];
    gc();
    await profiled(command.replace(':', '-'), async () => {
      for (let k = 0; k < repeats; k++) {
        const t0 = now();
        await call(core, session, command, input);
        times.push(now() - t0);
      }
    });
    const s = stat(times);
    log(`${command} ${JSON.stringify(input).slice(0, 60)} as ${who}: ${rows} rows, ${fmt(s)}`);
    out.push({ what, who, rows, stat: s, targetMs });
  }
  return out;
}

// ---- the run ----

/** The rep with the most actions waiting for the manager's decision in a team: a busy desk. */
function pickRep(store: Store): { rep: Loose; manager: Loose } {
  const reps = store
    .byIndex<Loose>('users', 'role', 'rep')
    .filter((u) => u.active !== false && !u.archived && u.managerId)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const waiting = (managerId: string) =>
    store
      .byIndex<Loose>('users', 'managerId', managerId)
      .flatMap((r) => store.byIndex<LocalAction>('localActions', 'repId', r.id))
      .filter((a) => a.state === 'recommended').length;
  let best = reps[0]!;
  let bestN = -1;
  for (const r of reps) {
    const w = waiting(r.managerId as string);
    if (w > bestN) {
      best = r;
      bestN = w;
    }
  }
  return { rep: best, manager: store.get<Loose>('users', best.managerId as string)! };
}

async function run(scale: DatasetScale, dir: string): Promise<ActionsResult> {
  const wall0 = now();
  const loadAverage = os.loadavg();
  log(`loading the ${scale} dataset into ${dir}`);
  const { records, loadMs } = await loadDataset(dir, scale);
  log(`loaded ${records.toLocaleString('en')} records in ${(loadMs / 1000).toFixed(1)} s`);
  gc();
  const { core, coreOpenMs } = await openBenchCore(dir);
  const store = core.store;
  const byState: Record<string, number> = {};
  for (const a of store.all<LocalAction>('localActions')) byState[a.state] = (byState[a.state] ?? 0) + 1;
  const counts = {
    actions: store.count('localActions'),
    budgets: store.count('budgets'),
    reps: store.byIndex('users', 'role', 'rep').length,
    visits: store.count('visits'),
    byState,
  };
  const { rep, manager } = pickRep(store);
  log(`rep ${rep.repCode as string} (${rep.login as string}), manager ${manager.login as string}`);
  const registration_ = await registration(core, rep, manager, scale === 'L' ? 40 : 20, 3);
  await store.checkpoint();
  gc();
  const reads_ = await reads(core, rep, manager, scale === 'L' ? 60 : 30);
  await core.close();
  return {
    scale,
    today: TODAY,
    records,
    loadMs,
    coreOpenMs,
    counts,
    registration: registration_,
    reads: reads_,
    loadAverage,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    wallMs: now() - wall0,
  };
}

runBenchChild('actions-child.ts', run);
