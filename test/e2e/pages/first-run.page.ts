import type { Locator, Page } from 'playwright-core';

/** The first-run screen: the demo office offer above the "set up your office" form. */
export class FirstRunPage {
  constructor(readonly page: Page) {}

  get demoOffer(): Locator {
    return this.page.getByTestId('demo-offer');
  }

  get heading(): Locator {
    return this.page.locator('h1');
  }

  async switchLanguage(lang: 'pl' | 'cs' | 'en'): Promise<void> {
    await this.page.getByTestId('language-select').selectOption(lang);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  /** Opens the demo office; resolves once its progress was shown (returns that text). */
  async openDemo(): Promise<string> {
    await this.demoOffer.getByRole('button').click();
    const progress = this.demoOffer.getByRole('status');
    await progress.waitFor();
    return (await progress.textContent()) ?? '';
  }
}
