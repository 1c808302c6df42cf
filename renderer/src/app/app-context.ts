import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { BackupsState } from '../features/admin/backups/backups.store';
import type { DictionariesState } from '../features/admin/dictionaries/dictionaries.store';
import type { PeopleState } from '../features/admin/people/people.store';
import type { SessionStoreState } from '../features/auth/session.store';
import type { ClientCardState } from '../features/clients/card/client-card.store';
import type { DirectoryState } from '../features/clients/directory.store';
import type { ClientListState } from '../features/clients/list/client-list.store';
import type { QueueState } from '../features/clients/queue/queue.store';
import type { NavState } from '../shell/nav.store';
import type { AppState } from './app.store';
import type { AppServices } from './services';

// The services come through context, not module singletons, so a test can render a screen against
// the fake api without touching globals. One hook per store, each taking a selector.

export const AppServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(AppServicesContext);
  if (!s) throw new Error('AppServicesContext is missing: render inside <AppServicesContext value={…}>');
  return s;
}

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useServices().stores.app, selector);
}
export function useSessionStore<T>(selector: (s: SessionStoreState) => T): T {
  return useStore(useServices().stores.session, selector);
}
export function useNavStore<T>(selector: (s: NavState) => T): T {
  return useStore(useServices().stores.nav, selector);
}
export function usePeopleStore<T>(selector: (s: PeopleState) => T): T {
  return useStore(useServices().stores.people, selector);
}
export function useDictionariesStore<T>(selector: (s: DictionariesState) => T): T {
  return useStore(useServices().stores.dictionaries, selector);
}
export function useBackupsStore<T>(selector: (s: BackupsState) => T): T {
  return useStore(useServices().stores.backups, selector);
}
export function useDirectoryStore<T>(selector: (s: DirectoryState) => T): T {
  return useStore(useServices().stores.directory, selector);
}
export function useClientListStore<T>(selector: (s: ClientListState) => T): T {
  return useStore(useServices().stores.clientList, selector);
}
export function useClientCardStore<T>(selector: (s: ClientCardState) => T): T {
  return useStore(useServices().stores.clientCard, selector);
}
export function useQueueStore<T>(selector: (s: QueueState) => T): T {
  return useStore(useServices().stores.queue, selector);
}
