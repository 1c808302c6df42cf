import type { ActionRow, BudgetRow } from '../../../../../shared/contract/actions.schema';

// Rows as the core answers them, for the budget, settlements and alerts tests.

export function budgetRow(over: Partial<BudgetRow> = {}): BudgetRow {
  const row = {
    repId: 'rep-1',
    month: '2026-11',
    budget: 1_000_000,
    reserved: 300_000,
    committed: 200_000,
    settled: 50_000,
    repName: 'Jan Kowalski',
    repCode: 'JKO',
    isSet: true,
    note: '',
    ...over,
  };
  const available = row.budget - row.reserved - row.committed;
  const used = row.budget > 0 ? (row.reserved + row.committed) / row.budget : 0;
  return { available, used, ...row };
}

export function actionRow(over: Partial<ActionRow> = {}): ActionRow {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    number: 'LA/2026/11/JKO/0001',
    title: 'Gazetka',
    repId: 'rep-1',
    repName: 'Jan Kowalski',
    clientId: 'c1',
    clientName: 'Sklep Łąka',
    clientCity: 'Kraków',
    state: 'active',
    stage: 'running',
    startDate: '2026-11-01',
    endDate: '2026-11-30',
    budgetMonth: '2026-11',
    settlementMethod: 'products',
    agreedAmount: 300_000,
    recommendedAmount: null,
    approvedAmount: null,
    finalAmount: null,
    holds: { reserved: 300_000, committed: 0 },
    since: '2026-11-01T08:00:00.000Z',
    ...over,
  };
}
