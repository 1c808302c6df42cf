import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/contract/errors';
import type {
  ImportPreset,
  ImportRecordOut,
  ImportSummary,
  ImportUpload,
} from '../../../../../shared/contract/imports.schema';
import { createFakeApi } from '../../../api/fake-api';
import type { FakeApi } from '../../../api/fake-api';
import { bytesToBase64 } from './file-base64';
import { canCommit, createImportStore, mappingFromPreset, rowsToImport } from './import.store';

const upload = (over: Partial<ImportUpload> = {}): ImportUpload => ({
  uploadId: 'u1',
  fileName: 'klienci.csv',
  format: 'csv',
  encoding: 'windows-1250',
  delimiter: ';',
  sheets: [],
  sheet: null,
  headers: ['Kod', 'Nazwa', 'Miasto', 'Telefon'],
  sample: [['K1', 'Sklep Łąka', 'Łódź', '600 100 200']],
  rowCount: 40,
  suggested: ['externalCode', 'name', 'city', null],
  ...over,
});

const summary = (over: Partial<ImportSummary['counts']> = {}): ImportSummary => ({
  counts: { new: 30, updated: 5, unchanged: 1, duplicate: 2, error: 2, ...over },
  rows: [
    {
      row: 7,
      outcome: 'error',
      name: 'Sklep X',
      clientId: null,
      issues: [{ field: 'taxId', key: 'validation.tax_id_checksum', value: '123' }],
      suspects: [],
      changes: [],
    },
  ],
  contacts: { new: 3, updated: 0 },
});

const record = (id: string, over: Partial<ImportRecordOut> = {}): ImportRecordOut => ({
  id,
  at: '2026-11-23T08:00:00.000Z',
  by: 'user-1',
  fileName: 'klienci.csv',
  counts: { new: 30, updated: 5, unchanged: 1, duplicate: 0, error: 2 },
  contacts: { new: 3, updated: 0 },
  revertedAt: null,
  revertedBy: null,
  revertable: true,
  ...over,
});

