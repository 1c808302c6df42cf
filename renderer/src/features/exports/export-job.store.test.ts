import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ExportFile } from '../../../../shared/contract/exports.schema';
import type { ReportFilters } from '../../../../shared/contract/reports.schema';
import { createFakeApi } from '../../api/fake-api';
import type { FakeApi } from '../../api/fake-api';
import { ApiError } from '../../api/regio-api';
import { createExportJobStore } from './export-job.store';
import { deferred, tick } from './exports.fixtures';

// The export job: one export at a time, its own progress events only, the file handed to the
// platform's save, and Cancel that asks the core to stop and ends in 'cancelled' (not an error).

const FILTERS: ReportFilters = { teamId: null, repId: null, from: '2026-06', to: '2026-11' };

function file(over: Partial<ExportFile> = {}): ExportFile {
  return {
    fileName: 'budzet-2026-11.xlsx',
    mime: 'application/xlsx',
    base64: 'UEsDBA==',
    records: 12,
    ...over,
  };
}

function jobIdOf(api: FakeApi, command = 'exports:report'): string {
  const call = api.calls.find((c) => c.command === command);
  return (call?.input as { jobId: string }).jobId;
}

describe('export job store', () => {
  it('runs the export under its own job id, follows only that job’s progress and saves the file', async () => {
    const answer = deferred<ExportFile>();
    const api = createFakeApi({ 'exports:report': () => answer.promise });
    const saved: ExportFile[] = [];
    const store = createExportJobStore(api, (f) => saved.push(f));

    const done = store
      .getState()
      .start('exports:report', { kind: 'budgetUse', filters: FILTERS, format: 'xlsx' }, 'XLSX');
    expect(store.getState()).toMatchObject({ status: 'running', label: 'XLSX', progress: null });
    const id = jobIdOf(api);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(api.calls[0]?.input).toEqual({ kind: 'budgetUse', filters: FILTERS, format: 'xlsx', jobId: id });

    // Another job's events (a report computing, another window's export) do not move this bar.
    api.emit('job:progress', { jobId: 'reports-other', done: 90, total: 100 });
    expect(store.getState().progress).toBeNull();
    api.emit('job:progress', { jobId: id, done: 40, total: 120 });
    expect(store.getState().progress).toEqual({ done: 40, total: 120 });

    await tick();
    answer.resolve(file());
    expect(await done).toEqual(file());
    expect(saved).toEqual([file()]);
    expect(store.getState()).toMatchObject({
      status: 'done',
      progress: null,
      saved: { fileName: 'budzet-2026-11.xlsx', records: 12 },
      result: file(),
      error: null,
    });
    // Finished: it listens no more.
    expect(api.listenerCount('job:progress')).toBe(0);
    api.emit('job:progress', { jobId: id, done: 1, total: 2 });
    expect(store.getState().progress).toBeNull();
  });

  it('saves the file of an answer that wraps it (a visit plan with its counts) and keeps the whole answer', async () => {
    const plan = {
      file: file({ fileName: 'plan.ics', records: 7 }),
      visits: { planned: 5, done: 1, missed: 0, cancelled: 1 },
    };
    const api = createFakeApi({ 'exports:visitPlan': () => plan });
    const saved: ExportFile[] = [];
    const store = createExportJobStore(api, (f) => saved.push(f));
    await store
      .getState()
      .start('exports:visitPlan', { from: '2026-11-30', to: '2026-12-06', format: 'ics' });
    expect(saved.map((f) => f.fileName)).toEqual(['plan.ics']);
    expect(store.getState().saved).toEqual({ fileName: 'plan.ics', records: 7 });
    expect(store.getState().result).toEqual(plan);
  });

  it('cancels through jobs:cancel with its job id and ends as cancelled, saving nothing', async () => {
    const answer = deferred<ExportFile>();
    const cancels: string[] = [];
    const api = createFakeApi({
      'exports:report': () => answer.promise,
      'jobs:cancel': ({ jobId }) => {
        cancels.push(jobId);
        // The core stops the job: its call fails with the `cancelled` error.
        answer.reject(new AppError('cancelled', 'Job was cancelled', { key: 'errors.job_cancelled' }));
        return { cancelled: true };
      },
    });
    const saved: ExportFile[] = [];
    const store = createExportJobStore(api, (f) => saved.push(f));
    const done = store
      .getState()
      .start('exports:report', { kind: 'actions', filters: FILTERS, format: 'pdf' });
    const id = jobIdOf(api);
    await tick();

    const cancel = store.getState().cancel();
    expect(store.getState().cancelling).toBe(true);
    // A second click while the first is on its way sends nothing more.
    await store.getState().cancel();
    await cancel;
    expect(await done).toBeNull();
    expect(cancels).toEqual([id]);
    expect(store.getState()).toMatchObject({
      status: 'cancelled',
      error: null,
      cancelling: false,
      progress: null,
    });
    expect(saved).toEqual([]);
    // Nothing runs any more: a later cancel asks nothing.
    await store.getState().cancel();
    expect(api.calls.filter((c) => c.command === 'jobs:cancel')).toHaveLength(1);
  });

  it('a cancel that comes too late lets the file through; an abandoned export never opens a save', async () => {
    for (const how of ['cancel', 'abandon'] as const) {
      const answer = deferred<ExportFile>();
      const api = createFakeApi({
        'exports:report': () => answer.promise,
        // The core had sealed the job (its file is whole and recorded): it cannot stop it.
        'jobs:cancel': () => ({ cancelled: false }),
      });
      const saved: ExportFile[] = [];
      const store = createExportJobStore(api, (f) => saved.push(f));
      const done = store
        .getState()
        .start('exports:report', { kind: 'actions', filters: FILTERS, format: 'pdf' });
      await tick();
      await store.getState()[how]();
      answer.resolve(file());
      await done;
      if (how === 'cancel') {
        expect(
          saved.map((f) => f.fileName),
          how,
        ).toEqual(['budzet-2026-11.xlsx']);
        expect(store.getState().status).toBe('done');
      } else {
        expect(saved, how).toEqual([]);
        expect(store.getState().status).toBe('cancelled');
      }
    }
  });

  it('names every job with an id of its own (progress events reach every window)', async () => {
    const api = createFakeApi({ 'exports:report': () => file() });
    const a = createExportJobStore(api, () => undefined);
    const b = createExportJobStore(api, () => undefined);
    await a.getState().start('exports:report', { kind: 'actions', filters: FILTERS, format: 'csv' });
    await b.getState().start('exports:report', { kind: 'actions', filters: FILTERS, format: 'csv' });
    const ids = api.calls.map((c) => (c.input as { jobId: string }).jobId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).toMatch(/^export-[A-Za-z0-9_-]{8,}$/);
  });

  it('treats a cancelled answer as cancelled even when it arrives as plain error data (another transport)', async () => {
    const api = createFakeApi({
      'exports:report': () => {
        throw new ApiError({ code: 'cancelled', key: 'errors.job_cancelled', message: 'cancelled' });
      },
    });
    const store = createExportJobStore(api, () => undefined);
    await store.getState().start('exports:report', { kind: 'actions', filters: FILTERS, format: 'csv' });
    expect(store.getState().status).toBe('cancelled');
  });

  it('keeps a failure’s error, saves nothing, and runs the same export again on retry', async () => {
    let fail = true;
    const api = createFakeApi({
      'exports:report': () => {
        if (fail) throw new AppError('forbidden', 'Not yours', { key: 'errors.forbidden' });
        return file({ fileName: 'again.csv', records: 3 });
      },
    });
    const saved: ExportFile[] = [];
    const store = createExportJobStore(api, (f) => saved.push(f));
    await store
      .getState()
      .start('exports:report', { kind: 'workload', filters: FILTERS, format: 'csv' }, 'CSV');
    const s = store.getState();
    expect(s.status).toBe('failed');
    expect(s.error).toBeInstanceOf(ApiError);
    expect((s.error as ApiError).key).toBe('errors.forbidden');
    expect(saved).toEqual([]);

    fail = false;
    await store.getState().retry();
    expect(store.getState()).toMatchObject({ status: 'done', label: 'CSV', error: null });
    const inputs = api.calls
      .filter((c) => c.command === 'exports:report')
      .map((c) => c.input as { format: string; jobId: string });
    expect(inputs.map((i) => i.format)).toEqual(['csv', 'csv']);
    // Every run is its own job.
    expect(inputs[0]?.jobId).not.toBe(inputs[1]?.jobId);
    expect(saved.map((f) => f.fileName)).toEqual(['again.csv']);
  });

  it('a validation refusal keeps its field issues for the form', async () => {
    const api = createFakeApi({
      'exports:visitPlan': () => ({ file: file(), visits: { planned: 0, done: 0, missed: 0, cancelled: 0 } }),
    });
    const store = createExportJobStore(api, () => undefined);
    await store
      .getState()
      .start('exports:visitPlan', { from: '2026-12-06', to: '2026-11-30', format: 'pdf' });
    expect(store.getState().status).toBe('failed');
    const issues = (store.getState().error as ApiError).data.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.key])).toContainEqual(['to', 'validation.period_order']);
  });

  it('ignores a second start while one runs', async () => {
    const answer = deferred<ExportFile>();
    const api = createFakeApi({ 'exports:report': () => answer.promise });
    const store = createExportJobStore(api, () => undefined);
    const first = store
      .getState()
      .start('exports:report', { kind: 'budgetUse', filters: FILTERS, format: 'xlsx' }, 'XLSX');
    const second = await store
      .getState()
      .start('exports:report', { kind: 'budgetUse', filters: FILTERS, format: 'pdf' }, 'PDF');
    expect(second).toBeNull();
    expect(api.calls.filter((c) => c.command === 'exports:report')).toHaveLength(1);
    expect(store.getState().label).toBe('XLSX');
    await tick();
    answer.resolve(file());
    await first;
    expect(store.getState().status).toBe('done');
    // Once it is done, the next export starts.
    await store
      .getState()
      .start('exports:report', { kind: 'budgetUse', filters: FILTERS, format: 'pdf' }, 'PDF');
    expect(api.calls.filter((c) => c.command === 'exports:report')).toHaveLength(2);
  });
});
