import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../shared/contract/commands';
import type { AppErrorData } from '../../../shared/contract/errors';
import type { Office } from '../../../shared/contract/office.schema';
import type { StoreStatus, SystemInfo } from '../../../shared/contract/system.schema';
import { ApiError, toErrorData } from '../api/regio-api';
import type { RegioApi } from '../api/regio-api';

// App-wide server state: which office this is, the core's "today", and the store's health.
// It is a cache of the core, never a second source of truth: every data:changed refetches it.

export type OfficeUpdate = CommandInput<'office:update'>['office'];

export interface AppState {
  status: 'loading' | 'ready' | 'failed';
  office: Office | null;
  info: SystemInfo | null;
  /** Null until someone is signed in: store health is not for anonymous eyes. */
  storeStatus: StoreStatus | null;
  /** Why the last load failed (shown with a retry button, or kept quietly after a good load). */
  loadError: AppErrorData | null;
  refresh: () => Promise<void>;
  /** The admin's office settings. Throws ApiError (with field issues) for the form. */
  updateOffice: (office: OfficeUpdate) => Promise<Office>;
  /** Subscribes to the core's events; returns the unsubscribe function. */
  connect: () => () => void;
}

export function createAppStore(api: RegioApi): StoreApi<AppState> {
  // Loads can overlap (an event arrives while one is in flight); only the newest may write.
  let generation = 0;
  return createStore<AppState>()((set, get) => ({
    status: 'loading',
    office: null,
    info: null,
    storeStatus: null,
    loadError: null,

    refresh: async () => {
      const mine = ++generation;
      try {
        const [office, info, storeStatus] = await Promise.all([
          api.call('office:get', {}),
          api.call('system:info', {}),
          api.call('system:storeStatus', {}).catch((e: unknown) => {
            if (e instanceof ApiError && (e.code === 'unauthenticated' || e.code === 'forbidden'))
              return null;
            throw e;
          }),
        ]);
        if (mine !== generation) return;
        set({ status: 'ready', office, info, storeStatus, loadError: null });
      } catch (e) {
        if (mine !== generation) return;
        // A failed refresh after a good load keeps showing the last good state.
        set(
          get().status === 'ready'
            ? { loadError: toErrorData(e) }
            : { status: 'failed', loadError: toErrorData(e) },
        );
      }
    },

    updateOffice: async (input) => {
      const office = await api.call('office:update', { office: input });
      // "today" follows the office's time zone, which may just have changed.
      await get().refresh();
      return office;
    },

    connect: () => {
      const offChanged = api.on('data:changed', () => void get().refresh());
      const offLoaded = api.on('store:loaded', () => void get().refresh());
      return () => {
        offChanged();
        offLoaded();
      };
    },
  }));
}
