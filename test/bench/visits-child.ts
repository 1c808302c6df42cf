import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CallImportResult } from '../../shared/contract/calls.schema';
import type { Client, Contact } from '../../shared/contract/clients.schema';
import type { Promotion, StandardStep, VisitStandardRow } from '../../shared/contract/catalog.schema';
import type { VisitRow } from '../../shared/contract/visits.schema';
import { normalizePhone } from '../../shared/domain/contact-data';
import { addDays, monthOf } from '../../shared/domain/dates';
import { rngInt, rngWeighted, seededRng } from '../../shared/domain/rng';
import type { Rng } from '../../shared/domain/rng';
import type { ExistingTask, WantedTask } from '../../shared/domain/task-generation';
import { applyReconcile, reconcileTasks, wantedTasks } from '../../shared/domain/task-generation';
import type { Core } from '../../main/core/app/core';
import { readCallFile } from '../../main/core/calls/call-import.service';
import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import { buildCsv } from '../../main/core/imports/testing/fixture-files';
import type { Store } from '../../main/core/store/store';
import type { VisitRec } from '../../main/core/visits/task-sync.service';
import {
  generationSources,
  needsSync,
  syncPlannedTasks,
  syncVisitTasks,
} from '../../main/core/visits/task-sync.service';
import { toRow } from '../../main/core/visits/visits.service';
import {
  call,
  gc,
  loadDataset,
  log,
  now,
  openBenchCore,
  runBenchChild,
  SEED,
  signIn,
  stat,
  TODAY,
} from './core-bench.kit';
import type { PingStats } from './dedupe-bench.types';
import type {
  AgendaResult,
  CallsResult,
  CatalogSetup,
  CoreWrite,
  GenerationResult,
  ImportRun,
  VisitsResult,
} from './visits-bench.types';

// Issue 6's benchmarks at scale, in a real core (createCore on a data folder holding the whole
// generated dataset; commands through core.dispatch as the renderer sends them, unless marked
// direct): task generation for one calendar month of the office's visits, a rep's month agenda, and
// a headerless telephony file of 50 000 rows imported, then imported again. One process:
//   node --import tsx --expose-gc test/bench/visits-child.ts <S|L> <dir>
// Progress goes to stderr; the result is the last stdout line, prefixed RESULT.

/** Runs `op` while a small command is sent every 50 ms and the event loop's delay is sampled. */
async function withPings<T>(
  core: Core,
  session: string,
  op: () => Promise<T>,
): Promise<{ value: T; ms: number; ping: PingStats }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  const lat: number[] = [];
  const answered: number[] = [];
  const inflight: Array<Promise<void>> = [];
  h.enable();
  // The histogram records nothing for its first interval: a block right at the start would be
  // missed (the import's synchronous part starts at once), so let it take a first sample.
  await new Promise((r) => setTimeout(r, 25));
  const timer = setInterval(() => {
    const t0 = now();
    inflight.push(
      core.dispatch(session, 'corrections:counts', {}).then(() => {
        const t = now();
        lat.push(t - t0);
        answered.push(t);
      }),
    );
  }, 50);
  const t0 = now();
  const value = await op();
  const t1 = now();
  // A block that ends the operation is only seen when the next timer fires: wait for one more answer.
  const before = answered.length;
  while (answered.length === before) await new Promise((r) => setTimeout(r, 10));
  clearInterval(timer);
  h.disable();
  await Promise.all(inflight);
  let maxGap = 0;
  let last = t0;
  for (const t of answered) {
    maxGap = Math.max(maxGap, t - last);
    last = t;
  }
  return {
    value,
    ms: t1 - t0,
    ping: { calls: stat(lat), maxGapMs: maxGap, loopMaxMs: h.max / 1e6, loopP99Ms: h.percentile(99) / 1e6 },
  };
}

/**
 * With VISITS_PROFILE=<dir>, `fn` runs under the V8 CPU profiler and the profile is written to
 * <dir>/<name>.cpuprofile: where the time of a missed target goes. Off in normal runs (it slows them).
 */
async function profiled<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const dir = process.env.VISITS_PROFILE;
  if (!dir) return await fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

// ---- dates ----

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;
function lastOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
const addMonths = (date: string, k: number) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + k, 1));
  return d.toISOString().slice(0, 10);
};
function* daysOf(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

// ---- the data ----

/** Loads the whole dataset into a fresh data folder through our store, users with a password. */

type Loose = Record<string, unknown> & { id: string };

function segmentIds(store: Store): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of store.byIndex<Loose>('dictionaries', 'kind', 'segment')) out.set(d.code as string, d.id);
  return out;
}

// ---- catalog: what an admin would define ----

