import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { startBuiltHost } from './support/host';
import type { RunningHost } from './support/host';
import { watchPage } from './support/page-watch';
import { assertBuilt } from './support/paths';
import { saveScreenshot } from './support/screenshots';
import { AdminPage } from './pages/admin.page';
import { FirstRunPage } from './pages/first-run.page';
import { screensFor, ShellPage } from './pages/shell.page';
import type { Lang, Role, ScreenId } from './pages/shell.page';
import { SignInPage } from './pages/sign-in.page';

// The app shell and administration against the real core: the demo office opened through the
// first-run screen, every role on every screen it can reach in Polish and Czech (screenshots and
// axe on each), the language remembered per user, the core's refusals shown in the user's
// language, and an admin's changes visible afterwards. One host, one browser, one page.

// 23:30 UTC on 23 November is already 24 November in Warsaw: "today" must be the office's date.
const CLOCK = '2026-11-23T23:30:00Z';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let host: RunningHost;
let watch: Awaited<ReturnType<typeof watchPage>>;
let shell: ShellPage;
let signIn: SignInPage;

/** Visible navigation labels that must change with the language. */
const CLIENTS_LABEL: Record<Lang, string> = { pl: 'Klienci', cs: 'Zákazníci', en: 'Clients' };

async function check(name: string, opts: { dialog?: boolean } = {}): Promise<void> {
  await saveScreenshot(page, name, { fullPage: !opts.dialog });
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function signInAs(role: Role): Promise<void> {
  await signIn.waitFor();
  // The demo panel's button fills the form with what the panel shows.
  const shown = await signIn.demoCredentials(role);
  await signIn.useDemoAccount(role);
  expect(await signIn.form.locator('input[autocomplete="username"]').inputValue()).toBe(shown.login);
  expect(await signIn.form.locator('input[type="password"]').inputValue()).toBe(shown.password);
  await signIn.submit();
  await shell.waitUntilSignedIn();
}

/** Visits every screen the role can reach, saving a picture of each and running axe on it. */
async function tour(role: Role, lang: Lang): Promise<void> {
  const screens: ScreenId[] = screensFor(role);
  for (const screen of screens) {
    await shell.open(screen);
    expect(await page.getAttribute('html', 'lang'), screen).toBe(lang);
    expect(page.url(), screen).toContain(
      screen.startsWith('admin-')
        ? `#/admin/${screen.slice(6)}`
        : screen === 'calls'
          ? '#/visits' // the operator's calls are the section itself
          : `#/${screen}`,
    );
    await check(`${role}-${screen}-${lang}`);
  }
}

beforeAll(async () => {
  assertBuilt();
  [browser, host] = await Promise.all([
    launchChromium(),
    startBuiltHost({ clock: CLOCK, tz: 'Europe/Warsaw' }),
  ]);
  // A browser in Los Angeles: a date taken from its clock would say the 23rd.
  context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    viewport: { width: 1280, height: 800 },
  });
  page = await context.newPage();
  watch = await watchPage(page);
  shell = new ShellPage(page);
  signIn = new SignInPage(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  expect(await host?.stop()).toBe(0);
});

describe('first run and sign-in', () => {
  it('opens the demo office from the first-run screen, in the language picked there', async () => {
    await page.goto(host.url);
    const firstRun = new FirstRunPage(page);
    await firstRun.demoOffer.waitFor();
    // Before any office exists the browser's language speaks (en-US here).
    expect(await firstRun.heading.textContent()).toBe('Set up your office');
    await firstRun.switchLanguage('cs');
    expect(await firstRun.heading.textContent()).toBe('Nastavte svou kancelář');
    await check('first-run-cs');
    await firstRun.switchLanguage('pl');
    expect(await firstRun.heading.textContent()).toBe('Skonfiguruj swoje biuro');
    await check('first-run-pl');

    // Building the demo office shows its progress, then the sign-in screen takes over.
    expect(await firstRun.openDemo()).toContain('Tworzenie biura, zespołów i osób');
    await signIn.waitFor();
    expect(await page.getByTestId('office-name').textContent()).toBe('Regio Demo – Biuro Regionalne Łódź');
    expect(await page.locator('h1').textContent()).toBe('Zaloguj się');
    // Every role has a demo account with its password on show.
    for (const role of ['admin', 'operator', 'manager', 'rep'] as const) {
      const c = await signIn.demoCredentials(role);
      expect(c.login, role).not.toBe('');
      expect(c.password.length, role).toBeGreaterThanOrEqual(8);
    }
    await check('sign-in-pl');
  });

  it('says why a sign-in is refused, in Polish: wrong password, unknown login, then throttled', async () => {
    const admin = await signIn.demoCredentials('admin');
    await signIn.fill(admin.login, 'not-the-password');
    expect(await signIn.submitAndWaitForError()).toBe('Nieprawidłowe hasło.');
    // The keyboard is back in the password to retype it.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? null)).toBe(
      'password',
    );
    await check('sign-in-error-pl');

    await signIn.fill('nikt.taki', 'whatever-1');
    expect(await signIn.submitAndWaitForError()).toBe('Nie ma konta o takim loginie.');
    await signIn.fill('nikt.taki', 'whatever-2');
    await signIn.submitAndWaitForError();
    await signIn.fill('nikt.taki', 'whatever-3');
    await signIn.submitAndWaitForError();
    // Three failures: the next try must wait 2 s (the test clock is frozen, so it stays 2),
    // and Polish says "2 sekundy" (few), not "2 sekund".
    await signIn.fill('nikt.taki', 'whatever-4');
    expect(await signIn.submitAndWaitForError()).toBe(
      'Zbyt wiele nieudanych prób. Spróbuj ponownie za 2 sekundy.',
    );
  });
});

