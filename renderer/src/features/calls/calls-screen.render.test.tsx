import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import { createAppStore } from '../../app/app.store';
import type { AppServices } from '../../app/services';
import { createI18n } from '../../i18n/i18n';
import { CallImport } from './CallImport';
import { CallTriage } from './CallTriage';
import { createCallsStore } from './calls.store';

// The calls screen's parts rendered to markup (no DOM here): the e2e hooks and the texts.

async function prepared() {
  const api = createFakeApi({
    'calls:preview': () => ({
      headers: ['', ''],
      sample: [['2026-11-23 10:00', '600100200']],
      rowCount: 3,
      suggested: { byHeader: {}, byIndex: { '0': 'startedAt', '1': 'number' }, headerRow: false },
    }),
    'calls:import': () => ({
      fileName: 'calls.csv',
      rows: 3,
      added: 1,
      skipped: 1,
      matched: 0,
      toTriage: 1,
      errors: [{ row: 3, key: 'errors.unknown_key_for_test', value: 'zzz' }],
    }),
    'calls:triageList': () => [
      {
        id: 'c1',
        createdAt: '2026-11-23T08:00:00.000Z',
        createdBy: 'system',
        updatedAt: '2026-11-23T08:00:00.000Z',
        updatedBy: 'system',
        clientId: null,
        contactId: null,
        userId: null,
        startedAt: '2026-11-23T09:00:00.000Z',
        direction: 'in',
        number: '+48600100200',
        statusId: null,
        durationSec: 0,
        source: 'imported',
        externalId: 'x',
        note: '',
        triage: 'ambiguous',
        candidates: [
          { clientId: 'k1', contactId: null, clientName: 'Sklep Łąka', contactName: null },
          { clientId: 'k2', contactId: 'p2', clientName: 'Bar', contactName: 'Jan Nowak' },
        ],
      },
    ],
  });
  const store = createCallsStore(api);
  await store.getState().chooseFile('calls.csv', 'QUJD');
  await store.getState().setHeaderRow(false);
  await store.getState().runImport();
  await store.getState().loadTriage();
  store.getInitialState = () => store.getState();
  const i18n = createI18n('pl');
  const services = { api, i18n, stores: { app: createAppStore(api) } } as unknown as AppServices;
  const render = (node: React.ReactNode) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <AppServicesContext value={services}>{node}</AppServicesContext>
      </I18nextProvider>,
    );
  return { store, render };
}

describe('calls screen markup', () => {
  it('shows the mapping by position and the import result with row numbers', async () => {
    const { store, render } = await prepared();
    const html = render(<CallImport store={store} announce={() => {}} />);
    for (const id of [
      'calls-file',
      'calls-header',
      'calls-map-0',
      'calls-map-1',
      'calls-preset',
      'calls-import',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Kolumna 2');
    expect(html).toContain('po pozycji w pliku');
    expect(html).toMatch(/data-testid="calls-result"/);
    expect(html).toMatch(/data-testid="calls-result-added" data-value="1"/);
    expect(html).toMatch(/data-testid="calls-result-to_triage" data-value="1"/);
    expect(html).toContain('Wiersz 3');
  });

  it('lists the triage rows with numbered candidates and the keys hint', async () => {
    const { store, render } = await prepared();
    const html = render(<CallTriage store={store} announce={() => {}} />);
    expect(html).toMatch(/data-testid="triage-row" data-id="c1"/);
    expect(html).toContain('data-testid="triage-assign"');
    expect(html).toContain('data-testid="triage-wrong"');
    expect(html).toContain('Bar — Jan Nowak');
    expect(html).toContain('W błędny numer');
    // The row is the list's one Tab stop.
    expect(html).toMatch(/<tr tabindex="0"/);
  });
});
