import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDetail, ActionRow, BudgetRow } from '../../shared/contract/actions.schema';
import type { ClientCard, ClientRow } from '../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../shared/contract/dictionaries.schema';
import type { SessionState } from '../../shared/contract/users.schema';
import type { VisitDetail } from '../../shared/contract/visits.schema';
import { DEMO_LOGINS } from '../../main/core/demo/demo-logins';
import { pdfText } from '../../main/core/testing/pdf-text';
import { formatMoney } from '../../renderer/src/i18n/format';
import { rawCall } from './support/api';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { watchPage } from './support/page-watch';
import { openDemo } from './support/desk';
import { assertBuilt } from './support/paths';
import { saveScreenshot } from './support/screenshots';
import { ActionPage, ActionWizardPage } from './pages/actions.page';
import type { WizardInput } from './pages/actions.page';
import { ShellPage } from './pages/shell.page';
import { SignInPage } from './pages/sign-in.page';

// Issue 7 end to end, the story of the source article, in the Polish demo office (key screens also
// in Czech). The manager sets the rep's budget for November; the rep registers a leaflet action for
// a store through the wizard (the available budget drops by the agreed amount); both visits planned
// in its period (one before, one after the registration) carry the verification task; on one the
// rep records the display met (with a note) and the leaflet not met. The host restarts with a later
// clock: the period is over, the rep recommends a partial settlement; the manager sees it in the
// queue, approves less in products, prints the settlement order (a real PDF, its text parsed), the
// budget shows the committed amount and the released rest; HQ's confirmation settles it. The
// failure path: another action is closed without settlement, its reservation released. The guard:
// a registration over the available budget is refused naming the available amount, and nothing
// changes. The demo office may hold actions of its own: every figure is checked as a difference.

const TZ = 'Europe/Warsaw';
/** A Monday in November: both actions start within the week. */
const CLOCK = '2026-11-23T09:30:00Z';
/** A week later, still November: both periods are over, the budget month is the same. */
const LATER = '2026-11-30T09:30:00Z';
const MONTH = '2026-11';
const CONDITIONS = ['Ekspozycja na półce', 'Gazetka w strefie kas'] as const;
/** What the manager gives the rep on top of what the month already holds. */
const HEADROOM = 500_000;
const STORY = {
  title: 'Gazetka świąteczna klienta – woda mineralna na półce przy wejściu i w strefie kas',
  start: '2026-11-23',
  end: '2026-11-25',
  agreed: 120_000,
};
const RECOMMENDED = 100_000;
const APPROVED = 90_000;
const LINES = [
  { quantity: 12, unitValue: 4_500 },
  { quantity: 8, unitValue: 4_500 },
] as const;
const FAILED = {
  title: 'Degustacja soków w weekend',
  start: '2026-11-24',
  end: '2026-11-25',
  agreed: 80_000,
};
const VISIT_DATES = ['2026-11-23', '2026-11-25'] as const;

let browser: Browser;
let host: RunningHost;
const desks: BrowserContext[] = [];
const watches = new Map<Page, Awaited<ReturnType<typeof watchPage>>>();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regio-e2e-actions-'));

/** Who and what the story is about, found through the rep's own commands. */
let repId: string;
let client: ClientRow;
let contactId: string;
let modes: DictionaryItem[];
/** What the month held before the story (the demo's own actions), and the budget set. */
let before: BudgetRow;
let budget: number;
const visitIds: string[] = [];
let storyId: string;
let storyNumber: string;
let failedId: string;

/** A translation key shown instead of its text ("actions:stage.running", "wizard.next"). */
const RAW_KEY =
  /\b(?:actions|actionDetail|settlements|visits|home|common|errors|validation):[a-z_.]+|\b(?:wizard|list|budget|dialog|buttons|alerts|stage|method|task|done|verification|history|errors|validation)\.[a-z_]+\b/;

/** The amount as the UI writes it, spaces normalised (Intl groups with no-break spaces). */
const money = (minor: number, lang: 'pl' | 'cs' = 'pl') => flat(formatMoney(minor, 'PLN', lang));
const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
/** The amount as a person types it: "1200,00". */
const typed = (minor: number) => `${Math.trunc(minor / 100)},${String(minor % 100).padStart(2, '0')}`;

