import { describe, expect, it } from 'vitest';
import type { ParsedInput } from '../../../../../shared/contract/commands';
import type { BulkUpdateResult, ClientCard, ClientRow } from '../../../../../shared/contract/clients.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import {
  bulkLines,
  gridAction,
  hasFilters,
  idsInput,
  loadedSelection,
  PAGE_SIZE,
  pagesCovering,
  rowAt,
  screenShortcut,
} from './client-list.selectors';
import { createClientListStore } from './client-list.store';

// ---- a tiny core: N clients, the filters the store sends, answers on demand ----

function client(i: number, over: Partial<ClientRow> = {}): ClientRow {
  return {
    id: `c${String(i).padStart(5, '0')}`,
    name: `Sklep ${String(i).padStart(5, '0')}`,
    taxId: null,
    externalCode: `X${i}`,
    city: i % 2 ? 'Łódź' : 'Brno',
    postalCode: '90-001',
    country: 'PL',
    repId: i % 3 === 0 ? null : 'rep-1',
    segmentId: null,
    status: 'active',
    parentId: null,
    phone: null,
    email: null,
    flags: [],
    ...over,
  };
}

type ListIn = ParsedInput<'clients:list'>;

function fakeCore(count: number) {
  let rows = Array.from({ length: count }, (_, i) => client(i));
  /** When set, list answers wait until released (to answer out of order). */
  const held: { input: ListIn; release: () => void }[] = [];
  let hold = false;
  const match = (i: Omit<ListIn, 'offset' | 'limit' | 'sort' | 'dir'>) =>
    rows.filter(
      (r) =>
        (!i.query || r.name.toLowerCase().includes(i.query.toLowerCase())) &&
        (i.repId === undefined || r.repId === i.repId) &&
        (!i.status || r.status === i.status) &&
        (!i.parentId || r.parentId === i.parentId || r.id === i.parentId),
    );
  const api = createFakeApi({
    'clients:list': async (input) => {
      if (hold) await new Promise<void>((release) => held.push({ input, release }));
      const hits = match(input);
      if (input.dir === 'desc') hits.reverse();
      return { rows: hits.slice(input.offset, input.offset + input.limit), total: hits.length };
    },
    'clients:listIds': (input) => ({ ids: match(input).map((r) => r.id) }),
    'clients:get': ({ id }) => {
      const r = rows.find((x) => x.id === id);
      if (!r) throw new AppError('not_found', 'gone', { key: 'errors.client_not_found' });
      return { client: { ...r, address: { city: r.city } } } as unknown as ClientCard;
    },
    'clients:bulkUpdate': ({ ids, patch, dryRun }) => {
      const chosen = rows.filter((r) => ids.includes(r.id));
      const changes = new Map<string, BulkUpdateResult['changes'][number]>();
      let changed = 0;
      for (const r of chosen) {
        let moves = false;
        if (patch.repId !== undefined && r.repId !== patch.repId) {
          moves = true;
          const key = `repId:${r.repId}`;
          const c = changes.get(key) ?? { field: 'repId', from: r.repId, to: patch.repId, count: 0 };
          c.count++;
          changes.set(key, c);
        }
        if (moves) changed++;
      }
      if (!dryRun)
        rows = rows.map((r) =>
          ids.includes(r.id) && patch.repId !== undefined ? { ...r, repId: patch.repId } : r,
        );
      return {
        selected: chosen.length,
        changed,
        unchanged: chosen.length - changed,
        changes: [...changes.values()],
        applied: !dryRun,
      };
    },
  });
  const lists = () =>
    api.calls.filter((c) => c.command === 'clients:list').map((c) => c.input as Partial<ListIn>);
  return {
    api,
    lists,
    held,
    holdAnswers: (on: boolean) => (hold = on),
    setRows: (next: ClientRow[]) => (rows = next),
  };
}

