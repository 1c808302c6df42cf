import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { MAX_REPORT_MONTHS, monthSpan } from '../../../../shared/contract/reports.schema';
import type {
  ReportDrillResult,
  ReportFilters,
  ReportKind,
  ReportResult,
  ReportScope,
} from '../../../../shared/contract/reports.schema';
import type { RegioApi } from '../../api/regio-api';
import { addMonths } from '../actions/action-format';

// The six reports (PRODUCT.md §6). Nothing is counted here: the core computes each report from the
// store (in slices, reporting progress) and caches it until the data changes; this store picks the
// filters, asks, shows how far the computation is, and asks again whenever the data changes so a
// figure on screen is never stale. A drill-down asks the core for the very records a figure (or a
// chart bar, i.e. several rows) was made of.

export type ReportStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface DrillState {
  /** The rows opened (a chart bar can stand for several); empty: the totals row. */
  rowKeys: string[];
  column: string;
  /** What was clicked, as the screen names it (a rep, a stage), for the panel's title. */
  title: string;
  status: 'loading' | 'ready' | 'failed';
  result: ReportDrillResult | null;
  error: unknown;
}

export interface ReportsState {
  scope: ReportScope | null;
  scopeError: unknown;
  kind: ReportKind | null;
  /** Null until the office's today is known (the default period hangs on it). */
  filters: ReportFilters | null;
  /** The office's current month: the default period ends here. */
  today: string | null;
  /** Whether the user chose a period; until then each report opens at its own default period. */
  periodChosen: boolean;
  status: ReportStatus;
  result: ReportResult | null;
  error: unknown;
  /** How far the computation under way is, from the core's `job:progress`; null when none runs. */
  progress: { done: number; total: number } | null;
  drill: DrillState | null;

  /** Opens a report; the first call also loads the scope and sets the default filters. */
  open: (kind: ReportKind, todayMonth: string) => Promise<void>;
  setTeam: (teamId: string | null) => Promise<void>;
  setRep: (repId: string | null) => Promise<void>;
  setFrom: (month: string) => Promise<void>;
  setTo: (month: string) => Promise<void>;
  /** Runs the report with the current filters (a retry, a refresh). */
  run: () => Promise<void>;
  openDrill: (rowKeys: string[], column: string, title: string) => Promise<void>;
  closeDrill: () => void;
  connect: () => () => void;
}

/** How many months back the default period reaches (the current month and five before it). */
export const DEFAULT_MONTHS_BACK = 5;
/** How many records a drill-down lists (the panel says "first N of M" beyond it). */
export const DRILL_LIMIT = 200;

/**
 * The period a report opens at. Data quality is about now: the current month only (the period only
 * bounds its "meetings without a result"). The others read a trend: the current month and the five
 * before it, so half a year of figures shows on first open.
 */
export function defaultPeriod(kind: ReportKind, todayMonth: string): { from: string; to: string } {
  if (kind === 'dataQuality') return { from: todayMonth, to: todayMonth };
  return { from: addMonths(todayMonth, -DEFAULT_MONTHS_BACK), to: todayMonth };
}

/**
 * Moving one end of the period keeps it valid instead of letting the core refuse it: the other end
 * follows when the period would run backwards or grow past the contract's maximum.
 */
export function periodWith(
  period: { from: string; to: string },
  end: 'from' | 'to',
  month: string,
): { from: string; to: string } {
  if (end === 'from') {
    const to = period.to < month ? month : period.to;
    return {
      from: month,
      to: monthSpan(month, to) > MAX_REPORT_MONTHS ? addMonths(month, MAX_REPORT_MONTHS - 1) : to,
    };
  }
  const from = period.from > month ? month : period.from;
  return {
    from: monthSpan(from, month) > MAX_REPORT_MONTHS ? addMonths(month, -(MAX_REPORT_MONTHS - 1)) : from,
    to: month,
  };
}

const sameFilters = (a: ReportFilters, b: ReportFilters) =>
  a.teamId === b.teamId && a.repId === b.repId && a.from === b.from && a.to === b.to;

