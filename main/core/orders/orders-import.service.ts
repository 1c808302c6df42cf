import { createHash } from 'node:crypto';
import type { Client } from '../../../shared/contract/clients.schema';
import type { Product } from '../../../shared/contract/catalog.schema';
import { AppError } from '../../../shared/contract/errors';
import { IMPORT_MAX_BYTES } from '../../../shared/contract/imports.schema';
import type { ImportParseOptions } from '../../../shared/contract/imports.schema';
import { ORDER_IMPORT_TARGETS, REQUIRED_ORDER_TARGETS } from '../../../shared/contract/orders.schema';
import type {
  OrderCommitResult,
  OrderCounts,
  OrderImportMapping,
  OrderImportRecord,
  OrderImportSummary,
  OrderImportTarget,
  OrderLine,
  OrderRevertResult,
  OrderRowResult,
  OrderRunInput,
  OrderUpload,
} from '../../../shared/contract/orders.schema';
import { uuidv7 } from '../../../shared/domain/ids';
import { normalizeIco, normalizeNip } from '../../../shared/domain/tax-ids';
import { fold } from '../../../shared/domain/text';
import type { HandlerContext } from '../app/handler-context';
import { runSliced } from '../app/sliced';
import { insertAudited, patchAudited } from '../audit/audit.service';
import type { ParsedFile } from '../imports/import-file.parse';
import { normalizeHeader, parseImportFile } from '../imports/import-file.parse';
import { isMangledNumber, parseLocalDate, parseLocalNumber } from '../imports/import-values';
import { presetService } from '../imports/import-presets';
import { listImportRecords, revertableRecord, revertedAlready } from '../imports/import-records';
import { createUploadCache, uploadOut } from '../imports/upload-cache';
import type { CachedUpload } from '../imports/upload-cache';
import { currentOffice } from '../office/office.service';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';

// The import of order lines from the ERP (PRODUCT.md §2 "Order line", issue 8). The same steps as
// the client import — a file uploaded once and kept for the session, a dry run and a commit that
// build the same plan, one transaction, a revert — but the volume of a sales history: a monthly
// export has tens of thousands of lines, so (like the telephony import) the lines are written
// without per-line audit entries and one `imports` record of kind 'orders' stands for them.
//
// Idempotent: every line has an external key (the ERP's invoice and line number, or a hash of the
// row's values), and a key already in the store is 'already', so importing a file twice adds
// nothing. Rows with errors are reported and left out; the good rows are committed.

const MAX_ROWS_OUT = 500;
const IMPORT_KIND = 'orders';
const PRESET_KIND = 'preset:orders';
/** ERP exports may be twice the client list's limit (the contract's OrderUploadInput). */
export const ORDER_MAX_BYTES = 10 * 1024 * 1024;
/** The shared reader takes IMPORT_MAX_BYTES at a time: a bigger CSV is read in parts of this size. */
const CSV_PART_BYTES = 4 * 1024 * 1024;
/** |value| in minor units: far above any order line, well inside exact integers. */
const MAX_MINOR = 1e13;

type Upload = CachedUpload<Plan>;
const uploads = createUploadCache<Plan>();

// ---- reading the file ----

const startsWith = (b: Uint8Array, magic: number[]) => magic.every((x, k) => b[k] === x);

/**
 * The file as rows, with the client import's reader and options. That reader takes up to
 * IMPORT_MAX_BYTES; a bigger CSV (an ERP export of up to 10 MB) is cut at record ends — newlines
 * outside quotes — and read part by part with one encoding and the first part's separator, the
 * row numbers carried on. A bigger XLSX is refused by the reader itself (a zip cannot be cut).
 */