/** Lets the fake's pending promises settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

async function loaded(count = 1000) {
  const core = fakeCore(count);
  const store = createClientListStore(core.api);
  store.getState().connect();
  const detach = store.getState().attach();
  await settle();
  return { core, store, detach };
}

describe('client list store: paging', () => {
  it('asks for the first page on attach, then the pages that cover what is on screen', async () => {
    const { core, store } = await loaded(1000);
    expect(core.lists()).toEqual([
      expect.objectContaining({ query: '', sort: 'name', dir: 'asc', offset: 0, limit: PAGE_SIZE }),
    ]);
    expect(store.getState()).toMatchObject({ status: 'ready', total: 1000 });
    expect(rowAt(store.getState().pages, 0)?.id).toBe('c00000');

    // Rows 390–420 straddle pages 1 and 2; asking twice at once still asks each page once.
    await Promise.all([store.getState().ensureRange(390, 420), store.getState().ensureRange(390, 420)]);
    expect(core.lists().map((l) => l.offset)).toEqual([0, 200, 400]);
    expect(rowAt(store.getState().pages, 410)?.id).toBe('c00410');

    // Cached pages are not asked for again; ranges past the end are clamped.
    await store.getState().ensureRange(0, 5000);
    expect(core.lists().map((l) => l.offset)).toEqual([0, 200, 400, 600, 800]);
    await store.getState().ensureRange(100, 700);
    expect(core.lists()).toHaveLength(5);
  });

  it('drops an answer to an older question (the generation guard)', async () => {
    const { core, store } = await loaded(1000);
    core.holdAnswers(true);
    store.getState().setFilters({ query: 'Sklep 0001' }); // 10 matches, answered late
    await settle();
    store.getState().setFilters({ query: 'Sklep 00012' }); // 1 match, answered first
    await settle();
    expect(core.held).toHaveLength(2);
    core.held[1]!.release();
    await settle();
    expect(store.getState().total).toBe(1);
    core.held[0]!.release();
    await settle();
    // The late answer to "Sklep 0001" did not overwrite the newer one.
    expect(store.getState().total).toBe(1);
    expect(rowAt(store.getState().pages, 0)?.id).toBe('c00012');
    expect(store.getState().pages.get(0)).toHaveLength(1);
  });

  it('drops the cache on a filter or sort change, keeping the old total until the answer', async () => {
    const { core, store } = await loaded(1000);
    await store.getState().ensureRange(0, 450);
    expect(store.getState().pages.size).toBe(3);
    store.getState().toggle('c00001');

    core.holdAnswers(true);
    store.getState().setFilters({ status: 'active', repId: null });
    expect(store.getState()).toMatchObject({ status: 'loading', total: 1000 });
    expect(store.getState().pages.size).toBe(0);
    // A selection made under other filters is dropped with them.
    expect(store.getState().selected.size).toBe(0);
    await settle();
    core.held[0]!.release();
    await settle();
    expect(core.lists().at(-1)).toMatchObject({ status: 'active', repId: null, offset: 0 });
    expect(store.getState()).toMatchObject({ status: 'ready', total: 334 });

    core.holdAnswers(false);
    store.getState().setSort({ sort: 'name', dir: 'desc' });
    await settle();
    expect(core.lists().at(-1)).toMatchObject({ sort: 'name', dir: 'desc', repId: null, offset: 0 });
    expect(rowAt(store.getState().pages, 0)?.id).toBe('c00999');

    store.getState().clearFilters();
    await settle();
    expect(core.lists().at(-1)).toEqual({
      query: '',
      sort: 'name',
      dir: 'desc',
      offset: 0,
      limit: PAGE_SIZE,
    });
    expect(store.getState().total).toBe(1000);
  });

  it('refetches only the rows on screen when clients change, the rest when scrolled to', async () => {
    const { core, store, detach } = await loaded(1000);
    await store.getState().ensureRange(0, 450);
    await store.getState().ensureRange(10, 40);
    const before = core.lists().length;

    core.setRows(
      Array.from({ length: 1000 }, (_, i) => client(i, { name: `Nowy ${String(i).padStart(5, '0')}` })),
    );
    core.api.emit('data:changed', { entities: ['visits'], seq: 1 });
    await settle();
    expect(core.lists()).toHaveLength(before);

    core.api.emit('data:changed', { entities: ['contacts'], seq: 2 });
    await settle();
    // Page 0 again; pages 1 and 2 stay (stale) until they are on screen.
    expect(
      core
        .lists()
        .slice(before)
        .map((l) => l.offset),
    ).toEqual([0]);
    expect(rowAt(store.getState().pages, 5)?.name).toBe('Nowy 00005');
    expect(rowAt(store.getState().pages, 300)?.name).toBe('Sklep 00300');
    await store.getState().ensureRange(290, 310);
    expect(rowAt(store.getState().pages, 300)?.name).toBe('Nowy 00300');

    // Not on screen: nothing is fetched until the list is shown again.
    detach();
    const hidden = core.lists().length;
    core.api.emit('data:changed', { entities: ['clients'], seq: 3 });
    await settle();
    expect(core.lists()).toHaveLength(hidden);
    store.getState().attach();
    await settle();
    expect(core.lists().length).toBeGreaterThan(hidden);
  });

  it('keeps the total in step when clients disappear, and retries after a failure', async () => {
    const { core, store } = await loaded(450);
    await store.getState().ensureRange(0, 449);
    expect(store.getState().pages.size).toBe(3);
    await store.getState().ensureRange(380, 420);
    core.setRows(Array.from({ length: 150 }, (_, i) => client(i)));
    await store.getState().refresh();
    expect(store.getState().total).toBe(150);
    // Pages past the new end are gone, not shown with rows that no longer exist.
    expect([...store.getState().pages.keys()]).toEqual([0]);

    core.api.handle('clients:list', () => {
      throw new AppError('internal', 'boom');
    });
    store.getState().setFilters({ query: 'x' });
    await settle();
    expect(store.getState().status).toBe('failed');
    core.api.handle('clients:list', () => ({ rows: [client(1)], total: 1 }));
    await store.getState().retry();
    expect(store.getState()).toMatchObject({ status: 'ready', total: 1, error: null });
  });

  it('shows the outlets of a chain, naming the parent from the cache or the core', async () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      client(i, i > 0 && i < 4 ? { parentId: 'c00000' } : {}),
    );
    const core = fakeCore(0);
    core.setRows(rows);
    const store = createClientListStore(core.api);
    store.getState().attach();
    await settle();

    store.getState().showOutletsOf('c00000');
    expect(store.getState().filters.parent).toEqual({ id: 'c00000', name: 'Sklep 00000' });
    await settle();
    expect(core.lists().at(-1)).toMatchObject({ parentId: 'c00000', query: '' });
    expect(store.getState().total).toBe(4);

    store.getState().reset();
    store.getState().showOutletsOf('c00000');
    expect(store.getState().filters.parent).toEqual({ id: 'c00000', name: null });
    await settle();
    expect(store.getState().filters.parent).toEqual({ id: 'c00000', name: 'Sklep 00000' });

    store.getState().showOutletsOf('c00009', 'Sieć Żabka');
    expect(store.getState().filters.parent).toEqual({ id: 'c00009', name: 'Sieć Żabka' });
    expect(hasFilters(store.getState().filters)).toBe(true);
  });

  it('forgets everything on reset', async () => {
    const { store } = await loaded(10);
    store.getState().toggle('c00001');
    store.getState().setFilters({ query: 'Sklep' });
    store.getState().reset();
    expect(store.getState()).toMatchObject({ status: 'idle', total: null, filters: { query: '' } });
    expect(store.getState().selected.size).toBe(0);
    expect(store.getState().pages.size).toBe(0);
  });
});

describe('client list store: selection and bulk edit', () => {
  it('selects every client matching the filters, not only the loaded ones', async () => {
    const { core, store } = await loaded(1000);
    store.getState().setFilters({ repId: null });
    await settle();
    await store.getState().selectAllMatching();
    expect(core.api.calls.at(-1)).toEqual({ command: 'clients:listIds', input: { query: '', repId: null } });
    expect(store.getState().selected.size).toBe(334);
    expect(store.getState().total).toBe(334);
    expect(loadedSelection(store.getState().pages, store.getState().selected)).toBe('all');

    // Filters changed while the ids were on their way: that answer is for filters no longer shown.
    store.getState().clearSelection();
    const pending = store.getState().selectAllMatching();
    store.getState().setFilters({ query: 'Sklep 0000' });
    await pending;
    expect(store.getState().selected.size).toBe(0);
    expect(store.getState().selectingAll).toBe(false);
  });

  it('reviews a change (dry run), then applies exactly what was reviewed', async () => {
    const { core, store } = await loaded(30);
    store.getState().setSelected(['c00001', 'c00002', 'c00003'], true);
    store.getState().setBulkChoice({ repId: 'rep-1' });
    // Nothing is applied without a review.
    expect(await store.getState().applyBulk()).toBeNull();
    expect(core.api.calls.some((c) => c.command === 'clients:bulkUpdate')).toBe(false);

    const review = await store.getState().reviewBulk();
    expect(core.api.calls.at(-1)).toEqual({
      command: 'clients:bulkUpdate',
      input: { ids: ['c00001', 'c00002', 'c00003'], patch: { repId: 'rep-1' }, dryRun: true },
    });
    // c00003 has no rep; the other two have rep-1 already.
    expect(review).toMatchObject({ selected: 3, changed: 1, unchanged: 2, applied: false });
    expect(review?.changes).toEqual([{ field: 'repId', from: null, to: 'rep-1', count: 1 }]);
    expect(store.getState().review).toBe(review);

    // A change of the selection or of the choice calls for a new review.
    store.getState().toggle('c00004');
    expect(store.getState().review).toBeNull();
    store.getState().toggle('c00004');
    await store.getState().reviewBulk();
    store.getState().setBulkChoice({ repId: 'rep-1', status: 'inactive' });
    expect(store.getState().review).toBeNull();
    store.getState().setBulkChoice({ repId: 'rep-1' });
    await store.getState().reviewBulk();

    const lists = core.lists().length;
    const result = await store.getState().applyBulk();
    expect(core.api.calls.find((c) => (c.input as { dryRun?: boolean }).dryRun === false)?.input).toEqual({
      ids: ['c00001', 'c00002', 'c00003'],
      patch: { repId: 'rep-1' },
      dryRun: false,
    });
    expect(result).toMatchObject({ changed: 1, applied: true });
    expect(store.getState()).toMatchObject({ review: null, bulkChoice: {}, bulkStatus: 'idle' });
    expect(store.getState().selected.size).toBe(0);
    await settle();
    // The filters stay; the rows on screen are fetched again.
    expect(core.lists().length).toBeGreaterThan(lists);
    expect(rowAt(store.getState().pages, 3)?.repId).toBe('rep-1');
  });

  it('keeps the selection and shows the error when the core refuses', async () => {
    const { core, store } = await loaded(10);
    store.getState().setSelected(['c00001'], true);
    store.getState().setBulkChoice({ status: 'inactive' });
    await store.getState().reviewBulk();
    core.api.handle('clients:bulkUpdate', () => {
      throw new AppError('forbidden', 'no', { key: 'errors.forbidden' });
    });
    expect(await store.getState().applyBulk()).toBeNull();
    expect(store.getState().bulkError).toBeTruthy();
    expect(store.getState().selected.has('c00001')).toBe(true);
    store.getState().resetBulk();
    expect(store.getState()).toMatchObject({ bulkError: null, review: null, bulkChoice: {} });
  });

  it('drops a review whose selection changed while the core counted', async () => {
    const { store } = await loaded(10);
    store.getState().setSelected(['c00001'], true);
    store.getState().setBulkChoice({ repId: null });
    const pending = store.getState().reviewBulk();
    store.getState().toggle('c00002');
    expect(await pending).toBeNull();
    expect(store.getState().review).toBeNull();
  });
});

describe('client list selectors', () => {
  it('send only the filters that are set', () => {
    expect(idsInput({ query: '  łódź ', city: ' ', parent: null })).toEqual({ query: 'łódź' });
    expect(
      idsInput({
        query: '',
        city: 'Brno',
        repId: null,
        status: 'inactive',
        parent: { id: 'p', name: null },
        quality: 'no_rep',
        segmentId: 's1',
      }),
    ).toEqual({
      query: '',
      city: 'Brno',
      repId: null,
      status: 'inactive',
      parentId: 'p',
      quality: 'no_rep',
      segmentId: 's1',
    });
    expect(hasFilters({ query: ' ', city: '', parent: null })).toBe(false);
    expect(hasFilters({ query: '', city: '', parent: null, repId: null })).toBe(true);
  });

  it('find the pages that cover a range', () => {
    expect(pagesCovering(0, 30, 0)).toEqual([]);
    expect(pagesCovering(0, 30, 10)).toEqual([0]);
    expect(pagesCovering(199, 200, 50_000)).toEqual([0, 1]);
    expect(pagesCovering(49_990, 50_020, 50_000)).toEqual([249]);
    expect(pagesCovering(900, 950, 300)).toEqual([1]);
  });

  it('map keys in the table to moves and actions', () => {
    const k = (
      key: string,
      mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean }> = {},
    ) => ({
      key,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      ...mods,
    });
    expect(gridAction(k('ArrowDown'), 0, 50_000, 12)).toEqual({ kind: 'move', index: 1 });
    expect(gridAction(k('ArrowUp'), 0, 50_000, 12)).toEqual({ kind: 'move', index: 0 });
    expect(gridAction(k('PageDown'), 5, 50_000, 12)).toEqual({ kind: 'move', index: 16 });
    expect(gridAction(k('PageUp'), 5, 50_000, 12)).toEqual({ kind: 'move', index: 0 });
    expect(gridAction(k('End'), 5, 50_000, 12)).toEqual({ kind: 'move', index: 49_999 });
    expect(gridAction(k('Home'), 5, 50_000, 12)).toEqual({ kind: 'move', index: 0 });
    expect(gridAction(k('Enter'), 5, 50_000, 12)).toEqual({ kind: 'open' });
    expect(gridAction(k(' '), 5, 50_000, 12)).toEqual({ kind: 'toggle' });
    expect(gridAction(k('p'), 5, 50_000, 12)).toEqual({ kind: 'parent' });
    expect(gridAction(k('ArrowDown', { altKey: true }), 5, 50_000, 12)).toBeNull();
    expect(gridAction(k('ArrowDown'), 0, 0, 12)).toBeNull();
  });

  it('take "/" and F3 for the search and Alt+N for a new client, never AltGr', () => {
    const e = (key: string, code: string, mods: Partial<Record<string, boolean>> = {}) => ({
      key,
      code,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      inTextField: false,
      ...mods,
    });
    expect(screenShortcut(e('/', 'Slash'))).toBe('search');
    expect(screenShortcut(e('/', 'Slash', { inTextField: true }))).toBeNull();
    expect(screenShortcut(e('F3', 'F3', { inTextField: true }))).toBe('search');
    expect(screenShortcut(e('n', 'KeyN', { altKey: true }))).toBe('new');
    expect(screenShortcut(e('ń', 'KeyN', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(screenShortcut(e('n', 'KeyN'))).toBeNull();
  });

  it('describe a dry run in names, biggest moves first', () => {
    const result: BulkUpdateResult = {
      selected: 20,
      changed: 15,
      unchanged: 5,
      applied: false,
      changes: [
        { field: 'status', from: 'active', to: 'inactive', count: 3 },
        { field: 'repId', from: 'r1', to: 'r2', count: 4 },
        { field: 'repId', from: null, to: 'r2', count: 11 },
        { field: 'segmentId', from: 's1', to: null, count: 0 },
      ],
    };
    const names = {
      rep: (id: string | null) => (id === null ? 'No rep' : id === 'r1' ? 'Jan Kowalski' : 'Zofia Dąbrowska'),
      segment: (id: string | null) => id ?? 'No segment',
      status: (s: string | null) => s ?? '—',
    };
    expect(bulkLines(result, names)).toEqual([
      { field: 'repId', from: 'No rep', to: 'Zofia Dąbrowska', count: 11 },
      { field: 'repId', from: 'Jan Kowalski', to: 'Zofia Dąbrowska', count: 4 },
      { field: 'status', from: 'active', to: 'inactive', count: 3 },
    ]);
  });
});
