import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ReportResult, ReportRunInput } from '../../../../shared/contract/reports.schema';
import { createFakeApi } from '../../api/fake-api';
import type { FakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { AppServices } from '../../app/services';
import type { Language } from '../../i18n/i18n';
import { createQueueStore } from '../clients/queue/queue.store';
import { frozen, services, user } from '../plans/plans.fixtures';
import { reportResult } from '../reports/reports.fixtures';
import { DataQualityCard } from './DataQualityCard';
import { createDataQualityCardStore } from './data-quality-card.store';
import { HomeScreen } from './HomeScreen';

// The operator's "Data quality" card rendered to markup (no DOM here): the office's totals of the
// data-quality report, each a link to where its records are; a quiet "counting" while the first
// computation waits for the duplicate scan; a figure moving when client data changes; and a failed
// call that leaves the rest of the home standing.

const tick = () => new Promise((r) => setTimeout(r, 0));

function quality(input: ReportRunInput, over: Record<string, number | null> = {}): ReportResult {
  return reportResult('dataQuality', input.filters, {
    totals: {
      clients: 12_400,
      noTaxId: 41,
      noContact: 12,
      contactNoChannel: 7,
      noConsent: 12_300,
      duplicates: 18,
      meetingsNoResult: 3,
      ...over,
    },
  });
}

function render(api: FakeApi, lang: Language, node: (svc: AppServices) => React.ReactNode) {
  const svc = services(api, lang);
  const full = { ...svc, stores: { ...svc.stores, queue: frozen(createQueueStore(api)) } };
  return renderToStaticMarkup(
    <I18nextProvider i18n={full.i18n}>
      <AppServicesContext value={full}>{node(full)}</AppServicesContext>
    </I18nextProvider>,
  );
}

async function prepared(lang: Language, run: (i: ReportRunInput) => ReportResult) {
  const api = createFakeApi({ 'reports:run': run });
  const store = createDataQualityCardStore(api);
  store.getState().connect();
  await store.getState().start('2026-11');
  frozen(store);
  return {
    api,
    store,
    card: () => render(api, lang, () => <DataQualityCard store={store} />),
    home: () =>
      render(api, lang, () => <HomeScreen user={user('operator')} stores={{ dataQuality: store }} />),
  };
}

describe('data quality card markup', () => {
  it('shows the office’s four totals, each a link to where its records are', async () => {
    const { card, api } = await prepared('pl', (i) => quality(i));
    expect(api.calls[0]?.input).toEqual({ kind: 'dataQuality', filters: { from: '2026-11', to: '2026-11' } });
    const html = card();
    expect(html).toContain('data-testid="quality-card"');
    expect(html).toContain('Jakość danych');
    expect(html).toMatch(
      /href="#\/clients\/duplicates" data-testid="quality-duplicates" data-count="18">.*?Klienci w podejrzanych duplikatach.*?>18</,
    );
    expect(html).toMatch(
      /href="#\/reports\/data-quality" data-testid="quality-no-tax-id" data-count="41">.*?Klienci bez NIP.*?>41</,
    );
    expect(html).toMatch(/href="#\/reports\/data-quality" data-testid="quality-no-channel" data-count="7">/);
    // Formatted in the reader's language: Polish groups thousands with a no-break space.
    expect(html).toMatch(
      /href="#\/reports\/data-quality" data-testid="quality-no-consent" data-count="12300">.*?>12\s300</,
    );
    expect(html).not.toContain('data-testid="quality-counting"');
    expect(html).not.toContain('aria-busy');
  });

  it('counts quietly while the first computation waits for the duplicate scan', () => {
    const api = createFakeApi({ 'reports:run': (i) => quality(i) });
    const store = frozen(createDataQualityCardStore(api));
    const html = render(api, 'cs', () => <DataQualityCard store={store} />);
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('data-testid="quality-counting"');
    expect(html).toContain('Počítám; hledání duplicit může trvat několik sekund.');
    expect(html).toMatch(/data-testid="quality-duplicates">.*?…/);
    expect(html).not.toContain('role="alert"');
  });

  it('moves when client data changes, without a reload', async () => {
    let noTaxId = 41;
    const { card, api } = await prepared('en', (i) => quality(i, { noTaxId }));
    expect(card()).toContain('data-testid="quality-no-tax-id" data-count="41"');
    noTaxId = 40;
    api.emit('data:changed', { entities: ['clients'], seq: 3 });
    await tick();
    await tick();
    const html = card();
    expect(html).toContain('data-testid="quality-no-tax-id" data-count="40"');
    expect(html).toContain('Clients without a tax ID');
  });

  it('a failed call shows the core’s error translated, and the rest of the home still renders', async () => {
    const { home } = await prepared('cs', () => {
      throw new AppError('forbidden', 'no', { key: 'errors.report_not_allowed' });
    });
    const html = home();
    expect(html).toMatch(/data-testid="quality-card".*?role="alert".*?Nepodařilo se to načíst\./);
    expect(html).toContain('Tento přehled není pro vaši roli dostupný.');
    expect(html).not.toContain('data-testid="quality-duplicates"');
    // The rest of the operator's home: the queue and the clients to complete.
    expect(html).toContain('data-testid="screen-home"');
    expect(html).toContain('data-testid="card-corrections"');
    expect(html).toContain('data-testid="card-proposed"');
    expect(html).toContain('data-testid="card-quality"');
  });
});
