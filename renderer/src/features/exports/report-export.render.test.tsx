import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ExportFile } from '../../../../shared/contract/exports.schema';
import type { ReportFilters, ReportKind, ReportResult } from '../../../../shared/contract/reports.schema';
import { createFakeApi } from '../../api/fake-api';
import type { FakeApi, FakeHandlers } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { frozen, services } from '../plans/plans.fixtures';
import { budgetResult, reportResult, SCOPE } from '../reports/reports.fixtures';
import { ReportScreen } from '../reports/ReportScreen';
import { createReportsStore } from '../reports/reports.store';
import { createExportJobStore } from './export-job.store';
import type { ExportJobState } from './export-job.store';
import { exportReport, ReportExportButtons } from './ReportExportButtons';
import type { StoreApi } from 'zustand/vanilla';
import { deferred, tick } from './exports.fixtures';

// The report's export buttons, rendered to markup (no DOM here): shown beside the filters when the
// report has rows, what a format button asks the core for (the screen's kind and current filters),
// and the progress, cancel, saved, cancelled and failed states of the shared progress line.

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/[\u00a0\u202f]/g, ' ');

function file(over: Partial<ExportFile> = {}): ExportFile {
  return {
    fileName: 'Wykorzystanie budżetu 2026-06–2026-11.xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: 'UEsDBA==',
    records: 12,
    ...over,
  };
}

async function screen(lang: Language, kind: ReportKind, answer: (f: ReportFilters) => ReportResult) {
  const api = createFakeApi({
    'reports:scope': () => SCOPE,
    'reports:run': ({ filters }) => answer(filters),
  });
  const svc = services(api, lang);
  const store = createReportsStore(api);
  await store.getState().open(kind, '2026-11');
  return renderToStaticMarkup(
    <I18nextProvider i18n={svc.i18n}>
      <AppServicesContext value={svc}>
        <ReportScreen kind={kind} store={frozen(store)} />
      </AppServicesContext>
    </I18nextProvider>,
  );
}

const FILTERS: ReportFilters = { teamId: 't1', repId: 'r2', from: '2026-06', to: '2026-11' };

function buttons(lang: Language, handlers: FakeHandlers = {}) {
  const api: FakeApi = createFakeApi(handlers);
  const svc = services(api, lang);
  const saved: ExportFile[] = [];
  const job = createExportJobStore(api, (f) => saved.push(f));
  const render = (store: StoreApi<ExportJobState> = job, available = true) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <ReportExportButtons
            kind="budgetUse"
            filters={FILTERS}
            available={available}
            store={frozen(store)}
          />
        </AppServicesContext>
      </I18nextProvider>,
    );
  return { api, job, saved, render };
}

