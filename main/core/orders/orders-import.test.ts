import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard } from '../../../shared/contract/clients.schema';
import type { Product } from '../../../shared/contract/catalog.schema';
import type { Result } from '../../../shared/contract/errors';
import type {
  OrderCommitResult,
  OrderImportRecord,
  OrderImportSummary,
  OrderLine,
  OrderPreset,
  OrderRevertResult,
  OrderUpload,
} from '../../../shared/contract/orders.schema';
import { seededRng } from '../../../shared/domain/rng';
import { makeIco, makeNip } from '../../../shared/domain/tax-ids';
import { buildCsv, buildXlsx } from '../imports/testing/fixture-files';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { parseMinorUnits, parseQuantity } from './orders-import.service';

// The ERP import as the operator lives it (issue 8 must-have 2): a Polish semicolon file with
// decimal commas and a Czech workbook, a dry run that names each bad row and writes nothing, a
// commit of the good rows, a second commit of the same file that adds nothing, clients found by
// code, tax id or through a merge, and a revert after which the same file adds its lines again.

let t: TestCore;
let op: string;
let op2: string;
const rng = seededRng(8);
const NIP = Array.from({ length: 4 }, () => makeNip(rng));
const ICO = makeIco(rng);
const ids: Record<string, string> = {};

type Line = OrderLine & { archived?: boolean };
const lines = () => [...t.core.store.all<Line>('orderLines')];
const live = () => lines().filter((l) => !l.archived);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const csv = (rows: string[][], encoding: 'utf-8' | 'windows-1250' = 'windows-1250') =>
  b64(buildCsv(rows, { delimiter: ';', encoding }));

async function upload(data: string, fileName = 'faktury.csv', session = op): Promise<OrderUpload> {
  return t.ok<OrderUpload>(session, 'orders:upload', { fileName, data });
}
const dryRun = (u: OrderUpload, extra: object = {}) =>
  t.ok<OrderImportSummary>(op, 'orders:dryRun', { uploadId: u.uploadId, mapping: u.suggested, ...extra });
const commit = (u: OrderUpload, extra: object = {}) =>
  t.ok<OrderCommitResult>(op, 'orders:commit', { uploadId: u.uploadId, mapping: u.suggested, ...extra });
const fail = async (command: string, input: unknown, session = op) => {
  const r: Result<unknown> = await t.call(session, command, input);
  if (r.ok) throw new Error(`${command} succeeded`);
  return r.error;
};

const HEADER = ['Nr faktury', 'Lp', 'Data', 'Kod klienta', 'Towar', 'Ilość', 'Wartość netto'];
/** The office's file: five good lines (two invoices, a return) and five bad ones. */
const FILE: string[][] = [
  HEADER,
  ['FV/11/001', '1', '02.11.2026', 'K-1', 'P-1', '12', '1 234,56'],
  ['FV/11/001', '2', '02.11.2026', 'K-1', 'Kawa ziarnista 1 kg', '1,5', '89,90'],
  [
    'FV/11/002',
    '1',
    '2026-11-05',
    NIP[2]!.replace(/(\d{3})(\d{3})(\d{2})(\d{2})/, '$1-$2-$3-$4'),
    'p-2',
    '3',
    '30',
  ],
  ['KOR/11/001', '1', '06.11.2026', 'K-1', 'P-1', '-2', '-205,76'],
  ['FV/11/003', '1', '07.11.2026', 'K-9', 'P-2', '4', '40,00'],
  // Bad rows.
  ['FV/11/004', '1', '08.11.2026', 'K-404', 'P-1', '1', '10'],
  ['FV/11/004', '2', '08.11.2026', 'K-1', 'X-999', '1', '10'],
  ['FV/11/004', '3', '24.11.2026', 'K-1', 'P-1', '1', '10'],
  ['FV/11/004', '4', '08.11.2026', 'K-1', 'P-1', '0', '12,345'],
  ['FV/11/004', '5', '08.11.2026', NIP[1]!, 'P-1', '1', '1,23E+5'],
  ['', '', '', '', '', '', ''],
];

