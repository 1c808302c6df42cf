import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/regio-api';
import { fieldIssues } from '../../../app/field-errors';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { errorText, issueText } from '../../../i18n/error-text';
import { useMoney } from '../../settlements/use-money';
import { moneyInputText, parseMoney } from '../action-format';
import type { BudgetEdit } from './budget.store';

/**
 * The manager sets a rep's budget for the month. The core refuses a budget below what the month
 * already holds (reserved + committed); the refusal shows those figures, and nothing changes.
 */
export function SetBudgetDialog({
  edit,
  monthName,
  currency,
  minimum,
  onSave,
  onClose,
}: {
  edit: BudgetEdit;
  monthName: string;
  currency: string;
  /** Reserved + committed as the table shows it: the lowest budget the core will accept. */
  minimum: number | null;
  onSave: (amount: number, note: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['settlements', 'common']);
  const id = useId();
  const money = useMoney();
  const [amount, setAmount] = useState(() => (edit.isSet ? moneyInputText(edit.current, i18n.language) : ''));
  const [note, setNote] = useState(edit.note);
  const [invalid, setInvalid] = useState<'format' | 'too_large' | null>(null);

  const { refusal, error, saving } = edit;
  // A refusal has its own panel; field issues go to their fields; anything else above the form.
  const issues = error instanceof ApiError && !refusal ? fieldIssues(error.data) : {};
  const amountIssue = issues.amount;
  const noteIssue = issues.note;
  const formError = error !== null && !refusal && !amountIssue && !noteIssue ? errorText(i18n, error) : null;
  const amountError = invalid
    ? invalid === 'too_large'
      ? t('budget.dialog.amount_too_large')
      : t('budget.dialog.amount_invalid')
    : amountIssue
      ? issueText(i18n, amountIssue)
      : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMoney(amount);
    if (!parsed.ok) {
      setInvalid(parsed.reason === 'too_large' ? 'too_large' : 'format');
      document.getElementById(`${id}-amount`)?.focus();
      return;
    }
    setInvalid(null);
    await onSave(parsed.value, note.trim());
  };

  return (
    <Dialog
      title={t('budget.dialog.title', { name: edit.repName, month: monthName })}
      onClose={onClose}
      testId="budget-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="budget__current">
          {edit.isSet
            ? t('budget.dialog.current', { amount: money(edit.current) })
            : t('budget.dialog.current_unset')}
        </p>
        {refusal && (
          <div
            className="form__alert budget__blocked"
            role="alert"
            data-testid="budget-blocked"
            data-minimum={refusal.minimum}
          >
            <p className="budget__blocked-title">{t('budget.blocked.title')}</p>
            <p className="budget__blocked-text">
              {t('budget.blocked.text', { amount: money(refusal.amount), minimum: money(refusal.minimum) })}
            </p>
            <dl className="budget__blocked-figures">
              <div>
                <dt>{t('budget.blocked.reserved')}</dt>
                <dd data-testid="blocked-reserved" data-value={refusal.reserved}>
                  {money(refusal.reserved)}
                </dd>
              </div>
              <div>
                <dt>{t('budget.blocked.committed')}</dt>
                <dd data-testid="blocked-committed" data-value={refusal.committed}>
                  {money(refusal.committed)}
                </dd>
              </div>
              <div className="budget__blocked-minimum">
                <dt>{t('budget.blocked.minimum')}</dt>
                <dd data-testid="blocked-minimum" data-value={refusal.minimum}>
                  {money(refusal.minimum)}
                </dd>
              </div>
            </dl>
          </div>
        )}
        {formError && (
          <div className="form__alert" role="alert">
            {formError}
          </div>
        )}
        <Field
          id={`${id}-amount`}
          label={t('budget.dialog.amount', { currency })}
          hint={
            minimum !== null && minimum > 0
              ? t('budget.dialog.amount_hint', { minimum: money(minimum) })
              : t('budget.dialog.amount_hint_free')
          }
          error={amountError}
        >
          {(p) => (
            <input
              {...p}
              className="field__input field__input--medium budget__amount"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              aria-required="true"
              data-autofocus
              data-testid="budget-amount"
              value={amount}
              onChange={(e) => {
                setAmount(e.target.value);
                setInvalid(null);
              }}
            />
          )}
        </Field>
        <Field
          id={`${id}-note`}
          label={t('budget.dialog.note')}
          hint={t('budget.dialog.note_hint')}
          error={noteIssue ? issueText(i18n, noteIssue) : undefined}
        >
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={2}
              maxLength={500}
              data-testid="budget-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
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
            {saving ? t('budget.dialog.saving') : t('budget.dialog.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
