import type { z } from 'zod';
import type { CommandOutput } from '../../../shared/contract/commands';
import type { Product, ProductPatch } from '../../../shared/contract/catalog.schema';
import { ProductFields } from '../../../shared/contract/catalog.schema';
import { AppError } from '../../../shared/contract/errors';
import { fold } from '../../../shared/domain/text';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { normalizeHeader, parseImportFile } from '../imports/import-file.parse';
import { parseLocalNumber, parseYesNo } from '../imports/import-values';

// The admin's product list (PRODUCT.md §2 "Product", issue 6): code, name, unit and unit value,
// named by promotions, settlement lines and orders. Products are never deleted, only deactivated,
// so what once named them keeps its meaning.

type ProductInput = z.output<typeof ProductFields>;
type ImportResult = CommandOutput<'products:import'>;

export function listProducts(ctx: HandlerContext, includeInactive: boolean): Product[] {
  const out: Product[] = [];
  for (const p of ctx.store.all<Product>('products')) {
    if (p.archived) continue;
    if (!includeInactive && !p.active) continue;
    out.push(p);
  }
  return out.sort((a, b) => a.code.localeCompare(b.code, 'pl'));
}

/** The store refuses a taken code with errors.unique; the form wants it at the code field. */
function uniqueToField(e: unknown): never {
  if (e instanceof AppError && e.key === 'errors.unique' && e.details?.field === 'code') {
    throw new AppError('conflict', 'Product code taken', {
      key: 'errors.product_code_taken',
      details: e.details,
      issues: [{ path: ['code'], key: 'validation.product_code_taken', message: 'Product code taken' }],
    });
  }
  throw e;
}

export async function createProduct(ctx: HandlerContext, input: ProductInput): Promise<Product> {
  return ctx.store
    .transact({ userId: ctx.actorId() }, (tx) => insertAudited<Product>(tx, 'products', { ...input }))
    .catch(uniqueToField);
}

export async function updateProduct(
  ctx: HandlerContext,
  id: string,
  patch: z.output<typeof ProductPatch>,
): Promise<Product> {
  return ctx.store
    .transact({ userId: ctx.actorId() }, (tx) => {
      const cur = tx.get<Product>('products', id);
      if (!cur || cur.archived)
        throw new AppError('not_found', `Product ${id} not found`, { details: { entity: 'products', id } });
      return patchAudited<Product>(tx, 'products', id, { ...patch });
    })
    .catch(uniqueToField);
}

// ---- CSV import ----

type Column = 'code' | 'name' | 'unit' | 'unitValue' | 'active';

// Column names as offices write them (after normalizeHeader: folded, punctuation as spaces).
const HEADERS: Record<Column, readonly string[]> = {
  code: [
    'kod',
    'kod produktu',
    'kod towaru',
    'indeks',
    'symbol',
    'sku',
    'kod zbozi',
    'kod vyrobku',
    'cislo zbozi',
    'code',
    'product code',
    'item code',
  ],
  name: [
    'nazwa',
    'nazwa produktu',
    'nazwa towaru',
    'produkt',
    'towar',
    'nazev',
    'nazev produktu',
    'nazev zbozi',
    'zbozi',
    'vyrobek',
    'name',
    'product name',
    'product',
    'item',
    'description',
  ],
  unit: [
    'jednostka',
    'jednostka miary',
    'jm',
    'j m',
    'jednotka',
    'merna jednotka',
    'mj',
    'm j',
    'unit',
    'uom',
    'unit of measure',
  ],
  unitValue: [
    'cena',
    'cena netto',
    'cena jednostkowa',
    'cena jednostkowa netto',
    'wartosc',
    'wartosc jednostkowa',
    'wartosc netto',
    'cena za jednotku',
    'jednotkova cena',
    'cena bez dph',
    'hodnota',
    'unit value',
    'unit price',
    'price',
    'net price',
    'value',
  ],
  active: ['aktywny', 'aktywna', 'aktywne', 'aktivni', 'active', 'status', 'stav'],
};

