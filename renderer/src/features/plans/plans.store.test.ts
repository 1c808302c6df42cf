import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { PlanRow } from '../../../../shared/contract/plans.schema';
import { createFakeApi } from '../../api/fake-api';
import { planRow } from './plans.fixtures';
import { createPlansStore, parseTarget, progressOf } from './plans.store';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('plans store', () => {
  it('opens at the given month, moves by months across years and asks for each month', async () => {
    const asked: string[] = [];
    const fake = createFakeApi({
      'plans:list': ({ month }) => {
        asked.push(month);
        return [planRow({ month })];
      },
    });
    const store = createPlansStore(fake);
    await store.getState().start('2026-12');
    await store.getState().shift(1);
    // A second start (the office's today arriving again) keeps the month the user is on.
    await store.getState().start('2026-12');
    expect(store.getState().month).toBe('2027-01');
    await store.getState().shift(-1);
    expect(asked).toEqual(['2026-12', '2027-01', '2027-01', '2026-12']);
    expect(store.getState().rows[0]?.month).toBe('2026-12');
  });

  it('sets targets as whole numbers, shows the saved row at once and closes the edit', async () => {
    let rows: PlanRow[] = [planRow(), planRow({ repId: 'rep-2', repName: 'Ewa Nowak', isSet: false })];
    const fake = createFakeApi({
      'plans:list': () => rows,
      'plans:set': ({ repId, targets, note }) => {
        rows = rows.map((r) => (r.repId === repId ? { ...r, isSet: true, targets, note } : r));
        return rows.find((r) => r.repId === repId)!;
      },
    });
    const store = createPlansStore(fake);
    await store.getState().start('2026-11');
    store.getState().openEdit(store.getState().rows[1]!);
    // An unset plan starts empty, not at three zeros nobody chose.
    expect(store.getState().edit?.texts).toEqual({ contacts: '', meetings: '', deals: '' });
    store.getState().setText('contacts', ' 150 ');
    store.getState().setText('meetings', '45');
    store.getState().setText('deals', '12');
    store.getState().setNote('  Q4  ');
    expect(await store.getState().save()).toBe(true);
    expect(fake.calls.at(-1)).toEqual({
      command: 'plans:set',
      input: {
        repId: 'rep-2',
        month: '2026-11',
        targets: { contacts: 150, meetings: 45, deals: 12 },
        note: 'Q4',
      },
    });
    expect(store.getState().edit).toBeNull();
    expect(store.getState().rows[1]).toMatchObject({
      isSet: true,
      targets: { contacts: 150, meetings: 45, deals: 12 },
    });
  });

  it('refuses targets that are not whole numbers within range and sends nothing', async () => {
    const fake = createFakeApi({ 'plans:list': () => [planRow()] });
    const store = createPlansStore(fake);
    await store.getState().start('2026-11');
    store.getState().openEdit(store.getState().rows[0]!);
    expect(store.getState().edit?.texts).toEqual({ contacts: '120', meetings: '40', deals: '10' });
    store.getState().setText('contacts', '12.5');
    store.getState().setText('deals', '100001');
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().edit?.invalid).toEqual(['contacts', 'deals']);
    expect(fake.calls.filter((c) => c.command === 'plans:set')).toHaveLength(0);
    // Editing a field clears its mark only.
    store.getState().setText('deals', '11');
    expect(store.getState().edit?.invalid).toEqual(['contacts']);
  });

  it('keeps a refused edit open with what the core said, and changes no row', async () => {
    const fake = createFakeApi({
      'plans:list': () => [planRow()],
      'plans:set': ({ month }) => {
        throw new AppError('validation', 'closed', { key: 'errors.plan_month_past', details: { month } });
      },
    });
    const store = createPlansStore(fake);
    await store.getState().start('2026-11');
    store.getState().openEdit(store.getState().rows[0]!);
    store.getState().setText('deals', '20');
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().edit).toMatchObject({ saving: false, error: { code: 'validation' } });
    expect(store.getState().rows[0]?.targets.deals).toBe(10);
  });

  it('refetches on changes to plans and what they count, not on unrelated ones', async () => {
    let deals = 5;
    const fake = createFakeApi({
      'plans:list': () => [planRow({ actuals: { ...planRow().actuals, deals } })],
    });
    const store = createPlansStore(fake);
    const stop = store.getState().connect();
    await store.getState().start('2026-11');
    deals = 6;
    fake.emit('data:changed', { entities: ['localActions'], seq: 1 });
    await tick();
    expect(store.getState().rows[0]?.actuals.deals).toBe(5);
    fake.emit('data:changed', { entities: ['deals'], seq: 2 });
    await tick();
    expect(store.getState().rows[0]?.actuals.deals).toBe(6);
    stop();
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('plan figures', () => {
  it('reads targets as whole numbers from 0 to the contract maximum only', () => {
    expect(parseTarget('0')).toBe(0);
    expect(parseTarget(' 42 ')).toBe(42);
    expect(parseTarget('100000')).toBe(100_000);
    for (const bad of ['', '-1', '1.5', '1,5', '100001', '1e3', 'ten', '12 000'])
      expect(parseTarget(bad), bad).toBeNull();
  });

  it('measures progress against the target; a target of 0 is met already', () => {
    expect(progressOf(5, 10)).toBe(0.5);
    expect(progressOf(12, 10)).toBe(1.2);
    expect(progressOf(0, 0)).toBe(1);
    expect(progressOf(3, 0)).toBe(1);
  });
});