beforeAll(async () => {
  t = await testCore();
  const admin = await t.setUpOffice();
  await t.ok(admin, 'users:create', {
    login: 'olga',
    displayName: 'Olga Operatorka',
    role: 'operator',
    password: 'xxxxxxxx',
  });
  op = await t.session('olga', 'xxxxxxxx');
  op2 = await t.session('olga', 'xxxxxxxx');
  const mk = async (key: string, c: Record<string, unknown>) => {
    ids[key] = (await t.ok<ClientCard>(op, 'clients:create', c)).client.id;
  };
  const addr = (city: string, postalCode: string, country = 'PL') => ({
    street: 'Główna 1',
    city,
    postalCode,
    country,
  });
  await mk('a', {
    name: 'Sklep „Pod Lipą”',
    externalCode: 'K-1',
    taxId: NIP[0],
    address: addr('Łódź', '90-001'),
  });
  await mk('b', { name: 'Delikatesy Śnieżka', externalCode: 'K-2', address: addr('Kraków', '30-001') });
  // A chain: one tax id for two clients, so the tax id names none of them.
  await mk('chain', { name: 'Sieć Groszek', taxId: NIP[1], address: addr('Poznań', '60-100') });
  await mk('outlet', {
    name: 'Groszek Rataje',
    taxId: NIP[1],
    parentId: ids.chain,
    address: addr('Poznań', '61-100'),
  });
  await mk('d', { name: 'Kiosk bez kodu', taxId: NIP[2], address: addr('Gdańsk', '80-001') });
  await mk('cz', {
    name: 'Potraviny U Řeky',
    externalCode: 'CZ-1',
    taxId: ICO,
    address: addr('Brno', '602 00', 'CZ'),
  });
  // Merged into B: its old code still names B.
  await mk('m', {
    name: 'Delikatesy Śnieżka (stary)',
    externalCode: 'K-9',
    address: addr('Kraków', '30-002'),
  });
  await t.ok(op, 'merges:merge', { survivorId: ids.b, mergedId: ids.m });
  const prod = async (code: string, name: string, unit: string, unitValue: number) => {
    ids[code] = (await t.ok<Product>(admin, 'products:create', { code, name, unit, unitValue })).id;
  };
  await prod('P-1', 'Woda mineralna 1,5 l', 'szt.', 250);
  await prod('P-2', 'Sok jabłkowy', 'szt.', 1000);
  await prod('P-3', 'Kawa ziarnista 1 kg', 'kg', 5990);
});
afterAll(() => t.dispose());

describe('reading values', () => {
  it('reads money into exact minor units and refuses what it cannot read exactly', () => {
    const pln = ['pln', 'zł', 'zl'];
    expect(parseMinorUnits('1 234,56', pln)).toBe(123456);
    expect(parseMinorUnits('1.234,56', pln)).toBe(123456);
    expect(parseMinorUnits('1,234.56', pln)).toBe(123456);
    expect(parseMinorUnits('0.29', pln)).toBe(29);
    expect(parseMinorUnits('1.1', pln)).toBe(110);
    expect(parseMinorUnits('-205,76', pln)).toBe(-20576);
    expect(parseMinorUnits('12,50 zł', pln)).toBe(1250);
    expect(parseMinorUnits('12.5000', pln)).toBe(1250);
    expect(parseMinorUnits('99999999999,99', pln)).toBe(9999999999999);
    expect(parseMinorUnits('1 234,-', ['czk', 'kč'])).toBe(123400);
    expect(parseMinorUnits('12,345', pln)).toBeNull();
    expect(parseMinorUnits('12 EUR', pln)).toBeNull();
    expect(parseMinorUnits('abc', pln)).toBeNull();
    // 0.1 + 0.2 style drift never reaches the stored value.
    expect(parseMinorUnits('1234567.89', pln)).toBe(123456789);
    expect(parseQuantity('1,5')).toBe(1.5);
    expect(parseQuantity('-2')).toBe(-2);
    expect(parseQuantity('0,125')).toBe(0.125);
    expect(parseQuantity('0,1255')).toBeNull();
    expect(parseQuantity('0')).toBeNull();
  });
});

