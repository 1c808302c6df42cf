import { describe, expect, it } from 'vitest';
import type { DuplicatePair, DuplicateScanResult } from '../../../../../shared/contract/clients.schema';
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
    expect(api.calls[0]).toEqual({ command: 'duplicates:scan', input: { limit: SCAN_LIMIT } });
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
});