describe.each(['admin', 'operator', 'manager', 'rep'] as const)('as %s', (role) => {
  it('shows every screen in Polish and in Czech, remembers the language, and signs out', async () => {
    await signInAs(role);
    // The demo office speaks Polish until the user picks otherwise.
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
    expect(await shell.nav('clients').locator('.side-nav__label').textContent()).toBe(CLIENTS_LABEL.pl);
    // The office's today, from the core: 24 November in Warsaw, whatever the browser's zone says.
    expect(await shell.today.getAttribute('datetime')).toBe('2026-11-24');
    expect(await shell.today.textContent()).toBe('wtorek, 24 listopada 2026');
    expect(await shell.nav('admin').count()).toBe(role === 'admin' ? 1 : 0);
    await tour(role, 'pl');

    await shell.switchLanguage('cs');
    expect(await shell.nav('clients').locator('.side-nav__label').textContent()).toBe(CLIENTS_LABEL.cs);
    await tour(role, 'cs');
    await shell.open('home');
    expect(await shell.today.textContent()).toBe('úterý 24. listopadu 2026');

    // Signed out, the desk speaks the office's language again; signed back in, the user's own.
    await shell.signOut();
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
    expect(await page.locator('h1').textContent()).toBe('Zaloguj się');
    await signInAs(role);
    expect(await page.getAttribute('html', 'lang')).toBe('cs');
    expect(await shell.nav('clients').locator('.side-nav__label').textContent()).toBe(CLIENTS_LABEL.cs);
    // Back to Polish for what follows; the rep stays signed in for the rights checks.
    await shell.switchLanguage('pl');
    if (role !== 'rep') await shell.signOut();
  });
});

describe('rights', () => {
  it('a rep sees "not allowed" at #/admin, and the core refuses users:create from the rep’s session', async () => {
    // Still signed in as the rep from the tour.
    expect(await shell.userName.textContent()).toBe('Jan Kowalski');
    await page.evaluate(() => (window.location.hash = '#/admin/users'));
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Niedostępne dla Twojej roli');
    await check('rep-admin-not-allowed-pl');
    // Alt+7 (Administration) does nothing for a rep; Alt+8 opens Settings.
    await shell.open('home');
    await page.keyboard.press('Alt+7');
    await page.keyboard.press('Alt+8');
    await page.getByTestId('screen-settings').waitFor();
    expect(page.url()).toContain('#/settings');

    // Hiding is cosmetic: the page's own cookies carry the rep's session to the core, which refuses.
    const result = await page.evaluate(async () => {
      const r = await fetch('/api/invoke/users%3Acreate', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          login: 'intruder',
          displayName: 'Intruder',
          role: 'admin',
          password: 'long-enough-password',
        }),
      });
      return (await r.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await shell.signOut();
  });

  it('lays out a long Polish name in the top bar and the greeting', async () => {
    // One of the demo office's other reps; they share the demo rep's password (shown in the panel).
    const { password } = await signIn.demoCredentials('rep');
    await signIn.fill('rep.malgorzata', password);
    await signIn.submit();
    await shell.waitUntilSignedIn();
    // The rep signed out on Settings; the next person starts at Home.
    expect(page.url()).toContain('#/home');
    await shell.settled('home');
    expect(await shell.userName.textContent()).toBe('Małgorzata Świątek-Żółkiewska');
    expect(await page.locator('h1').textContent()).toBe('Dzień dobry, Małgorzata Świątek-Żółkiewska');
    // Nothing may stick out of the window sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await check('rep-home-long-name-pl');
    await shell.signOut();
  });
});

