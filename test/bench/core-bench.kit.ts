import type { Core } from '../../main/core/app/core';
import { createCore } from '../../main/core/app/core';
import { hashPassword } from '../../main/core/auth/password';
import type { DatasetItem, DatasetScale } from '../../main/core/demo/dataset.generator';
import { generateDataset } from '../../main/core/demo/dataset.generator';
import type { Result } from '../../shared/contract/errors';
import type { Clock } from '../../shared/domain/dates';
import { RESULT_PREFIX } from './bench-adapter.types';
import type { Stat } from './clients-bench.types';
import { JournalStoreAdapter } from './stores/journal-store.bench-adapter';

// What the benchmarks that drive a real core share: the generated dataset written into a data
// folder (every user's password known), signing in, calling commands, and the statistics.

export const SEED = 'bench-2026';
export const TODAY = '2026-11-23';
export const PASSWORD = 'bench-password';

export const log = (msg: string) =>
  process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
export const gc = () => (globalThis as { gc?: () => void }).gc?.();
export const now = () => performance.now();

export function stat(xs: number[]): Stat {
  if (!xs.length) return { n: 0, p50: NaN, p95: NaN, max: NaN, mean: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return {
    n: s.length,
    p50: at(0.5),
    p95: at(0.95),
    max: s[s.length - 1]!,
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
  };
}

export async function call<T>(core: Core, session: string, command: string, input: unknown): Promise<T> {
  const r: Result<unknown> = await core.dispatch(session, command, input);
  if (!r.ok) throw new Error(`${command}: ${r.error.message} ${JSON.stringify(r.error).slice(0, 400)}`);
  return r.data as T;
}

export async function signIn(core: Core, login: string): Promise<string> {
  const session = core.openSession().id;
  await call(core, session, 'auth:signIn', { login, password: PASSWORD });
  return session;
}

/** Writes the generated dataset of `scale` into `dir`, as a core would find it after a load. */
export async function loadDataset(
  dir: string,
  scale: DatasetScale,
): Promise<{ records: number; loadMs: number }> {
  const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  let records = 0;
  function* withPasswords(items: Iterable<DatasetItem>): Generator<DatasetItem> {
    for (const it of items) {
      records++;
      yield it.collection === 'users'
        ? { collection: 'users', record: Object.assign({}, it.record, { passwordHash }) }
        : it;
    }
  }
  const adapter = new JournalStoreAdapter(dir);
  const t0 = now();
  await adapter.load(withPasswords(generateDataset({ scale, seed: SEED, today: TODAY })));
  const loadMs = now() - t0;
  await adapter.close();
  return { records, loadMs };
}

/** Times `fn` `n` times (after `warmup` untimed runs); `before` runs untimed before each. */
export async function timeIt(
  n: number,
  fn: () => Promise<unknown>,
  opts: { warmup?: number; before?: () => void | Promise<void> } = {},
): Promise<Stat> {
  const xs: number[] = [];
  for (let i = 0; i < n + (opts.warmup ?? 0); i++) {
    await opts.before?.();
    const t0 = now();
    await fn();
    if (i >= (opts.warmup ?? 0)) xs.push(now() - t0);
  }
  return stat(xs);
}

/**
 * A real core on the loaded folder, every collection in memory, the office's today the dataset's
 * (noon in Warsaw) with the clock running from there; no automatic backups or watched folder.
 */
export async function openBenchCore(dir: string): Promise<{ core: Core; coreOpenMs: number }> {
  const start = Date.now();
  const clock: Clock = { now: () => new Date(Date.parse(`${TODAY}T11:00:00Z`) + (Date.now() - start)) };
  const t0 = now();
  const core = await createCore({
    dataDir: dir,
    clock,
    history: 'eager',
    appVersion: 'bench',
    backups: { automatic: false },
    callWatch: false,
  });
  const coreOpenMs = now() - t0;
  log(`core open with every collection in memory after ${(coreOpenMs / 1000).toFixed(1)} s`);
  return { core, coreOpenMs };
}

/** Runs `fn` while a 1 ms timer ticks; returns the longest gap between two ticks (event-loop pause). */
export async function longestPause(fn: () => Promise<unknown>): Promise<number> {
  let last = now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 1);
  try {
    last = now();
    await fn();
    longest = Math.max(longest, now() - last);
  } finally {
    clearInterval(timer);
  }
  return longest;
}

/**
 * The whole life of a core bench child: `<S|L> <dir>` from the command line, the part's run, its
 * result as one RESULT line for the parent, any failure on stderr with exit code 1.
 */
export function runBenchChild<R>(name: string, run: (scale: DatasetScale, dir: string) => Promise<R>): void {
  const main = async () => {
    const [scale, dir] = process.argv.slice(2);
    if (!(scale === 'S' || scale === 'L') || !dir) throw new Error(`usage: ${name} <S|L> <dir>`);
    const result = await run(scale, dir);
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
  };
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
