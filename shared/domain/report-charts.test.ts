import { describe, expect, it } from 'vitest';
import type {
  ReportColumn,
  ReportKind,
  ReportResult,
  ReportRow,
  ValueKind,
} from '../contract/reports.schema';
import { reportChart, seriesColour, truncate } from './report-charts';

// Hand-made reports, one per kind, with the figures a chart must show worked out by hand.

function col(key: string, kind: ValueKind, extra: Partial<ReportColumn> = {}): ReportColumn {
  return { key, kind, labels: null, drill: null, owner: null, ...extra };
}

function row(key: string, cells: ReportRow['cells'], extra: Partial<ReportRow> = {}): ReportRow {
  return {
    key,
    group: null,
    label: key,
    labelKey: null,
    labels: null,
    repId: null,
    link: null,
    cells,
    ...extra,
  };
}

function result(kind: ReportKind, columns: ReportColumn[], rows: ReportRow[]): ReportResult {
  return {
    kind,
    filters: { teamId: null, repId: null, from: '2026-06', to: '2026-11' },
    currency: 'PLN',
    columns,
    rows,
    totals: {},
    computedAt: '2026-11-24T08:00:00.000Z',
    cached: false,
    notes: [],
  };
}

describe('report charts', () => {
  it('sums budget use per rep over the months, stacked, with available clamped at 0', () => {
    const cols = ['budget', 'reserved', 'committed', 'settled', 'available'].map((k) =>
      col(k, 'money', { drill: k === 'budget' || k === 'available' ? null : 'action' }),
    );
    const cells = (budget: number, reserved: number, committed: number, settled: number | null) => ({
      month: '2026-10',
      budget,
      reserved,
      committed,
      settled,
      available: budget - reserved - committed - (settled ?? 0),
      usedPct: null,
    });
    const data = reportChart(
      result(
        'budgetUse',
        [col('month', 'month'), ...cols, col('usedPct', 'percent')],
        [
          row('r2|2026-10', cells(100_000, 10_000, 20_000, 5_000), { repId: 'r2', label: 'Ewa' }),
          row('r1|2026-10', cells(50_000, 0, 70_000, 0), { repId: 'r1', label: 'Jan' }),
          row('r2|2026-11', cells(100_000, 1, 2, null), { repId: 'r2', label: 'Ewa' }),
        ],
      ),
    );
    expect(data.unit).toBe('money');
    expect(data.series).toEqual([
      { key: 'settled', stack: 'budget', drillColumn: 'settled' },
      { key: 'committed', stack: 'budget', drillColumn: 'committed' },
      { key: 'reserved', stack: 'budget', drillColumn: 'reserved' },
      { key: 'available', stack: 'budget', drillColumn: 'available' },
    ]);
    // Ewa first: the order of the rows, not of the names.
    expect(data.categories.map((c) => [c.key, c.label, c.rowKeys])).toEqual([
      ['r2', 'Ewa', ['r2|2026-10', 'r2|2026-11']],
      ['r1', 'Jan', ['r1|2026-10']],
    ]);
    // A null settled counts as 0; available is the months' sum: 65 000 + 99 997.
    expect(data.categories[0]?.values).toEqual({
      settled: 5_000,
      committed: 20_002,
      reserved: 10_001,
      available: 164_997,
    });
    // Jan overspent by 20 000: the chart draws no negative slice.
    expect(data.categories[1]?.values).toEqual({ settled: 0, committed: 70_000, reserved: 0, available: 0 });
  });

  it('draws the actions report by stage only, one count series, labels as codes', () => {
    const data = reportChart(
      result(
        'actions',
        [col('count', 'int', { drill: 'action' }), col('agreed', 'money'), col('share', 'percent')],
        [
          row(
            'stage:running',
            { count: 3, agreed: 900, share: 60 },
            { group: 'stage', labelKey: 'stage.running' },
          ),
          row(
            'stage:settled',
            { count: 2, agreed: 100, share: 40 },
            { group: 'stage', labelKey: 'stage.settled' },
          ),
          row(
            'reason:d1',
            { count: 1, agreed: 50, share: 100 },
            { group: 'reason', labels: { pl: 'Brak towaru', cs: 'Chybí zboží', en: 'Out of stock' } },
          ),
        ],
      ),
    );
    expect(data.unit).toBe('int');
    expect(data.series).toEqual([{ key: 'count', stack: null, drillColumn: 'count' }]);
    expect(data.categories).toEqual([
      {
        key: 'stage:running',
        label: 'stage:running',
        labelKey: 'stage.running',
        labels: null,
        rowKeys: ['stage:running'],
        values: { count: 3 },
      },
      {
        key: 'stage:settled',
        label: 'stage:settled',
        labelKey: 'stage.settled',
        labels: null,
        rowKeys: ['stage:settled'],
        values: { count: 2 },
      },
    ]);
  });

  it('sums effectiveness per rep, named from the rep cell, uplift and cost side by side', () => {
    const cols = [
      col('rep', 'text'),
      col('before', 'money', { drill: 'orderLine' }),
      col('during', 'money', { drill: 'orderLine' }),
      col('uplift', 'money'),
      col('cost', 'money'),
    ];
    const data = reportChart(
      result('effectiveness', cols, [
        row('a1', { rep: 'Jan Kowalski', uplift: 1_000, cost: 300 }, { repId: 'r1', label: 'LA/2026/1' }),
        row('a2', { rep: 'Ewa Nowak', uplift: -200, cost: null }, { repId: 'r2', label: 'LA/2026/2' }),
        row('a3', { rep: 'Jan Kowalski', uplift: 500, cost: 200 }, { repId: 'r1', label: 'LA/2026/3' }),
      ]),
    );
    expect(data.series).toEqual([
      { key: 'uplift', stack: null, drillColumn: 'during' },
      { key: 'cost', stack: null, drillColumn: 'cost' },
    ]);
    expect(data.categories.map((c) => [c.label, c.rowKeys, c.values])).toEqual([
      ['Jan Kowalski', ['a1', 'a3'], { uplift: 1_500, cost: 500 }],
      // A loss stays negative (it is not a stack); a missing cost draws as 0.
      ['Ewa Nowak', ['a2'], { uplift: -200, cost: 0 }],
    ]);
  });

  it('stacks visits apart from calls by status in the workload chart, statuses in column order', () => {
    const cols = [
      col('visitsDone', 'int', { drill: 'visit' }),
      col('fieldDays', 'int'),
      col('meetingsPerDay', 'decimal'),
      col('callsTotal', 'int', { drill: 'call' }),
      col('call_s2', 'int', {
        drill: 'call',
        labels: { pl: 'Oddzwonić', cs: 'Zavolat znovu', en: 'Call back' },
      }),
      col('call_s1', 'int', { drill: 'call', labels: { pl: 'Zamówienie', cs: 'Objednávka', en: 'Order' } }),
      col('call_none', 'int', { drill: 'call' }),
    ];
    const data = reportChart(
      result('workload', cols, [
        row(
          'r1',
          {
            visitsDone: 12,
            fieldDays: 4,
            meetingsPerDay: 3,
            callsTotal: 5,
            call_s2: 1,
            call_s1: 4,
            call_none: 0,
          },
          { repId: 'r1' },
        ),
        row(
          'r2',
          {
            visitsDone: 0,
            fieldDays: 0,
            meetingsPerDay: null,
            callsTotal: 2,
            call_s2: null,
            call_s1: 0,
            call_none: 2,
          },
          { repId: 'r2' },
        ),
      ]),
    );
    expect(data.series.map((s) => [s.key, s.stack])).toEqual([
      ['visitsDone', 'visits'],
      ['call_s2', 'calls'],
      ['call_s1', 'calls'],
      ['call_none', 'calls'],
    ]);
    expect(data.categories.map((c) => c.values)).toEqual([
      { visitsDone: 12, call_s2: 1, call_s1: 4, call_none: 0 },
      { visitsDone: 0, call_s2: 0, call_s1: 0, call_none: 2 },
    ]);
  });

  it('stacks the data-quality gaps per owner, clients without a rep labelled by code', () => {
    const gaps = ['noTaxId', 'noContact', 'contactNoChannel', 'noConsent', 'duplicates', 'meetingsNoResult'];
    const cols = [
      col('clients', 'int'),
      col('complete', 'int'),
      col('completePct', 'percent'),
      ...gaps.map((g) => col(g, 'int')),
    ];
    const data = reportChart(
      result('dataQuality', cols, [
        row(
          'r1',
          {
            clients: 10,
            noTaxId: 2,
            noContact: 1,
            contactNoChannel: 0,
            noConsent: 3,
            duplicates: 2,
            meetingsNoResult: 4,
          },
          { repId: 'r1', label: 'Jan' },
        ),
        row(
          'none',
          {
            clients: 4,
            noTaxId: 1,
            noContact: 4,
            contactNoChannel: 0,
            noConsent: 0,
            duplicates: 0,
            meetingsNoResult: 0,
          },
          { label: '', labelKey: 'owner.none' },
        ),
      ]),
    );
    expect(data.series.map((s) => s.key)).toEqual(gaps);
    expect(data.series.every((s) => s.stack === 'gaps' && s.drillColumn === s.key)).toBe(true);
    expect(data.categories[1]).toMatchObject({ key: 'none', labelKey: 'owner.none', rowKeys: ['none'] });
    expect(data.categories[0]?.values).toEqual({
      noTaxId: 2,
      noContact: 1,
      contactNoChannel: 0,
      noConsent: 3,
      duplicates: 2,
      meetingsNoResult: 4,
    });
    expect(data.categories[0]?.values).not.toHaveProperty('clients');
  });

  it('recomputes plan percentages from the summed months, never averaging them', () => {
    const keys = [
      'contactsTarget',
      'contacts',
      'contactsPct',
      'meetingsTarget',
      'meetings',
      'meetingsPct',
      'dealsTarget',
      'deals',
      'dealsPct',
    ];
    const cols = [col('month', 'month'), ...keys.map((k) => col(k, k.endsWith('Pct') ? 'percent' : 'int'))];
    const cells = (c: number, ct: number, m: number, mt: number, d: number, dt: number) => ({
      contacts: c,
      contactsTarget: ct,
      contactsPct: ct ? (c / ct) * 100 : null,
      meetings: m,
      meetingsTarget: mt,
      meetingsPct: mt ? (m / mt) * 100 : null,
      deals: d,
      dealsTarget: dt,
      dealsPct: dt ? (d / dt) * 100 : null,
    });
    const data = reportChart(
      result('planProgress', cols, [
        // October: 10 of 10 contacts (100 %); November: 0 of 90 (0 %). Average 50 %, truth 10 %.
        row('r1|2026-10', cells(10, 10, 5, 0, 1, 2), { repId: 'r1', label: 'Jan' }),
        row('r1|2026-11', cells(0, 90, 3, 0, 3, 2), { repId: 'r1', label: 'Jan' }),
        row('r2|2026-11', cells(7, 0, 0, 0, 0, 0), { repId: 'r2', label: 'Ewa' }),
      ]),
    );
    expect(data.unit).toBe('percent');
    expect(data.series).toEqual([
      { key: 'contactsPct', stack: null, drillColumn: 'contacts' },
      { key: 'meetingsPct', stack: null, drillColumn: 'meetings' },
      { key: 'dealsPct', stack: null, drillColumn: 'deals' },
    ]);
    expect(data.categories[0]?.rowKeys).toEqual(['r1|2026-10', 'r1|2026-11']);
    expect(data.categories[0]?.values).toEqual({ contactsPct: 10, meetingsPct: 0, dealsPct: 100 });
    // No target: no percentage, drawn as 0.
    expect(data.categories[1]?.values).toEqual({ contactsPct: 0, meetingsPct: 0, dealsPct: 0 });
  });

  it('draws no category for an empty report, and no series for a column the core did not send', () => {
    const data = reportChart(result('budgetUse', [col('settled', 'money'), col('available', 'money')], []));
    expect(data.categories).toEqual([]);
    expect(data.series.map((s) => s.key)).toEqual(['settled', 'available']);
    expect(reportChart(result('dataQuality', [], [])).series).toEqual([]);
  });
});

describe('how a chart is drawn (the screen and the report PDF alike)', () => {
  it('cuts long names with an ellipsis and leaves short ones whole', () => {
    expect(truncate('Jan Kowalski')).toBe('Jan Kowalski');
    expect(truncate('Grzegorz Brzęczyszczykiewicz')).toBe('Grzegorz Brzęcz…');
    expect(truncate('Grzegorz Brzęczyszczykiewicz').length).toBe(16);
  });

  it('gives the budget slices their fixed colours and the rest the palette in turn', () => {
    expect(seriesColour('settled', 5)).toBe('#0f6b3a');
    expect(seriesColour('available', 0)).toBe('#cbd5e1');
    expect(seriesColour('visitsDone', 0)).not.toBe(seriesColour('callsTotal', 1));
    expect(seriesColour('x', 9)).toBe(seriesColour('y', 0));
  });
});
