import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { AppError } from '../../../../shared/contract/errors';
import type { ExportFile, VisitPlanExportResult } from '../../../../shared/contract/exports.schema';
import type { DirectoryEntry, PublicUser } from '../../../../shared/contract/users.schema';
import { createFakeApi } from '../../api/fake-api';
import type { FakeHandlers } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { frozen, services, user } from '../plans/plans.fixtures';
import { createExportJobStore } from './export-job.store';
import { createPlanExportForm, defaultPlanPeriod, VisitPlanExportDialog } from './VisitPlanExportDialog';
import type { PlanExportFormState } from './VisitPlanExportDialog';
import { deferred, tick } from './exports.fixtures';

// The visit plan export dialog, rendered to markup (no DOM here). The form's store is what the
// dialog's fields and its Export button drive, so a test sets the fields, runs the export and
// renders what the user then sees: the field problems, the progress with Cancel, the file saved
// with the visits it holds.

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/[\u00a0\u202f]/g, ' ');

const REPS: DirectoryEntry[] = [
  { id: 'r1', displayName: 'Jan Kowalski', role: 'rep', teamId: 't1', repCode: 'JKO', active: true },
  {
    id: 'r2',
    displayName: 'Bohumila Nováková-Střelecká z Dlouhé Loučky',
    role: 'rep',
    teamId: 't1',
    repCode: 'BNS',
    active: true,
  },
];

function planResult(over: Partial<ExportFile> = {}): VisitPlanExportResult {
  return {
    file: {
      fileName: 'plan-wizyt-2026-11-23-2026-11-29.pdf',
      mime: 'application/pdf',
      base64: 'JVBERi0=',
      records: 9,
      ...over,
    },
    visits: { planned: 6, done: 1, missed: 1, cancelled: 1 },
  };
}

function dialog(
  lang: Language,
  who: PublicUser,
  handlers: FakeHandlers = {},
  opts: { repId?: string; period?: { from: string; to: string } } = {},
) {
  const api = createFakeApi(handlers);
  const svc = services(api, lang);
  const saved: ExportFile[] = [];
  const job = createExportJobStore(api, (f) => saved.push(f));
  const period = opts.period ?? { from: '2026-11-23', to: '2026-11-29' };
  const chooseRep = who.role === 'manager';
  const form = createPlanExportForm(job, { ...period, repId: opts.repId, chooseRep });
  const render = (f: StoreApi<PlanExportFormState> = form) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <VisitPlanExportDialog
            user={who}
            reps={REPS}
            repId={opts.repId}
            period={period}
            onClose={() => undefined}
            job={frozen(job)}
            form={frozen(f)}
          />
        </AppServicesContext>
      </I18nextProvider>,
    );
  const sent = () => api.calls.filter((c) => c.command === 'exports:visitPlan').map((c) => c.input);
  return { api, job, form, saved, render, sent };
}

/** The markup of one <div class="field"> holding the control with this test id. */
function fieldOf(html: string, testId: string): string {
  const at = html.indexOf(`data-testid="${testId}"`);
  const start = html.lastIndexOf('<div class="field">', at);
  const end = html.indexOf('</div>', at);
  return html.slice(start, end);
}

