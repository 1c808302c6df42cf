import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, ClientRow } from '../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../shared/contract/dictionaries.schema';
import type { SessionState } from '../../shared/contract/users.schema';
import type { RepCounters, VisitDetail } from '../../shared/contract/visits.schema';
import { DEMO_LOGINS } from '../../main/core/demo/demo-logins';
import { shelfPhotoPng } from '../../main/core/demo/demo-visits.builder';
import { buildCsv } from '../../main/core/imports/testing/fixture-files';
import { seededRng } from '../../shared/domain/rng';
import { rawCall } from './support/api';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { watchPage } from './support/page-watch';
import { openDemo } from './support/desk';
import { assertBuilt } from './support/paths';
import { saveScreenshot } from './support/screenshots';
import { ShellPage } from './pages/shell.page';
import { SignInPage } from './pages/sign-in.page';

// Issue 6 end to end, in the demo office (Polish, one screen also in Czech): the admin defines a
// visit standard with mandatory steps for one segment; the rep plans a visit to a client of that
// segment (refused first without a contact person and a subject, each named), sees the standard's
// steps in order, cannot complete the visit while a mandatory step is open (the steps are named),
// is refused a completion without a result, attaches a shelf photo, does the steps and completes
// it; the operator imports a telephony file without a header row by column position, imports it
// again (nothing added) and triages its unknown numbers from the keyboard.

const CLOCK = '2026-11-23T09:30:00Z';
const TODAY = '2026-11-23';
const STANDARD = 'Standard wizyty „Żabka” – półka chłodnicza';
const STEPS = ['Ekspozycja na półce', 'Zdjęcie półki', 'Uwagi kierownika sklepu'];

let browser: Browser;
let host: RunningHost;
const desks: BrowserContext[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regio-e2e-visits-'));

/** What the rep's visit is planned for: a client of the rep's, of a segment, with a reachable contact. */
let target: { client: ClientRow; segment: DictionaryItem; contact: ClientCard['contacts'][number] };
const watch: Awaited<ReturnType<typeof watchPage>>[] = [];

async function check(page: Page, name: string, opts: { dialog?: boolean } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await saveScreenshot(page, name, { fullPage: !opts.dialog });
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function data<T>(page: Page, command: string, input: unknown): Promise<T> {
  const r = await rawCall<T>(page, command, input);
  expect(r.ok, `${command}: ${JSON.stringify(r)}`).toBe(true);
  return r.data;
}

async function signedIn(role: 'admin' | 'rep' | 'operator'): Promise<Page> {
  // A desk of its own per person: the session cookie is per browser context.
  const desk = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 860 } });
  desks.push(desk);
  const page = await desk.newPage();
  watch.push(await watchPage(page));
  await page.goto(host.url);
  const signIn = new SignInPage(page);
  await signIn.waitFor();
  const who = DEMO_LOGINS.find((d) => d.role === role)!;
  await signIn.fill(who.login, who.password);
  await signIn.submit();
  await new ShellPage(page).waitUntilSignedIn();
  await page.getByTestId('language-select').selectOption('pl');
  await page.waitForFunction(() => document.documentElement.lang === 'pl');
  return page;
}

async function signOut(page: Page): Promise<void> {
  // Nothing went wrong in the page meanwhile (no console errors, no failed requests).
  expect(await watch.at(-1)!.problems()).toEqual([]);
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-form').waitFor();
  await page.close();
}

beforeAll(async () => {
  assertBuilt();
  [browser, host] = await Promise.all([
    launchChromium(),
    startBuiltHost({ clock: CLOCK, tz: 'Europe/Warsaw' }),
  ]);
  await openDemo(host, 'pl');

  // The rep's client, found the way the rep's own screens find it.
  const rep = await signedIn('rep');
  const me = (await data<SessionState>(rep, 'auth:session', {})).user!;
  const segments = await data<DictionaryItem[]>(rep, 'dictionaries:list', { kind: 'segment' });
  const { rows } = await data<{ rows: ClientRow[] }>(rep, 'clients:list', { repId: me.id, limit: 200 });
  for (const client of rows) {
    const segment = segments.find((s) => s.id === client.segmentId);
    if (!segment) continue;
    const card = await data<ClientCard>(rep, 'clients:get', { id: client.id });
    const contact = card.contacts.find((c) => c.phones.length > 0);
    if (contact) {
      target = { client, segment, contact };
      break;
    }
  }
  expect(target, 'the demo rep has a client with a segment and a contact with a phone').toBeDefined();
  await signOut(rep);
}, 180_000);

