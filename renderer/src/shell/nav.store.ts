import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { formatHash, HOME, parseHash, sameRoute } from './routes';
import type { Route } from './routes';

// Which screen is open. The address bar's hash is the truth (reload, back and forward keep working);
// this store mirrors it for React and writes it on navigate().

export type HashWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  location: { hash: string; pathname: string; search: string };
  history: Pick<History, 'replaceState'>;
};

export interface NavState {
  route: Route;
  navigate: (route: Route) => void;
  /** Makes the address bar name the open screen (the shell calls it; first run and sign-in do not). */
  syncAddress: () => void;
  /** Follows the hash (back, forward, typed addresses); returns the stop function. */
  start: () => () => void;
}

export function createNavStore(win: HashWindow): StoreApi<NavState> {
  // An unknown or empty hash opens Home.
  const read = (): Route => parseHash(win.location.hash) ?? HOME;
  return createStore<NavState>()((set, get) => ({
    route: read(),
    navigate: (route) => {
      if (sameRoute(route, get().route)) return;
      set({ route });
      win.location.hash = formatHash(route);
    },
    syncAddress: () => {
      const hash = formatHash(get().route);
      // Without a history entry: Back should not return to an address that named nothing.
      if (win.location.hash !== hash)
        win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}${hash}`);
    },
    start: () => {
      const onHash = () => {
        const route = read();
        if (!sameRoute(route, get().route)) set({ route });
        if (!parseHash(win.location.hash)) get().syncAddress();
      };
      win.addEventListener('hashchange', onHash);
      return () => win.removeEventListener('hashchange', onHash);
    },
  }));
}
