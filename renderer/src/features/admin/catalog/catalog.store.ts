import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  Product,
  Promotion,
  VisitStandard,
  VisitStandardRow,
} from '../../../../../shared/contract/catalog.schema';
import type { CommandInput, CommandOutput } from '../../../../../shared/contract/commands';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../people/people.store';

// The admin's catalogue screens: one small store each, refetched when the core says their
// collection changed (another window, an import). Each screen makes its own store from the api.

function watch(api: RegioApi, entities: readonly string[], when: () => boolean, load: () => Promise<void>) {
  return api.on('data:changed', (e) => {
    if (when() && e.entities.some((x) => entities.includes(x))) void load();
  });
}

// ---- products ----

export type ImportResult = CommandOutput<'products:import'>;

export interface ProductsState {
  status: LoadStatus;
  products: Product[];
  includeInactive: boolean;
  error: unknown;
  load: () => Promise<void>;
  setIncludeInactive: (v: boolean) => Promise<void>;
  create: (input: CommandInput<'products:create'>) => Promise<Product>;
  update: (input: CommandInput<'products:update'>) => Promise<Product>;
  /** A dry run (counts and row errors) unless `dryRun` is false. */
  importCsv: (fileName: string, data: string, dryRun: boolean) => Promise<ImportResult>;
  connect: () => () => void;
}

export function createProductsStore(api: RegioApi): StoreApi<ProductsState> {
  let generation = 0;
  return createStore<ProductsState>()((set, get) => ({
    status: 'idle',
    products: [],
    includeInactive: false,
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const products = await api.call('products:list', { includeInactive: get().includeInactive });
        if (mine === generation) set({ status: 'ready', products, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    setIncludeInactive: async (v) => {
      set({ includeInactive: v });
      await get().load();
    },
    create: async (input) => {
      const p = await api.call('products:create', input);
      await get().load();
      return p;
    },
    update: async (input) => {
      const p = await api.call('products:update', input);
      await get().load();
      return p;
    },
    importCsv: async (fileName, data, dryRun) => {
      const r = await api.call('products:import', { fileName, data, dryRun });
      if (!dryRun) await get().load();
      return r;
    },
    connect: () =>
      watch(
        api,
        ['products'],
        () => get().status !== 'idle',
        () => get().load(),
      ),
  }));
}

// ---- promotions ----

export interface PromotionsState {
  status: LoadStatus;
  promotions: Promotion[];
  /** Active products, for the promotion's product picker. */
  products: Product[];
  error: unknown;
  load: () => Promise<void>;
  create: (input: CommandInput<'promotions:create'>) => Promise<Promotion>;
  update: (input: CommandInput<'promotions:update'>) => Promise<Promotion>;
  connect: () => () => void;
}

export function createPromotionsStore(api: RegioApi): StoreApi<PromotionsState> {
  let generation = 0;
  return createStore<PromotionsState>()((set, get) => ({
    status: 'idle',
    promotions: [],
    products: [],
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const [promotions, products] = await Promise.all([
          api.call('promotions:list', {}),
          api.call('products:list', { includeInactive: false }),
        ]);
        if (mine === generation) set({ status: 'ready', promotions, products, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    create: async (input) => {
      const p = await api.call('promotions:create', input);
      await get().load();
      return p;
    },
    update: async (input) => {
      const p = await api.call('promotions:update', input);
      await get().load();
      return p;
    },
    connect: () =>
      watch(
        api,
        ['promotions', 'products'],
        () => get().status !== 'idle',
        () => get().load(),
      ),
  }));
}

// ---- visit standards ----

export interface StandardsState {
  status: LoadStatus;
  rows: VisitStandardRow[];
  /** What the last save returned: its overlaps are the warning shown after saving. */
  lastSaved: VisitStandardRow | null;
  error: unknown;
  load: () => Promise<void>;
  save: (input: CommandInput<'visitStandards:save'>) => Promise<VisitStandardRow>;
  archive: (lineageId: string) => Promise<void>;
  history: (lineageId: string) => Promise<VisitStandard[]>;
  dismissSaved: () => void;
  connect: () => () => void;
}

export function createStandardsStore(api: RegioApi): StoreApi<StandardsState> {
  let generation = 0;
  return createStore<StandardsState>()((set, get) => ({
    status: 'idle',
    rows: [],
    lastSaved: null,
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const rows = await api.call('visitStandards:list', {});
        if (mine === generation) set({ status: 'ready', rows, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    save: async (input) => {
      const row = await api.call('visitStandards:save', input);
      set({ lastSaved: row });
      await get().load();
      return row;
    },
    archive: async (lineageId) => {
      await api.call('visitStandards:archive', { lineageId });
      const saved = get().lastSaved;
      if (saved?.standard.lineageId === lineageId) set({ lastSaved: null });
      await get().load();
    },
    history: (lineageId) => api.call('visitStandards:history', { lineageId }),
    dismissSaved: () => set({ lastSaved: null }),
    connect: () =>
      watch(
        api,
        ['visitStandards'],
        () => get().status !== 'idle',
        () => get().load(),
      ),
  }));
}
