import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { MAX_TARGET } from '../../../../shared/contract/plans.schema';
import type { PlanRow, PlanTargets } from '../../../../shared/contract/plans.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';
import { addMonths } from '../actions/action-format';

// The sales plans screen (PRODUCT.md §2 "Sales plan", §6 "Plan progress"): one month's targets
// per rep against the actuals the core counts from the records (plans:list scopes the rows: a rep
// their own, a manager the team's, the admin everyone's), and the manager's "Set targets" edit.
// Nothing is counted here: the core owns the actuals, this store shows and refetches them.

export const METRICS = ['contacts', 'meetings', 'deals'] as const satisfies readonly (keyof PlanTargets)[];
export type Metric = (typeof METRICS)[number];

/** The dialog's three fields as typed: text until they are read as whole numbers on save. */
export type TargetTexts = Record<Metric, string>;

export interface PlanEdit {
  repId: string;
  repName: string;
  isSet: boolean;
  texts: TargetTexts;
  note: string;
  /** Fields that are not a whole number within 0…MAX_TARGET: refused before anything is sent. */
  invalid: Metric[];
  saving: boolean;
  /** What the core said when it refused (validation, rights, the store). */
  error: unknown;
}

export interface PlansState {
  /** 'YYYY-MM'; null until the office's today is known. */
  month: string | null;
  status: LoadStatus;
  rows: PlanRow[];
  error: unknown;
  edit: PlanEdit | null;

  /** The screen opens at the office's today's month; a later call leaves the chosen month alone. */
  start: (month: string) => Promise<void>;
  setMonth: (month: string) => Promise<void>;
  shift: (delta: -1 | 1) => Promise<void>;
  load: () => Promise<void>;

  openEdit: (row: PlanRow) => void;
  setText: (metric: Metric, text: string) => void;
  setNote: (note: string) => void;
  closeEdit: () => void;
  /** Sends plans:set; true when saved. Bad numbers are refused here and nothing is sent. */
  save: () => Promise<boolean>;

  connect: () => () => void;
}

/** What the rows are made of: the plans, the records counted against them, and the reps. */
export const PLAN_ENTITIES = new Set(['salesPlans', 'deals', 'visits', 'calls', 'users', 'offices']);

/** "12", " 12 " → 12; anything but a whole number within the contract's range → null. */
export function parseTarget(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_TARGET ? n : null;
}

/** Actual over target as a 0…∞ ratio; a target of 0 is met already (so the bar is full, not empty). */
export function progressOf(actual: number, target: number): number {
  return target <= 0 ? 1 : actual / target;
}

export function createPlansStore(api: RegioApi): StoreApi<PlansState> {
  let generation = 0;
  return createStore<PlansState>()((set, get) => ({
    month: null,
    status: 'idle',
    rows: [],
    error: null,
    edit: null,

    start: async (month) => {
      if (get().month !== null) return get().load();
      await get().setMonth(month);
    },
    setMonth: async (month) => {
      // Another month's rows must not show under this month's name, even for a moment.
      set({ month, rows: [], status: 'loading', edit: null });
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
        const rows = await api.call('plans:list', { month });
        if (mine === generation) set({ status: 'ready', rows, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },

    openEdit: (row) =>
      set({
        edit: {
          repId: row.repId,
          repName: row.repName,
          isSet: row.isSet,
          // An unset plan starts empty rather than at three zeros nobody chose.
          texts: {
            contacts: row.isSet ? String(row.targets.contacts) : '',
            meetings: row.isSet ? String(row.targets.meetings) : '',
            deals: row.isSet ? String(row.targets.deals) : '',
          },
          note: row.note,
          invalid: [],
          saving: false,
          error: null,
        },
      }),
    setText: (metric, text) => {
      const edit = get().edit;
      if (edit)
        set({
          edit: {
            ...edit,
            texts: { ...edit.texts, [metric]: text },
            invalid: edit.invalid.filter((m) => m !== metric),
          },
        });
    },
    setNote: (note) => {
      const edit = get().edit;
      if (edit) set({ edit: { ...edit, note } });
    },
    closeEdit: () => set({ edit: null }),
    save: async () => {
      const edit = get().edit;
      const month = get().month;
      if (!edit || !month || edit.saving) return false;
      const parsed = METRICS.map((m) => [m, parseTarget(edit.texts[m])] as const);
      const invalid = parsed.filter(([, v]) => v === null).map(([m]) => m);
      if (invalid.length > 0) {
        set({ edit: { ...edit, invalid, error: null } });
        return false;
      }
      const targets = Object.fromEntries(parsed) as PlanTargets;
      set({ edit: { ...edit, invalid: [], saving: true, error: null } });
      try {
        const saved = await api.call('plans:set', {
          repId: edit.repId,
          month,
          targets,
          note: edit.note.trim(),
        });
        // Show the new row at once; the data:changed that follows refetches the rest.
        set((s) => ({
          edit: null,
          rows: s.month === saved.month ? s.rows.map((r) => (r.repId === saved.repId ? saved : r)) : s.rows,
        }));
        return true;
      } catch (error) {
        const current = get().edit;
        if (current) set({ edit: { ...current, saving: false, error } });
        return false;
      }
    },

    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().status === 'idle' || !entities.some((e) => PLAN_ENTITIES.has(e))) return;
        void get().load();
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
