import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportCell, ValueKind } from '../../../shared/contract/reports.schema';
import type { Job } from '../app/jobs';
import type { FileColumn, ReportFileModel } from './report-file.service';

// A report as a workbook (issue 9 must-have 3): real numbers and dates, never text that looks like
// one, so the spreadsheet sums, sorts and charts them — money in major units with two decimals,
// percentages as fractions shown as percent, months and days as dates. Above the table, the filters
// that made it; the header row stays in view (frozen) and carries an autofilter.

/** Excel's limits on a sheet's name: 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31)
      .trim() || 'Report'
  );
}

/** A money column's header names the currency: the cells are plain numbers in major units. */
export function headerName(c: FileColumn, currency: string): string {
  return c.kind === 'money' ? `${c.name} (${currency})` : c.name;
}

const NUM_FMT: Partial<Record<ValueKind, string>> = {
  int: '#,##0',
  decimal: '#,##0.00',
  money: '#,##0.00',
  percent: '0.0%',
  month: 'mmmm yyyy',
  date: 'yyyy-mm-dd',
};

/** A month or a day as the spreadsheet's date (a UTC midnight: exceljs writes dates as UTC). */
function asDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1)) : null;
}

export function xlsxValue(v: ReportCell, kind: ValueKind): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'string') return kind === 'month' || kind === 'date' ? (asDate(v) ?? v) : v;
  switch (kind) {
    case 'money':
      return v / 100;
    case 'percent':
      return v / 100;
    default:
      return v;
  }
}

/** How wide a cell shows, in characters, as its format writes it (no Intl: this runs per cell). */
function shownLength(v: ReportCell, kind: ValueKind): number {
  if (v === null) return 0;
  if (typeof v === 'string') return kind === 'month' ? 14 : v.length;
  const n = Math.abs(kind === 'money' || kind === 'percent' ? v / 100 : v);
  const whole = Math.max(1, Math.floor(n)).toString().length;
  const digits = kind === 'int' ? 0 : kind === 'percent' ? 1 : 2;
  // Thousands separators, the decimal point, a sign, a percent sign.
  return (
    whole +
    Math.floor((whole - 1) / 3) +
    (digits ? digits + 1 : 0) +
    (v < 0 ? 1 : 0) +
    (kind === 'percent' ? 1 : 0)
  );
}

const ROW_SLICE = 200;
const BORDER = { style: 'thin', color: { argb: 'FF8A94A6' } } as const;

/**
 * Written with exceljs's streaming writer: rows go out as they are made (an L office's
 * effectiveness report has thousands), and every figure of a column shares one style object —
 * per-cell styles made the in-memory workbook several times slower.
 */
export async function reportXlsx(m: ReportFileModel, job: Job): Promise<Buffer> {
  const lead = m.groupHeader !== null ? 2 : 1;
  const headers = [
    ...(m.groupHeader !== null ? [m.groupHeader] : []),
    m.rowHeader,
    // A data-quality gap names who closes it, on a second line of its heading.
    ...m.columns.map((c) => headerName(c, m.currency) + (c.owner ? `\n${c.owner}` : '')),
  ];

  // ---- widths first: the streaming writer writes the columns before the first row ----
  const widths = headers.map((h) => Math.max(...h.split('\n').map((l) => l.length)));
  const widen = (col: number, len: number) => {
    if (len > widths[col]!) widths[col] = len;
  };
  const measure = (cells: readonly ReportCell[]) =>
    cells.forEach((v, i) => widen(lead + i, shownLength(v, m.columns[i]!.kind)));
  await job.run(
    (function* () {
      let n = 0;
      for (const r of m.rows) {
        if (m.groupHeader !== null) widen(0, r.group?.length ?? 0);
        widen(lead - 1, r.label.length);
        measure(r.cells);
        if (++n % (ROW_SLICE * 5) === 0) yield;
      }
    })(),
  );
  measure(m.totals);
  widen(lead - 1, m.totalLabel.length);

  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Regio';
  wb.created = new Date(m.result.computedAt);
  const headRow = m.header.length + 4;
  const ws = wb.addWorksheet(sheetName(m.title), {
    // The header row and the row names stay in view while scrolling.
    views: [{ state: 'frozen', xSplit: lead, ySplit: headRow }],
    pageSetup: {
      orientation: headers.length > 8 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  // At least 10: exceljs leaves a width of 9 out of the file as its default.
  ws.columns = widths.map((w) => ({ width: Math.min(50, Math.max(10, w + 2)) }));

  // ---- the header block: what the figures are, and which filters made them ----
  const title = ws.addRow([m.title]);
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  for (const [label, value] of m.header) {
    const r = ws.addRow([label, value]);
    r.getCell(1).font = { bold: true };
    r.commit();
  }
  ws.addRow([m.computed]).commit();
  ws.addRow([]).commit();

  // ---- the table ----
  const head = ws.addRow(headers);
  if (head.number !== headRow) throw new Error(`header row ${head.number}, expected ${headRow}`);
  head.eachCell((cell) => {
    cell.style = {
      font: { bold: true },
      alignment: { vertical: 'top', wrapText: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } },
      border: { bottom: BORDER },
    };
  });
  head.commit();
  ws.autoFilter = { from: { row: headRow, column: 1 }, to: { row: headRow, column: headers.length } };

  const plain = m.columns.map((c): Partial<ExcelJS.Style> =>
    NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind]! } : {},
  );
  const bold = m.columns.map((c): Partial<ExcelJS.Style> => ({
    ...(NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind]! } : {}),
    font: { bold: true },
    border: { top: BORDER },
  }));
  const writeCells = (row: ExcelJS.Row, cells: readonly ReportCell[], styles: Partial<ExcelJS.Style>[]) => {
    cells.forEach((v, i) => {
      const cell = row.getCell(lead + 1 + i);
      cell.value = xlsxValue(v, m.columns[i]!.kind);
      cell.style = styles[i]!;
    });
  };

  await job.run(
    (function* () {
      let n = 0;
      for (const r of m.rows) {
        const row = ws.addRow([...(m.groupHeader !== null ? [r.group] : []), r.label]);
        writeCells(row, r.cells, plain);
        row.commit();
        if (++n % ROW_SLICE === 0) {
          job.progress(n, m.rows.length);
          yield;
        }
      }
    })(),
  );

  const total = ws.addRow([...(m.groupHeader !== null ? [null] : []), m.totalLabel]);
  const totalLabel: Partial<ExcelJS.Style> = { font: { bold: true }, border: { top: BORDER } };
  for (let i = 1; i <= lead; i++) total.getCell(i).style = totalLabel;
  writeCells(total, m.totals, bold);
  total.commit();

  if (m.notes.length > 0) {
    ws.addRow([]).commit();
    for (const note of m.notes) {
      const r = ws.addRow([note]);
      r.getCell(1).font = { italic: true };
      r.commit();
    }
  }

  ws.commit();
  // Zipping cannot be sliced: a cancel that came meanwhile is honoured just before it.
  job.checkpoint();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
