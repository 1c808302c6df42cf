import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Contact, ClientRow } from '../../../../../shared/contract/clients.schema';
import type { CommandInput } from '../../../../../shared/contract/commands';
import type { DirectoryEntry, PublicUser, Team } from '../../../../../shared/contract/users.schema';
import type { VisitDetail, VisitRow } from '../../../../../shared/contract/visits.schema';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';
import { addDays, rangeOf, step } from './agenda-dates';
import type { AgendaMode } from './agenda-dates';

// The agenda: a rep's (or, for a manager, the team's or one rep's) visits for a day or a week, as
// the core answers visits:agenda. The anchor day starts at the office's today (from the core, never
// this machine's clock). Plans and reschedules go through here and reload what is shown.

export interface AgendaState {
  mode: AgendaMode;
  /** The day the view is built around; null until the office's today is known. */
  anchor: string | null;
  /** The office's today, as the core said. */
  today: string | null;
  /** A manager's filter: one rep, or undefined for the whole team. */
  repId: string | undefined;
  status: LoadStatus;
  rows: VisitRow[];
  error: unknown;
  /** True while the agenda screen is mounted: only then do the core's events refetch it. */
  active: boolean;
  /** The reps a manager may filter by (their team's, or everyone's for the head of the office). */
  reps: DirectoryEntry[];

  /** The screen opens with the office's today. A later call only moves "today", not the view. */
  start: (today: string) => Promise<void>;
  stop: () => void;
  load: () => Promise<void>;
  setMode: (mode: AgendaMode) => Promise<void>;
  shift: (direction: -1 | 1) => Promise<void>;
  goToday: () => Promise<void>;
  goTo: (date: string) => Promise<void>;
  setRep: (repId: string | undefined) => Promise<void>;
  loadReps: (user: PublicUser) => Promise<void>;

  plan: (input: CommandInput<'visits:plan'>) => Promise<VisitDetail>;
  planSeries: (input: CommandInput<'visits:planSeries'>) => Promise<VisitRow[]>;
  /** Reschedules a visit to another day (drag and drop, Alt+arrows, the Move dialog). */
  move: (id: string, date: string) => Promise<VisitDetail>;
  /** Moves a visit by whole days from the date it has now. */
  moveBy: (id: string, days: number) => Promise<VisitDetail | null>;

  searchClients: (query: string) => Promise<ClientRow[]>;
  /** The contact persons one can meet at a client (confirmed or proposed; erased ones left out). */
  contactsOf: (clientId: string) => Promise<Contact[]>;

  reset: () => void;
  connect: () => () => void;
}

/** Entities whose change can alter the rows shown. */
const AGENDA_ENTITIES = new Set(['visits', 'tasks', 'clients', 'contacts', 'visitStandards', 'promotions']);

const initial = () => ({
  mode: 'week' as AgendaMode,
  anchor: null,
  today: null,
  repId: undefined,
  status: 'idle' as LoadStatus,
  rows: [] as VisitRow[],
  error: null,
  active: false,
  reps: [] as DirectoryEntry[],
});

function byDateAndTime(a: VisitRow, b: VisitRow): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  // Visits without a time come after the timed ones of their day.
  const at = a.time ?? '99:99';
  const bt = b.time ?? '99:99';
  if (at !== bt) return at < bt ? -1 : 1;
  return a.clientName.localeCompare(b.clientName);
}

export function createAgendaStore(api: RegioApi): StoreApi<AgendaState> {
  let generation = 0;
  return createStore<AgendaState>()((set, get) => {
    const reloadTo = async (patch: Partial<AgendaState>) => {
      set(patch);
      await get().load();
    };
    return {
      ...initial(),

      start: async (today) => {
        set({ today, active: true, anchor: get().anchor ?? today });
        await get().load();
      },
      stop: () => set({ active: false }),

      load: async () => {
        const { anchor, mode, repId } = get();
        if (!anchor) return;
        const mine = ++generation;
        if (get().status !== 'ready') set({ status: 'loading' });
        const { from, to } = rangeOf(mode, anchor);
        try {
          const rows = await api.call('visits:agenda', repId ? { from, to, repId } : { from, to });
          if (mine !== generation) return;
          set({ status: 'ready', rows: [...rows].sort(byDateAndTime), error: null });
        } catch (error) {
          if (mine === generation) set({ status: 'failed', error });
        }
      },

      setMode: (mode) => reloadTo({ mode }),
      shift: async (direction) => {
        const { anchor, mode } = get();
        if (anchor) await reloadTo({ anchor: step(mode, anchor, direction) });
      },
      goToday: async () => {
        const { today } = get();
        if (today) await reloadTo({ anchor: today });
      },
      goTo: (date) => reloadTo({ anchor: date }),
      setRep: (repId) => reloadTo({ repId }),

      loadReps: async (user) => {
        if (user.role !== 'manager') return;
        const entries = await api.call('users:directory', {});
        let teams: Team[] | null = null;
        if (!user.officeWide) {
          // The teams list tells which teams this manager leads; without it, every rep is offered
          // (the core still answers only what the manager may see).
          teams = await api.call('teams:list', {}).catch(() => null);
        }
        const led = teams ? new Set(teams.filter((t) => t.managerId === user.id).map((t) => t.id)) : null;
        set({
          reps: entries
            .filter((e) => e.role === 'rep' && e.active && (!led || (e.teamId !== null && led.has(e.teamId))))
            .sort((a, b) => a.displayName.localeCompare(b.displayName)),
        });
      },

      plan: async (input) => {
        const detail = await api.call('visits:plan', input);
        await get().load();
        return detail;
      },
      planSeries: async (input) => {
        const { visits } = await api.call('visits:planSeries', input);
        await get().load();
        return visits;
      },
      move: async (id, date) => {
        const detail = await api.call('visits:update', { id, patch: { date } });
        await get().load();
        return detail;
      },
      moveBy: async (id, days) => {
        const row = get().rows.find((r) => r.id === id);
        if (!row) return null;
        return get().move(id, addDays(row.date, days));
      },

      searchClients: async (query) => {
        const { rows } = await api.call('clients:list', { query, status: 'active', limit: 20 });
        return rows;
      },
      contactsOf: async (clientId) => {
        const card = await api.call('clients:get', { id: clientId });
        return card.contacts.filter((c) => !c.erased);
      },

      reset: () => {
        generation++;
        set(initial());
      },
      connect: () =>
        api.on('data:changed', ({ entities }) => {
          const s = get();
          if (s.active && s.anchor && entities.some((e) => AGENDA_ENTITIES.has(e))) void s.load();
        }),
    };
  });
}
