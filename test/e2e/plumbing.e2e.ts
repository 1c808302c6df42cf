import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, todayIn } from '../../shared/domain/dates';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { watchPage } from './support/page-watch';
import { assertBuilt } from './support/paths';
import { saveScreenshot } from './support/screenshots';

// The core and the real renderer behind the browser host, driven by Debian's chromium: the
// plumbing every later feature stands on (token, first run, events between windows, the clock).

const OFFICE = {
  name: 'Biuro Łódź – Śródmieście',
  code: 'LDZ',
  currency: 'PLN',
  locale: 'pl',
  timeZone: 'Europe/Warsaw',
};
const ADMIN = { displayName: 'Anna Żółkiewska', login: 'anna', password: 'correct horse battery' };

let browser: Browser;
const hosts: RunningHost[] = [];
const contexts: BrowserContext[] = [];

async function host(opts: Parameters<typeof startBuiltHost>[0] = {}): Promise<RunningHost> {
  const h = await startBuiltHost(opts);
  hosts.push(h);
  return h;
}

async function newPage(opts: { timezoneId?: string } = {}): Promise<Page> {
  // English UI for the first run, whatever the machine says; a zone far from Warsaw by default so
  // a date computed from the browser's clock instead of the core's would show.
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: opts.timezoneId ?? 'America/Los_Angeles',
    viewport: { width: 1280, height: 800 },
  });
  contexts.push(context);
  return context.newPage();
}

async function fillAdmin(page: Page): Promise<void> {
  await page.getByLabel('Full name', { exact: true }).fill(ADMIN.displayName);
  await page.getByLabel('Login', { exact: true }).fill(ADMIN.login);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
}

/** The whole first-run form: the office and its first admin. */
async function fillOffice(page: Page, office: typeof OFFICE): Promise<void> {
  await page.getByLabel('Office name', { exact: true }).fill(office.name);
  await page.getByLabel('Office code', { exact: true }).fill(office.code);
  await page.getByLabel('Currency', { exact: true }).selectOption(office.currency);
  await page.getByLabel('Language', { exact: true }).selectOption(office.locale);
  await page.getByLabel('Time zone', { exact: true }).selectOption(office.timeZone);
  await fillAdmin(page);
}

async function expectNoProblems(watch: Awaited<ReturnType<typeof watchPage>>): Promise<void> {
  expect(await watch.problems()).toEqual([]);
}

beforeAll(async () => {
  assertBuilt();
  browser = await launchChromium();
});

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

afterAll(async () => {
  await browser?.close();
  // Every host must shut down cleanly on SIGTERM: exit code 0 and the store's lock released.
  const codes = await Promise.all(hosts.splice(0).map((h) => h.stop()));
  expect(codes.every((c) => c === 0)).toBe(true);
});