afterAll(async () => {
  for (const d of desks) await d.close();
  await browser?.close();
  expect(await host?.stop()).toBe(0);
});

describe('the admin', () => {
  it('defines a visit standard for one segment, with mandatory steps in order', async () => {
    const admin = await signedIn('admin');
    await admin.goto(new URL('#/admin/standards', admin.url()).toString());
    await admin.getByTestId('standard-row').first().waitFor();
    await check(admin, 'visits-admin-standards');

    await admin.getByTestId('standard-new').click();
    const dialog = admin.getByTestId('standard-dialog');
    await dialog.waitFor();
    // Saving an empty standard names what it lacks, at the fields.
    await admin.getByTestId('standard-save').click();
    await dialog.locator('.field__error').first().waitFor();
    await check(admin, 'visits-admin-standard-errors', { dialog: true });

    await admin.getByTestId('standard-name').fill(STANDARD);
    await dialog
      .getByTestId('standard-segments')
      .getByLabel(target.segment.labels.pl, { exact: true })
      .check();
    const steps = dialog.getByTestId('step-row');
    await steps.nth(0).getByTestId('step-title').fill(STEPS[0]!);
    await steps.nth(0).getByTestId('step-items').fill('Produkty na półce\nCeny widoczne');
    await admin.getByTestId('step-add').click();
    await steps.nth(1).getByTestId('step-title').fill(STEPS[1]!);
    await steps.nth(1).getByTestId('step-kind').selectOption('photo');
    await admin.getByTestId('step-add').click();
    await steps.nth(2).getByTestId('step-title').fill(STEPS[2]!);
    await steps.nth(2).getByTestId('step-kind').selectOption('note');
    await steps.nth(2).getByTestId('step-mandatory').uncheck();
    await check(admin, 'visits-admin-standard-dialog', { dialog: true });
    await admin.getByTestId('standard-save').click();
    await dialog.waitFor({ state: 'detached' });
    const row = admin
      .getByTestId('standard-row')
      .filter({ has: admin.getByTestId('standard-name-cell').getByText(STANDARD, { exact: true }) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('standard-version').textContent()).toContain('1');
    await check(admin, 'visits-admin-standard-saved');
    await signOut(admin);
  });
});

describe('the rep', () => {
  let rep: Page;

  it('plans a visit: without a contact person and a subject it is refused, each item named', async () => {
    rep = await signedIn('rep');
    await rep.getByTestId('nav-visits').click();
    await rep.getByTestId('screen-agenda').waitFor();
    await rep.getByTestId('agenda-daycol').first().waitFor();
    await check(rep, 'visits-agenda-day');

    await rep.getByTestId('visit-plan').click();
    const dialog = rep.getByTestId('plan-dialog');
    await rep.getByTestId('plan-client').fill(target.client.name.slice(0, 24));
    await rep.getByTestId('plan-client-option').filter({ hasText: target.client.name }).first().click();
    await rep.getByTestId('plan-date').fill(TODAY);
    await rep.getByTestId('plan-time').fill('15:30');
    await rep.getByTestId('plan-save').click();
    const problem = dialog.getByTestId('visit-error');
    await problem.waitFor();
    const missing = await problem
      .locator('[data-missing]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-missing')));
    expect(missing).toEqual(['contact_name', 'contact_detail', 'subject']);
    expect(await problem.textContent()).toMatch(/temat/i);
    await check(rep, 'visits-plan-refused', { dialog: true });

    await rep.getByTestId('plan-contact').selectOption(target.contact.id);
    await rep.getByTestId('plan-subject').fill('Ekspozycja wody mineralnej przed sezonem świątecznym');
    await rep.getByTestId('plan-save').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('sees the standard’s steps in order on the visit, and cannot complete it while one is open', async () => {
    const row = rep
      .getByTestId('visit-row')
      .filter({ hasText: target.client.name })
      .filter({ hasText: '15:30' });
    await row.first().waitFor();
    await check(rep, 'visits-agenda-planned');
    await row.first().click();
    await rep.getByTestId('screen-visit').waitFor();
    const tasks = rep.getByTestId('task-row');
    await tasks.first().waitFor();
    const titles = await tasks.locator('.task-row__title').allTextContents();
    expect(titles.slice(0, 3)).toEqual(STEPS);
    expect(await tasks.nth(0).getAttribute('data-mandatory')).toBe('true');
    expect(await tasks.nth(2).getAttribute('data-mandatory')).toBe('false');
    await check(rep, 'visits-visit-tasks');

    await rep.getByTestId('visit-complete').click();
    await rep.getByTestId('visit-result').fill('Półka uzupełniona, kierownik zamówi dodatkową paletę.');
    await rep.getByTestId('visit-complete-save').click();
    const problem = rep.getByTestId('complete-dialog').getByTestId('visit-error');
    await problem.waitFor();
    const open = await problem.locator('[data-task-id]').allTextContents();
    expect(open).toEqual(expect.arrayContaining([STEPS[0], STEPS[1]]));
    expect(open).not.toContain(STEPS[2]);
    await check(rep, 'visits-complete-refused-tasks', { dialog: true });
    await rep.getByTestId('complete-dialog').getByRole('button', { name: 'Anuluj' }).click();
    expect(await rep.getByTestId('visit-status').getAttribute('class')).toContain('planned');
  });

  it('records the checklist, attaches a shelf photo, and the steps are done', async () => {
    const tasks = rep.getByTestId('task-row');
    const checklist = tasks.nth(0);
    for (const n of [0, 1]) {
      await checklist
        .getByTestId(`task-check-${n}`)
        .getByRole('button', { name: 'Spełnione', exact: true })
        .click();
      await expect.poll(() => checklist.getByTestId(`task-check-${n}`).getAttribute('data-met')).toBe('true');
    }
    await checklist.getByTestId('task-done').click();
    await expect.poll(() => checklist.getAttribute('data-status')).toBe('done');
    // Marking it done keeps what was ticked.
    expect(await checklist.getByTestId('task-check-1').getAttribute('data-met')).toBe('true');

    const photo = tasks.nth(1);
    // A file that is not an image is refused with a clear message, and nothing is attached.
    const notImage = path.join(tmp, 'notatki.txt');
    writeFileSync(notImage, 'to nie jest zdjęcie');
    await photo.getByTestId('task-photo').setInputFiles(notImage);
    await photo.getByTestId('task-error').waitFor();
    expect(await photo.getByTestId('task-thumb').count()).toBe(0);
    const file = path.join(tmp, 'półka.png');
    writeFileSync(file, shelfPhotoPng(seededRng(6)));
    await photo.getByTestId('task-photo').setInputFiles(file);
    await photo.getByTestId('task-thumb').waitFor();
    // The browser made a thumbnail and the core keeps it beside the photo.
    const visitId = (await rep.getByTestId('screen-visit').getAttribute('data-visit-id'))!;
    const detail = await data<VisitDetail>(rep, 'visits:get', { id: visitId });
    expect(detail.attachments.map((a) => a.thumbMimeType)).toEqual(['image/jpeg']);
    await photo.getByTestId('task-done').click();
    await expect.poll(() => photo.getAttribute('data-status')).toBe('done');
    await photo.getByTestId('task-thumb').waitFor();

    // Whatever else is mandatory today (the demo's promotions) is done as well.
    for (let i = 3; i < (await tasks.count()); i++) {
      const task = tasks.nth(i);
      if (
        (await task.getAttribute('data-mandatory')) === 'true' &&
        (await task.getAttribute('data-status')) === 'open'
      ) {
        await task.getByTestId('task-done').click();
        await expect.poll(() => task.getAttribute('data-status')).toBe('done');
      }
    }
    await check(rep, 'visits-visit-steps-done');
  });

  it('is refused a completion without a result (named), then completes the visit', async () => {
    await rep.getByTestId('visit-complete').click();
    const dialog = rep.getByTestId('complete-dialog');
    await rep.getByTestId('visit-complete-save').click();
    const problem = dialog.getByTestId('visit-error');
    await problem.waitFor();
    const missing = await problem
      .locator('[data-missing]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-missing')));
    expect(missing).toEqual(['result']);
    await check(rep, 'visits-complete-refused-result', { dialog: true });

    await rep.getByTestId('visit-result').fill('Półka uzupełniona, kierownik zamówi dodatkową paletę.');
    await rep.getByTestId('visit-complete-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rep.getByTestId('screen-visit').getAttribute('data-status')).toBe('done');
    expect(await rep.getByTestId('visit-result-text').textContent()).toContain('dodatkową paletę');
    // The photo stays on the visit once it is done (the manager sees it there too).
    await rep.getByTestId('task-row').nth(1).getByTestId('task-thumb').waitFor();
    await check(rep, 'visits-visit-done');

    // The home counters count it: today's visits done out of all not cancelled.
    await rep.getByTestId('nav-home').click();
    await rep.getByTestId('counters').waitFor();
    // The numbers on screen are the core's (which counts the visit just completed).
    const counters = await data<RepCounters>(rep, 'home:repCounters', {});
    expect(counters.visitsToday.done).toBeGreaterThanOrEqual(1);
    const { done, total } = counters.visitsToday;
    await expect.poll(() => rep.getByTestId('counter-visits').textContent()).toContain(`${done} z ${total}`);
    await check(rep, 'visits-home-counters');
    await signOut(rep);
  });
});

