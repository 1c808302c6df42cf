import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { DirectoryEntry } from '../../../../shared/contract/users.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// Who is who, for every role: the names behind rep ids and audit entries' userIds. users:list is
// for managers and admins only; the directory (names, roles, teams) is open to anyone signed in.

export interface DirectoryState {
  status: LoadStatus;
  entries: DirectoryEntry[];
  byId: Map<string, DirectoryEntry>;
  error: unknown;
  load: () => Promise<void>;
  /** Loads once; later calls are free (events keep it fresh). */
  ensure: () => Promise<void>;
  reset: () => void;
  connect: () => () => void;
}

export function createDirectoryStore(api: RegioApi): StoreApi<DirectoryState> {
  let generation = 0;
  return createStore<DirectoryState>()((set, get) => ({
    status: 'idle',
    entries: [],
    byId: new Map(),
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const entries = await api.call('users:directory', {});
        if (mine === generation)
          set({ status: 'ready', entries, byId: new Map(entries.map((e) => [e.id, e])), error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    ensure: async () => {
      if (get().status === 'idle' || get().status === 'failed') await get().load();
    },
    reset: () => {
      generation++;
      set({ status: 'idle', entries: [], byId: new Map(), error: null });
    },
    connect: () =>
      api.on('data:changed', ({ entities }) => {
        if (get().status !== 'idle' && entities.some((e) => e === 'users' || e === 'teams'))
          void get().load();
      }),
  }));
}