export async function readOrderFile(
  bytes: Uint8Array,
  fileName: string,
  options: ImportParseOptions,
): Promise<ParsedFile> {
  if (bytes.byteLength > ORDER_MAX_BYTES)
    throw new AppError('validation', 'The file is too big', {
      key: 'errors.order_file_too_big',
      details: { bytes: bytes.byteLength, max: ORDER_MAX_BYTES },
    });
  const zipOrOle = startsWith(bytes, [0x50, 0x4b]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (bytes.byteLength <= IMPORT_MAX_BYTES || zipOrOle || utf16)
    return parseImportFile(bytes, fileName, options);

  // One encoding for every part, decided on the whole file (a part alone could guess otherwise).
  let encoding = options.encoding;
  if (encoding === 'auto') {
    const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
      encoding = 'utf-8';
    } catch {
      encoding = 'windows-1250';
    }
  }
  // Cut at a newline outside quotes (0x0A and 0x22 are never inside a UTF-8 or CP1250 character),
  // remembering how many records ended before each cut.
  const cuts: Array<{ at: number; records: number }> = [];
  let inQuote = false;
  let from = 0;
  let records = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) inQuote = !inQuote;
    else if (b === 0x0a && !inQuote) {
      records++;
      if (i - from >= CSV_PART_BYTES) {
        cuts.push({ at: i, records });
        from = i + 1;
      }
    }
  }
  // A part ends before its last line break, CR included: papaparse takes a quoted cell followed by
  // a lone CR at the end of its text for an unclosed quote.
  const partEnd = (at: number) => (at > 0 && bytes[at - 1] === 0x0d ? at - 1 : at);
  const first = await parseImportFile(
    bytes.subarray(0, cuts[0] ? partEnd(cuts[0].at) : bytes.length),
    fileName,
    {
      ...options,
      encoding,
    },
  );
  // Excel's "sep=;" line is not counted as a row by the reader.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16)).replace(/^\u00ef\u00bb\u00bf/, '');
  const sepShift = /^sep=[,;\t|][ \t]*\r?\n/i.test(head) ? 1 : 0;
  const width = first.headers.length;
  const rows = first.rows;
  for (let k = 1; k <= cuts.length; k++) {
    const part = bytes.subarray(cuts[k - 1]!.at + 1, k < cuts.length ? partEnd(cuts[k]!.at) : bytes.length);
    const offset = cuts[k - 1]!.records - sepShift;
    let p: ParsedFile;
    try {
      p = await parseImportFile(part, fileName, {
        encoding,
        delimiter: (first.delimiter ?? 'auto') as ImportParseOptions['delimiter'],
        headerRow: false,
      });
    } catch (e) {
      if (e instanceof AppError && e.key === 'errors.import_empty') continue;
      if (e instanceof AppError && e.key === 'errors.import_unclosed_quote')
        throw new AppError('validation', e.message, {
          key: e.key,
          details: { line: Number(e.details?.line ?? 0) + offset },
        });
      throw e;
    }
    for (const r of p.rows) {
      const cells = r.cells.length > width ? r.cells.slice(0, width) : r.cells;
      while (cells.length < width) cells.push('');
      rows.push({ line: r.line + offset, cells });
    }
  }
  return first;
}

// ---- the mapping ----

// Column names as ERP exports write them (after normalizeHeader), in Polish, Czech and English.
const EXACT: Record<OrderImportTarget, readonly string[]> = {
  clientKey: [
    'klient',
    'kod klienta',
    'nr klienta',
    'odbiorca',
    'kod odbiorcy',
    'kontrahent',
    'kod kontrahenta',
    'nabywca',
    'nip',
    'nip nabywcy',
    'odberatel',
    'kod odberatele',
    'zakaznik',
    'kod zakaznika',
    'cislo zakaznika',
    'ico',
    'client',
    'client code',
    'customer',
    'customer code',
    'customer id',
    'tax id',
  ],
  date: [
    'data',
    'data faktury',
    'data sprzedazy',
    'data wystawienia',
    'data zamowienia',
    'data dokumentu',
    'datum',
    'datum faktury',
    'datum vystaveni',
    'datum prodeje',
    'datum objednavky',
    'datum dokladu',
    'date',
    'invoice date',
    'order date',
  ],
  product: [
    'produkt',
    'kod produktu',
    'towar',
    'kod towaru',
    'indeks',
    'symbol',
    'artykul',
    'zbozi',
    'kod zbozi',
    'produkt kod',
    'product',
    'product code',
    'item',
    'item code',
    'sku',
    'article',
  ],
  quantity: ['ilosc', 'ilosc szt', 'liczba', 'mnozstvi', 'pocet', 'pocet ks', 'qty', 'quantity'],
  netValue: [
    'wartosc netto',
    'netto',
    'cena netto',
    'kwota netto',
    'wartosc',
    'hodnota',
    'hodnota bez dph',
    'cena bez dph',
    'castka bez dph',
    'net value',
    'net amount',
    'net',
    'value',
  ],
  invoiceNo: [
    'faktura',
    'nr faktury',
    'numer faktury',
    'dokument',
    'nr dokumentu',
    'numer dokumentu',
    'doklad',
    'cislo dokladu',
    'cislo faktury',
    'faktura cislo',
    'invoice',
    'invoice no',
    'invoice number',
    'document',
    'document no',
  ],
  lineNo: [
    'pozycja',
    'poz',
    'lp',
    'nr pozycji',
    'radek',
    'cislo radku',
    'line',
    'line no',
    'line number',
    'position',
    'pos',
  ],
};
const EXACT_INDEX = new Map<string, OrderImportTarget>();
for (const t of ORDER_IMPORT_TARGETS) for (const w of EXACT[t]) EXACT_INDEX.set(w, t);

