import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientOrders, OrderImportRecord, OrderLine } from '../../../shared/contract/orders.schema';
import type { ReportResult } from '../../../shared/contract/reports.schema';
import type { TestCore } from '../testing/test-core';
import { testCore } from '../testing/test-core';

// The demo office's year of orders (issue 8 must-have 6, demo-orders.builder.ts): imported month
// by month by the operator through the real orders import, on the mornings after each month — so
// the import history reads like an office's — and shaped so that every report has something to
// show on first open: the client card's favourites, and actions whose promoted products sold more.

describe('the demo office’s orders', () => {
  const NOW = '2026-11-23T09:00:00Z';
  let t: TestCore;
  let op: string;
  let manager: string;

  beforeAll(async () => {
    t = await testCore({ now: NOW });
    await t.ok(await t.session(), 'setup:openDemo', { locale: 'pl', scale: 'S' });
    op = await t.session('operator', 'demo-operator');
    manager = await t.session('manager', 'demo-manager');
  }, 240_000);
  afterAll(() => t.dispose());

  it('arrive as the ERP’s monthly files, each imported the morning after its month, this month’s today', async () => {
    const imports = await t.ok<OrderImportRecord[]>(op, 'orders:imports');
    expect(imports.length).toBeGreaterThanOrEqual(12);
    for (const i of imports) {
      expect(i.counts.error).toBe(0);
      expect(i.revertable).toBe(true);
      expect(i.fileName).toMatch(/^sprzedaz_\d{4}-\d{2}\.csv$/);
      const month = i.fileName.slice(9, 16);
      // Imported on or after the last day of its month, in the morning (Warsaw).
      expect(i.at.slice(0, 7) >= month).toBe(true);
    }
    expect(imports[0]!.fileName).toBe('sprzedaz_2026-11.csv');
    const lines = [...t.core.store.all<OrderLine>('orderLines')];
    expect(lines.length).toBe(imports.reduce((n, i) => n + i.counts.new, 0));
    expect(lines.every((l) => l.date < '2026-11-23' && l.date >= '2025-11-23')).toBe(true);
    expect(
      lines.every(
        (l) => t.core.store.get('clients', l.clientId) && t.core.store.get('products', l.productId),
      ),
    ).toBe(true);
  });

  it('give a regular buyer’s card its favourites and last orders', async () => {
    const lines = [...t.core.store.all<OrderLine>('orderLines')];
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l.clientId, (counts.get(l.clientId) ?? 0) + 1);
    const [clientId] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const card = await t.ok<ClientOrders>(manager, 'orders:client', { clientId });
    expect(card.topProducts.length).toBeGreaterThanOrEqual(2);
    expect(card.lastOrders).toHaveLength(5);
    expect(card.netValue).toBe(
      lines.filter((l) => l.clientId === clientId).reduce((n, l) => n + l.netValue, 0),
    );
  });

  it('show the demo manager actions that sold more while they ran', async () => {
    const r = await t.ok<ReportResult>(manager, 'reports:run', {
      kind: 'effectiveness',
      filters: { from: '2025-12', to: '2026-11' },
    });
    expect(r.rows.length).toBeGreaterThan(0);
    const withSales = r.rows.filter((x) => (x.cells.during as number) > 0 && (x.cells.before as number) > 0);
    expect(withSales.length).toBeGreaterThan(0);
    expect(r.totals.uplift as number).toBeGreaterThan(0);
  });
});
