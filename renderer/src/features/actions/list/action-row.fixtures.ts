import type { ActionRow } from '../../../../../shared/contract/actions.schema';

/** A running action's list row, for tests; override what the test is about. */
export function actionRow(over: Partial<ActionRow> = {}): ActionRow {
  return {
    id: 'a1',
    number: 'LA/2026/11/JKO/0001',
    title: 'Gazetka listopadowa',
    repId: 'u-rep',
    repName: 'Jan Kowalski',
    clientId: 'k1',
    clientName: 'Sklep Łąka',
    clientCity: 'Łódź',
    state: 'active',
    stage: 'running',
    startDate: '2026-11-02',
    endDate: '2026-11-30',
    budgetMonth: '2026-11',
    settlementMethod: 'invoice',
    agreedAmount: 150000,
    recommendedAmount: null,
    approvedAmount: null,
    finalAmount: null,
    holds: { reserved: 150000, committed: 0 },
    since: '2026-11-01T08:00:00.000Z',
    ...over,
  };
}