// Then by a word the name contains; the first rule that matches decides ("Nr pozycji faktury" is
// the line, not the invoice; "Data faktury" the date).
const RULES: Array<[OrderImportTarget, RegExp]> = [
  ['date', /\b(data|datum|date)\b/],
  ['lineNo', /\b(pozycj\w*|radek|radku|line)\b/],
  ['invoiceNo', /\b(faktur\w*|dokument\w*|doklad\w*|invoice)\b/],
  ['netValue', /\b(netto|wartosc|hodnota|bez dph|net)\b/],
  ['quantity', /\b(ilosc|mnozstvi|pocet|qty|quantity)\b/],
  ['product', /\b(produkt\w*|towar\w*|zbozi|product|indeks|sku)\b/],
  [
    'clientKey',
    /\b(klient\w*|odbiorc\w*|kontrahent\w*|nabywc\w*|odberatel\w*|zakaznik\w*|client|customer)\b/,
  ],
];

/** Each column's target guessed from its name; each target at most once, the first column wins. */
export function suggestOrderMapping(headers: readonly string[]): OrderImportMapping {
  const norm = headers.map(normalizeHeader);
  const out: (OrderImportTarget | null)[] = headers.map(() => null);
  const taken = new Set<OrderImportTarget>();
  norm.forEach((h, k) => {
    const t = EXACT_INDEX.get(h);
    if (t && !taken.has(t)) {
      out[k] = t;
      taken.add(t);
    }
  });
  norm.forEach((h, k) => {
    if (out[k] !== null || !h) return;
    const t = RULES.find(([, re]) => re.test(h))?.[0];
    if (t && !taken.has(t)) {
      out[k] = t;
      taken.add(t);
    }
  });
  return out;
}

/** Column per target; refuses a mapping that names a target twice or lacks a required one. */
function columnsOf(parsed: ParsedFile, mapping: OrderImportMapping): Map<OrderImportTarget, number> {
  if (mapping.length > parsed.headers.length)
    throw new AppError('validation', 'The mapping has more columns than the file', {
      key: 'errors.import_mapping_columns',
    });
  const cols = new Map<OrderImportTarget, number>();
  const twice = new Set<OrderImportTarget>();
  mapping.forEach((t, k) => {
    if (!t) return;
    if (cols.has(t)) twice.add(t);
    else cols.set(t, k);
  });
  if (twice.size)
    throw new AppError('validation', 'A field is mapped twice', {
      key: 'errors.import_mapping_twice',
      details: { targets: [...twice] },
    });
  const missing = REQUIRED_ORDER_TARGETS.filter((t) => !cols.has(t));
  if (missing.length)
    throw new AppError('validation', 'The mapping lacks a required column', {
      key: 'errors.order_mapping_missing',
      details: { targets: missing },
    });
  return cols;
}

// ---- upload ----

export async function uploadOrders(
  ctx: HandlerContext,
  i: { fileName: string; data: string; options: ImportParseOptions },
): Promise<OrderUpload> {
  ctx.user();
  const parsed = await readOrderFile(new Uint8Array(Buffer.from(i.data, 'base64')), i.fileName, i.options);
  return uploadOut(uploads.put(ctx, i.fileName, parsed), suggestOrderMapping);
}

// ---- reading the values ----

/** A quantity: a number other than 0 with at most 3 decimals (negative: a return), or null. */
export function parseQuantity(text: string): number | null {
  const n = parseLocalNumber(text);
  if (n === null || n === 0 || Math.abs(n) >= 1e9) return null;
  const milli = Math.round(n * 1000);
  if (Math.abs(n * 1000 - milli) > 1e-6) return null;
  return milli / 1000;
}

