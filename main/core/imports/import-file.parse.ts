import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import {
  IMPORT_MAX_BYTES,
  type ImportMapping,
  type ImportParseOptions,
  type ImportTarget,
} from '../../../shared/contract/imports.schema';
import { AppError } from '../../../shared/contract/errors';
import { fold } from '../../../shared/domain/text';

// Reading an office's client list (PRODUCT.md §4, issue 5): the bytes of a CSV or XLSX file become
// rows of text cells. Real office files are messy — Windows-1250 from older Excel, semicolons with
// decimal commas, multi-line quoted cells, blank and ";;;;" rows, numbers Excel turned into dates or
// exponents — so everything here is about reading them faithfully, or refusing them with a reason the
// operator can act on. Interpreting the values (dates, numbers, yes/no) is import-values.ts.

export interface ParsedRow {
  /** The row's number as a spreadsheet shows it (the header row, when there is one, is 1). */
  line: number;
  /** The cells as text (numbers without exponent or grouping, dates of XLSX date cells as YYYY-MM-DD). */
  cells: string[];
}

export interface ParsedFile {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1250' | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** Column names ('' for every column when there is no header row). */
  headers: string[];
  /** Data rows; empty rows are dropped. */
  rows: ParsedRow[];
}

/** The most columns a file may have (the mapping has one entry per column, at most 200). */
export const IMPORT_MAX_COLUMNS = 200;

const fail = (key: string, message: string, details?: Record<string, unknown>): never => {
  throw new AppError('validation', message, details ? { key, details } : { key });
};

// ---------------------------------------------------------------------------------------------
// Format sniffing: by content, because offices rename files freely (an .xls saved as .csv, a CSV
// called .xlsx), and a wrong guess would show the operator a screen of garbage instead of a reason.

type Sniffed = 'xlsx' | 'csv';

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function containsAscii(bytes: Uint8Array, text: string, limit: number): boolean {
  const end = Math.min(bytes.length, limit) - text.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern: number[] = [];
  for (const ch of text) pattern.push(ch.charCodeAt(0), 0);
  const end = bytes.length - pattern.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

const OTHER_BINARY: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];

function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // ODS is a zip too; its first entry is the uncompressed "mimetype" file.
    if (containsAscii(bytes, 'opendocument', 200)) {
      fail('errors.import_format', 'OpenDocument spreadsheets are not supported', { format: 'ods' });
    }
    return 'xlsx';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // A password-protected XLSX is stored in the same container as an old .xls; saving it "as XLSX"
    // would not help, removing the password would.
    if (containsUtf16(bytes, 'EncryptedPackage')) {
      fail('errors.import_encrypted', 'The workbook is password-protected');
    }
    fail('errors.import_xls', 'Old binary .xls files are not supported; save as XLSX or CSV', {
      format: 'xls',
    });
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // Excel's "Unicode text" export: UTF-16 with a byte-order mark.
    fail('errors.import_utf16', 'UTF-16 text files are not supported; save as CSV UTF-8', {
      format: 'utf-16',
    });
  }
  if (OTHER_BINARY.some((m) => startsWith(bytes, m))) {
    fail('errors.import_format', 'Not a CSV or XLSX file', { format: 'binary' });
  }
  // Text files never hold NUL and hardly any other control characters.
  const head = bytes.subarray(0, 1024);
  let controls = 0;
  for (const b of head) {
    if (b === 0) fail('errors.import_format', 'Not a CSV or XLSX file', { format: 'binary' });
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (controls > head.length / 100 + 1) {
    fail('errors.import_format', 'Not a CSV or XLSX file', { format: 'binary' });
  }
  return 'csv';
}

// ---------------------------------------------------------------------------------------------
// Text cells

/** Surrounding whitespace (trim() covers NBSP and the BOM too) goes; inner line breaks stay, as \n. */
function cleanCell(s: string): string {
  return s.replace(/\r\n?/g, '\n').trim();
}

const isEmptyRow = (cells: readonly string[]): boolean => cells.every((c) => c === '');

