import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionAlerts } from '../../../../shared/contract/actions.schema';
import type { RegioApi } from '../../api/regio-api';
import type { LoadStatus } from '../admin/people/people.store';

// The action alerts on the rep's and the manager's home (issue 7): actions ending soon, assessments
// overdue, recommendations waiting for a decision and budgets nearly used, as home:actionAlerts
// answers them (computed in the core with the office's today, scoped to the caller).

export interface ActionAlertsState {
  status: LoadStatus;
  alerts: ActionAlerts | null;
  error: unknown;
  load: () => Promise<void>;
  connect: () => () => void;
}

/** What the alerts are made of: actions, budgets, and the office (its today, its time zone). */
const ALERTED = new Set(['localActions', 'budgets', 'offices']);

/** Whether there is anything to show at all: an empty panel would only be noise on the home. */
export function hasAlerts(a: ActionAlerts | null): a is ActionAlerts {
  return (
    a !== null &&
    a.endingSoon.length +
      a.assessmentOverdue.length +
      a.awaitingDecision.length +
      a.budgetsNearlyUsed.length >
      0
  );
}

export function createActionAlertsStore(api: RegioApi): StoreApi<ActionAlertsState> {
  let generation = 0;
  return createStore<ActionAlertsState>()((set, get) => ({
    status: 'idle',
    alerts: null,
    error: null,
    load: async () => {
      const mine = ++generation;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const alerts = await api.call('home:actionAlerts', {});
        if (mine === generation) set({ status: 'ready', alerts, error: null });
      } catch (error) {
        // A failed refresh keeps the last alerts: they were true a moment ago.
        if (mine === generation) set({ status: 'failed', error });
      }
    },
    connect: () => {
      const offChanged = api.on('data:changed', ({ entities }) => {
        if (get().status !== 'idle' && entities.some((e) => ALERTED.has(e))) void get().load();
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
