import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionRow, ActionStage } from '../../../../../shared/contract/actions.schema';
import { ACTION_STAGES } from '../../../../../shared/contract/actions.schema';
import type { CommandInput } from '../../../../../shared/contract/commands';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';
import { CLOSED_STAGES, OPEN_STAGES } from '../action-format';

// The local-action list (a rep's own, a manager's team's: the core decides the scope), as
// actions:list answers it for the filters chosen, refetched whenever actions or budgets change.

/** A group of stages, or one stage. */
export type StageFilter = 'open' | 'closed' | 'all' | ActionStage;

export interface ActionListFilters {
  stage: StageFilter;
  text: string;
  /** 'YYYY-MM', or '' for any month. */
  budgetMonth: string;
}

export interface ActionsListState {
  filters: ActionListFilters;
  status: LoadStatus;
  rows: ActionRow[];
  error: unknown;
  load: () => Promise<void>;
  setFilters: (patch: Partial<ActionListFilters>) => Promise<void>;
  clearFilters: () => Promise<void>;
  reset: () => void;
  connect: () => () => void;
}

export const DEFAULT_FILTERS: ActionListFilters = { stage: 'open', text: '', budgetMonth: '' };

/** What the list shows: the actions themselves, and budgets (a budget month's rows move with them). */
const LISTED = new Set(['localActions', 'budgets', 'clients', 'users']);

export function stagesOf(stage: StageFilter): ActionStage[] {
  if (stage === 'open') return [...OPEN_STAGES];
  if (stage === 'closed') return [...CLOSED_STAGES];
  if (stage === 'all') return [...ACTION_STAGES];
  return [stage];
}

/** The command's input for the filters: only what narrows the list is sent. */
export function listInput(f: ActionListFilters): CommandInput<'actions:list'> {
  const input: CommandInput<'actions:list'> = { stages: stagesOf(f.stage) };
  const text = f.text.trim();
  if (text) input.text = text.slice(0, 100);
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(f.budgetMonth)) input.budgetMonth = f.budgetMonth;
  return input;
}

export function createActionsListStore(api: RegioApi): StoreApi<ActionsListState> {
  // Loads overlap while someone types: only the newest may write.
  let generation = 0;
  return createStore<ActionsListState>()((set, get) => ({
    filters: DEFAULT_FILTERS,
    status: 'idle',
    rows: [],
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const rows = await api.call('actions:list', listInput(get().filters));
        if (mine === generation) set({ status: 'ready', rows, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    setFilters: async (patch) => {
      set({ filters: { ...get().filters, ...patch } });
      await get().load();
    },
    clearFilters: async () => {
      set({ filters: DEFAULT_FILTERS });
      await get().load();
    },
    reset: () => {
      generation++;
      set({ filters: DEFAULT_FILTERS, status: 'idle', rows: [], error: null });
    },
    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().status !== 'idle' && entities.some((e) => LISTED.has(e))) void get().load();
      });
      const offLoaded = api.on('store:loaded', () => {
        if (get().status !== 'idle') void get().load();
      });
      return () => {
        offChanged();
        offLoaded();
      };
    },
  }));
}
