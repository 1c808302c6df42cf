import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { createFakeApi } from '../../api/fake-api';
import type { FakeHandlers } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { frozen, services } from '../plans/plans.fixtures';
import { OrdersCheckStep } from './OrdersCheckStep';
import { OrdersFileStep } from './OrdersFileStep';
import { OrdersHistory } from './OrdersHistory';
import { OrdersImportScreen } from './OrdersImportScreen';
import { OrdersMappingStep } from './OrdersMappingStep';
import { createOrdersImportStore } from './orders-import.store';
import { importRecord, orderPreset, orderSummary, orderUpload } from './orders.fixtures';

// The orders import rendered to markup (no DOM here) at each step of file → mapping → dry run →
// commit → history → revert, driven through its store against the fake core: the e2e suite's
// hooks are there, counts and money read in the user's language, and the core's refusals and row
// issues are sentences, not keys.

/** Non-breaking spaces (Intl's thousands and currency separators) as plain ones. */
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ').replace(/&nbsp;/g, ' ');

const reverted = importRecord('imp-1', {
  revertedAt: '2026-11-23T09:00:00.000Z',
  revertedBy: 'op-1',
  revertable: false,
});

const handlers: FakeHandlers = {
  'orders:upload': () => orderUpload(),
  'orderPresets:list': () => [orderPreset()],
  'orders:dryRun': () => orderSummary(),
  'orders:commit': () => ({ import: importRecord(), summary: orderSummary() }),
  'orders:imports': () => [importRecord()],
  'orders:revert': () => ({ import: reverted, removed: 36 }),
};

function prepared(lang: Language, over: FakeHandlers = {}) {
  const api = createFakeApi({ ...handlers, ...over });
  const svc = services(api, lang);
  const store = frozen(createOrdersImportStore(api));
  const render = (node: ReactNode) =>
    plain(
      renderToStaticMarkup(
        <I18nextProvider i18n={svc.i18n}>
          <AppServicesContext value={svc}>{node}</AppServicesContext>
        </I18nextProvider>,
      ),
    );
  const announce = () => {};
  const steps = () =>
    render(
      <>
        <OrdersFileStep store={store} />
        <OrdersMappingStep store={store} announce={announce} />
        <OrdersCheckStep store={store} announce={announce} />
        <OrdersHistory store={store} announce={announce} />
      </>,
    );
  return { api, store, render, steps };
}

