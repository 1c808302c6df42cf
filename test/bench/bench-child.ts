import type { DatasetItem, DatasetScale, DemoRecord } from '../../main/core/demo/dataset.generator';
import { generateDataset } from '../../main/core/demo/dataset.generator';
import { uuidv7 } from '../../shared/domain/ids';
import { rngDigits, rngInt, seededRng } from '../../shared/domain/rng';
import type {
  BenchAdapter,
  ChildResult,
  Expectation,
  LatencyStats,
  LaunchResult,
  StoreName,
} from './bench-adapter.types';
import { RESULT_PREFIX } from './bench-adapter.types';
import { JournalStoreAdapter } from './stores/journal-store.bench-adapter';
import { NaiveLowdbAdapter } from './stores/naive-lowdb.bench-adapter';
import { SqliteAdapter } from './stores/sqlite.bench-adapter';

// One store, one scale, one process (so that peak memory is this store's own):
//   node --import tsx --expose-gc test/bench/bench-child.ts <journal|sqlite|lowdb> <S|L> <dir> [--quick] [--launch]
// Progress goes to stderr; the result is the last stdout line, prefixed RESULT.
// --launch only opens an existing folder: the time from process start to a usable store.

const SEED = 'bench-2026';
const TODAY = '2026-11-23';

interface Plan {
  commits: number;
  multi: number;
  gets: number;
  lookups: number;
  cpMinSamples: number;
  cpMaxRounds: number;
  warmup: number;
}

/** How many operations each store gets: naive lowdb rewrites everything per commit, so it gets few. */
function planFor(store: StoreName, scale: DatasetScale, quick: boolean): Plan {
  if (store === 'lowdb') {
    // Seconds per write at L: a handful of commits already takes minutes.
    const commits = scale === 'L' ? (quick ? 3 : 8) : quick ? 10 : 40;
    return {
      commits,
      multi: scale === 'L' ? 1 : quick ? 2 : 3,
      gets: scale === 'L' ? 300 : 2_000,
      lookups: scale === 'L' ? 100 : 500,
      cpMinSamples: 0,
      cpMaxRounds: 0,
      warmup: 1,
    };
  }
  return {
    commits: quick ? 500 : 5_000,
    multi: quick ? 5 : 20,
    gets: quick ? 2_000 : 20_000,
    lookups: quick ? 500 : 5_000,
    cpMinSamples: quick ? 300 : 3_000,
    // Ours: checkpoint rounds until enough commits ran during one (short checkpoints at S need
    // many). SQLite: a fixed number of checkpoints spread over the same number of commits.
    // At L one round takes seconds, so fewer rounds fit the ~10-minute budget.
    cpMaxRounds: store === 'journal' ? (quick ? 2 : scale === 'L' ? 12 : 30) : quick ? 1 : 5,
    warmup: 50,
  };
}

