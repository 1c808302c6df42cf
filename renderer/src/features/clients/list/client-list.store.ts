import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { BulkUpdateResult, ClientRow } from '../../../../../shared/contract/clients.schema';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';
import {
  DEFAULT_SORT,
  EMPTY_FILTERS,
  idsInput,
  listInput,
  nameInCache,
  PAGE_SIZE,
  pagesCovering,
} from './client-list.selectors';
import type { ClientFilters, ClientSort } from './client-list.selectors';

// The client list (up to the L dataset's 50 000 clients): the core searches, filters, sorts and
// pages; this store keeps the filters, the total and a sparse cache of pages by row index, and
// fetches the pages the table shows as it scrolls. Every change of the query bumps a generation,
// so an answer to an older question (typed "a" after "ab" arrived) is dropped, never shown.

/** A bulk change: each field absent ("leave as is") unless chosen; null means "none". */
export interface BulkChoice {
  repId?: string | null;
  segmentId?: string | null;
  status?: 'active' | 'inactive';
}

export type BulkStatus = 'idle' | 'reviewing' | 'applying';

export interface ClientListState {
  filters: ClientFilters;
  sort: ClientSort;
  /** 'loading' from a change of the query until its first page; 'failed' when a page failed. */
  status: LoadStatus;
  /** How many clients match; kept through a reload so the table does not jump. null: not known yet. */
  total: number | null;
  /** Page number → its rows (PAGE_SIZE rows each). Replaced, never mutated, when a page arrives. */
  pages: ReadonlyMap<number, readonly ClientRow[]>;
  error: unknown;

  /** Ids chosen for a bulk change (may include rows not loaded: "select all N matching"). */
  selected: ReadonlySet<string>;
  selectingAll: boolean;
  selectError: unknown;

  bulkChoice: BulkChoice;
  /** The dry run for exactly the current selection and choice; null once either changes. */
  review: BulkUpdateResult | null;
  bulkStatus: BulkStatus;
  bulkError: unknown;

  /** The screen is shown: loads on first use, catches up on changes it missed. Returns detach. */
  attach: () => () => void;
  /** Asks the core again from the top (a new query): the cache is dropped. */
  load: () => Promise<void>;
  /** The table shows rows first…last: fetches the pages among them that are missing or stale. */
  ensureRange: (first: number, last: number) => Promise<void>;
  /** The data changed: refetches the rows on screen, keeping the rest until they are scrolled to. */
  refresh: () => Promise<void>;
  /** After a failure: the first page again, or the pages on screen. */
  retry: () => Promise<void>;
  setFilters: (patch: Partial<ClientFilters>) => void;
  clearFilters: () => void;
  setSort: (sort: ClientSort) => void;
  /** The outlets of one chain (the card calls it before navigating to the list; so does a row). */
  showOutletsOf: (parentId: string, parentName?: string | null) => void;

  toggle: (id: string) => void;
  setSelected: (ids: readonly string[], on: boolean) => void;
  selectAllMatching: () => Promise<void>;
  clearSelection: () => void;

  setBulkChoice: (choice: BulkChoice) => void;
  /** Dry run: what the change would do, shown before anything changes. */
  reviewBulk: () => Promise<BulkUpdateResult | null>;
  /** Applies the reviewed change; null (and bulkError) when it failed or needs a new review. */
  applyBulk: () => Promise<BulkUpdateResult | null>;
  /** The dialog opened or closed: no choice, no review, no error. */
  resetBulk: () => void;

  /** Where the table was (active row, scroll), so coming back from a card lands there again. */
  saveView: (view: ListView) => void;
  savedView: () => ListView;

  reset: () => void;
  connect: () => () => void;
}

export interface ListView {
  activeIndex: number;
  scrollTop: number;
}

const WATCHED = new Set(['clients', 'contacts']);
const NO_VIEW: ListView = { activeIndex: 0, scrollTop: 0 };