describe('the operator', () => {
  let op: Page;
  const UNKNOWN = ['+48 500 100 201', '+48 500 100 202'];
  let file: string;

  it('imports a call file without a header row, mapping the columns by position', async () => {
    op = await signedIn('operator');
    // The operator keeps no agenda: the section opens on the calls.
    await op.getByTestId('nav-visits').click();
    await op.getByTestId('screen-calls').waitFor();
    expect(await op.getByTestId('tab-calls').count()).toBe(0);
    await op.getByTestId('triage-row').or(op.getByTestId('triage-empty')).first().waitFor();
    await check(op, 'calls-operator');

    const phone = target.contact.phones[0]!;
    file = path.join(tmp, 'centrala-2026-11-20.csv');
    writeFileSync(
      file,
      buildCsv(
        [
          ['2026-11-20 10:15:00', phone, 'in', '95'],
          ['2026-11-20 11:00:00', phone, 'out', '40'],
          ['2026-11-20 12:30:00', UNKNOWN[0]!, 'in', '20'],
          ['2026-11-21 09:05:00', UNKNOWN[1]!, 'out', '0'],
        ],
        { delimiter: ';' },
      ),
    );
    await op.getByTestId('calls-file').setInputFiles(file);
    await op.getByTestId('calls-mapping').waitFor();
    if (await op.getByTestId('calls-header').isChecked()) await op.getByTestId('calls-header').uncheck();
    await expect.poll(() => op.getByTestId('calls-file-info').textContent()).toMatch(/4/);
    await op.getByTestId('calls-map-0').selectOption('startedAt');
    await op.getByTestId('calls-map-1').selectOption('number');
    await op.getByTestId('calls-map-2').selectOption('direction');
    await op.getByTestId('calls-map-3').selectOption('durationSec');
    expect(await op.getByTestId('calls-missing').count()).toBe(0);
    await check(op, 'calls-import-mapping');
    await op.getByTestId('calls-import').click();
    const result = op.getByTestId('calls-result');
    await result.waitFor();
    expect(await result.getByTestId('calls-result-added').getAttribute('data-value')).toBe('4');
    expect(await result.getByTestId('calls-result-to_triage').getAttribute('data-value')).toBe('2');
    await check(op, 'calls-import-result');
  });

  it('imports the same file again: nothing is added', async () => {
    await op.getByTestId('calls-file').setInputFiles(file);
    await op.getByTestId('calls-mapping').waitFor();
    await op.getByTestId('calls-import').click();
    await expect
      .poll(() => op.getByTestId('calls-result').getByTestId('calls-result-added').getAttribute('data-value'))
      .toBe('0');
    expect(
      await op.getByTestId('calls-result').getByTestId('calls-result-skipped').getAttribute('data-value'),
    ).toBe('4');
    await check(op, 'calls-import-again');
  });

  it('triages the unknown numbers with one key each: W for a wrong number, Enter to assign', async () => {
    const rowOf = (n: string) =>
      op.getByTestId('triage-row').filter({ hasText: n.replace(/\D/g, '').slice(-9) });
    const first = rowOf(UNKNOWN[0]!);
    const second = rowOf(UNKNOWN[1]!);
    await first.waitFor();
    await second.waitFor();
    const before = await op.getByTestId('triage-row').count();

    await first.focus();
    await op.keyboard.press('w');
    await first.waitFor({ state: 'detached' });
    expect(await op.getByTestId('triage-row').count()).toBe(before - 1);

    await second.focus();
    await op.keyboard.press('Enter');
    const dialog = op.getByTestId('triage-assign-dialog');
    await dialog.waitFor();
    await op.getByTestId('triage-search').fill(target.client.name.slice(0, 24));
    await op.getByTestId('triage-client').first().check();
    await check(op, 'calls-triage-assign', { dialog: true });
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await second.waitFor({ state: 'detached' });
    expect(await op.getByTestId('triage-row').count()).toBe(before - 2);
    await check(op, 'calls-triage-done');

    // In Czech as well.
    await op.getByTestId('language-select').selectOption('cs');
    await op.waitForFunction(() => document.documentElement.lang === 'cs');
    await check(op, 'calls-operator-cs');
    await signOut(op);
  });
});
