import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRow } from '../../shared/contract/clients.schema';
import type { PlanCounters, PlanRow } from '../../shared/contract/plans.schema';
import type { SessionState } from '../../shared/contract/users.schema';
import { launchChromium } from './support/chromium';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { checkScreen, dataOf, Desks, openDemo, setLanguage } from './support/desk';
import { assertBuilt } from './support/paths';

// Issue 8's first part end to end, in the Polish demo office (screens also in Czech): the manager
// sets the rep's targets for the month on the plans screen; the rep records a won deal through the
// dialog; the manager's home counter, open on another desk the whole time, moves by one without a
// reload (data:changed); the deals list and the plans table agree with it. The demo holds plans and
// deals of its own: every figure is checked as a difference.

const CLOCK = '2026-11-23T09:30:00Z';
const TODAY = '2026-11-23';
const MONTH = '2026-11';
const DEAL = { title: 'Kontrakt na dostawy wody mineralnej – sezon zimowy', value: 245_000 };

let browser: Browser;
let host: RunningHost;
let repId: string;
let client: ClientRow;
let manager: Page;
let rep: Page;
let counterBefore: PlanCounters;

/** A translation key shown instead of its text. */
const RAW_KEY = /\bplans:[a-z_.]+|\b(?:metric|counters|dialog)\.[a-z_]+\b/;

const check = (page: Page, name: string, opts: { dialog?: boolean } = {}) =>
  checkScreen(page, name, { ...opts, rawKey: RAW_KEY });
const data = dataOf;
const language = setLanguage;
const desks = new Desks(
  () => browser,
  () => host.url,
);
const signedIn = (role: 'manager' | 'rep') => desks.open(role);

/** The figure a progress element shows, read from its data attributes. */
async function progress(page: Page, scope: string, metric: 'deals' | 'meetings' | 'contacts') {
  const el = page.locator(scope).getByTestId(`progress-${metric}`);
  await el.waitFor();
  return {
    actual: Number(await el.getAttribute('data-actual')),
    target: await el.getAttribute('data-target'),
  };
}

beforeAll(async () => {
  assertBuilt();
  [browser, host] = await Promise.all([
    launchChromium(),
    startBuiltHost({ clock: CLOCK, tz: 'Europe/Warsaw' }),
  ]);
  await openDemo(host, 'pl');
  [manager, rep] = [await signedIn('manager'), await signedIn('rep')];
  repId = (await data<SessionState>(rep, 'auth:session', {})).user!.id;
  const { rows } = await data<{ rows: ClientRow[] }>(rep, 'clients:list', {
    repId,
    status: 'active',
    limit: 50,
  });
  // The longest name of a few: the dialog and the list must wrap it.
  client = [...rows].sort((a, b) => b.name.length - a.name.length)[0]!;
}, 180_000);

afterAll(async () => {
  await desks.close();
  await browser?.close();
  await host?.stop();
});