describe('visit plan export dialog', () => {
  it('offers a rep their own plan for the shown week, PDF first, and sends no rep', async () => {
    const t = dialog('pl', user('rep'), { 'exports:visitPlan': () => planResult() });
    const html = t.render();
    expect(html).toContain('data-testid="plan-export-dialog"');
    expect(text(html)).toContain('Eksport planu wizyt');
    expect(html).not.toContain('data-testid="plan-export-rep"');
    expect(html).toMatch(/type="date"[^>]*data-testid="plan-export-from"[^>]*value="2026-11-23"/);
    expect(html).toMatch(/type="date"[^>]*data-testid="plan-export-to"[^>]*value="2026-11-29"/);
    for (const f of ['pdf', 'ics', 'xlsx', 'csv']) expect(html).toContain(`data-testid="plan-format-${f}"`);
    expect(html).toMatch(/data-testid="plan-format-pdf"[^>]*checked=""/);
    expect(text(html)).toContain('Kalendarz (ICS)');
    expect(text(html)).toContain('Najwyżej 62 dni.');
    expect(html).toMatch(/data-testid="plan-export-run"[^>]*>Eksportuj</);

    t.form.getState().set({ format: 'ics' });
    await t.form.getState().run('Kalendarz (ICS)');
    expect(t.sent()).toEqual([
      {
        from: '2026-11-23',
        to: '2026-11-29',
        format: 'ics',
        jobId: expect.stringMatching(/^export-/) as unknown,
      },
    ]);
    expect(t.saved.map((f) => f.fileName)).toEqual(['plan-wizyt-2026-11-23-2026-11-29.pdf']);
  });

  it('makes a manager without a chosen rep pick one before asking the core, then sends that rep', async () => {
    const t = dialog('cs', user('manager'), { 'exports:visitPlan': () => planResult() });
    let html = t.render();
    const rep = fieldOf(html, 'plan-export-rep');
    expect(rep).toContain('Obchodní zástupce');
    expect(rep).toContain('<option value="" selected="">Vyberte obchodního zástupce</option>');
    expect(rep).toContain('Bohumila Nováková-Střelecká z Dlouhé Loučky');

    expect(await t.form.getState().run('PDF')).toBeNull();
    expect(t.sent()).toEqual([]);
    html = t.render();
    expect(fieldOf(html, 'plan-export-rep')).toMatch(/aria-invalid="true"/);
    expect(fieldOf(html, 'plan-export-rep')).toContain('class="field__error"');
    expect(html).toContain('data-testid="plan-export-alert"');

    // Choosing a rep clears that field's problem at once.
    t.form.getState().set({ repId: 'r2', format: 'xlsx' });
    html = t.render();
    expect(fieldOf(html, 'plan-export-rep')).not.toContain('aria-invalid');
    await t.form.getState().run('Excel (XLSX)');
    expect(t.sent()).toEqual([
      {
        repId: 'r2',
        from: '2026-11-23',
        to: '2026-11-29',
        format: 'xlsx',
        jobId: expect.stringMatching(/^export-/) as unknown,
      },
    ]);
  });

  it('starts a manager on the rep the agenda shows', async () => {
    const t = dialog('pl', user('manager'), { 'exports:visitPlan': () => planResult() }, { repId: 'r1' });
    expect(fieldOf(t.render(), 'plan-export-rep')).toContain(
      '<option value="r1" selected="">Jan Kowalski</option>',
    );
    await t.form.getState().run('PDF');
    expect(t.sent()[0]).toMatchObject({ repId: 'r1', format: 'pdf' });
  });

  it('shows the core’s validation problem at the "to" field, not as a failure panel', async () => {
    const t = dialog('pl', user('rep'), { 'exports:visitPlan': () => planResult() });
    t.form.getState().set({ from: '2026-12-06', to: '2026-11-30' });
    await t.form.getState().run('PDF');
    // The fake core validates with the contract's own schema.
    expect(t.job.getState().status).toBe('failed');
    let html = t.render();
    const to = fieldOf(html, 'plan-export-to');
    expect(to).toMatch(/aria-invalid="true"/);
    expect(text(to)).toContain('Koniec nie może być przed początkiem.');
    expect(fieldOf(html, 'plan-export-from')).not.toContain('aria-invalid');
    expect(html).toContain('data-testid="plan-export-alert"');
    expect(html).not.toContain('data-testid="export-error"');

    // Too long a range: the problem sits at "to" as well.
    t.form.getState().set({ from: '2026-01-01', to: '2026-12-31' });
    await t.form.getState().run('PDF');
    html = t.render();
    expect(fieldOf(html, 'plan-export-to')).toMatch(/aria-invalid="true"/);
    const issue = (t.job.getState().error as { data: { issues: { path: string[]; key: string }[] } }).data
      .issues;
    expect(issue).toContainEqual(
      expect.objectContaining({ path: ['to'], key: 'validation.plan_period_too_long' }),
    );

    // Editing a date clears the stale problem.
    t.form.getState().set({ to: '2026-01-31' });
    expect(fieldOf(t.render(), 'plan-export-to')).not.toContain('aria-invalid');
  });

  it('shows a refusal that is not about a field as a failure panel with a retry', async () => {
    const t = dialog('en', user('rep'), {
      'exports:visitPlan': () => {
        throw new AppError('forbidden', 'No', { key: 'errors.forbidden' });
      },
    });
    await t.form.getState().run('PDF');
    const html = t.render();
    expect(html).toContain('data-testid="export-error"');
    expect(text(html)).toContain('You are not allowed to do this.');
    expect(html).not.toContain('data-testid="plan-export-alert"');
  });

  it('shows the progress inside the dialog, disables Export, and cancels the job', async () => {
    const answer = deferred<VisitPlanExportResult>();
    const t = dialog('cs', user('rep'), {
      'exports:visitPlan': () => answer.promise,
      'jobs:cancel': () => {
        answer.reject(new AppError('cancelled', 'cancelled', { key: 'errors.job_cancelled' }));
        return { cancelled: true };
      },
    });
    const run = t.form.getState().run('PDF');
    await tick();
    const jobId = (t.sent()[0] as { jobId: string }).jobId;
    t.api.emit('job:progress', { jobId, done: 30, total: 40 });
    let html = t.render();
    expect(html).toContain('aria-valuenow="75"');
    expect(text(html)).toContain('30 z 40');
    expect(html).toMatch(/data-testid="plan-export-run" disabled=""[^>]*>Probíhá export…</);
    expect(html).toContain('data-testid="export-cancel"');

    await t.job.getState().cancel();
    expect(await run).toBeNull();
    expect(t.api.calls.filter((c) => c.command === 'jobs:cancel').map((c) => c.input)).toEqual([{ jobId }]);
    html = t.render();
    expect(text(html)).toContain('Export byl zrušen.');
    expect(html).not.toContain('role="progressbar"');
    expect(html).toMatch(/data-testid="plan-export-run"[^>]*>Exportovat</);
    expect(t.saved).toEqual([]);
  });

  it('after saving shows the file and its visits, and stays open for another format', async () => {
    const t = dialog('pl', user('rep'), { 'exports:visitPlan': () => planResult() });
    await t.form.getState().run('PDF');
    let html = t.render();
    expect(text(html)).toContain('Plik gotowy: plan-wizyt-2026-11-23-2026-11-29.pdf (9 rekordów)');
    for (const [k, n] of [
      ['planned', 6],
      ['done', 1],
      ['missed', 1],
      ['cancelled', 1],
    ] as const)
      expect(html).toContain(`data-testid="plan-count-${k}" data-value="${n}"`);
    expect(text(html)).toContain('Zaplanowane6');
    expect(text(html)).toContain('Ten sam plan możesz wyeksportować w innym formacie.');
    expect(html).toMatch(/data-testid="plan-export-run"[^>]*>Eksportuj</);
    expect(html).not.toMatch(/data-testid="plan-export-run"[^>]*disabled/);

    t.form.getState().set({ format: 'csv' });
    await t.form.getState().run('CSV');
    expect(t.sent().map((i) => (i as { format: string }).format)).toEqual(['pdf', 'csv']);
    html = t.render();
    expect(html).toMatch(/data-testid="plan-format-csv"[^>]*checked=""/);
  });
});

describe('the plan period offered first', () => {
  it('is the week the agenda shows, whatever day it is anchored on', () => {
    expect(defaultPlanPeriod('2026-11-26', '2026-11-24')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(defaultPlanPeriod('2026-11-29', null)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('is next Monday to Sunday from the office’s today when the agenda shows nothing yet', () => {
    // 2026-11-24 is a Tuesday; across a month and a year end too.
    expect(defaultPlanPeriod(null, '2026-11-24')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(defaultPlanPeriod(undefined, '2026-12-27')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(defaultPlanPeriod(null, '2026-11-30')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
  });
});
