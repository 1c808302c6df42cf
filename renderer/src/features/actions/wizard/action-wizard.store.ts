import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ActionDetail,
  ActionDraftFields,
  SettlementMethod,
} from '../../../../../shared/contract/actions.schema';
import type { Product } from '../../../../../shared/contract/catalog.schema';
import type { ClientRow } from '../../../../../shared/contract/clients.schema';
import type { CommandInput } from '../../../../../shared/contract/commands';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import { ApiError, toErrorData } from '../../../api/regio-api';
import type { RegioApi } from '../../../api/regio-api';
import { addMonths, monthOfDate, parseMoney } from '../action-format';

// The registration wizard's state: four steps, each checked before the next, then a draft or a
// registration through actions:create. A refusal keeps every value typed and goes back to the
// step whose field the core named; the live budget figure follows the chosen month.

export type WizardStep = 1 | 2 | 3 | 4;
export const STEPS = [1, 2, 3, 4] as const;

export interface WizardClient {
  id: string;
  name: string;
  city: string;
}

export interface WizardForm {
  client: WizardClient | null;
  startDate: string;
  endDate: string;
  modeId: string;
  title: string;
  description: string;
  conditions: string[];
  /** The condition being typed, not yet added. */
  conditionDraft: string;
  productIds: string[];
  method: SettlementMethod | '';
  amountText: string;
  budgetMonth: string;
  /** Until the user picks a month, it follows the start date. */
  monthTouched: boolean;
}

/** A field as the core's issue paths name it (conditions by index: 'conditions.2'). */
export type WizardField = keyof ActionDraftFields | `conditions.${number}`;

export interface BudgetHint {
  month: string;
  status: 'loading' | 'ready' | 'failed';
  available: number | null;
}

export interface ActionWizardState {
  step: WizardStep;
  form: WizardForm;
  /** Problems found here before asking the core: field → key in the `actions` namespace. */
  local: Partial<Record<string, string>>;
  /** What the core said to the last submit. */
  error: unknown;
  /** Counts submits and refused steps: the screen moves the focus to the first problem on each. */
  attempt: number;
  busy: boolean;
  today: string | null;
  modes: DictionaryItem[];
  products: Product[];
  budget: BudgetHint | null;

  /** The office's today is known: default dates and month, load the choices and the budget. */
  start: (today: string) => Promise<void>;
  set: (patch: Partial<WizardForm>) => void;
  next: () => boolean;
  back: () => void;
  addCondition: () => void;
  setCondition: (index: number, text: string) => void;
  removeCondition: (index: number) => void;
  toggleProduct: (id: string) => void;
  searchClients: (query: string) => Promise<ClientRow[]>;
  loadBudget: () => Promise<void>;
  /** Saves a draft or registers; answers the action, or null when refused (see `local`/`error`). */
  submit: (register: boolean) => Promise<ActionDetail | null>;
  connect: () => () => void;
}

export interface WizardOptions {
  /** Whose budget the figure is (the signed-in rep). */
  repId: string;
  /** A rep searches their own clients. */
  ownClientsOf?: string | undefined;
  /** A client chosen before the wizard opened (e.g. from the client's card). */
  client?: WizardClient | undefined;
}

/** Which step shows each field. */
export function stepOf(field: string): WizardStep {
  const base = field.split('.')[0] ?? field;
  if (base === 'clientId') return 1;
  if (['startDate', 'endDate', 'modeId', 'title', 'description'].includes(base)) return 2;
  if (base === 'conditions' || base === 'productIds') return 3;
  return 4;
}

const emptyForm = (client: WizardClient | null): WizardForm => ({
  client,
  startDate: '',
  endDate: '',
  modeId: '',
  title: '',
  description: '',
  conditions: [],
  conditionDraft: '',
  productIds: [],
  method: '',
  amountText: '',
  budgetMonth: '',
  monthTouched: false,
});

/** The conditions as they will be sent: the typed-but-not-added one included, blanks dropped. */
export function conditionsOf(f: WizardForm): string[] {
  return [...f.conditions, f.conditionDraft].map((c) => c.trim()).filter((c) => c !== '');
}

const AMOUNT_REASON: Record<string, string> = {
  empty: 'wizard.errors.required',
  format: 'wizard.errors.amount_format',
  decimals: 'wizard.errors.amount_decimals',
  negative: 'wizard.errors.amount_negative',
  too_large: 'wizard.errors.amount_too_large',
};

