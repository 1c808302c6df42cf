import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/contract/catalog.schema';
import type { CommandOutput } from '../../../shared/contract/commands';
import type { AuditEntry } from '../audit/audit.service';
import { buildCsv } from '../imports/testing/fixture-files';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { parseUnitValue, productColumns } from './products.service';

// Products: the code is unique (refused at the field), a patch changes what it names, the list hides
// inactive ones unless asked, and the CSV import reads office files (Windows-1250, decimal commas,
// Polish/Czech/English headers) into an upsert by code that a dry run only counts.

type ImportResult = CommandOutput<'products:import'>;

let t: TestCore;
let admin: string;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
});
afterAll(() => t.dispose());

describe('products', () => {
  it('creates, refuses a taken code at the code field, and patches', async () => {
    const p = await t.ok<Product>(admin, 'products:create', {
      code: 'WODA-1.5',
      name: 'Woda mineralna 1,5 l',
      unit: 'szt.',
      unitValue: 249,
    });
    expect(p).toMatchObject({ code: 'WODA-1.5', active: true, unitValue: 249 });
    const dup = await t.call(admin, 'products:create', {
      code: 'WODA-1.5',
      name: 'x',
      unit: 'szt.',
      unitValue: 1,
    });
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(dup.error.key).toBe('errors.product_code_taken');
      expect(dup.error.issues).toEqual([
        expect.objectContaining({ path: ['code'], key: 'validation.product_code_taken' }),
      ]);
    }
    const other = await t.ok<Product>(admin, 'products:create', {
      code: 'SOK',
      name: 'Sok',
      unit: 'szt.',
      unitValue: 399,
    });
    const clash = await t.call(admin, 'products:update', { id: other.id, patch: { code: 'WODA-1.5' } });
    expect(!clash.ok && clash.error.key).toBe('errors.product_code_taken');

    const upd = await t.ok<Product>(admin, 'products:update', {
      id: other.id,
      patch: { unitValue: 419, active: false },
    });
    expect(upd).toMatchObject({ code: 'SOK', unitValue: 419, active: false });
    // Renaming an inactive product leaves it inactive (a patch changes only what it sends).
    const renamed = await t.ok<Product>(admin, 'products:update', {
      id: other.id,
      patch: { name: 'Sok jabłkowy' },
    });
    expect(renamed).toMatchObject({ name: 'Sok jabłkowy', active: false });
    await t.ok<Product>(admin, 'products:update', { id: other.id, patch: { name: 'Sok' } });
    const audit = t.core.store.byIndex<AuditEntry>('audit', 'entityId', other.id);
    expect(audit.map((a) => a.field).sort()).toEqual(expect.arrayContaining(['active', 'unitValue']));

    const active = await t.ok<Product[]>(admin, 'products:list', {});
    expect(active.map((x) => x.code)).toContain('WODA-1.5');
    expect(active.map((x) => x.code)).not.toContain('SOK');
    const all = await t.ok<Product[]>(admin, 'products:list', { includeInactive: true });
    expect(all.map((x) => x.code)).toContain('SOK');
  });

  it('refuses an invalid code and a negative value by the contract', async () => {
    const bad = await t.call(admin, 'products:create', {
      code: 'A B',
      name: 'x',
      unit: 'szt.',
      unitValue: 1,
    });
    expect(!bad.ok && bad.error.issues?.[0]?.key).toBe('validation.product_code');
    const neg = await t.call(admin, 'products:create', {
      code: 'NEG',
      name: 'x',
      unit: 'szt.',
      unitValue: -1,
    });
    expect(neg.ok).toBe(false);
    const missing = await t.call(admin, 'products:update', { id: 'nope', patch: { name: 'x' } });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});

describe('unit values and headers', () => {
  it('reads local amounts to minor units and refuses what must not be guessed', () => {
    expect(parseUnitValue('2,49')).toBe(249);
    expect(parseUnitValue('2.49')).toBe(249);
    expect(parseUnitValue('1 234,50')).toBe(123450);
    expect(parseUnitValue('12,5 zł')).toBe(1250);
    expect(parseUnitValue('7 Kč')).toBe(700);
    expect(parseUnitValue('0')).toBe(0);
    expect(parseUnitValue('1,234')).toBeNull(); // three decimals: a decimal comma, not a price
    expect(parseUnitValue('-2,49')).toBeNull();
    expect(parseUnitValue('abc')).toBeNull();
    expect(parseUnitValue('12 34')).toBeNull();
  });

  it('finds the columns by their Polish, Czech or English names', () => {
    expect(productColumns(['Kod', 'Nazwa', 'Jednostka', 'Cena'])).toEqual({
      code: 0,
      name: 1,
      unit: 2,
      unitValue: 3,
    });
    expect(productColumns(['Název', 'Kód', 'Cena za jednotku', 'Jednotka'])).toEqual({
      name: 0,
      code: 1,
      unitValue: 2,
      unit: 3,
    });
    expect(productColumns(['Unit value', 'Code', 'Name', 'Unit', 'Active'])).toEqual({
      unitValue: 0,
      code: 1,
      name: 2,
      unit: 3,
      active: 4,
    });
    expect(productColumns(['Wartość (PLN)', 'Kod'])).toEqual({ unitValue: 0, code: 1 });
  });
});

describe('CSV import', () => {
  const rows = [
    ['Kod', 'Nazwa', 'Jednostka', 'Cena'],
    ['IMP-1', 'Żurek śląski', 'słoik', '4,99'],
    ['IMP-2', 'Piwo Żywiec', 'karton 6×0,5 l', '23,40'],
    ['WODA-1.5', 'Woda mineralna 1,5 l', 'szt.', '2,59'], // exists: 2,49 → 2,59
    ['SOK', 'Sok', 'szt.', '4,19'], // exists unchanged (inactive; no status column, stays so)
    ['IMP-3', 'Bez ceny', 'szt.', ''], // new without a value
    ['IMP-4', 'Ujemna', 'szt.', '-1,00'],
    ['IMP-1', 'Drugi raz', 'szt.', '1,00'],
    ['', 'Bez kodu', 'szt.', '1,00'],
    ['IMP 5', 'Zły kod', 'szt.', '1,00'],
    ['IMP-6', 'Dziwna cena', 'szt.', '1,234'],
  ];
  const file = () => b64(buildCsv(rows, { encoding: 'windows-1250' }));

  it('a dry run counts and reports rows without writing', async () => {
    const before = t.core.store.count('products');
    const r = await t.ok<ImportResult>(admin, 'products:import', { fileName: 'cennik.csv', data: file() });
    expect(r.counts).toEqual({ new: 2, updated: 1, unchanged: 1, error: 6 });
    expect(r.errors).toEqual([
      { row: 6, key: 'validation.import_product_incomplete', value: 'IMP-3' },
      { row: 7, key: 'validation.import_unit_value', value: '-1,00' },
      { row: 8, key: 'validation.import_product_duplicate_row', value: '2' },
      { row: 9, key: 'validation.import_product_code_missing', value: null },
      { row: 10, key: 'validation.product_code', value: 'IMP 5' },
      { row: 11, key: 'validation.import_unit_value', value: '1,234' },
    ]);
    expect(t.core.store.count('products')).toBe(before);
  });

  it('imports in one go: Windows-1250 text intact, upserted by code, audited', async () => {
    const r = await t.ok<ImportResult>(admin, 'products:import', {
      fileName: 'cennik.csv',
      data: file(),
      dryRun: false,
    });
    expect(r.counts).toEqual({ new: 2, updated: 1, unchanged: 1, error: 6 });
    const all = await t.ok<Product[]>(admin, 'products:list', { includeInactive: true });
    const by = new Map(all.map((p) => [p.code, p]));
    expect(by.get('IMP-1')).toMatchObject({
      name: 'Żurek śląski',
      unit: 'słoik',
      unitValue: 499,
      active: true,
    });
    expect(by.get('IMP-2')).toMatchObject({ unit: 'karton 6×0,5 l', unitValue: 2340 });
    expect(by.get('WODA-1.5')?.unitValue).toBe(259);
    expect(by.get('SOK')?.active).toBe(false);
    const audit = t.core.store.byIndex<AuditEntry>('audit', 'entityId', by.get('WODA-1.5')!.id);
    expect(audit.find((a) => a.field === 'unitValue')).toMatchObject({
      action: 'import',
      old: 249,
      new: 259,
    });

    // The same file again: nothing new, nothing changed.
    const again = await t.ok<ImportResult>(admin, 'products:import', {
      fileName: 'cennik.csv',
      data: file(),
      dryRun: false,
    });
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 4, error: 6 });
  });

  it('a price list with only code and price updates prices; a new code there is incomplete', async () => {
    const data = b64(
      buildCsv(
        [
          ['Kód', 'Cena za jednotku', 'Aktivní'],
          ['SOK', '4,29', 'ano'],
          ['NOVY', '1,00', 'ano'],
          ['IMP-2', '23,40', 'možná'],
        ],
        { delimiter: ',', encoding: 'utf-8' },
      ),
    );
    const r = await t.ok<ImportResult>(admin, 'products:import', {
      fileName: 'ceny.csv',
      data,
      dryRun: false,
    });
    expect(r.counts).toEqual({ new: 0, updated: 1, unchanged: 0, error: 2 });
    expect(r.errors.map((e) => e.key)).toEqual([
      'validation.import_product_incomplete',
      'validation.import_yes_no',
    ]);
    const sok = (await t.ok<Product[]>(admin, 'products:list', {})).find((p) => p.code === 'SOK');
    expect(sok).toMatchObject({ unitValue: 429, active: true });
  });

  it('refuses a file without a code column', async () => {
    const data = b64(
      buildCsv([
        ['Nazwa', 'Cena'],
        ['Coś', '1,00'],
      ]),
    );
    const r = await t.call(admin, 'products:import', { fileName: 'x.csv', data });
    expect(!r.ok && r.error.key).toBe('errors.import_product_columns');
  });
});
