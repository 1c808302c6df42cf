import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../shared/contract/clients.schema';
import { useClientCardStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useFormErrors } from '../../../components/use-form-errors';
import { contactName, surnameMatches } from './client-card.selectors';

const FIELDS = ['reason', 'confirm'] as const;

interface Props {
  contact: Contact;
  onClose: () => void;
  onErased: (contact: Contact) => void;
}

/**
 * Erasure on request (GDPR): says what goes and what stays, asks for the reason and for the surname
 * typed again, so nobody erases the wrong person by a slip of the mouse. The safe choice has the focus.
 */
export function EraseDialog({ contact, onClose, onErased }: Props) {
  const { t } = useTranslation(['clientCard', 'common']);
  const erase = useClientCardStore((s) => s.erase);
  const bodyId = useId();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const name = contactName(contact);
  const matches = surnameMatches(typed, contact.surname);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!matches) {
      form.failFields({
        confirm: { path: ['confirm'], key: 'clientCard:erase.mismatch', message: 'mismatch' },
      });
      return;
    }
    setBusy(true);
    try {
      onErased(await erase({ id: contact.id, reason }));
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const confirmError = form.errorOf('confirm') ? t('erase.mismatch') : undefined;

  return (
    <Dialog
      title={t('erase.title', { name })}
      onClose={onClose}
      role="alertdialog"
      describedBy={bodyId}
      testId="erase-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="dialog__body" id={bodyId}>
          <p>{t('erase.intro')}</p>
          <div className="client-card__erase">
            <div className="client-card__erase-part client-card__erase-part--goes">
              <h3 className="dialog__subtitle">{t('erase.goes_title')}</h3>
              <p>{t('erase.goes')}</p>
            </div>
            <div className="client-card__erase-part">
              <h3 className="dialog__subtitle">{t('erase.stays_title')}</h3>
              <p>{t('erase.stays')}</p>
            </div>
          </div>
        </div>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field {...form.fieldProps('reason', t('erase.reason'), t('erase.reason_hint'))}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="text"
              maxLength={500}
              aria-required="true"
              autoComplete="off"
              name="reason"
              value={reason}
              data-testid="erase-reason"
              onChange={(e) => {
                setReason(e.target.value);
                form.clear('reason');
              }}
            />
          )}
        </Field>
        <Field
          id={form.idOf('confirm')}
          label={t('erase.confirm', { surname: contact.surname })}
          error={confirmError}
        >
          {(p) => (
            <input
              {...p}
              className="field__input field__input--medium"
              type="text"
              maxLength={80}
              aria-required="true"
              autoComplete="off"
              spellCheck={false}
              name="confirm"
              value={typed}
              data-testid="erase-confirm-surname"
              onChange={(e) => {
                setTyped(e.target.value);
                form.clear('confirm');
              }}
            />
          )}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} data-autofocus>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--danger"
            disabled={busy}
            aria-busy={busy || undefined}
            data-testid="erase-submit"
          >
            {busy ? t('erase.submitting') : t('erase.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
