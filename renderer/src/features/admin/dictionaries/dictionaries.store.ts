import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../../../shared/contract/commands';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../people/people.store';
import { orderAfterMove } from './dictionaries.selectors';

// The admin's dictionaries, every kind, inactive items included (a reorder must name them all).

export interface DictionariesState {
  status: LoadStatus;
  items: DictionaryItem[];
  error: unknown;
  load: () => Promise<void>;
  create: (input: CommandInput<'dictionaries:create'>) => Promise<DictionaryItem>;
  update: (input: CommandInput<'dictionaries:update'>) => Promise<DictionaryItem>;
  /** Moves an item past its visible neighbour; false when it is at the edge already. */
  move: (id: string, direction: -1 | 1, visible?: (d: DictionaryItem) => boolean) => Promise<boolean>;
  reset: () => void;
  connect: () => () => void;
}

export function createDictionariesStore(api: RegioApi): StoreApi<DictionariesState> {
  let generation = 0;
  return createStore<DictionariesState>()((set, get) => ({
    status: 'idle',
    items: [],
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const items = await api.call('dictionaries:list', { includeInactive: true });
        if (mine === generation) set({ status: 'ready', items, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    create: async (input) => {
      const item = await api.call('dictionaries:create', input);
      await get().load();
      return item;
    },
    update: async (input) => {
      const item = await api.call('dictionaries:update', input);
      await get().load();
      return item;
    },
    move: async (id, direction, visible) => {
      const { items } = get();
      const ids = orderAfterMove(items, id, direction, visible);
      const kind = items.find((d) => d.id === id)?.kind;
      if (!ids || !kind) return false;
      const moved = await api.call('dictionaries:reorder', { kind, ids });
      // Take the new order at once, so the row stays under the keyboard (the event refetch follows).
      const byId = new Map(moved.map((d) => [d.id, d]));
      set({ items: get().items.map((d) => byId.get(d.id) ?? d) });
      return true;
    },
    reset: () => {
      generation++;
      set({ status: 'idle', items: [], error: null });
    },
    connect: () =>
      api.on('data:changed', ({ entities }) => {
        if (get().status !== 'idle' && entities.includes('dictionaries')) void get().load();
      }),
  }));
}
