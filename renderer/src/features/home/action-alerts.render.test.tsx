import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ActionAlerts as Alerts } from '../../../../shared/contract/actions.schema';
import type { Office } from '../../../../shared/contract/office.schema';
import { createFakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import { createAppStore } from '../../app/app.store';
import type { AppServices } from '../../app/services';
import { createI18n } from '../../i18n/i18n';
import type { Language } from '../../i18n/i18n';
import { actionRow, budgetRow } from '../actions/budget/budget.fixtures';
import { ActionAlerts } from './ActionAlerts';
import { createActionAlertsStore } from './action-alerts.store';

// The home's action alerts rendered to markup (no DOM here): only the groups that have rows,
// headings counted in the language's plural, and nothing at all when nothing needs attention.

const none: Alerts = {
  today: '2026-11-24',
  endingSoon: [],
  assessmentOverdue: [],
  awaitingDecision: [],
  budgetsNearlyUsed: [],
};

async function render(lang: Language, alerts: Alerts) {
  const api = createFakeApi({ 'home:actionAlerts': () => alerts });
  const app = createAppStore(api);
  app.setState({ office: { currency: 'CZK', timeZone: 'Europe/Prague' } as Office });
  app.getInitialState = () => app.getState();
  const store = createActionAlertsStore(api);
  await store.getState().load();
  store.getInitialState = () => store.getState();
  const i18n = createI18n(lang);
  const services = { api, i18n, stores: { app } } as unknown as AppServices;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <AppServicesContext value={services}>
        <ActionAlerts store={store} />
      </AppServicesContext>
    </I18nextProvider>,
  );
}

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    actionRow({ id: `01900000-0000-7000-8000-00000000000${i}`, number: `LA/2026/11/JKO/000${i}` }),
  );

describe('action alerts markup', () => {
  it('renders nothing when nothing needs attention', async () => {
    expect(await render('pl', none)).toBe('');
  });

  it('shows only the groups with rows, counted in Polish plurals, each row a link', async () => {
    const html = await render('pl', {
      ...none,
      endingSoon: [
        actionRow({ endDate: '2026-11-24' }),
        actionRow({
          id: '01900000-0000-7000-8000-000000000009',
          number: 'LA/2026/11/JKO/0009',
          endDate: '2026-11-26',
        }),
      ],
      awaitingDecision: ids(5).map((r) => ({
        ...r,
        recommendedAmount: 120_000,
        since: '2026-11-20T10:00:00.000Z',
      })),
    });
    expect(html).toContain('data-testid="action-alerts"');
    expect(html).toContain('data-testid="alert-ending"');
    expect(html).toContain('data-testid="alert-decision"');
    expect(html).not.toContain('data-testid="alert-overdue"');
    expect(html).not.toContain('data-testid="alert-budget"');
    expect(html.match(/data-testid="alert-row"/g)).toHaveLength(7);
    expect(html).toContain('2 akcje kończą się w ciągu 3 dni');
    expect(html).toContain('5 rekomendacji czeka na decyzję');
    expect(html).toContain('kończy się dziś');
    expect(html).toContain('href="#/actions/01900000-0000-7000-8000-000000000001"');
    expect(html).toMatch(/rekomendowano 1200,00\s*CZK/);
    expect(html).toContain('4 dni'); // 20 → 24 November, office days
    expect(html).toMatch(/kończy się 26 lis/);
  });

  it('links a nearly used budget to the budget screen, in Czech', async () => {
    const html = await render('cs', {
      ...none,
      assessmentOverdue: [actionRow({ stage: 'awaiting_assessment', endDate: '2026-11-10' })],
      budgetsNearlyUsed: [budgetRow({ reserved: 700_000, committed: 250_000 })],
    });
    expect(html).toContain('data-testid="alert-overdue"');
    expect(html).toContain('1 zpožděné hodnocení akce');
    expect(html).toContain('data-testid="alert-budget"');
    expect(html).toContain('href="#/actions/budget"');
    expect(html).toContain('listopad 2026');
    expect(html).toMatch(/vyčerpáno 95\s?%/);
  });
});
