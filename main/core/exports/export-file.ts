import type { ExportFile } from '../../../shared/contract/exports.schema';
import type { HandlerContext } from '../app/handler-context';
import { auditExport } from '../audit/audit.service';
import { currentOffice } from '../office/office.service';

// What every export shares (issue 9): the language its texts are written in, a file name safe on
// every platform, CSV as spreadsheet programs in Poland and Czechia open it, and the audit entry
// that records who exported what and how many records.

export type FileLang = 'pl' | 'cs' | 'en';

/** The caller's own language (as they switched the app to), else the office's. */
export function fileLanguage(ctx: Pick<HandlerContext, 'user' | 'store'>): FileLang {
  const l = ctx.user().language ?? currentOffice(ctx.store)?.locale ?? 'pl';
  return l === 'cs' || l === 'en' ? l : 'pl';
}

/** ASCII letters, digits and dashes: a name no file system or mail program mangles. */
export function safeFileName(s: string, fallback = 'export'): string {
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || fallback
  );
}

export function toExportFile(
  bytes: Buffer | Uint8Array,
  fileName: string,
  mime: string,
  records: number,
): ExportFile {
  return { fileName, mime, base64: Buffer.from(bytes).toString('base64'), records };
}

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().,/-]+$/;

/**
 * CSV for spreadsheet programs: UTF-8 with a BOM (without it Excel reads "ł" as two letters),
 * CRLF line ends, and the separator of the language's spreadsheets — a semicolon in Polish and
 * Czech, where the comma is the decimal separator (numbers are written with a decimal comma there,
 * so the program reads them as numbers), a comma in English. No thousands separators.
 */
export function csvBytes(rows: readonly (readonly CsvCell[])[], lang: FileLang): Buffer {
  const sep = lang === 'en' ? ',' : ';';
  const decimal = lang === 'en' ? '.' : ',';
  // Quoted only around the separator, quotes and line breaks: "24,2" in Polish stays a bare number.
  const mustQuote = sep === ';' ? /[";\n\r]/ : /[",\n\r]/;
  const cell = (v: CsvCell): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v).replace('.', decimal) : '') : v;
    // Quoted when it holds the separator, a quote or a line break; a leading =, +, - or @ (also
    // after spaces) would be run as a formula by the spreadsheet (CSV injection): such a text cell
    // gets a leading apostrophe — unless it can only be a number or a phone ("+48601234567",
    // "-5,5"), which no spreadsheet runs and which must reach the file as it is.
    const safe = typeof v === 'string' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
    return mustQuote.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const body = rows.map((r) => r.map(cell).join(sep)).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/** Minor units as a decimal number of the currency (12345 → 123.45), for a file's number cells. */
export function minorToMajor(minor: number): number {
  return minor / 100;
}

/**
 * Records the export in the audit log (PRODUCT.md §2 "Audit entry": every export that contains
 * personal data), once its file exists: an export that failed or was cancelled exported nothing.
 */
export async function auditFileExport(
  ctx: Pick<HandlerContext, 'store' | 'user'>,
  what: Parameters<typeof auditExport>[1],
): Promise<void> {
  await ctx.store.transact({ userId: ctx.user().id }, (tx) => auditExport(tx, what));
}