/**
 * Money in minor units, exactly: the digits are read as text (never multiplied as a float), with
 * the separators as parseLocalNumber reads them. The office's currency may follow or lead
 * ("1 234,50 zł", "1 234,- Kč"); more than 2 decimals (other than trailing zeros) is refused.
 */
export function parseMinorUnits(text: string, currencyWords: readonly string[]): number | null {
  let t = text.trim();
  for (const w of currencyWords) {
    const low = t.toLowerCase();
    if (low.endsWith(w)) t = t.slice(0, t.length - w.length).trim();
    else if (low.startsWith(w)) t = t.slice(w.length).trim();
  }
  // "1 234,-": Czech whole crowns.
  t = t.replace(/[.,]-$/, '');
  if (parseLocalNumber(t) === null) return null;
  t = t.replace(/^\u2212/, '-');
  const negative = t.startsWith('-');
  t = t.replace(/^[+-]\s*/, '').replace(/[\s\u00a0\u202f\u2007]+/g, '');
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  let int = t;
  let frac = '';
  // The decimal separator as parseLocalNumber decides it: the last of two kinds, or a lone one.
  const dec =
    lastComma >= 0 && lastDot >= 0
      ? lastComma > lastDot
        ? ','
        : '.'
      : lastComma >= 0 && t.split(',').length === 2
        ? ','
        : lastDot >= 0 && t.split('.').length === 2
          ? '.'
          : null;
  if (dec) {
    const at = t.lastIndexOf(dec);
    int = t.slice(0, at);
    frac = t.slice(at + 1);
  }
  int = int.replace(/[.,]/g, '');
  frac = frac.replace(/0+$/, '');
  if (frac.length > 2 || !/^\d*$/.test(int) || !/^\d*$/.test(frac)) return null;
  const minor = Number(int || '0') * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return null;
  return negative && minor !== 0 ? -minor : minor;
}

function currencyWords(store: Store): string[] {
  const cur = currentOffice(store)?.currency ?? 'PLN';
  const words: Record<string, string[]> = {
    PLN: ['pln', 'zł', 'zl'],
    CZK: ['czk', 'kč', 'kc'],
    EUR: ['eur', '€'],
  };
  return words[cur] ?? [cur.toLowerCase()];
}

// ---- matching clients and products ----

type ClientMatch = { client: Client } | { error: string };

function clientMatcher(store: Store): (key: string) => ClientMatch {
  // A merged client's external code was freed by the merge; its merge record keeps it.
  const mergedCodes = new Map<string, string>();
  for (const m of store.all<{
    id: string;
    mergedId: string;
    undoneAt?: string | null;
    mergedBefore?: { externalCode?: string | null };
  }>('merges')) {
    const code = m.mergedBefore?.externalCode;
    if (code && !m.undoneAt) mergedCodes.set(code, m.mergedId);
  }
  const survivor = (c: Client | undefined): Client | undefined => {
    for (let hops = 0; c && c.archived && hops < 20; hops++)
      c = c.mergedInto ? store.get<Client>('clients', c.mergedInto) : undefined;
    return c && !c.archived ? c : undefined;
  };
  const cache = new Map<string, ClientMatch>();
  return (key) => {
    const hit = cache.get(key);
    if (hit) return hit;
    let m: ClientMatch = { error: 'errors.order_client_unknown' };
    const byCode = store.byUnique<Client>('clients', 'externalCode', key);
    const mergedId = byCode ? undefined : mergedCodes.get(key);
    const live = survivor(byCode ?? (mergedId ? store.get<Client>('clients', mergedId) : undefined));
    if (live) m = { client: live };
    else if (!byCode && !mergedId) {
      // A tax id: a NIP or an IČO, whichever it reads as; it must name exactly one live client.
      const named = new Map<string, Client>();
      for (const tax of new Set([normalizeNip(key), normalizeIco(key)]))
        if (tax)
          for (const c of store.byIndex<Client>('clients', 'taxId', tax)) if (!c.archived) named.set(c.id, c);
      if (named.size === 1) m = { client: [...named.values()][0]! };
      else if (named.size > 1) m = { error: 'errors.order_client_ambiguous' };
    }
    cache.set(key, m);
    return m;
  };
}