describe('orders import screen markup', () => {
  it('opens with the file input and the rules, no mapping yet', () => {
    const { store, render } = prepared('pl');
    const html = render(<OrdersImportScreen store={store} />);
    expect(html).toContain('data-testid="orders-import-screen"');
    expect(html).toContain('data-testid="orders-import-file"');
    expect(html).toContain('Import zamówień z ERP');
    expect(html).toContain('Do 10 MB.');
    expect(html).not.toContain('data-testid="orders-mapping"');
  });

  it('walks file → mapping → dry run → commit → history → revert', async () => {
    const { api, store, steps } = prepared('pl');

    // File: what was detected, the options, and the suggested mapping preselected.
    await store.getState().chooseFile('faktury-2026.csv', 'QUJD');
    await store.getState().loadPresets();
    let html = steps();
    for (const id of [
      'orders-detected',
      'orders-encoding',
      'orders-delimiter',
      'orders-header',
      'orders-preset',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('40 wierszy danych');
    expect(html).toMatch(
      /data-testid="orders-mapping-select-0"[^>]*>.*?<option value="clientKey" selected="">/,
    );
    expect(html).toMatch(/data-testid="orders-mapping-select-5"[^>]*><option value="" selected="">— pomiń —/);
    // Required targets carry a star; invoice and line numbers do not.
    expect(html).toContain('>Data *<');
    expect(html).toContain('>Numer faktury<');
    expect(html).toContain('data-testid="orders-mapping-complete"');
    expect(html).toMatch(/data-testid="orders-commit"[^>]*>Importuj nowe pozycje</);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="orders-commit"/);

    // A required target taken off: the warning names it.
    store.getState().setTarget(4, null);
    html = steps();
    expect(html).toMatch(
      /data-testid="orders-missing" data-missing="netValue"[^>]*>Jeszcze nieprzypisane: Wartość netto\./,
    );
    store.getState().setTarget(4, 'netValue');

    // Dry run: counts, totals in the office currency, errors first with translated issues.
    await store.getState().dryRunNow();
    html = steps();
    expect(html).toContain('data-testid="orders-check-counts"');
    expect(html).toMatch(/data-testid="orders-count-new" data-value="36">36</);
    expect(html).toMatch(/data-testid="orders-count-already" data-value="2">2</);
    expect(html).toMatch(/data-testid="orders-count-error" data-value="2">2</);
    expect(html).toMatch(/data-testid="orders-total-value" data-value="1250050">12 500,50 zł</);
    expect(html).toMatch(/data-testid="orders-total-clients" data-value="12">12</);
    expect(html).toContain('1 paź 2026 – 20 lis 2026');
    const row7 = html.indexOf('data-row="7"');
    const row9 = html.indexOf('data-row="9"');
    expect(row7).toBeGreaterThan(0);
    expect(row9).toBeGreaterThan(row7);
    // Only errors until asked for all.
    expect(html).not.toContain('data-row="2"');
    expect(html).toContain('Data: To nie jest data: wpisz ją jako 31.12.2025. — wartość „31.02.2026”');
    expect(html).toContain('Klient (kod zewnętrzny lub NIP): To pole jest wymagane.');
    expect(html).toContain('2 pozycje z błędami nie zostaną zaimportowane.');
    expect(html).toMatch(/data-testid="orders-commit"[^>]*>Importuj 36 nowych pozycji</);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="orders-commit"/);

    // Commit under way: the progress bar follows job:progress for the job passed.
    const off = store.getState().connect();
    const committing = store.getState().commit();
    const jobId = store.getState().progress!.jobId;
    expect((api.calls.at(-1)!.input as { jobId: string }).jobId).toBe(jobId);
    api.emit('job:progress', { jobId, done: 20, total: 40 });
    html = steps();
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="20"/);
    expect(html).toContain('data-testid="orders-progress"');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="orders-commit"/);
    expect(await committing).toBe(true);
    off();
    await store.getState().loadHistory();

    // Done: the summary and the history row with its revert.
    html = steps();
    expect(html).toMatch(/data-testid="orders-result" data-id="imp-1"/);
    expect(html).toContain('Wartość netto dodanych pozycji: 12 500,50 zł');
    expect(html).toMatch(/data-testid="orders-history-row" data-id="imp-1"/);
    expect(html).toContain('Olga Operatorska');
    expect(html).toContain('nowe: 36 · już zaimportowane: 2 · błędy: 2 · wartość netto 12 500,50 zł');
    expect(html).toContain('data-testid="orders-revert"');

    // Revert: the lines removed, the row marked and no longer revertable.
    api.handle('orders:imports', () => [reverted]);
    expect(await store.getState().revert('imp-1')).toBe(true);
    html = steps();
    expect(html).toMatch(/data-testid="orders-removed" data-value="36">Usunięto 36 pozycji\.</);
    expect(html).toContain('data-testid="orders-reverted-badge"');
    expect(html).not.toContain('data-testid="orders-revert"');
    expect(api.calls.filter((c) => c.command === 'orders:commit')).toHaveLength(1);
  });

  it('shows the core’s validation refusal translated, and commits nothing', async () => {
    const { api, store, steps } = prepared('cs', {
      'orders:dryRun': () => {
        throw new AppError('validation', 'twice', { key: 'errors.import_mapping_twice' });
      },
    });
    await store.getState().chooseFile('faktury-2026.csv', 'QUJD');
    expect(await store.getState().dryRunNow()).toBe(false);
    expect(await store.getState().commit()).toBe(false);
    const html = steps();
    expect(html).toContain('data-testid="import-error"');
    expect(html).toContain('Kontrola selhala');
    expect(html).not.toContain('errors.import_mapping_twice');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="orders-commit"/);
    expect(html).toContain('Nejprve zkontrolujte aktuální soubor a přiřazení sloupců.');
    expect(api.calls.some((c) => c.command === 'orders:commit')).toBe(false);
  });

  it('shows an input the contract refuses with its field issues, in English', async () => {
    const { api, store, steps } = prepared('en', {
      // A file name the contract refuses (over 255 characters): the fake core validates as the real one.
      'orders:upload': () => orderUpload(),
    });
    await store.getState().chooseFile('x'.repeat(300), 'QUJD');
    const html = steps();
    expect(store.getState().uploadStatus).toBe('failed');
    expect(html).toContain('The file cannot be imported');
    expect(html).toContain('Some fields are not valid.');
    expect(html).toMatch(/Too long \(at most 255\)/);
    expect(api.calls.filter((c) => c.command === 'orders:upload')).toHaveLength(1);
  });

  it('says when the check found nothing new to import', async () => {
    const { store, steps } = prepared('en', {
      'orders:dryRun': () =>
        orderSummary({
          counts: { new: 0, already: 40, error: 0 },
          rows: [],
          totals: { netValue: 0, clients: 0, from: null, to: null },
        }),
    });
    await store.getState().chooseFile('faktury-2026.csv', 'QUJD');
    await store.getState().dryRunNow();
    const html = steps();
    expect(html).toContain('No line has errors.');
    expect(html).toContain('There are no new lines to import.');
    expect(html).toMatch(/data-testid="orders-total-period" data-from="" data-to="">—</);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="orders-commit"/);
  });

  it('says so when there is no import yet', async () => {
    const { store, steps } = prepared('pl', { 'orders:imports': () => [] });
    await store.getState().loadHistory();
    expect(steps()).toContain('Nie zaimportowano jeszcze żadnych zamówień.');
  });
});