const check = (key: string, title: string, items: string[], mandatory = true): StandardStep => ({
  key,
  title,
  details: '',
  kind: 'checklist',
  mandatory,
  items,
});
const step = (
  key: string,
  title: string,
  kind: StandardStep['kind'],
  mandatory: boolean,
  details = '',
): StandardStep => ({ key, title, details, kind, mandatory, items: [] });

function standards(seg: Map<string, string>, monthStart: string) {
  const s = (...codes: string[]) => codes.map((c) => seg.get(c)!).filter(Boolean);
  const shelf = check('shelf', 'Półka: ekspozycja produktów', [
    'Produkty na wysokości oczu',
    'Ceny widoczne',
    'Brak pustych miejsc',
    'Rotacja FIFO',
  ]);
  return [
    {
      name: 'Standard wizyty — sklep tradycyjny i kiosk',
      segmentIds: s('traditional', 'kiosk'),
      validFrom: '2026-01-01',
      validTo: null,
      steps: [
        step('greet', 'Rozmowa z właścicielem', 'note', true, 'Zapytaj o sprzedaż i reklamacje.'),
        shelf,
        step('stock', 'Stan magazynu: liczba kartonów', 'count', true),
        step('photo', 'Zdjęcie półki', 'photo', true),
        check('pos', 'Materiały POS', ['Plakat', 'Wobblery', 'Cenówki'], false),
        step('order', 'Propozycja zamówienia', 'note', false),
      ],
    },
    {
      name: 'Standard wizyty — delikatesy',
      segmentIds: s('delicatessen'),
      // Starts mid-month: earlier visits of the segment fall to the general standard.
      validFrom: addDays(monthStart, 15),
      validTo: null,
      steps: [
        step('greet', 'Rozmowa z kierownikiem', 'note', true),
        shelf,
        check('premium', 'Linia premium', ['Obecna', 'Oznaczona', 'Degustacja zaplanowana'], true),
        step('facings', 'Liczba facingów', 'count', true),
        step('photo', 'Zdjęcie ekspozycji', 'photo', true),
        step('order', 'Propozycja zamówienia', 'note', false),
      ],
    },
    {
      name: 'Standard wizyty — sieci i supermarkety',
      segmentIds: s('franchise', 'supermarket'),
      validFrom: '2026-03-01',
      validTo: null,
      steps: [
        step('manager', 'Spotkanie z kierownikiem sklepu', 'note', true),
        check('planogram', 'Zgodność z planogramem', ['Układ', 'Liczba facingów', 'Oznaczenia'], true),
        step('facings', 'Liczba facingów', 'count', true),
        step('oos', 'Braki na półce (liczba SKU)', 'count', true),
        step('photo', 'Zdjęcie alejki', 'photo', true),
        check('gondola', 'Ekspozycja dodatkowa', ['Gondola', 'Paleta', 'Kosz'], false),
        step('order', 'Uzgodnienia z kierownikiem', 'note', false),
      ],
    },
    {
      name: 'Standard ogólny',
      segmentIds: [...seg.values()],
      validFrom: '2026-01-01',
      validTo: null,
      steps: [
        step('greet', 'Rozmowa z klientem', 'note', true),
        shelf,
        step('stock', 'Stan magazynu', 'count', false),
        step('photo', 'Zdjęcie półki', 'photo', false),
        step('order', 'Propozycja zamówienia', 'note', false),
      ],
    },
  ];
}

function promotions(seg: Map<string, string>, products: string[], monthStart: string, monthEnd: string) {
  const s = (...codes: string[]) => codes.map((c) => seg.get(c)!).filter(Boolean);
  const p = (from: number, n: number) => products.slice(from, from + n);
  return [
    {
      name: 'Jesienna promocja kaw',
      validFrom: addDays(monthStart, -16),
      validTo: monthEnd,
      segmentIds: s('traditional', 'delicatessen'),
      productIds: p(0, 3),
      instructions: 'Rabat 10 % przy zamówieniu min. 2 kartonów. Sprawdź ekspozycję i cenówki.',
      active: true,
    },
    {
      name: 'Gazetka listopadowa',
      validFrom: monthStart,
      validTo: monthEnd,
      segmentIds: [],
      productIds: p(3, 4),
      instructions: 'Produkty z gazetki: sprawdź dostępność i oznaczenie na półce.',
      active: true,
    },
    {
      name: 'Ekspozycja świąteczna',
      validFrom: addDays(monthStart, 15),
      validTo: addDays(monthEnd, 31),
      segmentIds: s('franchise', 'supermarket'),
      productIds: p(7, 2),
      instructions: 'Uzgodnij miejsce na paletę świąteczną; zrób zdjęcie.',
      active: true,
    },
    {
      name: 'Nowość: napoje energetyczne',
      validFrom: addDays(monthStart, 8),
      validTo: addDays(monthStart, 21),
      segmentIds: s('petrol', 'kiosk'),
      productIds: p(9, 2),
      instructions: 'Wprowadzenie do lodówki przy kasie; pierwsze zamówienie gratis 1 karton.',
      active: true,
    },
    {
      name: 'Wyprzedaż zapasów HoReCa',
      validFrom: monthStart,
      validTo: addDays(monthStart, 14),
      segmentIds: s('horeca', 'wholesale'),
      productIds: p(11, 2),
      instructions: 'Ceny specjalne na końcówki serii.',
      active: true,
    },
  ];
}