/**
 * Header + data rows from records (line = the record's number as a spreadsheet shows it).
 * With a header row, the first non-empty record names the columns (it can never be all empty, so
 * "no header" is never inferred: what the operator ticked is what they get). Trailing columns that are
 * empty everywhere (a row of trailing separators, formatted-but-empty XLSX columns) are cut off, so
 * they neither count against the column limit nor show up in the mapping; inner ones stay, since
 * removing them would shift the columns the operator sees.
 */
function assemble(
  records: Iterable<ParsedRow>,
  headerRow: boolean,
): { headers: string[]; rows: ParsedRow[] } {
  let headers: string[] | null = null;
  const rows: ParsedRow[] = [];
  let width = 0;
  for (const r of records) {
    if (isEmptyRow(r.cells)) continue;
    let w = r.cells.length;
    while (w > 0 && r.cells[w - 1] === '') w--;
    if (w > width) width = w;
    if (width > IMPORT_MAX_COLUMNS) {
      fail('errors.import_too_many_columns', 'The file has too many columns', {
        line: r.line,
        max: IMPORT_MAX_COLUMNS,
      });
    }
    if (headerRow && headers === null) headers = r.cells;
    else rows.push(r);
  }
  if (rows.length === 0) fail('errors.import_empty', 'The file has no data rows');
  const fit = (cells: string[]): string[] => {
    if (cells.length > width) return cells.slice(0, width);
    while (cells.length < width) cells.push('');
    return cells;
  };
  for (const r of rows) r.cells = fit(r.cells);
  return { headers: headers ? fit(headers) : new Array<string>(width).fill(''), rows };
}

// ---------------------------------------------------------------------------------------------
// CSV

type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1250';

function decode(
  bytes: Uint8Array,
  wanted: ImportParseOptions['encoding'],
): { text: string; encoding: CsvEncoding } {
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  if (wanted === 'windows-1250') {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'windows-1250' };
  }
  const body = bom ? bytes.subarray(3) : bytes;
  const encoding: CsvEncoding = bom ? 'utf-8-bom' : 'utf-8';
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding };
  } catch {
    if (wanted === 'utf-8') {
      fail('errors.import_encoding', 'The file is not valid UTF-8', { encoding: 'utf-8' });
    }
    // Not UTF-8: what Polish and Czech Excel write when saving "CSV (separated by semicolons)".
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'windows-1250' };
  }
}

const DELIMITERS = ['\t', ';', ','] as const;
const DETECT_RECORDS = 20;

function parseCsvText(text: string, delimiter: string, preview = 0): Papa.ParseResult<string[]> {
  return Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    preview,
  });
}

/**
 * The separator, chosen by how consistently it splits the first records (quotes respected): the one
 * whose most common field count (≥ 2) covers the most records wins, then the one giving more fields,
 * then tab before semicolon before comma (commas are common inside values — decimal commas, "ul.
 * Długa 5, Kraków" — tabs and semicolons are not). papaparse's own guess is not used: it picks ','
 * for a two-column semicolon file whose amounts have decimal commas ("A;12,50").
 */
export function detectDelimiter(text: string): string {
  let best: { d: string; share: number; fields: number } | null = null;
  for (const d of DELIMITERS) {
    const counts = parseCsvText(text, d, DETECT_RECORDS * 2)
      .data.filter((r) => !isEmptyRow(r.map(cleanCell)))
      .slice(0, DETECT_RECORDS)
      .map((r) => r.length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [c, n] of freq) {
      if (n > modeCount || (n === modeCount && c > mode)) {
        mode = c;
        modeCount = n;
      }
    }
    if (mode < 2) continue;
    const share = modeCount / counts.length;
    if (!best || share > best.share || (share === best.share && mode > best.fields)) {
      best = { d, share, fields: mode };
    }
  }
  // One column only: any separator reads it the same; ';' is what PL/CZ Excel writes.
  return best?.d ?? ';';
}

