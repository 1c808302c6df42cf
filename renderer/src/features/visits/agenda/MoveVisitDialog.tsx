import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { issueText } from '../../../i18n/error-text';
import { ProblemList } from './ProblemList';
import { visitProblem } from './visit-errors';

/** Reschedules a visit: a new date and (when given) a new time. */
export function MoveVisitDialog({
  date: initialDate,
  time: initialTime,
  withTime,
  onSave,
  onClose,
}: {
  date: string;
  time: string | null;
  /** The visit screen changes the time too; the agenda's Move… only the day. */
  withTime: boolean;
  onSave: (date: string, time: string | null) => Promise<void>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const id = useId();
  const [date, setDate] = useState(initialDate);
  const [time, setTime] = useState(initialTime ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = visitProblem(error);
  const errorOf = (f: 'date' | 'time') => problem.fields[f]?.map((i) => issueText(i18n, i)).join(' ');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(date, withTime ? time || null : initialTime);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('move.title')} onClose={onClose} testId="move-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && <ProblemList error={error} problem={problem} />}
        <div className="form__row">
          <Field id={`${id}-date`} label={t('move.date')} error={errorOf('date')}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--medium"
                type="date"
                value={date}
                data-autofocus
                data-testid="move-date"
                onChange={(e) => setDate(e.target.value)}
              />
            )}
          </Field>
          {withTime && (
            <Field id={`${id}-time`} label={t('move.time')} error={errorOf('time')}>
              {(p) => (
                <input
                  {...p}
                  className="field__input field__input--short"
                  type="time"
                  value={time}
                  data-testid="move-time"
                  onChange={(e) => setTime(e.target.value)}
                />
              )}
            </Field>
          )}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            aria-busy={busy || undefined}
            data-testid="move-save"
          >
            {busy ? t('move.saving') : t('move.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
