import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { RepCounters } from '../../../../shared/contract/visits.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// The rep's live counters on the home screen (PRODUCT.md §6), as home:repCounters answers them:
// computed in the core from the store and the office's today, refetched whenever what they count
// changes.

export interface CountersState {
  status: LoadStatus;
  counters: RepCounters | null;
  error: unknown;
  load: () => Promise<void>;
  reset: () => void;
  connect: () => () => void;
}

/** What the counters count: visits and their tasks, calls, and the day itself (office settings). */
const COUNTED = new Set(['visits', 'tasks', 'calls', 'offices', 'clients']);

export function createCountersStore(api: RegioApi): StoreApi<CountersState> {
  let generation = 0;
  return createStore<CountersState>()((set, get) => ({
    status: 'idle',
    counters: null,
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const counters = await api.call('home:repCounters', {});
        if (mine === generation) set({ status: 'ready', counters, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    reset: () => {
      generation++;
      set({ status: 'idle', counters: null, error: null });
    },
    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().status !== 'idle' && entities.some((e) => COUNTED.has(e))) void get().load();
      });
      // A restored or reloaded store: everything may differ.
      const offLoaded = api.on('store:loaded', () => {
        if (get().status !== 'idle') void get().load();
      });
      return () => {
        offChanged();
        offLoaded();
      };
    },
  }));
}
