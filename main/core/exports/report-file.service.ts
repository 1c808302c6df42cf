import type {
  ExportFile,
  ReportExportInput,
  ReportFileFormat,
} from '../../../shared/contract/exports.schema';
import type {
  ReportCell,
  ReportKind,
  ReportLabels,
  ReportResult,
  ValueKind,
} from '../../../shared/contract/reports.schema';
import type { Team } from '../../../shared/contract/users.schema';
import { reports as reportTexts } from '../../../shared/i18n/reports.i18n';
import type { HandlerContext } from '../app/handler-context';
import { withJob } from '../app/jobs';
import { currentOffice } from '../office/office.service';
import { runReport } from '../reports/reports.service';
import type { UserRecord } from '../users/users.service';
import { auditFileExport, csvBytes, fileLanguage, toExportFile } from './export-file';
import type { CsvCell, FileLang } from './export-file';
import { reportPdf } from './report-file.pdf';
import { headerName, reportXlsx } from './report-file.xlsx';

// The report files of PRODUCT.md §7 (issue 9 must-have 3): every report as XLSX, CSV and PDF. The
// figures come from runReport — the very computation, scope, rights and cache of the screen — so a
// file can never say something the screen does not; this module only names and formats them, in
// the caller's language, with the texts the screen uses (shared/i18n/reports.i18n.ts). The file is
// audited once it exists: reports name reps and clients.

// ---- texts (the screen's i18next namespace, read without i18next) ----

type Tree = { [key: string]: string | Tree };

/**
 * A text of the reports namespace by dot path, with `{{name}}` and `{{name, number}}` filled in;
 * null when the language has no such key (the screen's `i18n.exists` → fall back).
 */
export function reportText(
  lang: FileLang,
  key: string,
  vars: Record<string, string | number> = {},
): string | null {
  const root: unknown = reportTexts[lang];
  let node = root as string | Tree | undefined;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return null;
    node = node[part];
  }
  if (typeof node !== 'string') return null;
  return node.replace(/\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g, (_, name: string, format?: string) => {
    const v = vars[name];
    if (v === undefined) return '';
    return format === 'number' && typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : String(v);
  });
}

/** The text, or the key itself when it is missing (never an empty heading). */
function text(lang: FileLang, key: string, vars?: Record<string, string | number>): string {
  return reportText(lang, key, vars) ?? key;
}

// ---- the file's contents, named and ordered, shared by the three formats ----

export interface FileColumn {
  key: string;
  kind: ValueKind;
  /** As the screen names it. */
  name: string;
  /** "Closed by: operator" for a data-quality gap (PRODUCT.md §4), else null. */
  owner: string | null;
}

export interface FileRow {
  key: string;
  label: string;
  /** The group's heading (the actions report: stages, reasons of failure), else null. */
  group: string | null;
  /** One per column, in the columns' order. */
  cells: ReportCell[];
}

export interface ReportFileModel {
  lang: FileLang;
  kind: ReportKind;
  title: string;
  currency: string;
  timeZone: string;
  /** The header block above the table: label and value (office, period, team, rep, exported by). */
  header: Array<[string, string]>;
  /** "Figures as of 23 Nov 2026, 10:00" (office-local). */
  computed: string;
  /** The first column: what a row is about (a rep, a stage, an action). */
  rowHeader: string;
  /** The heading of the group column / rows; null when the report's rows have no groups. */
  groupHeader: string | null;
  columns: FileColumn[];
  rows: FileRow[];
  totalLabel: string;
  totals: ReportCell[];
  notes: string[];
  emptyText: string;
  /** The report as computed (the PDF's chart is shaped from it as the screen's is). */
  result: ReportResult;
  /** Resolves another text of the namespace in the file's language. */
  t: (key: string, vars?: Record<string, string | number>) => string;
  /** The screen's naming of a column and of a row or chart category, in the file's language. */
  columnName: (c: { key: string; labels: ReportLabels | null }) => string;
  labelOf: (r: { label: string; labelKey: string | null; labels: ReportLabels | null }) => string;
}

function pickLabel(labels: ReportLabels, lang: FileLang): string {
  return labels[lang] || labels.en;
}

/** A column's name as the screen's `columnName`: its own labels, else `columns.<key>`, else the key. */
export function columnName(c: { key: string; labels: ReportLabels | null }, lang: FileLang): string {
  return c.labels ? pickLabel(c.labels, lang) : (reportText(lang, `columns.${c.key}`) ?? c.key);
}

/** A row's (or chart category's) name as the screen's `labelOf`. */
export function labelOf(
  r: { label: string; labelKey: string | null; labels: ReportLabels | null },
  lang: FileLang,
): string {
  if (r.labels) return pickLabel(r.labels, lang);
  const coded = r.labelKey ? reportText(lang, `labels.${r.labelKey}`) : null;
  return coded ?? (r.label || r.labelKey || '');
}

/** '2026-11' → 'listopad 2026' in the file's language. */
export function monthName(month: string, lang: FileLang): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, 1)),
  );
}

function periodText(from: string, to: string, lang: FileLang): string {
  return from === to ? monthName(from, lang) : `${monthName(from, lang)} – ${monthName(to, lang)}`;
}