async function setUpCatalog(
  core: Core,
  admin: string,
  monthStart: string,
  monthEnd: string,
): Promise<{ setup: CatalogSetup; lineages: string[]; promotionIds: string[] }> {
  const seg = segmentIds(core.store);
  const products = [...core.store.all<Loose>('products')].map((p) => p.id);
  const times: number[] = [];
  const lineages: string[] = [];
  const promotionIds: string[] = [];
  const st = standards(seg, monthStart);
  const pr = promotions(seg, products, monthStart, monthEnd);
  for (const s of st) {
    const t0 = now();
    const row = await call<VisitStandardRow>(core, admin, 'visitStandards:save', { standard: s });
    times.push(now() - t0);
    lineages.push(row.standard.lineageId);
  }
  for (const p of pr) {
    const t0 = now();
    const rec = await call<Promotion>(core, admin, 'promotions:create', p);
    times.push(now() - t0);
    promotionIds.push(rec.id);
  }
  return {
    setup: {
      segments: seg.size,
      standards: st.map((s) => ({
        name: s.name,
        segments: s.segmentIds.length,
        steps: s.steps.length,
        mandatory: s.steps.filter((x) => x.mandatory).length,
        validFrom: s.validFrom,
      })),
      promotions: pr.map((p) => ({
        name: p.name,
        validFrom: p.validFrom,
        validTo: p.validTo,
        segments: p.segmentIds.length,
        products: p.productIds.length,
      })),
      saveMs: stat(times),
    },
    lineages,
    promotionIds,
  };
}

// ---- (a) task generation ----

function monthVisits(store: Store, from: string, to: string): VisitRec[] {
  const out: VisitRec[] = [];
  for (const d of daysOf(from, to))
    for (const v of store.byIndex<VisitRec>('visits', 'date', d)) if (!v.archived) out.push(v);
  return out;
}

/** One transaction through the core's own sync function, split into its in-memory part and the commit. */
async function coreWrite(store: Store, userId: string, ids: string[]): Promise<CoreWrite> {
  let records = 0;
  const off = store.onCommit((c) => (records += c.records));
  gc();
  let inMemoryMs = 0;
  const t0 = now();
  await store.transact({ userId }, (tx) => {
    for (const id of ids) syncVisitTasks(store, tx, store.get<VisitRec>('visits', id)!);
    inMemoryMs = now() - t0;
  });
  const ms = now() - t0;
  off();
  return {
    ms,
    inMemoryMs,
    commitMs: ms - inMemoryMs,
    visits: ids.length,
    records,
    tasksAfter: store.count('tasks'),
  };
}

