import type { ActionDetail, LocalAction } from '../../../../../shared/contract/actions.schema';

// A local action as actions:get answers it, for the store's and the screen's tests.

export const ACTION_ID = '0f9c8d3e-1b2a-4c5d-8e7f-0a1b2c3d4e5f';

export function localAction(over: Partial<LocalAction> = {}): LocalAction {
  return {
    id: ACTION_ID,
    createdAt: '2026-11-02T08:00:00.000Z',
    createdBy: 'u-rep',
    updatedAt: '2026-11-02T08:00:00.000Z',
    updatedBy: 'u-rep',
    number: 'LA/2026/11/JKO/0042',
    repId: 'u-rep',
    clientId: 'k1',
    state: 'recommended',
    title: 'Gazetka listopadowa — ekspozycja przy kasie',
    startDate: '2026-11-03',
    endDate: '2026-11-20',
    modeId: 'm-leaflet',
    description: 'Produkt w gazetce i na ekspozycji.',
    conditions: ['Produkt na ekspozycji', 'Gazetka ze zdjęciem'],
    settlementMethod: 'products',
    agreedAmount: 150_000,
    budgetMonth: '2026-11',
    productIds: ['p1'],
    recommendedAmount: 100_000,
    justification: 'Gazetka bez zdjęcia.',
    approvedAmount: null,
    order: null,
    finalAmount: null,
    closeReasonId: null,
    registeredAt: '2026-11-02T08:05:00.000Z',
    history: [
      {
        at: '2026-11-02T08:00:00.000Z',
        by: 'u-rep',
        event: 'create',
        from: null,
        to: 'draft',
        note: '',
        amount: null,
      },
      {
        at: '2026-11-02T08:04:00.000Z',
        by: 'u-rep',
        event: 'edit',
        from: 'draft',
        to: 'draft',
        note: '',
        amount: null,
        changes: [{ field: 'agreedAmount', before: 120_000, after: 150_000 }],
      },
      {
        at: '2026-11-02T08:05:00.000Z',
        by: 'u-rep',
        event: 'register',
        from: 'draft',
        to: 'active',
        note: '',
        amount: 150_000,
      },
      {
        at: '2026-11-22T10:00:00.000Z',
        by: 'u-rep',
        event: 'recommend',
        from: 'active',
        to: 'recommended',
        note: 'Gazetka bez zdjęcia.',
        amount: 100_000,
      },
    ],
    ...over,
  };
}

export function actionDetail(
  over: Partial<ActionDetail> = {},
  action: Partial<LocalAction> = {},
): ActionDetail {
  return {
    action: localAction(action),
    stage: 'recommended',
    client: { id: 'k1', name: 'Sklep Spożywczy „Pod Lipami” Sp. z o.o.', city: 'Łódź', taxId: '7251234567' },
    rep: { id: 'u-rep', name: 'Jan Kowalski', code: 'JKO' },
    modeLabel: 'Gazetka',
    closeReasonLabel: null,
    products: [{ id: 'p1', code: 'WOD-15', name: 'Woda 1,5 l', unitPrice: 249 }],
    verifications: [
      {
        visitId: 'v1',
        taskId: 't1',
        date: '2026-11-10',
        visitStatus: 'done',
        taskStatus: 'done',
        conditions: [
          { item: 'Produkt na ekspozycji', met: true, note: 'Przy kasie', photoIds: ['a1'] },
          { item: 'Gazetka ze zdjęciem', met: false, note: 'Bez zdjęcia', photoIds: [] },
        ],
        note: '',
        photoIds: [],
      },
      {
        visitId: 'v2',
        taskId: 't2',
        date: '2026-11-18',
        visitStatus: 'planned',
        taskStatus: 'open',
        conditions: [
          { item: 'Produkt na ekspozycji', met: null, note: '', photoIds: [] },
          { item: 'Gazetka ze zdjęciem', met: null, note: '', photoIds: [] },
        ],
        note: '',
        photoIds: [],
      },
    ],
    summary: [
      { item: 'Produkt na ekspozycji', met: 1, notMet: 0 },
      { item: 'Gazetka ze zdjęciem', met: 0, notMet: 1 },
    ],
    budget: {
      repId: 'u-rep',
      month: '2026-11',
      budget: 500_000,
      reserved: 150_000,
      committed: 50_000,
      settled: 0,
      available: 300_000,
    },
    people: { 'u-rep': 'Jan Kowalski', 'u-man': 'Anna Nowak' },
    can: {
      edit: false,
      editable: [],
      register: false,
      cancel: false,
      close: false,
      recommend: false,
      decide: true,
      settle: false,
      printOrder: false,
    },
    ...over,
  };
}
