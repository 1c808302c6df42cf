import type { Locator, Page } from 'playwright-core';
import type { ShellPage } from './shell.page';

// Administration, driven by form field names and test ids so the same steps run in any language.

export interface NewUser {
  displayName: string;
  login: string;
  role: 'operator' | 'rep' | 'manager' | 'admin';
  team?: string;
  repCode?: string;
  password: string;
}

export class AdminPage {
  constructor(
    readonly page: Page,
    readonly shell: ShellPage,
  ) {}

  tab(name: 'users' | 'teams' | 'office' | 'dictionaries' | 'backups'): Locator {
    return this.page.getByTestId(`${name}-tab`);
  }

  /** The tab's main action (New user, New team, Back up now). */
  primaryAction(name: 'users' | 'teams' | 'backups'): Locator {
    return this.tab(name).locator('.tab-head__actions button');
  }

  get userDialog(): Locator {
    return this.page.getByTestId('user-dialog');
  }

  get teamDialog(): Locator {
    return this.page.getByTestId('team-dialog');
  }

  userRow(login: string): Locator {
    return this.page.getByTestId('users-table').locator(`tr[data-login="${login}"]`);
  }

  teamRow(name: string): Locator {
    return this.page.getByTestId('teams-table').locator('tbody tr').filter({ hasText: name });
  }

  async createTeam(name: string, managerName: string): Promise<void> {
    await this.shell.open('admin-teams');
    await this.primaryAction('teams').click();
    await this.teamDialog.locator('[name="name"]').fill(name);
    await this.teamDialog.locator('[name="managerId"]').selectOption({ label: managerName });
    await this.teamDialog.locator('[name="name"]').press('Enter');
    await this.teamDialog.waitFor({ state: 'detached' });
    await this.teamRow(name).waitFor();
  }

  async openNewUser(): Promise<void> {
    await this.shell.open('admin-users');
    await this.primaryAction('users').click();
    await this.userDialog.waitFor();
  }

  async fillUser(u: NewUser): Promise<void> {
    const d = this.userDialog;
    await d.locator('[name="displayName"]').fill(u.displayName);
    await d.locator('[name="login"]').fill(u.login);
    await d.locator('[name="role"]').selectOption(u.role);
    if (u.team) await d.locator('[name="teamId"]').selectOption({ label: u.team });
    await d.locator('[name="repCode"]').fill(u.repCode ?? '');
    await d.locator('[name="password"]').fill(u.password);
  }

  /** Presses Enter in the dialog's last field: forms submit from the keyboard. */
  async submitUser(): Promise<void> {
    await this.userDialog.locator('[name="password"]').press('Enter');
  }

  dictionaryRow(kind: string, code: string): Locator {
    return this.page.getByTestId(`dictionary-${kind}`).locator(`tr[data-code="${code}"]`);
  }

  /** The dictionary's codes in their order on screen. */
  async dictionaryCodes(kind: string): Promise<string[]> {
    return this.page
      .getByTestId(`dictionary-${kind}`)
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
  }

  async moveUp(kind: string, code: string): Promise<void> {
    await this.dictionaryRow(kind, code).locator('button[data-testid^="up-"]').click();
  }

  backupRows(): Locator {
    return this.page.getByTestId('backups-table').locator('tbody tr');
  }
}