async function generation(
  core: Core,
  admin: string,
  adminId: string,
  monthStart: string,
  monthEnd: string,
  lineages: string[],
  promotionIds: string[],
  runs: number,
): Promise<GenerationResult> {
  const store = core.store;
  const visits = monthVisits(store, monthStart, monthEnd);
  const byStatus: Record<string, number> = {};
  for (const v of visits) byStatus[v.status] = (byStatus[v.status] ?? 0) + 1;
  const src = generationSources(store);
  // Inputs resolved outside the timing: the pure function's own work is what is measured.
  const inputs = visits.map((v) => ({
    date: v.date,
    segmentId: store.get<Client>('clients', v.clientId)?.segmentId ?? null,
  }));
  const distinctInputs = new Set(inputs.map((i) => `${i.date}|${i.segmentId}`)).size;
  const gen = (i: (typeof inputs)[number]) =>
    wantedTasks({
      date: i.date,
      segmentId: i.segmentId,
      standards: src.standards,
      promotions: src.promotions,
      actions: [],
    });

  const fresh: number[] = [];
  const again: number[] = [];
  const wantedOnly: number[] = [];
  const memo: number[] = [];
  let existing: ExistingTask[][] = [];
  let againChanges = 0;
  let tasks = 0;
  const per: number[] = [];
  const bySource: Record<string, number> = {};
  const pureRuns = () => {
    for (let r = 0; r < runs; r++) {
      gc();
      let t0 = now();
      const made = inputs.map((i) => reconcileTasks([], gen(i)));
      fresh.push(now() - t0);
      if (r === 0) {
        existing = made.map((c, k) => applyReconcile([], c, (w) => `${k}:${w.order}`));
        for (const e of existing) {
          tasks += e.length;
          per.push(e.length);
          for (const t of e) bySource[t.source] = (bySource[t.source] ?? 0) + 1;
        }
      }
      gc();
      t0 = now();
      let changes = 0;
      inputs.forEach((i, k) => {
        const c = reconcileTasks(existing[k]!, gen(i));
        changes += c.add.length + c.update.length + c.remove.length;
      });
      again.push(now() - t0);
      againChanges = Math.max(againChanges, changes);
      gc();
      t0 = now();
      let n = 0;
      for (const i of inputs) n += gen(i).length;
      wantedOnly.push(now() - t0);
      if (n !== tasks) throw new Error(`wantedTasks gave ${n} tasks, first run ${tasks}`);
      gc();
      t0 = now();
      const cache = new Map<string, WantedTask[]>();
      for (const i of inputs) {
        const key = `${i.date}|${i.segmentId}`;
        let w = cache.get(key);
        if (!w) cache.set(key, (w = gen(i)));
        reconcileTasks([], w);
      }
      memo.push(now() - t0);
    }
  };
  await profiled('pure-generation', pureRuns);
  log(
    `pure generation, ${visits.length} visits → ${tasks} tasks: fresh ${fresh.map((x) => x.toFixed(0)).join('/')} ms, again ${again.map((x) => x.toFixed(0)).join('/')} ms (${againChanges} changes), memo ${memo.map((x) => x.toFixed(0)).join('/')} ms`,
  );
  existing = [];

  let core_: GenerationResult['core'];
  try {
    const ids = visits.map((v) => v.id);
    const first = await profiled('core-first-write', () => coreWrite(store, adminId, ids));
    log(
      `core: month's tasks written in one transaction: ${first.ms.toFixed(0)} ms (${first.inMemoryMs.toFixed(0)} in memory), ${first.records} records`,
    );
    let t0 = now();
    await store.checkpoint();
    const checkpointMs = now() - t0;
    log(`checkpoint after it: ${checkpointMs.toFixed(0)} ms`);

    // A new version of the first standard: one step renamed, one added.
    const rows = await call<VisitStandardRow[]>(core, admin, 'visitStandards:list', {});
    const cur = rows.find((r) => r.standard.lineageId === lineages[0])!.standard;
    const steps = cur.steps.map((s) =>
      s.key === 'stock' ? { ...s, title: `${s.title} (kartony i sztuki)` } : s,
    );
    steps.push(step('expiry', 'Daty ważności na półce', 'checklist', false));
    steps[steps.length - 1]!.items = ['Sprawdzone', 'Krótkie daty zgłoszone'];
    t0 = now();
    await call(core, admin, 'visitStandards:save', {
      lineageId: cur.lineageId,
      standard: {
        name: cur.name,
        segmentIds: cur.segmentIds,
        validFrom: cur.validFrom,
        validTo: cur.validTo,
        steps,
      },
    });
    const standardSaveMs = now() - t0;
    const resyncAll = await profiled('core-resync-all', () => coreWrite(store, adminId, ids));
    log(
      `core: re-sync of the month after a standard change: ${resyncAll.ms.toFixed(0)} ms, ${resyncAll.records} records`,
    );
    await store.checkpoint();

    // The app's own path: a promotion edited, then the lazy re-sync of planned visits to come.
    const promo = store.get<Promotion>('promotions', promotionIds[1]!)!;
    t0 = now();
    await call(core, admin, 'promotions:update', {
      id: promo.id,
      promotion: {
        name: promo.name,
        validFrom: promo.validFrom,
        validTo: promo.validTo,
        segmentIds: promo.segmentIds,
        productIds: promo.productIds,
        instructions: `${promo.instructions} Zrób zdjęcie półki z gazetką.`,
        active: promo.active,
      },
    });
    const promotionUpdateMs = now() - t0;
    const fresh2 = ids.map((id) => store.get<VisitRec>('visits', id)!);
    const eligible = fresh2.filter((v) => needsSync(store, v, TODAY)).length;
    let records = 0;
    const off = store.onCommit((c) => (records += c.records));
    gc();
    t0 = now();
    const synced = await profiled('lazy-resync', () => syncPlannedTasks(store, fresh2, TODAY, adminId));
    const lazyMs = now() - t0;
    off();
    const fresh3 = ids.map((id) => store.get<VisitRec>('visits', id)!);
    t0 = now();
    const again0 = await syncPlannedTasks(store, fresh3, TODAY, adminId);
    const noopMs = now() - t0;
    if (again0 !== 0) throw new Error(`a second lazy sync re-synced ${again0} visits`);
    log(
      `core: lazy re-sync after a promotion edit: ${synced} of ${ids.length} visits in ${lazyMs.toFixed(0)} ms; nothing to do: ${noopMs.toFixed(1)} ms`,
    );
    await store.checkpoint();
    core_ = {
      first,
      standardSaveMs,
      resyncAll,
      promotionUpdateMs,
      lazy: { ms: lazyMs, synced, records, eligible },
      noopMs,
      checkpointMs,
    };
  } catch (e) {
    core_ = { error: e instanceof Error ? e.message : String(e) };
    log(`core task sync failed: ${core_.error}`);
  }
  const mean = per.reduce((a, b) => a + b, 0) / Math.max(1, per.length);
  return {
    month: monthOf(monthStart),
    visits: visits.length,
    byStatus,
    distinctInputs,
    tasks,
    tasksPerVisit: { min: Math.min(...per), mean, max: Math.max(...per) },
    bySource,
    pure: { fresh, again, againChanges, wantedOnly, memo },
    core: core_,
  };
}

