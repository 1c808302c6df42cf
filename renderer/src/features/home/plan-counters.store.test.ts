import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { createFakeApi } from '../../api/fake-api';
import { planCounters } from '../plans/plans.fixtures';
import { createPlanCountersStore } from './plan-counters.store';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('plan counters store', () => {
  it('refetches when a deal, plan, visit or call changes, and only then', async () => {
    let deals = 5;
    const fake = createFakeApi({
      'home:planCounters': () => planCounters({ actuals: { ...planCounters().actuals, deals } }),
    });
    const store = createPlanCountersStore(fake);
    const stop = store.getState().connect();
    await store.getState().load();
    expect(store.getState().counters?.actuals.deals).toBe(5);
    const asked = () => fake.calls.filter((c) => c.command === 'home:planCounters').length;

    fake.emit('data:changed', { entities: ['localActions', 'budgets'], seq: 1 });
    await tick();
    expect(asked()).toBe(1);

    for (const [i, entity] of ['deals', 'salesPlans', 'visits', 'calls'].entries()) {
      deals++;
      fake.emit('data:changed', { entities: [entity], seq: i + 2 });
      await tick();
      expect(store.getState().counters?.actuals.deals, entity).toBe(deals);
    }
    expect(asked()).toBe(5);
    stop();
    expect(fake.listenerCount()).toBe(0);
  });

  it('does not ask before the home has loaded them once', async () => {
    const fake = createFakeApi({ 'home:planCounters': () => planCounters() });
    const store = createPlanCountersStore(fake);
    store.getState().connect();
    fake.emit('data:changed', { entities: ['deals'], seq: 1 });
    await tick();
    expect(fake.calls).toHaveLength(0);
  });

  it('keeps the last counters when a refresh fails', async () => {
    const fake = createFakeApi({ 'home:planCounters': () => planCounters() });
    const store = createPlanCountersStore(fake);
    await store.getState().load();
    fake.handle('home:planCounters', () => {
      throw new AppError('internal', 'boom');
    });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().counters?.actuals.deals).toBe(5);
  });

  it('reloads after the store is restored', async () => {
    let reps = 1;
    const fake = createFakeApi({ 'home:planCounters': () => planCounters({ reps }) });
    const store = createPlanCountersStore(fake);
    store.getState().connect();
    await store.getState().load();
    reps = 3;
    fake.emit('store:loaded', { historyLoaded: true });
    await tick();
    expect(store.getState().counters?.reps).toBe(3);
  });
});