function productMatcher(store: Store): (key: string) => Product | undefined {
  // By code, then by code or name compared folded (codes first); a folded form several products
  // share names none of them.
  const codes = new Map<string, Product | null>();
  const names = new Map<string, Product | null>();
  const put = (m: Map<string, Product | null>, k: string, p: Product) => {
    const cur = m.get(k);
    m.set(k, cur === undefined || cur?.id === p.id ? p : null);
  };
  for (const p of store.all<Product & { archived?: boolean }>('products')) {
    if (p.archived) continue;
    put(codes, fold(p.code.trim()), p);
    put(names, fold(p.name.trim()), p);
  }
  return (key) => {
    const exact = store.byUnique<Product & { archived?: boolean }>('products', 'code', key);
    if (exact && !exact.archived) return exact;
    const k = fold(key);
    return (codes.has(k) ? codes.get(k) : names.get(k)) ?? undefined;
  };
}

// ---- the plan ----

type NewLine = Omit<OrderLine, 'id' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'importId'>;

interface RowPlan {
  result: OrderRowResult;
  line?: NewLine;
}

interface Plan {
  rows: RowPlan[];
  counts: OrderCounts;
}

function* planGen(
  store: Store,
  today: string,
  parsed: ParsedFile,
  cols: Map<OrderImportTarget, number>,
  onProgress: (done: number, total: number) => void,
): Generator<void, Plan> {
  const clientOf = clientMatcher(store);
  const productOf = productMatcher(store);
  const money = currencyWords(store);
  const total = parsed.rows.length;
  const rows: RowPlan[] = [];
  const perInvoice = new Map<string, number>();
  const perHash = new Map<string, number>();
  const seen = new Set<string>();
  const counts: OrderCounts = { new: 0, already: 0, error: 0 };

  for (let n = 0; n < parsed.rows.length; n++) {
    if (n % 200 === 199) {
      onProgress(n, total);
      yield;
    }
    const row = parsed.rows[n]!;
    const cell = (t: OrderImportTarget): string => {
      const k = cols.get(t);
      return k === undefined ? '' : (row.cells[k] ?? '').trim();
    };
    // A row whose mapped cells are all empty says nothing: left out quietly.
    if ([...cols.keys()].every((t) => !cell(t))) continue;
    const issues: OrderRowResult['issues'] = [];
    const bad = (
      field: OrderImportTarget | null,
      key: string,
      value: string | null = field ? cell(field) : null,
    ) => issues.push({ field, key, value });
    const result: OrderRowResult = {
      row: row.line,
      outcome: 'error',
      clientId: null,
      clientName: null,
      productName: null,
      date: null,
      quantity: null,
      netValue: null,
      issues,
    };
    rows.push({ result });

    // The line's position in its invoice counts every row of it, good or bad, so the keys stay
    // the same when the file comes again with a bad row fixed.
    const invoiceNo = cell('invoiceNo');
    const lineNo = cell('lineNo');
    const pos = invoiceNo ? (perInvoice.get(invoiceNo) ?? 0) + 1 : 0;
    if (invoiceNo) perInvoice.set(invoiceNo, pos);

    for (const t of REQUIRED_ORDER_TARGETS) if (!cell(t)) bad(t, 'validation.required', null);
    for (const t of ['clientKey', 'product', 'invoiceNo', 'lineNo'] as const)
      if (cell(t) && isMangledNumber(cell(t))) bad(t, 'validation.import_number_mangled');

    const clientKey = cell('clientKey');
    let client: Client | undefined;
    if (clientKey && !isMangledNumber(clientKey)) {
      const m = clientOf(clientKey);
      if ('client' in m) client = m.client;
      else bad('clientKey', m.error);
    }
    if (client) {
      result.clientId = client.id;
      result.clientName = client.name;
    }

    const productText = cell('product');
    let product: Product | undefined;
    if (productText && !isMangledNumber(productText)) {
      product = productOf(productText);
      if (product) result.productName = product.name;
      else bad('product', 'errors.order_product_unknown');
    }

    let date: string | null = null;
    if (cell('date')) {
      date = parseLocalDate(cell('date'));
      if (!date) bad('date', 'validation.import_date');
      else if (date > today) bad('date', 'validation.import_date_future');
      else result.date = date;
    }

    let quantity: number | null = null;
    if (cell('quantity')) {
      if (isMangledNumber(cell('quantity'))) bad('quantity', 'validation.import_number_mangled');
      else {
        quantity = parseQuantity(cell('quantity'));
        if (quantity === null) bad('quantity', 'validation.order_quantity');
        else result.quantity = quantity;
      }
    }

    let netValue: number | null = null;
    if (cell('netValue')) {
      if (isMangledNumber(cell('netValue'))) bad('netValue', 'validation.import_number_mangled');
      else {
        netValue = parseMinorUnits(cell('netValue'), money);
        if (netValue === null) bad('netValue', 'validation.order_net_value');
        else result.netValue = netValue;
      }
    }

    if (issues.length || !client || !product || !date || quantity === null || netValue === null) {
      if (!issues.length) bad(null, 'validation.import_row');
      counts.error++;
      continue;
    }

    let externalKey: string;
    if (invoiceNo && lineNo) externalKey = `${invoiceNo}/${lineNo}`;
    else if (invoiceNo) externalKey = `${invoiceNo}/#${pos}`;
    else {
      const h = createHash('sha1')
        .update(`${clientKey}|${date}|${productText}|${quantity}|${netValue}`)
        .digest('hex');
      const k = (perHash.get(h) ?? 0) + 1;
      perHash.set(h, k);
      externalKey = `h:${h}#${k}`;
    }
    if (seen.has(externalKey) || store.byUnique('orderLines', 'externalKey', externalKey)) {
      result.outcome = 'already';
      counts.already++;
      continue;
    }
    seen.add(externalKey);
    result.outcome = 'new';
    counts.new++;
    rows.at(-1)!.line = {
      externalKey,
      invoiceNo: invoiceNo || null,
      clientId: client.id,
      clientKey,
      date,
      productId: product.id,
      quantity,
      netValue,
    };
  }
  onProgress(total, total);
  return { rows, counts };
}

