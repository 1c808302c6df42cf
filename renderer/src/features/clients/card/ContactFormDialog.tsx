import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactFields, normalizeContact } from '../../../../../shared/contract/clients.schema';
import type { Contact } from '../../../../../shared/contract/clients.schema';
import type { Country } from '../../../../../shared/domain/contact-data';
import { useClientCardStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { useFormErrors } from '../../../components/use-form-errors';
import {
  collapseListIssues,
  contactFormValues,
  contactInputOf,
  contactPatchOf,
  listIssueIndexes,
  localValidationError,
  ruleIssues,
  zodIssues,
} from './client-card.selectors';
import type { ContactFormValues } from './client-card.selectors';

export type ContactFormMode = 'create' | 'edit' | 'propose' | 'confirm';

const FIELDS = ['firstName', 'surname', 'position', 'phones', 'emails', 'notes'] as const;
const LISTS = ['phones', 'emails'] as const;

interface Props {
  /** create / edit (operator, admin), propose (rep, manager), confirm (correct, then confirm). */
  mode: ContactFormMode;
  clientId: string;
  /** The client's country: phones are read in it ("601 234 567" is Polish for a Polish store). */
  country: Country;
  contact?: Contact | null;
  onClose: () => void;
  onSaved: (contact: Contact, mode: ContactFormMode) => void;
}

/** Ctrl+Enter (or ⌘+Enter) saves from a multi-line field, where Enter starts a new line. */
function submitOnCtrlEnter(e: KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}

/**
 * A contact person: name, position, phones and e-mails (one per line; the core stores phones in
 * E.164 and says which line it could not read), notes. Enter saves (Ctrl+Enter in the lists), Esc cancels.
 */
export function ContactFormDialog({ mode, clientId, country, contact, onClose, onSaved }: Props) {
  const { t } = useTranslation(['clientCard', 'clients', 'common']);
  const saveContact = useClientCardStore((s) => s.saveContact);
  const [values, setValues] = useState<ContactFormValues>(() => contactFormValues(contact ?? null));
  const [busy, setBusy] = useState(false);
  // The last refusal and the lines it was about, so "line 2" names the line the user typed.
  const [failure, setFailure] = useState<{ error: unknown; lines: Record<'phones' | 'emails', number[]> }>({
    error: null,
    lines: { phones: [], emails: [] },
  });
  const form = useFormErrors(FIELDS);

  const set = (key: keyof ContactFormValues, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    form.clear(key);
  };

  const fail = (error: unknown, lines: Record<'phones' | 'emails', number[]>) => {
    setFailure({ error, lines });
    form.fail(collapseListIssues(error, LISTS));
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { fields, lines } = contactInputOf(values);
    // The core's own rules first (required names, phones and e-mails readable in this country).
    const parsed = ContactFields.safeParse({ clientId, ...fields });
    const local = parsed.success
      ? localValidationError(ruleIssues(normalizeContact(parsed.data, country).issues))
      : localValidationError(zodIssues(parsed.error));
    if (local) {
      fail(local, lines);
      return;
    }
    setBusy(true);
    try {
      let saved: Contact;
      if ((mode === 'edit' || mode === 'confirm') && contact) {
        const patch = contactPatchOf(contact, fields);
        const changed = Object.keys(patch).length > 0;
        if (mode === 'edit') saved = changed ? await saveContact({ mode, id: contact.id, patch }) : contact;
        // Confirm as corrected, or as it was when nothing changed.
        else saved = await saveContact(changed ? { mode, id: contact.id, patch } : { mode, id: contact.id });
      } else {
        saved = await saveContact({
          mode: mode === 'propose' ? 'propose' : 'create',
          input: { clientId, ...fields },
        });
      }
      onSaved(saved, mode);
    } catch (err) {
      fail(err, lines);
      setBusy(false);
    }
  };

  /** The field's message, naming the line when the problem is one entry of the list. */
  const listError = (field: 'phones' | 'emails'): string | undefined => {
    const message = form.errorOf(field);
    if (!message) return undefined;
    const index = listIssueIndexes(failure.error, field)[0];
    const line = index === undefined ? undefined : failure.lines[field][index];
    return line === undefined ? message : t('contact_form.line', { line, message });
  };

  const title = {
    create: t('contact_form.title_new'),
    edit: t('contact_form.title_edit'),
    propose: t('contact_form.title_propose'),
    confirm: t('contact_form.title_confirm'),
  }[mode];

  const props = form.fieldProps;
  const label = (f: (typeof FIELDS)[number]) => t(`clients:fields.${f}`);

  const textField = (
    name: 'firstName' | 'surname' | 'position',
    { required = false, autofocus = false }: { required?: boolean; autofocus?: boolean } = {},
  ) => (
    <Field {...props(name, label(name))}>
      {(p) => (
        <input
          {...p}
          data-autofocus={autofocus || undefined}
          className="field__input"
          type="text"
          maxLength={80}
          aria-required={required ? 'true' : undefined}
          autoComplete="off"
          name={name}
          value={values[name]}
          data-testid={`contact-field-${name}`}
          onChange={(e) => set(name, e.target.value)}
        />
      )}
    </Field>
  );

  /** Phones or e-mails, one per line. */
  const listField = (name: (typeof LISTS)[number], hint: string) => (
    <Field id={form.idOf(name)} label={label(name)} hint={hint} error={listError(name)}>
      {(p) => (
        <textarea
          {...p}
          className="field__input client-card__lines"
          rows={3}
          autoComplete="off"
          spellCheck={false}
          name={name}
          value={values[name]}
          data-testid={`contact-field-${name}`}
          onChange={(e) => set(name, e.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      )}
    </Field>
  );

  return (
    <Dialog title={title} onClose={onClose} wide testId="contact-dialog">
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {mode === 'propose' && (
          <p className="notice" data-testid="contact-propose-hint">
            {t('contacts.propose_hint')}
          </p>
        )}
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <div className="form__row">
          {textField('firstName', { required: true, autofocus: true })}
          {textField('surname', { required: true })}
        </div>
        {textField('position')}
        <div className="form__row">
          {listField('phones', t('contact_form.phones_hint'))}
          {listField('emails', t('contact_form.lines_hint'))}
        </div>
        <Field {...props('notes', label('notes'), t('contact_form.notes_hint'))}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={3}
              maxLength={2000}
              name="notes"
              value={values.notes}
              data-testid="contact-field-notes"
              onChange={(e) => set('notes', e.target.value)}
              onKeyDown={submitOnCtrlEnter}
            />
          )}
        </Field>
        {mode === 'propose' || mode === 'confirm' ? (
          <FormDialogActions
            onCancel={onClose}
            busy={busy}
            submitLabel={t(`contact_form.submit_${mode}`)}
            busyLabel={t(`contact_form.submitting_${mode}`)}
          />
        ) : (
          <FormDialogActions onCancel={onClose} busy={busy} editing={mode === 'edit'} />
        )}
      </form>
    </Dialog>
  );
}
