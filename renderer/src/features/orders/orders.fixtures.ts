import type {
  ClientOrders,
  OrderImportRecord,
  OrderImportSummary,
  OrderPreset,
  OrderUpload,
} from '../../../../shared/contract/orders.schema';

// What the core answers to the orders commands, for the orders store and render tests.

export function orderUpload(over: Partial<OrderUpload> = {}): OrderUpload {
  return {
    uploadId: 'up-1',
    fileName: 'faktury-2026.csv',
    format: 'csv',
    encoding: 'windows-1250',
    delimiter: ';',
    sheets: [],
    sheet: null,
    headers: ['Kontrahent', 'Data', 'Towar', 'Ilość', 'Netto', 'Uwagi'],
    sample: [['K-001', '2026-11-02', 'MLK-1', '12', '1 234,50', '']],
    rowCount: 40,
    suggested: ['clientKey', 'date', 'product', 'quantity', 'netValue', null],
    ...over,
  };
}

export function orderSummary(over: Partial<OrderImportSummary> = {}): OrderImportSummary {
  return {
    counts: { new: 36, already: 2, error: 2 },
    rows: [
      {
        row: 2,
        outcome: 'new',
        clientId: 'c1',
        clientName: 'Przedsiębiorstwo Handlowo-Usługowe „Żółta Łódź” Sp. z o.o.',
        productName: 'Mleko 3,2% 1 l',
        date: '2026-11-02',
        quantity: 12,
        netValue: 123_450,
        issues: [],
      },
      {
        row: 9,
        outcome: 'error',
        clientId: null,
        clientName: null,
        productName: 'Mleko 3,2% 1 l',
        date: '2026-11-03',
        quantity: 3,
        netValue: 9_900,
        issues: [{ field: 'clientKey', key: 'validation.required', value: null }],
      },
      {
        row: 7,
        outcome: 'error',
        clientId: 'c1',
        clientName: 'Bar Żaczek',
        productName: null,
        date: null,
        quantity: 1.5,
        netValue: null,
        issues: [{ field: 'date', key: 'validation.import_date', value: '31.02.2026' }],
      },
    ],
    totals: { netValue: 1_250_050, clients: 12, from: '2026-10-01', to: '2026-11-20' },
    ...over,
  };
}

export function importRecord(id = 'imp-1', over: Partial<OrderImportRecord> = {}): OrderImportRecord {
  return {
    id,
    at: '2026-11-23T08:00:00.000Z',
    by: 'op-1',
    byName: 'Olga Operatorska',
    fileName: 'faktury-2026.csv',
    counts: { new: 36, already: 2, error: 2 },
    netValue: 1_250_050,
    revertedAt: null,
    revertedBy: null,
    revertable: true,
    ...over,
  };
}

export function orderPreset(over: Partial<OrderPreset> = {}): OrderPreset {
  return {
    id: 'pr-1',
    name: 'Eksport Subiekt',
    columns: [
      { header: 'Kontrahent', index: 0, target: 'clientKey' },
      { header: 'Data', index: 1, target: 'date' },
      { header: 'Towar', index: 2, target: 'product' },
      { header: 'Ilość', index: 3, target: 'quantity' },
      { header: 'Netto', index: 4, target: 'netValue' },
      { header: 'Nr faktury', index: 5, target: 'invoiceNo' },
    ],
    ...over,
  };
}

export function clientOrders(over: Partial<ClientOrders> = {}): ClientOrders {
  return {
    months: 12,
    currency: 'PLN',
    lineCount: 48,
    netValue: 4_567_890,
    topProducts: [
      {
        productId: 'p1',
        code: 'MLK-1',
        name: 'Mleko spożywcze 3,2% UHT w kartonie z zakrętką 1 l',
        unit: 'szt.',
        quantity: 480,
        netValue: 1_234_500,
        lines: 12,
        lastDate: '2026-11-20',
      },
      {
        productId: 'p2',
        code: 'SER-7',
        name: 'Ser żółty Gouda',
        unit: 'kg',
        quantity: 12.5,
        netValue: 45_050,
        lines: 3,
        lastDate: '2026-10-02',
      },
    ],
    lastOrders: [
      {
        key: 'FV/11/2026/123',
        invoiceNo: 'FV/11/2026/123',
        date: '2026-11-20',
        netValue: 250_000,
        lines: [
          {
            productId: 'p1',
            name: 'Mleko spożywcze 3,2% UHT',
            quantity: 40,
            unit: 'szt.',
            netValue: 200_000,
          },
          { productId: 'p2', name: 'Ser żółty Gouda', quantity: 2.25, unit: 'kg', netValue: 50_000 },
        ],
      },
      {
        key: '2026-10-02',
        invoiceNo: null,
        date: '2026-10-02',
        netValue: -12_000,
        lines: [{ productId: 'p2', name: 'Ser żółty Gouda', quantity: -1, unit: 'kg', netValue: -12_000 }],
      },
    ],
    ...over,
  };
}

export const emptyClientOrders = (): ClientOrders =>
  clientOrders({ lineCount: 0, netValue: 0, topProducts: [], lastOrders: [] });
