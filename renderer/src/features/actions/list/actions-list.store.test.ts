import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../../../../shared/contract/actions.schema';
import { actionRow } from './action-row.fixtures';
import { createFakeApi } from '../../../api/fake-api';
import { createActionsListStore, listInput } from './actions-list.store';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('actions list store', () => {
  it('asks for the open stages by default and for what the filters say', async () => {
    const fake = createFakeApi({ 'actions:list': () => [actionRow()] });
    const store = createActionsListStore(fake);
    await store.getState().load();
    expect(fake.calls.at(-1)?.input).toEqual({
      stages: ['draft', 'planned', 'running', 'awaiting_assessment', 'recommended', 'returned', 'approved'],
    });
    expect(store.getState().rows.map((r) => r.number)).toEqual(['LA/2026/11/JKO/0001']);

    await store.getState().setFilters({ stage: 'closed', text: '  Łąka ', budgetMonth: '2026-11' });
    expect(fake.calls.at(-1)?.input).toEqual({
      stages: ['cancelled', 'closed_unsettled', 'rejected', 'settled'],
      text: 'Łąka',
      budgetMonth: '2026-11',
    });

    await store.getState().setFilters({ stage: 'returned', text: '', budgetMonth: '2026-1' });
    // A half-typed month narrows nothing (the core would refuse it).
    expect(fake.calls.at(-1)?.input).toEqual({ stages: ['returned'] });

    await store.getState().clearFilters();
    expect(store.getState().filters).toEqual({ stage: 'open', text: '', budgetMonth: '' });
  });

  it('sends every stage for "all"', () => {
    expect(listInput({ stage: 'all', text: '', budgetMonth: '' }).stages).toHaveLength(11);
  });

  it('refetches when actions or budgets change, once it has loaded', async () => {
    let rows = [actionRow()];
    const fake = createFakeApi({ 'actions:list': () => rows });
    const store = createActionsListStore(fake);
    const off = store.getState().connect();
    fake.emit('data:changed', { entities: ['localActions'], seq: 1 });
    expect(fake.calls).toHaveLength(0); // nobody looks at the list yet
    await store.getState().load();
    rows = [actionRow(), actionRow({ id: 'a2', number: 'LA/2026/11/JKO/0002' })];
    fake.emit('data:changed', { entities: ['visits'], seq: 2 });
    expect(fake.calls).toHaveLength(1);
    fake.emit('data:changed', { entities: ['budgets'], seq: 3 });
    await settle();
    expect(store.getState().rows).toHaveLength(2);
    fake.emit('data:changed', { entities: ['localActions'], seq: 4 });
    expect(fake.calls).toHaveLength(3);
    off();
    expect(fake.listenerCount()).toBe(0);
  });

  it('keeps the last rows when a refresh fails, and drops a stale answer', async () => {
    const fake = createFakeApi({ 'actions:list': () => [actionRow()] });
    const store = createActionsListStore(fake);
    await store.getState().load();
    fake.handle('actions:list', () => {
      throw new Error('down');
    });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().rows).toHaveLength(1);

    // An older, slower answer must not overwrite a newer one.
    let release: (rows: ActionRow[]) => void = () => {};
    fake.handle('actions:list', () => new Promise<ActionRow[]>((r) => (release = r)));
    const slow = store.getState().setFilters({ text: 'a' });
    await settle();
    const releaseSlow = release;
    fake.handle('actions:list', () => [actionRow({ id: 'new' })]);
    await store.getState().setFilters({ text: 'ab' });
    releaseSlow([actionRow({ id: 'old' })]);
    await slow;
    expect(store.getState().rows.map((r) => r.id)).toEqual(['new']);
  });
});
