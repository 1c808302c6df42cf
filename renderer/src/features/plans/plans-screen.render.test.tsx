import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { Role } from '../../../../shared/contract/users.schema';
import { createFakeApi } from '../../api/fake-api';
import type { FakeHandlers } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { frozen, planRow, services, user } from './plans.fixtures';
import { PlansScreen } from './PlansScreen';
import { createPlansStore } from './plans.store';

// The plans screen rendered to markup (no DOM here): "x of y" with a bar per target, the manager's
// "Set targets" only on months that are not over, the rep's own row read-only, and a dialog that
// refuses bad numbers with a translated message.

async function prepared(lang: Language, handlers: FakeHandlers, month = '2026-11') {
  const api = createFakeApi(handlers);
  const svc = services(api, lang);
  const store = createPlansStore(api);
  await store.getState().start(month);
  const render = (role: Role) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <PlansScreen user={user(role)} store={frozen(store)} />
        </AppServicesContext>
      </I18nextProvider>,
    );
  return { render, store, api };
}

const team = [
  planRow(),
  planRow({
    repId: 'rep-2',
    repName: 'Ewa Nowak-Szczepańska',
    repCode: 'ENS',
    isSet: false,
    targets: { contacts: 0, meetings: 0, deals: 0 },
    actuals: { contacts: 7, meetings: 3, deals: 1, dealsLost: 0, wonValue: 20_000 },
  }),
];

describe('plans screen markup', () => {
  it('shows each target as "x of y" with its bar, and the unset plan as actuals alone', async () => {
    const { render } = await prepared('pl', { 'plans:list': () => team });
    const html = render('manager');
    for (const id of ['plans-screen', 'plans-month', 'plans-prev', 'plans-next', 'plans-table', 'plan-total'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('listopad 2026');
    expect(html.match(/data-testid="plan-row"/g)).toHaveLength(2);
    expect(html.match(/data-testid="plan-set"/g)).toHaveLength(2);
    expect(html).toMatch(/data-testid="progress-deals" data-actual="5" data-target="10"[^>]*>.*?5 z 10/);
    expect(html).toContain('Wygrane transakcje: 5 z 10 (50');
    // 41 meetings of 40: done, the bar full and green.
    expect(html).toMatch(
      /data-testid="progress-meetings" data-actual="41" data-target="40" data-done="true"/,
    );
    expect(html).toContain('plan-progress__bar--done');
    // Ewa has no plan: her actuals, marked, no bar.
    expect(html).toContain('Brak planu');
    expect(html).toMatch(/data-testid="progress-contacts" data-actual="7" data-target=""[^>]*>.*?bez celu/);
    expect(html).toMatch(/data-testid="plan-won-value" data-value="1250050">12\s?500,50\s*zł/);
    // The team's total: the targets of those with a plan, everyone's actuals.
    expect(html).toMatch(/data-testid="progress-deals" data-actual="6" data-target="10"/);
  });

  it('gives a rep their own row read-only, in Czech', async () => {
    const { render } = await prepared('cs', { 'plans:list': () => [planRow()] });
    const html = render('rep');
    expect(html).toContain('data-testid="plan-row"');
    expect(html).not.toContain('data-testid="plan-set"');
    expect(html).not.toContain('data-testid="plan-total"');
    expect(html).toContain('Prodejní plány');
    expect(html).toContain('5 z 10');
  });

  it('keeps a month that is over read-only for the manager, saying why', async () => {
    const { render } = await prepared('en', { 'plans:list': () => team }, '2026-10');
    const html = render('manager');
    expect(html).toContain('October 2026');
    expect(html).not.toContain('data-testid="plan-set"');
    expect(html).toContain('The month is over');
  });

  it('says so when there is nobody to show', async () => {
    const { render } = await prepared('pl', { 'plans:list': () => [] });
    expect(render('admin')).toContain('data-testid="plans-empty"');
  });

  it('marks targets that are not whole numbers in the dialog and sends nothing', async () => {
    const { render, store, api } = await prepared('pl', { 'plans:list': () => team });
    store.getState().openEdit(store.getState().rows[0]!);
    store.getState().setText('deals', '2,5');
    expect(await store.getState().save()).toBe(false);
    const html = render('manager');
    expect(html).toContain('data-testid="plan-dialog"');
    expect(html).toContain('Cele: Jan Kowalski, listopad 2026');
    expect(html).toMatch(/Wpisz liczbę całkowitą od 0 do 100\s?000\./);
    expect(html).toMatch(
      /data-testid="plan-target-deals"[^>]*value="2,5"|value="2,5"[^>]*data-testid="plan-target-deals"/,
    );
    for (const id of ['plan-target-contacts', 'plan-target-meetings', 'plan-note', 'dialog-submit'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(api.calls.some((c) => c.command === 'plans:set')).toBe(false);
  });

  it('shows the core’s refusal translated above the form', async () => {
    const { render, store } = await prepared('pl', {
      'plans:list': () => team,
      'plans:set': () => {
        throw new AppError('forbidden', 'no', { key: 'errors.forbidden' });
      },
    });
    store.getState().openEdit(store.getState().rows[1]!);
    for (const m of ['contacts', 'meetings', 'deals'] as const) store.getState().setText(m, '3');
    expect(await store.getState().save()).toBe(false);
    const html = render('manager');
    expect(html).toContain('data-testid="plan-error"');
    expect(html).toContain('Na ten miesiąc nie ustalono jeszcze planu.');
  });
});
