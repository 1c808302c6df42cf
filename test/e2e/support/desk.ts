import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../../../shared/contract/users.schema';
import { DEMO_LOGINS } from '../../../main/core/demo/demo-logins';
import { ShellPage } from '../pages/shell.page';
import { SignInPage } from '../pages/sign-in.page';
import { rawCall } from './api';
import { seriousViolations } from './axe';
import { watchPage } from './page-watch';
import type { RunningHost } from './host';
import { saveScreenshot } from './screenshots';

// What the suites that play several people of the demo office share: a desk (browser context) per
// person signed in with the demo's logins, the screenshot + accessibility check of a screen, and
// reading what the core holds through the person's own session.

/**
 * Saves the screen (full page, or the viewport for a dialog), fails on serious axe violations and,
 * given `rawKey`, on any translation key shown instead of its text.
 */
export async function checkScreen(
  page: Page,
  name: string,
  opts: { dialog?: boolean; rawKey?: RegExp } = {},
): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await saveScreenshot(page, name, { fullPage: !opts.dialog });
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  if (opts.rawKey) expect(await page.locator('body').innerText(), name).not.toMatch(opts.rawKey);
}

/** A command through the person's session that must succeed; its data. */
export async function dataOf<T>(page: Page, command: string, input: unknown): Promise<T> {
  const r = await rawCall<T>(page, command, input);
  expect(r.ok, `${command}: ${JSON.stringify(r)}`).toBe(true);
  return r.data;
}

/** Switches the app's language and waits until the page says so. */
export async function setLanguage(page: Page, lang: 'pl' | 'cs' | 'en'): Promise<void> {
  await page.getByTestId('language-select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** One browser context per person (the session cookie is per context), each page watched. */
export class Desks {
  readonly contexts: BrowserContext[] = [];
  readonly watches = new Map<Page, Awaited<ReturnType<typeof watchPage>>>();

  constructor(
    private readonly browser: () => Browser,
    private readonly url: () => string,
  ) {}

  /** A new desk signed in as the demo office's person of `role`, the app in Polish. */
  async open(role: Exclude<Role, 'admin'> | 'admin', opts: { downloads?: boolean } = {}): Promise<Page> {
    const context = await this.browser().newContext({
      locale: 'pl-PL',
      viewport: { width: 1280, height: 860 },
      ...(opts.downloads ? { acceptDownloads: true } : {}),
    });
    this.contexts.push(context);
    const page = await context.newPage();
    this.watches.set(page, await watchPage(page));
    await page.goto(this.url());
    const signIn = new SignInPage(page);
    await signIn.waitFor();
    const who = DEMO_LOGINS.find((d) => d.role === role)!;
    await signIn.fill(who.login, who.password);
    await signIn.submit();
    await new ShellPage(page).waitUntilSignedIn();
    await setLanguage(page, 'pl');
    return page;
  }

  /** Nothing went wrong in any open page (console errors, failed requests); then all closed. */
  async close(): Promise<void> {
    for (const [page, w] of this.watches) if (!page.isClosed()) expect(await w.problems()).toEqual([]);
    await Promise.all(this.contexts.map((d) => d.close()));
  }
}

/** Opens the demo office on a fresh host, as a visitor's first run does ("Open the demo office"). */
export async function openDemo(host: RunningHost, locale: 'pl' | 'cs' | 'en' = 'pl'): Promise<void> {
  const res = await fetch(`${host.origin}/api/invoke/setup%3AopenDemo`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${host.token}`,
      'Content-Type': 'application/json',
      Origin: host.origin,
    },
    body: JSON.stringify({ locale }),
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}