/** What one step lacks before the next may open (keys in the `actions` namespace). */
export function validateStep(step: WizardStep, f: WizardForm): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  const required = 'wizard.errors.required';
  if (step === 1 && !f.client) out.clientId = 'wizard.errors.client_required';
  if (step === 2) {
    if (!f.startDate) out.startDate = required;
    if (!f.endDate) out.endDate = required;
    else if (f.startDate && f.endDate < f.startDate) out.endDate = 'wizard.errors.end_before_start';
    if (!f.modeId) out.modeId = required;
    if (!f.title.trim()) out.title = required;
  }
  if (step === 3 && conditionsOf(f).length === 0) out.conditions = 'wizard.errors.conditions_required';
  if (step === 4) {
    if (!f.method) out.settlementMethod = required;
    const amount = parseMoney(f.amountText);
    if (!amount.ok) out.agreedAmount = AMOUNT_REASON[amount.reason];
    else if (amount.value <= 0) out.agreedAmount = 'wizard.errors.amount_positive';
    if (!f.budgetMonth) out.budgetMonth = required;
  }
  return out;
}

/** The months a budget may come from: this month and the next two (and the start's, if later). */
export function monthChoices(today: string | null, startDate: string): string[] {
  if (!today) return [];
  const first = monthOfDate(today);
  const out = [first, addMonths(first, 1), addMonths(first, 2)];
  const startMonth = /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? monthOfDate(startDate) : '';
  if (startMonth > first && !out.includes(startMonth)) out.push(startMonth);
  return out.sort();
}

/** The input for actions:create from the form (a draft may lack anything but the client). */
export function fieldsOf(f: WizardForm): CommandInput<'actions:create'>['fields'] {
  const amount = parseMoney(f.amountText);
  return {
    clientId: f.client?.id ?? '',
    title: f.title.trim(),
    startDate: f.startDate || null,
    endDate: f.endDate || null,
    modeId: f.modeId || null,
    description: f.description.trim(),
    conditions: conditionsOf(f),
    settlementMethod: f.method || null,
    agreedAmount: amount.ok ? amount.value : null,
    budgetMonth: f.budgetMonth || null,
    productIds: f.productIds,
  };
}

/** The core names fields inside `fields` when the contract refuses the input, bare when a rule does. */
export function normalizedError(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.data.issues?.length) return error;
  const data = toErrorData(error);
  return new ApiError({
    ...data,
    issues: (data.issues ?? []).map((i) => (i.path[0] === 'fields' ? { ...i, path: i.path.slice(1) } : i)),
  });
}

/**
 * The core's error once the user has edited some of the fields it named: their messages go (they
 * may no longer hold), and a validation error with nothing left to say goes entirely. A refusal
 * over budget stays, since what is available remains worth knowing while the amount changes.
 */
export function withoutIssuesOf(error: unknown, fields: readonly string[]): unknown {
  if (!(error instanceof ApiError) || !error.data.issues?.length) return error;
  const issues = error.data.issues.filter((i) => !fields.includes(i.path.join('.')));
  if (issues.length === error.data.issues.length) return error;
  if (issues.length === 0 && error.data.code === 'validation') return null;
  return new ApiError({ ...error.data, issues });
}

/** The earliest step showing a field the error names, if any. */
export function stepOfError(error: unknown): WizardStep | null {
  const data = toErrorData(error);
  if (data.code === 'budget_exceeded') return 4;
  const steps = (data.issues ?? []).map((i) => stepOf(i.path.join('.')));
  return steps.length ? (Math.min(...steps) as WizardStep) : null;
}

