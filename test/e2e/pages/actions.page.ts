import type { Locator, Page } from 'playwright-core';

// Local actions' screens (issue 7), driven by test ids: the registration wizard, one action's
// screen and its step dialogs, the budget screen. Waits are on what the screens show, never on time.

/** What the rep types into the wizard, step by step. */
export interface WizardInput {
  /** Typed into the client search; the option with `clientId` is picked. */
  clientQuery: string;
  clientId: string;
  start: string;
  end: string;
  /** The execution mode's label in the UI's language. */
  mode: string;
  title: string;
  description: string;
  conditions: string[];
  /** How many of the catalogue's first products to tick as promoted. */
  products: number;
  method: 'invoice' | 'products';
  /** As a person types it: "1 200,00". */
  amount: string;
  month: string;
}

export class ActionWizardPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('screen-new-action');
  }

  step(n: 1 | 2 | 3 | 4): Locator {
    return this.page.getByTestId(`wizard-step-${n}`);
  }

  async open(): Promise<void> {
    await this.page.getByTestId('new-action').click();
    await this.screen.waitFor();
    await this.step(1).waitFor();
  }

  async next(to: 2 | 3 | 4): Promise<void> {
    await this.page.getByTestId('wizard-next').click();
    await this.step(to).waitFor();
  }

  async chooseClient(i: WizardInput): Promise<void> {
    await this.page.getByTestId('wizard-client-search').fill(i.clientQuery);
    await this.page.locator(`[data-testid="wizard-client-option"][data-id="${i.clientId}"]`).click();
    await this.page.locator(`[data-testid="wizard-client"][data-id="${i.clientId}"]`).waitFor();
  }

  async fillPeriod(i: WizardInput): Promise<void> {
    await this.page.getByTestId('wizard-start').fill(i.start);
    await this.page.getByTestId('wizard-end').fill(i.end);
    await this.page.getByTestId('wizard-mode').selectOption({ label: i.mode });
    await this.page.getByTestId('wizard-title').fill(i.title);
    await this.page.getByTestId('wizard-description').fill(i.description);
  }

  async fillConditions(i: WizardInput): Promise<void> {
    const rows = this.page.getByTestId('wizard-condition');
    for (const [n, c] of i.conditions.entries()) {
      await this.page.getByTestId('wizard-condition-input').fill(c);
      await this.page.getByTestId('wizard-condition-add').click();
      await rows.nth(n).waitFor();
    }
    if (i.products > 0)
      await this.page
        .getByTestId('wizard-product')
        .nth(i.products - 1)
        .waitFor();
    for (let n = 0; n < i.products; n++) await this.page.getByTestId('wizard-product').nth(n).check();
  }

  async fillSettlement(i: WizardInput): Promise<void> {
    await this.page.getByTestId(`wizard-method-${i.method}`).check();
    await this.page.getByTestId('wizard-amount').fill(i.amount);
    await this.page.getByTestId('wizard-month').selectOption(i.month);
    // The month's available budget, and what the amount would leave of it, are on screen.
    await this.page.getByTestId('wizard-after').waitFor();
  }

  /** Steps 1–4 filled, the wizard left on step 4 (nothing sent yet). */
  async fillAll(i: WizardInput): Promise<void> {
    await this.chooseClient(i);
    await this.next(2);
    await this.fillPeriod(i);
    await this.next(3);
    await this.fillConditions(i);
    await this.next(4);
    await this.fillSettlement(i);
  }
}

/** One action's screen and the dialogs of its steps. */
export class ActionPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('action-screen');
  }

  async open(origin: string, id: string): Promise<void> {
    await this.page.goto(new URL(`#/actions/${id}`, origin).toString());
    await this.loaded(id);
  }

  /** The action's own screen, with its details loaded (not the "loading" frame). */
  async loaded(id: string): Promise<void> {
    await this.page.locator(`[data-testid="action-screen"][data-action-id="${id}"][data-stage]`).waitFor();
  }

  async stage(): Promise<string | null> {
    return this.screen.getAttribute('data-stage');
  }

  /** Opens a step's dialog by its button (`action-<step>`), answers the dialog. */
  async openStep(step: string): Promise<Locator> {
    await this.page.getByTestId(`action-${step}`).click();
    const dialog = this.page.getByTestId(`action-${step}-dialog`);
    await dialog.waitFor();
    return dialog;
  }

  /** Submits the open dialog and waits until it closed and the action reached `stage`. */
  async submit(dialog: Locator, stage: string): Promise<void> {
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.locator(`[data-testid="action-screen"][data-stage="${stage}"]`).waitFor();
  }

  historyEvents(): Promise<Array<string | null>> {
    return this.page
      .getByTestId('action-history-entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));
  }
}
