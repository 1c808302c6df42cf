import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionRow, BudgetRow } from '../../../../../shared/contract/actions.schema';
import { ApiError } from '../../../api/regio-api';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';
import { addMonths } from '../action-format';

// The budget screen (PRODUCT.md §3 "Budget arithmetic"): one month's figures per rep as the core
// computes them (budgets:list scopes the rows: a rep their own, a manager the team's, the admin
// everyone's), the actions behind any one figure, and the manager's budget edit. The figures are
// never computed here: the core owns the arithmetic, this store only shows and refetches it.

/** A figure of the table; 'budget' and 'available' open all the month's actions of the rep. */
export type Figure = 'budget' | 'reserved' | 'committed' | 'settled' | 'available';

/** What blocks a budget edit: the month already holds this much (PRODUCT.md §3 invariant). */
export interface BudgetRefusal {
  amount: number;
  reserved: number;
  committed: number;
  minimum: number;
}

export interface FigureList {
  repId: string;
  repName: string;
  figure: Figure;
  /** The figure's amount as the table showed it when opened. */
  amount: number;
  status: LoadStatus;
  rows: ActionRow[];
  error: unknown;
}

export interface BudgetEdit {
  repId: string;
  repName: string;
  /** The budget now (0 when none was set), the dialog's starting value. */
  current: number;
  isSet: boolean;
  note: string;
  saving: boolean;
  refusal: BudgetRefusal | null;
  /** Any other failure (validation, rights, the store): shown as the core said it. */
  error: unknown;
}

export interface BudgetState {
  /** 'YYYY-MM'; null until the office's today is known. */
  month: string | null;
  status: LoadStatus;
  rows: BudgetRow[];
  error: unknown;
  figure: FigureList | null;
  edit: BudgetEdit | null;

  /** The screen opens at the office's today's month; a later call leaves the chosen month alone. */
  start: (month: string) => Promise<void>;
  setMonth: (month: string) => Promise<void>;
  shift: (delta: -1 | 1) => Promise<void>;
  load: () => Promise<void>;

  openFigure: (row: BudgetRow, figure: Figure) => Promise<void>;
  reloadFigure: () => Promise<void>;
  closeFigure: () => void;

  openEdit: (row: BudgetRow) => void;
  closeEdit: () => void;
  /** Sends budgets:set; true when saved. A refusal stays in `edit` and nothing else changes. */
  saveBudget: (amount: number, note: string) => Promise<boolean>;

  connect: () => () => void;
}

/** What can change the figures: budgets themselves and the actions charged to them. */
const FIGURE_ENTITIES = new Set(['budgets', 'localActions']);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The core's "budget below reserved + committed" refusal, with the figures it names; else null. */
export function budgetRefusal(error: unknown, amount: number): BudgetRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'budget_exceeded') return null;
  const d = error.data.details ?? {};
  const reserved = num(d.reserved);
  const committed = num(d.committed);
  if (reserved === null || committed === null) return null;
  return {
    amount: num(d.amount) ?? amount,
    reserved,
    committed,
    minimum: num(d.minimum) ?? reserved + committed,
  };
}

export function createBudgetStore(api: RegioApi): StoreApi<BudgetState> {
  let generation = 0;
  let figureGeneration = 0;
  return createStore<BudgetState>()((set, get) => {
    const loadFigure = async () => {
      const f = get().figure;
      const month = get().month;
      if (!f || !month) return;
      const mine = ++figureGeneration;
      const what = f.figure === 'budget' || f.figure === 'available' ? {} : { figure: f.figure };
      try {
        const rows = await api.call('actions:list', { repId: f.repId, budgetMonth: month, ...what });
        const now = get().figure;
        if (mine === figureGeneration && now) set({ figure: { ...now, status: 'ready', rows, error: null } });
      } catch (error) {
        const now = get().figure;
        if (mine === figureGeneration && now) set({ figure: { ...now, status: 'failed', error } });
      }
    };

    return {
      month: null,
      status: 'idle',
      rows: [],
      error: null,
      figure: null,
      edit: null,

      start: async (month) => {
        if (get().month !== null) return get().load();
        await get().setMonth(month);
      },
      setMonth: async (month) => {
        // Another month's rows must not show under this month's name, even for a moment.
        set({ month, rows: [], status: 'loading', figure: null });
        await get().load();
      },
      shift: async (delta) => {
        const month = get().month;
        if (month) await get().setMonth(addMonths(month, delta));
      },
      load: async () => {
        const month = get().month;
        if (!month) return;
        const mine = ++generation;
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const rows = await api.call('budgets:list', { month });
          if (mine === generation) set({ status: 'ready', rows, error: null });
        } catch (error) {
          if (mine === generation) set({ status: 'failed', error });
        }
      },

      openFigure: async (row, figure) => {
        set({
          figure: {
            repId: row.repId,
            repName: row.repName,
            figure,
            amount: row[figure],
            status: 'loading',
            rows: [],
            error: null,
          },
        });
        await loadFigure();
      },
      reloadFigure: async () => {
        const f = get().figure;
        if (!f) return;
        set({ figure: { ...f, status: 'loading', error: null } });
        await loadFigure();
      },
      closeFigure: () => {
        figureGeneration++;
        set({ figure: null });
      },

      openEdit: (row) =>
        set({
          edit: {
            repId: row.repId,
            repName: row.repName,
            current: row.budget,
            isSet: row.isSet,
            note: row.note,
            saving: false,
            refusal: null,
            error: null,
          },
        }),
      closeEdit: () => set({ edit: null }),
      saveBudget: async (amount, note) => {
        const edit = get().edit;
        const month = get().month;
        if (!edit || !month) return false;
        set({ edit: { ...edit, saving: true, refusal: null, error: null } });
        try {
          const saved = await api.call('budgets:set', { repId: edit.repId, month, amount, note });
          // Show the new row at once; the data:changed that follows refetches the rest.
          set((s) => ({
            edit: null,
            rows: s.month === saved.month ? s.rows.map((r) => (r.repId === saved.repId ? saved : r)) : s.rows,
          }));
          return true;
        } catch (error) {
          const current = get().edit;
          if (current)
            set({
              edit: { ...current, saving: false, refusal: budgetRefusal(error, amount), error },
            });
          return false;
        }
      },

      connect: () => {
        const offChanged = api.on('data:changed', ({ entities }) => {
          if (get().status === 'idle' || !entities.some((e) => FIGURE_ENTITIES.has(e))) return;
          void get().load();
          if (get().figure) void loadFigure();
        });
        const offLoaded = api.on('store:loaded', () => {
          if (get().status !== 'idle') void get().load();
        });
        return () => {
          offChanged();
          offLoaded();
        };
      },
    };
  });
}
