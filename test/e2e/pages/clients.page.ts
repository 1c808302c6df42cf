import type { Locator, Page } from 'playwright-core';

// The client base's screens, driven by test ids: the list, a client's card with its dialogs, and
// the operator's queue.

export class ClientListPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('screen-clients');
  }
  get search(): Locator {
    return this.page.getByTestId('client-search');
  }
  get rows(): Locator {
    return this.page.getByTestId('client-row');
  }
  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  async open(): Promise<void> {
    await this.page.goto(new URL('#/clients', this.page.url()).toString());
    await this.screen.waitFor();
  }

  /** Types like a person (so the debounce and every keystroke's search run) and waits for `name`. */
  async find(query: string, name: string): Promise<Locator> {
    await this.search.fill('');
    await this.search.pressSequentially(query, { delay: 20 });
    const row = this.row(name);
    await row.first().waitFor();
    return row;
  }
}

export class ClientCardPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('screen-client-card');
  }
  get title(): Locator {
    return this.screen.locator('h1');
  }
  contact(surname: string): Locator {
    return this.page.getByTestId('contact-card').filter({ hasText: surname });
  }
  dialog(name: string): Locator {
    return this.page.getByTestId(`${name}-dialog`);
  }
  clientField(key: string): Locator {
    return this.dialog('client').getByTestId(`client-field-${key}`);
  }
  contactField(key: string): Locator {
    return this.dialog('contact').getByTestId(`contact-field-${key}`);
  }
  /** The error shown under a field of an open form (Field wires it by aria-describedby). */
  async fieldError(control: Locator): Promise<string> {
    const ids = ((await control.getAttribute('aria-describedby')) ?? '')
      .split(' ')
      .filter((s) => s.endsWith('-error'));
    if (!ids.length) return '';
    return (await this.page.locator(`[id="${ids[0]}"]`).textContent()) ?? '';
  }
  async waitFor(name?: string): Promise<void> {
    await this.screen.waitFor();
    if (name) await this.title.filter({ hasText: name }).waitFor();
  }
  /** The history dialog's entries as text, once it has loaded. */
  async historyTexts(): Promise<string[]> {
    const d = this.dialog('history');
    await d.waitFor();
    await d.getByTestId('history-entry').first().waitFor();
    return d.getByTestId('history-entry').allTextContents();
  }
  async closeDialog(name: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dialog(name).waitFor({ state: 'detached' });
  }
}

export class QueuePage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('screen-queue');
  }
  async open(): Promise<void> {
    await this.page.goto(new URL('#/clients/queue', this.page.url()).toString());
    await this.screen.waitFor();
  }
  correction(text: string): Locator {
    return this.page.getByTestId('queue-correction').filter({ hasText: text });
  }
  proposed(text: string): Locator {
    return this.page.getByTestId('queue-proposed').filter({ hasText: text });
  }
}
