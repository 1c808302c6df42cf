import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailingListCounts } from '../../shared/contract/exports.schema';
import type { ReportResult } from '../../shared/contract/reports.schema';
import type { VisitRow } from '../../shared/contract/visits.schema';
import { pdfText } from '../../main/core/testing/pdf-text';
import { launchChromium } from './support/chromium';
import { checkScreen, dataOf, Desks, openDemo, setLanguage } from './support/desk';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { assertBuilt } from './support/paths';

// Issue 9's exports end to end, in the Polish demo office (and in Czech): a rep exports next week's
// plan as PDF and as a calendar (ICS) and the files hold exactly that week's visits; a manager
// exports two reports as XLSX and PDF and the files hold the figures the screen shows; an operator
// previews a mailing list, sees how many contacts are left out for missing consent, and exports
// it. Every file is the one the browser downloaded, read back (PDF text through pdf.js, the
// workbook through exceljs, the calendar through ical.js, the CSV by hand) and compared with what
// the core answers to the same request. Screenshots of every step in pl and cs.

const CLOCK = '2026-11-23T09:30:00Z'; // a Monday: next week is 30.11 – 6.12
const NEXT_WEEK = { from: '2026-11-30', to: '2026-12-06' };

let browser: Browser;
let host: RunningHost;
let rep: Page;
let manager: Page;
let op: Page;
let dir: string;

/** A translation key shown instead of its text. */
const RAW_KEY = /\b(?:exports|mailingList|reports):[a-z_.]+|\b(?:plan|mailing|format|left)\.[a-zA-Z_]+\b/;
const check = (page: Page, name: string, opts: { dialog?: boolean } = {}) =>
  checkScreen(page, name, { ...opts, rawKey: RAW_KEY });
const desks = new Desks(
  () => browser,
  () => host.url,
);

/** Clicks `trigger`, waits for the browser's download and saves it; the file's bytes and name. */
async function downloadOf(
  page: Page,
  trigger: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), trigger()]);
  const file = path.join(dir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'regio-e2e-exports-'));
  [browser, host] = await Promise.all([
    launchChromium(),
    startBuiltHost({ clock: CLOCK, tz: 'Europe/Warsaw' }),
  ]);
  await openDemo(host, 'pl');
  rep = await desks.open('rep', { downloads: true });
  manager = await desks.open('manager', { downloads: true });
  op = await desks.open('operator', { downloads: true });
}, 240_000);

afterAll(async () => {
  await desks.close();
  await browser?.close();
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a rep exports next week’s plan', () => {
  let week: VisitRow[] = [];

  async function openDialog(): Promise<void> {
    await rep.goto(new URL('#/visits', host.url).toString());
    await rep.getByTestId('agenda-export').click();
    const dialog = rep.getByTestId('plan-export-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('plan-export-from').fill(NEXT_WEEK.from);
    await dialog.getByTestId('plan-export-to').fill(NEXT_WEEK.to);
  }

  beforeAll(async () => {
    week = await dataOf<VisitRow[]>(rep, 'visits:agenda', NEXT_WEEK);
  });

  it('as PDF: every visit of the week not cancelled is in it, with its client, in Polish letters', async () => {
    expect(week.length, 'the demo rep has visits next week').toBeGreaterThan(0);
    await openDialog();
    const dialog = rep.getByTestId('plan-export-dialog');
    await dialog.getByTestId('plan-format-pdf').check();
    await check(rep, 'plan-export-dialog-pl', { dialog: true });
    const file = await downloadOf(rep, () => dialog.getByTestId('plan-export-run').click());
    expect(file.name).toMatch(/\.pdf$/);
    const text = flat(await pdfText(file.bytes));
    const shown = week.filter((v) => v.status !== 'cancelled');
    for (const v of shown) expect(text, v.clientName).toContain(flat(v.clientName));
    // A visit outside the week is not in it.
    const before = await dataOf<VisitRow[]>(rep, 'visits:agenda', { from: '2026-11-23', to: '2026-11-29' });
    const onlyBefore = before.filter((v) => !week.some((w) => w.clientId === v.clientId));
    for (const v of onlyBefore.slice(0, 5)) expect(text).not.toContain(flat(v.clientName));
    await dialog.getByTestId('export-saved').waitFor();
    expect(await dialog.getByTestId('export-saved').innerText()).toContain(file.name);
    await check(rep, 'plan-export-saved-pl', { dialog: true });
  });

  it('as a calendar (ICS): one event per visit of the week, by the visit’s id, at its office-local time', async () => {
    const dialog = rep.getByTestId('plan-export-dialog');
    await dialog.getByTestId('plan-format-ics').check();
    const file = await downloadOf(rep, () => dialog.getByTestId('plan-export-run').click());
    expect(file.name).toMatch(/\.ics$/);
    const cal = new ICAL.Component(ICAL.parse(file.bytes.toString('utf8')) as unknown[]);
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.uid).sort()).toEqual(week.map((v) => `${v.id}@regio`).sort());
    for (const v of week) {
      const e = events.find((x) => x.uid === `${v.id}@regio`)!;
      const start = e.startDate;
      expect(start.toString().slice(0, 10), v.id).toBe(v.date);
      if (v.time) {
        expect(start.zone?.tzid, v.id).toBe('Europe/Warsaw');
        expect(`${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}`).toBe(
          v.time,
        );
      }
      const status = e.component.getFirstPropertyValue('status');
      expect(status, v.id).toBe(v.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
    }
    await rep
      .getByTestId('plan-export-dialog')
      .getByRole('button', { name: /zamknij|close/i })
      .first()
      .click();
  });
});

