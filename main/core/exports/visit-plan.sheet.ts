import ExcelJS from 'exceljs';
import type { CsvCell, FileLang } from './export-file';
import { csvBytes } from './export-file';
import type { PlanData, PlanVisit } from './visit-plan.service';
import { periodText, planTexts } from './visit-plan.service';

// The visit plan as a table (XLSX and CSV): one row per visit, every status (the status written
// out), for a rep who sorts and filters the plan in a spreadsheet. The date is a real date cell and
// the time a real time of day in the workbook, the duration a number; the CSV has the same columns
// with the date as ISO 'YYYY-MM-DD' (read as a date by every spreadsheet, whatever its language).

interface SheetOptions {
  lang: FileLang;
}

function headers(lang: FileLang): string[] {
  const t = planTexts(lang);
  return [
    t.date,
    t.time,
    t.duration,
    'Status',
    t.client,
    t.address,
    lang === 'cs' ? 'PSČ' : lang === 'pl' ? 'Kod pocztowy' : 'Postal code',
    t.city,
    t.contact,
    t.phone,
    t.email,
    t.subject,
    t.tasks,
  ];
}

/** The cells after date and time, the same in both formats. */
function restOf(v: PlanVisit, lang: FileLang): (string | number)[] {
  const t = planTexts(lang);
  const phones = v.contact?.phones.length ? v.contact.phones : v.client.phone ? [v.client.phone] : [];
  const emails = v.contact?.emails.length ? v.contact.emails : v.client.email ? [v.client.email] : [];
  return [
    v.durationMin,
    t.status[v.status],
    v.client.name,
    v.client.street,
    v.client.postalCode,
    v.client.city,
    v.contact ? [v.contact.name, v.contact.position].filter(Boolean).join(', ') : '',
    phones.join(', '),
    emails.join(', '),
    v.subject,
    tasksCell(v, lang),
  ];
}

/** The ordered tasks, one a line: "1. Title (mandatory)". */
export function tasksCell(v: PlanVisit, lang: FileLang): string {
  const t = planTexts(lang);
  return v.tasks.map((k, i) => `${i + 1}. ${k.title}${k.mandatory ? ` (${t.mandatory})` : ''}`).join('\n');
}

const WIDTHS = [12, 8, 10, 13, 34, 28, 12, 18, 26, 18, 28, 30, 50];

export async function visitPlanXlsx(plan: PlanData, o: SheetOptions): Promise<Buffer> {
  const t = planTexts(o.lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Regio';
  const ws = wb.addWorksheet(t.title.slice(0, 31));
  ws.addRow([`${t.title} – ${plan.rep.name}`]).font = { bold: true, size: 14 };
  ws.addRow([t.rep, plan.rep.name]).getCell(1).font = { bold: true };
  ws.addRow([t.period, periodText(plan.from, plan.to, o.lang)]).getCell(1).font = { bold: true };
  ws.addRow([t.visits, plan.visits.length]).getCell(1).font = { bold: true };
  ws.addRow([]);
  const head = ws.addRow(headers(o.lang));
  const headRow = head.number;
  head.font = { bold: true };
  head.alignment = { vertical: 'top', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8A94A6' } } };
  });
  const dateFmt = o.lang === 'en' ? 'yyyy-mm-dd' : 'dd.mm.yyyy';
  for (const v of plan.visits) {
    const [y, m, d] = v.date.split('-').map(Number) as [number, number, number];
    const time = v.time ? (Number(v.time.slice(0, 2)) * 60 + Number(v.time.slice(3, 5))) / (24 * 60) : null;
    // exceljs writes a Date as the spreadsheet's serial day of its UTC date: a UTC midnight.
    const row = ws.addRow([new Date(Date.UTC(y, m - 1, d)), time, ...restOf(v, o.lang)]);
    row.getCell(1).numFmt = dateFmt;
    if (time !== null) row.getCell(2).numFmt = 'hh:mm';
    row.alignment = { vertical: 'top', wrapText: true };
  }
  WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headRow, topLeftCell: `A${headRow + 1}` }];
  ws.autoFilter = { from: { row: headRow, column: 1 }, to: { row: headRow, column: WIDTHS.length } };
  ws.pageSetup = {
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headRow}:${headRow}`,
  };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function visitPlanCsv(plan: PlanData, o: SheetOptions): Buffer {
  const rows: CsvCell[][] = [headers(o.lang)];
  for (const v of plan.visits) rows.push([v.date, v.time ?? '', ...restOf(v, o.lang)]);
  return csvBytes(rows, o.lang);
}
