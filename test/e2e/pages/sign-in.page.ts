import type { Locator, Page } from 'playwright-core';
import type { Role } from './shell.page';

/** The sign-in screen: the form, its error, and the demo office's accounts. */
export class SignInPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('sign-in-form');
  }

  get error(): Locator {
    return this.page.getByTestId('sign-in-error');
  }

  get demoAccounts(): Locator {
    return this.page.getByTestId('demo-accounts');
  }

  account(role: Role): Locator {
    return this.page.getByTestId(`demo-account-${role}`);
  }

  async waitFor(): Promise<void> {
    await this.form.waitFor();
  }

  /** The demo account's login and password as the panel shows them. */
  async demoCredentials(role: Role): Promise<{ login: string; password: string }> {
    const row = this.account(role);
    return {
      login: (await row.getByTestId('demo-login').textContent()) ?? '',
      password: (await row.getByTestId('demo-password').textContent()) ?? '',
    };
  }

  /** Fills the form with the panel's button for that role. */
  async useDemoAccount(role: Role): Promise<void> {
    await this.account(role).getByRole('button').click();
  }

  async fill(login: string, password: string): Promise<void> {
    await this.form.locator('input[autocomplete="username"]').fill(login);
    await this.form.locator('input[type="password"]').fill(password);
  }

  async submit(): Promise<void> {
    await this.form.locator('button[type="submit"]').click();
  }

  /** Submits, waits for the core's answer to reach the screen, and returns the error shown. */
  async submitAndWaitForError(): Promise<string> {
    const answered = this.page.waitForResponse((r) => r.url().endsWith('/api/invoke/auth%3AsignIn'));
    await this.submit();
    await answered;
    await this.page.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="sign-in-form"] button[type="submit"]')
          ?.hasAttribute('disabled'),
    );
    return (await this.error.textContent()) ?? '';
  }
}
