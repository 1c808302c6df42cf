import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionRow } from '../../../../shared/contract/actions.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// The manager's settlements desk: the recommendations waiting for a decision (actions:queue, oldest
// first, as the core orders them) and the approved settlements still waiting for HQ's confirmation.
// The decisions themselves are made on the action's screen; this store only lists and refetches.

export type SettlementsList = 'queue' | 'approved';

export interface SettlementsState {
  /** The list shown; null before the screen asked for one. */
  list: SettlementsList | null;
  status: LoadStatus;
  rows: ActionRow[];
  error: unknown;
  /** Shows a list: its rows are fetched, and another list's rows never show under its name. */
  open: (list: SettlementsList) => Promise<void>;
  load: () => Promise<void>;
  connect: () => () => void;
}

/** What can change the rows: the actions, and the names shown beside them. */
const LISTED = new Set(['localActions', 'clients', 'users']);

/** Approved ones waiting longest for HQ first, like the queue. */
const bySince = (a: ActionRow, b: ActionRow) =>
  a.since.localeCompare(b.since) || a.number.localeCompare(b.number);

export function createSettlementsStore(api: RegioApi): StoreApi<SettlementsState> {
  let generation = 0;
  return createStore<SettlementsState>()((set, get) => ({
    list: null,
    status: 'idle',
    rows: [],
    error: null,
    open: async (list) => {
      if (get().list !== list) set({ list, status: 'loading', rows: [], error: null });
      await get().load();
    },
    load: async () => {
      const list = get().list;
      if (!list) return;
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const rows =
          list === 'queue'
            ? await api.call('actions:queue', {})
            : [...(await api.call('actions:list', { stages: ['approved'] }))].sort(bySince);
        if (mine === generation) set({ status: 'ready', rows, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().list && entities.some((e) => LISTED.has(e))) void get().load();
      });
      const offLoaded = api.on('store:loaded', () => {
        if (get().list) void get().load();
      });
      return () => {
        offChanged();
        offLoaded();
      };
    },
  }));
}
