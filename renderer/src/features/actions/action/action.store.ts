import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionDetail } from '../../../../../shared/contract/actions.schema';
import type { Product } from '../../../../../shared/contract/catalog.schema';
import type { CommandInput, CommandOutput } from '../../../../../shared/contract/commands';
import type { DictionaryItem, DictionaryKind } from '../../../../../shared/contract/dictionaries.schema';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';

// One local action as actions:get answers it for the signed-in person: the core decides which
// steps they may take (detail.can) and checks every one again. Each step answers with the action
// as it stands afterwards, shown at once; anything else that changes it arrives as data:changed.

export type Thumb = { status: 'loading' } | { status: 'ready'; src: string } | { status: 'failed' };

type Options<T> = { status: LoadStatus; items: T[] };

export interface ActionState {
  actionId: string | null;
  active: boolean;
  status: LoadStatus;
  detail: ActionDetail | null;
  error: unknown;
  /** Photo thumbnails by attachment id, as data: URLs. */
  thumbs: Record<string, Thumb>;
  /** Dictionary items the dialogs offer (modes, failure reasons), loaded when a dialog opens. */
  dictionaries: Partial<Record<DictionaryKind, Options<DictionaryItem>>>;
  /** Every active product, for an order in products beyond the action's own. */
  products: Options<Product>;

  open: (actionId: string) => Promise<void>;
  close: () => void;
  load: () => Promise<void>;
  loadThumb: (attachmentId: string) => Promise<void>;
  /** The photo itself (not its thumbnail), as a data: URL. */
  photo: (attachmentId: string) => Promise<string>;
  loadDictionary: (kind: DictionaryKind) => Promise<void>;
  loadProducts: () => Promise<void>;

  edit: (input: Omit<CommandInput<'actions:edit'>, 'id'>) => Promise<ActionDetail>;
  register: () => Promise<ActionDetail>;
  cancel: (note: string) => Promise<ActionDetail>;
  closeUnsettled: (input: Omit<CommandInput<'actions:close'>, 'id'>) => Promise<ActionDetail>;
  recommend: (input: Omit<CommandInput<'actions:recommend'>, 'id'>) => Promise<ActionDetail>;
  approve: (input: Omit<CommandInput<'actions:approve'>, 'id'>) => Promise<ActionDetail>;
  returnToRep: (note: string) => Promise<ActionDetail>;
  reject: (note: string) => Promise<ActionDetail>;
  settle: (input: Omit<CommandInput<'actions:settle'>, 'id'>) => Promise<ActionDetail>;
  settlementOrder: () => Promise<CommandOutput<'actions:settlementOrder'>>;

  reset: () => void;
  connect: () => () => void;
}

/** What an action's screen shows is made of these: any of them changing may change it. */
export const ACTION_ENTITIES = new Set([
  'localActions',
  'tasks',
  'visits',
  'budgets',
  'attachments',
  'clients',
  'products',
  'dictionaries',
]);

const initial = () => ({
  actionId: null,
  active: false,
  status: 'idle' as LoadStatus,
  detail: null,
  error: null,
  thumbs: {} as Record<string, Thumb>,
  dictionaries: {} as Partial<Record<DictionaryKind, Options<DictionaryItem>>>,
  products: { status: 'idle' as LoadStatus, items: [] as Product[] },
});

const dataUrl = (file: { mimeType: string; data: string }) => `data:${file.mimeType};base64,${file.data}`;

export function createActionStore(api: RegioApi): StoreApi<ActionState> {
  let generation = 0;
  return createStore<ActionState>()((set, get) => {
    const idOf = (): string => {
      const id = get().actionId;
      if (!id) throw new Error('No action open');
      return id;
    };
    /** A step's answer is the action as the core has it now: show it without a second wait. */
    const show = (detail: ActionDetail): ActionDetail => {
      if (detail.action.id === get().actionId) {
        generation++;
        set({ status: 'ready', detail, error: null });
      }
      return detail;
    };

    return {
      ...initial(),

      open: async (actionId) => {
        if (actionId !== get().actionId) {
          generation++;
          set({ ...initial(), actionId, status: 'loading' });
        }
        set({ active: true });
        await get().load();
      },
      close: () => set({ active: false }),

      load: async () => {
        const id = get().actionId;
        if (!id) return;
        const mine = ++generation;
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const detail = await api.call('actions:get', { id });
          if (mine === generation) set({ status: 'ready', detail, error: null });
        } catch (error) {
          if (mine === generation) set({ status: 'failed', error });
        }
      },

      loadThumb: async (attachmentId) => {
        if (get().thumbs[attachmentId]) return;
        set({ thumbs: { ...get().thumbs, [attachmentId]: { status: 'loading' } } });
        try {
          const file = await api.call('attachments:get', { id: attachmentId, thumbnail: true });
          set({ thumbs: { ...get().thumbs, [attachmentId]: { status: 'ready', src: dataUrl(file) } } });
        } catch {
          set({ thumbs: { ...get().thumbs, [attachmentId]: { status: 'failed' } } });
        }
      },

      // Not kept: full-size photos are large, and one is looked at a time.
      photo: async (attachmentId) => dataUrl(await api.call('attachments:get', { id: attachmentId })),

      loadDictionary: async (kind) => {
        const had = get().dictionaries[kind];
        if (had && had.status !== 'failed') return;
        const put = (o: Options<DictionaryItem>) =>
          set({ dictionaries: { ...get().dictionaries, [kind]: o } });
        put({ status: 'loading', items: [] });
        try {
          const items = await api.call('dictionaries:list', { kind });
          put({ status: 'ready', items: [...items].sort((a, b) => a.order - b.order) });
        } catch {
          put({ status: 'failed', items: [] });
        }
      },

      loadProducts: async () => {
        const had = get().products.status;
        if (had === 'loading' || had === 'ready') return;
        set({ products: { status: 'loading', items: [] } });
        try {
          const items = await api.call('products:list', {});
          set({ products: { status: 'ready', items } });
        } catch {
          set({ products: { status: 'failed', items: [] } });
        }
      },

      edit: async (input) => show(await api.call('actions:edit', { id: idOf(), ...input })),
      register: async () => show(await api.call('actions:register', { id: idOf() })),
      cancel: async (note) => show(await api.call('actions:cancel', { id: idOf(), note })),
      closeUnsettled: async (input) => show(await api.call('actions:close', { id: idOf(), ...input })),
      recommend: async (input) => show(await api.call('actions:recommend', { id: idOf(), ...input })),
      approve: async (input) => show(await api.call('actions:approve', { id: idOf(), ...input })),
      returnToRep: async (note) => show(await api.call('actions:return', { id: idOf(), note })),
      reject: async (note) => show(await api.call('actions:reject', { id: idOf(), note })),
      settle: async (input) => show(await api.call('actions:settle', { id: idOf(), ...input })),
      settlementOrder: () => api.call('actions:settlementOrder', { id: idOf() }),

      reset: () => {
        generation++;
        set(initial());
      },
      connect: () =>
        api.on('data:changed', ({ entities }) => {
          const s = get();
          if (entities.some((e) => e === 'dictionaries')) set({ dictionaries: {} });
          if (entities.some((e) => e === 'products')) set({ products: { status: 'idle', items: [] } });
          if (s.active && s.actionId && entities.some((e) => ACTION_ENTITIES.has(e))) void s.load();
        }),
    };
  });
}