// ---- (b) the agenda ----

function sortRows(rows: VisitRow[], coll: Intl.Collator): VisitRow[] {
  // visits.service's order: date, time (untimed last), client name in the user's language, id.
  return rows.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      (a.time ?? '99:99').localeCompare(b.time ?? '99:99') ||
      coll.compare(a.clientName, b.clientName) ||
      (a.id < b.id ? -1 : 1),
  );
}

type Select = (store: Store, repId: string, from: string, to: string) => VisitRec[];
const selectByRep: Select = (store, repId, from, to) => {
  const out: VisitRec[] = [];
  for (const v of store.byIndex<VisitRec>('visits', 'repId', repId))
    if (v.date >= from && v.date <= to && !v.archived) out.push(v);
  return out;
};
const selectByDate: Select = (store, repId, from, to) => {
  const out: VisitRec[] = [];
  for (const d of daysOf(from, to))
    for (const v of store.byIndex<VisitRec>('visits', 'date', d))
      if (v.repId === repId && !v.archived) out.push(v);
  return out;
};
const selectByScan: Select = (store, repId, from, to) => {
  const out: VisitRec[] = [];
  for (const v of store.all<VisitRec>('visits'))
    if (v.repId === repId && v.date >= from && v.date <= to && !v.archived) out.push(v);
  return out;
};

