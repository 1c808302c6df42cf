import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../../main/core/demo/demo-logins';
import { rawCall } from './support/api';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { watchPage } from './support/page-watch';
import { openDemo } from './support/desk';
import { assertBuilt } from './support/paths';
import { saveScreenshot } from './support/screenshots';
import { ClientCardPage, ClientListPage, QueuePage } from './pages/clients.page';
import { ShellPage } from './pages/shell.page';
import { SignInPage } from './pages/sign-in.page';

// Issue 4 end to end, two desks on one office: the operator (in Polish) and a rep (in Czech), each
// in their own browser context, against the real core behind the browser host. The operator
// creates a client with a contact (a wrong NIP refused at the field), finds it again typed without
// diacritics, edits the phone and sees it in the history; the rep cannot edit the phone, files a
// correction that the operator accepts; the rep proposes a contact that the operator confirms; the
// operator erases a contact and its old values leave the history. Screenshots of every screen.

const CLOCK = '2026-11-23T09:30:00Z';
const NAME = 'Piekarnia Łączna – Źródło Smaku Spółka z ograniczoną odpowiedzialnością';
const NAME_TYPED = 'piekarnia laczna zrodlo';
const BAD_NIP = '123-456-78-90';
const GOOD_NIP = '526-000-12-46';

let browser: Browser;
let host: RunningHost;
const desks: Array<{ context: BrowserContext; page: Page; watch: Awaited<ReturnType<typeof watchPage>> }> =
  [];
let op: Page;
let rep: Page;
let clientUrl = '';