function parseCsv(bytes: Uint8Array, options: ImportParseOptions): ParsedFile {
  const decoded = decode(bytes, options.encoding);
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let delimiter: string = options.delimiter;
  // Excel's "sep=;" first line names the separator; Excel does not show it as a row, so it is not
  // counted either.
  const sep = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r)/i.exec(text);
  if (sep) {
    text = text.slice(sep[0].length);
    if (delimiter === 'auto') delimiter = sep[1] ?? ';';
  }
  if (text.trim() === '') fail('errors.import_empty', 'The file is empty');
  if (delimiter === 'auto') delimiter = detectDelimiter(text);

  const result = parseCsvText(text, delimiter);
  const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    // papaparse reads the rest of the file into that one cell; importing it would be nonsense.
    fail('errors.import_unclosed_quote', 'A quoted value is not closed', {
      line: (unclosed.row ?? 0) + 1,
    });
  }
  // Records, not physical lines: a quoted cell with line breaks is one row, as in Excel.
  function* records(): Generator<ParsedRow> {
    for (let i = 0; i < result.data.length; i++) {
      yield { line: i + 1, cells: (result.data[i] ?? []).map(cleanCell) };
    }
  }
  const { headers, rows } = assemble(records(), options.headerRow);
  return {
    format: 'csv',
    encoding: decoded.encoding,
    delimiter,
    sheets: [],
    sheet: null,
    headers,
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// XLSX

/**
 * A number as plain decimal text: no exponent, no grouping, at most 15 significant digits (what Excel
 * itself keeps and shows, so binary noise like 0.30000000000000004 reads as 0.3).
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(Number(n.toPrecision(15)));
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', expText = '0'] = m;
  const exp = Number(expText);
  const digits = int + frac;
  const point = int.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  return sign + out;
}

/**
 * A whole number in a cell formatted with zeros only ("00000", "00-000" for a Polish postal code,
 * "000 00" for a Czech PSČ): rendered as the format shows it, because the leading zeros ARE the value
 * (2950 formatted "00-000" is the postal code 02-950). Anything else (decimals, grouping, currency)
 * is left to plainNumber.
 */
function zeroPadded(n: number, numFmt: string | undefined): string | null {
  if (!numFmt || !Number.isInteger(n) || n < 0) return null;
  // A locale prefix like [$-415] does not change digits.
  const fmt = numFmt.replace(/^\[\$-[0-9A-Fa-f]+\]/, '');
  const tokens: string[] = [];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i] ?? '';
    if (c === '0') tokens.push('0');
    else if (c === '\\' && i + 1 < fmt.length) tokens.push(fmt[++i] ?? '');
    else if (c === '"') {
      const end = fmt.indexOf('"', i + 1);
      if (end < 0) return null;
      tokens.push(fmt.slice(i + 1, end));
      i = end;
    } else if (c === '-' || c === ' ') tokens.push(c);
    else return null;
  }
  const zeros = tokens.filter((t) => t === '0').length;
  const digits = String(n);
  if (zeros < 2 || digits.length > zeros) return null;
  const padded = digits.padStart(zeros, '0');
  let k = 0;
  return tokens.map((t) => (t === '0' ? padded[k++] : t)).join('');
}

function isoDateUtc(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

function valueText(v: unknown, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return zeroPadded(v, numFmt) ?? plainNumber(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  // exceljs builds dates in UTC from the serial number, so the UTC parts are the calendar date.
  if (v instanceof Date) return isoDateUtc(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[])
        .map((r) => (typeof r.text === 'string' ? r.text : ''))
        .join('');
    }
    // Formulas: the result Excel saved (not recomputed here).
    if ('formula' in o || 'sharedFormula' in o) return valueText(o.result, numFmt);
    // Hyperlinks: the text shown (itself possibly rich text).
    if ('hyperlink' in o) return valueText(o.text, numFmt);
    if (typeof o.error === 'string') return o.error;
    if ('text' in o) return valueText(o.text, numFmt);
  }
  return '';
}

function cellText(cell: ExcelJS.Cell): string {
  // Only the top-left cell of a merged range holds the value; exceljs repeats it in the others.
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  return cleanCell(valueText(cell.value, cell.numFmt));
}

