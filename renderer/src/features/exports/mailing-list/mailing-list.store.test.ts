import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import type {
  ExportFile,
  MailingListCounts,
  MailingListFilter,
} from '../../../../../shared/contract/exports.schema';
import type { DirectoryEntry } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import type { FakeHandlers } from '../../../api/fake-api';
import { createMailingListStore, NO_REP, PREVIEW_DELAY_MS, previewInput } from './mailing-list.store';

// The mailing list's store: one count per pause in the changes (not one per tick), answers to an
// older filter dropped, the filter sent as the core takes it, refetches on data changes, and the
// export of the filter on screen.

function counts(over: Partial<MailingListCounts> = {}): MailingListCounts {
  return {
    clients: 12,
    contacts: 30,
    included: 20,
    leftOut: { noEmail: 4, invalidEmail: 1, noConsent: 3, withdrawn: 1, duplicate: 1 },
    ...over,
  };
}

function segment(id: string, order: number, over: Partial<DictionaryItem> = {}): DictionaryItem {
  return {
    id,
    createdAt: '2026-11-01T08:00:00.000Z',
    createdBy: 'system',
    updatedAt: '2026-11-01T08:00:00.000Z',
    updatedBy: 'system',
    kind: 'segment',
    code: id,
    labels: { pl: `Segment ${id} pl`, cs: `Segment ${id} cs`, en: `Segment ${id}` },
    order,
    active: true,
    ...over,
  };
}

function person(id: string, displayName: string, over: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return { id, displayName, role: 'rep', teamId: 't1', repCode: id.toUpperCase(), active: true, ...over };
}

/** A core that counts by the filter (so a test can tell which filter an answer belongs to). */
function core(handlers: FakeHandlers = {}) {
  const previews: MailingListFilter[] = [];
  const api = createFakeApi({
    'exports:mailingListOptions': () => ({
      cities: ['Kraków', 'Łódź'],
      parents: [{ id: 'p1', name: 'Sieć Handlowa „Żabka” Polska Sp. z o.o.', city: 'Poznań' }],
    }),
    'dictionaries:list': () => [
      segment('s2', 2),
      segment('s1', 1),
      segment('s0', 0, { active: false }),
      { ...segment('c1', 0), kind: 'callStatus' },
    ],
    'users:directory': () => [
      person('r2', 'Zofia Dąbrowska'),
      person('m1', 'Marta Wiśniewska', { role: 'manager', repCode: null }),
      person('r3', 'Adam Nowak', { active: false }),
      person('r1', 'Ewa Kowalska'),
    ],
    'exports:mailingListPreview': ({ filter }) => {
      previews.push(filter);
      return counts({ clients: filter.cities.length });
    },
    ...handlers,
  });
  return { api, previews };
}

const calls = (api: ReturnType<typeof createFakeApi>, command: string) =>
  api.calls.filter((c) => c.command === command);

