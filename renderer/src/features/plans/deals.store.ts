import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../../shared/contract/commands';
import type { ClientRow } from '../../../../shared/contract/clients.schema';
import type { DealOutcome, DealRow } from '../../../../shared/contract/plans.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';
import { addMonths, moneyInputText, parseMoney } from '../actions/action-format';
import type { MoneyParse } from '../actions/action-format';

// The deals screen (PRODUCT.md §2 "Deal"): one month's deals as deals:list answers them (the core
// scopes them: a rep their own, a manager the team's, the admin the office's), filtered by outcome
// in the core and by text here, and the rep's "Record a deal" / edit / archive. The dialog's form
// lives here too, so what it refuses before sending (a bad amount, no client) is plain state.

/** The most deals a month's list asks for (the contract's ceiling). */
export const DEALS_LIMIT = 1000;

export interface DealFilters {
  /** 'YYYY-MM'; null until the office's today is known. */
  month: string | null;
  outcome: DealOutcome | null;
  text: string;
}

export interface PickedClient {
  id: string;
  name: string;
  city: string;
}

export interface DealDraft {
  /** null: a new deal. */
  id: string | null;
  client: PickedClient | null;
  title: string;
  closedAt: string;
  /** As typed ("12 500,50"); read into minor units on save. */
  value: string;
  outcome: DealOutcome;
  note: string;
}

export type DealField = 'client' | 'title' | 'closedAt' | 'value' | 'note';

/** What the dialog refuses before asking the core, one reason per field. */
export type LocalProblem =
  | 'client'
  | 'title'
  | 'closed'
  | 'closed_future'
  | `value_${Exclude<Extract<MoneyParse, { ok: false }>['reason'], 'decimals'>}`;

export interface DealEditor {
  draft: DealDraft;
  /** The deal as it was when opened (editing): only what changed is sent. */
  original: DealRow | null;
  /** The office's today: a closing day after it is refused. */
  today: string;
  local: Partial<Record<DealField, LocalProblem>>;
  saving: boolean;
  error: unknown;
}

export interface DealsState {
  filters: DealFilters;
  status: LoadStatus;
  rows: DealRow[];
  error: unknown;
  editor: DealEditor | null;
  /** The deal the archive confirmation is about. */
  archiving: DealRow | null;

  start: (month: string) => Promise<void>;
  setMonth: (month: string) => Promise<void>;
  shift: (delta: -1 | 1) => Promise<void>;
  setOutcome: (outcome: DealOutcome | null) => Promise<void>;
  setText: (text: string) => void;
  load: () => Promise<void>;

  /** "Record a deal": today's date, won, and the client when opened from a client's card. */
  openCreate: (today: string, client?: PickedClient | null) => void;
  /** `locale`: the amount is shown as a reader of that language would type it. */
  openEdit: (row: DealRow, today: string, locale: string) => void;
  setDraft: (patch: Partial<DealDraft>) => void;
  closeEditor: () => void;
  /** Validates, then deals:create or deals:edit; the saved row, or null when refused. */
  save: () => Promise<DealRow | null>;
  /** The rep's own active clients matching the text (the dialog's client search). */
  searchClients: (query: string) => Promise<ClientRow[]>;

  askArchive: (row: DealRow) => void;
  cancelArchive: () => void;
  /** deals:archive; throws what the core said (the confirmation shows it). */
  archive: () => Promise<DealRow | null>;

  connect: () => () => void;
}

/** What the rows show: the deals, and the names of their clients and reps. */
export const DEAL_ENTITIES = new Set(['deals', 'clients', 'users']);

/** 'YYYY-MM' → its first and last day, as deals:list takes them (both inclusive). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Folds case and Polish/Czech diacritics, so "zolta" finds "Żółta". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLocaleLowerCase();
}

/** The rows the text filter leaves: every word must appear in the client, title, rep or note. */
export function matchingDeals(rows: readonly DealRow[], text: string): DealRow[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = fold([r.clientName, r.title, r.repName, r.note].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

/** Won and lost deals of the rows: how many and their value. */
export function dealTotals(rows: readonly DealRow[]): { won: number; wonValue: number; lost: number } {
  let won = 0;
  let wonValue = 0;
  let lost = 0;
  for (const r of rows) {
    if (r.outcome === 'won') {
      won++;
      wonValue += r.value;
    } else lost++;
  }
  return { won, wonValue, lost };
}

/** The draft's problems that need no core to see; an empty object when it may be sent. */
export function draftProblems(
  draft: DealDraft,
  today: string,
): { problems: Partial<Record<DealField, LocalProblem>>; value: number | null } {
  const problems: Partial<Record<DealField, LocalProblem>> = {};
  if (!draft.client) problems.client = 'client';
  if (draft.title.trim() === '') problems.title = 'title';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.closedAt)) problems.closedAt = 'closed';
  else if (draft.closedAt > today) problems.closedAt = 'closed_future';
  const money = parseMoney(draft.value);
  let value: number | null = null;
  if (money.ok) value = money.value;
  else problems.value = money.reason === 'decimals' ? 'value_format' : `value_${money.reason}`;
  return { problems, value };
}

const emptyEditor = (draft: DealDraft, today: string, original: DealRow | null = null): DealEditor => ({
  draft,
  original,
  today,
  local: {},
  saving: false,
  error: null,
});

