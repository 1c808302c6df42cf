import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../../../shared/contract/actions.schema';
import type { Office } from '../../../../shared/contract/office.schema';
import type { SystemInfo } from '../../../../shared/contract/system.schema';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { createFakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import { createAppStore } from '../../app/app.store';
import type { AppServices } from '../../app/services';
import { createI18n } from '../../i18n/i18n';
import type { Language } from '../../i18n/i18n';
import type { SettlementsView } from '../../shell/routes';
import { actionRow } from '../actions/budget/budget.fixtures';
import { createSettlementsStore } from './settlements.store';
import { SettlementsSection } from './SettlementsSection';

// The settlements desk rendered to markup (no DOM here): the tabs, the rows with their links, the
// waiting time in the language's plural, and the empty states.

const manager = { id: 'm1', role: 'manager', displayName: 'Marta' } as PublicUser;

async function render(
  lang: Language,
  view: SettlementsView,
  rows: { queue?: ActionRow[]; approved?: ActionRow[] },
) {
  const api = createFakeApi({
    'actions:queue': () => rows.queue ?? [],
    'actions:list': () => rows.approved ?? [],
  });
  const app = createAppStore(api);
  app.setState({
    office: { currency: 'PLN', timeZone: 'Europe/Warsaw' } as Office,
    info: { today: '2026-11-24' } as SystemInfo,
  });
  app.getInitialState = () => app.getState();
  const store = createSettlementsStore(api);
  await store.getState().open(view.view);
  store.getInitialState = () => store.getState();
  const i18n = createI18n(lang);
  const services = { api, i18n, stores: { app } } as unknown as AppServices;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <AppServicesContext value={services}>
        <SettlementsSection view={view} user={manager} store={store} />
      </AppServicesContext>
    </I18nextProvider>,
  );
}

describe('settlements markup', () => {
  it('lists the recommendations with recommended against agreed and how long each waits', async () => {
    const html = await render(
      'pl',
      { view: 'queue' },
      {
        queue: [
          actionRow({
            state: 'recommended',
            stage: 'recommended',
            agreedAmount: 300_000,
            recommendedAmount: 150_000,
            since: '2026-11-19T09:00:00.000Z',
          }),
        ],
      },
    );
    expect(html).toContain('data-testid="tab-queue"');
    expect(html).toContain('data-testid="tab-approved"');
    expect(html).toMatch(
      /data-testid="tab-queue" aria-current="page"|aria-current="page"[^>]*data-testid="tab-queue"/,
    );
    expect(html).toContain('data-testid="settlements-queue"');
    expect(html.match(/data-testid="queue-row"/g)).toHaveLength(1);
    expect(html).toContain('href="#/actions/01900000-0000-7000-8000-000000000001"');
    expect(html).toMatch(/data-value="150000">1500,00\s*zł/);
    expect(html).toContain('50% uzgodnionej');
    expect(html).toContain('data-days="5"');
    expect(html).toContain('5 dni');
  });

  it('says so when nothing waits', async () => {
    expect(await render('cs', { view: 'queue' }, {})).toContain(
      'Žádné doporučení nečeká na vaše rozhodnutí.',
    );
    expect(await render('en', { view: 'approved' }, {})).toContain(
      'No approved settlement is waiting for HQ.',
    );
  });

  it('lists the approved settlements with amount, method and a total', async () => {
    const approved = (id: string, amount: number, method: 'invoice' | 'products') =>
      actionRow({
        id,
        state: 'approved',
        stage: 'approved',
        approvedAmount: amount,
        settlementMethod: method,
      });
    const html = await render(
      'cs',
      { view: 'approved' },
      {
        approved: [approved('a1', 100_000, 'invoice'), approved('a2', 50_000, 'products')],
      },
    );
    expect(html).toContain('data-testid="settlements-approved"');
    expect(html.match(/data-testid="approved-row"/g)).toHaveLength(2);
    expect(html).toContain('Fakturou');
    expect(html).toContain('Ve zboží');
    expect(html).toMatch(/data-testid="approved-total" data-value="150000"/);
  });
});