describe('mailing list store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a pause in the changes and then counts once, with every change in the filter', async () => {
    const { api, previews } = core();
    const store = createMailingListStore(api);
    store.getState().toggle('cities', 'Łódź');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 50);
    store.getState().toggle('cities', 'Kraków');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 50);
    store.getState().toggle('segmentIds', 's1');
    // The panel says it is counting from the first change on, though nothing was asked yet.
    expect(store.getState().previewStatus).toBe('loading');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 1);
    expect(previews).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(previews).toEqual([{ segmentIds: ['s1'], cities: ['Kraków', 'Łódź'], repIds: [], parentIds: [] }]);
    expect(store.getState()).toMatchObject({ previewStatus: 'ready', counts: { clients: 2 } });
  });

  it('drops an answer to an older filter that arrives after the answer to the newer one', async () => {
    const pending: { filter: MailingListFilter; resolve: () => void }[] = [];
    const { api } = core({
      'exports:mailingListPreview': async ({ filter }) => {
        await new Promise<void>((resolve) => pending.push({ filter, resolve }));
        return counts({ clients: filter.cities.length, included: 100 + filter.cities.length });
      },
    });
    const store = createMailingListStore(api);
    store.getState().toggle('cities', 'Kraków');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    store.getState().toggle('cities', 'Łódź');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(pending.map((p) => p.filter.cities)).toEqual([['Kraków'], ['Kraków', 'Łódź']]);

    pending[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState()).toMatchObject({ previewStatus: 'ready', counts: { included: 102 } });
    // The late answer to the one-city filter must not replace it.
    pending[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState()).toMatchObject({ previewStatus: 'ready', counts: { included: 102 } });
  });

  it('keeps a failure of an older count from hiding the newer counts', async () => {
    const pending: { filter: MailingListFilter; settle: (ok: boolean) => void }[] = [];
    const { api } = core({
      'exports:mailingListPreview': async ({ filter }) => {
        const ok = await new Promise<boolean>((settle) => pending.push({ filter, settle }));
        if (!ok) throw new Error('lost');
        return counts({ included: 7 });
      },
    });
    const store = createMailingListStore(api);
    void store.getState().preview();
    store.getState().toggle('repIds', NO_REP);
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    pending[1]!.settle(true);
    await vi.advanceTimersByTimeAsync(0);
    pending[0]!.settle(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState()).toMatchObject({
      previewStatus: 'ready',
      counts: { included: 7 },
      previewError: null,
    });
  });

  it('sends the filter as the core takes it: every list, untick, clear one, clear all', async () => {
    const { api, previews } = core();
    const store = createMailingListStore(api);
    const s = () => store.getState();
    s().toggle('segmentIds', 's2');
    s().toggle('segmentIds', 's1');
    s().toggle('cities', 'Łódź');
    s().toggle('repIds', 'r1');
    s().toggle('repIds', NO_REP);
    s().toggle('parentIds', 'p1');
    s().toggle('segmentIds', 's2');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews.at(-1)).toEqual({
      segmentIds: ['s1'],
      cities: ['Łódź'],
      repIds: ['none', 'r1'],
      parentIds: ['p1'],
    });

    s().clear('repIds');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews.at(-1)).toEqual({ segmentIds: ['s1'], cities: ['Łódź'], repIds: [], parentIds: ['p1'] });

    // Clearing what is empty asks nothing.
    s().clear('repIds');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews).toHaveLength(2);

    s().setFilter('cities', ['Kraków', 'Kraków', 'Łódź']);
    s().clear();
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews.at(-1)).toEqual({ segmentIds: [], cities: [], repIds: [], parentIds: [] });
    expect(previews).toHaveLength(3);
    // Every input passed the contract's own schema (the fake parses it) and named a command once per pause.
    expect(calls(api, 'exports:mailingListPreview')).toHaveLength(3);
  });

  it('orders and deduplicates the filter, so equal filters read the same', () => {
    expect(
      previewInput({ segmentIds: ['b', 'a', 'b'], cities: ['Łódź', 'Kraków'], repIds: [], parentIds: ['p'] }),
    ).toEqual({
      filter: { segmentIds: ['a', 'b'], cities: ['Kraków', 'Łódź'], repIds: [], parentIds: ['p'] },
    });
  });

  it('loads the choices: segments in the admin’s order (inactive last), reps only, active first by name', async () => {
    const { api } = core();
    const store = createMailingListStore(api);
    await store.getState().loadOptions();
    const s = store.getState();
    expect(s.optionsStatus).toBe('ready');
    expect(s.options?.cities).toEqual(['Kraków', 'Łódź']);
    expect(s.segments.map((d) => d.id)).toEqual(['s1', 's2', 's0']);
    expect(s.reps.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(calls(api, 'dictionaries:list')[0]?.input).toEqual({ kind: 'segment', includeInactive: true });
  });

  it('counts again when clients or contacts change elsewhere, and not for unrelated changes', async () => {
    const { api, previews } = core();
    const store = createMailingListStore(api);
    const stop = store.getState().connect();
    await store.getState().preview();
    expect(previews).toHaveLength(1);

    api.emit('data:changed', { entities: ['visits'], seq: 1 });
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews).toHaveLength(1);

    api.emit('data:changed', { entities: ['contacts'], seq: 2 });
    api.emit('data:changed', { entities: ['clients'], seq: 3 });
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    // Two events in a row: one count (and the cities and parents fetched again).
    expect(previews).toHaveLength(2);
    expect(calls(api, 'exports:mailingListOptions').length).toBeGreaterThan(0);

    stop();
    expect(api.listenerCount('data:changed')).toBe(0);
  });

  it('drops a pending count when the screen closes', async () => {
    const { api, previews } = core();
    const store = createMailingListStore(api);
    store.getState().toggle('cities', 'Kraków');
    store.getState().dispose();
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS * 2);
    expect(previews).toHaveLength(0);
    // Opened again, it knows it has to ask.
    expect(store.getState().previewStatus).toBe('idle');
  });

  it('exports the filter on screen under a job id, saves the file and shows the file’s counts', async () => {
    const saved: ExportFile[] = [];
    const file: ExportFile = {
      fileName: 'lista-mailingowa.csv',
      mime: 'text/csv',
      base64: 'AA==',
      records: 18,
    };
    const { api } = core({
      'exports:mailingList': () => ({ file, counts: counts({ included: 18 }) }),
    });
    const store = createMailingListStore(api, { save: (f) => saved.push(f) });
    store.getState().toggle('cities', 'Łódź');
    store.getState().toggle('repIds', NO_REP);
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);

    expect(await store.getState().exportList('the mailing list (CSV)')).toBe(true);
    const sent = calls(api, 'exports:mailingList')[0]?.input as { filter: MailingListFilter; jobId: string };
    expect(sent.filter).toEqual({ segmentIds: [], cities: ['Łódź'], repIds: ['none'], parentIds: [] });
    expect(sent.jobId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(saved).toEqual([file]);
    expect(store.getState().job.getState()).toMatchObject({
      status: 'done',
      saved: { fileName: 'lista-mailingowa.csv', records: 18 },
    });
    expect(store.getState().counts?.included).toBe(18);
  });
});
