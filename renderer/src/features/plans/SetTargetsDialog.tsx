import { useEffect, useId } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TARGET } from '../../../../shared/contract/plans.schema';
import { ApiError } from '../../api/regio-api';
import { fieldIssues } from '../../app/field-errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { errorText, issueText } from '../../i18n/error-text';
import { formatNumber } from '../../i18n/format';
import { METRICS } from './plans.store';
import type { Metric, PlanEdit } from './plans.store';

/**
 * The manager sets a rep's targets for the month: three whole numbers and a note. A field that is
 * not a whole number within range is marked here and nothing is sent; what the core refuses
 * (a month that is over, a rep outside the team) shows above the form.
 */
export function SetTargetsDialog({
  edit,
  monthName,
  onText,
  onNote,
  onSave,
  onClose,
}: {
  edit: PlanEdit;
  monthName: string;
  onText: (metric: Metric, text: string) => void;
  onNote: (note: string) => void;
  onSave: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const id = useId();
  const { error, saving, invalid } = edit;
  const issues = error instanceof ApiError ? fieldIssues(error.data, ['targets']) : {};
  const noteIssues = error instanceof ApiError ? fieldIssues(error.data) : {};
  const fieldError = (m: Metric) =>
    invalid.includes(m)
      ? t('plans.dialog.invalid', { max: formatNumber(MAX_TARGET, i18n.language) })
      : issues[m]
        ? issueText(i18n, issues[m])
        : undefined;
  const noteError = noteIssues.note ? issueText(i18n, noteIssues.note) : undefined;
  const onField = METRICS.some((m) => issues[m]) || noteError !== undefined;
  const formError = error !== null && !onField ? errorText(i18n, error) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave();
  };
  // After a refused save the keyboard lands on the first field to fix.
  useEffect(() => {
    if (invalid[0]) document.getElementById(`${id}-${invalid[0]}`)?.focus();
  }, [invalid, id]);

  return (
    <Dialog
      title={t('plans.dialog.title', { name: edit.repName, month: monthName })}
      onClose={onClose}
      testId="plan-dialog"
    >
      <form className="form" noValidate onSubmit={submit}>
        <p className="plans__dialog-intro">
          {t('plans.dialog.intro')} {!edit.isSet && t('plans.dialog.current_unset')}
        </p>
        {formError && (
          <div className="form__alert" role="alert" data-testid="plan-error">
            {formError}
          </div>
        )}
        <div className="plans__targets">
          {METRICS.map((m, i) => (
            <Field
              key={m}
              id={`${id}-${m}`}
              label={t(`metric.${m}`)}
              hint={t(`metric_hint.${m}`)}
              error={fieldError(m)}
            >
              {(p) => (
                <input
                  {...p}
                  className="field__input plans__target"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  aria-required="true"
                  data-autofocus={i === 0 || undefined}
                  data-testid={`plan-target-${m}`}
                  value={edit.texts[m]}
                  onChange={(e) => onText(m, e.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
        <Field
          id={`${id}-note`}
          label={t('plans.dialog.note')}
          hint={t('plans.dialog.note_hint')}
          error={noteError}
        >
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={2}
              maxLength={500}
              data-testid="plan-note"
              value={edit.note}
              onChange={(e) => onNote(e.target.value)}
            />
          )}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={saving}
            aria-busy={saving || undefined}
            data-testid="dialog-submit"
          >
            {saving ? t('plans.dialog.saving') : t('plans.dialog.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
