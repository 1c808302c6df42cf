import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../../../../shared/contract/actions.schema';
import type { Office } from '../../../../../shared/contract/office.schema';
import type { SystemInfo } from '../../../../../shared/contract/system.schema';
import type { PublicUser, Role } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import { createAppStore } from '../../../app/app.store';
import type { AppServices } from '../../../app/services';
import { createI18n } from '../../../i18n/i18n';
import type { Language } from '../../../i18n/i18n';
import { createNavStore } from '../../../shell/nav.store';
import { actionRow } from './action-row.fixtures';
import { ActionsListScreen } from './ActionsListScreen';
import { createActionsListStore } from './actions-list.store';

// The list rendered to markup (no DOM here): the e2e hooks, the amount that matters per stage,
// the rep's name for a manager only, and the empty state.

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
  repCode: null,
  officeWide: false,
  active: true,
  language: null,
});

async function render(role: Role, rows: ActionRow[], lang: Language = 'pl') {
  const api = createFakeApi({ 'actions:list': () => rows });
  const app = createAppStore(api);
  app.setState({
    status: 'ready',
    office: { currency: 'CZK', name: 'Brno', timeZone: 'Europe/Prague' } as Office,
    info: { today: '2026-11-24' } as SystemInfo,
  });
  app.getInitialState = () => app.getState();
  const nav = createNavStore({
    location: { hash: '#/actions', pathname: '/', search: '' },
    history: { replaceState: () => {} },
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  const store = createActionsListStore(api);
  await store.getState().load();
  store.getInitialState = () => store.getState();
  const i18n = createI18n(lang);
  const services = { api, i18n, stores: { app, nav } } as unknown as AppServices;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <AppServicesContext value={services}>
        <ActionsListScreen user={user(role)} store={store} />
      </AppServicesContext>
    </I18nextProvider>,
  ).replace(/[\u00a0\u202f]/g, ' ');
}

describe('actions list markup', () => {
  const rows = [
    actionRow(),
    actionRow({
      id: 'a2',
      number: 'LA/2026/10/JKO/0007',
      stage: 'approved',
      state: 'approved',
      recommendedAmount: 120000,
      approvedAmount: 100000,
    }),
  ];

  it('lists a rep’s actions with links, stages and the amount that matters', async () => {
    const html = await render('rep', rows);
    expect(html).toContain('data-testid="actions-list"');
    expect(html).toMatch(/data-testid="action-row" data-number="LA\/2026\/11\/JKO\/0001"/);
    expect(html).toContain('href="#/actions/a1"');
    expect(html).toContain('data-testid="new-action"');
    expect(html).toContain('data-testid="open-budget"');
    expect(html).toContain('W trakcie');
    expect(html).toContain('Zatwierdzona');
    expect(html).toContain('1500,00 CZK');
    expect(html).toMatch(/data-kind="approved">1000,00 CZK<span class="table__sub">zatwierdzona/);
    expect(html).toContain('listopad 2026');
    expect(html).toContain('2 akcje');
    // A rep sees only their own: no rep column, and never someone else's name.
    expect(html).not.toContain('Jan Kowalski');
  });

  it('shows the rep for a manager, who registers nothing', async () => {
    const html = await render('manager', rows, 'cs');
    expect(html).toContain('Obchodní zástupce');
    expect(html).toContain('Jan Kowalski');
    expect(html).not.toContain('data-testid="new-action"');
    expect(html).toContain('Probíhá');
    expect(html).toContain('1 500,00 Kč');
  });

  it('says what to do when there is nothing yet', async () => {
    const html = await render('rep', []);
    expect(html).not.toContain('data-testid="actions-list"');
    expect(html).toContain('data-testid="actions-empty"');
    expect(html).toContain('„Nowa akcja”');
  });
});
