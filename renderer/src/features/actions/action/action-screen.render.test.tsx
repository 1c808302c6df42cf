import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ActionDetail } from '../../../../../shared/contract/actions.schema';
import type { Office } from '../../../../../shared/contract/office.schema';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import { createAppStore } from '../../../app/app.store';
import type { AppServices } from '../../../app/services';
import { createI18n } from '../../../i18n/i18n';
import type { Language } from '../../../i18n/i18n';
import { ACTION_ID, actionDetail } from './action.fixtures';
import { createActionStore } from './action.store';
import { ActionScreen } from './ActionScreen';
import { ApproveDialog } from './ApproveDialog';
import { RecommendDialog } from './ActionDialogs';

// The action's screen and dialogs rendered to markup (no DOM here): the e2e hooks and the texts.

const user = { id: 'u-man', role: 'manager' } as PublicUser;

async function prepared(detail: ActionDetail, lang: Language = 'pl') {
  const api = createFakeApi({ 'actions:get': () => detail });
  const store = createActionStore(api);
  await store.getState().open(ACTION_ID);
  store.getInitialState = () => store.getState();
  const i18n = createI18n(lang);
  const app = createAppStore(api);
  app.setState({ office: { currency: 'PLN', timeZone: 'Europe/Warsaw' } as Office });
  // Server rendering reads a store's initial state: make it the prepared one.
  app.getInitialState = () => app.getState();
  const services = { api, i18n, stores: { app } } as unknown as AppServices;
  const render = (node: React.ReactNode) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <AppServicesContext value={services}>{node}</AppServicesContext>
      </I18nextProvider>,
    );
  return { store, render };
}

const count = (html: string, testId: string) => html.split(`data-testid="${testId}"`).length - 1;

describe('action screen markup', () => {
  it('shows the manager the facts, the budget, every verification and the whole history', async () => {
    const { store, render } = await prepared(actionDetail());
    const html = render(<ActionScreen actionId={ACTION_ID} user={user} store={store} />);
    expect(html).toContain('data-testid="action-screen"');
    expect(html).toMatch(/data-testid="action-number">LA\/2026\/11\/JKO\/0042</);
    expect(html).toMatch(/data-testid="action-stage" data-stage="recommended"/);
    // Deciding is the manager's: approve, return, reject; nothing of the rep's.
    for (const id of ['action-approve', 'action-return', 'action-reject']) expect(count(html, id)).toBe(1);
    for (const id of [
      'action-edit',
      'action-register',
      'action-recommend',
      'action-close',
      'action-settle',
      'action-print',
    ])
      expect(count(html, id)).toBe(0);

    expect(html).toContain('data-testid="action-budget"');
    expect(html).toMatch(/data-testid="budget-available" data-value="300000"/);
    expect(html).toMatch(/data-testid="budget-reserved" data-value="150000"/);
    expect(html).toMatch(/data-testid="budget-committed" data-value="50000"/);
    expect(html).toContain('Wpływ na budżet');

    expect(count(html, 'verification-visit')).toBe(2);
    expect(html).toContain('href="#/visits/v1"');
    expect(html).toMatch(/data-testid="verification-condition" data-met="true"/);
    expect(html).toMatch(/data-testid="verification-condition" data-met="false"/);
    expect(count(html, 'verification-condition')).toBe(4);
    expect(html.match(/data-met="none"/g)).toHaveLength(2);
    expect(count(html, 'verification-photo')).toBe(1);
    expect(html).toContain('nie zapisano');

    expect(count(html, 'action-history-entry')).toBe(4);
    expect(html).toContain('Zarekomendowano rozliczenie');
    expect(html).toContain('Jan Kowalski');
    // An edit lists what changed, amounts as money.
    expect(html).toMatch(/Kwota uzgodniona: 1[\s\u00a0]?200,00[\s\u00a0]zł → 1[\s\u00a0]?500,00[\s\u00a0]zł/);
    // History in the office's time zone (Warsaw: UTC+1 in November).
    expect(html).toContain('22 lis 2026, 11:00');
  });

  it('offers the rep their own steps, and says when no visit has verified the action yet', async () => {
    const detail = actionDetail(
      {
        stage: 'awaiting_assessment',
        verifications: [],
        summary: [],
        can: {
          edit: true,
          editable: ['endDate', 'conditions'],
          register: false,
          cancel: false,
          close: true,
          recommend: true,
          decide: false,
          settle: false,
          printOrder: false,
        },
      },
      { state: 'active', recommendedAmount: null },
    );
    const { store, render } = await prepared(detail, 'cs');
    const html = render(<ActionScreen actionId={ACTION_ID} user={{ ...user, role: 'rep' }} store={store} />);
    for (const id of ['action-edit', 'action-recommend', 'action-close']) expect(count(html, id)).toBe(1);
    expect(count(html, 'action-approve')).toBe(0);
    expect(html).toContain('data-testid="verification-empty"');
    expect(html).toContain('Tuto akci zatím neověřila žádná návštěva.');
    expect(html).toContain('Doporučit vyúčtování');
  });

  it('renders the approval in products with the recommended amount and a running total', async () => {
    const detail = actionDetail();
    const { store, render } = await prepared(detail);
    const html = render(<ApproveDialog detail={detail} store={store} onClose={() => {}} onDone={() => {}} />);
    expect(html).toMatch(/data-testid="approve-amount" value="1000"/);
    for (const id of [
      'approve-line-product',
      'approve-line-quantity',
      'approve-line-value',
      'approve-line-add',
    ])
      expect(count(html, id)).toBe(1);
    expect(html).toMatch(/data-testid="approve-total" data-value="0"/);
    expect(html).toContain('WOD-15 · Woda 1,5 l');
    expect(html).toContain('Produkty tej akcji');
    expect(html).toContain('data-testid="dialog-submit"');
    expect(count(html, 'approve-invoice-number')).toBe(0);
  });

  it('renders the approval by invoice when the deal says so', async () => {
    const detail = actionDetail({}, { settlementMethod: 'invoice' });
    const { store, render } = await prepared(detail, 'en');
    const html = render(<ApproveDialog detail={detail} store={store} onClose={() => {}} onDone={() => {}} />);
    for (const id of ['approve-invoice-number', 'approve-invoice-date', 'approve-net'])
      expect(count(html, id)).toBe(1);
    expect(count(html, 'approve-line-product')).toBe(0);
    expect(html).toContain('At most the recommended');
  });

  it('renders the recommendation with the full-amount shortcut', async () => {
    const detail = actionDetail({}, { state: 'active', recommendedAmount: null, justification: '' });
    const { store, render } = await prepared(detail);
    const html = render(
      <RecommendDialog detail={detail} store={store} onClose={() => {}} onDone={() => {}} />,
    );
    for (const id of ['recommend-amount', 'recommend-full', 'recommend-justification', 'dialog-submit'])
      expect(count(html, id)).toBe(1);
    expect(html).toContain('Najwyżej uzgodnione');
  });
});