function initial() {
  return {
    filters: EMPTY_FILTERS,
    sort: DEFAULT_SORT,
    status: 'idle' as LoadStatus,
    total: null,
    pages: new Map<number, readonly ClientRow[]>(),
    error: null,
    selected: new Set<string>() as ReadonlySet<string>,
    selectingAll: false,
    selectError: null,
    bulkChoice: {},
    review: null,
    bulkStatus: 'idle' as BulkStatus,
    bulkError: null,
  } satisfies Partial<ClientListState>;
}

export function createClientListStore(api: RegioApi): StoreApi<ClientListState> {
  /** Bumps on every new query and every refresh: answers from an older generation are dropped. */
  let generation = 0;
  /** Bumps on filter changes only: "select all matching" must answer the filters still shown. */
  let queryGeneration = 0;
  /** Pages asked for in this generation and not answered yet. */
  const pending = new Set<number>();
  /** Pages shown but fetched before the last change in the data. */
  let stale = new Set<number>();
  /** The rows the table last said it shows. */
  let range: [number, number] = [0, PAGE_SIZE - 1];
  let attached = 0;
  let missedChange = false;
  let view: ListView = NO_VIEW;

  return createStore<ClientListState>()((set, get) => {
    const fetchPage = async (page: number, gen: number): Promise<void> => {
      pending.add(page);
      const { filters, sort } = get();
      try {
        const { rows, total } = await api.call('clients:list', listInput(filters, sort, page));
        if (gen !== generation) return;
        pending.delete(page);
        stale.delete(page);
        const pages = new Map(get().pages);
        pages.set(page, rows);
        // Fewer clients than before: pages past the end hold rows that are gone.
        for (const p of [...pages.keys()]) if (p * PAGE_SIZE >= total) pages.delete(p);
        set({ pages, total, status: 'ready', error: null });
      } catch (error) {
        if (gen !== generation) return;
        pending.delete(page);
        set({ status: 'failed', error });
      }
    };

    const startQuery = () => {
      generation++;
      pending.clear();
      stale = new Set();
      range = [0, PAGE_SIZE - 1];
      view = NO_VIEW;
      // The total stays until the answer comes, so the count and the table keep their place.
      set({ pages: new Map(), status: 'loading', error: null });
      return fetchPage(0, generation);
    };

    const clearReview = () => ({ review: null, bulkError: null });

    const newFilters = (filters: ClientFilters) => {
      queryGeneration++;
      // A selection made under other filters would change clients no longer on screen.
      set({ filters, selected: new Set(), selectingAll: false, selectError: null, ...clearReview() });
      void startQuery();
    };

    const resolveParentName = async (parentId: string) => {
      try {
        const card = await api.call('clients:get', { id: parentId });
        const { parent } = get().filters;
        if (parent?.id === parentId && parent.name === null)
          set({ filters: { ...get().filters, parent: { id: parentId, name: card.client.name } } });
      } catch {
        // Out of a rep's scope, or gone: the chip says "a parent company" instead of a name.
      }
    };

    return {
      ...initial(),

      attach: () => {
        attached++;
        if (get().status === 'idle') void get().load();
        else if (missedChange) {
          missedChange = false;
          void get().refresh();
        }
        return () => {
          attached--;
        };
      },

      load: () => startQuery(),

      ensureRange: async (first, last) => {
        range = [first, last];
        const { total, pages } = get();
        if (total === null) return;
        const gen = generation;
        const wanted = pagesCovering(first, last, total).filter(
          (p) => (!pages.has(p) || stale.has(p)) && !pending.has(p),
        );
        await Promise.all(wanted.map((p) => fetchPage(p, gen)));
      },

      refresh: async () => {
        const { status, total } = get();
        if (status === 'idle') return;
        if (attached === 0) {
          missedChange = true;
          return;
        }
        if (total === null) return startQuery();
        generation++;
        pending.clear();
        stale = new Set(get().pages.keys());
        const gen = generation;
        // At least one page: it brings the new total even when the list was empty.
        const covering = pagesCovering(range[0], range[1], total);
        const wanted = covering.length ? covering : [0];
        await Promise.all(wanted.map((p) => fetchPage(p, gen)));
      },

      retry: async () => {
        if (get().total === null || get().pages.size === 0) return startQuery();
        set({ status: 'ready', error: null });
        const [first, last] = range;
        const { total, pages } = get();
        const gen = generation;
        const wanted = pagesCovering(first, last, total ?? 0).filter(
          (p) => (!pages.has(p) || stale.has(p)) && !pending.has(p),
        );
        await Promise.all(wanted.map((p) => fetchPage(p, gen)));
      },

      setFilters: (patch) => newFilters({ ...get().filters, ...patch }),
      clearFilters: () => newFilters(EMPTY_FILTERS),
      setSort: (sort) => {
        const now = get().sort;
        if (now.sort === sort.sort && now.dir === sort.dir) return;
        set({ sort });
        void startQuery();
      },
      showOutletsOf: (parentId, parentName) => {
        const name = parentName ?? nameInCache(get().pages, parentId);
        newFilters({ ...EMPTY_FILTERS, parent: { id: parentId, name } });
        if (name === null) void resolveParentName(parentId);
      },

      toggle: (id) => {
        const selected = new Set(get().selected);
        if (!selected.delete(id)) selected.add(id);
        set({ selected, ...clearReview() });
      },
      setSelected: (ids, on) => {
        const selected = new Set(get().selected);
        for (const id of ids) {
          if (on) selected.add(id);
          else selected.delete(id);
        }
        set({ selected, ...clearReview() });
      },
      selectAllMatching: async () => {
        const mine = queryGeneration;
        set({ selectingAll: true, selectError: null });
        try {
          const { ids } = await api.call('clients:listIds', idsInput(get().filters));
          if (mine !== queryGeneration) return;
          set({ selected: new Set(ids), selectingAll: false, ...clearReview() });
        } catch (selectError) {
          if (mine === queryGeneration) set({ selectingAll: false, selectError });
        }
      },
      clearSelection: () => set({ selected: new Set(), selectError: null, ...clearReview() }),

      setBulkChoice: (bulkChoice) => set({ bulkChoice, ...clearReview() }),
      reviewBulk: async () => {
        const { selected, bulkChoice } = get();
        if (selected.size === 0) return null;
        set({ bulkStatus: 'reviewing', ...clearReview() });
        try {
          const review = await api.call('clients:bulkUpdate', {
            ids: [...selected],
            patch: bulkChoice,
            dryRun: true,
          });
          // The selection or the choice changed while the core counted: that review is for neither.
          if (get().selected !== selected || get().bulkChoice !== bulkChoice) {
            set({ bulkStatus: 'idle' });
            return null;
          }
          set({ review, bulkStatus: 'idle' });
          return review;
        } catch (bulkError) {
          set({ bulkStatus: 'idle', bulkError });
          return null;
        }
      },
      applyBulk: async () => {
        const { selected, bulkChoice, review } = get();
        if (!review || selected.size === 0) return null;
        set({ bulkStatus: 'applying', bulkError: null });
        try {
          const result = await api.call('clients:bulkUpdate', {
            ids: [...selected],
            patch: bulkChoice,
            dryRun: false,
          });
          set({ bulkStatus: 'idle', selected: new Set(), bulkChoice: {}, review: null });
          void get().refresh();
          return result;
        } catch (bulkError) {
          set({ bulkStatus: 'idle', bulkError });
          return null;
        }
      },
      resetBulk: () => set({ bulkChoice: {}, review: null, bulkError: null, bulkStatus: 'idle' }),

      saveView: (v) => {
        view = v;
      },
      savedView: () => view,

      reset: () => {
        generation++;
        queryGeneration++;
        pending.clear();
        stale = new Set();
        range = [0, PAGE_SIZE - 1];
        missedChange = false;
        view = NO_VIEW;
        set(initial());
      },
      connect: () =>
        api.on('data:changed', ({ entities }) => {
          if (entities.some((e) => WATCHED.has(e))) void get().refresh();
        }),
    };
  });
}
