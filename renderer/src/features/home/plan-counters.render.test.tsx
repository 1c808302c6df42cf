import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { PlanCounters as Counters } from '../../../../shared/contract/plans.schema';
import { createFakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { frozen, planCounters, services } from '../plans/plans.fixtures';
import { PlanCounters } from './PlanCounters';
import { createPlanCountersStore } from './plan-counters.store';

// The home's plan counters rendered to markup (no DOM here): "5 z 10" per target, the month by
// name, the "no plan" state, and a counter that changes when a record does, without a reload.

const tick = () => new Promise((r) => setTimeout(r, 0));

async function prepared(lang: Language, counters: () => Counters, currency = 'PLN') {
  const api = createFakeApi({ 'home:planCounters': counters });
  const svc = services(api, lang, currency);
  const store = createPlanCountersStore(api);
  store.getState().connect();
  await store.getState().load();
  const render = (manager = false) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <PlanCounters manager={manager} store={frozen(store)} />
        </AppServicesContext>
      </I18nextProvider>,
    );
  return { render, api };
}

describe('plan counters markup', () => {
  it('shows deals, meetings and contacts against the month’s targets', async () => {
    const { render } = await prepared('pl', () => planCounters());
    const html = render();
    expect(html).toContain('data-testid="plan-counters"');
    expect(html).toContain('Plan na listopad 2026');
    for (const m of ['deals', 'meetings', 'contacts'])
      expect(html).toContain(`data-testid="plan-counter-${m}"`);
    expect(html).toMatch(/data-testid="progress-deals" data-actual="5" data-target="10"[^>]*>.*?5 z 10/);
    expect(html).toContain('12 z 40');
    expect(html).toMatch(/Wygrane za 5\s?000,00\s*zł · przegrane: 1/);
    expect(html).toContain('href="#/reports/deals"');
    expect(html).not.toContain('data-testid="plan-counters-unset"');
  });

  it('changes the moment a deal is recorded, in any window, without a reload', async () => {
    let counters = planCounters();
    const { render, api } = await prepared('pl', () => counters);
    expect(render()).toContain('5 z 10');
    counters = planCounters({ actuals: { ...counters.actuals, deals: 6, wonValue: 600_000 } });
    api.emit('data:changed', { entities: ['deals'], seq: 7 });
    await tick();
    const html = render();
    expect(html).toMatch(/data-testid="progress-deals" data-actual="6" data-target="10"/);
    expect(html).toContain('6 z 10');
    expect(html).toMatch(/Wygrane za 6\s?000,00\s*zł/);
  });

  it('says when no plan is set, showing what the month holds so far', async () => {
    const { render } = await prepared('cs', () =>
      planCounters({ isSet: false, reps: 4, targets: { contacts: 0, meetings: 0, deals: 0 } }),
    );
    const html = render(true);
    expect(html).toContain('data-testid="plan-counters-unset"');
    expect(html).toContain('Cíle stanovíte na obrazovce prodejních plánů.');
    expect(html).toContain('Plán týmu na listopad 2026');
    expect(html).toContain('Součet za 4 obchodní zástupce vašeho týmu.');
    expect(html).toMatch(/data-testid="progress-deals" data-actual="5" data-target=""/);
    expect(html).toContain('bez cíle');
    expect(html).toContain('href="#/reports"');
  });
});
