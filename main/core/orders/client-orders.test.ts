import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard } from '../../../shared/contract/clients.schema';
import type { Product } from '../../../shared/contract/catalog.schema';
import type { ClientOrders, OrderCommitResult, OrderUpload } from '../../../shared/contract/orders.schema';
import { addDays } from '../../../shared/domain/dates';
import { rngInt, seededRng } from '../../../shared/domain/rng';
import { buildCsv } from '../imports/testing/fixture-files';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { monthsBefore } from './client-orders.service';

// The client card's orders panel, fed by a real ERP import: its figures are checked against sums
// written here from the file's own rows, and a rep sees it only for the clients in their scope.

const TODAY = '2026-11-23';
let t: TestCore;
let admin: string;
let op: string;
let jan: string;
const ids: Record<string, string> = {};
const PRODUCTS = [
  ['P-1', 'Woda mineralna 1,5 l', 'szt.'],
  ['P-2', 'Sok jabłkowy 1 l', 'szt.'],
  ['P-3', 'Kawa ziarnista', 'kg'],
  ['P-4', 'Herbata czarna', 'op.'],
  ['P-5', 'Czekolada gorzka', 'szt.'],
  ['P-6', 'Mąka pszenna typ 450', 'kg'],
  ['P-7', 'Cukier biały', 'kg'],
  ['A-1', 'Banan', 'kg'],
  ['A-2', 'Ananas', 'szt.'],
  ['A-3', 'Cytryna', 'kg'],
] as const;

interface Row {
  inv: string;
  line: number;
  date: string;
  client: string;
  product: string;
  qty: number;
  net: number;
}

