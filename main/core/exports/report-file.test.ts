import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/errors';
import type { ExportFile } from '../../../shared/contract/exports.schema';
import type {
  ReportCell,
  ReportColumn,
  ReportKind,
  ReportResult,
  ReportRow,
  ReportScope,
} from '../../../shared/contract/reports.schema';
import { REPORT_KINDS } from '../../../shared/contract/reports.schema';
import { reports as I18N } from '../../../shared/i18n/reports.i18n';
import { forgetReports } from '../reports/reports.service';
import { pdfText } from '../testing/pdf-text';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { chartSvg } from './report-file.chart';
import { columnWidths } from './report-file.pdf';
import { reportText } from './report-file.service';
import { sheetName } from './report-file.xlsx';

// Report files (issue 9 must-haves 3, 4 and 6) through the real core on the demo office: every
// report as the manager (and data quality as the operator) written as XLSX, CSV and PDF, then read
// back — exceljs, papaparse, pdf.js — and compared with `reports:run` figure by figure (the cells
// must be real numbers and dates, money in major units), and some figures with an independent count
// from the store. Refusals are those of `reports:run`, and leave no audit entry.

const NOW = '2026-11-23T09:00:00Z';
const PERIOD = { from: '2026-09', to: '2026-11' };
const CURRENCY = 'PLN';

type Lang = 'pl' | 'cs' | 'en';
type Tree = { [k: string]: string | Tree };

let t: TestCore;
let manager: string;
let operator: string;
let rep: string;
let admin: string;

/** The screen's texts, looked up here on their own (not through the service's resolver). */
function tr(lang: Lang, key: string): string | undefined {
  let node: unknown = I18N[lang];
  for (const p of key.split('.')) node = (node as Tree | undefined)?.[p];
  return typeof node === 'string' ? node : undefined;
}
const colName = (c: ReportColumn, lang: Lang) =>
  c.labels ? c.labels[lang] : (tr(lang, `columns.${c.key}`) ?? c.key);
const rowName = (r: ReportRow, lang: Lang) =>
  r.labels ? r.labels[lang] : ((r.labelKey && tr(lang, `labels.${r.labelKey}`)) ?? r.label);

function fail(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

const run = (sid: string, kind: ReportKind, filters: object = PERIOD) =>
  t.ok<ReportResult>(sid, 'reports:run', { kind, filters });
const exportFile = (sid: string, kind: ReportKind, format: string, filters: object = PERIOD) =>
  t.ok<ExportFile>(sid, 'exports:report', { kind, filters, format });
const bytesOf = (f: ExportFile) => Buffer.from(f.base64, 'base64');

interface AuditRec {
  id: string;
  userId: string;
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown>;
}
const exportAudits = () => [...t.core.store.all<AuditRec>('audit')].filter((a) => a.action === 'export');

const NUMERIC = new Set(['int', 'money', 'percent', 'decimal']);

/** What a figure must be in the workbook: money in major units, percent as a fraction, months and days as dates. */
function expectedXlsx(v: ReportCell, kind: string): unknown {
  if (v === null) return null;
  if (kind === 'money') return (v as number) / 100;
  if (kind === 'percent') return (v as number) / 100;
  if (kind === 'month') {
    const [y, m] = (v as string).split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, 1));
  }
  if (kind === 'date') return new Date(`${v as string}T00:00:00Z`);
  return v;
}

function expectXlsxCell(cell: ExcelJS.Cell, v: ReportCell, c: ReportColumn, where: string) {
  const want = expectedXlsx(v, c.kind);
  const got = cell.value as unknown;
  if (want === null) return expect(got ?? null, where).toBeNull();
  if (want instanceof Date) {
    expect(got, where).toBeInstanceOf(Date);
    expect(cell.numFmt, where).toBe(c.kind === 'month' ? 'mmmm yyyy' : 'yyyy-mm-dd');
    return expect((got as Date).toISOString(), where).toBe(want.toISOString());
  }
  if (NUMERIC.has(c.kind)) {
    expect(typeof got, `${where} is a number`).toBe('number');
    expect(got as number, where).toBeCloseTo(want as number, 9);
    const formats: Record<string, string> = {
      money: '#,##0.00',
      percent: '0.0%',
      int: '#,##0',
      decimal: '#,##0.00',
    };
    expect(cell.numFmt, where).toBe(formats[c.kind]);
    return;
  }
  expect(got, where).toBe(want);
}

