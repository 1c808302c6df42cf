import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ApiError } from '../../api/regio-api';
import { createFakeApi } from '../../api/fake-api';
import type { FakeApi, FakeHandlers } from '../../api/fake-api';
import { canCommit, createOrdersImportStore, isStale, missingTargets } from './orders-import.store';
import { importRecord, orderPreset, orderSummary, orderUpload } from './orders.fixtures';

/** A promise the test resolves when it wants: the core still working. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const inputsOf = (api: FakeApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input as Record<string, unknown>);

async function uploaded(handlers: FakeHandlers = {}) {
  const api = createFakeApi({ 'orders:upload': () => orderUpload(), ...handlers });
  let jobs = 0;
  const store = createOrdersImportStore(api, () => `job-${++jobs}`);
  await store.getState().chooseFile('faktury-2026.csv', 'QUJD');
  return { api, store };
}

describe('orders import store: file and mapping', () => {
  it('uploads with the default options and starts from the suggested mapping', async () => {
    const { api, store } = await uploaded();
    expect(inputsOf(api, 'orders:upload')).toEqual([
      {
        fileName: 'faktury-2026.csv',
        data: 'QUJD',
        options: { encoding: 'auto', delimiter: 'auto', headerRow: true },
      },
    ]);
    const s = store.getState();
    expect(s.uploadStatus).toBe('ready');
    expect(s.mapping).toEqual(['clientKey', 'date', 'product', 'quantity', 'netValue', null]);
    expect(missingTargets(s.mapping)).toEqual([]);
  });

  it('keeps the mapping when other options leave the columns as they were, resets it when not', async () => {
    const { api, store } = await uploaded();
    store.getState().setTarget(5, 'invoiceNo');
    api.handle('orders:upload', () => orderUpload({ uploadId: 'up-2', encoding: 'utf-8' }));
    await store.getState().setOptions({ encoding: 'utf-8' });
    expect(store.getState().mapping[5]).toBe('invoiceNo');
    expect((inputsOf(api, 'orders:upload')[1]!.options as { encoding: string }).encoding).toBe('utf-8');

    api.handle('orders:upload', () =>
      orderUpload({ uploadId: 'up-3', headers: ['A', 'B'], suggested: ['date', null] }),
    );
    await store.getState().setOptions({ headerRow: false });
    expect(store.getState().mapping).toEqual(['date', null]);
  });

  it('moves a target from the column that had it; names what is still missing', async () => {
    const { store } = await uploaded();
    store.getState().setTarget(5, 'date');
    expect(store.getState().mapping).toEqual(['clientKey', null, 'product', 'quantity', 'netValue', 'date']);
    store.getState().setTarget(0, null);
    expect(missingTargets(store.getState().mapping)).toEqual(['clientKey']);
  });

  it('a failed upload keeps the core’s error and no upload', async () => {
    const { store } = await uploaded({
      'orders:upload': () => {
        throw new AppError('validation', 'empty', { key: 'errors.import_empty' });
      },
    });
    expect(store.getState().uploadStatus).toBe('failed');
    expect(store.getState().upload).toBeNull();
    expect((store.getState().uploadError as ApiError).data.key).toBe('errors.import_empty');
  });
});

describe('orders import store: presets', () => {
  it('applies a preset by header names and saves the mapping by header and position', async () => {
    const { api, store } = await uploaded({
      'orderPresets:list': () => [orderPreset()],
      'orderPresets:save': (input) => ({ id: 'pr-2', ...input }),
      'orderPresets:delete': ({ id }) => ({ id }),
    });
    await store.getState().loadPresets();
    // The file's columns in another order: the preset follows the names.
    api.handle('orders:upload', () =>
      orderUpload({
        uploadId: 'up-2',
        headers: ['Netto', 'Towar', 'Data', 'Kontrahent', 'Ilość', 'Nr faktury'],
        suggested: [null, null, null, null, null, null],
      }),
    );
    await store.getState().chooseFile('inny.csv', 'QUJD');
    store.getState().applyPreset('pr-1');
    expect(store.getState().mapping).toEqual([
      'netValue',
      'product',
      'date',
      'clientKey',
      'quantity',
      'invoiceNo',
    ]);
    expect(store.getState().presetId).toBe('pr-1');

    store.getState().setTarget(5, null);
    expect(store.getState().presetId).toBeNull();
    expect(await store.getState().savePreset('Bez faktur')).toBe(true);
    expect(inputsOf(api, 'orderPresets:save')[0]).toEqual({
      name: 'Bez faktur',
      columns: [
        { header: 'Netto', index: 0, target: 'netValue' },
        { header: 'Towar', index: 1, target: 'product' },
        { header: 'Data', index: 2, target: 'date' },
        { header: 'Kontrahent', index: 3, target: 'clientKey' },
        { header: 'Ilość', index: 4, target: 'quantity' },
      ],
    });
    expect(store.getState().presets.map((p) => p.name)).toEqual(['Bez faktur', 'Eksport Subiekt']);
    expect(store.getState().presetId).toBe('pr-2');
  });

  it('keeps a refused save’s error for the dialog', async () => {
    const { store } = await uploaded({
      'orderPresets:save': () => {
        throw new AppError('conflict', 'taken', { key: 'errors.unique' });
      },
    });
    expect(await store.getState().savePreset('X')).toBe(false);
    expect((store.getState().presetActionError as ApiError).data.key).toBe('errors.unique');
  });
});

describe('orders import store: dry run, commit, history, revert', () => {
  it('runs the dry run with a job id, follows its progress, and allows the commit only for what was checked', async () => {
    const gate = deferred<ReturnType<typeof orderSummary>>();
    const { api, store } = await uploaded({ 'orders:dryRun': () => gate.promise });
    const running = store.getState().dryRunNow();
    await Promise.resolve();
    expect(store.getState().progress).toEqual({ kind: 'dryRun', jobId: 'job-1', done: 0, total: 40 });
    api.emit('job:progress', { jobId: 'other', done: 30, total: 40 });
    api.emit('job:progress', { jobId: 'job-1', done: 10, total: 40 });
    // Not connected yet: the screen connects on mount.
    expect(store.getState().progress?.done).toBe(0);
    const off = store.getState().connect();
    api.emit('job:progress', { jobId: 'other', done: 30, total: 40 });
    api.emit('job:progress', { jobId: 'job-1', done: 10, total: 40 });
    expect(store.getState().progress?.done).toBe(10);
    gate.resolve(orderSummary());
    expect(await running).toBe(true);
    off();

    expect(inputsOf(api, 'orders:dryRun')[0]).toEqual({
      uploadId: 'up-1',
      mapping: ['clientKey', 'date', 'product', 'quantity', 'netValue', null],
      jobId: 'job-1',
    });
    expect(store.getState().progress).toBeNull();
    expect(canCommit(store.getState())).toBe(true);

    // A changed mapping makes the check stale: no commit until it is run again.
    store.getState().setTarget(5, 'invoiceNo');
    expect(isStale(store.getState())).toBe(true);
    expect(canCommit(store.getState())).toBe(false);
    expect(await store.getState().commit()).toBe(false);
    expect(inputsOf(api, 'orders:commit')).toEqual([]);
  });

  it('does not allow a commit when the check found no new lines', async () => {
    const { store } = await uploaded({
      'orders:dryRun': () => orderSummary({ counts: { new: 0, already: 38, error: 2 } }),
    });
    await store.getState().dryRunNow();
    expect(canCommit(store.getState())).toBe(false);
  });

  it('commits the checked upload and mapping once, then lists the history', async () => {
    const history = [importRecord()];
    const { api, store } = await uploaded({
      'orders:dryRun': () => orderSummary(),
      'orders:commit': () => ({ import: importRecord(), summary: orderSummary() }),
      'orders:imports': () => history,
    });
    await store.getState().dryRunNow();
    expect(await store.getState().commit()).toBe(true);
    expect(inputsOf(api, 'orders:commit')).toEqual([
      {
        uploadId: 'up-1',
        mapping: ['clientKey', 'date', 'product', 'quantity', 'netValue', null],
        jobId: 'job-2',
      },
    ]);
    expect(store.getState().result?.import.id).toBe('imp-1');
    // The dry run is spent: a second press sends nothing.
    expect(await store.getState().commit()).toBe(false);
    expect(inputsOf(api, 'orders:commit')).toHaveLength(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().history).toEqual(history);
  });

  it('keeps a refused commit’s error, the dry run stays for another try', async () => {
    const { store } = await uploaded({
      'orders:dryRun': () => orderSummary(),
      'orders:commit': () => {
        throw new AppError('conflict', 'busy', { key: 'errors.import_in_progress' });
      },
    });
    await store.getState().dryRunNow();
    expect(await store.getState().commit()).toBe(false);
    expect((store.getState().commitError as ApiError).data.key).toBe('errors.import_in_progress');
    expect(store.getState().result).toBeNull();
    expect(canCommit(store.getState())).toBe(true);
  });

  it('reverts an import, shows how many lines went, and marks it in the history', async () => {
    const reverted = importRecord('imp-1', {
      revertedAt: '2026-11-23T09:00:00.000Z',
      revertedBy: 'op-1',
      revertable: false,
    });
    const { api, store } = await uploaded({
      'orders:imports': () => [importRecord()],
      'orders:revert': () => ({ import: reverted, removed: 36 }),
    });
    await store.getState().loadHistory();
    api.handle('orders:imports', () => [reverted]);
    expect(await store.getState().revert('imp-1')).toBe(true);
    expect(inputsOf(api, 'orders:revert')).toEqual([{ id: 'imp-1' }]);
    expect(store.getState().revertResult?.removed).toBe(36);
    expect(store.getState().history[0]?.revertedAt).toBe('2026-11-23T09:00:00.000Z');
    expect(store.getState().reverting).toBeNull();
  });

  it('keeps a refused revert’s error and the history as it was', async () => {
    const { store } = await uploaded({
      'orders:imports': () => [importRecord()],
      'orders:revert': () => {
        throw new AppError('conflict', 'already', { key: 'errors.import_reverted_already' });
      },
    });
    await store.getState().loadHistory();
    expect(await store.getState().revert('imp-1')).toBe(false);
    expect((store.getState().revertError as ApiError).data.key).toBe('errors.import_reverted_already');
    expect(store.getState().history[0]?.revertedAt).toBeNull();
  });
});
