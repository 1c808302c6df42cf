import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './paths';

// Gitignored: the pictures are for a human to look at after a run, not for pixel comparison.
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/**
 * `fullPage: false` for a modal dialog: its backdrop covers the window, not the whole page, so a
 * full-page picture would show the page below it undimmed and the dialog as if cut off.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Screenshot names are kebab-case: ${name}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true, animations: 'disabled' });
  return file;
}
