import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, ClientRow } from '../../shared/contract/clients.schema';
import type { Product } from '../../shared/contract/catalog.schema';
import type { ClientOrders, OrderImportRecord } from '../../shared/contract/orders.schema';
import type { ReportDrillResult, ReportKind, ReportResult } from '../../shared/contract/reports.schema';
import { REPORT_KINDS } from '../../shared/contract/reports.schema';
import { launchChromium } from './support/chromium';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { checkScreen, dataOf, Desks, openDemo, setLanguage } from './support/desk';
import { assertBuilt } from './support/paths';

// Issue 8's reports and orders end to end, in the Polish demo office (and in Czech): the manager
// opens every report, narrows one to a rep and drills down from a chart bar and from a table figure
// to the records behind them — as many as the figure says; the operator, who sees data quality
// only, imports an ERP export of orders (a bad row refused, the rest committed), the client card
// shows them, and the import is reverted. Every figure on screen is compared with the core's
// answer to the same request; screenshots of every report in pl and cs.

const CLOCK = '2026-11-23T09:30:00Z';
const KEBAB: Record<ReportKind, string> = {
  budgetUse: 'budget-use',
  actions: 'actions',
  effectiveness: 'effectiveness',
  workload: 'workload',
  dataQuality: 'data-quality',
  planProgress: 'plan-progress',
};

let browser: Browser;
let host: RunningHost;
let manager: Page;
let op: Page;

/** A translation key shown instead of its text. */
const RAW_KEY = /\b(?:reports|orders):[a-z_.]+|\b(?:columns|labels|notes|drill|filters)\.[a-zA-Z_]+\b/;

const check = (page: Page, name: string, opts: { dialog?: boolean } = {}) =>
  checkScreen(page, name, { ...opts, rawKey: RAW_KEY });
const data = dataOf;
const language = setLanguage;
const desks = new Desks(
  () => browser,
  () => host.url,
);
const signedIn = (role: 'manager' | 'operator') => desks.open(role);

/** Opens a report and waits for its table (or its empty state) with the filters it shows. */
async function openReport(page: Page, kind: ReportKind): Promise<void> {
  await page.goto(new URL(`#/reports/${KEBAB[kind]}`, host.url).toString());
  const screen = page.getByTestId(`report-${kind}`);
  await screen.waitFor();
  await screen.getByTestId('report-table').or(screen.getByTestId('report-empty')).first().waitFor({
    timeout: 60_000,
  });
  await page.waitForFunction(() => !document.querySelector('[data-testid="report-progress"]'));
}

/** The filters the screen shows, as the core's input. */
/** The chart is drawn: at least one of its bars has a size (a 0 figure draws an empty bar). */
async function chartDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="report-chart-bar"]')].some((g) => {
      const r = g.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    }),
  );
}

async function filtersOn(page: Page) {
  const value = async (id: string) => {
    const v = await page.getByTestId(id).inputValue();
    return v === '' ? null : v;
  };
  return {
    teamId: await value('report-filter-team'),
    repId: await value('report-filter-rep'),
    from: (await value('report-filter-from'))!,
    to: (await value('report-filter-to'))!,
  };
}

beforeAll(async () => {
  assertBuilt();
  [browser, host] = await Promise.all([
    launchChromium(),
    startBuiltHost({ clock: CLOCK, tz: 'Europe/Warsaw' }),
  ]);
  await openDemo(host, 'pl');
  [manager, op] = [await signedIn('manager'), await signedIn('operator')];
}, 240_000);

afterAll(async () => {
  await desks.close();
  await browser?.close();
  await host?.stop();
});

