import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake';
import type { ReportCell, ValueKind } from '../../../shared/contract/reports.schema';
import { reportChart } from '../../../shared/domain/report-charts';
import type { Job } from '../app/jobs';
import { ensurePdfFonts } from '../app/pdf-fonts';
import { chartSvg } from './report-file.chart';
import type { ReportFileModel } from './report-file.service';

// A report as a PDF to print or send (issue 9 must-have 3): the title and the filters that made it,
// the chart the screen shows, then the table — its heading repeated on every page, group headings
// and the totals row as on the screen — and the notes. Figures are written as the screen writes
// them in the file's language (Intl: money in the office currency, percent with one decimal);
// landscape when the table is wide. Rendered with the shipped Noto Sans (Polish and Czech letters).

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 36;
const PAD = 4;

// Formatters are made once per language and kind: a report of thousands of rows formats every cell.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function nf(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(lang, options)));
  return f as Intl.NumberFormat;
}
function df(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })));
  return f as Intl.DateTimeFormat;
}

/** Minor units as the currency's text, exactly (split into whole and fraction before Intl). */
export function moneyText(minor: number, currency: string, lang: string): string {
  const f = nf(lang, { style: 'currency', currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  const scale = 10 ** digits;
  const m = Math.round(minor);
  const abs = Math.abs(m);
  const decimal = `${m < 0 ? '-' : ''}${Math.trunc(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
  // Intl formats a decimal string exactly (Intl.NumberFormat v3): no float drift on large sums.
  return f.format(decimal as unknown as number);
}

/** A figure as the screen's cellText writes it; null for no value (drawn as a dash). */
export function pdfCellText(v: ReportCell, kind: ValueKind, currency: string, lang: string): string | null {
  if (v === null) return null;
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
    if (!m || (kind !== 'month' && kind !== 'date')) return v;
    const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
    return kind === 'month'
      ? df(lang, { month: 'long', year: 'numeric' }).format(day)
      : df(lang, { dateStyle: 'medium' }).format(day);
  }
  switch (kind) {
    case 'money':
      return moneyText(v, currency, lang);
    case 'percent':
      return nf(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v / 100);
    case 'decimal':
      return nf(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
    case 'int':
      return nf(lang, { maximumFractionDigits: 0 }).format(v);
    default:
      return String(v);
  }
}

/**
 * Widths (points) filling `room`: every column gets at least its minimum (a figure whole, a text's
 * longest word) and, while room is left, more towards its preferred width (a text on one line);
 * room to spare is shared by all. Too little even for the minimums: all shrink alike.
 */
export function columnWidths(min: readonly number[], pref: readonly number[], room: number): number[] {
  const sum = (a: readonly number[]) => a.reduce((s, x) => s + x, 0);
  const round = (x: number) => Math.floor(x * 100) / 100;
  const sumMin = sum(min);
  const sumPref = sum(pref);
  if (sumPref <= room) return pref.map((p) => round((p * room) / sumPref));
  if (sumMin >= room) return min.map((x) => round((x * room) / sumMin));
  const k = (room - sumMin) / (sumPref - sumMin);
  return min.map((x, i) => round(x + (pref[i]! - x) * k));
}

const NUMERIC = new Set<ValueKind>(['int', 'money', 'percent', 'decimal']);
const BODY_SLICE = 200;

/**
 * The most table rows a report PDF lays out. pdfmake's table layout cannot be sliced and costs
 * ~1 ms a row (an office-wide effectiveness report at L has 6 000 rows: 7 s with the core
 * answering nobody, for a 150-page printout). Beyond this the PDF says how many it shows and that
 * the spreadsheet files hold them all; the totals row still counts every row.
 */
export const PDF_MAX_ROWS = 1000;

export async function reportPdf(m: ReportFileModel, job: Job): Promise<Buffer> {
  ensurePdfFonts();
  const nCols = m.columns.length + 1;
  const landscape = nCols > 7;
  const pageW = (landscape ? A4.h : A4.w) - 2 * MARGIN;
  const fontSize = nCols <= 7 ? 8.5 : nCols <= 11 ? 7.5 : 6.5;
  const cell = (v: ReportCell, kind: ValueKind) => pdfCellText(v, kind, m.currency, m.lang);

  const content: Content[] = [
    { text: m.title, style: 'title' },
    {
      text: m.header.map(([label, value]) => `${label}: ${value}`).join('   ·   '),
      style: 'filters',
    },
    { text: m.computed, style: 'computed' },
  ];

  if (m.rows.length === 0) {
    content.push({ text: m.emptyText, style: 'empty' });
  } else {
    // ---- the chart: the screen's, shaped by the same reportChart() ----
    const data = reportChart(m.result);
    const byKey = new Map(m.result.columns.map((c) => [c.key, c]));
    const svg = chartSvg(data, {
      width: pageW,
      lang: m.lang,
      currency: m.currency,
      seriesName: (key) => {
        const c = byKey.get(key);
        return c ? m.columnName(c) : key;
      },
      categoryName: (c) => m.labelOf(c),
    });
    if (svg) content.push({ svg, width: pageW, margin: [0, 4, 0, 10] });

    // ---- the table ----
    const shownRows = m.rows.length > PDF_MAX_ROWS ? m.rows.slice(0, PDF_MAX_ROWS) : m.rows;
    if (shownRows.length < m.rows.length)
      content.push({
        text: m.t('file.pdf_rows_limited', { shown: shownRows.length, total: m.rows.length }),
        style: 'limited',
      });
    const headRow: Content[] = [
      { text: m.rowHeader, style: 'th' },
      ...m.columns.map((c): Content => ({
        text: c.owner ? [c.name, { text: `\n${c.owner}`, style: 'owner' }] : c.name,
        style: 'th',
        alignment: NUMERIC.has(c.kind) ? 'right' : 'left',
      })),
    ];
    const figure = (s: string | null, kind: ValueKind, bold = false): Content => ({
      text: s ?? '—',
      alignment: NUMERIC.has(kind) ? 'right' : 'left',
      ...(s === null ? { color: '#64748b' } : {}),
      ...(bold ? { bold: true } : {}),
    });
    const body: Content[][] = [headRow];
    // Column widths from what each column holds (see columnWidths): figures whole, texts wrapped.
    const fixed = [false, ...m.columns.map((c) => c.kind !== 'text')];
    const words = (s: string) => Math.max(0, ...s.split(/\s+/).map((w) => w.length));
    const minCh = [words(m.rowHeader), ...m.columns.map((c) => words(c.name))];
    const prefCh = [...minCh];
    const fit = (i: number, s: string) => {
      const len = Math.min(30, s.length);
      minCh[i] = Math.max(minCh[i]!, fixed[i] ? len : Math.min(14, words(s)));
      prefCh[i] = Math.max(prefCh[i]!, len);
    };
    await job.run(
      (function* () {
        let prev: string | null = null;
        let n = 0;
        for (const r of shownRows) {
          if (r.group !== null && r.group !== prev) {
            body.push([
              { text: r.group, colSpan: nCols, style: 'group' },
              ...m.columns.map((): Content => ''),
            ]);
          }
          prev = r.group;
          fit(0, r.label);
          const row: Content[] = [{ text: r.label }];
          r.cells.forEach((v, i) => {
            const c = m.columns[i]!;
            const shown = cell(v, c.kind);
            row.push(figure(shown, c.kind));
            fit(i + 1, shown ?? '');
          });
          body.push(row);
          if (++n % BODY_SLICE === 0) {
            job.progress(n, shownRows.length);
            yield;
          }
        }
      })(),
    );
    body.push([
      { text: m.totalLabel, bold: true },
      ...m.totals.map((v, i) => {
        const c = m.columns[i]!;
        const shown = cell(v, c.kind);
        fit(i + 1, shown ?? '');
        // A text, a month or a date has no total: an empty cell, not a dash.
        return v === null ? '' : figure(shown, c.kind, true);
      }),
    ]);
    const room = pageW - nCols * 2 * PAD - (nCols + 1);
    // Noto's letters and digits average about 0.6 em; a character more for bold headings.
    const ch = fontSize * 0.6;
    const widths = columnWidths(
      minCh.map((w) => (w + 1) * ch),
      prefCh.map((w) => (w + 1) * ch),
      room,
    );
    const last = body.length - 1;
    content.push({
      table: { headerRows: 1, dontBreakRows: true, widths, body },
      layout: {
        hLineWidth: (i: number) => (i === 0 ? 0 : i === 1 || i === last ? 0.8 : 0.25),
        vLineWidth: () => 0,
        hLineColor: (i: number) => (i === 1 || i === last ? '#64748b' : '#cbd5e1'),
        paddingLeft: () => PAD,
        paddingRight: () => PAD,
        paddingTop: () => 2,
        paddingBottom: () => 2,
        fillColor: (i: number) => (i === 0 ? '#e8edf3' : null),
      },
      fontSize,
    });
    if (m.notes.length > 0) content.push({ ul: m.notes, style: 'notes' });
  }

  const doc: TDocumentDefinitions & Record<string, unknown> = {
    info: { title: m.title, creator: 'Regio' },
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    defaultStyle: { font: 'Noto', fontSize: 9 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      filters: { fontSize: 9, margin: [0, 0, 0, 2] },
      computed: { fontSize: 8, color: '#475569', margin: [0, 0, 0, 8] },
      empty: { fontSize: 11, margin: [0, 12, 0, 0] },
      th: { bold: true },
      owner: { bold: false, fontSize: fontSize - 1, color: '#475569' },
      group: { bold: true, fillColor: '#f1f5f9' },
      notes: { fontSize: 8, color: '#334155', margin: [0, 8, 0, 0] },
      limited: { fontSize: 8.5, bold: true, color: '#92400e', margin: [0, 0, 0, 6] },
    },
    footer: (page: number, pages: number) => ({
      text: m.t('file.page', { page, pages }),
      alignment: 'right',
      fontSize: 7,
      color: '#475569',
      margin: [MARGIN, 10, MARGIN, 0],
    }),
    content,
  };
  // pdfmake's layout cannot be sliced: a cancel that came meanwhile is honoured just before it.
  job.checkpoint();
  return pdfmake.createPdf(doc).getBuffer();
}