export function createActionWizardStore(api: RegioApi, opts: WizardOptions): StoreApi<ActionWizardState> {
  let budgetGeneration = 0;
  return createStore<ActionWizardState>()((set, get) => {
    /** A month that follows the start date (never one already past). */
    const followMonth = (f: WizardForm, today: string | null): string => {
      if (f.monthTouched) return f.budgetMonth;
      const choices = monthChoices(today, f.startDate);
      const wanted = f.startDate ? monthOfDate(f.startDate) : (choices[0] ?? '');
      return choices.includes(wanted) ? wanted : (choices[0] ?? f.budgetMonth);
    };

    return {
      step: 1,
      form: emptyForm(opts.client ?? null),
      local: {},
      error: null,
      attempt: 0,
      busy: false,
      today: null,
      modes: [],
      products: [],
      budget: null,

      start: async (today) => {
        const f = get().form;
        const startDate = f.startDate || today;
        const form = { ...f, startDate };
        set({ today, form: { ...form, budgetMonth: followMonth(form, today) } });
        const [modes, products] = await Promise.all([
          api.call('dictionaries:list', { kind: 'actionMode' }).catch(() => [] as DictionaryItem[]),
          api.call('products:list', {}).catch(() => [] as Product[]),
          get().loadBudget(),
        ]);
        set({
          modes: modes.filter((m) => m.active).sort((a, b) => a.order - b.order),
          products: products.filter((p) => p.active),
        });
      },

      set: (patch) => {
        const s = get();
        let form = { ...s.form, ...patch };
        if ('startDate' in patch || 'monthTouched' in patch)
          form = { ...form, budgetMonth: followMonth(form, s.today) };
        // An edited field's old message is stale until the next check.
        const local = { ...s.local };
        const touched = Object.keys(patch).map((k) =>
          k === 'client'
            ? 'clientId'
            : k === 'method'
              ? 'settlementMethod'
              : k === 'amountText'
                ? 'agreedAmount'
                : k,
        );
        for (const k of touched) delete local[k];
        if ('conditionDraft' in patch) delete local.conditions;
        set({ form, local, error: withoutIssuesOf(s.error, touched) });
        if (form.budgetMonth !== s.form.budgetMonth) void get().loadBudget();
      },

      next: () => {
        const s = get();
        const problems = validateStep(s.step, s.form);
        if (Object.keys(problems).length) {
          set({ local: problems, attempt: s.attempt + 1 });
          return false;
        }
        // A condition typed but not added counts: nobody should lose it to a missed click.
        if (s.step === 3 && s.form.conditionDraft.trim()) get().addCondition();
        set({ step: Math.min(4, s.step + 1) as WizardStep, local: {} });
        return true;
      },

      back: () => set({ step: Math.max(1, get().step - 1) as WizardStep, local: {} }),

      addCondition: () => {
        const f = get().form;
        const text = f.conditionDraft.trim();
        if (!text) return;
        set({ form: { ...f, conditions: [...f.conditions, text], conditionDraft: '' }, local: {} });
      },
      setCondition: (index, text) => {
        const f = get().form;
        set({
          form: { ...f, conditions: f.conditions.map((c, i) => (i === index ? text : c)) },
          error: withoutIssuesOf(get().error, [`conditions.${index}`]),
        });
      },
      removeCondition: (index) => {
        const f = get().form;
        // The lines below move up: messages the core gave by index no longer point at them.
        const named = ['conditions', ...f.conditions.map((_, i) => `conditions.${i}`)];
        set({
          form: { ...f, conditions: f.conditions.filter((_, i) => i !== index) },
          error: withoutIssuesOf(get().error, named),
        });
      },
      toggleProduct: (id) => {
        const f = get().form;
        const productIds = f.productIds.includes(id)
          ? f.productIds.filter((p) => p !== id)
          : [...f.productIds, id];
        set({ form: { ...f, productIds } });
      },

      searchClients: async (query) => {
        const input: CommandInput<'clients:list'> = { query, status: 'active', limit: 20 };
        if (opts.ownClientsOf) input.repId = opts.ownClientsOf;
        const { rows } = await api.call('clients:list', input);
        return rows;
      },

      loadBudget: async () => {
        const month = get().form.budgetMonth;
        const mine = ++budgetGeneration;
        if (!month) {
          set({ budget: null });
          return;
        }
        const prev = get().budget;
        set({
          budget: { month, status: 'loading', available: prev?.month === month ? prev.available : null },
        });
        try {
          const rows = await api.call('budgets:list', { month, repId: opts.repId });
          const row = rows.find((r) => r.repId === opts.repId && r.month === month) ?? rows[0];
          if (mine === budgetGeneration)
            set({ budget: { month, status: 'ready', available: row ? row.available : 0 } });
        } catch {
          if (mine === budgetGeneration) set({ budget: { month, status: 'failed', available: null } });
        }
      },

      submit: async (register) => {
        const s = get();
        if (s.busy) return null;
        // The form as sent: a typed condition added, blanks dropped, so issue indexes match the list.
        const form = { ...s.form, conditions: conditionsOf(s.form), conditionDraft: '' };
        let problems: Partial<Record<string, string>> = {};
        if (register) {
          for (const step of STEPS) problems = { ...problems, ...validateStep(step, form) };
        } else {
          if (!form.client) problems.clientId = 'wizard.errors.client_required';
          const amount = parseMoney(form.amountText);
          if (!amount.ok && amount.reason !== 'empty') problems.agreedAmount = AMOUNT_REASON[amount.reason];
        }
        const fields = Object.keys(problems);
        if (fields.length) {
          const step = Math.min(...fields.map(stepOf)) as WizardStep;
          set({ form, local: problems, step, error: null, attempt: s.attempt + 1 });
          return null;
        }
        set({ form, local: {}, error: null, busy: true });
        try {
          const detail = await api.call('actions:create', { fields: fieldsOf(form), register });
          set({ busy: false });
          return detail;
        } catch (e) {
          const error = normalizedError(e);
          const step = stepOfError(error);
          set({ error, busy: false, attempt: get().attempt + 1, ...(step ? { step } : {}) });
          // The figure that refused it is news: show what is available now.
          if (toErrorData(error).code === 'budget_exceeded') void get().loadBudget();
          return null;
        }
      },

      connect: () =>
        api.on('data:changed', ({ entities }) => {
          if (entities.some((e) => e === 'budgets' || e === 'localActions')) void get().loadBudget();
        }),
    };
  });
}