describe('browser host', () => {
  it('(a) refuses every request without the token', async () => {
    const h = await host();
    const plain = [
      await fetch(`${h.origin}/`, { redirect: 'manual' }),
      await fetch(`${h.origin}/index.html`),
      await fetch(`${h.origin}/api/events`),
      await fetch(`${h.origin}/api/invoke/system%3Ainfo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }),
      await fetch(`${h.origin}/?token=not-the-token`, { redirect: 'manual' }),
      await fetch(`${h.origin}/`, { headers: { Authorization: 'Bearer not-the-token' } }),
    ];
    for (const r of plain) {
      expect(r.status, r.url).toBe(401);
      expect(await r.text()).not.toContain('<div id="root">');
    }
    // And the printed link is what opens it.
    const ok = await fetch(`${h.origin}/api/invoke/system%3Ainfo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}` },
      body: '{}',
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('(b, e, f) first run: setup screen, a field error, then the home screen; accessible and CSP-clean', async () => {
    const h = await host({ tz: 'Europe/Warsaw' });
    const page = await newPage();
    const watch = await watchPage(page);

    await page.goto(h.url);
    // The token left the address bar for an HttpOnly cookie.
    expect(page.url()).toBe(`${h.origin}/`);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'regio_token')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      value: h.token,
    });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.getByRole('heading', { name: 'Set up your office' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await saveScreenshot(page, 'setup-empty');
    expect(await seriousViolations(page)).toEqual([]);

    // Empty name: the core refuses it and the form shows why, at the field, with focus on it.
    await page.getByLabel('Office code', { exact: true }).fill('LDZ');
    await fillAdmin(page);
    await page.getByRole('button', { name: 'Create office' }).click();
    const name = page.getByLabel('Office name', { exact: true });
    await page.getByText('This field is required.').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('This field is required.');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('alert').textContent()).toBe('Please correct the highlighted fields.');
    // Only the wrong field is flagged.
    for (const other of ['Office code', 'Full name', 'Login', 'Password']) {
      expect(await page.getByLabel(other, { exact: true }).getAttribute('aria-invalid'), other).toBeNull();
    }
    await saveScreenshot(page, 'setup-error');
    expect(await seriousViolations(page)).toEqual([]);

    // A valid office, Polish letters and all: the home screen, in the office's language.
    await fillOffice(page, OFFICE);
    await page.getByRole('button', { name: 'Create office' }).click();
    await page.getByTestId('office-name').waitFor();
    expect(await page.getByTestId('office-name').textContent()).toBe(OFFICE.name);
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
    const today = todayIn(systemClock, 'Europe/Warsaw');
    expect(await page.getByTestId('today').getAttribute('datetime')).toBe(today);
    expect(await page.getByTestId('today').textContent()).toBe(
      new Intl.DateTimeFormat('pl', { dateStyle: 'full', timeZone: 'UTC' }).format(
        new Date(`${today}T00:00:00Z`),
      ),
    );
    // The status bar shows the store that just committed the office.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="status-seq"]')?.textContent) > 0,
    );
    expect(await page.getByTestId('status-repairs').textContent()).toBe('0');
    await saveScreenshot(page, 'home');
    expect(await seriousViolations(page)).toEqual([]);

    // The office is in the core, not just on screen: a reload shows it again.
    await page.reload();
    await page.getByTestId('office-name').waitFor();
    expect(await page.getByTestId('office-name').textContent()).toBe(OFFICE.name);
    await expectNoProblems(watch);
  });

  it('(e) the accessibility check is not vacuous: it catches a planted unlabeled field', async () => {
    const h = await host();
    const page = await newPage();
    await page.goto(h.url);
    await page.getByRole('heading', { name: 'Set up your office' }).waitFor();
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'text';
      document.querySelector('main')?.append(input);
    });
    const ids = (await seriousViolations(page)).map((v) => v.id);
    expect(ids).toContain('label');
  });

  it('(c) shows the office-local date, not UTC, under a frozen clock', async () => {
    // 23:30 UTC on 23 November is already 00:30 on the 24th in Warsaw.
    const h = await host({ clock: '2026-11-23T23:30:00Z', tz: 'Europe/Warsaw' });
    expect(h.output()).toMatch(/clock is frozen at 2026-11-23T23:30:00\.000Z/);
    // A browser in UTC would say the 23rd if the renderer computed the date itself.
    const page = await newPage({ timezoneId: 'UTC' });
    const watch = await watchPage(page);
    await page.goto(h.url);
    await page.getByRole('heading', { name: 'Set up your office' }).waitFor();
    await fillOffice(page, OFFICE);
    await page.getByRole('button', { name: 'Create office' }).click();
    await page.getByTestId('today').waitFor();
    expect(await page.getByTestId('today').getAttribute('datetime')).toBe('2026-11-24');
    expect(await page.getByTestId('today').textContent()).toBe('wtorek, 24 listopada 2026');
    await expectNoProblems(watch);
  });

  it('(d) a second browser session sees the office appear without a reload', async () => {
    const h = await host({ tz: 'Europe/Warsaw' });
    const first = await newPage();
    const second = await newPage();
    const watchFirst = await watchPage(first);
    const watchSecond = await watchPage(second);
    await second.goto(h.url);
    await second.getByRole('heading', { name: 'Set up your office' }).waitFor();
    // Survives only if the page is never reloaded.
    await second.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));

    await first.goto(h.url);
    await first.getByRole('heading', { name: 'Set up your office' }).waitFor();
    await fillOffice(first, OFFICE);
    await first.getByRole('button', { name: 'Create office' }).click();
    await first.getByTestId('office-name').waitFor();

    await second.getByTestId('office-name').waitFor({ timeout: 10_000 });
    expect(await second.getByTestId('office-name').textContent()).toBe(OFFICE.name);
    expect(await second.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
    await expectNoProblems(watchFirst);
    await expectNoProblems(watchSecond);
  });

  it('moves an office to a new desk: export everything on one, import it at first run on the other', async () => {
    const from = await host({ tz: 'Europe/Warsaw' });
    const page = await newPage();
    await page.goto(from.url);
    await page.getByRole('heading', { name: 'Set up your office' }).waitFor();
    await fillOffice(page, OFFICE);
    await page.getByRole('button', { name: 'Create office' }).click();
    await page.getByTestId('office-name').waitFor();
    // The signed-in admin exports (through the page's own session, as the Backups tab does).
    const exported = await page.evaluate(async () => {
      const r = await fetch('/api/invoke/backups%3AexportAll', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return ((await r.json()) as { data: { fileName: string; records: number } }).data;
    });
    expect(exported.records).toBeGreaterThan(10);

    const to = await host({ tz: 'Europe/Warsaw' });
    const other = await newPage();
    const watch = await watchPage(other);
    await other.goto(to.url);
    const offer = other.getByTestId('restore-offer');
    await offer.getByText('No export file is waiting there yet.').waitFor();
    const incoming = path.join(to.dataDir, 'incoming');
    expect(await offer.locator('code').first().textContent()).toBe(incoming);
    mkdirSync(incoming, { recursive: true });
    copyFileSync(
      path.join(from.dataDir, 'exports', exported.fileName),
      path.join(incoming, exported.fileName),
    );
    await offer.getByRole('button', { name: 'Look again' }).click();
    await offer.getByText(exported.fileName).waitFor();
    await saveScreenshot(other, 'first-run-restore-waiting');
    expect(await seriousViolations(other)).toEqual([]);
    await offer.getByRole('button', { name: 'Import' }).click();
    // The imported office, with its own admin: its sign-in screen, then its home screen.
    await other.getByLabel('Hasło').waitFor();
    await other.getByLabel('Login').fill(ADMIN.login);
    await other.getByLabel('Hasło').fill(ADMIN.password);
    await other.keyboard.press('Enter');
    await other.getByTestId('office-name').waitFor();
    expect(await other.getByTestId('office-name').textContent()).toBe(OFFICE.name);
    await expectNoProblems(watch);
  });

  it('stops cleanly on SIGTERM and releases the data folder', async () => {
    const h = await startBuiltHost({ tz: 'Europe/Warsaw' });
    const page = await newPage();
    await page.goto(h.url);
    await page.getByRole('heading', { name: 'Set up your office' }).waitFor();
    await fillOffice(page, OFFICE);
    await page.getByRole('button', { name: 'Create office' }).click();
    await page.getByTestId('office-name').waitFor();
    // An open event stream must not keep the host alive.
    const code = await h.stop({ keepData: true });
    expect(code).toBe(0);
    expect(existsSync(path.join(h.dataDir, 'regio.lock'))).toBe(false);

    // The same folder opens again with the office in it.
    const again = await host({ dataDir: h.dataDir });
    const r = await fetch(`${again.origin}/api/invoke/office%3Aget`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${again.token}` },
      body: '{}',
    });
    expect(((await r.json()) as { data: { name: string } }).data.name).toBe(OFFICE.name);
    expect(await again.stop()).toBe(0);
    rmSync(h.dataDir, { recursive: true, force: true });
  });
});