const HEADER_INDEX = new Map<string, Column>();
for (const [col, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
  for (const n of names) if (!HEADER_INDEX.has(n)) HEADER_INDEX.set(n, col);
}

/** Which column holds what, from the header row; the first column claiming a target wins. */
export function productColumns(headers: readonly string[]): Partial<Record<Column, number>> {
  const out: Partial<Record<Column, number>> = {};
  headers.forEach((h, i) => {
    const n = normalizeHeader(h);
    // "Cena (PLN)", "Cena netto [zł]": the currency in brackets does not change the meaning.
    const bare = n.replace(/\b(pln|czk|eur|zl|kc)\b/g, '').trim();
    const col = HEADER_INDEX.get(n) ?? HEADER_INDEX.get(bare);
    if (col && out[col] === undefined) out[col] = i;
  });
  return out;
}

const CURRENCY_SUFFIX = /\s*(zł|zl|pln|kč|kc|czk|eur|€)\.?$/i;

/**
 * "2,49" → 249 minor units. Null for what must not be guessed: unreadable, negative, more than two
 * decimals (1,234 is a decimal comma here, so it would be 1.234 — surely not a price), or too big.
 */
export function parseUnitValue(text: string): number | null {
  const n = parseLocalNumber(text.replace(CURRENCY_SUFFIX, ''));
  if (n === null || n < 0) return null;
  const minor = Math.round(n * 100);
  if (Math.abs(n * 100 - minor) > 1e-6) return null;
  return minor <= 100_000_000 ? minor : null;
}

interface RowError {
  row: number;
  key: string;
  value: string | null;
}

const STATUS_WORDS: Record<string, boolean> = {
  aktywny: true,
  aktywna: true,
  aktivni: true,
  active: true,
  nieaktywny: false,
  nieaktywna: false,
  neaktivni: false,
  inactive: false,
};

function parseActive(text: string): boolean | null {
  const w = fold(text.trim()).replace(/\.$/, '');
  return STATUS_WORDS[w] ?? parseYesNo(text);
}

function b64(data: string): Uint8Array {
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/**
 * A product list from a CSV (or XLSX) file, upserted by code. Rows that cannot be read are
 * reported (row as the spreadsheet numbers it, key, the cell's text) and skipped; the rest go in one
 * transaction, audited. A dry run (the default) only counts.
 */
export async function importProducts(
  ctx: HandlerContext,
  i: { fileName: string; data: string; dryRun: boolean },
): Promise<ImportResult> {
  const file = await parseImportFile(b64(i.data), i.fileName, {
    encoding: 'auto',
    delimiter: 'auto',
    headerRow: true,
  });
  const cols = productColumns(file.headers);
  if (
    cols.code === undefined ||
    (cols.name === undefined && cols.unit === undefined && cols.unitValue === undefined)
  ) {
    const missing = (['code', 'name', 'unit', 'unitValue'] as const).filter((c) => cols[c] === undefined);
    throw new AppError('validation', 'The file lacks the product columns', {
      key: 'errors.import_product_columns',
      details: { missing: missing.join(', ') },
    });
  }
  const counts = { new: 0, updated: 0, unchanged: 0, error: 0 };
  const errors: RowError[] = [];
  const creates: ProductInput[] = [];
  const updates: Array<{ id: string; patch: Partial<ProductInput> }> = [];
  const seen = new Map<string, number>();
  const byCode = new Map<string, Product>();
  for (const p of ctx.store.all<Product>('products')) byCode.set(p.code, p);

  for (const r of file.rows) {
    const cell = (c: Column): string | undefined => {
      const at = cols[c];
      return at === undefined ? undefined : (r.cells[at] ?? '');
    };
    const fail = (key: string, value: string | null | undefined) => {
      errors.push({ row: r.line, key, value: value ?? null });
      counts.error++;
    };
    const code = cell('code') ?? '';
    if (!code) {
      fail('validation.import_product_code_missing', null);
      continue;
    }
    const codeOk = ProductFields.shape.code.safeParse(code);
    if (!codeOk.success) {
      fail(code.length > 40 ? 'validation.import_product_too_long' : 'validation.product_code', code);
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      fail('validation.import_product_duplicate_row', String(first));
      continue;
    }
    seen.set(code, r.line);

    const patch: Partial<ProductInput> = {};
    let bad = false;
    const name = cell('name');
    const unit = cell('unit');
    const value = cell('unitValue');
    const active = cell('active');
    if (name) {
      if (name.length > 200) {
        fail('validation.import_product_too_long', name);
        bad = true;
      } else patch.name = name;
    }
    if (unit) {
      if (unit.length > 40) {
        fail('validation.import_product_too_long', unit);
        bad = true;
      } else patch.unit = unit;
    }
    if (value) {
      const v = parseUnitValue(value);
      if (v === null) {
        fail('validation.import_unit_value', value);
        bad = true;
      } else patch.unitValue = v;
    }
    if (active) {
      const a = parseActive(active);
      if (a === null) {
        fail('validation.import_yes_no', active);
        bad = true;
      } else patch.active = a;
    }
    if (bad) continue;

    const cur = byCode.get(code);
    if (!cur) {
      if (patch.name === undefined || patch.unit === undefined || patch.unitValue === undefined) {
        fail('validation.import_product_incomplete', code);
        continue;
      }
      creates.push({
        code,
        name: patch.name,
        unit: patch.unit,
        unitValue: patch.unitValue,
        active: patch.active ?? true,
      });
      counts.new++;
      continue;
    }
    const changed: Partial<ProductInput> = {};
    for (const [k, v] of Object.entries(patch) as [keyof ProductInput, unknown][]) {
      if (cur[k] !== v) (changed as Record<string, unknown>)[k] = v;
    }
    // An archived product comes back only through its own screen, not by a file.
    if (cur.archived) {
      fail('validation.import_product_archived', code);
      continue;
    }
    if (Object.keys(changed).length) {
      updates.push({ id: cur.id, patch: changed });
      counts.updated++;
    } else counts.unchanged++;
  }

  if (!i.dryRun && (creates.length || updates.length)) {
    await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      for (const c of creates) insertAudited(tx, 'products', { ...c });
      for (const u of updates) patchAudited(tx, 'products', u.id, { ...u.patch }, 'import');
    });
  }
  return { counts, errors };
}