async function readXlsx(f: ExportFile) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytesOf(f) as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/**
 * The table's header row: the first row naming what a row is about that is wider than a label and
 * its value (the header block's "Rep: All reps" says the same word).
 */
function headerRowOf(ws: ExcelJS.Worksheet, rowHeader: string, lead: number): number {
  for (let i = 1; i <= ws.rowCount; i++) {
    const row = ws.getRow(i);
    if (row.getCell(lead).value === rowHeader && row.actualCellCount > 2) return i;
  }
  throw new Error(`no header row "${rowHeader}"`);
}

/** Checks a workbook against the report as `reports:run` returned it. */
async function checkXlsx(f: ExportFile, r: ReportResult, lang: Lang, officeName: string) {
  const ws = await readXlsx(f);
  const title = tr(lang, `title.${r.kind}`)!;
  expect(ws.name).toBe(title.slice(0, 31));
  expect(ws.getCell('A1').value).toBe(title);
  const block = [2, 3, 4, 5, 6].map((i) => [ws.getCell(`A${i}`).value, ws.getCell(`B${i}`).value]);
  expect(block[0]).toEqual([tr(lang, 'file.office'), officeName]);
  expect(block[1]![0]).toBe(tr(lang, 'file.period'));
  expect(block[2]).toEqual([tr(lang, 'filters.team'), tr(lang, 'filters.team_all')]);
  expect(block[3]).toEqual([tr(lang, 'filters.rep'), tr(lang, 'filters.rep_all')]);

  const grouped = r.rows.some((x) => x.group !== null);
  const lead = grouped ? 2 : 1;
  const head = headerRowOf(ws, tr(lang, `row_header.${r.kind}`)!, lead);
  const names = r.columns.map(
    (c) =>
      `${colName(c, lang)}${c.kind === 'money' ? ` (${CURRENCY})` : ''}` +
      (c.owner ? `\n${tr(lang, 'owner.label')}: ${tr(lang, `owner.${c.owner}`)}` : ''),
  );
  const headerCells = (ws.getRow(head).values as unknown[]).slice(1);
  expect(headerCells).toEqual([
    ...(grouped ? [tr(lang, 'file.group')] : []),
    tr(lang, `row_header.${r.kind}`),
    ...names,
  ]);
  expect(ws.getRow(head).getCell(lead).font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: head });
  expect(ws.autoFilter).toBeTruthy();

  r.rows.forEach((row, i) => {
    const x = ws.getRow(head + 1 + i);
    if (grouped) expect(x.getCell(1).value).toBe(tr(lang, `groups.${row.group}`));
    expect(x.getCell(lead).value, `row ${i}`).toBe(rowName(row, lang));
    r.columns.forEach((c, j) =>
      expectXlsxCell(x.getCell(lead + 1 + j), row.cells[c.key] ?? null, c, `${r.kind} ${row.key} ${c.key}`),
    );
  });
  const total = ws.getRow(head + 1 + r.rows.length);
  expect(total.getCell(lead).value).toBe(tr(lang, 'total'));
  expect(total.getCell(lead).font?.bold).toBe(true);
  expect(total.getCell(lead + 1).font?.bold).toBe(true);
  r.columns.forEach((c, j) => {
    const none = c.kind === 'text' || c.kind === 'month' || c.kind === 'date';
    expectXlsxCell(total.getCell(lead + 1 + j), none ? null : (r.totals[c.key] ?? null), c, `total ${c.key}`);
  });
  // Widths were set from the contents, within limits.
  for (let i = 1; i <= headerCells.length; i++) {
    const w = ws.getColumn(i).width ?? 0;
    expect(w).toBeGreaterThanOrEqual(8);
    expect(w).toBeLessThanOrEqual(50);
  }
  return { ws, head, lead };
}

/** A CSV cell back to its number: decimal comma in Polish and Czech. */
const csvNumber = (s: string, lang: Lang) => Number(lang === 'en' ? s : s.replace(',', '.'));

