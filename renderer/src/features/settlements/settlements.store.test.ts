import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../../../shared/contract/actions.schema';
import { createFakeApi } from '../../api/fake-api';
import { actionRow } from '../actions/budget/budget.fixtures';
import { createSettlementsStore } from './settlements.store';
import { waitingDays } from './waiting-days';

const tick = () => new Promise((r) => setTimeout(r, 0));
const recommended = (n: number, since: string): ActionRow =>
  actionRow({
    id: `01900000-0000-7000-8000-00000000000${n}`,
    number: `LA/2026/11/JKO/000${n}`,
    state: 'recommended',
    stage: 'recommended',
    recommendedAmount: 200_000,
    since,
  });

describe('settlements store', () => {
  it('lists the queue as the core orders it and the approved ones waiting longest first', async () => {
    const queue = [recommended(1, '2026-11-10T08:00:00.000Z'), recommended(2, '2026-11-20T08:00:00.000Z')];
    const approved = [
      actionRow({
        id: 'a2',
        number: 'N2',
        state: 'approved',
        stage: 'approved',
        since: '2026-11-22T08:00:00.000Z',
      }),
      actionRow({
        id: 'a1',
        number: 'N1',
        state: 'approved',
        stage: 'approved',
        since: '2026-11-02T08:00:00.000Z',
      }),
    ];
    const fake = createFakeApi({ 'actions:queue': () => queue, 'actions:list': () => approved });
    const store = createSettlementsStore(fake);
    await store.getState().open('queue');
    expect(store.getState().rows.map((r) => r.number)).toEqual([
      'LA/2026/11/JKO/0001',
      'LA/2026/11/JKO/0002',
    ]);
    await store.getState().open('approved');
    expect(store.getState()).toMatchObject({ list: 'approved', status: 'ready' });
    expect(store.getState().rows.map((r) => r.id)).toEqual(['a1', 'a2']);
    expect(fake.calls.at(-1)).toEqual({ command: 'actions:list', input: { stages: ['approved'] } });
  });

  it('refetches the open list when actions change, not on unrelated changes', async () => {
    let queue = [recommended(1, '2026-11-10T08:00:00.000Z')];
    const fake = createFakeApi({ 'actions:queue': () => queue });
    const store = createSettlementsStore(fake);
    const off = store.getState().connect();
    fake.emit('data:changed', { entities: ['localActions'], seq: 1 });
    expect(fake.calls).toHaveLength(0); // no list open yet
    await store.getState().open('queue');
    fake.emit('data:changed', { entities: ['visits'], seq: 2 });
    expect(fake.calls).toHaveLength(1);
    queue = [];
    fake.emit('data:changed', { entities: ['localActions'], seq: 3 });
    await tick();
    expect(fake.calls).toHaveLength(2);
    expect(store.getState().rows).toEqual([]);
    off();
    expect(fake.listenerCount()).toBe(0);
  });

  it('keeps a failure apart from an empty list', async () => {
    const fake = createFakeApi({
      'actions:queue': () => {
        throw new Error('down');
      },
    });
    const store = createSettlementsStore(fake);
    await store.getState().open('queue');
    expect(store.getState().status).toBe('failed');
  });
});

describe('waiting days', () => {
  it('counts office calendar days, not 24-hour periods in UTC', () => {
    // 23:30 UTC on 20 November is already 00:30 on the 21st in the Warsaw office.
    expect(waitingDays('2026-11-20T23:30:00.000Z', '2026-11-24', 'Europe/Warsaw')).toBe(3);
    expect(waitingDays('2026-11-20T23:30:00.000Z', '2026-11-24', 'UTC')).toBe(4);
    expect(waitingDays('2026-11-24T07:00:00.000Z', '2026-11-24', 'Europe/Warsaw')).toBe(0);
    expect(waitingDays('not a date', '2026-11-24', 'UTC')).toBe(0);
  });
});
