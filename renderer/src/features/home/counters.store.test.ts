import { describe, expect, it } from 'vitest';
import type { RepCounters } from '../../../../shared/contract/visits.schema';
import { createFakeApi } from '../../api/fake-api';
import { createCountersStore } from './counters.store';

describe('rep counters store', () => {
  it('loads the counters and refetches when visits, tasks or calls change', async () => {
    let counters: RepCounters = {
      today: '2026-11-24',
      visitsToday: { done: 1, total: 4 },
      openTasks: 5,
      callsToday: [{ statusId: 'd1', count: 2 }],
    };
    const fake = createFakeApi({ 'home:repCounters': () => counters });
    const store = createCountersStore(fake);
    const off = store.getState().connect();
    fake.emit('data:changed', { entities: ['visits'], seq: 1 });
    expect(fake.calls).toHaveLength(0); // nobody asked for them yet
    await store.getState().load();
    expect(store.getState().counters?.visitsToday).toEqual({ done: 1, total: 4 });
    counters = { ...counters, visitsToday: { done: 2, total: 4 }, openTasks: 3 };
    fake.emit('data:changed', { entities: ['users'], seq: 2 });
    expect(fake.calls).toHaveLength(1);
    fake.emit('data:changed', { entities: ['tasks'], seq: 3 });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().counters).toMatchObject({ visitsToday: { done: 2 }, openTasks: 3 });
    off();
    expect(fake.listenerCount()).toBe(0);
  });

  it('keeps the last counters when a refresh fails', async () => {
    const fake = createFakeApi({
      'home:repCounters': () => ({
        today: '2026-11-24',
        visitsToday: { done: 0, total: 0 },
        openTasks: 0,
        callsToday: [],
      }),
    });
    const store = createCountersStore(fake);
    await store.getState().load();
    fake.handle('home:repCounters', () => {
      throw new Error('down');
    });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().counters?.today).toBe('2026-11-24');
  });
});
