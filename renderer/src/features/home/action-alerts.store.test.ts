import { describe, expect, it } from 'vitest';
import type { ActionAlerts } from '../../../../shared/contract/actions.schema';
import { createFakeApi } from '../../api/fake-api';
import { actionRow, budgetRow } from '../actions/budget/budget.fixtures';
import { createActionAlertsStore, hasAlerts } from './action-alerts.store';

const none: ActionAlerts = {
  today: '2026-11-24',
  endingSoon: [],
  assessmentOverdue: [],
  awaitingDecision: [],
  budgetsNearlyUsed: [],
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('action alerts store', () => {
  it('loads the alerts and refetches when actions, budgets or the office change', async () => {
    let alerts: ActionAlerts = none;
    const fake = createFakeApi({ 'home:actionAlerts': () => alerts });
    const store = createActionAlertsStore(fake);
    const off = store.getState().connect();
    fake.emit('data:changed', { entities: ['localActions'], seq: 1 });
    expect(fake.calls).toHaveLength(0); // nobody asked for them yet
    await store.getState().load();
    expect(hasAlerts(store.getState().alerts)).toBe(false);

    alerts = { ...none, endingSoon: [actionRow()] };
    fake.emit('data:changed', { entities: ['visits', 'calls'], seq: 2 });
    expect(fake.calls).toHaveLength(1);
    for (const [i, entity] of ['localActions', 'budgets', 'offices'].entries()) {
      fake.emit('data:changed', { entities: [entity], seq: 3 + i });
      await tick();
    }
    expect(fake.calls).toHaveLength(4);
    expect(hasAlerts(store.getState().alerts)).toBe(true);
    off();
    expect(fake.listenerCount()).toBe(0);
  });

  it('keeps the last alerts when a refresh fails', async () => {
    const fake = createFakeApi({
      'home:actionAlerts': () => ({
        ...none,
        budgetsNearlyUsed: [budgetRow({ reserved: 950_000, committed: 0 })],
      }),
    });
    const store = createActionAlertsStore(fake);
    await store.getState().load();
    fake.handle('home:actionAlerts', () => {
      throw new Error('down');
    });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().alerts?.budgetsNearlyUsed).toHaveLength(1);
  });
});
