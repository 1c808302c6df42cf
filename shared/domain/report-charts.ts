import type {
  ReportKind,
  ReportLabels,
  ReportResult,
  ReportRow,
  ValueKind,
} from '../contract/reports.schema';

// The chart of each report (PRODUCT.md §6), shaped from the rows the core returned and nothing
// else: the chart can then never say something the table does not. Pure and without React, so the
// rules below (which rows make a bar, how percentages are made) are tested on their own. A bar
// keeps the keys of the rows it sums, so clicking it opens exactly the records behind those rows.

export interface ReportChartSeries {
  /** The column the series draws (its name: `reports:columns.<key>` or the column's labels). */
  key: string;
  /** Series with the same stack are stacked; null: a bar of its own beside the others. */
  stack: string | null;
  /** The column whose records a bar of this series opens. */
  drillColumn: string;
}

export interface ReportChartCategory {
  key: string;
  /** As text (a rep's name) … */
  label: string;
  /** … or as a code (`reports:labels.<labelKey>`) … */
  labelKey: string | null;
  /** … or as a dictionary item's labels. */
  labels: ReportLabels | null;
  /** The rows this category sums: what a bar drills into. */
  rowKeys: string[];
  /** One figure per series key; never null (a missing figure draws as 0). */
  values: Record<string, number>;
}

export interface ReportChartData {
  unit: ValueKind;
  series: ReportChartSeries[];
  categories: ReportChartCategory[];
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

interface Bucket {
  key: string;
  label: string;
  labelKey: string | null;
  labels: ReportLabels | null;
  rowKeys: string[];
  sums: Record<string, number>;
}

/**
 * Rows summed per rep (rows without a rep stand alone), in the order the rows first name each rep.
 * `columns` are the cells summed; `labelOf` names the bucket from its first row.
 */
function byRep(
  rows: readonly ReportRow[],
  columns: readonly string[],
  labelOf: (r: ReportRow) => string,
): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const row of rows) {
    const key = row.repId ?? `row:${row.key}`;
    let b = buckets.get(key);
    if (!b) {
      b = {
        key: row.repId ?? row.key,
        label: labelOf(row),
        labelKey: row.repId ? null : row.labelKey,
        labels: row.repId ? null : row.labels,
        rowKeys: [],
        sums: Object.fromEntries(columns.map((c) => [c, 0])),
      };
      buckets.set(key, b);
    }
    b.rowKeys.push(row.key);
    for (const c of columns) b.sums[c] = (b.sums[c] ?? 0) + num(row.cells[c]);
  }
  return [...buckets.values()];
}

function oneEach(rows: readonly ReportRow[], columns: readonly string[]): Bucket[] {
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    labelKey: row.labelKey,
    labels: row.labels,
    rowKeys: [row.key],
    sums: Object.fromEntries(columns.map((c) => [c, num(row.cells[c])])),
  }));
}

function category(b: Bucket, values: Record<string, number>): ReportChartCategory {
  return { key: b.key, label: b.label, labelKey: b.labelKey, labels: b.labels, rowKeys: b.rowKeys, values };
}

function pick(sums: Record<string, number>, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, sums[k] ?? 0]));
}

/** Actual over target in percent (0–100, may exceed); a target of 0 has no percentage, drawn as 0. */
function pct(actual: number, target: number): number {
  return target > 0 ? (actual / target) * 100 : 0;
}

const series = (key: string, stack: string | null, drillColumn = key): ReportChartSeries => ({
  key,
  stack,
  drillColumn,
});

const BUDGET_SERIES = ['settled', 'committed', 'reserved', 'available'] as const;
const GAP_SERIES = [
  'noTaxId',
  'noContact',
  'contactNoChannel',
  'noConsent',
  'duplicates',
  'meetingsNoResult',
];
const PLAN_METRICS = [
  { pct: 'contactsPct', actual: 'contacts', target: 'contactsTarget' },
  { pct: 'meetingsPct', actual: 'meetings', target: 'meetingsTarget' },
  { pct: 'dealsPct', actual: 'deals', target: 'dealsTarget' },
] as const;

