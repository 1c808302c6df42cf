import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/contract/errors';
import type { Office } from '../../../../../shared/contract/office.schema';
import type { SystemInfo } from '../../../../../shared/contract/system.schema';
import type { PublicUser, Role } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import type { FakeHandlers } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import { createAppStore } from '../../../app/app.store';
import type { AppServices } from '../../../app/services';
import { createI18n } from '../../../i18n/i18n';
import type { Language } from '../../../i18n/i18n';
import { actionRow, budgetRow } from './budget.fixtures';
import { BudgetScreen } from './BudgetScreen';
import { createBudgetStore } from './budget.store';

// The budget screen rendered to markup (no DOM here): the e2e hooks, money in the office
// currency, the warning on a nearly used budget, and a refused edit showing what blocks it.

const user = (role: Role): PublicUser => ({
  id: `${role}-1`,
  createdAt: '2026-11-01T08:00:00.000Z',
  createdBy: 'system',
  updatedAt: '2026-11-01T08:00:00.000Z',
  updatedBy: 'system',
  login: role,
  displayName: 'Marta Wiśniewska',
  role,
  teamId: 't1',
  repCode: role === 'rep' ? 'JKO' : null,
  officeWide: false,
  active: true,
  language: null,
});

async function prepared(lang: Language, handlers: FakeHandlers) {
  const api = createFakeApi(handlers);
  const app = createAppStore(api);
  app.setState({
    status: 'ready',
    office: { currency: 'PLN', name: 'Kraków', timeZone: 'Europe/Warsaw' } as Office,
    info: { today: '2026-11-24' } as SystemInfo,
  });
  app.getInitialState = () => app.getState();
  const store = createBudgetStore(api);
  await store.getState().start('2026-11');
  const i18n = createI18n(lang);
  const services = { api, i18n, stores: { app } } as unknown as AppServices;
  const render = (role: Role) => {
    // Server rendering reads a zustand store's initial state: point it at what the test prepared.
    store.getInitialState = () => store.getState();
    return renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <AppServicesContext value={services}>
          <BudgetScreen user={user(role)} store={store} />
        </AppServicesContext>
      </I18nextProvider>,
    );
  };
  return { render, store };
}

const team = [
  budgetRow(),
  budgetRow({
    repId: 'rep-2',
    repName: 'Ewa Nowak-Szczepańska',
    repCode: 'ENS',
    budget: 500_000,
    reserved: 400_000,
    committed: 60_000,
    settled: 0,
  }),
];

describe('budget screen markup', () => {
  it('shows every figure as a button with its amount, and warns from 90 % used', async () => {
    const { render } = await prepared('pl', { 'budgets:list': () => team });
    const html = render('manager');
    for (const id of ['budget-screen', 'budget-month', 'budget-prev', 'budget-next', 'budget-set'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html.match(/data-testid="budget-row"/g)).toHaveLength(2);
    expect(html).toContain('data-rep="rep-2"');
    expect(html).toContain('listopad 2026');
    expect(html).toMatch(/data-testid="figure-available" data-value="500000"[^>]*>5\s?000,00\s*zł</);
    expect(html).toMatch(/<button[^>]*data-testid="figure-reserved"/);
    // Ewa's month is 92 % used; Jan's 50 % is not flagged.
    expect(html.match(/data-warn="true"/g)).toHaveLength(1);
    expect(html).toContain('92');
  });

  it('gives a rep no budget edit', async () => {
    const { render } = await prepared('cs', { 'budgets:list': () => [budgetRow()] });
    const html = render('rep');
    expect(html).toContain('data-testid="budget-row"');
    expect(html).not.toContain('data-testid="budget-set"');
    expect(html).toContain('Rozpočty');
  });

  it('shows a refused edit with the figures that block it', async () => {
    const { render, store } = await prepared('pl', {
      'budgets:list': () => team,
      'budgets:set': ({ amount }) => {
        throw new AppError('budget_exceeded', 'below', {
          key: 'errors.budget_below_used',
          details: { month: '2026-11', amount, reserved: 300_000, committed: 200_000, minimum: 500_000 },
        });
      },
    });
    store.getState().openEdit(store.getState().rows[0]!);
    expect(await store.getState().saveBudget(400_000, '')).toBe(false);
    const html = render('manager');
    expect(html).toContain('data-testid="budget-blocked"');
    expect(html).toContain('data-minimum="500000"');
    expect(html).toContain('Budżetu nie zmieniono');
    expect(html).toMatch(/4\s?000,00\s*zł to mniej, niż miesiąc już zajmuje/);
    expect(html).toMatch(/data-testid="blocked-reserved" data-value="300000">3\s?000,00\s*zł/);
    expect(html).toMatch(/data-testid="blocked-committed" data-value="200000">2\s?000,00\s*zł/);
    expect(html).toMatch(/data-testid="blocked-minimum" data-value="500000">5\s?000,00\s*zł/);
    for (const id of ['budget-amount', 'budget-note', 'dialog-submit'])
      expect(html).toContain(`data-testid="${id}"`);
    // The table still shows the budget as it was.
    expect(html).toMatch(/data-testid="figure-budget" data-value="1000000"/);
  });

  it('lists the actions behind an opened figure, each linking to the action', async () => {
    const { render, store } = await prepared('en', {
      'budgets:list': () => team,
      'actions:list': () => [
        actionRow(),
        actionRow({ id: '01900000-0000-7000-8000-000000000002', number: 'LA/2026/11/JKO/0002' }),
      ],
    });
    await store.getState().openFigure(store.getState().rows[0]!, 'reserved');
    const html = render('manager');
    expect(html).toContain('data-testid="figure-actions"');
    expect(html.match(/data-testid="figure-action-row"/g)).toHaveLength(2);
    expect(html).toContain('href="#/actions/01900000-0000-7000-8000-000000000002"');
    expect(html).toMatch(/data-testid="figure-actions-total" data-value="600000"/);
  });
});