export function buildModel(ctx: HandlerContext, result: ReportResult, lang: FileLang): ReportFileModel {
  const t = (key: string, vars?: Record<string, string | number>) => text(lang, key, vars);
  const f = result.filters;
  const office = currentOffice(ctx.store);
  const timeZone = ctx.timeZone();
  const team = f.teamId ? ctx.store.get<Team>('teams', f.teamId) : null;
  const rep = f.repId ? ctx.store.get<UserRecord>('users', f.repId) : null;
  const grouped = result.rows.some((r) => r.group !== null);
  const groupName = (g: string | null) => (g === null ? null : (reportText(lang, `groups.${g}`) ?? g));
  const computedAt = new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(result.computedAt));
  return {
    lang,
    kind: result.kind,
    title: t(`title.${result.kind}`),
    currency: result.currency,
    timeZone,
    header: [
      [t('file.office'), office?.name ?? ''],
      [t('file.period'), periodText(f.from, f.to, lang)],
      [t('filters.team'), team ? team.name : t('filters.team_all')],
      [t('filters.rep'), rep ? rep.displayName : t('filters.rep_all')],
      [t('file.exported_by'), ctx.user().displayName],
    ],
    computed: t('computed_at', { time: computedAt }),
    rowHeader: t(`row_header.${result.kind}`),
    groupHeader: grouped ? t('file.group') : null,
    columns: result.columns.map((c) => ({
      key: c.key,
      kind: c.kind,
      name: columnName(c, lang),
      owner: c.owner ? `${t('owner.label')}: ${t(`owner.${c.owner}`)}` : null,
    })),
    rows: result.rows.map((r) => ({
      key: r.key,
      label: labelOf(r, lang),
      group: groupName(r.group),
      cells: result.columns.map((c) => r.cells[c.key] ?? null),
    })),
    totalLabel: t('total'),
    // A text, a month or a date has no total (the screen leaves the cell empty).
    totals: result.columns.map((c) =>
      c.kind === 'text' || c.kind === 'month' || c.kind === 'date' ? null : (result.totals[c.key] ?? null),
    ),
    // Notes the namespace has no text for are the screen's to skip, and the file's.
    notes: result.notes.flatMap((n) => reportText(lang, `notes.${n}`) ?? []),
    emptyText: t('empty'),
    result,
    t,
    columnName: (c) => columnName(c, lang),
    labelOf: (r) => labelOf(r, lang),
  };
}

// ---- CSV: a clean table (header, rows, totals) that spreadsheets and scripts read ----

/** A figure as a CSV/XLSX number: money in major units, percent as written (0–100). */
function csvCell(v: ReportCell, kind: ValueKind): CsvCell {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'money':
      return v / 100;
    case 'percent':
      return Math.round(v * 10) / 10;
    case 'decimal':
      return Math.round(v * 100) / 100;
    default:
      return v;
  }
}

export function reportCsv(m: ReportFileModel): Buffer {
  const lead = (group: string | null): CsvCell[] => (m.groupHeader !== null ? [group] : []);
  const rows: CsvCell[][] = [
    [
      ...(m.groupHeader !== null ? [m.groupHeader] : []),
      m.rowHeader,
      ...m.columns.map((c) => headerName(c, m.currency)),
    ],
    ...m.rows.map((r) => [
      ...lead(r.group),
      r.label,
      ...r.cells.map((v, i) => csvCell(v, m.columns[i]!.kind)),
    ]),
    [...lead(null), m.totalLabel, ...m.totals.map((v, i) => csvCell(v, m.columns[i]!.kind))],
  ];
  return csvBytes(rows, m.lang);
}

// ---- the export ----

const KEBAB = (kind: ReportKind) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const FORMATS: Record<ReportFileFormat, { ext: string; mime: string }> = {
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { ext: 'csv', mime: 'text/csv; charset=utf-8' },
  pdf: { ext: 'pdf', mime: 'application/pdf' },
};

export async function exportReport(ctx: HandlerContext, i: ReportExportInput): Promise<ExportFile> {
  return withJob(ctx, i.jobId, async (job) => {
    // Refusals (a kind the role may not run, a team or rep outside the scope) come from here, as
    // for the screen — before anything is written or audited.
    const result = await runReport(ctx, {
      kind: i.kind,
      filters: i.filters,
      ...(i.jobId ? { jobId: i.jobId } : {}),
    });
    job.checkpoint();
    const model = buildModel(ctx, result, fileLanguage(ctx));
    const bytes =
      i.format === 'xlsx'
        ? await reportXlsx(model, job)
        : i.format === 'pdf'
          ? await reportPdf(model, job)
          : reportCsv(model);
    job.seal();
    const { ext, mime } = FORMATS[i.format];
    const fileName = `${KEBAB(i.kind)}-${i.filters.from}-${i.filters.to}.${ext}`;
    await auditFileExport(ctx, {
      kind: `report_${i.kind}_${i.format}`,
      entity: 'reports',
      entityId: i.kind,
      count: result.rows.length,
      extra: { filters: i.filters, format: i.format },
    });
    return toExportFile(bytes, fileName, mime, result.rows.length);
  });
}