describe('a manager exports two reports as XLSX and PDF', () => {
  async function openReport(kind: string, slug: string): Promise<ReportResult> {
    await manager.goto(new URL(`#/reports/${slug}`, host.url).toString());
    const screen = manager.getByTestId(`report-${kind}`);
    await screen.getByTestId('report-table').waitFor({ timeout: 60_000 });
    await manager.waitForFunction(() => !document.querySelector('[data-testid="report-progress"]'));
    const value = async (id: string) => {
      const v = await manager.getByTestId(id).inputValue();
      return v === '' ? null : v;
    };
    const filters = {
      teamId: await value('report-filter-team'),
      repId: await value('report-filter-rep'),
      from: (await value('report-filter-from'))!,
      to: (await value('report-filter-to'))!,
    };
    return dataOf<ReportResult>(manager, 'reports:run', { kind, filters });
  }

  for (const [kind, slug, title] of [
    ['budgetUse', 'budget-use', 'Wykorzystanie budżetu'],
    ['workload', 'workload', 'Obciążenie przedstawicieli'],
  ] as const) {
    it(`${kind}: the workbook holds the screen’s rows as numbers, the PDF its title and rows`, async () => {
      const r = await openReport(kind, slug);
      expect(r.rows.length).toBeGreaterThan(0);
      const xlsx = await downloadOf(manager, () => manager.getByTestId('report-export-xlsx').click());
      expect(xlsx.name).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const values: unknown[][] = [];
      sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      const flatCells = values
        .flat()
        .map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v));
      // Every numeric total of the screen is a number cell somewhere in the workbook.
      for (const c of r.columns) {
        const total = r.totals[c.key];
        if (typeof total !== 'number' || c.kind === 'percent') continue;
        const expected = c.kind === 'money' ? total / 100 : total;
        expect(
          flatCells.some((v) => typeof v === 'number' && Math.abs(v - expected) < 1e-6),
          `${kind}.${c.key} total ${expected}`,
        ).toBe(true);
      }
      await manager.getByTestId('export-saved').waitFor();
      await check(manager, `report-export-${slug}-pl`);
      const pdf = await downloadOf(manager, () => manager.getByTestId('report-export-pdf').click());
      expect(pdf.name).toMatch(/\.pdf$/);
      const text = flat(await pdfText(pdf.bytes));
      expect(text).toContain(title);
      for (const row of r.rows.slice(0, 5)) if (row.label) expect(text).toContain(flat(row.label));
    });
  }
});

describe('an operator exports a mailing list', () => {
  it('sees how many contacts are left out for missing consent, and the CSV holds the rest', async () => {
    await op.goto(new URL('#/clients/mailing-list', host.url).toString());
    const included = op.getByTestId('mailing-included');
    await included.waitFor({ timeout: 60_000 });
    const counts = await dataOf<MailingListCounts>(op, 'exports:mailingListPreview', { filter: {} });
    expect(counts.leftOut.noConsent).toBeGreaterThan(0);
    await op.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="mailing-included"]')?.getAttribute('data-value') === String(n),
      counts.included,
    );
    expect(await op.getByTestId('mailing-left-noConsent').getAttribute('data-value')).toBe(
      String(counts.leftOut.noConsent),
    );
    await check(op, 'mailing-list-pl');
    const file = await downloadOf(op, () => op.getByTestId('mailing-export').click());
    expect(file.name).toMatch(/\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines.length - 1).toBe(counts.included);
    await op.getByTestId('export-saved').waitFor();
    await check(op, 'mailing-list-saved-pl');
    // Every row is an address on the list (the audit entry of the export is checked in the core's
    // mailing-list.test.ts: audit:history answers for records, and a mailing list is none).
    for (const line of lines.slice(1)) expect(line.split(';')[0]).toMatch(/^[^@\s]+@[^@\s]+$/);
  });

  it('reads well in Czech', async () => {
    await setLanguage(op, 'cs');
    try {
      await op.getByTestId('mailing-included').waitFor();
      await check(op, 'mailing-list-cs');
    } finally {
      await setLanguage(op, 'pl');
    }
  });
});