async function agendaBench(core: Core, repCount: number, repeats: number): Promise<AgendaResult> {
  const store = core.store;
  const allReps = store
    .byIndex<Loose>('users', 'role', 'rep')
    .filter((u) => u.active !== false)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const step_ = Math.max(1, Math.floor(allReps.length / repCount));
  const reps = allReps.filter((_, i) => i % step_ === 0).slice(0, repCount);
  const months = [-1, 0, 1].map((k) => addMonths(TODAY, k));
  const first: number[] = [];
  const repeat: number[] = [];
  const rowsN: number[] = [];
  const direct = { repIndex: [] as number[], dateIndex: [] as number[], fullScan: [] as number[] };
  const select = { repIndex: [] as number[], dateIndex: [] as number[], fullScan: [] as number[] };
  let sameRows = true;
  let tasksWritten = 0;
  let callsThatSynced = 0;
  let written = 0;
  const off = store.onCommit((c) => {
    if (c.entities.includes('tasks')) written += c.records;
  });
  const today = TODAY;
  for (const rep of reps) {
    const session = await signIn(core, rep.login as string);
    const coll = new Intl.Collator((rep.language as string) ?? 'pl', { sensitivity: 'base', numeric: true });
    for (const m of months) {
      const input = { from: firstOfMonth(m), to: lastOfMonth(m) };
      written = 0;
      let t0 = now();
      const rows0 = await call<VisitRow[]>(core, session, 'visits:agenda', input);
      first.push(now() - t0);
      if (written) {
        tasksWritten += written;
        callsThatSynced++;
      }
      rowsN.push(rows0.length);
      const ids = rows0.map((r) => r.id).join();
      for (let r = 0; r < repeats; r++) {
        t0 = now();
        await call<VisitRow[]>(core, session, 'visits:agenda', input);
        repeat.push(now() - t0);
        for (const [name, fn] of [
          ['repIndex', selectByRep],
          ['dateIndex', selectByDate],
          ['fullScan', selectByScan],
        ] as const) {
          t0 = now();
          const vs = fn(store, rep.id, input.from, input.to);
          select[name].push(now() - t0);
          const rows = sortRows(
            vs.map((v) => toRow(store, v, today)),
            coll,
          );
          direct[name].push(now() - t0);
          if (r === 0 && rows.map((x) => x.id).join() !== ids) sameRows = false;
        }
      }
    }
  }
  off();
  log(
    `agenda: ${reps.length} reps × ${months.length} months, rows ${Math.min(...rowsN)}–${Math.max(...rowsN)}; first p50 ${stat(first).p50.toFixed(1)} ms max ${stat(first).max.toFixed(0)} ms; repeated p50 ${stat(repeat).p50.toFixed(2)} ms p95 ${stat(repeat).p95.toFixed(2)} ms; direct p50 rep ${stat(direct.repIndex).p50.toFixed(2)} / date ${stat(direct.dateIndex).p50.toFixed(2)} / scan ${stat(direct.fullScan).p50.toFixed(2)} ms`,
  );

  const cur = { from: firstOfMonth(TODAY), to: lastOfMonth(TODAY) };
  const teams = [...store.all<Loose>('teams')].filter((t) => t.active !== false);
  const team = teams[0]!;
  const manager = store.get<Loose>('users', team.managerId as string)!;
  const mgr = await signIn(core, manager.login as string);
  const mgrRows = (await call<VisitRow[]>(core, mgr, 'visits:agenda', cur)).length;
  const mgrTimes: number[] = [];
  for (let r = 0; r < repeats * 2; r++) {
    const t0 = now();
    await call(core, mgr, 'visits:agenda', cur);
    mgrTimes.push(now() - t0);
  }
  const teamReps = store.byIndex<Loose>('users', 'teamId', team.id).filter((u) => u.role === 'rep').length;
  const admin = await signIn(core, 'admin');
  const officeRows = (await call<VisitRow[]>(core, admin, 'visits:agenda', cur)).length;
  const officeTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    await call(core, admin, 'visits:agenda', cur);
    officeTimes.push(now() - t0);
  }
  log(
    `agenda: manager's team (${teamReps} reps, ${mgrRows} rows) p50 ${stat(mgrTimes).p50.toFixed(1)} ms; office (${officeRows} rows) p50 ${stat(officeTimes).p50.toFixed(0)} ms`,
  );
  return {
    reps: reps.length,
    months: months.map(monthOf),
    rows: {
      mean: rowsN.reduce((a, b) => a + b, 0) / rowsN.length,
      max: Math.max(...rowsN),
      min: Math.min(...rowsN),
    },
    first: stat(first),
    firstSync: { tasksWritten, callsThatSynced },
    repeat: stat(repeat),
    direct: {
      repIndex: stat(direct.repIndex),
      dateIndex: stat(direct.dateIndex),
      fullScan: stat(direct.fullScan),
    },
    select: {
      repIndex: stat(select.repIndex),
      dateIndex: stat(select.dateIndex),
      fullScan: stat(select.fullScan),
    },
    sameRows,
    manager: { reps: teamReps, rows: mgrRows, stat: stat(mgrTimes) },
    office: { rows: officeRows, stat: stat(officeTimes) },
  };
}

// ---- (c) the call file ----

const PL_MOBILE = [
  '600',
  '601',
  '602',
  '660',
  '661',
  '690',
  '691',
  '510',
  '512',
  '530',
  '570',
  '720',
  '730',
  '780',
  '790',
  '880',
];

