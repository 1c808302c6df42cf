import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ClientOrders } from '../../../../shared/contract/orders.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// The client card's orders panel: what the client orders most and its last orders, as the core
// answers `orders:client` (it applies the rep's client scope). Refetched when order lines or
// products change (an import, its revert, a merge that moves lines, a renamed product) and when
// the bulky history — orders among it — finishes loading after the first screen.

/** Entities whose change can alter the panel. */
const ORDER_ENTITIES: ReadonlySet<string> = new Set(['orderLines', 'products']);

export interface ClientOrdersState {
  clientId: string | null;
  status: LoadStatus;
  data: ClientOrders | null;
  error: unknown;
  /** Shows a client's orders (another client starts from an empty panel). */
  open: (clientId: string) => Promise<void>;
  load: () => Promise<void>;
  /** Follows the core's events; returns the unsubscribe. */
  connect: () => () => void;
}

export function createClientOrdersStore(api: RegioApi): StoreApi<ClientOrdersState> {
  let generation = 0;
  return createStore<ClientOrdersState>()((set, get) => ({
    clientId: null,
    status: 'idle',
    data: null,
    error: null,

    async open(clientId) {
      if (get().clientId !== clientId) set({ clientId, data: null, status: 'idle', error: null });
      await get().load();
    },

    async load() {
      const clientId = get().clientId;
      if (!clientId) return;
      const mine = ++generation;
      // A refetch keeps the figures on screen instead of flashing "loading".
      if (get().data === null) set({ status: 'loading', error: null });
      try {
        const data = await api.call('orders:client', { clientId, months: 12 });
        if (mine === generation) set({ status: 'ready', data, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },

    connect() {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().clientId && entities.some((e) => ORDER_ENTITIES.has(e))) void get().load();
      });
      const offLoaded = api.on('store:loaded', () => {
        if (get().clientId) void get().load();
      });
      return () => {
        offChanged();
        offLoaded();
      };
    },
  }));
}
