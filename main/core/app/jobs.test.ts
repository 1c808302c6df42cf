import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';
import { cancelJob, isJobRunning, withJob } from './jobs';

// The job machinery behind long exports (issue 9 must-have 5): slices that let other calls in,
// progress under the caller's id, a cancel that stops the work at its next slice and frees the id,
// and jobs kept apart per user and per core.

function ctxFor(userId: string, store: object = {}) {
  const events: { event: EventName; payload: unknown }[] = [];
  return {
    events,
    ctx: {
      store: store as Store,
      user: () => ({ id: userId }) as UserRecord,
      emit: <K extends EventName>(event: K, payload: EventPayload<K>) => void events.push({ event, payload }),
    },
  };
}

/** A generator that spins ~2 ms per step, so slices (8 ms) end every few steps. */
function* busy(
  steps: number,
  seen: { steps: number; closed: boolean },
  job?: { progress(d: number, t: number): void },
) {
  try {
    for (let i = 0; i < steps; i++) {
      const until = performance.now() + 2;
      while (performance.now() < until);
      seen.steps++;
      job?.progress(i + 1, steps);
      yield;
    }
    return seen.steps;
  } finally {
    seen.closed = true;
  }
}

describe('withJob', () => {
  it('runs to the end, reports progress once per percent and a final 1 of 1', async () => {
    const { ctx, events } = ctxFor('u1');
    const seen = { steps: 0, closed: false };
    const n = await withJob(ctx, 'j1', (job) => job.run(busy(20, seen, job)));
    expect(n).toBe(20);
    const progress = events.filter((e) => e.event === 'job:progress').map((e) => e.payload);
    expect(progress.length).toBe(21);
    expect(progress.at(-1)).toEqual({ jobId: 'j1', done: 1, total: 1 });
    expect(progress.every((p) => (p as { jobId: string }).jobId === 'j1')).toBe(true);
    expect(isJobRunning(ctx, 'j1')).toBe(false);
  });

  it('gives the event loop turns while it runs (another call is answered meanwhile)', async () => {
    const { ctx } = ctxFor('u1');
    const seen = { steps: 0, closed: false };
    let stepsWhenOtherRan = -1;
    const other = new Promise<void>((res) =>
      setImmediate(() => {
        stepsWhenOtherRan = seen.steps;
        res();
      }),
    );
    await Promise.all([withJob(ctx, 'j2', (job) => job.run(busy(40, seen))), other]);
    expect(stepsWhenOtherRan).toBeGreaterThan(0);
    expect(stepsWhenOtherRan).toBeLessThan(40);
  });

  it('stops at the next slice after a cancel, closes the generator and frees the id', async () => {
    const { ctx, events } = ctxFor('u1');
    const seen = { steps: 0, closed: false };
    const running = withJob(ctx, 'j3', (job) => job.run(busy(500, seen)));
    await new Promise((r) => setTimeout(r, 20));
    expect(isJobRunning(ctx, 'j3')).toBe(true);
    expect(cancelJob(ctx, 'j3')).toEqual({ cancelled: true });
    const e = await running.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('cancelled');
    expect((e as AppError).key).toBe('errors.job_cancelled');
    expect(seen.steps).toBeLessThan(500);
    expect(seen.closed).toBe(true);
    expect(isJobRunning(ctx, 'j3')).toBe(false);
    expect(events.some((ev) => (ev.payload as { done: number; total: number }).total === 1)).toBe(false);
    // The id is free again, and a cancel of a finished job says so.
    expect(cancelJob(ctx, 'j3')).toEqual({ cancelled: false });
    await expect(withJob(ctx, 'j3', () => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('a cancel between steps that cannot be sliced stops at the checkpoint', async () => {
    const { ctx } = ctxFor('u1');
    let after = false;
    const running = withJob(ctx, 'j4', async (job) => {
      await new Promise((r) => setTimeout(r, 10));
      job.checkpoint();
      after = true;
      return 1;
    });
    cancelJob(ctx, 'j4');
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(after).toBe(false);
  });

  it('after the seal a cancel is refused and the job ends whole (its audit entry stands)', async () => {
    const { ctx } = ctxFor('u1');
    let recorded = false;
    let release!: () => void;
    const writing = new Promise<void>((r) => (release = r));
    const running = withJob(ctx, 'j6', async (job) => {
      job.seal();
      await writing; // the audit entry's write, waiting on the journal
      recorded = true;
      return 'file';
    });
    await new Promise((r) => setImmediate(r));
    expect(cancelJob(ctx, 'j6')).toEqual({ cancelled: false });
    release();
    await expect(running).resolves.toBe('file');
    expect(recorded).toBe(true);
  });

  it('refuses a second job under a running id of the same user, not of another user or core', async () => {
    const store = {};
    const a = ctxFor('u1', store).ctx;
    const b = ctxFor('u2', store).ctx;
    const c = ctxFor('u1', {}).ctx;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = withJob(a, 'same', () => gate);
    await expect(withJob(a, 'same', () => Promise.resolve(1))).rejects.toMatchObject({
      code: 'conflict',
      key: 'errors.job_running',
    });
    await expect(withJob(b, 'same', () => Promise.resolve(2))).resolves.toBe(2);
    await expect(withJob(c, 'same', () => Promise.resolve(3))).resolves.toBe(3);
    // Another user cannot cancel it.
    expect(cancelJob(b, 'same')).toEqual({ cancelled: false });
    release();
    await first;
  });

  it('without a job id it runs, reports nothing and cannot be cancelled', async () => {
    const { ctx, events } = ctxFor('u1');
    const seen = { steps: 0, closed: false };
    await expect(withJob(ctx, undefined, (job) => job.run(busy(5, seen, job)))).resolves.toBe(5);
    expect(events).toEqual([]);
  });

  it('an error inside the work ends the job and frees its id', async () => {
    const { ctx } = ctxFor('u1');
    await expect(withJob(ctx, 'j5', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(isJobRunning(ctx, 'j5')).toBe(false);
  });
});