async function check(page: Page, name: string, opts: { dialog?: boolean } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await saveScreenshot(page, name, { fullPage: !opts.dialog });
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  // No translation key ever shows raw ("actions:stage.running", "wizard.next").
  const text = await page.locator('body').innerText();
  expect(text, name).not.toMatch(RAW_KEY);
}

async function data<T>(page: Page, command: string, input: unknown): Promise<T> {
  const r = await rawCall<T>(page, command, input);
  expect(r.ok, `${command}: ${JSON.stringify(r)}`).toBe(true);
  return r.data;
}

async function language(page: Page, lang: 'pl' | 'cs'): Promise<void> {
  await page.getByTestId('language-select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function signedIn(role: 'manager' | 'rep'): Promise<Page> {
  // A desk of its own per person: the session cookie is per browser context.
  const desk = await browser.newContext({
    locale: 'pl-PL',
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  desks.push(desk);
  const page = await desk.newPage();
  watches.set(page, await watchPage(page));
  await page.goto(host.url);
  const signIn = new SignInPage(page);
  await signIn.waitFor();
  const who = DEMO_LOGINS.find((d) => d.role === role)!;
  await signIn.fill(who.login, who.password);
  await signIn.submit();
  await new ShellPage(page).waitUntilSignedIn();
  await language(page, 'pl');
  return page;
}

async function signOut(page: Page): Promise<void> {
  // Nothing went wrong in the page meanwhile (no console errors, no failed requests).
  expect(await watches.get(page)!.problems()).toEqual([]);
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-form').waitFor();
  await page.close();
}

async function figures(page: Page): Promise<BudgetRow> {
  const rows = await data<BudgetRow[]>(page, 'budgets:list', { month: MONTH, repId });
  return rows.find((r) => r.repId === repId)!;
}

/** The budget screen's row of the rep, once its figures are on screen. */
async function budgetRow(page: Page) {
  await page.goto(new URL('#/actions/budget', host.url).toString());
  await page.locator(`[data-testid="budget-month"][data-month="${MONTH}"]`).waitFor();
  const row = page.locator(`[data-testid="budget-row"][data-rep="${repId}"]`);
  await row.waitFor();
  const value = async (f: string) => Number(await row.getByTestId(`figure-${f}`).getAttribute('data-value'));
  return { row, value };
}

async function planVisit(page: Page, date: string, time: string): Promise<string> {
  const d = await data<VisitDetail>(page, 'visits:plan', {
    clientId: client.id,
    contactId,
    date,
    time,
    subject: 'Kontrola gazetki i ekspozycji wody mineralnej',
  });
  return d.visit.id;
}

async function startHost(clock: string, dataDir?: string): Promise<RunningHost> {
  return startBuiltHost({ clock, tz: TZ, ...(dataDir ? { dataDir } : {}) });
}

beforeAll(async () => {
  assertBuilt();
  [browser, host] = await Promise.all([launchChromium(), startHost(CLOCK)]);
  await openDemo(host, 'pl');

  // The store: a client of the rep's with a reachable contact and no local actions yet, the
  // longest name of a few (the screens must wrap it).
  const rep = await signedIn('rep');
  repId = (await data<SessionState>(rep, 'auth:session', {})).user!.id;
  modes = await data<DictionaryItem[]>(rep, 'dictionaries:list', { kind: 'actionMode' });
  const { rows } = await data<{ rows: ClientRow[] }>(rep, 'clients:list', {
    repId,
    status: 'active',
    limit: 200,
  });
  const candidates: Array<{ client: ClientRow; contactId: string }> = [];
  for (const c of [...rows].sort((a, b) => b.name.length - a.name.length)) {
    const card = await data<ClientCard>(rep, 'clients:get', { id: c.id });
    const contact = card.contacts.find((x) => x.phones.length > 0);
    const actions = await data<ActionRow[]>(rep, 'actions:list', { clientId: c.id });
    if (contact && actions.length === 0) candidates.push({ client: c, contactId: contact.id });
    if (candidates.length >= 1) break;
  }
  expect(candidates.length, 'the demo rep has a client with a contact and no actions').toBeGreaterThan(0);
  ({ client, contactId } = candidates[0]!);
  await signOut(rep);
}, 180_000);

afterAll(async () => {
  for (const d of desks) await d.close();
  await browser?.close();
  expect(await host?.stop()).toBe(0);
  if (host) rmSync(host.dataDir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('before the period (23 November)', () => {
  it('the manager sets the rep’s budget for the month on the budget screen', async () => {
    const manager = await signedIn('manager');
    before = await figures(manager);
    budget = before.reserved + before.committed + HEADROOM;
    const { row, value } = await budgetRow(manager);
    expect(await value('reserved')).toBe(before.reserved);
    await check(manager, 'actions-budget-manager');

    await row.getByTestId('budget-set').click();
    const dialog = manager.getByTestId('budget-dialog');
    await dialog.waitFor();
    await manager.getByTestId('budget-amount').fill(typed(budget));
    await manager.getByTestId('budget-note').fill('Budżet na akcje przedświąteczne');
    await check(manager, 'actions-budget-dialog', { dialog: true });
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => value('budget')).toBe(budget);
    expect(await value('available')).toBe(HEADROOM);
    expect(flat(await row.getByTestId('figure-available').textContent())).toBe(money(HEADROOM));
    await check(manager, 'actions-budget-set');
    await signOut(manager);
  });

  describe('the rep', () => {
    let rep: Page;
    const wizardInput = (): WizardInput => ({
      clientQuery: client.name.slice(0, 20),
      clientId: client.id,
      start: STORY.start,
      end: STORY.end,
      mode: modes.find((m) => m.code === 'leaflet')!.labels.pl,
      title: STORY.title,
      description:
        'Klient umieszcza nasze produkty w gazetce świątecznej i wystawia je na półce przy wejściu; ' +
        'gazetki leżą w strefie kas przez cały okres akcji.',
      conditions: [...CONDITIONS],
      products: 2,
      method: 'products',
      amount: typed(STORY.agreed),
      month: MONTH,
    });

    it('sees the list (and an empty one), with a visit already planned in the coming period', async () => {
      rep = await signedIn('rep');
      visitIds.push(await planVisit(rep, VISIT_DATES[0], '15:00'));
      await rep.getByTestId('nav-actions').click();
      await rep.getByTestId('screen-actions').waitFor();
      await rep.getByTestId('actions-count').waitFor();
      await check(rep, 'actions-list-rep');
      // Whatever the demo holds, a search for nothing shows the empty list.
      await rep.getByTestId('actions-search').fill('Żadna taka akcja');
      await rep.getByTestId('actions-search').press('Enter');
      await rep.getByTestId('actions-empty').waitFor();
      await check(rep, 'actions-list-empty');
      await rep.getByTestId('actions-clear').click();
      await rep.getByTestId('actions-search').waitFor();
      await expect.poll(() => rep.getByTestId('actions-search').inputValue()).toBe('');
    });

    it('registers the leaflet action through the wizard; the available budget drops by the amount', async () => {
      const wizard = new ActionWizardPage(rep);
      const input = wizardInput();
      await wizard.open();
      await wizard.chooseClient(input);
      await check(rep, 'actions-wizard-client');
      await wizard.next(2);
      // A step is checked before the next: what is missing is named at its field.
      await rep.getByTestId('wizard-next').click();
      await wizard.step(2).locator('.field__error').first().waitFor();
      await check(rep, 'actions-wizard-period-errors');
      await wizard.fillPeriod(input);
      await check(rep, 'actions-wizard-period');
      await wizard.next(3);
      await wizard.fillConditions(input);
      await check(rep, 'actions-wizard-conditions');
      await wizard.next(4);
      await wizard.fillSettlement(input);
      expect(Number(await rep.getByTestId('wizard-available').getAttribute('data-available'))).toBe(HEADROOM);
      expect(flat(await rep.getByTestId('wizard-after').textContent())).toContain(
        money(HEADROOM - STORY.agreed),
      );
      await check(rep, 'actions-wizard-settlement');

      await rep.getByTestId('wizard-register').click();
      const action = new ActionPage(rep);
      await rep.locator('[data-testid="action-screen"][data-stage="running"]').waitFor();
      storyId = (await action.screen.getAttribute('data-action-id'))!;
      storyNumber = flat(await rep.getByTestId('action-number').textContent());
      // The number carries the rep's code, so it is unique without asking anyone.
      expect(storyNumber).toMatch(/^LA\/2026\/11\/[A-Z0-9]+\/\d{4}$/);
      expect(flat(await rep.getByTestId('action-conditions').textContent())).toContain(CONDITIONS[1]);
      expect(await rep.getByTestId('action-products').locator('li').count()).toBe(2);
      expect(Number(await rep.getByTestId('budget-available').getAttribute('data-value'))).toBe(
        HEADROOM - STORY.agreed,
      );
      expect(flat(await rep.getByTestId('budget-holds').textContent())).toContain(money(STORY.agreed));
      await check(rep, 'actions-action-running');

      // The second visit is planned after the registration: it gets the task as well.
      visitIds.push(await planVisit(rep, VISIT_DATES[1], '10:00'));
      // The failure path's action, registered through the API: it starts tomorrow.
      const mode = modes.find((m) => m.code === 'tasting')!;
      const failed = await data<ActionDetail>(rep, 'actions:create', {
        register: true,
        fields: {
          clientId: client.id,
          title: FAILED.title,
          startDate: FAILED.start,
          endDate: FAILED.end,
          modeId: mode.id,
          description: 'Degustacja w sobotę i niedzielę.',
          conditions: ['Stoisko degustacyjne przy wejściu'],
          settlementMethod: 'invoice',
          agreedAmount: FAILED.agreed,
          budgetMonth: MONTH,
        },
      });
      failedId = failed.action.id;
      expect(failed.stage).toBe('planned');
      const now = await figures(rep);
      expect(now.reserved - before.reserved).toBe(STORY.agreed + FAILED.agreed);
      expect(now.available).toBe(HEADROOM - STORY.agreed - FAILED.agreed);
    });

    it('finds the verification task on both visits; records the display met with a note, the leaflet not met', async () => {
      const task = rep.locator(`[data-testid="action-task"][data-action-id="${storyId}"]`);
      // The later visit: the task lists the conditions, nothing recorded yet.
      await rep.goto(new URL(`#/visits/${visitIds[1]}`, host.url).toString());
      await task.waitFor();
      expect(
        await task
          .getByTestId('condition-row')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-item'))),
      ).toEqual([...CONDITIONS]);
      expect(await task.getByTestId('action-task-progress').getAttribute('data-done')).toBe('0');
      await check(rep, 'actions-visit-task-open');

      await rep.goto(new URL(`#/visits/${visitIds[0]}`, host.url).toString());
      await task.waitFor();
      const display = task.locator(`[data-testid="condition-row"][data-item="${CONDITIONS[0]}"]`);
      const leaflet = task.locator(`[data-testid="condition-row"][data-item="${CONDITIONS[1]}"]`);
      await display.getByTestId('condition-met').click();
      await expect.poll(() => display.getAttribute('data-met')).toBe('true');
      await display
        .getByTestId('condition-note')
        .fill('Woda na półce przy wejściu, 3 facingi, ceny widoczne.');
      await display.getByTestId('condition-note-save').click();
      await display.getByTestId('condition-note-save').waitFor({ state: 'detached' });
      await leaflet.getByTestId('condition-not-met').click();
      await expect.poll(() => leaflet.getAttribute('data-met')).toBe('false');
      // Nothing refused on the way; the leaflet has no photos.
      expect(await task.getByTestId('condition-error').count()).toBe(0);
      expect(await leaflet.getByTestId('condition-photo').count()).toBe(0);
      await expect.poll(() => task.getByTestId('action-task-progress').getAttribute('data-done')).toBe('2');
      await check(rep, 'actions-visit-verification');

      const detail = await data<ActionDetail>(rep, 'actions:get', { id: storyId });
      expect(detail.verifications.map((v) => v.visitId)).toEqual(expect.arrayContaining(visitIds));
      expect(detail.summary).toEqual([
        { item: CONDITIONS[0], met: 1, notMet: 0 },
        { item: CONDITIONS[1], met: 0, notMet: 1 },
      ]);
    });

    it('sees the other action planned, and the ending actions on the home screen', async () => {
      const action = new ActionPage(rep);
      await action.open(host.url, failedId);
      expect(await action.stage()).toBe('planned');
      await check(rep, 'actions-action-planned');

      await rep.getByTestId('nav-home').click();
      const ending = rep.getByTestId('alert-ending');
      // The story runs and ends within three days; the other has not started yet.
      await ending.locator(`[data-testid="alert-row"][data-id="${storyId}"]`).waitFor();
      expect(await ending.locator(`[data-testid="alert-row"][data-id="${failedId}"]`).count()).toBe(0);
      await check(rep, 'actions-home-rep');

      await rep.getByTestId('nav-actions').click();
      await rep.locator(`[data-testid="action-row"][data-id="${storyId}"]`).waitFor();
      await rep.locator(`[data-testid="action-row"][data-id="${failedId}"]`).waitFor();
      await check(rep, 'actions-list-rep-registered');
      await language(rep, 'cs');
      await check(rep, 'actions-list-rep-cs');
      await language(rep, 'pl');
      await signOut(rep);
    });
  });
});

describe('after the period (30 November, the host restarted on the same data)', () => {
  it('restarts with the later clock', async () => {
    for (const d of desks.splice(0)) await d.close();
    const dataDir = host.dataDir;
    expect(await host.stop({ keepData: true })).toBe(0);
    host = await startHost(LATER, dataDir);
  });

  describe('the rep', () => {
    let rep: Page;

    it('sees the action awaiting assessment with the verification summary, and recommends a partial settlement', async () => {
      rep = await signedIn('rep');
      const action = new ActionPage(rep);
      await action.open(host.url, storyId);
      expect(await action.stage()).toBe('awaiting_assessment');
      const rows = rep.getByTestId('verification-summary-row');
      await rows.first().waitFor();
      const summary = await rows.evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-met'), e.getAttribute('data-not-met')]),
      );
      expect(summary).toEqual([
        ['1', '0'],
        ['0', '1'],
      ]);
      const visit = rep.locator(`[data-testid="verification-visit"][data-visit-id="${visitIds[0]}"]`);
      expect(flat(await visit.textContent())).toContain('3 facingi');
      await check(rep, 'actions-action-awaiting');

      const dialog = await action.openStep('recommend');
      await rep.getByTestId('recommend-amount').fill(typed(RECOMMENDED));
      await rep
        .getByTestId('recommend-justification')
        .fill('Ekspozycja była przez cały okres, gazetki w strefie kas zabrakło: rekomenduję część kwoty.');
      await check(rep, 'actions-recommend-dialog', { dialog: true });
      await action.submit(dialog, 'recommended');
      expect(await action.historyEvents()).toContain('recommend');
      await check(rep, 'actions-action-recommended');
    });

    it('closes the other action without settlement: its reservation is released', async () => {
      const held = await figures(rep);
      const action = new ActionPage(rep);
      await action.open(host.url, failedId);
      expect(await action.stage()).toBe('awaiting_assessment');
      const dialog = await action.openStep('close');
      // The reasons come from the dictionary.
      await dialog.locator('[data-testid="close-reason"] option', { hasText: 'Sklep zamknięty' }).waitFor({
        state: 'attached',
      });
      await rep.getByTestId('close-reason').selectOption({ label: 'Sklep zamknięty' });
      await rep
        .getByTestId('close-note')
        .fill('Sklep zamknięty w weekend z powodu remontu, degustacja się nie odbyła.');
      await check(rep, 'actions-close-dialog', { dialog: true });
      await action.submit(dialog, 'closed_unsettled');
      expect(await action.historyEvents()).toContain('close');
      expect(flat(await rep.getByTestId('budget-holds').textContent())).not.toContain(money(FAILED.agreed));
      await check(rep, 'actions-action-closed');

      const { value } = await budgetRow(rep);
      expect(await value('reserved')).toBe(held.reserved - FAILED.agreed);
      expect(await value('available')).toBe(held.available + FAILED.agreed);
      await check(rep, 'actions-budget-rep');
    });

    it('is refused a registration over the available budget, the available amount named; nothing changes', async () => {
      const held = await figures(rep);
      const count = (await data<ActionRow[]>(rep, 'actions:list', {})).length;
      const over = held.available + 10_000;
      await rep.getByTestId('budget-actions-link').click();
      await rep.getByTestId('screen-actions').waitFor();
      const wizard = new ActionWizardPage(rep);
      await wizard.open();
      await wizard.fillAll({
        clientQuery: client.name.slice(0, 20),
        clientId: client.id,
        start: '2026-11-30',
        end: '2026-11-30',
        mode: modes.find((m) => m.code === 'display')!.labels.pl,
        title: 'Dodatkowa ekspozycja na koniec miesiąca',
        description: '',
        conditions: ['Paleta przy wejściu'],
        products: 0,
        method: 'invoice',
        amount: typed(over),
        month: MONTH,
      });
      await rep.getByTestId('wizard-register').click();
      const refusal = rep.getByTestId('budget-exceeded');
      await refusal.waitFor();
      expect(flat(await refusal.textContent())).toContain(money(held.available));
      expect(flat(await refusal.textContent())).toMatch(/listopad 2026/);
      await check(rep, 'actions-wizard-over-budget');
      await language(rep, 'cs');
      await expect.poll(async () => flat(await refusal.textContent())).toContain(money(held.available, 'cs'));
      await check(rep, 'actions-wizard-over-budget-cs');
      await language(rep, 'pl');

      // Still on the wizard, with nothing registered and nothing reserved.
      expect(await wizard.step(4).count()).toBe(1);
      expect((await data<ActionRow[]>(rep, 'actions:list', {})).length).toBe(count);
      expect(await figures(rep)).toEqual(held);
      await signOut(rep);
    });
  });

  describe('the manager', () => {
    let manager: Page;

    it('sees the recommendation on the home screen and in the queue, with its history, verification and budget impact', async () => {
      manager = await signedIn('manager');
      const alert = manager.getByTestId('alert-decision');
      await alert.locator(`[data-testid="alert-row"][data-id="${storyId}"]`).waitFor();
      await check(manager, 'actions-home-manager');

      await manager.getByTestId('nav-settlements').click();
      const row = manager.locator(`[data-testid="queue-row"][data-id="${storyId}"]`);
      await row.waitFor();
      expect(Number(await row.getByTestId('queue-recommended').getAttribute('data-value'))).toBe(RECOMMENDED);
      await check(manager, 'settlements-queue');
      await language(manager, 'cs');
      await check(manager, 'settlements-queue-cs');
      await language(manager, 'pl');

      await row.getByTestId('queue-open').click();
      const action = new ActionPage(manager);
      await action.loaded(storyId);
      expect(await action.stage()).toBe('recommended');
      expect(await action.historyEvents()).toEqual(expect.arrayContaining(['register', 'recommend']));
      await manager.getByTestId('verification-summary').waitFor();
      await manager.getByTestId('action-budget').waitFor();
      await check(manager, 'actions-action-manager-recommended');
    });

    it('approves less in products, within the approved amount', async () => {
      const action = new ActionPage(manager);
      const dialog = await action.openStep('approve');
      await manager.getByTestId('approve-amount').fill(typed(APPROVED));
      const lines = manager.getByTestId('approve-line');
      for (const [n, line] of LINES.entries()) {
        if (n > 0) await manager.getByTestId('approve-line-add').click();
        const row = lines.nth(n);
        const product = row.getByTestId('approve-line-product');
        // The promoted products are offered first.
        await product.locator('optgroup option').nth(n).waitFor({ state: 'attached' });
        const value = await product.locator('optgroup option').nth(n).getAttribute('value');
        await product.selectOption(value);
        await row.getByTestId('approve-line-quantity').fill(String(line.quantity));
        await row.getByTestId('approve-line-value').fill(typed(line.unitValue));
      }
      await expect
        .poll(async () => Number(await manager.getByTestId('approve-total').getAttribute('data-value')))
        .toBe(APPROVED);
      await check(manager, 'actions-approve-dialog', { dialog: true });
      await action.submit(dialog, 'approved');
      expect(await manager.getByTestId('action-order').getAttribute('data-kind')).toBe('products');
      const committed = Number(await manager.getByTestId('budget-committed').getAttribute('data-value'));
      expect(committed).toBe(before.committed + APPROVED);
      await check(manager, 'actions-action-approved');
    });

    it('prints the settlement order: a PDF naming the action, the client and the amount', async () => {
      const [download] = await Promise.all([
        manager.waitForEvent('download'),
        manager.getByTestId('action-print').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const file = path.join(tmp, 'polecenie.pdf');
      await download.saveAs(file);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(1000);
      const text = flat(await pdfText(bytes));
      expect(text).toContain('Polecenie rozliczenia');
      expect(text).toContain(storyNumber);
      expect(text).toContain(flat(client.name));
      expect(text).toContain(money(APPROVED));
      expect(text).toContain(CONDITIONS[1]);
    });

    it('sees on the budget screen the approved amount committed and the rest released', async () => {
      const { row, value } = await budgetRow(manager);
      expect(await value('budget')).toBe(budget);
      // Both of the story's reservations are gone: one approved (less), one closed.
      expect(await value('reserved')).toBe(before.reserved);
      expect(await value('committed')).toBe(before.committed + APPROVED);
      expect(await value('available')).toBe(HEADROOM - APPROVED);
      await check(manager, 'actions-budget-approved');

      // A budget below what the month holds is refused, with the figures that block it.
      await row.getByTestId('budget-set').click();
      const dialog = manager.getByTestId('budget-dialog');
      await manager.getByTestId('budget-amount').fill('100,00');
      await dialog.getByTestId('dialog-submit').click();
      const blocked = dialog.getByTestId('budget-blocked');
      await blocked.waitFor();
      expect(Number(await blocked.getAttribute('data-minimum'))).toBe(
        before.reserved + before.committed + APPROVED,
      );
      await check(manager, 'actions-budget-refused', { dialog: true });
      await dialog.getByRole('button', { name: 'Anuluj' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await value('budget')).toBe(budget);

      await row.getByTestId('figure-committed').click();
      const list = manager.getByTestId('figure-actions');
      await list.locator(`[data-testid="figure-action-row"][data-id="${storyId}"]`).waitFor();
      await check(manager, 'actions-budget-committed-list', { dialog: true });
      await list.getByRole('button').last().click();
      await list.waitFor({ state: 'detached' });
    });

    it('records HQ’s confirmation: the action is settled with the final amount', async () => {
      await manager.getByTestId('nav-settlements').click();
      await manager.getByTestId('tab-approved').click();
      const row = manager.locator(`[data-testid="approved-row"][data-id="${storyId}"]`);
      await row.waitFor();
      expect(Number(await row.getByTestId('approved-amount').getAttribute('data-value'))).toBe(APPROVED);
      await check(manager, 'settlements-approved');

      await row.getByTestId('approved-open').click();
      const action = new ActionPage(manager);
      await action.loaded(storyId);
      const dialog = await action.openStep('settle');
      // Prefilled with the approved amount.
      expect(await manager.getByTestId('settle-amount').inputValue()).toMatch(/^900(,00)?$/);
      await manager.getByTestId('settle-reference').fill('Centrala: potwierdzenie CR/2026/11/0173');
      await check(manager, 'actions-settle-dialog', { dialog: true });
      await action.submit(dialog, 'settled');
      expect(await action.historyEvents()).toEqual(
        expect.arrayContaining(['register', 'recommend', 'approve', 'settle']),
      );
      const detail = await data<ActionDetail>(manager, 'actions:get', { id: storyId });
      expect(detail.action.finalAmount).toBe(APPROVED);
      expect(detail.budget?.settled).toBe(before.settled + APPROVED);
      await check(manager, 'actions-action-settled');
      await language(manager, 'cs');
      await check(manager, 'actions-action-settled-cs');
      await language(manager, 'pl');
    });

    it('sees both actions on the client’s timeline', async () => {
      await manager.goto(new URL(`#/clients/${client.id}`, host.url).toString());
      const items = manager.locator('[data-testid="timeline-item"][data-kind="action"]');
      await items.first().waitFor();
      // Every step is a line of its own, the whole history shown.
      while (await manager.getByTestId('timeline-more').count())
        await manager.getByTestId('timeline-more').click();
      const steps = async (text: string) =>
        (await items.filter({ hasText: text }).locator('.client-card__event-status').allTextContents()).map(
          flat,
        );
      expect(await steps(storyNumber)).toEqual(
        expect.arrayContaining([
          'Zarejestrowana',
          'Zarekomendowana do rozliczenia',
          'Zatwierdzona',
          'Rozliczona',
        ]),
      );
      expect(await steps(FAILED.title)).toEqual(
        expect.arrayContaining(['Zarejestrowana', 'Zamknięta bez rozliczenia']),
      );
      await check(manager, 'actions-client-timeline');
      await signOut(manager);
    });
  });
});
