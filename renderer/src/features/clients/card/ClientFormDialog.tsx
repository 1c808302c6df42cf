import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientInput } from '../../../../../shared/contract/clients.schema';
import type { ClientCard, DuplicateSuspect } from '../../../../../shared/contract/clients.schema';
import { COUNTRIES } from '../../../../../shared/domain/contact-data';
import { useAppStore, useClientCardStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { useFormErrors } from '../../../components/use-form-errors';
import {
  clientFormValues,
  clientInputOf,
  clientPatchOf,
  collapseListIssues,
  duplicateCheckOf,
  duplicateKeyOf,
  localValidationError,
  needsDuplicateCheck,
  zodIssues,
} from './client-card.selectors';
import type { ClientFormValues } from './client-card.selectors';
import { DuplicateWarning } from './DuplicateWarning';
import { ParentPicker } from './ParentPicker';
import type { ParentChoice } from './ParentPicker';
import { useCardLookups } from './use-card-lookups';
import './ClientCard.css';

export interface ClientFormDialogProps {
  /** The client to edit; null or absent for a new client. */
  card?: ClientCard | null;
  onClose: () => void;
  /** After a save: the card as the core stored it. */
  onSaved: (card: ClientCard) => void;
}

// Input paths of the core's ClientFields, in the form's (and Tab's) order: the country first, as it
// decides how the tax ID, postal code and phone are checked.
const FIELDS = [
  'address.country',
  'name',
  'taxId',
  'regon',
  'dic',
  'address.street',
  'address.postalCode',
  'address.city',
  'phone',
  'email',
  'segmentId',
  'repId',
  'status',
  'externalCode',
  'tags',
  'parentId',
] as const;

type ValueKey = keyof ClientFormValues;

/** Which form value each input path edits (the address sits flat in the form). */
const VALUE_OF: Record<(typeof FIELDS)[number], ValueKey> = {
  'address.country': 'country',
  name: 'name',
  taxId: 'taxId',
  regon: 'regon',
  dic: 'dic',
  'address.street': 'street',
  'address.postalCode': 'postalCode',
  'address.city': 'city',
  phone: 'phone',
  email: 'email',
  segmentId: 'segmentId',
  repId: 'repId',
  status: 'status',
  externalCode: 'externalCode',
  tags: 'tags',
  parentId: 'parentId',
};

function isCountry(v: string): v is ClientFormValues['country'] {
  return (COUNTRIES as readonly string[]).includes(v);
}

/**
 * Create or edit a client: every field, checked here with the same rules as the core (NIP / IČO
 * checksum, postal code per country, phone, e-mail) so errors show at once, then again by the core.
 * Enter saves, Esc cancels.
 */
export function ClientFormDialog({ card, onClose, onSaved }: ClientFormDialogProps) {
  const { t } = useTranslation(['clientCard', 'clients', 'common']);
  const saveClient = useClientCardStore((s) => s.saveClient);
  const checkDuplicates = useClientCardStore((s) => s.checkDuplicates);
  const office = useAppStore((s) => s.office);
  const lookups = useCardLookups();
  const client = card?.client ?? null;
  const defaultCountry = office?.locale === 'cs' || office?.currency === 'CZK' ? 'CZ' : 'PL';
  const [values, setValues] = useState<ClientFormValues>(() => clientFormValues(client, defaultCountry));
  const [parent, setParent] = useState<ParentChoice | null>(() =>
    card?.parent ? { id: card.parent.id, name: card.parent.name, city: card.parent.city } : null,
  );
  const [busy, setBusy] = useState(false);
  // The checked values of the stored client: saving them unchanged asks about no duplicates.
  const [originalKey] = useState(() => (client ? duplicateKeyOf(clientFormValues(client)) : null));
  // The possible duplicates found for the values under `key`: a second submit of exactly those
  // values saves anyway; any change of them hides the warning and checks again on the next submit.
  const [warning, setWarning] = useState<{ key: string; suspects: DuplicateSuspect[] } | null>(null);
  const warningHeading = useRef<HTMLHeadingElement>(null);
  const form = useFormErrors(FIELDS);
  const checkedValues = { ...values, parentId: parent?.id ?? '' };
  const currentKey = duplicateKeyOf(checkedValues);
  const shownWarning = warning && warning.key === currentKey ? warning : null;

  // A new warning takes the focus (so a screen reader reads it); showing it again after the values
  // are typed back does not pull the focus out of the field being typed in.
  useEffect(() => {
    if (warning) warningHeading.current?.focus();
  }, [warning]);

  const set = <K extends ValueKey>(key: K, value: ClientFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    const path = (Object.keys(VALUE_OF) as (typeof FIELDS)[number][]).find((f) => VALUE_OF[f] === key);
    if (path) form.clear(path);
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const input = clientInputOf(checkedValues);
    // The same rules as the core, before the round trip; the core checks again on save.
    const parsed = ClientInput.safeParse(input);
    if (!parsed.success) {
      form.fail(collapseListIssues(localValidationError(zodIssues(parsed.error)), ['tags']));
      return;
    }
    setBusy(true);
    const key = currentKey;
    if (needsDuplicateCheck(key, { original: originalKey, confirmed: warning?.key ?? null })) {
      let suspects: DuplicateSuspect[] = [];
      try {
        suspects = await checkDuplicates(duplicateCheckOf(client?.id ?? null, parsed.data));
      } catch {
        // The check only warns: when it fails, the save goes on as usual.
      }
      if (suspects.length) {
        setWarning({ key, suspects });
        setBusy(false);
        return;
      }
    }
    try {
      if (client && card) {
        const patch = clientPatchOf(client, input);
        onSaved(Object.keys(patch).length ? await saveClient(client.id, patch) : card);
      } else {
        onSaved(await saveClient(null, input));
      }
    } catch (err) {
      form.fail(collapseListIssues(err, ['tags']));
      setBusy(false);
    }
  };

  const props = form.fieldProps;
  const label = (f: string) => t(`clients:fields.${f}` as 'clients:fields.name');
  const text = (
    field: (typeof FIELDS)[number],
    opts: {
      max: number;
      hint?: string;
      required?: boolean;
      autoFocus?: boolean;
      type?: string;
      wide?: boolean;
    },
  ) => {
    const key = VALUE_OF[field];
    return (
      <Field {...props(field, label(field), opts.hint)}>
        {(p) => (
          <input
            {...p}
            data-autofocus={opts.autoFocus || undefined}
            className="field__input"
            type={opts.type ?? 'text'}
            maxLength={opts.max}
            aria-required={opts.required ? 'true' : undefined}
            autoComplete="off"
            name={field}
            value={values[key]}
            data-testid={`client-field-${key}`}
            onChange={(e) => set(key, e.target.value)}
          />
        )}
      </Field>
    );
  };

  return (
    <Dialog
      title={client ? t('client_form.title_edit') : t('client_form.title_new')}
      onClose={onClose}
      wide
      testId="client-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field {...props('address.country', label('country'), t('client_form.country_hint'))}>
          {(p) => (
            <select
              {...p}
              data-autofocus={!client || undefined}
              className="field__input field__input--medium"
              name="country"
              value={values.country}
              data-testid="client-field-country"
              onChange={(e) => {
                if (isCountry(e.target.value)) {
                  set('country', e.target.value);
                  // The checks that depend on the country must run again.
                  form.clear('taxId');
                  form.clear('address.postalCode');
                  form.clear('phone');
                }
              }}
            >
              {COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {t(`clients:countries.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('name', { max: 200, required: true, autoFocus: !!client })}
        <div className="form__row">
          {text('taxId', { max: 20 })}
          {values.country === 'PL'
            ? text('regon', { max: 20, hint: t('client_form.regon_hint') })
            : text('dic', { max: 14, hint: t('client_form.dic_hint') })}
        </div>
        {text('address.street', { max: 200 })}
        <div className="form__row">
          {text('address.postalCode', { max: 10 })}
          {text('address.city', { max: 100, required: true })}
        </div>
        <div className="form__row">
          {text('phone', { max: 40, type: 'tel' })}
          {text('email', { max: 254, type: 'email' })}
        </div>
        <div className="form__row">
          <Field {...props('segmentId', label('segmentId'))}>
            {(p) => (
              <select
                {...p}
                className="field__input"
                name="segmentId"
                value={values.segmentId}
                data-testid="client-field-segmentId"
                onChange={(e) => set('segmentId', e.target.value)}
              >
                <option value="">{t('clients:no_segment')}</option>
                {lookups.segmentChoices(client?.segmentId ?? null).map((d) => (
                  <option key={d.id} value={d.id}>
                    {lookups.segmentLabel(d.id) ?? d.code}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field {...props('repId', label('repId'))}>
            {(p) => (
              <select
                {...p}
                className="field__input"
                name="repId"
                value={values.repId}
                data-testid="client-field-repId"
                onChange={(e) => set('repId', e.target.value)}
              >
                <option value="">{t('clients:no_rep')}</option>
                {lookups.repChoices(client?.repId ?? null).map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.repCode ? `${r.displayName} (${r.repCode})` : r.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form__row">
          <Field {...props('status', label('status'))}>
            {(p) => (
              <select
                {...p}
                className="field__input"
                name="status"
                value={values.status}
                data-testid="client-field-status"
                onChange={(e) => set('status', e.target.value === 'inactive' ? 'inactive' : 'active')}
              >
                <option value="active">{t('clients:status.active')}</option>
                <option value="inactive">{t('clients:status.inactive')}</option>
              </select>
            )}
          </Field>
          {text('externalCode', { max: 40 })}
        </div>
        {text('tags', { max: 900, hint: t('client_form.tags_hint') })}
        <Field {...props('parentId', label('parentId'), t('client_form.parent_hint'))}>
          {(p) => (
            <ParentPicker
              control={p}
              selfId={client?.id ?? null}
              value={parent}
              onChange={(v) => {
                setParent(v);
                form.clear('parentId');
              }}
            />
          )}
        </Field>
        {shownWarning && (
          <DuplicateWarning
            suspects={shownWarning.suspects}
            country={values.country}
            headingRef={warningHeading}
          />
        )}
        {shownWarning ? (
          <FormDialogActions
            onCancel={onClose}
            busy={busy}
            submitLabel={t('duplicates.save_anyway')}
            busyLabel={t('common:actions.saving')}
          />
        ) : (
          <FormDialogActions onCancel={onClose} busy={busy} editing={!!client} />
        )}
      </form>
    </Dialog>
  );
}
