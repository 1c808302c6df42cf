import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandOutput } from '../../../../../shared/contract/commands';
import type { BackupInfo } from '../../../../../shared/contract/backups.schema';
import type { RegioApi } from '../../../api/regio-api';
import type { SessionStoreState } from '../../auth/session.store';
import type { LoadStatus } from '../people/people.store';

// Backups live in the data folder, not in the store, so no data:changed names them: this store
// reloads the list itself after each of its own actions.

export type BackupPreview = CommandOutput<'backups:preview'>;
export type ExportResult = CommandOutput<'backups:exportAll'>;

export interface BackupsState {
  status: LoadStatus;
  list: BackupInfo[];
  error: unknown;
  lastExport: ExportResult | null;
  load: () => Promise<void>;
  create: () => Promise<BackupInfo>;
  preview: (id: string) => Promise<BackupPreview>;
  /** Restores and signs everyone out (this window too): the sign-in screen follows. */
  restore: (id: string) => Promise<void>;
  exportAll: () => Promise<ExportResult>;
  /** Deletes one backup (to complete an erasure of personal data); the list is the core's answer. */
  remove: (id: string) => Promise<void>;
  reset: () => void;
}

export function createBackupsStore(
  api: RegioApi,
  session: StoreApi<SessionStoreState>,
): StoreApi<BackupsState> {
  let generation = 0;
  return createStore<BackupsState>()((set, get) => ({
    status: 'idle',
    list: [],
    error: null,
    lastExport: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const list = await api.call('backups:list', {});
        if (mine === generation) set({ status: 'ready', list, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    create: async () => {
      const info = await api.call('backups:create', {});
      await get().load();
      return info;
    },
    preview: (id) => api.call('backups:preview', { id }),
    restore: async (id) => {
      const state = await api.call('backups:restore', { id });
      get().reset();
      session.getState().adopt(state, 'restored');
    },
    exportAll: async () => {
      const result = await api.call('backups:exportAll', {});
      set({ lastExport: result });
      return result;
    },
    remove: async (id) => {
      const list = await api.call('backups:delete', { id });
      generation++;
      set({ status: 'ready', list, error: null });
    },
    reset: () => {
      generation++;
      set({ status: 'idle', list: [], error: null, lastExport: null });
    },
  }));
}