export function createDealsStore(api: RegioApi, opts: { repId?: string | null } = {}): StoreApi<DealsState> {
  let generation = 0;
  return createStore<DealsState>()((set, get) => ({
    filters: { month: null, outcome: null, text: '' },
    status: 'idle',
    rows: [],
    error: null,
    editor: null,
    archiving: null,

    start: async (month) => {
      if (get().filters.month !== null) return get().load();
      await get().setMonth(month);
    },
    setMonth: async (month) => {
      set((s) => ({ filters: { ...s.filters, month }, rows: [], status: 'loading' }));
      await get().load();
    },
    shift: async (delta) => {
      const month = get().filters.month;
      if (month) await get().setMonth(addMonths(month, delta));
    },
    setOutcome: async (outcome) => {
      set((s) => ({ filters: { ...s.filters, outcome }, status: 'loading' }));
      await get().load();
    },
    setText: (text) => set((s) => ({ filters: { ...s.filters, text } })),
    load: async () => {
      const { month, outcome } = get().filters;
      if (!month) return;
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      const input: CommandInput<'deals:list'> = { ...monthRange(month), limit: DEALS_LIMIT };
      if (outcome) input.outcome = outcome;
      try {
        const rows = await api.call('deals:list', input);
        if (mine === generation) set({ status: 'ready', rows, error: null });
      } catch (error) {
        if (mine === generation) set({ status: 'failed', error });
      }
    },

    openCreate: (today, client = null) =>
      set({
        editor: emptyEditor(
          { id: null, client, title: '', closedAt: today, value: '', outcome: 'won', note: '' },
          today,
        ),
      }),
    openEdit: (row, today, locale) =>
      set({
        editor: emptyEditor(
          {
            id: row.id,
            client: { id: row.clientId, name: row.clientName, city: '' },
            title: row.title,
            closedAt: row.closedAt,
            // The form shows the amount as its reader would type it; saving reads it back exactly.
            value: moneyInputText(row.value, locale),
            outcome: row.outcome,
            note: row.note,
          },
          today,
          row,
        ),
      }),
    setDraft: (patch) => {
      const e = get().editor;
      if (!e) return;
      const local = { ...e.local };
      // The user changed a field: its old message is stale until the next save.
      for (const k of Object.keys(patch)) delete local[k as DealField];
      set({ editor: { ...e, draft: { ...e.draft, ...patch }, local } });
    },
    closeEditor: () => set({ editor: null }),
    save: async () => {
      const e = get().editor;
      if (!e || e.saving) return null;
      const { problems, value } = draftProblems(e.draft, e.today);
      if (Object.keys(problems).length > 0 || value === null || !e.draft.client) {
        set({ editor: { ...e, local: problems, error: null } });
        return null;
      }
      const d = e.draft;
      set({ editor: { ...e, local: {}, saving: true, error: null } });
      try {
        let saved: DealRow;
        if (e.original) {
          const o = e.original;
          const patch: CommandInput<'deals:edit'>['patch'] = {};
          if (d.title.trim() !== o.title) patch.title = d.title.trim();
          if (d.closedAt !== o.closedAt) patch.closedAt = d.closedAt;
          if (value !== o.value) patch.value = value;
          if (d.outcome !== o.outcome) patch.outcome = d.outcome;
          if (d.note.trim() !== o.note) patch.note = d.note.trim();
          saved = Object.keys(patch).length === 0 ? o : await api.call('deals:edit', { id: o.id, patch });
        } else {
          saved = await api.call('deals:create', {
            clientId: d.client!.id,
            title: d.title.trim(),
            closedAt: d.closedAt,
            value,
            outcome: d.outcome,
            note: d.note.trim(),
          });
        }
        // The saved row at once if it belongs to the month shown; data:changed refetches the rest.
        set((s) => {
          const shown = s.filters.month !== null && saved.closedAt.startsWith(s.filters.month);
          const others = s.rows.filter((r) => r.id !== saved.id);
          const fits = shown && (s.filters.outcome === null || s.filters.outcome === saved.outcome);
          return {
            editor: null,
            rows: fits ? [saved, ...others].sort(newestFirst) : others,
          };
        });
        return saved;
      } catch (error) {
        const current = get().editor;
        if (current) set({ editor: { ...current, saving: false, error } });
        return null;
      }
    },
    searchClients: async (query) => {
      const input: CommandInput<'clients:list'> = { query, status: 'active', limit: 20 };
      if (opts.repId) input.repId = opts.repId;
      const { rows } = await api.call('clients:list', input);
      return rows;
    },

    askArchive: (row) => set({ archiving: row }),
    cancelArchive: () => set({ archiving: null }),
    archive: async () => {
      const row = get().archiving;
      if (!row) return null;
      await api.call('deals:archive', { id: row.id });
      set((s) => ({ archiving: null, rows: s.rows.filter((r) => r.id !== row.id) }));
      return row;
    },

    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().status === 'idle' || !entities.some((e) => DEAL_ENTITIES.has(e))) return;
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

/** The core's order: newest closing day first, then the last recorded first. */
function newestFirst(a: DealRow, b: DealRow): number {
  if (a.closedAt !== b.closedAt) return a.closedAt < b.closedAt ? 1 : -1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}