describe('the manager reads every report', () => {
  it('opens each of the six: the table’s totals are the core’s, a chart is drawn', async () => {
    for (const kind of REPORT_KINDS) {
      await openReport(manager, kind);
      const r = await data<ReportResult>(manager, 'reports:run', { kind, filters: await filtersOn(manager) });
      expect(r.rows.length, `${kind} has rows in the demo`).toBeGreaterThan(0);
      expect(await manager.getByTestId('report-row').count(), kind).toBe(r.rows.length);
      for (const c of r.columns) {
        const total = r.totals[c.key];
        if (typeof total !== 'number') continue;
        expect(
          await manager.getByTestId(`report-total-${c.key}`).getAttribute('data-value'),
          `${kind}.${c.key}`,
        ).toBe(String(total));
      }
      await chartDrawn(manager);
      await check(manager, `report-${KEBAB[kind]}-pl`);
    }
  });

  it('narrows the workload to one rep with the filter', async () => {
    await openReport(manager, 'workload');
    const before = await manager.getByTestId('report-row').count();
    expect(before).toBeGreaterThan(1);
    const rep = manager.getByTestId('report-filter-rep');
    const options = await rep
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await rep.selectOption(options[0]!);
    await manager.waitForFunction(() => document.querySelectorAll('[data-testid="report-row"]').length === 1);
    const r = await data<ReportResult>(manager, 'reports:run', {
      kind: 'workload',
      filters: await filtersOn(manager),
    });
    expect(r.rows.map((x) => x.key)).toEqual([options[0]]);
    await check(manager, 'report-workload-one-rep-pl');
  });

  it('drills down from a chart bar to exactly the records behind it', async () => {
    await openReport(manager, 'planProgress');
    const filters = await filtersOn(manager);
    const bar = manager.locator('[data-testid="report-chart-bar"][data-series="meetingsPct"]').first();
    const category = (await bar.getAttribute('data-category'))!;
    await bar.click();
    const drill = manager.getByTestId('report-drill');
    await drill.waitFor();
    const total = drill.getByTestId('drill-total');
    await total.waitFor();
    // The bar stands for one rep's months: the core's drill of those rows is what the panel lists.
    const r = await data<ReportResult>(manager, 'reports:run', { kind: 'planProgress', filters });
    const rowKeys = r.rows.filter((x) => x.repId === category || x.key === category).map((x) => x.key);
    const meetings = r.rows
      .filter((x) => rowKeys.includes(x.key))
      .reduce((n, x) => n + (x.cells.meetings as number), 0);
    expect(Number(await total.getAttribute('data-total'))).toBe(meetings);
    const d = await data<ReportDrillResult>(manager, 'reports:drill', {
      kind: 'planProgress',
      filters,
      rowKeys,
      column: 'meetings',
    });
    expect(d.total).toBe(meetings);
    expect(await drill.getByTestId('drill-row').count()).toBe(Math.min(d.records.length, d.total));
    await check(manager, 'report-drill-chart-pl', { dialog: true });
    await drill.getByTestId('drill-close').click();
    await drill.waitFor({ state: 'detached' });
  });

  it('drills down from a money figure in the table: the listed amounts make the figure', async () => {
    await openReport(manager, 'budgetUse');
    const figure = manager.locator('[data-testid="report-figure"][data-column="reserved"]').first();
    await figure.waitFor();
    const value = Number(await figure.locator('xpath=..').getAttribute('data-value'));
    await figure.click();
    const drill = manager.getByTestId('report-drill');
    const total = drill.getByTestId('drill-total');
    await total.waitFor();
    expect(Number(await total.getAttribute('data-sum'))).toBe(value);
    // An action in the list opens its own screen.
    await drill.getByTestId('drill-link').first().click();
    await manager.waitForURL(/#\/actions\/[0-9a-f-]{36}$/);
  });

  it('reads the same reports in Czech', async () => {
    await language(manager, 'cs');
    try {
      for (const kind of REPORT_KINDS) {
        await openReport(manager, kind);
        await chartDrawn(manager);
        await check(manager, `report-${KEBAB[kind]}-cs`);
      }
    } finally {
      await language(manager, 'pl');
    }
  });
});

describe('the operator: data quality, and a year of orders from the ERP', () => {
  it('sees only the data-quality report, with clients nobody owns', async () => {
    await op.goto(new URL('#/reports', host.url).toString());
    await op.getByTestId('report-dataQuality').waitFor();
    await op.getByTestId('report-table').waitFor({ timeout: 60_000 });
    expect(await op.getByTestId('report-tab-budgetUse').count()).toBe(0);
    expect(await op.getByTestId('tab-plans').count()).toBe(0);
    await check(op, 'report-data-quality-operator-pl');
  });

  it('imports an ERP export: the bad row named, the rest added; the card shows them; revert removes them', async () => {
    const { rows } = await data<{ rows: ClientRow[] }>(op, 'clients:list', { status: 'active', limit: 50 });
    const client = rows.find((r) => r.externalCode)!;
    const full = await data<{ client: Client }>(op, 'clients:get', { id: client.id });
    const products = (await data<Product[]>(op, 'products:list', {})).slice(0, 2);
    const code = full.client.externalCode!;
    const csv = [
      'Kod klienta;Data;Kod towaru;Ilość;Wartość netto;Nr faktury;Lp',
      `${code};20.11.2026;${products[0]!.code};12;1234,50;FV/E2E/1;1`,
      `${code};20.11.2026;${products[1]!.code};3;99,90;FV/E2E/1;2`,
      `NIE-MA-TAKIEGO;20.11.2026;${products[0]!.code};1;10,00;FV/E2E/2;1`,
    ].join('\r\n');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'regio-e2e-orders-')), 'sprzedaz_e2e.csv');
    writeFileSync(file, `\uFEFF${csv}`, 'utf8');
    const before = (await data<OrderImportRecord[]>(op, 'orders:imports', {})).length;

    await op.goto(new URL('#/clients/import-orders', host.url).toString());
    await op.getByTestId('orders-import-screen').waitFor();
    await op.getByTestId('orders-import-file').setInputFiles(file);
    await op.getByTestId('orders-mapping').waitFor();
    await check(op, 'orders-import-mapping-pl');
    await op.getByTestId('orders-dry-run').click();
    await op.getByTestId('orders-count-new').waitFor({ timeout: 60_000 });
    expect(await op.getByTestId('orders-count-new').textContent()).toMatch(/\b2\b/);
    expect(await op.getByTestId('orders-count-error').textContent()).toMatch(/\b1\b/);
    await check(op, 'orders-import-check-pl');
    await op.getByTestId('orders-commit').click();
    await op.getByTestId('orders-result').waitFor({ timeout: 60_000 });
    await check(op, 'orders-import-done-pl');
    const imports = await data<OrderImportRecord[]>(op, 'orders:imports', {});
    expect(imports.length).toBe(before + 1);
    expect(imports[0]!.counts).toMatchObject({ new: 2, error: 1 });
    expect(imports[0]!.netValue).toBe(123_450 + 9_990);

    // The client card: the lines are among its last orders.
    await op.goto(new URL(`#/clients/${client.id}`, host.url).toString());
    const panel = op.getByTestId('client-orders-panel');
    await panel.waitFor();
    await panel.getByTestId('client-orders-last-row').first().waitFor();
    const orders = await data<ClientOrders>(op, 'orders:client', { clientId: client.id });
    expect(orders.lastOrders.some((o) => o.invoiceNo === 'FV/E2E/1')).toBe(true);
    expect(await panel.innerText()).toContain('FV/E2E/1');
    await check(op, 'orders-client-card-pl');

    // Revert: the lines go, the history says so.
    await op.goto(new URL('#/clients/import-orders', host.url).toString());
    const row = op.getByTestId('orders-history-row').first();
    await row.waitFor();
    await row.getByTestId('orders-revert').click();
    const confirm = op.getByTestId('orders-revert-dialog');
    await confirm.waitFor();
    await confirm.locator('button').last().click();
    await op.getByTestId('orders-removed').waitFor();
    expect(await op.getByTestId('orders-removed').textContent()).toMatch(/\b2\b/);
    const after = await data<ClientOrders>(op, 'orders:client', { clientId: client.id });
    expect(after.lastOrders.some((o) => o.invoiceNo === 'FV/E2E/1')).toBe(false);
    await check(op, 'orders-import-reverted-pl');
    await language(op, 'cs');
    await check(op, 'orders-import-history-cs');
    await language(op, 'pl');
  });
});