export function createReportsStore(api: RegioApi): StoreApi<ReportsState> {
  let generation = 0;
  let drillGeneration = 0;
  let jobSeq = 0;
  // A refresh asked while a computation runs waits for it, so a burst of changes (an import)
  // costs one more computation, not one per event.
  let running = false;
  let refreshQueued = false;
  let stopProgress: (() => void) | null = null;

  const stopListening = () => {
    stopProgress?.();
    stopProgress = null;
  };

  return createStore<ReportsState>()((set, get) => {
    const loadScope = async () => {
      try {
        const scope = await api.call('reports:scope', {});
        set({ scope, scopeError: null });
      } catch (scopeError) {
        // The filters fall back to "everyone in my scope"; the report itself still runs.
        set({ scopeError });
      }
    };

    const changeFilters = async (patch: Partial<ReportFilters>, periodChosen?: boolean) => {
      const filters = get().filters;
      if (!filters) return;
      set({ filters: { ...filters, ...patch }, ...(periodChosen ? { periodChosen } : {}) });
      await get().run();
    };

    const refresh = async () => {
      if (get().status === 'idle') return;
      if (running) {
        refreshQueued = true;
        return;
      }
      await get().run();
      const drill = get().drill;
      if (drill) await get().openDrill(drill.rowKeys, drill.column, drill.title);
    };

    return {
      scope: null,
      scopeError: null,
      kind: null,
      filters: null,
      today: null,
      periodChosen: false,
      status: 'idle',
      result: null,
      error: null,
      progress: null,
      drill: null,

      open: async (kind, todayMonth) => {
        const s = get();
        if (s.kind === kind && s.filters && s.today === todayMonth && s.status !== 'idle') return;
        const first = s.scope === null && s.scopeError === null;
        const period = defaultPeriod(kind, todayMonth);
        const base: ReportFilters = s.filters ?? { teamId: null, repId: null, ...period };
        // Team and rep carry over from report to report; the period too once the user chose one.
        const filters = s.periodChosen ? base : { ...base, ...period };
        set({ kind, today: todayMonth, filters, drill: null });
        await Promise.all([first ? loadScope() : Promise.resolve(), get().run()]);
      },
      setTeam: async (teamId) => {
        const s = get();
        const rep = s.scope?.reps.find((r) => r.id === s.filters?.repId);
        // A rep from another team would leave nobody: the rep filter clears.
        const keepRep = teamId === null || (rep !== undefined && rep.teamId === teamId);
        await changeFilters({ teamId, ...(keepRep ? {} : { repId: null }) });
      },
      setRep: (repId) => changeFilters({ repId }),
      setFrom: async (month) => {
        const f = get().filters;
        if (f) await changeFilters(periodWith(f, 'from', month), true);
      },
      setTo: async (month) => {
        const f = get().filters;
        if (f) await changeFilters(periodWith(f, 'to', month), true);
      },

      run: async () => {
        const { kind, filters } = get();
        if (!kind || !filters) return;
        const mine = ++generation;
        const jobId = `report-${kind}-${++jobSeq}-${Math.random().toString(36).slice(2, 8)}`;
        stopListening();
        stopProgress = api.on('job:progress', (p) => {
          if (p.jobId !== jobId || mine !== generation) return;
          set({ progress: { done: p.done, total: p.total } });
        });
        const shown = get().result;
        // The figures of other filters (or another report) must not stand under these ones; a
        // refresh of the same report keeps them on screen until the new ones arrive.
        const keep = shown !== null && shown.kind === kind && sameFilters(shown.filters, filters);
        set({
          status: 'loading',
          progress: { done: 0, total: 0 },
          ...(keep ? {} : { result: null, drill: null }),
        });
        running = true;
        try {
          const result = await api.call('reports:run', { kind, filters, jobId });
          if (mine === generation) set({ status: 'ready', result, error: null, progress: null });
        } catch (error) {
          if (mine === generation) set({ status: 'failed', error, progress: null, result: null });
        } finally {
          if (mine === generation) {
            running = false;
            stopListening();
            if (refreshQueued) {
              refreshQueued = false;
              void refresh();
            }
          }
        }
      },

      openDrill: async (rowKeys, column, title) => {
        const result = get().result;
        if (!result) return;
        const mine = ++drillGeneration;
        const previous = get().drill;
        const same =
          previous && previous.column === column && previous.rowKeys.join('\n') === rowKeys.join('\n');
        set({
          drill: {
            rowKeys,
            column,
            title,
            status: 'loading',
            // Refreshing the open panel keeps its records until the new ones arrive.
            result: same ? previous.result : null,
            error: null,
          },
        });
        try {
          // The filters of the figures on screen, not of a change still being computed.
          const drilled = await api.call('reports:drill', {
            kind: result.kind,
            filters: result.filters,
            rowKeys,
            column,
            limit: DRILL_LIMIT,
          });
          const d = get().drill;
          if (mine === drillGeneration && d) set({ drill: { ...d, status: 'ready', result: drilled } });
        } catch (error) {
          const d = get().drill;
          if (mine === drillGeneration && d) set({ drill: { ...d, status: 'failed', error } });
        }
      },
      closeDrill: () => {
        drillGeneration++;
        set({ drill: null });
      },

      connect: () => {
        // Any change may move a figure (a report reads most of the store); the core's cache makes
        // asking again for an unchanged report cheap.
        const offChanged = api.on('data:changed', () => void refresh());
        const offLoaded = api.on('store:loaded', () => void refresh());
        return () => {
          offChanged();
          offLoaded();
          stopListening();
          generation++;
          running = false;
          refreshQueued = false;
        };
      },
    };
  });
}
