import type { Locator, Page } from 'playwright-core';

// The signed-in frame, driven by test ids (stable in every language) and checked by visible text
// where the language is the point.

export type Lang = 'pl' | 'cs' | 'en';
export type Role = 'admin' | 'operator' | 'manager' | 'rep';
export type Section =
  'home' | 'clients' | 'visits' | 'actions' | 'settlements' | 'reports' | 'admin' | 'settings';
export type AdminTab =
  'users' | 'teams' | 'office' | 'dictionaries' | 'products' | 'promotions' | 'standards' | 'backups';
/** A screen as screenshots name it: 'clients', 'admin-teams' … */
export type ScreenId = Exclude<Section, 'admin'> | 'calls' | `admin-${AdminTab}`;

export const ADMIN_TABS: readonly AdminTab[] = [
  'users',
  'teams',
  'office',
  'dictionaries',
  'products',
  'promotions',
  'standards',
  'backups',
];
const SECTIONS: readonly Section[] = [
  'home',
  'clients',
  'visits',
  'actions',
  'settlements',
  'reports',
  'admin',
  'settings',
];

/**
 * Sections only some roles open (renderer/src/shell/routes.ts ROLES_FOR, written out again here so
 * a change there is a change the tour notices): local actions are the reps' deals, which managers
 * decide and the admin may read; the settlement desk is the managers'. Reports are everyone's:
 * the operator's show data quality only.
 */
const ONLY_FOR: Partial<Record<Section, readonly Role[]>> = {
  actions: ['rep', 'manager', 'admin'],
  settlements: ['manager'],
};

/** Every screen a role can reach, in navigation order. */
export function screensFor(role: Role): ScreenId[] {
  return SECTIONS.filter((s) => ONLY_FOR[s]?.includes(role) ?? true).flatMap((s): ScreenId[] =>
    s === 'admin'
      ? role === 'admin'
        ? ADMIN_TABS.map((t): ScreenId => `admin-${t}`)
        : []
      : s === 'visits'
        ? role === 'operator'
          ? ['calls']
          : ['visits', 'calls']
        : [s],
  );
}

export class ShellPage {
  constructor(readonly page: Page) {}

  nav(section: Section): Locator {
    return this.page.getByTestId(`nav-${section}`);
  }

  get navigation(): Locator {
    return this.page.locator('nav.side-nav');
  }

  get userName(): Locator {
    return this.page.getByTestId('user-name');
  }

  get userRole(): Locator {
    return this.page.getByTestId('user-role');
  }

  get today(): Locator {
    return this.page.getByTestId('today');
  }

  async waitUntilSignedIn(): Promise<void> {
    await this.page.getByTestId('sign-out').waitFor();
  }

  /** Opens a screen through the navigation (and the admin tabs) and waits until its data is shown. */
  async open(screen: ScreenId): Promise<void> {
    if (screen.startsWith('admin-')) {
      const tab = screen.slice('admin-'.length) as AdminTab;
      if (!(await this.page.getByTestId(`tab-${tab}`).isVisible())) await this.nav('admin').click();
      await this.page.getByTestId(`tab-${tab}`).click();
      await this.page.getByTestId(`screen-admin-${tab}`).waitFor();
    } else if (screen === 'visits' || screen === 'calls') {
      // The visits section opens on the agenda; the calls are its second tab.
      await this.nav('visits').click();
      // The operator has no agenda: the section opens on the calls, without tabs.
      await this.page.getByTestId('screen-agenda').or(this.page.getByTestId('screen-calls')).waitFor();
      if (screen === 'calls') {
        if (await this.page.getByTestId('tab-calls').isVisible())
          await this.page.getByTestId('tab-calls').click();
        await this.page.getByTestId('screen-calls').waitFor();
      }
    } else {
      await this.nav(screen as Section).click();
      await this.page.getByTestId(`screen-${screen}`).waitFor();
    }
    await this.settled(screen);
  }

  /** Waits for what each screen loads, so a screenshot never catches "Loading…". */
  async settled(screen: ScreenId): Promise<void> {
    const p = this.page;
    switch (screen) {
      case 'home':
        await this.today.waitFor();
        if (await p.getByTestId('card-users').count())
          await p.getByTestId('card-users').getByText(/\d/).first().waitFor();
        break;
      case 'admin-users':
        await p.getByTestId('users-table').waitFor();
        break;
      case 'admin-teams':
        await p.getByTestId('teams-table').waitFor();
        break;
      case 'admin-office':
        await p.getByTestId('office-tab').locator('form').waitFor();
        break;
      case 'admin-dictionaries':
        await p.getByTestId('dictionary-failureReason').locator('table').waitFor();
        break;
      case 'visits':
        await p.getByTestId('agenda-daycol').first().waitFor();
        break;
      case 'actions':
        await p.getByTestId('actions-count').waitFor();
        break;
      case 'settlements':
        await p.getByTestId('queue-row').or(p.getByTestId('settlements-empty')).first().waitFor();
        break;
      case 'reports':
        // The operator's reports open on data quality; everyone else's on the plans.
        await p
          .getByTestId('plans-table')
          .or(p.getByTestId('plans-empty'))
          .or(p.getByTestId('report-table'))
          .or(p.getByTestId('report-empty'))
          .first()
          .waitFor({ timeout: 60_000 });
        break;
      case 'calls':
        await p
          .getByTestId('triage-row')
          .or(p.getByTestId('triage-empty'))
          .or(p.getByTestId('calls-recent'))
          .first()
          .waitFor();
        break;
      case 'admin-products':
        await p.getByTestId('product-row').first().waitFor();
        break;
      case 'admin-promotions':
        await p.getByTestId('promotion-row').first().waitFor();
        break;
      case 'admin-standards':
        await p.getByTestId('standard-row').first().waitFor();
        break;
      case 'admin-backups':
        await p.getByTestId('backups-empty').or(p.getByTestId('backups-table')).waitFor();
        break;
      case 'settings':
        await p.getByTestId('about-version').getByText(/\d/).waitFor();
        break;
      default:
        break;
    }
    // The shipped font must be in before a picture is taken.
    await p.evaluate(() => document.fonts.ready.then(() => undefined));
  }

  async switchLanguage(lang: Lang): Promise<void> {
    await this.page.getByTestId('language-select').selectOption(lang);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('sign-in-form').waitFor();
  }
}
