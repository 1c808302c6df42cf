import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { PlanCounters } from '../../../../shared/contract/plans.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// "5 of 10 deals won" on the rep's and the manager's home (PRODUCT.md §6), as home:planCounters
// answers it: the month's plan against the records, counted in the core. Refetched the moment a
// record it counts changes, in this window or any other (data:changed reaches every window).

export interface PlanCountersState {
  status: LoadStatus;
  counters: PlanCounters | null;
  error: unknown;
  load: () => Promise<void>;
  connect: () => () => void;
}

/**
 * What the counters count: plans, deals, visits and calls; the reps of a manager's team (users);
 * the office (its today, its time zone: the month itself); and clients (a merge moves records).
 */
export const PLAN_COUNTED = new Set([
  'salesPlans',
  'deals',
  'visits',
  'calls',
  'users',
  'offices',
  'clients',
]);

export function createPlanCountersStore(api: RegioApi): StoreApi<PlanCountersState> {
  let generation = 0;
  return createStore<PlanCountersState>()((set, get) => ({
    status: 'idle',
    counters: null,
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const counters = await api.call('home:planCounters', {});
        if (mine === generation) set({ status: 'ready', counters, error: null });
      } catch (error) {
        // A failed refresh keeps the last counters: they were true a moment ago.
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().status !== 'idle' && entities.some((e) => PLAN_COUNTED.has(e))) void get().load();
      });
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
