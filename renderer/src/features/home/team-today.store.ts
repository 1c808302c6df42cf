import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ReportScope } from '../../../../shared/contract/reports.schema';
import type { VisitRow } from '../../../../shared/contract/visits.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// The manager's "Team today" on the home (PRODUCT.md §6): for each rep of the team, today's visits
// done out of all of today's visits not cancelled — the rep's own home counter, per rep. Built from
// commands that exist: visits:agenda for the office's today (a manager without a rep filter gets
// the team's visits; the head of the office everyone's) and reports:scope for the reps the manager
// may see, so a rep with nothing planned still shows as 0 of 0. Refetched the moment a visit
// changes, in any window (a rep completing a visit moves the manager's counter without a reload).

export interface RepToday {
  repId: string;
  /** Null: a rep the scope does not name (archived since), whose visits still count for the team. */
  name: string | null;
  done: number;
  total: number;
}

export interface TeamToday {
  /** The office's day these figures are for. */
  today: string;
  reps: RepToday[];
  done: number;
  total: number;
}

export interface TeamTodayState {
  status: LoadStatus;
  /** The office's today, as the core said (the app store's system info); null until known. */
  today: string | null;
  team: TeamToday | null;
  error: unknown;
  /** Loads the day; a later call with another day (midnight passed) reloads, the same day does not. */
  start: (today: string) => Promise<void>;
  load: () => Promise<void>;
  connect: () => () => void;
}

/** What the figures hang on: visits, the team (users, teams), the day (office), merged clients. */
export const TEAM_TODAY_COUNTED = new Set(['visits', 'users', 'teams', 'offices', 'clients']);

/** Today's visits per rep: done, and all not cancelled ("missed" cannot be today: it is a past day). */
export function countTeamToday(
  today: string,
  reps: ReportScope['reps'],
  rows: readonly VisitRow[],
): TeamToday {
  const byRep = new Map<string, RepToday>(
    reps.map((r) => [r.id, { repId: r.id, name: r.name, done: 0, total: 0 }]),
  );
  let done = 0;
  let total = 0;
  for (const v of rows) {
    if (v.date !== today || v.status === 'cancelled') continue;
    let rep = byRep.get(v.repId);
    if (!rep) {
      rep = { repId: v.repId, name: null, done: 0, total: 0 };
      byRep.set(v.repId, rep);
    }
    rep.total++;
    total++;
    if (v.status === 'done') {
      rep.done++;
      done++;
    }
  }
  return { today, reps: [...byRep.values()], done, total };
}

/** By name in the reader's language; reps the scope does not name last. */
export function sortedReps(team: TeamToday, lang: string): RepToday[] {
  const coll = new Intl.Collator(lang);
  return [...team.reps].sort((a, b) => {
    if (a.name === null || b.name === null) return (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0);
    return coll.compare(a.name, b.name) || (a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0);
  });
}

export function createTeamTodayStore(api: RegioApi): StoreApi<TeamTodayState> {
  let generation = 0;
  return createStore<TeamTodayState>()((set, get) => ({
    status: 'idle',
    today: null,
    team: null,
    error: null,
    start: async (today) => {
      if (today === get().today && get().status !== 'idle') return;
      set({ today });
      await get().load();
    },
    load: async () => {
      const { today } = get();
      if (!today) return;
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const [scope, rows] = await Promise.all([
          api.call('reports:scope', {}),
          api.call('visits:agenda', { from: today, to: today }),
        ]);
        if (mine === generation)
          set({ status: 'ready', team: countTeamToday(today, scope.reps, rows), error: null });
      } catch (error) {
        // A failed refresh keeps the last figures: they were true a moment ago.
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().status !== 'idle' && entities.some((e) => TEAM_TODAY_COUNTED.has(e))) void get().load();
      });
      // A restored or reloaded store: everything may differ.
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