describe('a sales plan and a won deal, seen live on the manager’s desk', () => {
  it('the manager sets the rep’s targets for the month on the plans screen', async () => {
    await manager.goto(new URL('#/reports', host.url).toString());
    const row = manager.locator(`[data-testid="plan-row"][data-rep="${repId}"]`);
    await row.waitFor();
    const before = (await data<PlanRow[]>(manager, 'plans:list', { month: MONTH, repId }))[0]!;
    await check(manager, 'plans-manager');
    await row.getByTestId('plan-set').click();
    const dialog = manager.getByTestId('plan-dialog');
    await dialog.waitFor();
    // A bad number is refused at its field, and nothing is sent.
    await dialog.getByTestId('plan-target-deals').fill('-3');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.locator('[aria-invalid="true"]').first().waitFor();
    await check(manager, 'plans-set-dialog-error', { dialog: true });
    expect((await data<PlanRow[]>(manager, 'plans:list', { month: MONTH, repId }))[0]!.targets).toEqual(
      before.targets,
    );
    // Targets just above what the month already holds, so the counter has somewhere to go.
    const targets = {
      contacts: before.actuals.contacts + 20,
      meetings: before.actuals.meetings + 10,
      deals: before.actuals.deals + 4,
    };
    for (const m of ['contacts', 'meetings', 'deals'] as const)
      await dialog.getByTestId(`plan-target-${m}`).fill(String(targets[m]));
    await dialog.getByTestId('plan-note').fill('Cel na sezon zimowy – więcej kontraktów sezonowych.');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await manager.waitForFunction(
      ([rid, t]) =>
        document
          .querySelector(`[data-testid="plan-row"][data-rep="${rid}"] [data-testid="progress-deals"]`)
          ?.getAttribute('data-target') === String(t),
      [repId, targets.deals] as const,
    );
    const after = (await data<PlanRow[]>(manager, 'plans:list', { month: MONTH, repId }))[0]!;
    expect(after).toMatchObject({ isSet: true, targets });
    expect(after.note).toContain('sezon');
    await check(manager, 'plans-manager-set');
  });

  it('the manager’s home shows the team’s counters before the deal', async () => {
    await manager.goto(new URL('#/', host.url).toString());
    await manager.getByTestId('plan-counters').getByTestId('progress-deals').waitFor();
    counterBefore = await data<PlanCounters>(manager, 'home:planCounters', {});
    const shown = await progress(manager, '[data-testid="plan-counter-deals"]', 'deals');
    expect(shown.actual).toBe(counterBefore.actuals.deals);
    expect(shown.target).toBe(String(counterBefore.targets.deals));
    await check(manager, 'plans-home-manager-before');
  });

  it('the rep records a won deal through the dialog (a bad amount refused first)', async () => {
    await rep.goto(new URL('#/reports/deals', host.url).toString());
    // The month's deals as the core has them, and the list once it shows them all (counting rows
    // while the list still loads would count none).
    const dealsBefore = (
      await data<unknown[]>(rep, 'deals:list', { repId, from: `${MONTH}-01`, to: `${MONTH}-30` })
    ).length;
    await rep.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="deal-row"]').length === n,
      dealsBefore,
    );
    await check(rep, 'deals-rep');
    await rep.getByTestId('deal-record').click();
    const dialog = rep.getByTestId('deal-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('deal-client-search').fill(client.name.split(' ').slice(0, 2).join(' '));
    await dialog.locator(`[data-testid="deal-client-option"][data-id="${client.id}"]`).click();
    await dialog.getByTestId('deal-client').waitFor();
    await dialog.getByTestId('deal-title').fill(DEAL.title);
    expect(await dialog.getByTestId('deal-closed').inputValue()).toBe(TODAY);
    await dialog.getByTestId('deal-value').fill('12,345');
    await dialog.getByTestId('deal-outcome-won').check();
    await dialog.getByTestId('dialog-submit').click();
    await dialog.locator('[aria-invalid="true"]').first().waitFor();
    await check(rep, 'deals-dialog-error', { dialog: true });
    await dialog.getByTestId('deal-value').fill('2450,00');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await rep.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="deal-row"]').length === n,
      dealsBefore + 1,
    );
    const row = rep.locator('[data-testid="deal-row"]', { hasText: DEAL.title });
    expect(await row.getAttribute('data-outcome')).toBe('won');
    expect(Number(await row.getByTestId('deal-value').getAttribute('data-value'))).toBe(DEAL.value);
    await check(rep, 'deals-rep-recorded');
  });

  it('the manager’s counter moved by one without a reload, and the plans table agrees', async () => {
    // The manager's page was never reloaded: the change arrived as a data:changed event.
    await manager.waitForFunction(
      (n) =>
        document
          .querySelector('[data-testid="plan-counter-deals"] [data-testid="progress-deals"]')
          ?.getAttribute('data-actual') === String(n),
      counterBefore.actuals.deals + 1,
    );
    const now = await data<PlanCounters>(manager, 'home:planCounters', {});
    expect(now.actuals.deals).toBe(counterBefore.actuals.deals + 1);
    expect(now.actuals.wonValue).toBe(counterBefore.actuals.wonValue + DEAL.value);
    await check(manager, 'plans-home-manager-after');
    await manager.goto(new URL('#/reports', host.url).toString());
    const row = (await data<PlanRow[]>(manager, 'plans:list', { month: MONTH, repId }))[0]!;
    expect((await progress(manager, `[data-testid="plan-row"][data-rep="${repId}"]`, 'deals')).actual).toBe(
      row.actuals.deals,
    );
  });

  it('reads in Czech: plans, deals and the rep’s home', async () => {
    await language(manager, 'cs');
    await manager.getByTestId('plans-table').waitFor();
    await check(manager, 'plans-manager-cs');
    await language(rep, 'cs');
    await rep.goto(new URL('#/reports/deals', host.url).toString());
    await rep.getByTestId('deals-table').waitFor();
    await check(rep, 'deals-rep-cs');
    await rep.goto(new URL('#/', host.url).toString());
    await rep.getByTestId('plan-counters').getByTestId('progress-deals').waitFor();
    await check(rep, 'plans-home-rep-cs');
  });
});