function totalsOf(lines: readonly NewLine[]): OrderImportSummary['totals'] {
  let netValue = 0;
  let from: string | null = null;
  let to: string | null = null;
  const clients = new Set<string>();
  for (const l of lines) {
    netValue += l.netValue;
    clients.add(l.clientId);
    if (!from || l.date < from) from = l.date;
    if (!to || l.date > to) to = l.date;
  }
  return { netValue, clients: clients.size, from, to };
}

function summaryOf(
  rows: readonly OrderRowResult[],
  counts: OrderCounts,
  lines: readonly NewLine[],
): OrderImportSummary {
  const out: OrderRowResult[] = [];
  for (const r of rows) if (r.outcome === 'error' && out.length < MAX_ROWS_OUT) out.push(r);
  for (const r of rows) if (r.outcome !== 'error' && out.length < MAX_ROWS_OUT) out.push(r);
  return { counts, rows: out, totals: totalsOf(lines) };
}

async function buildPlan(ctx: HandlerContext, i: OrderRunInput): Promise<{ upload: Upload; plan: Plan }> {
  ctx.user();
  const upload = uploads.get(ctx, i.uploadId);
  const cols = columnsOf(upload.parsed, i.mapping);
  const jobId = i.jobId;
  let last = -1;
  const progress = (done: number, total: number) => {
    if (!jobId) return;
    const pct = Math.floor((done * 100) / Math.max(1, total));
    if (pct === last) return;
    last = pct;
    ctx.emit('job:progress', { jobId, done: Math.min(done, total), total: Math.max(total, 1) });
  };
  // While nothing the plan reads changed, the dry run's plan is the commit's.
  const st = ctx.store;
  const stamp = () =>
    JSON.stringify([
      i.mapping,
      ctx.today(),
      ...['clients', 'products', 'orderLines', 'merges', 'offices'].map((c) => st.collection(c).version),
    ]);
  const key = stamp();
  if (upload.lastPlan?.key === key) {
    progress(1, 1);
    return { upload, plan: upload.lastPlan.plan };
  }
  const plan = await runSliced(planGen(st, ctx.today(), upload.parsed, cols, progress));
  if (stamp() === key) upload.lastPlan = { key, plan };
  return { upload, plan };
}

export async function dryRunOrders(ctx: HandlerContext, i: OrderRunInput): Promise<OrderImportSummary> {
  const { plan } = await buildPlan(ctx, i);
  return summaryOf(
    plan.rows.map((r) => r.result),
    plan.counts,
    plan.rows.flatMap((r) => (r.line ? [r.line] : [])),
  );
}

// ---- commit, revert, list ----