function checkCsv(f: ExportFile, r: ReportResult, lang: Lang) {
  const bytes = bytesOf(f);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), {
    delimiter: lang === 'en' ? ',' : ';',
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  const [header, ...rest] = parsed.data;
  const grouped = r.rows.some((x) => x.group !== null);
  const lead = grouped ? 1 : 0;
  expect(header).toEqual([
    ...(grouped ? [tr(lang, 'file.group')] : []),
    tr(lang, `row_header.${r.kind}`),
    ...r.columns.map((c) => `${colName(c, lang)}${c.kind === 'money' ? ` (${CURRENCY})` : ''}`),
  ]);
  expect(rest).toHaveLength(r.rows.length + 1);
  const check = (cells: string[], values: (c: ReportColumn) => ReportCell, where: string) =>
    r.columns.forEach((c, j) => {
      const s = cells[lead + 1 + j]!;
      const v = values(c);
      if (v === null) return expect(s, where).toBe('');
      if (typeof v === 'string') return expect(s, where).toBe(v);
      expect(s, `${where} ${c.key}`).toMatch(lang === 'en' ? /^-?\d+(\.\d+)?$/ : /^-?\d+(,\d+)?$/);
      const want =
        c.kind === 'money'
          ? v / 100
          : c.kind === 'percent'
            ? Math.round(v * 10) / 10
            : c.kind === 'decimal'
              ? Math.round(v * 100) / 100
              : v;
      expect(csvNumber(s, lang), `${where} ${c.key}`).toBeCloseTo(want, 9);
    });
  r.rows.forEach((row, i) => {
    expect(rest[i]![lead]).toBe(rowName(row, lang));
    check(rest[i]!, (c) => row.cells[c.key] ?? null, `${r.kind} ${row.key}`);
  });
  const totals = rest[r.rows.length]!;
  expect(totals[lead]).toBe(tr(lang, 'total'));
  check(
    totals,
    (c) => (c.kind === 'text' || c.kind === 'month' || c.kind === 'date' ? null : (r.totals[c.key] ?? null)),
    'total',
  );
}

/** Text as read back, without the line breaks and spaces layout puts in (wrapped cells, NBSP). */
const squash = (s: string) => s.replace(/\s+/g, '');

function moneyText(minor: number, lang: Lang) {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: CURRENCY }).format(minor / 100);
}

let officeName = '';
const results = new Map<string, ReportResult>();

beforeAll(async () => {
  t = await testCore({ now: NOW });
  await t.ok(await t.session(), 'setup:openDemo', { locale: 'pl', scale: 'S' });
  manager = await t.session('manager', 'demo-manager');
  operator = await t.session('operator', 'demo-operator');
  rep = await t.session('rep', 'demo-rep');
  admin = await t.session('admin', 'demo-admin');
  officeName = (await t.ok<{ name: string }>(admin, 'office:get')).name;
}, 300_000);
afterAll(() => t.dispose());

