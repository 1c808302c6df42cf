import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { MAX_PLAN_DAYS, VISIT_PLAN_FORMATS } from '../../../../shared/contract/exports.schema';
import type { VisitPlanExportResult, VisitPlanFormat } from '../../../../shared/contract/exports.schema';
import type { FieldIssue } from '../../../../shared/contract/errors';
import type { DirectoryEntry, PublicUser } from '../../../../shared/contract/users.schema';
import { ApiError, toErrorData } from '../../api/regio-api';
import { useAppStore } from '../../app/app-context';
import { fieldIssues } from '../../app/field-errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { issueText } from '../../i18n/error-text';
import { formatNumber } from '../../i18n/format';
import { addDays, mondayOf, rangeOf } from '../visits/agenda/agenda-dates';
import type { AgendaState } from '../visits/agenda/agenda.store';
import type { ExportJobState } from './export-job.store';
import { ExportProgress, useExportJob } from './ExportProgress';

// A rep's visit plan as a file (issue 9 must-have 1): a date range, the rep (a manager picks one of
// their team), a format. The form lives in a small store beside the export job's, so what the
// dialog sends and what it shows after the core's answer (field problems, progress, the file and
// its counts) can be driven and checked without a browser. The dialog stays open after a file is
// saved: the same plan is often wanted as a PDF to print and an ICS for the phone's calendar.

/** The plan's formats: the calendar named by its use, the others by their well-known names. */
const FORMAT_NAME: Record<Exclude<VisitPlanFormat, 'ics'>, string> = {
  pdf: 'PDF',
  xlsx: 'Excel (XLSX)',
  csv: 'CSV',
};

export type PlanField = 'repId' | 'from' | 'to' | 'format';
const FIELDS: readonly PlanField[] = ['repId', 'from', 'to', 'format'];

export interface PlanExportFormState {
  from: string;
  to: string;
  /** The chosen rep ('' none yet); only a manager chooses. */
  repId: string;
  format: VisitPlanFormat;
  /** A problem found before asking the core: a manager who chose no rep. */
  local: unknown;
  /** Fields edited since the last attempt: their old problem no longer applies. */
  edited: PlanField[];
  set: (patch: Partial<Pick<PlanExportFormState, 'from' | 'to' | 'repId' | 'format'>>) => void;
  /** Asks the core for the file (through the job, for progress and cancel). */
  run: (label?: string) => Promise<VisitPlanExportResult | null>;
}

export function createPlanExportForm(
  job: StoreApi<ExportJobState>,
  init: { from: string; to: string; repId?: string | undefined; chooseRep: boolean },
): StoreApi<PlanExportFormState> {
  return createStore<PlanExportFormState>()((set, get) => ({
    from: init.from,
    to: init.to,
    repId: init.repId ?? '',
    format: 'pdf',
    local: null,
    edited: [],
    set(patch) {
      const touched = Object.keys(patch) as PlanField[];
      // The two dates are checked together (order, length): editing one clears both.
      if (touched.includes('from') || touched.includes('to')) touched.push('from', 'to');
      set((s) => ({ ...patch, edited: [...new Set([...s.edited, ...touched])] }));
    },
    async run(label) {
      const { from, to, repId, format } = get();
      if (init.chooseRep && !repId) {
        const issue: FieldIssue = {
          path: ['repId'],
          key: 'errors.plan_rep_required',
          message: 'Choose a rep',
        };
        set({
          local: new ApiError({
            code: 'validation',
            key: 'errors.validation',
            message: issue.message,
            issues: [issue],
          }),
          edited: [],
        });
        return null;
      }
      set({ local: null, edited: [] });
      // A rep exports their own plan: the core takes the caller's, so no repId is sent.
      const input = init.chooseRep ? { repId, from, to, format } : { from, to, format };
      return job.getState().start('exports:visitPlan', input, label);
    },
  }));
}

/** The problems to show at the fields, from the local check or the core's refusal. */
export function planFieldIssues(
  local: unknown,
  job: Pick<ExportJobState, 'status' | 'error'>,
  edited: readonly PlanField[],
): Partial<Record<PlanField, FieldIssue>> | null {
  const problem = local ?? (job.status === 'failed' ? job.error : null);
  if (problem === null || problem === undefined) return null;
  const data = toErrorData(problem);
  const byField = fieldIssues(data);
  // A refusal without issues that still names the rep (the core's "which rep?").
  if (!data.issues?.length && data.key === 'errors.plan_rep_required')
    byField.repId = { path: ['repId'], key: data.key, message: data.message };
  const out: Partial<Record<PlanField, FieldIssue>> = {};
  let any = false;
  for (const f of FIELDS) {
    const issue = byField[f];
    if (issue) {
      any = true;
      if (!edited.includes(f)) out[f] = issue;
    }
  }
  return any ? out : null;
}

/** The dates offered first: the week the agenda shows, else next Monday to Sunday. */
export function defaultPlanPeriod(
  anchor: string | null | undefined,
  today: string | null | undefined,
): { from: string; to: string } {
  if (anchor) return rangeOf('week', anchor);
  if (today) {
    const from = addDays(mondayOf(today), 7);
    return { from, to: addDays(from, 6) };
  }
  return { from: '', to: '' };
}

