import { AppError } from '../../../shared/contract/errors';
import type { Store } from '../store/store';
import type { HandlerContext } from './handler-context';

// Long exports (issue 9 must-have 5) run as jobs: a generator that yields every few steps, run in
// ~8 ms slices so the core keeps answering every window meanwhile (the window never freezes), that
// reports `job:progress` under the id its caller chose and can be stopped by `jobs:cancel`. A
// cancelled job ends with a `cancelled` error at its next slice: it wrote no file and recorded
// nothing (exports audit only once their file exists), so stopping it leaves no trace to undo.

export interface Job {
  /** Reports progress; throttled to one event per percent, and nothing when the caller named no job. */
  progress(done: number, total: number): void;
  /** Runs a generator in slices, stopping at the first slice after a cancel. */
  run<R>(g: Generator<void, R>): Promise<R>;
  /** Throws `cancelled` if the job was cancelled (between steps that cannot be sliced: a PDF's layout). */
  checkpoint(): void;
  /**
   * The last checkpoint: from here the job can no longer be cancelled (`jobs:cancel` answers
   * false). Called right before the export is recorded in the audit log, so that an entry is
   * never written for an export its caller was told was cancelled.
   */
  seal(): void;
}

interface Running {
  cancelled: boolean;
  sealed: boolean;
}

// Per core (the store is one per core): tests open several cores in one process.
const registries = new WeakMap<Store, Map<string, Running>>();

function registryOf(store: Store): Map<string, Running> {
  let r = registries.get(store);
  if (!r) registries.set(store, (r = new Map<string, Running>()));
  return r;
}

/** How long a slice may run before the event loop gets a turn. */
const SLICE_MS = 8;

/**
 * Runs `fn` as a job named `jobId` (optional: without it the work still runs in slices, but can be
 * neither watched nor stopped). A second job under an id the same user already runs is refused.
 */
export async function withJob<T>(
  ctx: Pick<HandlerContext, 'store' | 'emit' | 'user'>,
  jobId: string | undefined,
  fn: (job: Job) => Promise<T>,
): Promise<T> {
  const registry = registryOf(ctx.store);
  const key = `${ctx.user().id}\u0000${jobId ?? ''}`;
  const me: Running = { cancelled: false, sealed: false };
  if (jobId) {
    if (registry.has(key))
      throw new AppError('conflict', `Job ${jobId} is already running`, { key: 'errors.job_running' });
    registry.set(key, me);
  }
  let last = -1;
  const checkpoint = () => {
    if (me.cancelled)
      throw new AppError('cancelled', `Job ${jobId} was cancelled`, { key: 'errors.job_cancelled' });
  };
  const job: Job = {
    progress(done, total) {
      if (!jobId) return;
      const p = Math.floor((done * 100) / Math.max(1, total));
      if (p === last) return;
      last = p;
      ctx.emit('job:progress', { jobId, done: Math.round(done), total: Math.round(total) });
    },
    checkpoint,
    seal() {
      checkpoint();
      me.sealed = true;
    },
    async run(g) {
      let t0 = performance.now();
      try {
        for (;;) {
          const r = g.next();
          if (r.done) return r.value;
          if (performance.now() - t0 >= SLICE_MS) {
            await new Promise<void>((res) => setImmediate(res));
            t0 = performance.now();
            checkpoint();
          }
        }
      } finally {
        // Lets the generator's own finally blocks run when a cancel (or an error) stops it.
        g.return(undefined as never);
      }
    },
  };
  try {
    checkpoint();
    const value = await fn(job);
    // No check here: a cancel that came after the last checkpoint (or after the seal) is too late,
    // and the export it was meant to stop is already whole (and maybe recorded).
    if (jobId) ctx.emit('job:progress', { jobId, done: 1, total: 1 });
    return value;
  } finally {
    if (jobId && registry.get(key) === me) registry.delete(key);
  }
}

/** Stops the caller's job of that id; false when none runs (it had finished, or never started). */
export function cancelJob(
  ctx: Pick<HandlerContext, 'store' | 'user'>,
  jobId: string,
): { cancelled: boolean } {
  const registry = registryOf(ctx.store);
  const running = registry.get(`${ctx.user().id}\u0000${jobId}`);
  if (!running || running.cancelled || running.sealed) return { cancelled: false };
  running.cancelled = true;
  return { cancelled: true };
}

/** Whether a job of the caller runs under that id (tests, and the screens' "still running?"). */
export function isJobRunning(ctx: Pick<HandlerContext, 'store' | 'user'>, jobId: string): boolean {
  return registryOf(ctx.store).has(`${ctx.user().id}\u0000${jobId}`);
}
