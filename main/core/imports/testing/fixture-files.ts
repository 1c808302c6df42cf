import ExcelJS from 'exceljs';

// Builders of real import files for tests, the e2e run and the benchmark: CSV bytes in the encodings
// offices use (Windows-1250 is what Polish and Czech Excel save "CSV" as) and XLSX workbooks written
// by exceljs — the same library that reads them, but through a real zip, so the reader sees what an
// office file holds (shared strings, date styles, formulas with saved results).

// Unicode → Windows-1250 for what Polish and Czech (and a little Slovak / German) text holds, plus
// the typographic punctuation Excel and Word produce. Written by hand so the tests check the decoder
// against an independent table rather than against itself.
const CP1250: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Ś: 0x8c,
  Ť: 0x8d,
  Ž: 0x8e,
  Ź: 0x8f,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  ś: 0x9c,
  ť: 0x9d,
  ž: 0x9e,
  ź: 0x9f,
  '\u00a0': 0xa0,
  Ł: 0xa3,
  Ą: 0xa5,
  '§': 0xa7,
  '«': 0xab,
  Ż: 0xaf,
  '°': 0xb0,
  ł: 0xb3,
  ą: 0xb9,
  '»': 0xbb,
  Ľ: 0xbc,
  ľ: 0xbe,
  ż: 0xbf,
  Á: 0xc1,
  Ä: 0xc4,
  Ć: 0xc6,
  Č: 0xc8,
  É: 0xc9,
  Ę: 0xca,
  Ě: 0xcc,
  Í: 0xcd,
  Ď: 0xcf,
  Ń: 0xd1,
  Ň: 0xd2,
  Ó: 0xd3,
  Ô: 0xd4,
  Ö: 0xd6,
  '×': 0xd7,
  Ř: 0xd8,
  Ů: 0xd9,
  Ú: 0xda,
  Ü: 0xdc,
  Ý: 0xdd,
  ß: 0xdf,
  á: 0xe1,
  ä: 0xe4,
  ć: 0xe6,
  č: 0xe8,
  é: 0xe9,
  ę: 0xea,
  ě: 0xec,
  í: 0xed,
  ď: 0xef,
  ń: 0xf1,
  ň: 0xf2,
  ó: 0xf3,
  ô: 0xf4,
  ö: 0xf6,
  ř: 0xf8,
  ů: 0xf9,
  ú: 0xfa,
  ü: 0xfc,
  ý: 0xfd,
};

/** The characters encodeWindows1250 knows beyond ASCII (for tests of the table itself). */
export const WINDOWS_1250_TABLE: Readonly<Record<string, number>> = CP1250;

/** Text as Windows-1250 bytes; throws on a character outside the table (a test-data mistake). */
export function encodeWindows1250(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let i = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const b = code < 0x80 ? code : CP1250[ch];
    if (b === undefined) throw new Error(`no Windows-1250 byte for ${JSON.stringify(ch)}`);
    out[i++] = b;
  }
  return out.subarray(0, i);
}

export interface CsvFixtureOptions {
  delimiter?: ',' | ';' | '\t';
  newline?: '\r\n' | '\n';
  encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1250';
  /** Newline after the last row (Excel writes one). */
  trailingNewline?: boolean;
}

/** One CSV field, quoted when it must be (separator, quote, line break, surrounding spaces). */
export function csvField(value: string, delimiter: string): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim()) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** CSV text (Excel's defaults for PL/CZ: semicolons, CRLF). */
export function csvText(rows: readonly (readonly string[])[], opts: CsvFixtureOptions = {}): string {
  const d = opts.delimiter ?? ';';
  const nl = opts.newline ?? '\r\n';
  const body = rows.map((r) => r.map((v) => csvField(v, d)).join(d)).join(nl);
  return opts.trailingNewline === false ? body : body + nl;
}

/** Text as file bytes in the given encoding (default UTF-8 without BOM). */
export function encodeText(text: string, encoding: CsvFixtureOptions['encoding'] = 'utf-8'): Uint8Array {
  if (encoding === 'windows-1250') return encodeWindows1250(text);
  const utf8 = new TextEncoder().encode(text);
  if (encoding !== 'utf-8-bom') return utf8;
  const out = new Uint8Array(utf8.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(utf8, 3);
  return out;
}

/** A CSV file's bytes (default: semicolons, CRLF, UTF-8 without BOM, a final newline). */
export function buildCsv(rows: readonly (readonly string[])[], opts: CsvFixtureOptions = {}): Uint8Array {
  return encodeText(csvText(rows, opts), opts.encoding);
}

/** A cell: a plain exceljs value, or one with a number format (e.g. '00-000' for a postal code). */
export type XlsxCell = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

export interface XlsxSheetFixture {
  name: string;
  /** Rows from row 1 down; an empty array leaves that row empty. */
  rows: readonly (readonly XlsxCell[])[];
  /** Ranges to merge, e.g. 'A5:C5'. */
  merges?: readonly string[];
}

const hasNumFmt = (c: XlsxCell): c is { value: ExcelJS.CellValue; numFmt: string } =>
  typeof c === 'object' && c !== null && !(c instanceof Date) && 'numFmt' in c;

/** An XLSX file's bytes with the given worksheets, in order. */
export async function buildXlsx(sheets: readonly XlsxSheetFixture[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name);
    s.rows.forEach((row, r) => {
      row.forEach((c, col) => {
        if (c === null || c === undefined) return;
        const cell = ws.getCell(r + 1, col + 1);
        if (hasNumFmt(c)) {
          cell.value = c.value;
          cell.numFmt = c.numFmt;
        } else {
          cell.value = c;
          // A date needs a date style, or Excel (and exceljs) would read back a serial number.
          if (c instanceof Date) cell.numFmt = 'yyyy-mm-dd';
        }
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