describe('orders import', () => {
  let first: OrderCommitResult;

  it('reads a Windows-1250 semicolon file with Polish headers and guesses the mapping', async () => {
    const u = await upload(csv(FILE));
    expect(u).toMatchObject({ format: 'csv', encoding: 'windows-1250', delimiter: ';', rowCount: 10 });
    expect(u.suggested).toEqual([
      'invoiceNo',
      'lineNo',
      'date',
      'clientKey',
      'product',
      'quantity',
      'netValue',
    ]);
  });

  it('a dry run names every bad row and writes nothing', async () => {
    const u = await upload(csv(FILE));
    const seq = t.core.store.seq;
    const s = await dryRun(u);
    expect(t.core.store.seq).toBe(seq);
    expect(lines()).toHaveLength(0);
    expect(s.counts).toEqual({ new: 5, already: 0, error: 5 });
    // Errors first, in file order.
    expect(s.rows.map((r) => [r.row, r.outcome])).toEqual([
      [7, 'error'],
      [8, 'error'],
      [9, 'error'],
      [10, 'error'],
      [11, 'error'],
      [2, 'new'],
      [3, 'new'],
      [4, 'new'],
      [5, 'new'],
      [6, 'new'],
    ]);
    const issues = (row: number) => s.rows.find((r) => r.row === row)!.issues;
    expect(issues(7)).toEqual([{ field: 'clientKey', key: 'errors.order_client_unknown', value: 'K-404' }]);
    expect(issues(8)).toEqual([{ field: 'product', key: 'errors.order_product_unknown', value: 'X-999' }]);
    expect(issues(9)).toEqual([{ field: 'date', key: 'validation.import_date_future', value: '24.11.2026' }]);
    expect(issues(10)).toEqual([
      { field: 'quantity', key: 'validation.order_quantity', value: '0' },
      { field: 'netValue', key: 'validation.order_net_value', value: '12,345' },
    ]);
    expect(issues(11)).toEqual([
      { field: 'clientKey', key: 'errors.order_client_ambiguous', value: NIP[1] },
      { field: 'netValue', key: 'validation.import_number_mangled', value: '1,23E+5' },
    ]);
    const byRow = new Map(s.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({
      clientId: ids.a,
      productName: 'Woda mineralna 1,5 l',
      date: '2026-11-02',
      quantity: 12,
      netValue: 123456,
    });
    // By exact name, by a code in another case, by a formatted NIP, by a merged client's code.
    expect(byRow.get(3)).toMatchObject({ productName: 'Kawa ziarnista 1 kg', quantity: 1.5, netValue: 8990 });
    expect(byRow.get(4)).toMatchObject({
      clientId: ids.d,
      clientName: 'Kiosk bez kodu',
      productName: 'Sok jabłkowy',
      netValue: 3000,
    });
    expect(byRow.get(5)).toMatchObject({ quantity: -2, netValue: -20576 });
    expect(byRow.get(6)).toMatchObject({ clientId: ids.b, clientName: 'Delikatesy Śnieżka' });
    expect(s.totals).toEqual({
      netValue: 123456 + 8990 + 3000 - 20576 + 4000,
      clients: 3,
      from: '2026-11-02',
      to: '2026-11-07',
    });
  });

  it('commits the good rows in one transaction; the bad ones are left out', async () => {
    const u = await upload(csv(FILE));
    const auditBefore = t.core.store.count('audit');
    first = await commit(u);
    expect(first.summary.counts).toEqual({ new: 5, already: 0, error: 5 });
    expect(first.import).toMatchObject({
      fileName: 'faktury.csv',
      byName: 'Olga Operatorka',
      counts: { new: 5, already: 0, error: 5 },
      netValue: 118870,
      revertedAt: null,
      revertable: true,
    });
    const stored = lines();
    expect(stored).toHaveLength(5);
    expect(stored.every((l) => l.importId === first.import.id)).toBe(true);
    expect(stored.map((l) => l.externalKey).sort()).toEqual([
      'FV/11/001/1',
      'FV/11/001/2',
      'FV/11/002/1',
      'FV/11/003/1',
      'KOR/11/001/1',
    ]);
    expect(t.core.store.byUnique<Line>('orderLines', 'externalKey', 'FV/11/001/1')).toMatchObject({
      invoiceNo: 'FV/11/001',
      clientId: ids.a,
      clientKey: 'K-1',
      date: '2026-11-02',
      productId: ids['P-1'],
      quantity: 12,
      netValue: 123456,
    });
    // One audit entry (the import record) stands for the lines.
    expect(t.core.store.count('audit') - auditBefore).toBe(1);
    // The upload is used up by the commit.
    expect((await fail('orders:dryRun', { uploadId: u.uploadId, mapping: u.suggested })).key).toBe(
      'errors.import_upload_gone',
    );
  });

  it('the same file again adds nothing: every line is already there', async () => {
    const u = await upload(csv(FILE));
    const again = await commit(u);
    expect(again.summary.counts).toEqual({ new: 0, already: 5, error: 5 });
    expect(again.summary.rows.filter((r) => r.outcome === 'already')).toHaveLength(5);
    expect(again.summary.totals).toEqual({ netValue: 0, clients: 0, from: null, to: null });
    expect(again.import.counts.new).toBe(0);
    expect(lines()).toHaveLength(5);
    const list = await t.ok<OrderImportRecord[]>(op, 'orders:imports', {});
    expect(list.map((r) => r.id)).toEqual([again.import.id, first.import.id]);
  });

  it('keys without a line number or invoice: the position in the invoice, or a hash of the row', async () => {
    const noLine = [
      ['Faktura', 'Data', 'Klient', 'Produkt', 'Ilość', 'Netto'],
      ['FV/11/050', '10.11.2026', 'K-2', 'P-1', '1', '2,50'],
      ['FV/11/051', '10.11.2026', 'K-2', 'P-1', '1', '2,50'],
      ['FV/11/050', '10.11.2026', 'K-2', 'P-2', '1', '10'],
    ];
    let u = await upload(csv(noLine, 'utf-8'), 'bez-lp.csv');
    expect(u.suggested).toEqual(['invoiceNo', 'date', 'clientKey', 'product', 'quantity', 'netValue']);
    expect((await commit(u)).summary.counts).toEqual({ new: 3, already: 0, error: 0 });
    for (const k of ['FV/11/050/#1', 'FV/11/050/#2', 'FV/11/051/#1'])
      expect(t.core.store.byUnique('orderLines', 'externalKey', k)).toBeDefined();

    // Neither: two identical rows are two lines (#1, #2); the same file again adds neither.
    const bare = [
      ['Data', 'Odbiorca', 'Towar', 'Ilość', 'Wartość netto'],
      ['11.11.2026', 'K-2', 'P-3', '0,5', '29,95'],
      ['11.11.2026', 'K-2', 'P-3', '0,5', '29,95'],
      ['2026-11-11', 'K-2', 'P-3', '0.5', '29.95'],
    ];
    u = await upload(csv(bare, 'utf-8'), 'bez-faktur.csv');
    const s = await commit(u);
    expect(s.summary.counts).toEqual({ new: 3, already: 0, error: 0 });
    const hashed = live().filter((l) => l.externalKey.startsWith('h:'));
    expect(hashed.map((l) => l.externalKey.slice(-2)).sort()).toEqual(['#1', '#2', '#3']);
    expect(hashed.every((l) => l.invoiceNo === null)).toBe(true);
    u = await upload(csv(bare, 'utf-8'), 'bez-faktur.csv');
    expect((await commit(u)).summary.counts).toEqual({ new: 0, already: 3, error: 0 });
    // The same line twice within one file is 'already' the second time.
    u = await upload(
      csv([
        HEADER,
        FILE[1]!,
        ['FV/12/001', '1', '20.11.2026', 'K-2', 'P-1', '1', '2,50'],
        ['FV/12/001', '1', '20.11.2026', 'K-2', 'P-1', '1', '2,50'],
      ]),
    );
    expect((await dryRun(u)).counts).toEqual({ new: 1, already: 2, error: 0 });
  });

  it('refuses a mapping without a required column or with one twice; unknown or foreign uploads are gone', async () => {
    const u = await upload(csv(FILE));
    const missing = await fail('orders:dryRun', {
      uploadId: u.uploadId,
      mapping: ['invoiceNo', 'lineNo', 'date', 'clientKey', 'product', null, null],
    });
    expect(missing).toMatchObject({
      code: 'validation',
      key: 'errors.order_mapping_missing',
      details: { targets: ['quantity', 'netValue'] },
    });
    const twice = await fail('orders:dryRun', {
      uploadId: u.uploadId,
      mapping: ['date', 'lineNo', 'date', 'clientKey', 'product', 'quantity', 'netValue'],
    });
    expect(twice).toMatchObject({ code: 'validation', key: 'errors.import_mapping_twice' });
    expect(await fail('orders:dryRun', { uploadId: u.uploadId, mapping: u.suggested }, op2)).toMatchObject({
      code: 'not_found',
      key: 'errors.import_upload_gone',
    });
    expect((await fail('orders:commit', { uploadId: 'nope', mapping: u.suggested })).code).toBe('not_found');
    expect((await fail('orders:revert', { id: 'nope' })).key).toBe('errors.import_not_found');
  });

  it('reads a Czech workbook: its headers, numeric cells and date cells', async () => {
    const xlsx = await buildXlsx([
      {
        name: 'Faktury',
        rows: [
          ['Číslo faktury', 'Řádek', 'Datum', 'Odběratel', 'Zboží', 'Množství', 'Hodnota bez DPH'],
          ['FV-CZ-1', 1, new Date(Date.UTC(2026, 10, 3)), ICO, 'P-3', 2.25, 134.78],
          ['FV-CZ-1', 2, new Date(Date.UTC(2026, 10, 3)), 'CZ-1', 'SOK JABLKOWY', 10, 100],
        ],
      },
    ]);
    const u = await upload(b64(xlsx), 'faktury.xlsx');
    expect(u).toMatchObject({ format: 'xlsx', rowCount: 2 });
    expect(u.suggested).toEqual([
      'invoiceNo',
      'lineNo',
      'date',
      'clientKey',
      'product',
      'quantity',
      'netValue',
    ]);
    const s = await commit(u);
    expect(s.summary.rows.filter((r) => r.issues.length)).toEqual([]);
    expect(s.summary.counts).toEqual({ new: 2, already: 0, error: 0 });
    expect(t.core.store.byUnique<Line>('orderLines', 'externalKey', 'FV-CZ-1/1')).toMatchObject({
      clientId: ids.cz,
      date: '2026-11-03',
      quantity: 2.25,
      netValue: 13478,
    });
    expect(t.core.store.byUnique<Line>('orderLines', 'externalKey', 'FV-CZ-1/2')).toMatchObject({
      productId: ids['P-2'],
      netValue: 10000,
    });
  });

  it('a revert takes the lines out; the same file then adds them again; a second revert is refused', async () => {
    const before = live().length;
    const r = await t.ok<OrderRevertResult>(op, 'orders:revert', { id: first.import.id });
    expect(r.removed).toBe(5);
    expect(r.import).toMatchObject({
      id: first.import.id,
      revertable: false,
      revertedBy: first.import.by,
    });
    expect(r.import.revertedAt).not.toBeNull();
    expect(live()).toHaveLength(before - 5);
    expect(t.core.store.byUnique('orderLines', 'externalKey', 'FV/11/001/1')).toBeUndefined();
    const again = await fail('orders:revert', { id: first.import.id });
    expect(again).toMatchObject({ code: 'conflict', key: 'errors.import_reverted_already' });

    const u = await upload(csv(FILE));
    const back = await commit(u);
    expect(back.summary.counts).toEqual({ new: 5, already: 0, error: 5 });
    expect(live()).toHaveLength(before);
    expect(t.core.store.byUnique<Line>('orderLines', 'externalKey', 'FV/11/001/1')?.importId).toBe(
      back.import.id,
    );
    const list = await t.ok<OrderImportRecord[]>(op, 'orders:imports', {});
    expect(list[0]!.id).toBe(back.import.id);
    expect(list.find((x) => x.id === first.import.id)).toMatchObject({ revertable: false });
  });

  it('presets for order columns: save, replace by name, delete; kept apart from client presets', async () => {
    const columns = [
      { header: 'Kod klienta', index: 3, target: 'clientKey' },
      { header: 'Data', index: 2, target: 'date' },
    ];
    const p = await t.ok<OrderPreset>(op, 'orderPresets:save', { name: 'Comarch', columns });
    const p2 = await t.ok<OrderPreset>(op, 'orderPresets:save', {
      name: 'comarch',
      columns: columns.slice(0, 1),
    });
    expect(p2.id).toBe(p.id);
    expect(await t.ok<OrderPreset[]>(op, 'orderPresets:list', {})).toEqual([
      { id: p.id, name: 'comarch', columns: columns.slice(0, 1) },
    ]);
    expect(await t.ok<unknown[]>(op, 'importPresets:list', {})).toEqual([]);
    expect(
      (
        await fail('orderPresets:save', {
          name: 'X',
          columns: [columns[0], { ...columns[1], target: 'clientKey' }],
        })
      ).key,
    ).toBe('errors.import_mapping_twice');
    await t.ok(op, 'orderPresets:delete', { id: p.id });
    expect(await t.ok<OrderPreset[]>(op, 'orderPresets:list', {})).toEqual([]);
    expect((await fail('orderPresets:delete', { id: p.id })).code).toBe('not_found');
  });

  it('a big file: progress for the job while the plan is built, then 50 000 lines in one commit', async () => {
    const rows: string[][] = [['Faktura', 'Lp', 'Data', 'Klient', 'Towar', 'Ilość', 'Netto']];
    for (let k = 0; k < 50_000; k++)
      rows.push([
        `FV/B/${Math.floor(k / 10)}`,
        String((k % 10) + 1),
        '15.10.2026',
        k % 2 ? 'K-1' : 'K-2',
        `P-${(k % 3) + 1}`,
        String((k % 7) + 1),
        `${k % 100},${String(k % 97).padStart(2, '0')}`,
      ]);
    const u = await upload(csv(rows, 'utf-8'), 'duzy.csv');
    expect(u.rowCount).toBe(50_000);
    const progress: Array<{ jobId: string; done: number; total: number }> = [];
    const off = t.core.subscribe((event, payload) => {
      if (event === 'job:progress') progress.push(payload as (typeof progress)[number]);
    });
    const s = await commit(u, { jobId: 'orders-1' });
    off();
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p) => p.jobId === 'orders-1')).toBe(true);
    const dones = progress.map((p) => p.done / p.total);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    expect(dones.at(-1)).toBe(1);
    expect(s.summary.counts).toEqual({ new: 50_000, already: 0, error: 0 });
    expect(s.summary.rows).toHaveLength(500);
    let sum = 0;
    for (let k = 0; k < 50_000; k++) sum += (k % 100) * 100 + (k % 97);
    expect(s.summary.totals.netValue).toBe(sum);
    expect(s.import.netValue).toBe(sum);
    expect(live().filter((l) => l.importId === s.import.id)).toHaveLength(50_000);
  });

  it('a CSV over the shared reader’s 5 MB is read in parts, rows numbered through', async () => {
    const rows: string[][] = [['Faktura', 'Lp', 'Data', 'Klient', 'Towar', 'Ilość', 'Netto', 'Uwagi']];
    const note = 'Dostawa "na rampę"; paleta, folia — '.repeat(3);
    for (let k = 0; k < 60_000; k++)
      rows.push([
        `FV/C/${k}`,
        '1',
        '15.10.2026',
        'K-1',
        'P-1',
        '1',
        '1,00',
        k === 100 ? 'dwa\nwiersze' : note,
      ]);
    const bytes = buildCsv(rows, { delimiter: ';', encoding: 'utf-8' });
    expect(bytes.byteLength).toBeGreaterThan(5 * 1024 * 1024);
    const u = await upload(b64(bytes), 'wielki.csv');
    expect(u.rowCount).toBe(60_000);
    const bad = rows.map((r) => [...r]);
    bad[45_001]![6] = 'zły';
    bad[60_000]![5] = '0';
    const u2 = await upload(b64(buildCsv(bad, { delimiter: ';', encoding: 'utf-8' })), 'wielki.csv');
    const s2 = await dryRun(u2);
    expect(s2.counts).toEqual({ new: 59_998, already: 0, error: 2 });
    expect(s2.rows[1]).toMatchObject({ row: 60_001, issues: [{ field: 'quantity', value: '0' }] });
    expect(s2.rows[0]).toMatchObject({
      row: 45_002,
      outcome: 'error',
      issues: [{ field: 'netValue', value: 'zły' }],
    });
  });
});
