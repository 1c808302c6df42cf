import { z } from 'zod';
import { Month } from './actions.schema';

// The six reports of PRODUCT.md §6 (issue 8 must-have 3). Every report is computed in the core from
// the store — never from a copy kept elsewhere — and comes back in ONE generic shape: columns, rows
// of figures and a totals row. The screens (and the exports of issue 9) draw any report from it; the
// chart is shaped from the rows by pure functions (shared/domain/report-charts.ts). Every figure a
// column marks as drillable opens the records behind it (`reports:drill`): the core keeps, for each
// cell, the ids of the records it counted, so the records listed are exactly the ones summed.

export const REPORT_KINDS = [
  'budgetUse',
  'actions',
  'effectiveness',
  'workload',
  'dataQuality',
  'planProgress',
] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

/** A report's period: whole office-local months, `from` to `to` inclusive, at most two years. */
export const MAX_REPORT_MONTHS = 24;

export const ReportFilters = z
  .object({
    /** One team (a manager's own, or any for the admin); null: every team in the caller's scope. */
    teamId: z.string().min(1).nullable().default(null),
    /** One rep; null: every rep the team filter leaves. */
    repId: z.string().min(1).nullable().default(null),
    from: Month,
    to: Month,
  })
  .strict()
  .refine((f) => f.from <= f.to, { path: ['to'], message: 'validation.period_order' })
  .refine((f) => monthSpan(f.from, f.to) <= MAX_REPORT_MONTHS, {
    path: ['from'],
    message: 'validation.report_period_too_long',
  });
export type ReportFilters = z.output<typeof ReportFilters>;

/** Months from `from` to `to` inclusive ('2026-01', '2026-03' → 3). */
export function monthSpan(from: string, to: string): number {
  const a = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7));
  const b = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  return b - a + 1;
}

export const ReportRunInput = z
  .object({
    kind: ReportKind,
    filters: ReportFilters,
    /** Names the `job:progress` events of this computation (chosen by the caller). */
    jobId: z.string().max(64).optional(),
  })
  .strict();
export type ReportRunInput = z.output<typeof ReportRunInput>;

/** How a figure is written: money is integer minor units of `currency`; percent is 0–100 (may exceed). */
export const ValueKind = z.enum(['int', 'money', 'percent', 'decimal', 'text', 'month', 'date']);
export type ValueKind = z.infer<typeof ValueKind>;

/** The kind of record a figure is made of. */
export const DrillEntity = z.enum(['action', 'visit', 'call', 'client', 'contact', 'deal', 'orderLine']);
export type DrillEntity = z.infer<typeof DrillEntity>;

/** A dictionary item's label in every language (the screen picks its own). */
export const ReportLabels = z.object({ pl: z.string(), cs: z.string(), en: z.string() });
export type ReportLabels = z.infer<typeof ReportLabels>;

export const ReportColumn = z.object({
  key: z.string(),
  kind: ValueKind,
  /**
   * Fixed columns are named by the screen (`reports:columns.<key>`); columns made from a dictionary
   * (a call status) bring their labels.
   */
  labels: ReportLabels.nullable(),
  /** The records behind this column's figures (null: not a count or sum of records). */
  drill: DrillEntity.nullable(),
  /** Who closes the gap a data-quality column counts (PRODUCT.md §4 "who owns each gap"). */
  owner: z.enum(['operator', 'manager', 'rep']).nullable(),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportCell = z.union([z.number(), z.string(), z.null()]);
export type ReportCell = z.infer<typeof ReportCell>;

export const ReportRow = z.object({
  /** Stable within a report: a rep id, `repId|month`, an action stage, an action id … */
  key: z.string(),
  /** Rows in groups (the actions report: stages, then the reasons of failure); null: one group. */
  group: z.string().nullable(),
  /** What the row is about, as text (a rep's name, an action's number) … */
  label: z.string(),
  /** … or as a code the screen translates (`reports:labels.<labelKey>`, e.g. 'stage.running') … */
  labelKey: z.string().nullable(),
  /** … or as a dictionary item's labels (a reason of failure). */
  labels: ReportLabels.nullable(),
  /** For charts and drill-down: the rep the row is about (null: several, or none). */
  repId: z.string().nullable(),
  /** Where the row's own record opens (an action's row in the effectiveness report). */
  link: z.object({ entity: DrillEntity, id: z.string() }).nullable(),
  cells: z.record(z.string(), ReportCell),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportResult = z.object({
  kind: ReportKind,
  filters: ReportFilters,
  /** Money figures are in this currency's minor units. */
  currency: z.string(),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
  /**
   * The totals row: sums (percent and ratio columns recomputed from the sums, not summed; the
   * effectiveness report's uplift per unit of cost from the actions that cost something).
   */
  totals: z.record(z.string(), ReportCell),
  /** When the figures were computed (an instant) and whether they came from the cache. */
  computedAt: z.string(),
  cached: z.boolean(),
  /** Notes the screen shows under the table (i18n keys of `reports:notes.*`), e.g. why a figure is empty. */
  notes: z.array(z.string()),
});
export type ReportResult = z.infer<typeof ReportResult>;

export const ReportDrillInput = z
  .object({
    kind: ReportKind,
    filters: ReportFilters,
    /** The rows whose cells to open (a chart bar can stand for several rows); empty: the totals row. */
    rowKeys: z.array(z.string().min(1)).max(500),
    column: z.string().min(1).max(100),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type ReportDrillInput = z.output<typeof ReportDrillInput>;

export const DrillRecord = z.object({
  entity: DrillEntity,
  id: z.string(),
  /** A day (visits, deals, order lines, a call's office-local day, an action's start) or null. */
  date: z.string().nullable(),
  /** The record's headline: a client's name, an action's number and title, a product … */
  title: z.string(),
  /** A second line: the client's city, the rep, the call's number … */
  subtitle: z.string(),
  /** Its amount where it has one (minor units). */
  amount: z.number().int().nullable(),
  /** A status code as stored (an action's stage, a visit's status, a call status's labels). */
  status: z.string().nullable(),
  statusLabels: ReportLabels.nullable(),
  /** The client the record belongs to (to open its card). */
  clientId: z.string().nullable(),
});
export type DrillRecord = z.infer<typeof DrillRecord>;

export const ReportDrillResult = z.object({
  entity: DrillEntity,
  column: z.string(),
  /** Every record behind the figure … */
  total: z.number().int(),
  /** … the first `limit` of them, newest first. */
  records: z.array(DrillRecord),
  /** For money columns, the sum over all `total` records (equals the figure opened). */
  sum: z.number().int().nullable(),
  currency: z.string(),
});
export type ReportDrillResult = z.infer<typeof ReportDrillResult>;

/** What the filters may name, within the caller's scope. */
export const ReportScope = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  reps: z.array(z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable() })),
  /** The kinds this user may run (an operator: data quality only). */
  kinds: z.array(ReportKind),
});
export type ReportScope = z.infer<typeof ReportScope>;
