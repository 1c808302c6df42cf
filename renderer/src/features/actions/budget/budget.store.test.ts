import { describe, expect, it } from 'vitest';
import type { BudgetRow } from '../../../../../shared/contract/actions.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import { actionRow, budgetRow } from './budget.fixtures';
import { createBudgetStore } from './budget.store';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('budget store', () => {
  it('opens at the given month, moves by months across years and asks for each month', async () => {
    const asked: string[] = [];
    const fake = createFakeApi({
      'budgets:list': ({ month }) => {
        asked.push(month);
        return [budgetRow({ month })];
      },
    });
    const store = createBudgetStore(fake);
    await store.getState().start('2026-12');
    // A second start (the office's today arriving again) keeps the month the user is on.
    await store.getState().shift(1);
    await store.getState().start('2026-12');
    expect(store.getState().month).toBe('2027-01');
    await store.getState().shift(-1);
    await store.getState().shift(-1);
    expect(asked).toEqual(['2026-12', '2027-01', '2027-01', '2026-12', '2026-11']);
    expect(store.getState().rows[0]?.month).toBe('2026-11');
  });

  it('opens the actions behind a figure: the figure asked for, all actions for budget and available', async () => {
    const fake = createFakeApi({
      'budgets:list': () => [budgetRow()],
      'actions:list': () => [actionRow()],
    });
    const store = createBudgetStore(fake);
    await store.getState().start('2026-11');
    const row = store.getState().rows[0]!;
    await store.getState().openFigure(row, 'reserved');
    expect(store.getState().figure).toMatchObject({ figure: 'reserved', status: 'ready', amount: 300_000 });
    expect(store.getState().figure?.rows).toHaveLength(1);
    await store.getState().openFigure(row, 'available');
    await store.getState().openFigure(row, 'committed');
    const inputs = fake.calls.filter((c) => c.command === 'actions:list').map((c) => c.input);
    expect(inputs).toEqual([
      { repId: 'rep-1', budgetMonth: '2026-11', figure: 'reserved' },
      { repId: 'rep-1', budgetMonth: '2026-11' },
      { repId: 'rep-1', budgetMonth: '2026-11', figure: 'committed' },
    ]);
    store.getState().closeFigure();
    expect(store.getState().figure).toBeNull();
  });

  it('sets a budget and shows the saved row at once', async () => {
    let rows: BudgetRow[] = [budgetRow(), budgetRow({ repId: 'rep-2', repName: 'Ewa Nowak' })];
    const fake = createFakeApi({
      'budgets:list': () => rows,
      'budgets:set': ({ repId, amount, note }) => {
        rows = rows.map((r) => (r.repId === repId ? budgetRow({ ...r, budget: amount, note }) : r));
        return rows.find((r) => r.repId === repId)!;
      },
    });
    const store = createBudgetStore(fake);
    await store.getState().start('2026-11');
    store.getState().openEdit(store.getState().rows[1]!);
    expect(await store.getState().saveBudget(2_000_000, 'Q4 push')).toBe(true);
    expect(fake.calls.at(-1)).toEqual({
      command: 'budgets:set',
      input: { repId: 'rep-2', month: '2026-11', amount: 2_000_000, note: 'Q4 push' },
    });
    expect(store.getState().edit).toBeNull();
    expect(store.getState().rows.map((r) => r.budget)).toEqual([1_000_000, 2_000_000]);
  });

  it('keeps a refused budget edit open with the blocking figures, and changes no row', async () => {
    const fake = createFakeApi({
      'budgets:list': () => [budgetRow()],
      'budgets:set': ({ amount }) => {
        throw new AppError('budget_exceeded', 'below', {
          key: 'errors.budget_below_used',
          details: { month: '2026-11', amount, reserved: 300_000, committed: 200_000, minimum: 500_000 },
        });
      },
    });
    const store = createBudgetStore(fake);
    await store.getState().start('2026-11');
    const before = store.getState().rows;
    store.getState().openEdit(before[0]!);
    expect(await store.getState().saveBudget(400_000, '')).toBe(false);
    expect(store.getState().edit).toMatchObject({
      saving: false,
      refusal: { amount: 400_000, reserved: 300_000, committed: 200_000, minimum: 500_000 },
    });
    expect(store.getState().rows).toBe(before);
  });

  it('tells another failure apart from a refusal', async () => {
    const fake = createFakeApi({
      'budgets:list': () => [budgetRow()],
      'budgets:set': () => {
        throw new AppError('forbidden', 'no');
      },
    });
    const store = createBudgetStore(fake);
    await store.getState().start('2026-11');
    store.getState().openEdit(store.getState().rows[0]!);
    await store.getState().saveBudget(400_000, '');
    expect(store.getState().edit?.refusal).toBeNull();
    expect(store.getState().edit?.error).toBeTruthy();
  });

  it('refetches the month and the open list when budgets or actions change, nothing else', async () => {
    let budget = 1_000_000;
    const fake = createFakeApi({
      'budgets:list': () => [budgetRow({ budget })],
      'actions:list': () => [actionRow()],
    });
    const store = createBudgetStore(fake);
    const off = store.getState().connect();
    fake.emit('data:changed', { entities: ['budgets'], seq: 1 });
    expect(fake.calls).toHaveLength(0); // the screen has not asked for anything yet
    await store.getState().start('2026-11');
    await store.getState().openFigure(store.getState().rows[0]!, 'reserved');
    const calls = fake.calls.length;
    fake.emit('data:changed', { entities: ['visits'], seq: 2 });
    expect(fake.calls).toHaveLength(calls);
    budget = 2_000_000;
    fake.emit('data:changed', { entities: ['localActions'], seq: 3 });
    await tick();
    expect(fake.calls.slice(calls).map((c) => c.command)).toEqual(['budgets:list', 'actions:list']);
    expect(store.getState().rows[0]?.budget).toBe(2_000_000);
    off();
    expect(fake.listenerCount()).toBe(0);
  });
});