async function parseXlsx(bytes: Uint8Array, options: ImportParseOptions): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its parameter with a Buffer of its own declaration; a Node Buffer is what it reads.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    // A zip that is not a workbook (a .docx, a damaged file).
    fail('errors.import_format', 'Not a readable XLSX file', { format: 'zip' });
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  if (sheets.length === 0) fail('errors.import_format', 'The workbook has no worksheets', { format: 'zip' });
  const wanted = options.sheet ?? null;
  if (wanted !== null) {
    const worksheet = workbook.worksheets.find((w) => w.name === wanted);
    if (!worksheet) return fail('errors.import_sheet', 'No such worksheet', { sheet: wanted, sheets });
    return { ...readSheet(worksheet, options.headerRow), sheets };
  }
  // No sheet chosen: the first one with data rows. Office workbooks often open with an instructions
  // or summary sheet, and refusing the upload there would leave the operator no way to pick another.
  let firstError: unknown = null;
  for (const worksheet of workbook.worksheets) {
    try {
      return { ...readSheet(worksheet, options.headerRow), sheets };
    } catch (e) {
      if (!(e instanceof AppError) || e.key !== 'errors.import_empty') throw e;
      firstError ??= e;
    }
  }
  throw firstError;
}

function readSheet(worksheet: ExcelJS.Worksheet, headerRow: boolean): Omit<ParsedFile, 'sheets'> {
  const records: ParsedRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cellText(cell);
      if (text === '') return;
      if (col > IMPORT_MAX_COLUMNS) {
        fail('errors.import_too_many_columns', 'The file has too many columns', {
          line: rowNumber,
          max: IMPORT_MAX_COLUMNS,
        });
      }
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text;
    });
    records.push({ line: rowNumber, cells });
  });
  const { headers, rows } = assemble(records, headerRow);
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheet: worksheet.name,
    headers,
    rows,
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads a CSV or XLSX file into text rows, or refuses it with an AppError('validation') whose key
 * says why: errors.import_too_big, import_empty, import_xls, import_encrypted, import_utf16,
 * import_format, import_encoding, import_unclosed_quote ({line}), import_too_many_columns ({line,
 * max}), import_sheet ({sheet, sheets}). The file name is not trusted for the format.
 */
export async function parseImportFile(
  bytes: Uint8Array,
  _fileName: string,
  options: ImportParseOptions,
): Promise<ParsedFile> {
  if (bytes.byteLength > IMPORT_MAX_BYTES) {
    fail('errors.import_too_big', 'The file is too big', {
      maxBytes: IMPORT_MAX_BYTES,
      bytes: bytes.byteLength,
    });
  }
  if (bytes.byteLength === 0) fail('errors.import_empty', 'The file is empty');
  return sniff(bytes) === 'xlsx' ? parseXlsx(bytes, options) : parseCsv(bytes, options);
}

// ---------------------------------------------------------------------------------------------
// Mapping suggestion

