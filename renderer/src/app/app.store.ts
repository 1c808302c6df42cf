import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../shared/contract/commands';
import type { AppErrorData } from '../../../shared/contract/errors';
import type { Office } from '../../../shared/contract/office.schema';
import type { StoreStatus, SystemInfo } from '../../../shared/contract/system.schema';
import type { SessionState } from '../../../shared/contract/users.schema';
import { ApiError } from '../api/regio-api';
import type { RegioApi } from '../api/regio-api';

// App-wide server state: which office this is, the core's "today", and the store's health.
// It is a cache of the core, never a second source of truth: every data:changed refetches it.

export type FirstRunInput = CommandInput<'setup:createOffice'>;

export interface AppState {
  status: 'loading' | 'ready' | 'failed';
  office: Office | null;
  info: SystemInfo | null;
  /** Null until someone is signed in: store health is not for anonymous eyes. */
  storeStatus: StoreStatus | null;
  /** Why the last load failed (shown with a retry button, or kept quietly after a good load). */
  loadError: AppErrorData | null;
  refresh: () => Promise<void>;
  /** Creates the office and its first admin (who is then signed in). Throws ApiError for the form. */
  createOffice: (input: FirstRunInput) => Promise<SessionState>;
  /** Subscribes to the core's events; returns the unsubscribe function. */
  connect: () => () => void;
}

function errorData(e: unknown): AppErrorData {
  if (e instanceof ApiError) return e.data;
  return { code: 'internal', key: 'errors.internal', message: e instanceof Error ? e.message : String(e) };
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
            ? { loadError: errorData(e) }
            : { status: 'failed', loadError: errorData(e) },
        );
      }
    },

    createOffice: async (input) => {
      const session = await api.call('setup:createOffice', input);
      // "today" now follows the office's time zone, and the new admin may see the store status.
      await get().refresh();
      return session;
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
