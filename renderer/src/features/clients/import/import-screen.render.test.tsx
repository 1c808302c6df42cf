import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../../../shared/contract/imports.schema';
import { createFakeApi } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import { createAppStore } from '../../../app/app.store';
import type { AppServices } from '../../../app/services';
import { createI18n } from '../../../i18n/i18n';
import type { Language } from '../../../i18n/i18n';
import { createDirectoryStore } from '../directory.store';
import { ImportCheckStep } from './ImportCheckStep';
import { ImportFileStep } from './ImportFileStep';
import { ImportHistory } from './ImportHistory';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportScreen } from './ImportScreen';
import { createImportStore } from './import.store';

// The screen's parts rendered to markup (no DOM in these tests): the e2e suite's hooks are there,
// and the core's row issues, suspects and kept fields read as sentences in the user's language.

const summary: ImportSummary = {
  counts: { new: 3, updated: 1, unchanged: 0, duplicate: 1, error: 1 },
  rows: [
    {
      row: 9,
      outcome: 'duplicate',
      name: 'Sklep Łąka',
      clientId: null,
      issues: [],
      suspects: [{ clientId: 'c1', row: null, name: 'Sklep Łąka Sp. z o.o.', reasons: ['tax_id'] }],
      changes: [],
    },
    {
      row: 7,
      outcome: 'error',
      name: 'Sklep X',
      clientId: null,
      issues: [{ field: 'taxId', key: 'validation.nip_checksum', value: '123' }],
      suspects: [],
      changes: [],
    },
    { row: 2, outcome: 'updated', name: 'Bar', clientId: 'c2', issues: [], suspects: [], changes: ['phone'] },
  ],
  contacts: { new: 2, updated: 0 },
};

async function prepared(lang: Language) {
  const record = {
    id: 'i1',
    at: '2026-11-23T08:00:00.000Z',
    by: 'u1',
    fileName: 'klienci.csv',
    counts: summary.counts,
    contacts: summary.contacts,
    revertedAt: null,
    revertedBy: null,
    revertable: true,
  };
  const api = createFakeApi({
    'imports:upload': () => ({
      uploadId: 'u1',
      fileName: 'klienci.csv',
      format: 'csv',
      encoding: 'windows-1250',
      delimiter: ';',
      sheets: [],
      sheet: null,
      headers: ['Nazwa', ''],
      sample: [['Sklep Łąka', 'Łódź']],
      rowCount: 6,
      suggested: ['name', null],
    }),
    'imports:dryRun': () => summary,
    'imports:commit': () => ({ import: record, summary }),
    'imports:list': () => [record],
    'imports:revert': () => ({
      import: { ...record, revertable: false, revertedAt: '2026-11-23T09:00:00.000Z', revertedBy: 'u1' },
      restored: 4,
      removed: 3,
      kept: [
        {
          entity: 'clients',
          id: 'c2',
          name: 'Bar',
          field: 'phone',
          imported: '+48 600 100 200',
          current: '+48 601 000 000',
        },
        {
          entity: 'contacts',
          id: 'p1',
          name: 'Bar',
          field: 'created',
          imported: null,
          current: 'Jan Nowak',
        },
      ],
    }),
  });
  const store = createImportStore(api);
  await store.getState().chooseFile('klienci.csv', 'QUJD');
  await store.getState().dryRunNow();
  const i18n = createI18n(lang);
  const services = {
    api,
    i18n,
    stores: { app: createAppStore(api), directory: createDirectoryStore(api) },
  } as unknown as AppServices;
  // Server rendering reads a zustand store's initial state (useSyncExternalStore's server
  // snapshot): point it at the current state, which is what these tests prepared.
  store.getInitialState = () => store.getState();
  const render = (node: React.ReactNode) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <AppServicesContext value={services}>{node}</AppServicesContext>
      </I18nextProvider>,
    );
  return { api, store, render };
}

const announce = () => {};

describe('import screen markup', () => {
  it('renders the empty screen with the file input', async () => {
    const { render } = await prepared('en');
    const html = render(<ImportScreen />);
    expect(html).toContain('data-testid="screen-import"');
    expect(html).toContain('data-testid="import-file"');
    expect(html).not.toContain('data-testid="import-mapping"');
  });

  it('shows what was detected, the mapping with "Column 2" and the preview', async () => {
    const { store, render } = await prepared('pl');
    const html = render(
      <>
        <ImportFileStep store={store} />
        <ImportMappingStep store={store} announce={announce} />
      </>,
    );
    for (const id of ['import-detected', 'import-encoding', 'import-delimiter', 'import-header'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Windows-1250');
    expect(html).toContain('Średnik ( ; )');
    expect(html).toContain('6 wierszy danych');
    expect(html).toContain('data-testid="import-map-0"');
    expect(html).toContain('data-testid="import-map-1"');
    expect(html).toContain('Kolumna 2');
    expect(html).toContain('data-testid="import-preview"');
    // The city is not mapped: the hint names it.
    expect(html).toMatch(/Nieprzypisane: Miejscowość/);
  });

  it('lists errors first with the row number and the translated issue, then duplicates', async () => {
    const { store, render } = await prepared('pl');
    const html = render(<ImportCheckStep store={store} announce={announce} />);
    expect(html).toMatch(/data-testid="import-count-new"[^>]*>3</);
    expect(html).toMatch(/data-testid="import-count-error"[^>]*>1</);
    const error = html.indexOf('data-row="7"');
    const duplicate = html.indexOf('data-row="9"');
    expect(error).toBeGreaterThan(0);
    expect(duplicate).toBeGreaterThan(error);
    expect(html).not.toContain('data-row="2"');
    expect(html).toContain('Wiersz 7');
    expect(html).toContain(
      'NIP / IČO: Numer NIP jest nieprawidłowy (nie zgadza się cyfra kontrolna). — wartość „123”',
    );
    expect(html).toContain('Ten sam NIP');
    // 3 new + 1 updated, the duplicate skipped; the commit is allowed after this dry run.
    expect(html).toMatch(/data-testid="import-commit"[^>]*>Importuj 4 wiersze</);
    expect(html).toContain('1 wiersz z błędami nie zostanie zaimportowany.');
  });

  it('shows the progress bar of the run under way', async () => {
    const { store, render } = await prepared('cs');
    store.setState({ progress: { kind: 'commit', jobId: 'j', done: 3, total: 6 } });
    const html = render(<ImportCheckStep store={store} announce={announce} />);
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="3"/);
    expect(html).toContain('data-testid="import-progress"');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="import-commit"/);
  });

  it('shows the result, the history and what a revert kept', async () => {
    const { store, render } = await prepared('en');
    await store.getState().commit();
    let html = render(<ImportCheckStep store={store} announce={announce} />);
    expect(html).toContain('data-testid="import-result"');
    expect(html).toContain('1 row with errors was not imported.');
    await store.getState().loadHistory();
    html = render(<ImportHistory store={store} announce={announce} />);
    expect(html).toMatch(/data-testid="import-history-item"[^>]*data-id="i1"/);
    expect(html).toContain('data-testid="import-revert"');
    await store.getState().revert('i1');
    html = render(<ImportHistory store={store} announce={announce} />);
    expect(html).not.toContain('data-testid="import-revert"');
    expect(html).toContain('data-testid="import-revert-result"');
    expect(html).toContain('>Reverted<');
    expect(html).toContain(
      'Field Phone of Bar kept its newer value +48 601 000 000; the import wrote +48 600 100 200.',
    );
    expect(html).toContain(
      'Contact person Jan Nowak of Bar, created by the import, has been changed since, so they stay.',
    );
  });
});