describe('report files: every report as XLSX and CSV equals reports:run', () => {
  for (const kind of REPORT_KINDS) {
    it(`${kind} (manager, Polish)`, async () => {
      const r = await run(manager, kind);
      results.set(kind, r);
      expect(r.rows.length, `${kind} has rows in the demo office`).toBeGreaterThan(0);
      const before = exportAudits().length;

      const x = await exportFile(manager, kind, 'xlsx');
      expect(x.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const kebab = kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(x.fileName).toBe(`${kebab}-2026-09-2026-11.xlsx`);
      expect(x.records).toBe(r.rows.length);
      await checkXlsx(x, r, 'pl', officeName);

      const c = await exportFile(manager, kind, 'csv');
      expect(c.mime).toBe('text/csv; charset=utf-8');
      expect(c.fileName).toBe(`${kebab}-2026-09-2026-11.csv`);
      checkCsv(c, r, 'pl');

      // Each export is in the audit log: who, which report, how many rows, with which filters.
      const audits = exportAudits().slice(before);
      expect(audits).toHaveLength(2);
      for (const [a, format] of [
        [audits[0]!, 'xlsx'],
        [audits[1]!, 'csv'],
      ] as const) {
        expect(a).toMatchObject({ entity: 'reports', entityId: kind });
        expect(a.details).toMatchObject({
          kind: `report_${kind}_${format}`,
          count: r.rows.length,
          format,
          filters: { ...PERIOD, teamId: null, repId: null },
        });
      }
    });
  }

  it('dataQuality as the operator names who closes each gap, office-wide with the clients nobody owns', async () => {
    const r = await run(operator, 'dataQuality');
    expect(r.rows.some((x) => x.key === 'none')).toBe(true);
    expect(r.columns.some((c) => c.owner)).toBe(true);
    await checkXlsx(await exportFile(operator, 'dataQuality', 'xlsx'), r, 'pl', officeName);
    checkCsv(await exportFile(operator, 'dataQuality', 'csv'), r, 'pl');
  });
});

describe('report files against the store', () => {
  it('budgetUse: the budget column is the budgets kept for that rep and month', async () => {
    const r = results.get('budgetUse') ?? (await run(manager, 'budgetUse'));
    const { ws, head } = await checkXlsx(await exportFile(manager, 'budgetUse', 'xlsx'), r, 'pl', officeName);
    const budgets = [
      ...t.core.store.all<{ id: string; repId: string; month: string; amount: number; archived?: boolean }>(
        'budgets',
      ),
    ];
    const monthCol = r.columns.findIndex((c) => c.key === 'month') + 2;
    const budgetCol = r.columns.findIndex((c) => c.key === 'budget') + 2;
    let withBudget = 0;
    r.rows.forEach((row, i) => {
      const x = ws.getRow(head + 1 + i);
      const d = x.getCell(monthCol).value as Date;
      const month = d.toISOString().slice(0, 7);
      const kept = budgets
        .filter((b) => !b.archived && b.repId === row.repId && b.month === month)
        .reduce((s, b) => s + b.amount, 0);
      if (kept > 0) withBudget++;
      expect(x.getCell(budgetCol).value, `${row.label} ${month}`).toBe(kept / 100);
    });
    expect(withBudget).toBeGreaterThan(0);
  });

  it('workload: visits done are the done visits of the rep in the period', async () => {
    const r = results.get('workload') ?? (await run(manager, 'workload'));
    const { ws, head } = await checkXlsx(await exportFile(manager, 'workload', 'xlsx'), r, 'pl', officeName);
    const visits = [
      ...t.core.store.all<{ id: string; repId: string; status: string; date: string; archived?: boolean }>(
        'visits',
      ),
    ];
    const col = r.columns.findIndex((c) => c.key === 'visitsDone') + 2;
    let sum = 0;
    r.rows.forEach((row, i) => {
      const done = visits.filter(
        (v) =>
          !v.archived &&
          v.repId === row.repId &&
          v.status === 'done' &&
          v.date >= '2026-09-01' &&
          v.date <= '2026-11-30',
      ).length;
      sum += done;
      expect(ws.getRow(head + 1 + i).getCell(col).value, row.label).toBe(done);
    });
    expect(sum).toBeGreaterThan(0);
    expect(ws.getRow(head + 1 + r.rows.length).getCell(col).value).toBe(sum);
  });
});

describe('report PDFs', () => {
  async function checkPdf(sid: string, kind: ReportKind, lang: Lang) {
    const r = await run(sid, kind);
    const f = await exportFile(sid, kind, 'pdf');
    expect(f.mime).toBe('application/pdf');
    expect(f.fileName).toMatch(/\.pdf$/);
    const text = await pdfText(bytesOf(f));
    const flat = squash(text);
    const has = (s: string) => flat.includes(squash(s));
    expect(text).toContain(tr(lang, `title.${kind}`)!);
    for (const row of r.rows) expect(has(rowName(row, lang)), `row ${rowName(row, lang)}`).toBe(true);
    for (const c of r.columns) expect(has(colName(c, lang)), `column ${c.key}`).toBe(true);
    expect(has(tr(lang, 'total')!)).toBe(true);
    const money = r.columns.find((c) => c.kind === 'money' && typeof r.totals[c.key] === 'number');
    if (money) {
      const total = moneyText(r.totals[money.key] as number, lang);
      expect(has(total), `total ${money.key} ${total}`).toBe(true);
    }
    return { r, text };
  }

  it('write the title, the rows, the columns and the formatted totals of every report, in Polish', async () => {
    for (const kind of REPORT_KINDS) await checkPdf(manager, kind, 'pl');
  });

  it('draw the chart before the table, its legend naming the series in the language (Czech too)', async () => {
    try {
      for (const lang of ['pl', 'cs'] as const) {
        await t.ok(manager, 'prefs:setLanguage', { language: lang });
        const { r, text } = await checkPdf(manager, 'budgetUse', lang);
        // Between the "figures as of" line and the table's head: the chart's texts.
        const afterHeader = text.slice(text.indexOf(tr(lang, 'computed_at')!.split('{{')[0]!.trim()));
        const chart = afterHeader.slice(0, afterHeader.indexOf(tr(lang, 'row_header.budgetUse')!));
        for (const key of ['settled', 'committed', 'reserved', 'available'])
          expect(chart, `legend ${key}`).toContain(tr(lang, `columns.${key}`)!);
        // The bars' names: the reps.
        expect(squash(chart)).toContain(squash(r.rows[0]!.label.slice(0, 10)));
        const wl = await checkPdf(manager, 'workload', lang);
        // Call statuses come with their own labels: the legend writes them in the language.
        const status = wl.r.columns.find((c) => c.labels)!;
        expect(wl.text).toContain(status.labels![lang]);
        // The workbook and the CSV switch language with the user, too.
        await checkXlsx(await exportFile(manager, 'workload', 'xlsx'), wl.r, lang, officeName);
        checkCsv(await exportFile(manager, 'workload', 'csv'), wl.r, lang);
      }
    } finally {
      await t.ok(manager, 'prefs:setLanguage', { language: 'pl' });
    }
  });

  it('say "no data" and draw no chart for filters with no rows', async () => {
    const empty = { from: '2020-01', to: '2020-02' };
    const r = await run(manager, 'effectiveness', empty);
    expect(r.rows).toHaveLength(0);
    const f = await exportFile(manager, 'effectiveness', 'pdf', empty);
    expect(f.records).toBe(0);
    const text = await pdfText(bytesOf(f));
    expect(text).toContain(tr('pl', 'empty')!);
    expect(text).not.toContain(tr('pl', 'columns.uplift')!);
  });
});

describe('report files: rights and refusals', () => {
  it('refuse what reports:run refuses, with the same error, and audit nothing', async () => {
    const scope = await t.ok<ReportScope>(admin, 'reports:scope');
    const mine = await t.ok<ReportScope>(rep, 'reports:scope');
    const before = exportAudits().length;
    const seq = t.core.store.seq;

    // The demo office has two teams: the rep's and another.
    const otherTeam = scope.teams.find((x) => !mine.teams.some((m) => m.id === x.id))!;
    const otherRep = scope.reps.find((x) => !mine.reps.some((m) => m.id === x.id))!;
    const cases: Array<[string, ReportKind, object]> = [
      [rep, 'workload', { ...PERIOD, repId: otherRep.id }],
      [rep, 'budgetUse', { ...PERIOD, teamId: otherTeam.id }],
      [operator, 'budgetUse', PERIOD],
    ];
    for (const [sid, kind, filters] of cases) {
      const want = fail(await t.call(sid, 'reports:run', { kind, filters }));
      for (const format of ['xlsx', 'csv', 'pdf']) {
        const got = fail(await t.call(sid, 'exports:report', { kind, filters, format }));
        expect({ code: got.code, key: got.key }).toEqual({ code: want.code, key: want.key });
      }
    }
    expect(
      fail(await t.call(operator, 'exports:report', { kind: 'budgetUse', filters: PERIOD, format: 'xlsx' }))
        .key,
    ).toBe('errors.report_not_allowed');
    expect(exportAudits()).toHaveLength(before);
    expect(t.core.store.seq).toBe(seq);
  });

  it('lets a rep export their own figures', async () => {
    const r = await run(rep, 'planProgress');
    const f = await exportFile(rep, 'planProgress', 'xlsx');
    expect(f.records).toBe(r.rows.length);
    await checkXlsx(f, r, 'pl', officeName);
  });
});

describe('report files: progress and cancel', () => {
  it('report progress under the job id and end it; a cancelled export writes and audits nothing', async () => {
    const events: Array<{ jobId: string; done: number; total: number }> = [];
    const off = t.core.subscribe((event, payload) => {
      if (event === 'job:progress') events.push(payload as (typeof events)[number]);
    });
    try {
      forgetReports(t.core.store);
      const f = await t.ok<ExportFile>(admin, 'exports:report', {
        kind: 'dataQuality',
        filters: PERIOD,
        format: 'xlsx',
        jobId: 'rf-1',
      });
      expect(f.records).toBeGreaterThan(0);
      const mine = events.filter((e) => e.jobId === 'rf-1');
      expect(mine.length).toBeGreaterThan(1);
      expect(mine.at(-1)).toMatchObject({ done: 1, total: 1 });

      // Cancelled while the report computes (not cached: it has to run in slices).
      forgetReports(t.core.store);
      const before = exportAudits().length;
      const pending = t.call(admin, 'exports:report', {
        kind: 'dataQuality',
        filters: PERIOD,
        format: 'pdf',
        jobId: 'rf-2',
      });
      expect(await t.ok(admin, 'jobs:cancel', { jobId: 'rf-2' })).toEqual({ cancelled: true });
      expect(fail(await pending)).toMatchObject({ code: 'cancelled', key: 'errors.job_cancelled' });
      expect(exportAudits()).toHaveLength(before);
    } finally {
      off();
    }
  });
});

describe('report files: size', () => {
  it('measures the XLSX of the biggest report on the demo office', async () => {
    const year = { from: '2025-12', to: '2026-11' };
    let biggest: { kind: ReportKind; cells: number; ms: number } | null = null;
    const lines: string[] = [];
    for (const kind of REPORT_KINDS) {
      forgetReports(t.core.store);
      const r = await run(admin, kind, year);
      const cells = r.rows.length * r.columns.length;
      const t0 = performance.now();
      const f = await exportFile(admin, kind, 'xlsx', year);
      const ms = performance.now() - t0;
      expect(f.records).toBe(r.rows.length);
      lines.push(`${kind} ${r.rows.length}×${r.columns.length} ${ms.toFixed(0)} ms`);
      if (!biggest || cells > biggest.cells) biggest = { kind, cells, ms };
    }
    console.log(
      `report XLSX on the demo office (S, 12 months, admin, report cached): biggest ${biggest!.kind}, ${biggest!.cells} cells, ${biggest!.ms.toFixed(0)} ms; all: ${lines.join(', ')}`,
    );
  });
});

describe('report file helpers', () => {
  it('read the reports namespace by path, filling in values and number formats', () => {
    expect(reportText('pl', 'title.budgetUse')).toBe('Wykorzystanie budżetu');
    expect(reportText('cs', 'computed_at', { time: '10:00' })).toBe('Stav k 10:00');
    expect(reportText('pl', 'drill.limited', { shown: 1000, total: 12345 })).toBe(
      `Pokazano pierwsze ${new Intl.NumberFormat('pl').format(1000)} z ${new Intl.NumberFormat('pl').format(12345)}.`,
    );
    expect(reportText('en', 'columns.nope')).toBeNull();
    expect(reportText('en', 'columns')).toBeNull();
  });

  it('name a sheet within Excel’s rules', () => {
    expect(sheetName('Plan: Q1/Q2 [draft] *?\\ a very long title indeed').length).toBeLessThanOrEqual(31);
    expect(sheetName('Plan: Q1/Q2 [draft]')).not.toMatch(/[[\]:*?/\\]/);
    expect(sheetName('***')).toBe('Report');
  });

  it('give every column its minimum, fill the page, and share the shortage among texts', () => {
    // Short of room: figures keep their minimum, the text gives up a quarter of what it wanted more.
    const w = columnWidths([20, 50, 40], [100, 50, 40], 130);
    expect(w).toEqual([40, 50, 40]);
    const wide = columnWidths([10, 10], [30, 10], 80);
    expect(wide).toEqual([60, 20]);
  });

  it('draw stacked and side-by-side bars, escape names, and nothing for no data', () => {
    const svg = chartSvg(
      {
        unit: 'int',
        series: [
          { key: 'a', stack: 's', drillColumn: 'a' },
          { key: 'b', stack: 's', drillColumn: 'b' },
          { key: 'c', stack: null, drillColumn: 'c' },
        ],
        categories: [
          {
            key: 'x',
            label: 'Tom & Jerry <Sp. z o.o.>',
            labelKey: null,
            labels: null,
            rowKeys: ['x'],
            values: { a: 3, b: 2, c: -1 },
          },
        ],
      },
      { width: 400, lang: 'pl', currency: 'PLN', seriesName: (k) => `S-${k}`, categoryName: (c) => c.label },
    )!;
    expect(svg.match(/<rect /g)).toHaveLength(3 + 3); // three bars, three legend swatches
    expect(svg).toContain('>Tom &amp; Jerry &lt;Sp…<');
    for (const k of ['a', 'b', 'c']) expect(svg).toContain(`>S-${k}<`);
    expect(
      chartSvg(
        { unit: 'int', series: [], categories: [] },
        { width: 400, lang: 'pl', currency: 'PLN', seriesName: String, categoryName: () => '' },
      ),
    ).toBeNull();
  });
});