/** A number as telephony exports write it: the office is Polish, so Polish numbers often lack +48. */
function formatNumber(rng: Rng, e164: string): [string, string] {
  const pl = e164.startsWith('+48');
  const cc = pl ? '48' : e164.slice(1, 4);
  const nat = e164.slice(1 + cc.length);
  const spaced = nat.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
  const kind = pl
    ? rngWeighted(rng, [
        ['national', 30],
        ['e164', 20],
        ['spaced', 20],
        ['00', 15],
        ['dashed', 10],
        ['digits', 5],
      ] as const)
    : rngWeighted(rng, [
        ['e164', 40],
        ['spaced', 30],
        ['00', 30],
      ] as const);
  switch (kind) {
    case 'national':
      return [kind, nat];
    case 'dashed':
      return [kind, nat.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1-$2-$3')];
    case 'digits':
      return [kind, `${cc}${nat}`];
    case 'spaced':
      return [kind, `+${cc} ${spaced}`];
    case '00':
      return [kind, `00${cc}${nat}`];
    default:
      return [kind, e164];
  }
}

interface CallFile {
  bytes: Uint8Array;
  rows: number;
  planned: CallsResult['planned'];
}

function callFile(store: Store, rows: number): CallFile {
  const rng = seededRng(`${SEED}:call-file`);
  // The numbers a call can be matched on, as the importer indexes them (live clients only).
  const owners = new Map<string, Set<string>>();
  const contactNumbers: string[] = [];
  const clientNumbers: string[] = [];
  const own = (n: string, clientId: string) => {
    const s = owners.get(n);
    if (s) s.add(clientId);
    else owners.set(n, new Set([clientId]));
  };
  for (const c of store.all<Client>('clients')) {
    if (c.archived || !c.phone) continue;
    clientNumbers.push(c.phone);
    own(c.phone, c.id);
  }
  for (const p of store.all<Contact>('contacts')) {
    if (p.archived || p.erased || !p.phones.length) continue;
    const c = store.get<Client>('clients', p.clientId);
    if (!c || c.archived) continue;
    for (const ph of p.phones) {
      contactNumbers.push(ph);
      own(ph, c.id);
    }
  }
  const shared = [...owners].filter(([, s]) => s.size > 1).map(([n]) => n);
  const isShared = new Set(shared);
  const contactOnly = contactNumbers.filter((n) => !isShared.has(n));
  const clientOnly = clientNumbers.filter((n) => !isShared.has(n));
  const unknown = () => {
    for (;;) {
      const n = `+48${PL_MOBILE[rngInt(rng, 0, PL_MOBILE.length - 1)]}${String(rngInt(rng, 0, 999_999)).padStart(6, '0')}`;
      if (!owners.has(n) && normalizePhone(n, 'PL') === n) return n;
    }
  };
  const planned: CallsResult['planned'] = {
    contactNumbers: 0,
    clientNumbers: 0,
    sharedNumbers: 0,
    unknown: 0,
    bad: 0,
    formats: {},
  };
  // Working hours of the weeks before today, each row a few seconds after the last: every row a
  // distinct (time, number, direction), so the file holds no call twice.
  const workSeconds = 9 * 3600;
  const gapMax = Math.max(2, Math.floor((2 * 20 * workSeconds) / rows));
  let day = addDays(TODAY, -28);
  while (isWeekend(day)) day = addDays(day, 1);
  let sec = 8 * 3600;
  const out: string[][] = [];
  const hms = (s: number) =>
    `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  for (let i = 0; i < rows; i++) {
    sec += rngInt(rng, 1, gapMax);
    if (sec >= 8 * 3600 + workSeconds) {
      do day = addDays(day, 1);
      while (isWeekend(day));
      sec = 8 * 3600 + rngInt(rng, 0, 60);
    }
    const when = `${day} ${hms(sec).padStart(8, '0')}`;
    const kind = rngWeighted(rng, [
      ['contact', 560],
      ['client', 250],
      ['unknown', 170],
      ['shared', shared.length ? 10 : 0],
      ['bad', 10],
    ] as const);
    let number: string;
    if (kind === 'bad') {
      planned.bad++;
      number = rngWeighted(rng, [
        ['anonim', 4],
        ['', 3],
        ['4.86601E+10', 3],
      ] as const);
    } else {
      const e164 =
        kind === 'contact'
          ? contactOnly[rngInt(rng, 0, contactOnly.length - 1)]!
          : kind === 'client'
            ? clientOnly[rngInt(rng, 0, clientOnly.length - 1)]!
            : kind === 'shared'
              ? shared[rngInt(rng, 0, shared.length - 1)]!
              : unknown();
      if (kind === 'contact') planned.contactNumbers++;
      else if (kind === 'client') planned.clientNumbers++;
      else if (kind === 'shared') planned.sharedNumbers++;
      else planned.unknown++;
      const [fmt, text] = formatNumber(rng, e164);
      planned.formats[fmt] = (planned.formats[fmt] ?? 0) + 1;
      number = text;
    }
    const direction = rngWeighted(rng, [
      ['Wychodzące', 55],
      ['Przychodzące', 35],
      ['Nieodebrane', 10],
    ] as const);
    const status =
      direction === 'Nieodebrane'
        ? 'NO ANSWER'
        : rngWeighted(rng, [
            ['ANSWERED', 75],
            ['NO ANSWER', 15],
            ['BUSY', 8],
            ['FAILED', 2],
          ] as const);
    const duration = status === 'ANSWERED' ? rngInt(rng, 20, 900) : 0;
    out.push([
      when,
      direction,
      number,
      hms(duration),
      status,
      `2${String(rngInt(rng, 1, 48)).padStart(2, '0')}`,
    ]);
  }
  return { bytes: buildCsv(out, { delimiter: ';' }), rows, planned };
}

const COLUMNS = [
  'start (2026-11-02 08:01:13)',
  'direction (Wychodzące / Przychodzące / Nieodebrane)',
  'number (as exports write it)',
  'duration (0:01:05)',
  'status (ANSWERED, NO ANSWER, BUSY, FAILED)',
  'extension (201–248)',
];
const MAPPING = {
  '0': 'startedAt',
  '1': 'direction',
  '2': 'number',
  '3': 'durationSec',
  '4': 'status',
  '5': 'agent',
} as const;

async function callsBench(core: Core, rows: number): Promise<CallsResult> {
  const store = core.store;
  const op = await signIn(core, 'operator');
  const file = callFile(store, rows);
  const data = Buffer.from(file.bytes).toString('base64');
  const fileName = 'cdr-export.csv';
  log(
    `call file: ${rows} rows, ${(file.bytes.length / 1e6).toFixed(2)} MB; planned ${JSON.stringify(file.planned)}`,
  );
  let t0 = now();
  const preview = await call<{ suggested: { byIndex: Record<string, string> }; rowCount: number }>(
    core,
    op,
    'calls:preview',
    { fileName, data, headerRow: false },
  );
  const previewMs = now() - t0;
  const suggested = preview.suggested.byIndex;
  const agrees = Object.entries(MAPPING)
    .filter(([k, t]) => suggested[k] === t)
    .map(([, t]) => t);
  const differs = Object.entries(MAPPING)
    .filter(([k, t]) => suggested[k] !== t)
    .map(([k, t]) => `${t}: ${suggested[k] ?? 'not mapped'}`);
  gc();
  t0 = now();
  await readCallFile(file.bytes, fileName, false);
  const parseMs = now() - t0;
  const callsBefore = store.count('calls');
  const mapping = { byHeader: {}, byIndex: MAPPING, headerRow: false };
  const run = async (): Promise<ImportRun> => {
    gc();
    const m = await withPings(core, op, () =>
      call<CallImportResult>(core, op, 'calls:import', { fileName, data, mapping }),
    );
    const v = m.value;
    log(
      `calls:import ${m.ms.toFixed(0)} ms: rows ${v.rows}, added ${v.added}, skipped ${v.skipped}, matched ${v.matched}, to triage ${v.toTriage}, errors ${v.errors.length}; longest without an answer ${m.ping.maxGapMs.toFixed(0)} ms`,
    );
    return {
      ms: m.ms,
      rows: v.rows,
      added: v.added,
      skipped: v.skipped,
      matched: v.matched,
      toTriage: v.toTriage,
      errors: v.errors.length,
      ping: m.ping,
    };
  };
  const first = await profiled('call-import', run);
  await store.checkpoint();
  const again = await profiled('call-reimport', run);
  const callsAfter = store.count('calls');
  t0 = now();
  const triage = await call<unknown[]>(core, op, 'calls:triageList', {});
  const triageMs = now() - t0;
  return {
    rows,
    bytes: file.bytes.length,
    columns: COLUMNS,
    mapping: { ...MAPPING },
    suggested,
    suggestedAgrees: agrees,
    suggestedDiffers: differs,
    previewMs,
    planned: file.planned,
    parseMs,
    first,
    again,
    callsBefore,
    callsAfter,
    triageList: { ms: triageMs, rows: triage.length },
  };
}

// ---- the run ----

async function run(scale: DatasetScale, dir: string): Promise<VisitsResult> {
  const wall0 = now();
  const loadAverage = os.loadavg();
  log(`loading the ${scale} dataset into ${dir}`);
  const { records, loadMs } = await loadDataset(dir, scale);
  log(`loaded ${records.toLocaleString('en')} records in ${(loadMs / 1000).toFixed(1)} s`);
  gc();

  const { core, coreOpenMs } = await openBenchCore(dir);
  const store = core.store;
  const admin = await signIn(core, 'admin');
  const adminId = core.getSession(admin)!.userId!;
  const monthStart = firstOfMonth(TODAY);
  const monthEnd = lastOfMonth(TODAY);
  const counts = {
    visits: store.count('visits'),
    clients: store.count('clients'),
    contacts: store.count('contacts'),
    calls: store.count('calls'),
    reps: store.byIndex('users', 'role', 'rep').length,
  };

  const cat = await setUpCatalog(core, admin, monthStart, monthEnd);
  log(`catalog: ${cat.setup.standards.length} standards, ${cat.setup.promotions.length} promotions`);
  const gen = await generation(core, admin, adminId, monthStart, monthEnd, cat.lineages, cat.promotionIds, 5);
  gc();
  const agenda = await agendaBench(core, scale === 'L' ? 10 : 5, 5);
  await store.checkpoint();
  gc();
  const calls = await callsBench(core, scale === 'L' ? 50_000 : 5_000);
  await core.close();
  return {
    scale,
    today: TODAY,
    records,
    loadMs,
    coreOpenMs,
    counts,
    catalog: cat.setup,
    generation: gen,
    agenda,
    calls,
    loadAverage,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    wallMs: now() - wall0,
  };
}

runBenchChild('visits-child.ts', run);
