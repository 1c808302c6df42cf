import { describe, expect, it } from 'vitest';
import type {
  DuplicatePair,
  DuplicateScanResult,
  MergeOut,
} from '../../../../../shared/contract/clients.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import { createDuplicatesStore, pairKey, SCAN_LIMIT } from './duplicates.store';

const client = (id: string, name = `Sklep ${id}`) => ({
  id,
  name,
  city: 'Łódź',
  street: 'Piotrkowska 1',
  taxId: null,
});
const pair = (a: string, b: string, score = 1): DuplicatePair => ({
  a: client(a),
  b: client(b),
  reasons: ['tax_id'],
  score,
});
const result = (pairs: DuplicatePair[], dismissed = 0): DuplicateScanResult => ({
  pairs,
  total: pairs.length,
  dismissed,
});

/** A promise the test resolves when it wants: the core still scanning. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('duplicates store', () => {
  it('scans with the largest limit and shows the pairs and counts', async () => {
    const api = createFakeApi({ 'duplicates:scan': () => result([pair('a', 'b'), pair('c', 'd')], 3) });
    const store = createDuplicatesStore(api, () => 1000);
    const running = store.getState().scan();
    expect(store.getState().status).toBe('scanning');
    expect(store.getState().startedAt).toBe(1000);
    await running;
    const s = store.getState();
    expect(api.calls[0]?.command).toBe('duplicates:scan');
    const input = api.calls[0]?.input as { limit: number; jobId: string };
    expect(input.limit).toBe(SCAN_LIMIT);
    expect(input.jobId).toMatch(/^dup-scan-/);
    expect(s.status).toBe('ready');
    expect(s.startedAt).toBeNull();
    expect(s.pairs).toHaveLength(2);
    expect(s.total).toBe(2);
    expect(s.dismissed).toBe(3);
  });

  it('ignores the answer of a cancelled scan', async () => {
    const late = deferred<DuplicateScanResult>();
    const api = createFakeApi({ 'duplicates:scan': () => late.promise });
    const store = createDuplicatesStore(api);
    const running = store.getState().scan();
    store.getState().cancel();
    expect(store.getState().status).toBe('idle');
    late.resolve(result([pair('a', 'b')]));
    await running;
    expect(store.getState().status).toBe('idle');
    expect(store.getState().pairs).toEqual([]);
  });

  it('keeps only the answer of the latest scan', async () => {
    const first = deferred<DuplicateScanResult>();
    const answers = [first.promise, Promise.resolve(result([pair('c', 'd')]))];
    const api = createFakeApi({ 'duplicates:scan': () => answers.shift()! });
    const store = createDuplicatesStore(api);
    const one = store.getState().scan();
    store.getState().cancel();
    await store.getState().scan();
    first.resolve(result([pair('a', 'b')]));
    await one;
    expect(store.getState().pairs.map((p) => p.a.id)).toEqual(['c']);
  });

  it('shows why a scan failed', async () => {
    const api = createFakeApi({
      'duplicates:scan': () => {
        throw new AppError('forbidden', 'No');
      },
    });
    const store = createDuplicatesStore(api);
    await store.getState().scan();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toBeTruthy();
  });

  it('dismisses a pair for good and takes it off the list', async () => {
    const api = createFakeApi({
      'duplicates:scan': () => result([pair('a', 'b'), pair('c', 'd')], 1),
      'duplicates:dismiss': ({ a, b }) => ({ pairKey: pairKey(a, b) }),
    });
    const store = createDuplicatesStore(api);
    await store.getState().scan();
    expect(await store.getState().dismiss('a', 'b')).toBe(true);
    const s = store.getState();
    expect(api.calls.at(-1)).toEqual({ command: 'duplicates:dismiss', input: { a: 'a', b: 'b' } });
    expect(s.pairs.map((p) => p.a.id)).toEqual(['c']);
    expect(s.total).toBe(1);
    expect(s.dismissed).toBe(2);
    expect(s.busy).toEqual({});
  });

  it('keeps the pair and the reason when the core refuses the dismissal', async () => {
    const api = createFakeApi({
      'duplicates:scan': () => result([pair('a', 'b')]),
      'duplicates:dismiss': () => {
        throw new AppError('forbidden', 'No');
      },
    });
    const store = createDuplicatesStore(api);
    await store.getState().scan();
    expect(await store.getState().dismiss('a', 'b')).toBe(false);
    const s = store.getState();
    expect(s.pairs).toHaveLength(1);
    expect(s.pairErrors[pairKey('a', 'b')]).toBeTruthy();
    expect(s.busy).toEqual({});
  });

  it('follows the progress events of its own scan only, and stops listening when it ends', async () => {
    const late = deferred<DuplicateScanResult>();
    const api = createFakeApi({ 'duplicates:scan': () => late.promise });
    const store = createDuplicatesStore(api);
    const running = store.getState().scan();
    await Promise.resolve();
    const { jobId } = api.calls[0]!.input as { jobId: string };
    expect(jobId).toBeTruthy();
    expect(store.getState().progress).toBe(0);

    api.emit('job:progress', { jobId, done: 250, total: 1000 });
    expect(store.getState().progress).toBe(0.25);
    api.emit('job:progress', { jobId: 'someone-else', done: 900, total: 1000 });
    expect(store.getState().progress).toBe(0.25);
    // A late, out-of-order event does not move the bar back.
    api.emit('job:progress', { jobId, done: 100, total: 1000 });
    expect(store.getState().progress).toBe(0.25);
    api.emit('job:progress', { jobId, done: 1000, total: 1000 });
    expect(store.getState().progress).toBe(1);

    late.resolve(result([pair('a', 'b')]));
    await running;
    expect(api.listenerCount('job:progress')).toBe(0);
  });

  it('names every scan afresh and drops the cancelled scan’s progress', async () => {
    const first = deferred<DuplicateScanResult>();
    const second = deferred<DuplicateScanResult>();
    const answers = [first.promise, second.promise];
    const api = createFakeApi({ 'duplicates:scan': () => answers.shift()! });
    const store = createDuplicatesStore(api);
    const one = store.getState().scan();
    await Promise.resolve();
    const firstJob = (api.calls[0]!.input as { jobId: string }).jobId;
    api.emit('job:progress', { jobId: firstJob, done: 1, total: 2 });
    store.getState().cancel();
    expect(api.listenerCount('job:progress')).toBe(0);

    const two = store.getState().scan();
    await Promise.resolve();
    const secondJob = (api.calls[1]!.input as { jobId: string }).jobId;
    expect(secondJob).not.toBe(firstJob);
    expect(store.getState().progress).toBe(0);
    api.emit('job:progress', { jobId: firstJob, done: 2, total: 2 });
    expect(store.getState().progress).toBe(0);
    api.emit('job:progress', { jobId: secondJob, done: 1, total: 4 });
    expect(store.getState().progress).toBe(0.25);

    second.resolve(result([]));
    first.resolve(result([pair('a', 'b')]));
    await Promise.all([one, two]);
    expect(api.listenerCount('job:progress')).toBe(0);
  });

  it('stops listening for progress when the scan fails', async () => {
    const api = createFakeApi({
      'duplicates:scan': () => {
        throw new AppError('forbidden', 'No');
      },
    });
    const store = createDuplicatesStore(api);
    await store.getState().scan();
    expect(api.listenerCount('job:progress')).toBe(0);
  });

  const mergeOut = (survivorId: string, mergedId: string): MergeOut => ({
    id: 'm1',
    at: '2026-11-23T09:00:00.000Z',
    by: 'op1',
    survivorId,
    mergedId,
    survivorName: `Sklep ${survivorId}`,
    mergedName: `Sklep ${mergedId}`,
    take: ['phone'],
    moved: { contacts: 2 },
    undoneAt: null,
    undoneBy: null,
  });

  it('drops every pair with the merged client after a merge and brings them back on undo', async () => {
    const api = createFakeApi({
      'duplicates:scan': () =>
        result([pair('a', 'b', 1), pair('c', 'd', 0.95), pair('b', 'e', 0.9), pair('f', 'g', 0.8)], 2),
      'merges:undo': ({ id }) => ({
        merge: { ...mergeOut('a', 'b'), id, undoneAt: '2026-11-23T09:05:00.000Z', undoneBy: 'op1' },
        kept: [],
      }),
    });
    const store = createDuplicatesStore(api);
    await store.getState().scan();

    store.getState().merged(mergeOut('a', 'b'));
    let s = store.getState();
    expect(s.pairs.map((p) => `${p.a.id}${p.b.id}`)).toEqual(['cd', 'fg']);
    expect(s.total).toBe(2);
    expect(s.dismissed).toBe(2);
    expect(s.lastMerge?.merge.id).toBe('m1');

    const undone = await store.getState().undoMerge();
    expect(undone?.merge.undoneAt).toBeTruthy();
    expect(api.calls.at(-1)).toEqual({ command: 'merges:undo', input: { id: 'm1' } });
    s = store.getState();
    expect(s.lastMerge).toBeNull();
    expect(s.undoing).toBe(false);
    // Back in the scan's order: strongest first.
    expect(s.pairs.map((p) => `${p.a.id}${p.b.id}`)).toEqual(['ab', 'cd', 'be', 'fg']);
    expect(s.total).toBe(4);
  });

  it('keeps the merge undoable when the core refuses the undo', async () => {
    const api = createFakeApi({
      'duplicates:scan': () => result([pair('a', 'b'), pair('c', 'd')]),
      'merges:undo': () => {
        throw new AppError('conflict', 'No', { key: 'errors.conflict' });
      },
    });
    const store = createDuplicatesStore(api);
    await store.getState().scan();
    store.getState().merged(mergeOut('a', 'b'));
    await expect(store.getState().undoMerge()).rejects.toThrow();
    const s = store.getState();
    expect(s.lastMerge?.merge.id).toBe('m1');
    expect(s.undoing).toBe(false);
    expect(s.pairs.map((p) => p.a.id)).toEqual(['c']);
  });
});
