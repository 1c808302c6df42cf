import type {
  DrillRecord,
  ReportColumn,
  ReportDrillResult,
  ReportFilters,
  ReportKind,
  ReportResult,
  ReportRow,
  ReportScope,
  ValueKind,
} from '../../../../shared/contract/reports.schema';

// Reports as the core answers them, for the reports store and screen tests.

export function column(key: string, kind: ValueKind, over: Partial<ReportColumn> = {}): ReportColumn {
  return { key, kind, labels: null, drill: null, owner: null, ...over };
}

export function reportRow(key: string, cells: ReportRow['cells'], over: Partial<ReportRow> = {}): ReportRow {
  return {
    key,
    group: null,
    label: key,
    labelKey: null,
    labels: null,
    repId: null,
    link: null,
    cells,
    ...over,
  };
}

export function reportResult(
  kind: ReportKind,
  filters: ReportFilters,
  over: Partial<ReportResult> = {},
): ReportResult {
  return {
    kind,
    filters,
    currency: 'PLN',
    columns: [],
    rows: [],
    totals: {},
    computedAt: '2026-11-24T08:00:00.000Z',
    cached: false,
    notes: [],
    ...over,
  };
}

export const SCOPE: ReportScope = {
  teams: [
    { id: 't1', name: 'Małopolska' },
    { id: 't2', name: 'Śląsk' },
  ],
  reps: [
    { id: 'r1', name: 'Jan Kowalski', teamId: 't1' },
    { id: 'r2', name: 'Ewa Nowak-Szczepańska', teamId: 't1' },
    { id: 'r3', name: 'Piotr Zieliński', teamId: 't2' },
  ],
  kinds: ['budgetUse', 'actions', 'effectiveness', 'workload', 'dataQuality', 'planProgress'],
};

/** Budget use for two reps over two months: money figures, drillable sums, a percent. */
export function budgetResult(filters: ReportFilters): ReportResult {
  const cells = (month: string, budget: number, reserved: number, committed: number, settled: number) => ({
    month,
    budget,
    reserved,
    committed,
    settled,
    available: budget - reserved - committed - settled,
    usedPct: budget ? ((reserved + committed) / budget) * 100 : null,
  });
  return reportResult('budgetUse', filters, {
    columns: [
      column('month', 'month'),
      column('budget', 'money'),
      column('reserved', 'money', { drill: 'action' }),
      column('committed', 'money', { drill: 'action' }),
      column('settled', 'money', { drill: 'action' }),
      column('available', 'money'),
      column('usedPct', 'percent'),
    ],
    rows: [
      reportRow('r1|2026-10', cells('2026-10', 1_000_000, 250_050, 300_000, 100_000), {
        repId: 'r1',
        label: 'Jan Kowalski',
      }),
      reportRow('r1|2026-11', cells('2026-11', 1_000_000, 0, 0, 0), { repId: 'r1', label: 'Jan Kowalski' }),
      reportRow('r2|2026-11', cells('2026-11', 0, 0, 0, 0), { repId: 'r2', label: 'Ewa Nowak-Szczepańska' }),
    ],
    totals: {
      month: null,
      budget: 2_000_000,
      reserved: 250_050,
      committed: 300_000,
      settled: 100_000,
      available: 1_349_950,
      usedPct: 27.5025,
    },
  });
}

export function drillRecord(over: Partial<DrillRecord> = {}): DrillRecord {
  return {
    entity: 'action',
    id: '01900000-0000-7000-8000-0000000000a1',
    date: '2026-10-05',
    title: 'LA/2026/0012 Degustacja w sklepie',
    subtitle: 'Przedsiębiorstwo Handlowo-Usługowe „Żółta Łódź” Sp. z o.o.',
    amount: 250_050,
    status: 'running',
    statusLabels: null,
    clientId: '01900000-0000-7000-8000-0000000000c1',
    ...over,
  };
}

export function drillResult(over: Partial<ReportDrillResult> = {}): ReportDrillResult {
  return {
    entity: 'action',
    column: 'reserved',
    total: 1,
    records: [drillRecord()],
    sum: 250_050,
    currency: 'PLN',
    ...over,
  };
}
