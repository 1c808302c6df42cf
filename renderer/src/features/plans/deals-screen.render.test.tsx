import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { Role } from '../../../../shared/contract/users.schema';
import { createFakeApi } from '../../api/fake-api';
import type { FakeHandlers } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { DealsScreen } from './DealsScreen';
import { createDealsStore } from './deals.store';
import { dealRow, frozen, services, user } from './plans.fixtures';

// The deals screen and its dialog rendered to markup (no DOM here): the month's deals with money
// in the office currency and plural totals, the rep's own actions, filters, and the dialog that
// refuses a bad amount with a translated message before anything is sent.

async function prepared(lang: Language, handlers: FakeHandlers, currency = 'PLN') {
  const api = createFakeApi(handlers);
  const svc = services(api, lang, currency);
  const store = createDealsStore(api, { repId: 'rep-1' });
  await store.getState().start('2026-11');
  const render = (role: Role) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <DealsScreen user={user(role)} store={frozen(store)} />
        </AppServicesContext>
      </I18nextProvider>,
    );
  return { render, store, api };
}

const month = [
  dealRow(),
  dealRow({
    id: '01900000-0000-7000-8000-0000000000d2',
    title: 'Lady',
    value: 200_000,
    closedAt: '2026-11-18',
  }),
  dealRow({
    id: '01900000-0000-7000-8000-0000000000d3',
    title: 'Witryna',
    outcome: 'lost',
    value: 90_000,
    closedAt: '2026-11-10',
    repId: 'rep-2',
    repName: 'Ewa Nowak',
  }),
];

describe('deals screen markup', () => {
  it('lists the month’s deals with money, outcome and Polish plural totals; a rep edits their own', async () => {
    const { render } = await prepared('pl', { 'deals:list': () => month });
    const html = render('rep');
    for (const id of [
      'deals-screen',
      'deals-month',
      'deals-outcome',
      'deals-search',
      'deal-record',
      'deals-table',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html.match(/data-testid="deal-row"/g)).toHaveLength(3);
    expect(html).toMatch(/data-testid="deal-value" data-value="1250050">12\s?500,50\s*zł/);
    expect(html).toMatch(/2 wygrane transakcje o wartości 14\s?500,50\s*zł · 1 przegrana/);
    expect(html).toContain('Przegrana');
    // Edit and archive only on the rep's own deals.
    expect(html.match(/data-testid="deal-edit"/g)).toHaveLength(2);
    expect(html.match(/data-testid="deal-archive"/g)).toHaveLength(2);
    expect(html).toContain('href="#/clients/01900000-0000-7000-8000-0000000000c1"');
    expect(html).toContain('Żółta Łódź');
  });

  it('gives a manager the rep column and no record, edit or archive, in Czech crowns', async () => {
    const { render } = await prepared('cs', { 'deals:list': () => month }, 'CZK');
    const html = render('manager');
    expect(html).not.toContain('data-testid="deal-record"');
    expect(html).not.toContain('data-testid="deal-edit"');
    expect(html).toContain('Ewa Nowak');
    expect(html).toMatch(/2 vyhrané obchody v hodnotě 14\s?500,50\s*Kč · 1 prohraný/);
  });

  it('filters by text and says when nothing matches', async () => {
    const { render, store } = await prepared('en', { 'deals:list': () => month });
    store.getState().setText('witryna');
    let html = render('manager');
    expect(html.match(/data-testid="deal-row"/g)).toHaveLength(1);
    expect(html).toContain('0 won deals worth');
    store.getState().setText('nothing like this');
    html = render('manager');
    expect(html).toContain('data-testid="deals-empty"');
    expect(html).toContain('No deal matches the filters.');
  });

  it('says so for a month without deals', async () => {
    const { render } = await prepared('pl', { 'deals:list': () => [] });
    expect(render('rep')).toContain('W tym miesiącu nie zamknięto żadnej transakcji.');
  });
});

describe('deal dialog markup', () => {
  it('opens with the office’s today, won, and the client search', async () => {
    const { render, store } = await prepared('pl', { 'deals:list': () => [] });
    store.getState().openCreate('2026-11-24');
    const html = render('rep');
    expect(html).toContain('data-testid="deal-dialog"');
    expect(html).toContain('data-testid="deal-client-search"');
    expect(html).toMatch(
      /data-testid="deal-closed" value="2026-11-24"|max="2026-11-24"[^>]*value="2026-11-24"/,
    );
    expect(html).toMatch(
      /checked=""[^>]*data-testid="deal-outcome-won"|data-testid="deal-outcome-won"[^>]*checked/,
    );
    expect(html).toContain('Wartość netto (PLN)');
  });

  it('refuses a bad amount with a translated message, and sends nothing', async () => {
    const { render, store, api } = await prepared('pl', { 'deals:list': () => [] });
    store.getState().openCreate('2026-11-24', { id: 'c1', name: 'Żółta Łódź', city: 'Kraków' });
    store.getState().setDraft({ title: 'Regały', value: '12 500,505' });
    expect(await store.getState().save()).toBeNull();
    const html = render('rep');
    expect(html).toContain('data-testid="deal-client"');
    expect(html).toContain('Wpisz kwotę, np. 12 500,00 (najwyżej dwa miejsca po przecinku).');
    expect(html).toMatch(/aria-invalid="true"[^>]*data-testid="deal-value"/);
    expect(api.calls.some((c) => c.command === 'deals:create')).toBe(false);
  });

  it('shows a missing client and a day after today at their fields, in Czech', async () => {
    const { render, store } = await prepared('cs', { 'deals:list': () => [] });
    store.getState().openCreate('2026-11-24');
    store.getState().setDraft({ title: 'Vitríny', value: '100', closedAt: '2026-12-01' });
    await store.getState().save();
    const html = render('rep');
    expect(html).toContain('Vyberte zákazníka, se kterým byl obchod uzavřen.');
    expect(html).toContain('Obchod se zapisuje po uzavření: datum nemůže být pozdější než dnes.');
  });

  it('puts the core’s field issue at its field and other refusals above the form', async () => {
    const { render, store, api } = await prepared('pl', { 'deals:list': () => [] });
    api.handle('deals:create', () => {
      throw new AppError('validation', 'bad', {
        key: 'errors.deal_invalid',
        issues: [{ path: ['closedAt'], key: 'validation.date_future', message: 'future' }],
      });
    });
    store.getState().openCreate('2026-11-24', { id: 'c1', name: 'Żółta Łódź', city: '' });
    store.getState().setDraft({ title: 'Regały', value: '10' });
    await store.getState().save();
    let html = render('rep');
    expect(html).toMatch(/aria-invalid="true"[^>]*data-testid="deal-closed"/);
    expect(html).not.toContain('data-testid="deal-error"');

    api.handle('deals:create', () => {
      throw new AppError('forbidden', 'not yours', { key: 'errors.client_out_of_scope' });
    });
    await store.getState().save();
    html = render('rep');
    expect(html).toContain('data-testid="deal-error"');
  });

  it('edits a deal with its client fixed and its amount as the language writes it', async () => {
    const { render, store } = await prepared('en', { 'deals:list': () => month });
    store.getState().openEdit(month[0]!, '2026-11-24', 'en');
    const html = render('rep');
    expect(html).toContain('Edit the deal');
    expect(html).toContain('The client of a recorded deal cannot change.');
    expect(html).not.toContain('data-testid="deal-client-change"');
    expect(html).toMatch(/value="12500.50"/);
  });
});