/** "Export plan" in the agenda's header, and the dialog it opens. */
export function VisitPlanExportButton({ user, agenda }: { user: PublicUser; agenda: StoreApi<AgendaState> }) {
  const { t } = useTranslation('exports');
  const [open, setOpen] = useState(false);
  const anchor = useStore(agenda, (s) => s.anchor);
  const repId = useStore(agenda, (s) => s.repId);
  const reps = useStore(agenda, (s) => s.reps);
  const today = useAppStore((s) => s.info?.today);
  if (user.role !== 'rep' && user.role !== 'manager') return null;
  return (
    <>
      <button type="button" className="button" data-testid="agenda-export" onClick={() => setOpen(true)}>
        {t('plan.open')}
      </button>
      {open && (
        <VisitPlanExportDialog
          user={user}
          reps={reps}
          repId={repId}
          period={defaultPlanPeriod(anchor, today)}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

export function VisitPlanExportDialog({
  user,
  reps,
  repId,
  period,
  onClose,
  job: givenJob,
  form: givenForm,
}: {
  user: PublicUser;
  /** The reps a manager may choose from (the agenda's). */
  reps: readonly DirectoryEntry[];
  /** The rep the agenda shows (a manager's filter). */
  repId?: string | undefined;
  period: { from: string; to: string };
  /** Closing mid-export cancels it. */
  onClose: () => void;
  job?: StoreApi<ExportJobState>;
  form?: StoreApi<PlanExportFormState>;
}) {
  const { t, i18n } = useTranslation(['exports', 'common']);
  const id = useId();
  const chooseRep = user.role === 'manager';
  const job = useExportJob(givenJob);
  const [form] = useState(
    () =>
      givenForm ?? createPlanExportForm(job, { ...period, repId: chooseRep ? repId : undefined, chooseRep }),
  );
  const f = useStore(form);
  const j = useStore(job);
  const running = j.status === 'running';
  const lang = i18n.language;

  const issues = planFieldIssues(f.local, j, f.edited);
  const errorOf = (field: PlanField) => {
    const issue = issues?.[field];
    return issue ? issueText(i18n, issue) : undefined;
  };
  const fid = (field: PlanField) => `${id}-${field}`;
  const formatName = (format: VisitPlanFormat) => (format === 'ics' ? t('plan.ics') : FORMAT_NAME[format]);

  // After a refusal the keyboard lands on the first field to fix.
  const problem = f.local ?? (j.status === 'failed' ? j.error : null);
  useEffect(() => {
    if (!problem) return;
    const first = FIELDS.find((x) => issues?.[x]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
    // Only when a new problem arrives, not while the user edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problem]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.getState().run(formatName(form.getState().format));
  };

  const result = j.status === 'done' ? (j.result as Partial<VisitPlanExportResult> | null) : null;
  const visits = result?.visits ?? null;

  return (
    <Dialog title={t('plan.title')} onClose={onClose} testId="plan-export-dialog" describedBy={`${id}-intro`}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="plan-export__intro" id={`${id}-intro`}>
          {t('plan.intro')}
        </p>
        {issues && (
          <div className="form__alert" role="alert" data-testid="plan-export-alert">
            {t('common:form.fix_errors')}
          </div>
        )}
        {chooseRep && (
          <Field id={fid('repId')} label={t('plan.rep')} error={errorOf('repId')}>
            {(p) => (
              <select
                {...p}
                className="field__input"
                value={f.repId}
                data-testid="plan-export-rep"
                data-autofocus={!f.repId || undefined}
                onChange={(e) => form.getState().set({ repId: e.target.value })}
              >
                <option value="">{t('plan.rep_pick')}</option>
                {reps.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="plan-export__dates">
          <Field id={fid('from')} label={t('plan.from')} error={errorOf('from')}>
            {(p) => (
              <input
                {...p}
                className="field__input"
                type="date"
                required
                value={f.from}
                data-testid="plan-export-from"
                data-autofocus={chooseRep && !f.repId ? undefined : true}
                onChange={(e) => form.getState().set({ from: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={fid('to')}
            label={t('plan.to')}
            hint={t('plan.to_hint', { days: MAX_PLAN_DAYS })}
            error={errorOf('to')}
          >
            {(p) => (
              <input
                {...p}
                className="field__input"
                type="date"
                required
                value={f.to}
                data-testid="plan-export-to"
                onChange={(e) => form.getState().set({ to: e.target.value })}
              />
            )}
          </Field>
        </div>
        <fieldset className="plan-export__formats" data-testid="plan-export-formats">
          <legend className="field__label">{t('plan.format')}</legend>
          {VISIT_PLAN_FORMATS.map((format) => (
            <label key={format} className="plan-export__format">
              <input
                type="radio"
                name={`${id}-format`}
                value={format}
                checked={f.format === format}
                data-testid={`plan-format-${format}`}
                onChange={() => form.getState().set({ format })}
              />
              <span>{formatName(format)}</span>
            </label>
          ))}
          {errorOf('format') && <p className="field__error">{errorOf('format')}</p>}
        </fieldset>

        <ExportProgress store={job} hideError={issues !== null} />
        {visits && (
          <>
            <p className="plan-export__counts-title">{t('plan.counts')}</p>
            <dl className="plan-export__counts" data-testid="plan-export-counts">
              {(['planned', 'done', 'missed', 'cancelled'] as const).map((k) => (
                <div key={k}>
                  <dt>{t(`plan.${k}`)}</dt>
                  <dd data-testid={`plan-count-${k}`} data-value={visits[k]}>
                    {formatNumber(visits[k], lang)}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="plan-export__again">{t('plan.again')}</p>
          </>
        )}

        <div className="dialog__actions">
          <button type="button" className="button" data-testid="plan-export-close" onClick={onClose}>
            {t('plan.close')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="plan-export-run"
            disabled={running}
            aria-busy={running || undefined}
          >
            {running ? t('plan.running') : t('plan.run')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
