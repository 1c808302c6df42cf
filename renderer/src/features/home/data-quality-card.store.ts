import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ReportResult } from '../../../../shared/contract/reports.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// The operator's "Data quality" card on the home (PRODUCT.md §4, §6): the office's suspected
// duplicates, clients without a tax id, contacts without a phone or e-mail and e-mails without a
// consent — the totals row of the data-quality report for the current month, so the card says
// exactly what the report (and its drill-down) says. The first computation may wait for the
// duplicate scan (seconds on a large office); later ones come from the core's cache while the data
// is unchanged, so refetching on every change is cheap.

export const QUALITY_FIGURES = ['duplicates', 'noTaxId', 'contactNoChannel', 'noConsent'] as const;
export type QualityFigure = (typeof QUALITY_FIGURES)[number];
export type QualityTotals = Record<QualityFigure, number | null>;

export interface DataQualityCardState {
  status: LoadStatus;
  /** The office's current month ('2026-11'); null until the office's today is known. */
  month: string | null;
  totals: QualityTotals | null;
  error: unknown;
  /** Loads the month; a later call with another month reloads, the same month does not. */
  start: (month: string) => Promise<void>;
  load: () => Promise<void>;
  connect: () => () => void;
}

/**
 * What the four figures read: clients, contacts, dismissed duplicate pairs; the office (its today).
 * Visits are left out: they only move the report's "meetings without a result", not shown here.
 */
export const QUALITY_COUNTED = new Set(['clients', 'contacts', 'duplicateDismissals', 'users', 'offices']);

export function qualityTotals(report: ReportResult): QualityTotals {
  const out = {} as QualityTotals;
  for (const f of QUALITY_FIGURES) {
    const v = report.totals[f];
    out[f] = typeof v === 'number' ? v : null;
  }
  return out;
}

export function createDataQualityCardStore(api: RegioApi): StoreApi<DataQualityCardState> {
  // One computation at a time: changes arriving while the (possibly slow) first one runs ask for
  // one more run after it, never a pile of parallel ones.
  let running: Promise<void> | null = null;
  let again = false;
  return createStore<DataQualityCardState>()((set, get) => {
    const runOnce = async () => {
      const { month } = get();
      if (!month) return;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const report = await api.call('reports:run', {
          kind: 'dataQuality',
          filters: { from: month, to: month },
        });
        if (get().month === month) set({ status: 'ready', totals: qualityTotals(report), error: null });
      } catch (error) {
        // A failed refresh keeps the last totals: they were true a moment ago.
        if (get().month === month) set({ status: 'failed', error });
      }
    };
    return {
      status: 'idle',
      month: null,
      totals: null,
      error: null,
      start: async (month) => {
        if (month === get().month && get().status !== 'idle') return;
        set({ month });
        await get().load();
      },
      load: () => {
        if (running) {
          again = true;
          return running;
        }
        running = (async () => {
          do {
            again = false;
            await runOnce();
          } while (again);
        })().finally(() => {
          running = null;
        });
        return running;
      },
      connect: () => {
        const offChanged = api.on('data:changed', ({ entities }) => {
          if (get().status !== 'idle' && entities.some((e) => QUALITY_COUNTED.has(e))) void get().load();
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