/** The units each kind's chart draws in. */
export const CHART_UNIT: Readonly<Record<ReportKind, ValueKind>> = {
  budgetUse: 'money',
  actions: 'int',
  effectiveness: 'money',
  workload: 'int',
  dataQuality: 'int',
  planProgress: 'percent',
};

/** The chart of a report, as the reports spec describes it for each kind. */
export function reportChart(result: ReportResult): ReportChartData {
  const unit = CHART_UNIT[result.kind];
  const present = new Set(result.columns.map((c) => c.key));
  // A column the core did not send (an older core, a renamed column) draws no series.
  const keep = (s: ReportChartSeries[]) => s.filter((x) => present.has(x.key));
  const rows = result.rows;

  switch (result.kind) {
    case 'budgetUse': {
      const s = keep(BUDGET_SERIES.map((k) => series(k, 'budget')));
      const categories = byRep(rows, BUDGET_SERIES, (r) => r.label).map((b) =>
        // Overspent is not "negative available" in a stacked bar: it would hide the bars below.
        category(b, {
          ...pick(b.sums, ['settled', 'committed', 'reserved']),
          available: Math.max(0, b.sums.available ?? 0),
        }),
      );
      return { unit, series: s, categories };
    }
    case 'actions': {
      const stages = rows.filter((r) => r.group === 'stage');
      return {
        unit,
        series: keep([series('count', null)]),
        categories: oneEach(stages, ['count']).map((b) => category(b, b.sums)),
      };
    }
    case 'effectiveness': {
      // Rows are actions, labelled by their number: the bar is the rep's, named from the rep cell.
      const cols = ['uplift', 'cost'];
      const categories = byRep(rows, cols, (r) =>
        typeof r.cells.rep === 'string' && r.cells.rep ? r.cells.rep : r.label,
      ).map((b) => category(b, b.sums));
      // Uplift is during − before: the records behind it are the sales during the action.
      return { unit, series: keep([series('uplift', null, 'during'), series('cost', null)]), categories };
    }
    case 'workload': {
      const calls = result.columns
        .filter((c) => c.key.startsWith('call_'))
        .map((c) => series(c.key, 'calls'));
      const s = keep([series('visitsDone', 'visits'), ...calls]);
      const keys = s.map((x) => x.key);
      return { unit, series: s, categories: oneEach(rows, keys).map((b) => category(b, b.sums)) };
    }
    case 'dataQuality': {
      const s = keep(GAP_SERIES.map((k) => series(k, 'gaps')));
      const keys = s.map((x) => x.key);
      return { unit, series: s, categories: oneEach(rows, keys).map((b) => category(b, b.sums)) };
    }
    case 'planProgress': {
      const cols = PLAN_METRICS.flatMap((m) => [m.actual, m.target]);
      // Percentages of the summed months, never an average of monthly percentages.
      const categories = byRep(rows, cols, (r) => r.label).map((b) =>
        category(
          b,
          Object.fromEntries(
            PLAN_METRICS.map((m) => [m.pct, pct(b.sums[m.actual] ?? 0, b.sums[m.target] ?? 0)]),
          ),
        ),
      );
      return { unit, series: keep(PLAN_METRICS.map((m) => series(m.pct, null, m.actual))), categories };
    }
  }
}

// ---- how a chart is drawn: the screen's recharts chart and the report PDF's SVG alike ----

/** Colours far enough apart for the common colour-vision deficiencies, on white. */
const PALETTE = [
  '#1d4ed8',
  '#d97706',
  '#0f766e',
  '#9333ea',
  '#be123c',
  '#4d7c0f',
  '#0369a1',
  '#a16207',
  '#475569',
];
/** Budget slices keep their meaning whatever their order: settled green, available pale. */
const FIXED: Readonly<Record<string, string>> = {
  settled: '#0f6b3a',
  committed: '#1d4ed8',
  reserved: '#d97706',
  available: '#cbd5e1',
};
/** The colour of a series: fixed by its meaning, else the palette's `i`-th. */
export const seriesColour = (key: string, i: number): string => FIXED[key] ?? PALETTE[i % PALETTE.length]!;

/** Long names are cut on the axis with an ellipsis; the tooltip and the table show them whole. */
export const TICK_CHARS = 16;
export function truncate(text: string, max = TICK_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
