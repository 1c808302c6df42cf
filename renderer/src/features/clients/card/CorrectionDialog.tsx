import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, Contact } from '../../../../../shared/contract/clients.schema';
import { useClientCardStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { useFormErrors } from '../../../components/use-form-errors';
import { displayPhone, displayTaxId } from '../phone-format';
import { contactName, correctableFields, correctionValue, isListField } from './client-card.selectors';
import type { CorrectableField } from './client-card.selectors';

const FIELDS = ['field', 'proposedValue', 'note'] as const;

export type CorrectionTarget =
  { kind: 'client'; client: Client } | { kind: 'contact'; clientId: string; contact: Contact };

interface Props {
  target: CorrectionTarget;
  /** The field the rep pointed at; another correctable one can be chosen here. */
  field: CorrectableField;
  onClose: () => void;
  onSent: () => void;
}

function submitOnCtrlEnter(e: KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}

/**
 * A rep's (or manager's) proposed fix to data the operator owns: the field, its current value, the
 * proposed one (phones and e-mails as the whole new list, one per line) and a note. It lands in
 * the operator's queue; the core checks the value as the operator's form would.
 */
export function CorrectionDialog({ target, field: initialField, onClose, onSent }: Props) {
  const { t } = useTranslation(['clientCard', 'clients', 'common']);
  const fileCorrection = useClientCardStore((s) => s.fileCorrection);
  const record = target.kind === 'client' ? target.client : target.contact;
  const [field, setField] = useState<CorrectableField>(initialField);
  const [proposed, setProposed] = useState(() => correctionValue(record, initialField));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const choices = correctableFields(target.kind);
  const current = correctionValue(record, field);
  const list = isListField(field);
  // What the record holds, as the card shows it (phones grouped, a NIP with its dashes).
  const shownCurrent =
    field === 'phone' || field === 'phones'
      ? current.split('\n').map(displayPhone).join('\n')
      : field === 'taxId' && target.kind === 'client'
        ? displayTaxId(current, target.client.address.country)
        : current;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      await fileCorrection({
        clientId: target.kind === 'client' ? target.client.id : target.clientId,
        contactId: target.kind === 'contact' ? target.contact.id : null,
        field,
        proposedValue: proposed,
        note,
      });
      onSent();
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const props = form.fieldProps;
  const fieldLabel = (f: CorrectableField) => t(`clients:fields.${f}`);

  return (
    <Dialog title={t('correction.title')} onClose={onClose} testId="correction-dialog">
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p className="dialog__body client-card__dialog-intro">
          <span
            className="client-card__ellipsis"
            title={target.kind === 'client' ? target.client.name : contactName(target.contact)}
          >
            {target.kind === 'client'
              ? t('correction.of_client', { name: target.client.name })
              : t('correction.of_contact', { name: contactName(target.contact) })}
          </span>
          <span className="muted">{t('correction.intro')}</span>
        </p>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field {...props('field', t('correction.field'))}>
          {(p) => (
            <select
              {...p}
              className="field__input field__input--medium"
              name="field"
              value={field}
              data-testid="correction-field"
              onChange={(e) => {
                const next = choices.find((c) => c === e.target.value);
                if (!next) return;
                setField(next);
                setProposed(correctionValue(record, next));
                form.clear('field');
                form.clear('proposedValue');
              }}
            >
              {choices.map((c) => (
                <option key={c} value={c}>
                  {fieldLabel(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <span className="field__label">{t('correction.current')}</span>
          <p className="field__static client-card__current" data-testid="correction-current">
            {shownCurrent || '—'}
          </p>
        </div>
        <Field
          {...props(
            'proposedValue',
            t('correction.proposed'),
            list ? t('correction.proposed_lines_hint') : undefined,
          )}
        >
          {(p) =>
            list ? (
              <textarea
                {...p}
                data-autofocus
                className="field__input client-card__lines"
                rows={4}
                maxLength={500}
                spellCheck={false}
                name="proposedValue"
                value={proposed}
                data-testid="correction-value"
                onChange={(e) => {
                  setProposed(e.target.value);
                  form.clear('proposedValue');
                }}
                onKeyDown={submitOnCtrlEnter}
              />
            ) : (
              <input
                {...p}
                data-autofocus
                className="field__input"
                type="text"
                maxLength={500}
                autoComplete="off"
                name="proposedValue"
                value={proposed}
                data-testid="correction-value"
                onChange={(e) => {
                  setProposed(e.target.value);
                  form.clear('proposedValue');
                }}
              />
            )
          }
        </Field>
        <Field {...props('note', t('correction.note'), t('correction.note_hint'))}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={3}
              maxLength={1000}
              name="note"
              value={note}
              data-testid="correction-note"
              onChange={(e) => {
                setNote(e.target.value);
                form.clear('note');
              }}
              onKeyDown={submitOnCtrlEnter}
            />
          )}
        </Field>
        <FormDialogActions
          onCancel={onClose}
          busy={busy}
          submitLabel={t('correction.submit')}
          busyLabel={t('correction.submitting')}
        />
      </form>
    </Dialog>
  );
}