function stats(xs: number[]): LatencyStats {
  if (!xs.length) return { n: 0, p50: NaN, p99: NaN, p999: NaN, max: NaN, mean: NaN };
  const s = [...xs].sort((a, b) => a - b);
  // Nearest-rank percentiles: with fewer than 1 000 samples p99.9 is simply the maximum.
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return {
    n: s.length,
    p50: at(0.5),
    p99: at(0.99),
    p999: at(0.999),
    max: s[s.length - 1]!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

function makeAdapter(store: StoreName, dir: string): BenchAdapter {
  switch (store) {
    case 'journal':
      return new JournalStoreAdapter(dir);
    case 'sqlite':
      return new SqliteAdapter(dir);
    case 'lowdb':
      return new NaiveLowdbAdapter(dir);
  }
}

const log = (msg: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

let peakHeap = 0;
function sampleHeap(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

async function timeEach(n: number, op: (i: number) => Promise<void> | void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function run(store: StoreName, scale: DatasetScale, dir: string, quick: boolean): Promise<ChildResult> {
  const wall0 = performance.now();
  const plan = planFor(store, scale, quick);
  const adapter = makeAdapter(store, dir);
  const rng = seededRng(`${SEED}:${store}:${scale}`);

  // What the workload needs from the dataset, taken while it streams by.
  const clientIds: string[] = [];
  const visitTemplates: DemoRecord[] = [];
  let records = 0;
  function* tap(items: Iterable<DatasetItem>): Generator<DatasetItem> {
    for (const it of items) {
      records++;
      if (it.collection === 'clients') clientIds.push(it.record.id);
      else if (it.collection === 'visits' && visitTemplates.length < 2_000) visitTemplates.push(it.record);
      if ((records & 0x3ffff) === 0) sampleHeap();
      yield it;
    }
  }

  log(`${adapter.label} ${scale}: loading`);
  const t0 = performance.now();
  const { notes } = await adapter.load(tap(generateDataset({ scale, seed: SEED, today: TODAY })));
  const loadMs = performance.now() - t0;
  sampleHeap();
  const diskAfterLoad = adapter.diskBytes();
  log(
    `loaded ${records.toLocaleString('en')} records in ${(loadMs / 1000).toFixed(1)} s, ${(diskAfterLoad / 1e6).toFixed(0)} MB on disk`,
  );

  await adapter.close();
  gc();
  const open = await adapter.open();
  sampleHeap();
  log(
    `reopened: usable after ${open.usableMs.toFixed(0)} ms, fully loaded after ${open.fullMs?.toFixed(0) ?? 'n/a'} ms`,
  );

  const randomClient = () => clientIds[rngInt(rng, 0, clientIds.length - 1)]!;
  gc();
  const gets = await timeEach(plan.gets, () => {
    if (!adapter.getById('clients', randomClient())) throw new Error('client not found');
  });
  let rows = 0;
  const lookups = await timeEach(plan.lookups, () => {
    rows += adapter.visitsOfClient(randomClient()).length;
  });
  log(
    `reads: get p50 ${stats(gets).p50.toFixed(4)} ms, visits-of-client p50 ${stats(lookups).p50.toFixed(4)} ms`,
  );

  let lastPatch: [string, string] = ['', ''];
  const phonePatch = (): [string, Record<string, unknown>] => {
    lastPatch = [randomClient(), `+48${rngDigits(rng, 9)}`];
    return [lastPatch[0], { phone: lastPatch[1] }];
  };
  const newVisit = (): DemoRecord => {
    const t = visitTemplates[rngInt(rng, 0, visitTemplates.length - 1)]!;
    // Object.assign, not spread: see DatasetBuilder.meta (the spread costs ~15 µs per record).
    return Object.assign({}, t, { id: uuidv7(), status: 'planned', date: TODAY, time: '10:00' });
  };

  gc();
  for (let i = 0; i < plan.warmup; i++) {
    const [id, p] = phonePatch();
    await adapter.patchClient(id, p);
  }
  const patch = await timeEach(plan.commits, async () => {
    const [id, p] = phonePatch();
    await adapter.patchClient(id, p);
  });
  log(
    `patch commits: p50 ${stats(patch).p50.toFixed(3)} ms, p99 ${stats(patch).p99.toFixed(3)} ms (n=${patch.length})`,
  );
  const insert = await timeEach(plan.commits, () => adapter.insert('visits', newVisit()));
  log(`insert commits: p50 ${stats(insert).p50.toFixed(3)} ms, p99 ${stats(insert).p99.toFixed(3)} ms`);
  sampleHeap();
  gc();
  const multi = await timeEach(plan.multi, () =>
    adapter.insertMany('visits', Array.from({ length: 1_000 }, newVisit)),
  );
  log(`1 000-record transactions: p50 ${stats(multi).p50.toFixed(1)} ms`);

  gc();
  const cp = plan.cpMaxRounds
    ? await adapter.commitsDuringCheckpoint({
        minSamples: plan.cpMinSamples,
        maxRounds: plan.cpMaxRounds,
        patch: phonePatch,
      })
    : null;
  if (cp)
    log(
      `commits during checkpoint: p99.9 ${stats(cp.latencies).p999.toFixed(1)} ms (n=${cp.latencies.length}), checkpoints ${cp.checkpointMs.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
  sampleHeap();
  const diskAfterMutations = adapter.diskBytes();
  const expect: Expectation = { visits: adapter.count('visits'), lastPatch };
  await adapter.close();

  return {
    store,
    label: adapter.label,
    scale,
    quick,
    records,
    notes,
    loadMs,
    diskAfterLoad,
    open,
    getById: stats(gets),
    visitsOfClient: { ...stats(lookups), rowsPerLookup: rows / Math.max(1, lookups.length) },
    patch: stats(patch),
    insert: stats(insert),
    insertMany: { ...stats(multi), batch: 1_000 },
    duringCheckpoint: cp ? { ...stats(cp.latencies), checkpointMs: cp.checkpointMs, note: cp.note } : null,
    diskAfterMutations,
    expect,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
    wallMs: performance.now() - wall0,
  };
}

function lastPatchArg(): [string, string] {
  const a = process.argv.find((x) => x.startsWith('--last-patch='));
  const [id = '', phone = ''] = (a?.slice('--last-patch='.length) ?? '').split('=');
  return [id, phone];
}

async function launch(store: StoreName, scale: DatasetScale, dir: string): Promise<LaunchResult> {
  const adapter = makeAdapter(store, dir);
  // performance.now() counts from the process's time origin: this includes Node's start-up and the
  // (tsx-transpiled) imports, which a bundled app would do faster.
  const t0 = performance.now();
  const open = await adapter.open();
  const [id] = lastPatchArg();
  const client = adapter.getById('clients', id) as { phone?: unknown } | undefined;
  const found = { visits: adapter.count('visits'), lastPatchPhone: client?.phone };
  await adapter.close();
  return {
    store,
    scale,
    launchToUsableMs: t0 + open.usableMs,
    launchToFullMs: open.fullMs === null ? null : t0 + open.fullMs,
    openUsableMs: open.usableMs,
    found,
  };
}

async function main(): Promise<void> {
  const [store, scale, dir] = process.argv.slice(2);
  const flags = new Set(process.argv.slice(5));
  if (
    !(store === 'journal' || store === 'sqlite' || store === 'lowdb') ||
    !(scale === 'S' || scale === 'L') ||
    !dir
  ) {
    throw new Error('usage: bench-child.ts <journal|sqlite|lowdb> <S|L> <dir> [--quick] [--launch]');
  }
  const result = flags.has('--launch')
    ? await launch(store, scale, dir)
    : await run(store, scale, dir, flags.has('--quick'));
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