describe('report export buttons', () => {
  it('stand beside the filters of a report with rows, as a group labelled "Export" (Polish)', async () => {
    const html = await screen('pl', 'budgetUse', budgetResult);
    expect(html).toContain('data-testid="report-export"');
    const group = /<div class="report-export__group" role="group" aria-labelledby="([^"]+)"/.exec(html);
    expect(group).not.toBeNull();
    expect(html).toContain(`id="${group![1]}">Eksport</span>`);
    for (const f of ['xlsx', 'csv', 'pdf'])
      expect(html).toMatch(new RegExp(`data-testid="report-export-${f}"`));
    expect(html).toContain('title="Eksportuj raport do PDF"');
    // After the filters, before the table.
    expect(html.indexOf('report-filter-to')).toBeLessThan(html.indexOf('report-export-xlsx'));
    expect(html.indexOf('report-export-xlsx')).toBeLessThan(html.indexOf('report-table'));
    // Nothing runs: no bar, no Cancel, the buttons enabled; the live region waits, empty.
    expect(html).not.toContain('role="progressbar"');
    expect(html).not.toContain('data-testid="export-cancel"');
    expect(html).toMatch(
      /<p class="export-progress__status export-progress__status--idle" role="status" data-testid="export-status"><\/p>/,
    );
    expect(html).not.toMatch(/data-testid="report-export-xlsx"[^>]*disabled/);
  });

  it('are not offered for an empty report', async () => {
    const html = await screen('cs', 'actions', (f) => reportResult('actions', f));
    expect(html).toContain('data-testid="report-empty"');
    expect(html).not.toContain('data-testid="report-export"');
  });

  it('ask the core for the screen’s report, with its current filters and the chosen format', async () => {
    const { api, job, saved } = buttons('pl', {
      'exports:report': () => file({ fileName: 'r.pdf', records: 3 }),
    });
    for (const format of ['xlsx', 'csv', 'pdf'] as const) {
      await exportReport(job, 'budgetUse', FILTERS, format, format.toUpperCase());
    }
    const inputs = api.calls.filter((c) => c.command === 'exports:report').map((c) => c.input);
    expect(inputs).toEqual(
      (['xlsx', 'csv', 'pdf'] as const).map((format) => ({
        kind: 'budgetUse',
        filters: FILTERS,
        format,
        jobId: expect.stringMatching(/^export-/) as unknown,
      })),
    );
    expect(saved).toHaveLength(3);
  });

  it('show the progress of a running export with Cancel, the buttons disabled, and cancel it', async () => {
    const answer = deferred<ExportFile>();
    const { api, job, render } = buttons('cs', {
      'exports:report': () => answer.promise,
      'jobs:cancel': () => {
        answer.reject(new AppError('cancelled', 'cancelled', { key: 'errors.job_cancelled' }));
        return { cancelled: true };
      },
    });
    const run = exportReport(job, 'budgetUse', FILTERS, 'pdf', 'PDF');
    await tick();

    // Before the first progress event: busy, no share claimed.
    let html = render();
    expect(html).toContain('role="progressbar"');
    expect(html).not.toContain('aria-valuenow');
    expect(text(html)).toContain('Připravuje se soubor…');
    expect(text(html)).toContain('Export PDF…');
    for (const f of ['xlsx', 'csv', 'pdf'])
      expect(html).toMatch(new RegExp(`data-testid="report-export-${f}"[^>]*disabled=""`));

    const jobId = (api.calls[0]?.input as { jobId: string }).jobId;
    api.emit('job:progress', { jobId, done: 1500, total: 6000 });
    html = render();
    expect(html).toContain('aria-valuenow="25"');
    expect(text(html)).toContain('1 500 z 6 000');
    expect(html).toContain('data-testid="export-cancel"');
    expect(text(html)).toContain('Zrušit export');

    await job.getState().cancel();
    await run;
    expect(api.calls.filter((c) => c.command === 'jobs:cancel').map((c) => c.input)).toEqual([{ jobId }]);
    html = render();
    expect(html).not.toContain('role="progressbar"');
    expect(html).toContain('data-testid="export-cancelled"');
    expect(text(html)).toContain('Export byl zrušen. Žádný soubor nebyl uložen.');
    expect(html).not.toMatch(/data-testid="report-export-pdf"[^>]*disabled/);
  });

  it('say what was saved, with the record count in the right plural (Polish and Czech)', async () => {
    for (const [lang, records, expected] of [
      ['pl', 1, 'Plik gotowy: budzet.xlsx (1 rekord)'],
      ['pl', 3, 'Plik gotowy: budzet.xlsx (3 rekordy)'],
      ['pl', 12, 'Plik gotowy: budzet.xlsx (12 rekordów)'],
      ['cs', 3, 'Soubor připraven: budzet.xlsx (3 záznamy)'],
      ['cs', 12, 'Soubor připraven: budzet.xlsx (12 záznamů)'],
      ['en', 1, 'File ready: budzet.xlsx (1 record)'],
    ] as const) {
      const { job, render } = buttons(lang, {
        'exports:report': () => file({ fileName: 'budzet.xlsx', records }),
      });
      await exportReport(job, 'budgetUse', FILTERS, 'xlsx', 'XLSX');
      const html = render();
      expect(html).toContain('data-testid="export-saved"');
      expect(text(html)).toContain(expected);
    }
  });

  it('show a failure translated, with a retry, and keep the progress of a running export when the rows go', async () => {
    const { job, render } = buttons('pl', {
      'exports:report': () => {
        throw new AppError('forbidden', 'No', { key: 'errors.forbidden' });
      },
    });
    await exportReport(job, 'budgetUse', FILTERS, 'csv', 'CSV');
    const html = render();
    expect(html).toContain('data-testid="export-error"');
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain('Spróbuj ponownie');

    // No rows any more and nothing ran: nothing to show. A running export keeps its line.
    const idle = createExportJobStore(createFakeApi());
    expect(render(idle, false)).toBe('');
    const pending = deferred<ExportFile>();
    const running = buttons('pl', { 'exports:report': () => pending.promise });
    void exportReport(running.job, 'budgetUse', FILTERS, 'xlsx', 'XLSX');
    const html2 = running.render(running.job, false);
    expect(html2).not.toContain('report-export-xlsx');
    expect(html2).toContain('data-testid="export-cancel"');
    pending.resolve(file());
  });
});