/** A promise the test resolves when it wants: the core still working. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const lastInput = (api: FakeApi, command: string) =>
  [...api.calls].reverse().find((c) => c.command === command)?.input as Record<string, unknown>;

async function uploaded(api: FakeApi) {
  let jobs = 0;
  const store = createImportStore(api, () => `job-${++jobs}`);
  await store.getState().chooseFile('klienci.csv', 'QUJD');
  return store;
}

describe('import store: the file', () => {
  it('uploads the bytes with the default options and starts from the suggested mapping', async () => {
    const api = createFakeApi({ 'imports:upload': () => upload() });
    const store = await uploaded(api);
    const s = store.getState();
    expect(lastInput(api, 'imports:upload')).toEqual({
      fileName: 'klienci.csv',
      data: 'QUJD',
      options: { encoding: 'auto', delimiter: 'auto', headerRow: true },
    });
    expect(s.uploadStatus).toBe('ready');
    expect(s.mapping).toEqual(['externalCode', 'name', 'city', null]);
  });

  it('re-uploads the same bytes with other options; same columns keep the edited mapping', async () => {
    const api = createFakeApi({ 'imports:upload': () => upload() });
    const store = await uploaded(api);
    store.getState().setTarget(3, 'phone');
    api.handle('imports:upload', () => upload({ uploadId: 'u2', encoding: 'utf-8' }));
    await store.getState().setOptions({ encoding: 'utf-8', delimiter: ';' });
    expect(lastInput(api, 'imports:upload')).toMatchObject({
      data: 'QUJD',
      options: { encoding: 'utf-8', delimiter: ';', headerRow: true },
    });
    expect(store.getState().upload?.uploadId).toBe('u2');
    expect(store.getState().mapping).toEqual(['externalCode', 'name', 'city', 'phone']);

    // No header row: other columns, so the core's suggestion again.
    api.handle('imports:upload', () =>
      upload({ uploadId: 'u3', headers: ['', '', '', ''], suggested: [null, null, null, null] }),
    );
    await store.getState().setOptions({ headerRow: false });
    expect(store.getState().mapping).toEqual([null, null, null, null]);
  });

  it('asks for the chosen sheet of a workbook', async () => {
    const api = createFakeApi({
      'imports:upload': () => upload({ format: 'xlsx', sheets: ['Klienci', 'Kontakty'], sheet: 'Klienci' }),
    });
    const store = await uploaded(api);
    await store.getState().setOptions({ sheet: 'Kontakty' });
    expect(lastInput(api, 'imports:upload')).toMatchObject({ options: { sheet: 'Kontakty' } });
  });

  it('keeps why a file was refused', async () => {
    const api = createFakeApi({
      'imports:upload': () => {
        throw new AppError('validation', 'Not a CSV', { key: 'errors.import_unreadable' });
      },
    });
    const store = await uploaded(api);
    const s = store.getState();
    expect(s.uploadStatus).toBe('failed');
    expect(s.uploadError).toMatchObject({ key: 'errors.import_unreadable' });
    expect(s.upload).toBeNull();
  });

  it('converts large files to base64 in chunks without breaking the encoding', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array([1, 2]))).toBe('AQI=');
  });
});

describe('import store: the mapping', () => {
  it('maps a target onto one column only', async () => {
    const store = await uploaded(createFakeApi({ 'imports:upload': () => upload() }));
    store.getState().setTarget(3, 'name');
    expect(store.getState().mapping).toEqual(['externalCode', null, 'city', 'name']);
    store.getState().setTarget(0, null);
    expect(store.getState().mapping).toEqual([null, null, 'city', 'name']);
  });

  it('applies a preset by the folded column name first, then by position', () => {
    const preset: ImportPreset = {
      id: 'p1',
      name: 'Hurtownia',
      columns: [
        { header: 'MIASTO ', index: 0, target: 'city' },
        { header: 'Nazwa  firmy', index: 1, target: 'name' },
        { header: 'Brak w pliku', index: 3, target: 'phone' },
        { header: 'Też brak', index: 2, target: 'email' },
      ],
    };
    // 'Miasto' is the third column here: found by name, not by its saved position.
    expect(mappingFromPreset(preset, ['Kod', 'nazwa firmy', 'Miasto', 'Tel.'])).toEqual([
      null,
      'name',
      'city',
      'phone',
    ]);
    // Without a header row, positions alone.
    expect(mappingFromPreset(preset, ['', '', '', ''])).toEqual(['city', 'name', 'email', 'phone']);
    // Diacritics and case do not matter.
    expect(mappingFromPreset(preset, ['NÁZWA FIRMY'.replace('Á', 'A'), 'miasto'])).toEqual(['name', 'city']);
  });

  it('loads, applies, saves and deletes presets', async () => {
    const saved: ImportPreset = {
      id: 'p2',
      name: 'Mój',
      columns: [{ header: 'Telefon', index: 0, target: 'phone' }],
    };
    const api = createFakeApi({
      'imports:upload': () => upload(),
      'importPresets:list': () => [saved],
      'importPresets:save': (i) => ({ id: 'p3', ...i }),
      'importPresets:delete': (i) => i,
    });
    const store = await uploaded(api);
    await store.getState().loadPresets();
    store.getState().applyPreset('p2');
    expect(store.getState().mapping).toEqual([null, null, null, 'phone']);
    expect(store.getState().presetId).toBe('p2');
    store.getState().setTarget(1, 'name');
    expect(store.getState().presetId).toBeNull();

    expect(await store.getState().savePreset('Hurtownia')).toBe(true);
    expect(lastInput(api, 'importPresets:save')).toEqual({
      name: 'Hurtownia',
      columns: [
        { header: 'Nazwa', index: 1, target: 'name' },
        { header: 'Telefon', index: 3, target: 'phone' },
      ],
    });
    expect(store.getState().presets.map((p) => p.id)).toEqual(['p3', 'p2']);
    expect(store.getState().presetId).toBe('p3');

    expect(await store.getState().deletePreset('p3')).toBe(true);
    expect(store.getState().presets.map((p) => p.id)).toEqual(['p2']);
    expect(store.getState().presetId).toBeNull();
  });

  it('keeps why a preset was not saved', async () => {
    const api = createFakeApi({
      'imports:upload': () => upload(),
      'importPresets:save': () => {
        throw new AppError('conflict', 'Exists', { key: 'errors.preset_name_taken' });
      },
    });
    const store = await uploaded(api);
    expect(await store.getState().savePreset('X')).toBe(false);
    expect(store.getState().presetActionError).toMatchObject({ key: 'errors.preset_name_taken' });
    expect(store.getState().presetsError).toBeNull();
  });
});

describe('import store: dry run, commit, revert', () => {
  it('needs a dry run of the current mapping before the commit', async () => {
    const api = createFakeApi({ 'imports:upload': () => upload(), 'imports:dryRun': () => summary() });
    const store = await uploaded(api);
    expect(canCommit(store.getState())).toBe(false);
    expect(await store.getState().dryRunNow()).toBe(true);
    expect(lastInput(api, 'imports:dryRun')).toEqual({
      uploadId: 'u1',
      mapping: ['externalCode', 'name', 'city', null],
      duplicates: 'skip',
      jobId: 'job-1',
    });
    expect(canCommit(store.getState())).toBe(true);
    expect(rowsToImport(store.getState().dryRun!, 'skip')).toBe(35);
    expect(rowsToImport(store.getState().dryRun!, 'import')).toBe(37);

    // Another mapping: the dry run shown no longer says what would happen.
    store.getState().setTarget(3, 'phone');
    expect(canCommit(store.getState())).toBe(false);
    store.getState().setTarget(3, null);
    expect(canCommit(store.getState())).toBe(true);
  });

  it('shows the progress of its own run only, and commits once', async () => {
    const run = deferred<ImportSummary>();
    const api = createFakeApi({ 'imports:upload': () => upload(), 'imports:dryRun': () => run.promise });
    const store = await uploaded(api);
    const off = store.getState().connect();
    const dry = store.getState().dryRunNow();
    expect(store.getState().progress).toEqual({ kind: 'dryRun', jobId: 'job-1', done: 0, total: 40 });
    expect(canCommit(store.getState())).toBe(false);
    api.emit('job:progress', { jobId: 'other', done: 5, total: 9 });
    api.emit('job:progress', { jobId: 'job-1', done: 20, total: 40 });
    expect(store.getState().progress).toMatchObject({ done: 20, total: 40 });
    run.resolve(summary());
    await dry;
    expect(store.getState().progress).toBeNull();

    const commit = deferred<{ import: ImportRecordOut; summary: ImportSummary }>();
    api.handle('imports:commit', () => commit.promise);
    api.handle('imports:list', () => [record('i1')]);
    store.getState().setDuplicates('import');
    const committing = store.getState().commit();
    expect(lastInput(api, 'imports:commit')).toMatchObject({ duplicates: 'import', jobId: 'job-2' });
    api.emit('job:progress', { jobId: 'job-2', done: 10, total: 40 });
    expect(store.getState().progress).toEqual({ kind: 'commit', jobId: 'job-2', done: 10, total: 40 });
    // A second press while it runs sends nothing.
    expect(await store.getState().commit()).toBe(false);
    commit.resolve({ import: record('i1'), summary: summary() });
    expect(await committing).toBe(true);
    const s = store.getState();
    expect(s.result?.import.id).toBe('i1');
    expect(s.progress).toBeNull();
    expect(canCommit(s)).toBe(false);
    expect(api.calls.filter((c) => c.command === 'imports:commit')).toHaveLength(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().history.map((h) => h.id)).toEqual(['i1']);

    off();
    expect(api.listenerCount('job:progress')).toBe(0);
  });

  it('keeps why a dry run or a commit failed, and the commit stays possible after a failure', async () => {
    const api = createFakeApi({
      'imports:upload': () => upload(),
      'imports:dryRun': () => {
        throw new AppError('not_found', 'Gone', { key: 'errors.import_upload_expired' });
      },
    });
    const store = await uploaded(api);
    expect(await store.getState().dryRunNow()).toBe(false);
    expect(store.getState().dryRunError).toMatchObject({ key: 'errors.import_upload_expired' });
    expect(store.getState().progress).toBeNull();

    api.handle('imports:dryRun', () => summary());
    await store.getState().dryRunNow();
    expect(store.getState().dryRunError).toBeNull();
    api.handle('imports:commit', () => {
      throw new AppError('validation', 'Rows changed', { key: 'errors.import_rows_invalid' });
    });
    expect(await store.getState().commit()).toBe(false);
    expect(store.getState().commitError).toMatchObject({ key: 'errors.import_rows_invalid' });
    expect(canCommit(store.getState())).toBe(true);
  });

  it('reverts an import and shows what was restored and what kept its newer value', async () => {
    const reverted = record('i1', {
      revertable: false,
      revertedAt: '2026-11-23T09:00:00.000Z',
      revertedBy: 'u',
    });
    const api = createFakeApi({
      'imports:list': () => [record('i1'), record('i0', { revertable: false })],
      'imports:revert': () => ({
        import: reverted,
        restored: 12,
        removed: 30,
        kept: [
          {
            entity: 'clients',
            id: 'c1',
            name: 'Sklep X',
            field: 'phone',
            imported: '+48 600 100 200',
            current: '+48 601 000 000',
          },
        ],
      }),
    });
    const store = createImportStore(api);
    await store.getState().loadHistory();
    expect(store.getState().historyStatus).toBe('ready');
    expect(await store.getState().revert('i1')).toBe(true);
    const s = store.getState();
    expect(lastInput(api, 'imports:revert')).toEqual({ id: 'i1' });
    expect(s.revertResult?.kept).toHaveLength(1);
    expect(s.history[0]).toMatchObject({ id: 'i1', revertable: false });
    expect(s.reverting).toBeNull();
  });

  it('keeps why a revert or the history failed', async () => {
    const api = createFakeApi({
      'imports:list': () => {
        throw new AppError('forbidden', 'No');
      },
      'imports:revert': () => {
        throw new AppError('conflict', 'Not the newest', { key: 'errors.import_not_revertable' });
      },
    });
    const store = createImportStore(api);
    await store.getState().loadHistory();
    expect(store.getState().historyStatus).toBe('failed');
    expect(store.getState().historyError).toMatchObject({ code: 'forbidden' });
    expect(await store.getState().revert('i1')).toBe(false);
    expect(store.getState().revertError).toMatchObject({ key: 'errors.import_not_revertable' });
    expect(store.getState().reverting).toBeNull();
  });
});