async function check(page: Page, name: string, opts: { dialog?: boolean } = {}): Promise<void> {
  await saveScreenshot(page, name, { fullPage: !opts.dialog });
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function desk(role: 'operator' | 'rep', lang: 'pl' | 'cs'): Promise<Page> {
  const context = await browser.newContext({
    locale: lang === 'pl' ? 'pl-PL' : 'cs-CZ',
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  desks.push({ context, page, watch: await watchPage(page) });
  await page.goto(host.url);
  const signIn = new SignInPage(page);
  await signIn.waitFor();
  const who = DEMO_LOGINS.find((d) => d.role === role)!;
  await signIn.fill(who.login, who.password);
  await signIn.submit();
  const shell = new ShellPage(page);
  await shell.waitUntilSignedIn();
  await page.getByTestId('language-select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  return page;
}

/** Calls the core as the page's signed-in user, the way a tampered renderer could. */
beforeAll(async () => {
  assertBuilt();
  [browser, host] = await Promise.all([
    launchChromium(),
    startBuiltHost({ clock: CLOCK, tz: 'Europe/Warsaw' }),
  ]);
  // The demo office (with its clients, chains and queue) is what both desks work in.
  await openDemo(host, 'pl');
  op = await desk('operator', 'pl');
  rep = await desk('rep', 'cs');
}, 120_000);

afterAll(async () => {
  for (const d of desks) await d.context.close();
  await browser?.close();
  expect(await host?.stop()).toBe(0);
});

describe('the operator keeps the client base', () => {
  it('shows the list of the demo office and finds nothing for nonsense, in Polish', async () => {
    const list = new ClientListPage(op);
    await list.open();
    await list.rows.first().waitFor();
    await check(op, 'clients-list-pl');
    await list.search.fill('zzzz-nic-takiego');
    await op.getByTestId('clients-no-match').waitFor();
    expect(await list.rows.count()).toBe(0);
    await check(op, 'clients-list-empty-pl');
  });

  it('creates a client: a wrong NIP is refused at the field, a right one accepted', async () => {
    const list = new ClientListPage(op);
    await list.open();
    await op.getByTestId('client-new').click();
    const card = new ClientCardPage(op);
    await card.dialog('client').waitFor();
    await card.clientField('name').fill(NAME);
    await card.clientField('taxId').fill(BAD_NIP);
    await card.clientField('street').fill('ul. Piotrkowska 104/6');
    await card.clientField('postalCode').fill('90-926');
    await card.clientField('city').fill('Łódź');
    await card.clientField('phone').fill('42 630 12 34');
    const repOption = await card
      .clientField('repId')
      .locator('option', { hasText: 'Jan Kowalski' })
      .getAttribute('value');
    await card.clientField('repId').selectOption(repOption);
    // Enter saves.
    await card.clientField('city').press('Enter');
    await expect
      .poll(() => card.fieldError(card.clientField('taxId')))
      .toBe('Numer NIP jest nieprawidłowy (nie zgadza się cyfra kontrolna).');
    // The keyboard lands on the field to fix.
    expect(await card.clientField('taxId').evaluate((el) => el === document.activeElement)).toBe(true);
    await check(op, 'client-form-nip-error-pl', { dialog: true });

    await card.clientField('taxId').fill(GOOD_NIP);
    await card.clientField('taxId').press('Enter');
    await card.dialog('client').waitFor({ state: 'detached' });
    await card.waitFor(NAME);
    clientUrl = op.url();
    expect(clientUrl).toMatch(/#\/clients\/[0-9a-f-]{36}$/);
    expect(await card.screen.textContent()).toContain('526-000-12-46');

    // A contact person, with a phone written the Polish way: stored in E.164.
    await op.getByTestId('contact-new').click();
    await card.dialog('contact').waitFor();
    await card.contactField('firstName').fill('Żaneta');
    await card.contactField('surname').fill('Wąsowska-Ćwiek');
    await card.contactField('phones').fill('601 234 567');
    await card.contactField('emails').fill('zaneta@piekarnia.pl');
    await op.getByTestId('contact-dialog').locator('button[type="submit"]').click();
    await card.dialog('contact').waitFor({ state: 'detached' });
    await card.contact('Wąsowska-Ćwiek').waitFor();
    expect(await card.contact('Wąsowska-Ćwiek').textContent()).toMatch(/601\s?234\s?567/);
    await check(op, 'client-card-pl');
  });

  it('warns of a duplicate before saving: the same NIP and a similar name, with a link to the suspect', async () => {
    const list = new ClientListPage(op);
    await list.open();
    await op.getByTestId('client-new').click();
    const card = new ClientCardPage(op);
    await card.dialog('client').waitFor();
    await card.clientField('name').fill('Piekarnia Laczna Zrodlo Smaku');
    await card.clientField('taxId').fill(GOOD_NIP);
    await card.clientField('postalCode').fill('90-926');
    await card.clientField('city').fill('Lodz');
    await card.clientField('city').press('Enter');
    const warning = op.getByTestId('duplicate-warning');
    await warning.waitFor();
    const suspect = warning.getByTestId('duplicate-suspect').filter({ hasText: NAME });
    expect(await suspect.count()).toBe(1);
    expect(await suspect.getAttribute('data-client-id')).toBe(clientUrl.split('/').at(-1));
    expect(await suspect.textContent()).toMatch(/NIP/);
    await check(op, 'client-form-duplicate-pl', { dialog: true });
    // Nothing was saved: the dialog is still open, and Esc leaves without a new client.
    await op.keyboard.press('Escape');
    await card.dialog('client').waitFor({ state: 'detached' });
    await list.find('piekarnia laczna', NAME);
    expect(await list.rows.count()).toBe(1);
  });

  it('scans the whole base: finds the pair with its reasons, and a dismissed pair stays gone', async () => {
    // A second copy of the bakery, entered past the warning (as someone in a hurry would).
    const copy = await rawCall(op, 'clients:create', {
      name: 'Piekarnia Łączna Źródło Smaku',
      taxId: GOOD_NIP,
      address: { street: 'Piotrkowska 104', city: 'Łódź', postalCode: '90-926', country: 'PL' },
    });
    expect(copy.ok).toBe(true);
    const original = clientUrl.split('/').at(-1)!;
    await op.goto(new URL('#/clients/duplicates', op.url()).toString());
    await op.getByTestId('dup-scan').click();
    const pair = op.locator(
      `[data-testid="dup-pair"][data-a="${original}"], [data-testid="dup-pair"][data-b="${original}"]`,
    );
    await pair.first().waitFor({ timeout: 60_000 });
    expect(await pair.first().textContent()).toMatch(/NIP/);
    // The first screenful: the list can be long.
    await check(op, 'duplicates-scan-pl', { dialog: true });
    await pair.first().getByTestId('dup-dismiss').click();
    await pair.first().waitFor({ state: 'detached' });
    await op.getByTestId('dup-scan').click();
    await op.getByTestId('dup-progress').waitFor({ state: 'detached', timeout: 60_000 });
    await op.getByTestId('dup-count').waitFor();
    expect(await op.getByTestId('dup-dismissed-count').textContent()).toMatch(/1/);
    expect(await pair.count()).toBe(0);
  });

  it('finds the client again typed without diacritics, and the phone edit shows in the history', async () => {
    const list = new ClientListPage(op);
    await list.open();
    const row = await list.find(NAME_TYPED, NAME);
    expect(await row.count()).toBe(1);
    await check(op, 'clients-search-pl');
    await row.getByRole('link').first().click();
    const card = new ClientCardPage(op);
    await card.waitFor(NAME);

    await op.getByTestId('client-edit').click();
    await card.dialog('client').waitFor();
    await card.clientField('phone').fill('42 630 99 99');
    await card.clientField('phone').press('Enter');
    await card.dialog('client').waitFor({ state: 'detached' });
    await op.getByTestId('history-open').click();
    const entries = await card.historyTexts();
    expect(entries.some((e) => e.includes('+48426301234') || e.includes('42 630 12 34'))).toBe(true);
    expect(entries.some((e) => e.includes('+48426309999') || e.includes('42 630 99 99'))).toBe(true);
    await check(op, 'client-history-pl', { dialog: true });
    await card.closeDialog('history');
  });
});

describe('bulk edit', () => {
  it('shows what will change before it changes: three clients move to another segment', async () => {
    const list = new ClientListPage(op);
    await list.open();
    await list.find('bar', 'Bar');
    const rows = list.rows;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await rows.nth(i).getByTestId('client-select').check();
      ids.push((await rows.nth(i).getAttribute('data-client-id'))!);
    }
    expect(await op.getByTestId('selection-count').textContent()).toMatch(/3/);
    await op.getByTestId('bulk-edit').click();
    const dialog = op.getByTestId('bulk-dialog');
    await dialog.waitFor();
    const segment = dialog.getByTestId('bulk-segment');
    const value = await segment.locator('option', { hasText: 'Stacja paliw' }).first().getAttribute('value');
    await segment.selectOption(value);
    await dialog.getByTestId('bulk-review-button').click();
    await dialog.getByTestId('bulk-changed').waitFor();
    expect(await dialog.getByTestId('bulk-changed').textContent()).toBe('3');
    expect(await dialog.getByTestId('bulk-review').textContent()).toContain('Stacja paliw');
    await check(op, 'bulk-edit-review-pl', { dialog: true });
    await dialog.getByTestId('bulk-apply').click();
    await dialog.waitFor({ state: 'detached' });
    const card = new ClientCardPage(op);
    await op.goto(new URL(`#/clients/${ids[0]}`, op.url()).toString());
    await card.waitFor();
    await expect.poll(async () => card.screen.textContent()).toContain('Stacja paliw');
  });
});

describe('a rep and the operator, at two desks', () => {
  it('the rep cannot edit the phone (nor through the core) and files a correction, in Czech', async () => {
    await rep.goto(clientUrl);
    const card = new ClientCardPage(rep);
    await card.waitFor(NAME);
    expect(await rep.getByTestId('client-edit').count()).toBe(0);
    const id = clientUrl.split('/').at(-1)!;
    expect(await rawCall(rep, 'clients:update', { id, patch: { phone: '42 111 11 11' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await check(rep, 'client-card-rep-cs');

    await rep.locator('[data-testid="correction-open"][data-field="phone"]').click();
    const dialog = card.dialog('correction');
    await dialog.waitFor();
    await dialog.getByTestId('correction-value').fill('42 630 55 55');
    await dialog.getByTestId('correction-note').fill('Nové číslo prodejny od listopadu');
    await check(rep, 'correction-dialog-cs', { dialog: true });
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the operator sees it in the queue (and the count at home), accepts it, and the card shows it', async () => {
    await op.goto(new URL('#/home', op.url()).toString());
    await op.getByTestId('card-corrections').waitFor();
    await expect.poll(async () => op.getByTestId('card-corrections').getAttribute('aria-busy')).toBeNull();
    expect(
      Number((await op.getByTestId('card-corrections').textContent())?.match(/\d+/)?.[0]),
    ).toBeGreaterThan(0);
    await check(op, 'home-operator-queue-pl');

    const queue = new QueuePage(op);
    await queue.open();
    const item = queue.correction('Nové číslo prodejny');
    await item.waitFor();
    await check(op, 'queue-pl');
    await item.getByTestId('queue-accept').click();
    await item.waitFor({ state: 'detached' });

    await op.goto(clientUrl);
    const card = new ClientCardPage(op);
    await card.waitFor(NAME);
    await expect.poll(async () => card.screen.textContent()).toMatch(/630\s?55\s?55|426305555/);
  });

  it('the rep proposes a contact, usable at once; the operator confirms it', async () => {
    await rep.goto(clientUrl);
    const card = new ClientCardPage(rep);
    await card.waitFor(NAME);
    await rep.getByTestId('contact-new').click();
    await card.dialog('contact').waitFor();
    await card.contactField('firstName').fill('Bożydar');
    await card.contactField('surname').fill('Grzęda');
    await card.contactField('phones').fill('602 345 678');
    await check(rep, 'contact-propose-cs', { dialog: true });
    await rep.getByTestId('contact-dialog').locator('button[type="submit"]').click();
    await card.dialog('contact').waitFor({ state: 'detached' });
    const proposed = card.contact('Grzęda');
    await proposed.waitFor();
    expect(await proposed.getAttribute('data-status')).toBe('proposed');

    const queue = new QueuePage(op);
    await queue.open();
    const item = queue.proposed('Grzęda');
    await item.waitFor();
    await item.getByTestId('queue-confirm').click();
    await item.waitFor({ state: 'detached' });
    await rep.reload();
    await card.contact('Grzęda').waitFor();
    await expect.poll(() => card.contact('Grzęda').getAttribute('data-status')).toBe('confirmed');
  });

  it('the operator erases a contact: its old values leave the history, the person stays counted', async () => {
    await op.goto(clientUrl);
    const card = new ClientCardPage(op);
    await card.waitFor(NAME);
    const contact = card.contact('Wąsowska-Ćwiek');
    // A change first, so that the person's history holds old → new values to erase.
    await contact.getByTestId('contact-edit').click();
    await card.dialog('contact').waitFor();
    await card.contactField('phones').fill('601 234 567\n605 111 222');
    await op.getByTestId('contact-dialog').locator('button[type="submit"]').click();
    await card.dialog('contact').waitFor({ state: 'detached' });
    await contact.getByTestId('contact-history-open').click();
    const before = (await card.historyTexts()).join('\n');
    expect(before).toMatch(/605\s?111\s?222|605111222/);
    await card.closeDialog('history');
    const contacts = await op.getByTestId('contact-card').count();

    await contact.getByTestId('contact-erase').click();
    const dialog = card.dialog('erase');
    await dialog.waitFor();
    await dialog.getByTestId('erase-reason').fill('Wniosek o usunięcie danych z 20.11.2026');
    await dialog.getByTestId('erase-confirm-surname').fill('Wąsowska-Ćwiek');
    await check(op, 'erase-dialog-pl', { dialog: true });
    await dialog.getByTestId('erase-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => op.getByText('Wąsowska-Ćwiek').count()).toBe(0);
    expect(await op.getByTestId('contact-card').count()).toBe(contacts);

    const erased = op
      .locator('[data-testid="contact-card"][data-status]')
      .filter({ hasNotText: 'Grzęda' })
      .last();
    await erased.getByTestId('contact-history-open').click();
    const after = (await card.historyTexts()).join('\n');
    expect(after).not.toMatch(/Wąsowska|Żaneta|601\s?234\s?567|601234567|605\s?111\s?222|605111222|zaneta@/);
    await check(op, 'erase-history-pl', { dialog: true });
    await card.closeDialog('history');
  });

  it('left no browser errors on either desk', async () => {
    for (const d of desks) {
      // The one refusal the rep's desk provoked on purpose (the raw clients:update) is answered
      // with HTTP 403, which Chromium logs as a failed resource.
      const problems = (await d.watch.problems()).filter((p) => !/status of 403/.test(p));
      expect(problems).toEqual([]);
    }
  });
});
