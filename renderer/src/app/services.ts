import type { i18n as I18n } from 'i18next';
import type { StoreApi } from 'zustand/vanilla';
import { ApiError } from '../api/regio-api';
import type { RegioApi } from '../api/regio-api';
import { createBackupsStore } from '../features/admin/backups/backups.store';
import type { BackupsState } from '../features/admin/backups/backups.store';
import { createDictionariesStore } from '../features/admin/dictionaries/dictionaries.store';
import type { DictionariesState } from '../features/admin/dictionaries/dictionaries.store';
import { createPeopleStore } from '../features/admin/people/people.store';
import type { PeopleState } from '../features/admin/people/people.store';
import { createSessionStore } from '../features/auth/session.store';
import { createClientCardStore } from '../features/clients/card/client-card.store';
import type { ClientCardState } from '../features/clients/card/client-card.store';
import { createDirectoryStore } from '../features/clients/directory.store';
import type { DirectoryState } from '../features/clients/directory.store';
import { createClientListStore } from '../features/clients/list/client-list.store';
import type { ClientListState } from '../features/clients/list/client-list.store';
import { createQueueStore } from '../features/clients/queue/queue.store';
import type { QueueState } from '../features/clients/queue/queue.store';
import type { SessionStoreState } from '../features/auth/session.store';
import { createNavStore } from '../shell/nav.store';
import type { HashWindow, NavState } from '../shell/nav.store';
import { createAppStore } from './app.store';
import type { AppState } from './app.store';

// Everything the screens need, made once at start: the api, the i18n instance and one zustand
// store per feature. They reach components through context (app-context.ts), never as module
// singletons, so a test can build its own set against the fake api.

export interface Stores {
  app: StoreApi<AppState>;
  session: StoreApi<SessionStoreState>;
  nav: StoreApi<NavState>;
  people: StoreApi<PeopleState>;
  dictionaries: StoreApi<DictionariesState>;
  backups: StoreApi<BackupsState>;
  directory: StoreApi<DirectoryState>;
  clientList: StoreApi<ClientListState>;
  clientCard: StoreApi<ClientCardState>;
  queue: StoreApi<QueueState>;
}

export interface AppServices {
  api: RegioApi;
  i18n: I18n;
  stores: Stores;
  /** Subscribes every store to the core's events and the address bar; returns the stop function. */
  start: () => () => void;
}

/** Commands whose "unauthenticated" answer is the expected one, not a lost session. */
const SIGN_IN_COMMANDS = new Set(['auth:signIn', 'system:storeStatus']);

/**
 * A session can end behind the renderer's back (the host restarted, a restore in another window,
 * the account deactivated): any "unauthenticated" answer makes the session store look again, and
 * the sign-in screen takes over.
 */
function guarded(api: RegioApi, onSignedOut: () => void): RegioApi {
  return {
    platform: api.platform,
    on: (event, listener) => api.on(event, listener),
    async call(command, input) {
      try {
        return await api.call(command, input);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'unauthenticated' && !SIGN_IN_COMMANDS.has(command))
          onSignedOut();
        throw e;
      }
    },
  };
}

export function createServices(rawApi: RegioApi, i18n: I18n, win: HashWindow): AppServices {
  let session: StoreApi<SessionStoreState> | null = null;
  const api = guarded(rawApi, () => void session?.getState().refresh());
  session = createSessionStore(api);
  const stores: Stores = {
    app: createAppStore(api),
    session,
    nav: createNavStore(win),
    people: createPeopleStore(api),
    dictionaries: createDictionariesStore(api),
    backups: createBackupsStore(api, session),
    directory: createDirectoryStore(api),
    clientList: createClientListStore(api),
    clientCard: createClientCardStore(api),
    queue: createQueueStore(api),
  };
  return {
    api,
    i18n,
    stores,
    start: () => {
      // Whoever signs in next must not see what the last person loaded, and may see the store status.
      let userId = stores.session.getState().session?.user?.id ?? null;
      const offUser = stores.session.subscribe((state) => {
        const id = state.session?.user?.id ?? null;
        if (id === userId) return;
        userId = id;
        stores.people.getState().reset();
        stores.dictionaries.getState().reset();
        stores.backups.getState().reset();
        stores.directory.getState().reset();
        stores.clientList.getState().reset();
        stores.clientCard.getState().reset();
        stores.queue.getState().reset();
        void stores.app.getState().refresh();
      });
      const stops = [
        offUser,
        stores.app.getState().connect(),
        stores.session.getState().connect(),
        stores.nav.getState().start(),
        stores.people.getState().connect(),
        stores.dictionaries.getState().connect(),
        stores.directory.getState().connect(),
        stores.clientList.getState().connect(),
        stores.clientCard.getState().connect(),
        stores.queue.getState().connect(),
      ];
      return () => stops.forEach((stop) => stop());
    },
  };
}