/** Folded, punctuation to single spaces: "E-mail kontaktní osoby" → "e mail kontaktni osoby". */
export function normalizeHeader(h: string): string {
  return fold(h)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Column names exactly as offices write them (after normalizeHeader), in Polish, Czech and English.
const EXACT: Record<ImportTarget, readonly string[]> = {
  externalCode: [
    'kod',
    'kod klienta',
    'kod zewnetrzny',
    'kod kontrahenta',
    'kod odbiorcy',
    'numer klienta',
    'nr klienta',
    'id klienta',
    'kod zakaznika',
    'cislo zakaznika',
    'cislo klienta',
    'externi kod',
    'kod odberatele',
    'external code',
    'customer code',
    'client code',
    'customer id',
    'client id',
    'customer number',
    'code',
  ],
  name: [
    'nazwa',
    'nazwa firmy',
    'nazwa klienta',
    'nazwa kontrahenta',
    'pelna nazwa',
    'firma',
    'klient',
    'kontrahent',
    'odbiorca',
    'nazev',
    'nazev firmy',
    'nazev klienta',
    'obchodni jmeno',
    'obchodni nazev',
    'zakaznik',
    'odberatel',
    'name',
    'company',
    'company name',
    'client',
    'client name',
    'customer',
    'customer name',
  ],
  taxId: ['nip', 'nip firmy', 'nip klienta', 'ico', 'ic', 'identifikacni cislo', 'tax id', 'taxid'],
  regon: ['regon'],
  dic: ['dic', 'danove identifikacni cislo'],
  street: [
    'ulica',
    'ulica i numer',
    'ulica nr',
    'adres',
    'ulice',
    'ulice a cislo',
    'adresa',
    'street',
    'address',
    'street address',
  ],
  city: ['miasto', 'miejscowosc', 'mesto', 'obec', 'city', 'town'],
  postalCode: ['kod pocztowy', 'psc', 'postal code', 'postcode', 'zip', 'zip code'],
  country: ['kraj', 'panstwo', 'zeme', 'stat', 'country'],
  phone: [
    'telefon',
    'tel',
    'nr telefonu',
    'numer telefonu',
    'telefon firmy',
    'telefonni cislo',
    'tel cislo',
    'phone',
    'telephone',
    'phone number',
  ],
  email: ['e mail', 'email', 'mail', 'adres e mail', 'adres email', 'e mailova adresa', 'emailova adresa'],
  segment: [
    'segment',
    'kanal',
    'kanal sprzedazy',
    'typ klienta',
    'prodejni kanal',
    'typ zakaznika',
    'channel',
  ],
  rep: [
    'handlowiec',
    'przedstawiciel',
    'przedstawiciel handlowy',
    'ph',
    'opiekun',
    'opiekun klienta',
    'obchodni zastupce',
    'zastupce',
    'obchodnik',
    'rep',
    'sales rep',
    'sales representative',
    'account manager',
  ],
  status: ['status', 'stav', 'status klienta', 'stav klienta'],
  tags: ['tagi', 'tag', 'etykiety', 'stitky', 'stitek', 'tags', 'labels'],
  parentCode: [
    'kod centrali',
    'centrala',
    'siec',
    'kod sieci',
    'centrala kod',
    'kod centraly',
    'nadrazena firma',
    'parent',
    'parent code',
    'chain',
    'headquarters',
  ],
  contactFirstName: ['imie', 'jmeno', 'krestni jmeno', 'first name', 'firstname', 'given name'],
  contactSurname: ['nazwisko', 'prijmeni', 'last name', 'lastname', 'surname', 'family name'],
  contactPosition: ['stanowisko', 'funkcja', 'pozice', 'funkce', 'position', 'job title', 'role'],
  contactPhone: ['telefon kontaktowy', 'kontaktni telefon', 'contact phone'],
  contactEmail: [
    'e mail kontaktowy',
    'kontaktni e mail',
    'kontaktni email',
    'contact email',
    'contact e mail',
  ],
  contactEmailConsent: [
    'zgoda e mail',
    'zgoda email',
    'zgoda na e mail',
    'zgoda marketingowa',
    'zgoda',
    'souhlas s e mailem',
    'souhlas',
    'email consent',
    'e mail consent',
    'consent',
  ],
  contactConsentDate: ['data zgody', 'datum souhlasu', 'consent date', 'date of consent'],
};

const EXACT_INDEX = new Map<string, ImportTarget>();
for (const [target, names] of Object.entries(EXACT) as [ImportTarget, readonly string[]][]) {
  for (const n of names) if (!EXACT_INDEX.has(n)) EXACT_INDEX.set(n, target);
}

// Containment rules for the names not in the list, checked in order: the specific before the general
// ("Telefon osoby kontaktowej" is the contact's phone, not the company's; "Adres e-mail" is an e-mail,
// not a street; "Kod pocztowy" is not a client code).
const CONTACT = /\b(kontakt\w*|osob\w*|contact|person)\b/;
const CONSENT = /\b(zgod\w*|souhlas\w*|consent|rodo|gdpr)\b/;
const DATE = /\b(data|datum|date)\b/;
const PHONE = /\b(tel|telefon\w*|phone|mobil\w*|komork\w*|gsm)\b/;
const MAIL = /\b(e ?mail\w*|mail)\b/;
const CODE = /\b(kod|code|cislo|numer|nr|id)\b/;
const RULES: readonly [ImportTarget, (h: string) => boolean][] = [
  ['contactConsentDate', (h) => CONSENT.test(h) && DATE.test(h)],
  ['contactEmailConsent', (h) => CONSENT.test(h)],
  ['contactPhone', (h) => CONTACT.test(h) && PHONE.test(h)],
  ['contactEmail', (h) => CONTACT.test(h) && MAIL.test(h)],
  [
    'contactFirstName',
    (h) => /\b(imie|first name|krestni)\b/.test(h) || (/\bjmeno\b/.test(h) && !/\bobchodni\b/.test(h)),
  ],
  ['contactSurname', (h) => /\b(nazwisk\w*|prijmeni|surname|last name)\b/.test(h)],
  ['contactPosition', (h) => /\b(stanowisk\w*|funkcj\w*|pozic\w*|funkc\w*|position|job title)\b/.test(h)],
  ['postalCode', (h) => /\b(kod pocztowy|psc|postal|post code|postcode|zip)\b/.test(h)],
  ['parentCode', (h) => /\b(central\w*|siec\w*|parent|nadrazen\w*|chain|headquarters)\b/.test(h)],
  [
    'externalCode',
    (h) =>
      CODE.test(h) &&
      /\b(klient\w*|zakaznik\w*|odberatel\w*|odbiorc\w*|kontrahent\w*|zewn\w*|extern\w*|customer|client)\b/.test(
        h,
      ),
  ],
  ['regon', (h) => /\bregon\b/.test(h)],
  ['dic', (h) => /\bdic\b/.test(h)],
  ['taxId', (h) => /\b(nip|ico|ic)\b/.test(h)],
  ['email', (h) => MAIL.test(h)],
  ['phone', (h) => PHONE.test(h)],
  ['city', (h) => /\b(miast\w*|miejscowosc|mesto|obec|city|town)\b/.test(h)],
  ['street', (h) => /\b(ulic\w*|adres\w*|street|address)\b/.test(h)],
  ['country', (h) => /\b(kraj|panstwo|zeme|stat|country)\b/.test(h)],
  [
    'rep',
    (h) => /\b(handlowi\w*|przedstawiciel\w*|opiekun\w*|zastupce|obchodnik|rep|salesman|sales)\b/.test(h),
  ],
  ['segment', (h) => /\b(segment\w*|kanal\w*|channel)\b/.test(h)],
  ['status', (h) => /\b(status|stav)\b/.test(h)],
  ['tags', (h) => /\b(tag\w*|stit\w*|etykiet\w*|labels?)\b/.test(h)],
  ['name', (h) => /\b(nazwa|nazev|name|firma|company|obchodni jmeno)\b/.test(h)],
];

/**
 * Guesses the target of each column from its name (Polish, Czech or English, any case and with or
 * without diacritics): exact names first, then the containment rules for the rest. Each target is
 * used at most once — the first column that claims it wins — and unknown columns map to null.
 */
export function suggestMapping(headers: readonly string[]): ImportMapping {
  const normalized = headers.map(normalizeHeader);
  const mapping: (ImportTarget | null)[] = headers.map(() => null);
  const taken = new Set<ImportTarget>();
  normalized.forEach((h, i) => {
    const t = EXACT_INDEX.get(h);
    if (t && !taken.has(t)) {
      mapping[i] = t;
      taken.add(t);
    }
  });
  normalized.forEach((h, i) => {
    if (mapping[i] !== null || !h) return;
    // The first rule that matches decides: a second "Telefon osoby kontaktowej 2" must not fall
    // through to the company's phone just because the contact's phone is taken.
    const t = RULES.find(([, test]) => test(h))?.[0];
    if (t && !taken.has(t)) {
      mapping[i] = t;
      taken.add(t);
    }
  });
  return mapping;
}