interface ImportRecord {
  id: string;
  kind: string;
  createdAt: string;
  createdBy: string;
  fileName: string;
  counts: OrderCounts;
  netValue: number;
  revertedAt: string | null;
  revertedBy: string | null;
}

type LineRec = OrderLine & { archived?: boolean };

function outOf(store: Store, r: ImportRecord): OrderImportRecord {
  return {
    id: r.id,
    at: r.createdAt,
    by: r.createdBy,
    byName: store.get<UserRecord>('users', r.createdBy)?.displayName ?? r.createdBy,
    fileName: r.fileName,
    counts: r.counts,
    netValue: r.netValue,
    revertedAt: r.revertedAt,
    revertedBy: r.revertedBy,
    revertable: !r.revertedAt,
  };
}

export async function commitOrders(ctx: HandlerContext, i: OrderRunInput): Promise<OrderCommitResult> {
  const me = ctx.user();
  const up = uploads.get(ctx, i.uploadId);
  // A second press while the first commit still builds its plan: refused at once (as for clients).
  if (up.committing)
    throw new AppError('conflict', 'This file is being imported already', {
      key: 'errors.import_in_progress',
    });
  up.committing = true;
  try {
    const { upload, plan } = await buildPlan(ctx, i);
    const importId = uuidv7();
    const { rec, results, counts, written } = await ctx.store.transact({ userId: me.id }, (tx) => {
      // Checked again inside the transaction: a line another commit wrote meanwhile is 'already'.
      const counts: OrderCounts = { ...plan.counts };
      const results: OrderRowResult[] = [];
      const written: NewLine[] = [];
      for (const r of plan.rows) {
        if (!r.line) {
          results.push(r.result);
          continue;
        }
        if (ctx.store.byUnique('orderLines', 'externalKey', r.line.externalKey)) {
          counts.new--;
          counts.already++;
          results.push({ ...r.result, outcome: 'already' });
          continue;
        }
        // No audit entry per line (tens of thousands): the import record below stands for them.
        tx.insert('orderLines', { ...r.line, importId });
        written.push(r.line);
        results.push(r.result);
      }
      const rec = insertAudited<ImportRecord>(tx, 'imports', {
        id: importId,
        kind: IMPORT_KIND,
        fileName: upload.fileName,
        counts,
        netValue: totalsOf(written).netValue,
        revertedAt: null,
        revertedBy: null,
      });
      return { rec, results, counts, written };
    });
    uploads.remove(ctx.store, upload.id);
    return { import: outOf(ctx.store, rec), summary: summaryOf(results, counts, written) };
  } finally {
    up.committing = false;
  }
}

export function listOrderImports(ctx: HandlerContext): OrderImportRecord[] {
  return listImportRecords(ctx, IMPORT_KIND, outOf);
}

/**
 * Takes an import's lines out again. The store has no delete: each line still there is archived and
 * its external key moved aside (`reverted:<import>:<key>`), so the unique key no longer blocks
 * importing the same file again — which then adds the lines anew. Readers of order lines skip
 * archived ones.
 */
export async function revertOrders(ctx: HandlerContext, id: string): Promise<OrderRevertResult> {
  const me = ctx.user();
  revertableRecord<ImportRecord>(ctx.store, IMPORT_KIND, id);
  // No index on importId: one pass over the lines (a revert is rare; the index would cost every line).
  const mine: string[] = [];
  for (const l of ctx.store.all<LineRec>('orderLines')) if (l.importId === id && !l.archived) mine.push(l.id);
  return ctx.store.transact({ userId: me.id }, (tx) => {
    if (tx.get<ImportRecord>('imports', id)?.revertedAt) throw revertedAlready();
    let removed = 0;
    for (const lid of mine) {
      const l = tx.get<LineRec>('orderLines', lid);
      if (!l || l.archived) continue;
      tx.patch('orderLines', lid, { archived: true, externalKey: `reverted:${id}:${l.externalKey}` });
      removed++;
    }
    const done = patchAudited<ImportRecord>(
      tx,
      'imports',
      id,
      { revertedAt: tx.at, revertedBy: me.id },
      'import',
    );
    return { import: outOf(ctx.store, done), removed };
  });
}

// ---- presets (in `imports`, kept apart from the client import's by their kind) ----

export const {
  list: listOrderPresets,
  save: saveOrderPreset,
  remove: deleteOrderPreset,
} = presetService<OrderImportTarget>(PRESET_KIND);