/** Minor units as an ERP writes them in Poland: "1 234,56", "-12,30". */
function plMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const int = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${int},${String(abs % 100).padStart(2, '0')}`;
}

function fileRows(): Row[] {
  const rng = seededRng('orders-panel');
  const rows: Row[] = [];
  for (let n = 1; n <= 60; n++) {
    const client = n % 4 === 0 ? 'K-B' : 'K-A';
    const date = addDays(TODAY, -rngInt(rng, 3, 500));
    const count = rngInt(rng, 1, 4);
    for (let l = 1; l <= count; l++) {
      const half = rngInt(rng, 0, 3) === 0;
      const qty = rngInt(rng, 1, 20) + (half ? 0.5 : 0);
      const ret = rngInt(rng, 0, 9) === 0;
      const net = rngInt(rng, 100, 500_000);
      rows.push({
        inv: `FV/${n}`,
        line: l,
        date,
        client,
        product: PRODUCTS[rngInt(rng, 0, 6)]![0],
        qty: ret ? -qty : qty,
        net: ret ? -net : net,
      });
    }
  }
  // Lines without an invoice number: one order per day. The newest two days.
  rows.push({ inv: '', line: 0, date: addDays(TODAY, -1), client: 'K-A', product: 'P-1', qty: 2, net: 500 });
  rows.push({
    inv: '',
    line: 0,
    date: addDays(TODAY, -1),
    client: 'K-A',
    product: 'P-3',
    qty: 0.25,
    net: 1499,
  });
  rows.push({ inv: '', line: 0, date: addDays(TODAY, -2), client: 'K-A', product: 'P-2', qty: 1, net: 1000 });
  // Ties in the top products (client C): equal value, then more quantity, then the name.
  rows.push({ inv: 'FV/T', line: 1, date: '2026-10-01', client: 'K-C', product: 'A-1', qty: 2, net: 1000 });
  rows.push({ inv: 'FV/T', line: 2, date: '2026-10-01', client: 'K-C', product: 'A-2', qty: 2, net: 1000 });
  rows.push({ inv: 'FV/T', line: 3, date: '2026-10-01', client: 'K-C', product: 'A-3', qty: 5, net: 1000 });
  return rows;
}

const ROWS = fileRows();
let imported: OrderCommitResult;

beforeAll(async () => {
  t = await testCore({ now: `${TODAY}T09:00:00Z` });
  admin = await t.setUpOffice();
  const user = async (login: string, role: string, repCode: string | null = null) =>
    t.ok<{ id: string }>(admin, 'users:create', {
      login,
      displayName: login,
      role,
      password: 'xxxxxxxx',
      repCode,
    });
  await user('olga', 'operator');
  ids.jan = (await user('jan', 'rep', 'JKO')).id;
  ids.ewa = (await user('ewa', 'rep', 'EWA')).id;
  op = await t.session('olga', 'xxxxxxxx');
  jan = await t.session('jan', 'xxxxxxxx');
  const client = async (key: string, code: string, repId: string | null) => {
    ids[key] = (
      await t.ok<ClientCard>(op, 'clients:create', {
        name: `Sklep ${code}`,
        externalCode: code,
        repId,
        address: { street: 'Długa 1', city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client.id;
  };
  await client('a', 'K-A', ids.jan);
  await client('b', 'K-B', ids.ewa);
  await client('c', 'K-C', ids.jan);
  for (const [code, name, unit] of PRODUCTS)
    ids[code] = (await t.ok<Product>(admin, 'products:create', { code, name, unit, unitValue: 100 })).id;

  const csv = buildCsv(
    [
      ['Nr faktury', 'Lp', 'Data', 'Kod klienta', 'Kod towaru', 'Ilość', 'Wartość netto'],
      ...ROWS.map((r) => [
        r.inv,
        r.inv ? String(r.line) : '',
        r.date.split('-').reverse().join('.'),
        r.client,
        r.product,
        String(r.qty).replace('.', ','),
        plMoney(r.net),
      ]),
    ],
    { delimiter: ';', encoding: 'windows-1250' },
  );
  const u = await t.ok<OrderUpload>(op, 'orders:upload', {
    fileName: 'erp.csv',
    data: Buffer.from(csv).toString('base64'),
  });
  imported = await t.ok<OrderCommitResult>(op, 'orders:commit', {
    uploadId: u.uploadId,
    mapping: u.suggested,
  });
});
afterAll(() => t.dispose());

const panel = (session: string, clientId: string, months?: number) =>
  t.ok<ClientOrders>(session, 'orders:client', months ? { clientId, months } : { clientId });

describe('the client card’s orders panel', () => {
  it('imports every row of the file', () => {
    expect(imported.summary.counts).toEqual({ new: ROWS.length, already: 0, error: 0 });
  });

  it('sums what the client ordered in the last 12 months, top products and last orders', async () => {
    const p = await panel(jan, ids.a!);
    const from = '2025-11-23';
    const mine = ROWS.filter((r) => r.client === 'K-A');
    const recent = mine.filter((r) => r.date > from);
    expect(recent.length).toBeGreaterThan(20);
    expect(recent.length).toBeLessThan(mine.length);
    expect(p.months).toBe(12);
    expect(p.currency).toBe('PLN');
    expect(p.lineCount).toBe(recent.length);
    expect(p.netValue).toBe(recent.reduce((s, r) => s + r.net, 0));

    const byProduct = new Map<
      string,
      { quantity: number; netValue: number; lines: number; lastDate: string }
    >();
    for (const r of recent) {
      const s = byProduct.get(r.product) ?? { quantity: 0, netValue: 0, lines: 0, lastDate: '' };
      s.quantity += r.qty;
      s.netValue += r.net;
      s.lines++;
      if (r.date > s.lastDate) s.lastDate = r.date;
      byProduct.set(r.product, s);
    }
    const top = [...byProduct]
      .sort(([, x], [, y]) => y.netValue - x.netValue)
      .slice(0, 5)
      .map(([code, s]) => {
        const [, name, unit] = PRODUCTS.find((x) => x[0] === code)!;
        return {
          productId: ids[code],
          code,
          name,
          unit,
          ...s,
          quantity: Math.round(s.quantity * 1000) / 1000,
        };
      });
    expect(p.topProducts).toEqual(top);

    // Newest first: the two days without an invoice, then invoices by date.
    expect(p.lastOrders.map((o) => [o.invoiceNo, o.date])).toEqual([
      [null, addDays(TODAY, -1)],
      [null, addDays(TODAY, -2)],
      ...[...new Set(mine.filter((r) => r.inv).map((r) => r.inv))]
        .map((inv) => [inv, mine.find((r) => r.inv === inv)!.date] as const)
        .sort((x, y) => (x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : x[0] < y[0] ? 1 : -1))
        .slice(0, 3),
    ]);
    const { lines: dayLines, ...day } = p.lastOrders[0]!;
    expect(day).toEqual({
      key: `day:${addDays(TODAY, -1)}`,
      invoiceNo: null,
      date: addDays(TODAY, -1),
      netValue: 1999,
    });
    expect([...dayLines].sort((x, y) => x.netValue - y.netValue)).toEqual([
      { productId: ids['P-1'], name: 'Woda mineralna 1,5 l', quantity: 2, unit: 'szt.', netValue: 500 },
      { productId: ids['P-3'], name: 'Kawa ziarnista', quantity: 0.25, unit: 'kg', netValue: 1499 },
    ]);
    const third = p.lastOrders[2]!;
    const invLines = mine.filter((r) => r.inv === third.invoiceNo).sort((x, y) => x.line - y.line);
    expect(third.netValue).toBe(invLines.reduce((s, r) => s + r.net, 0));
    expect(third.lines.map((l) => [l.productId, l.quantity, l.netValue])).toEqual(
      invLines.map((r) => [ids[r.product], r.qty, r.net]),
    );
  });

  it('a shorter window counts only its lines', async () => {
    const p = await panel(jan, ids.a!, 1);
    const recent = ROWS.filter((r) => r.client === 'K-A' && r.date > '2026-10-23');
    expect(p.months).toBe(1);
    expect(p.lineCount).toBe(recent.length);
    expect(p.netValue).toBe(recent.reduce((s, r) => s + r.net, 0));
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });

  it('ties among top products go to the larger quantity, then the name', async () => {
    const p = await panel(op, ids.c!);
    expect(p.topProducts.map((x) => x.code)).toEqual(['A-3', 'A-2', 'A-1']);
    expect(p.lastOrders).toHaveLength(1);
    expect(p.lastOrders[0]!.lines.map((l) => l.name)).toEqual(['Banan', 'Ananas', 'Cytryna']);
  });

  it('a rep sees the panel of their own clients only', async () => {
    const r = await t.call(jan, 'orders:client', { clientId: ids.b });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'forbidden', key: 'errors.client_out_of_scope' });
    const gone = await t.call(jan, 'orders:client', { clientId: 'no-such-client' });
    if (gone.ok) throw new Error('unknown client answered');
    expect(gone.error.code).toBe('not_found');
    // The operator sees every client.
    const b = await panel(op, ids.b!);
    expect(b.lineCount).toBe(ROWS.filter((x) => x.client === 'K-B' && x.date > '2025-11-23').length);
  });

  it('a reverted import’s lines leave the panel', async () => {
    await t.ok(op, 'orders:revert', { id: imported.import.id });
    const p = await panel(jan, ids.a!);
    expect(p).toMatchObject({ lineCount: 0, netValue: 0, topProducts: [], lastOrders: [] });
  });
});
