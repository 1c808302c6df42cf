import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ClientOrders } from '../../../../shared/contract/orders.schema';
import { createFakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { frozen, services } from '../plans/plans.fixtures';
import { ClientOrdersPanel } from './ClientOrdersPanel';
import { createClientOrdersStore } from './client-orders.store';
import { clientOrders, emptyClientOrders } from './orders.fixtures';

// The client card's orders panel rendered to markup: the 12-month total, what the client orders
// most and the last orders in the currency the core names, and an empty history that reads as a
// sentence rather than empty tables.

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ').replace(/&nbsp;/g, ' ');

async function rendered(lang: Language, answer: () => ClientOrders) {
  const api = createFakeApi({ 'orders:client': answer });
  const svc = services(api, lang);
  const store = frozen(createClientOrdersStore(api));
  await store.getState().open('c1');
  return plain(
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <ClientOrdersPanel clientId="c1" store={store} />
        </AppServicesContext>
      </I18nextProvider>,
    ),
  );
}

describe('client orders panel markup', () => {
  it('shows the total, the top products and the last orders in Polish', async () => {
    const html = await rendered('pl', () => clientOrders());
    expect(html).toContain('data-testid="client-orders-panel"');
    expect(html).toContain('Ostatnie 12 miesięcy');
    expect(html).toMatch(/data-value="4567890">45 678,90 zł</);
    expect(html).toContain('48 pozycji zamówień');
    expect(html).toContain('Co zamawia najczęściej');
    expect(html.match(/data-testid="client-orders-top-row"/g)).toHaveLength(2);
    expect(html).toContain('Mleko spożywcze 3,2% UHT w kartonie z zakrętką 1 l');
    expect(html).toContain('MLK-1');
    expect(html).toContain('480 szt.');
    expect(html).toContain('12,5 kg');
    expect(html).toContain('12 345,00 zł');
    expect(html).toContain('20 lis 2026');
    expect(html.match(/data-testid="client-orders-last-row"/g)).toHaveLength(2);
    expect(html).toContain('FV/11/2026/123');
    expect(html).toContain('bez numeru faktury');
    // A return subtracts.
    expect(html).toContain('-120,00 zł');
    // Lines folded until asked for, with the plural the count needs.
    expect(html).toMatch(
      /aria-expanded="false"[^>]*data-testid="client-orders-lines-toggle"[^>]*>Pokaż 2 pozycje</,
    );
    expect(html).toMatch(/>Pokaż 1 pozycję</);
    expect(html).toMatch(/<ul class="client-orders__lines"[^>]*hidden=""/);
    expect(html).toContain('2,25 kg');
  });

  it('reads well with an empty history, in English and Czech', async () => {
    const en = await rendered('en', emptyClientOrders);
    expect(en).toContain('data-testid="client-orders-empty"');
    expect(en).toContain('No orders in the last 12 months.');
    expect(en).not.toContain('client-orders-top-row');
    expect(en).not.toContain('client-orders-last-row');
    expect(en).not.toContain('<table');
    const cs = await rendered('cs', emptyClientOrders);
    expect(cs).toContain('Za posledních 12 měsíců žádné objednávky.');
  });

  it('shows older last orders even when the last months have none', async () => {
    const html = await rendered('en', () => ({
      ...emptyClientOrders(),
      lastOrders: clientOrders().lastOrders,
    }));
    expect(html).toContain('No orders in the last 12 months.');
    expect(html.match(/data-testid="client-orders-last-row"/g)).toHaveLength(2);
  });

  it('shows the core’s refusal translated with a retry', async () => {
    const html = await rendered('pl', () => {
      throw new AppError('forbidden', 'scope', { key: 'errors.client_out_of_scope' });
    });
    expect(html).toContain('data-status="failed"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Ten klient nie należy do Twoich.');
  });
});