describe('administration', () => {
  let admin: AdminPage;

  beforeAll(async () => {
    admin = new AdminPage(page, shell);
    await signInAs('admin');
  });

  it('opens the shortcuts help with "?" and closes it with Esc; Alt+digits jump between sections', async () => {
    await shell.open('home');
    await page.keyboard.press('Shift+Slash');
    const help = page.getByTestId('shortcuts-dialog');
    await help.waitFor();
    expect(await help.textContent()).toContain('Otwórz: Administracja');
    await check('admin-shortcuts-pl', { dialog: true });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+7');
    await page.getByTestId('screen-admin-users').waitFor();
    // The new screen's title has the focus, so Tab continues from the top of the screen.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-page-title'))).toBe(true);
    await page.keyboard.press('Alt+1');
    await page.getByTestId('screen-home').waitFor();
  });

  it('offers a skip link as the first Tab stop, which moves the keyboard to the screen', async () => {
    await shell.open('settings');
    // A fresh load: Tab starts from the top of the page.
    await page.reload();
    await shell.settled('settings');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({
      cls: document.activeElement?.className,
      text: document.activeElement?.textContent,
    }));
    expect(skip).toEqual({ cls: 'skip-link', text: 'Przejdź do treści' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    // The router's hash is untouched by the skip link.
    expect(page.url()).toContain('#/settings');
  });

  it('a screen that fails to draw says so in Polish, with a retry, while the shell keeps working', async () => {
    // A second page of the same session, so the errors this provokes stay out of the main page's log.
    const broken = await context.newPage();
    const brokenWatch = await watchPage(broken);
    await broken.goto(`${host.origin}/#/settings`);
    await broken.getByTestId('screen-settings').waitFor();
    // Home formats today's date through Intl.DateTimeFormat: make that throw while Home draws.
    await broken.evaluate(() => {
      const w = window as unknown as { __realDateTimeFormat: typeof Intl.DateTimeFormat };
      w.__realDateTimeFormat = Intl.DateTimeFormat;
      Object.defineProperty(Intl, 'DateTimeFormat', {
        configurable: true,
        writable: true,
        value: function brokenDateTimeFormat() {
          throw new Error('Intl is broken on purpose');
        },
      });
    });
    await broken.getByTestId('nav-home').click();
    const crash = broken.getByTestId('crash');
    await crash.waitFor();
    expect(await crash.locator('h2').textContent()).toBe('Nie udało się wyświetlić tego ekranu');
    expect(await crash.textContent()).toContain('Intl is broken on purpose');
    // The frame around the broken screen still works.
    expect(await broken.getByTestId('nav-settings').isVisible()).toBe(true);
    await saveScreenshot(broken, 'admin-home-crash-pl');
    expect(await seriousViolations(broken)).toEqual([]);

    await broken.evaluate(() => {
      const w = window as unknown as { __realDateTimeFormat: typeof Intl.DateTimeFormat };
      Object.defineProperty(Intl, 'DateTimeFormat', { value: w.__realDateTimeFormat });
    });
    await crash.getByRole('button').click();
    await broken.getByTestId('today').waitFor();
    // Only the provoked failure was logged.
    const problems = await brokenWatch.problems();
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/Intl is broken on purpose|The above error occurred/);
    await broken.close();
  });

  it('creates a team, then a user in it — refusing a rep without a code at the field first', async () => {
    await admin.createTeam('Zespół Łódź Południe', 'Marek Kierownik');
    expect(await admin.teamRow('Zespół Łódź Południe').textContent()).toContain('Marek Kierownik');

    await admin.openNewUser();
    await admin.fillUser({
      displayName: 'Bożena Wójcik-Szczepańska',
      login: 'rep.bozena',
      role: 'rep',
      team: 'Zespół Łódź Południe',
      password: 'tajne-haslo-123',
    });
    await admin.submitUser();
    const repCode = admin.userDialog.locator('[name="repCode"]');
    await admin.userDialog.getByText('Przedstawiciel handlowy musi mieć kod.').waitFor();
    expect(await repCode.getAttribute('aria-invalid')).toBe('true');
    expect(await repCode.evaluate((el) => el === document.activeElement)).toBe(true);
    await check('admin-user-dialog-error-pl', { dialog: true });

    await repCode.fill('bws');
    await admin.submitUser();
    await admin.userDialog.waitFor({ state: 'detached' });
    const row = admin.userRow('rep.bozena');
    await row.waitFor();
    expect(await row.textContent()).toContain('Bożena Wójcik-Szczepańska');
    expect(await row.textContent()).toContain('Zespół Łódź Południe');
    expect(await row.textContent()).toContain('BWS');
    expect(await page.getByTestId('users-status').textContent()).toBe(
      'Utworzono użytkownika Bożena Wójcik-Szczepańska.',
    );
    // The new team counts its member.
    await shell.open('admin-teams');
    expect(await admin.teamRow('Zespół Łódź Południe').textContent()).toContain('1 osoba');
  });

  it('refuses to demote the last admin, and says so in the dialog', async () => {
    await shell.open('admin-users');
    await admin.userRow('admin').getByRole('button').click();
    await admin.userDialog.locator('[name="role"]').selectOption('manager');
    await admin.userDialog.locator('[name="displayName"]').press('Enter');
    await admin.userDialog.getByRole('alert').waitFor();
    expect(await admin.userDialog.getByRole('alert').textContent()).toBe(
      'W biurze musi pozostać co najmniej jeden aktywny administrator.',
    );
    await check('admin-last-admin-pl', { dialog: true });
    await page.keyboard.press('Escape');
    await admin.userDialog.waitFor({ state: 'detached' });
    expect(await admin.userRow('admin').textContent()).toContain('Administrator');
  });

  it('moves a dictionary item up, and the order survives a reload', async () => {
    await shell.open('admin-dictionaries');
    const before = await admin.dictionaryCodes('segment');
    const code = before[2]!;
    await admin.moveUp('segment', code);
    const expected = [before[0], before[2], before[1], ...before.slice(3)];
    await expect.poll(() => admin.dictionaryCodes('segment')).toEqual(expected);
    expect(await page.getByTestId('dictionaries-status').textContent()).toMatch(/jest teraz na pozycji 2\.$/);
    await page.reload();
    await shell.settled('admin-dictionaries');
    expect(await admin.dictionaryCodes('segment')).toEqual(expected);
  });

  it('changing the password asks for the current one, at its field', async () => {
    await shell.open('settings');
    const form = page.getByTestId('password-form');
    await form.locator('[name="current"]').fill('not-my-password');
    await form.locator('[name="next"]').fill('nowe-haslo-456');
    await form.locator('[name="repeat"]').fill('nowe-haslo-456');
    await form.locator('[name="repeat"]').press('Enter');
    await form.getByText('Obecne hasło jest nieprawidłowe.').waitFor();
    expect(await form.locator('[name="current"]').getAttribute('aria-invalid')).toBe('true');
    await check('admin-settings-password-error-pl');
  });

  it('backs up, previews the backup, exports everything, and restores after a warning', async () => {
    await shell.open('admin-backups');
    expect(await admin.backupRows().count()).toBe(0);
    await admin.primaryAction('backups').click();
    await admin.backupRows().first().waitFor();
    expect(await admin.backupRows().count()).toBe(1);
    expect(await admin.backupRows().first().textContent()).toContain('Ręczna');
    expect(await page.getByTestId('backups-status').textContent()).toMatch(
      /^Wykonano kopię zapasową \(\d[\d\s]* rekord/,
    );

    await page.getByTestId('export-all').click();
    await page.getByTestId('export-file').waitFor();
    expect(await page.getByTestId('export-file').textContent()).toMatch(/^regio-export-DEMO-.*\.ndjson$/);
    expect(await page.getByTestId('export-card').textContent()).toMatch(/Wyeksportowano \d[\d\s]* rekord/);
    // The browser host hands the file to the signed-in admin: the link downloads the same export.
    const href = await page.getByTestId('export-download').getAttribute('href');
    const downloaded = await page.evaluate(async (u) => (await fetch(u!)).text(), href);
    expect(JSON.parse(downloaded.split('\n')[0]!)).toMatchObject({ format: 'regio-export' });
    await check('admin-admin-backups-done-pl');

    await admin.backupRows().first().getByTestId('backup-preview').click();
    const preview = page.getByTestId('backup-preview');
    await preview.getByTestId('preview-office').waitFor();
    expect(await preview.getByTestId('preview-office').textContent()).toBe(
      'Regio Demo – Biuro Regionalne Łódź',
    );
    expect(await preview.locator('tr[data-collection="users"] td').textContent()).toBe('12');
    await check('admin-backup-preview-pl', { dialog: true });

    await preview.getByTestId('restore').click();
    const confirm = page.getByTestId('confirm-restore');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Wszyscy zostaną wylogowani');
    await check('admin-restore-confirm-pl', { dialog: true });
    await confirm.getByRole('button').last().click();
    // Everyone is signed out, this window included, and told why.
    await signIn.waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe(
      'Dane przywrócono z kopii zapasowej i wszyscy zostali wylogowani. Zaloguj się ponownie.',
    );
    // The backup was taken after the changes above: they are all still there.
    await signInAs('admin');
    await shell.open('admin-users');
    await admin.userRow('rep.bozena').waitFor();
  });

  it('left no console errors and no CSP violations anywhere', async () => {
    expect(await watch.problems()).toEqual([]);
  });
});
