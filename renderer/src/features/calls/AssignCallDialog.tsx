import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import type { Call } from '../../../../shared/contract/calls.schema';
import type { ClientRow, Contact } from '../../../../shared/contract/clients.schema';
import { useServices } from '../../app/app-context';
import { Dialog } from '../../components/Dialog';
import { FormDialogActions } from '../../components/FormDialogActions';
import { errorText } from '../../i18n/error-text';
import type { CallsState } from './calls.store';

const RESULTS = 10;

/** "Assign…": a client found by search (clients:list), then optionally one of its contact persons. */
export function AssignCallDialog({
  store,
  call,
  onClose,
  onAssigned,
}: {
  store: StoreApi<CallsState>;
  call: Call;
  onClose: () => void;
  onAssigned: (name: string) => void;
}) {
  const { t, i18n } = useTranslation('calls');
  const { api } = useServices();
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ClientRow[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [client, setClient] = useState<ClientRow | null>(null);
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [needClient, setNeedClient] = useState(false);

  // Search as the operator types; only the newest answer is shown.
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let live = true;
    const timer = setTimeout(() => {
      api.call('clients:list', { query: q, limit: RESULTS }).then(
        (r) => {
          if (!live) return;
          setFound(r.rows);
          setSearching(false);
        },
        (e: unknown) => {
          if (!live) return;
          setError(e);
          setSearching(false);
        },
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  // The chosen client's contact persons, for an optional, more precise assignment.
  useEffect(() => {
    if (!client) return;
    let live = true;
    api.call('clients:get', { id: client.id }).then(
      (card) => live && setContacts(card.contacts.filter((c) => !c.erased)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, client]);

  const search = (value: string) => {
    setQuery(value);
    const empty = !value.trim();
    setSearching(!empty);
    if (empty) setFound(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!client) {
      setNeedClient(true);
      return;
    }
    setBusy(true);
    setError(null);
    const ok = await store.getState().assign(call.id, client.id, contactId);
    setBusy(false);
    if (!ok) {
      setError(store.getState().triageActionError);
      return;
    }
    const contact = contacts?.find((c) => c.id === contactId);
    onAssigned(contact ? `${client.name} — ${contact.firstName} ${contact.surname}` : client.name);
  };

  return (
    <Dialog
      title={t('assign.title', { number: call.number })}
      onClose={onClose}
      testId="triage-assign-dialog"
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-query`}>
            {t('assign.search')}
          </label>
          <input
            id={`${id}-query`}
            className="field__input"
            type="search"
            value={query}
            maxLength={100}
            onChange={(e) => search(e.currentTarget.value)}
            aria-describedby={`${id}-hint`}
            data-autofocus
            data-testid="triage-search"
          />
          <p className="field__hint" id={`${id}-hint`}>
            {t('assign.search_hint')}
          </p>
        </div>
        {searching && <p className="muted">{t('assign.searching')}</p>}
        {found && found.length === 0 && !searching && <p className="muted">{t('assign.none_found')}</p>}
        {found && found.length > 0 && (
          <fieldset className="calls__found">
            <legend className="field__label">{t('assign.results')}</legend>
            {found.map((c) => (
              <label key={c.id} className="calls__check">
                <input
                  type="radio"
                  name={`${id}-client`}
                  value={c.id}
                  checked={client?.id === c.id}
                  onChange={() => {
                    setClient(c);
                    setContacts(null);
                    setContactId(null);
                    setNeedClient(false);
                  }}
                  data-testid="triage-client"
                />{' '}
                {c.name}
                {c.city && <span className="muted"> · {c.city}</span>}
              </label>
            ))}
          </fieldset>
        )}
        {client && contacts === null && <p className="muted">{t('assign.loading_contacts')}</p>}
        {client && contacts && contacts.length > 0 && (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-contact`}>
              {t('assign.contact')}
            </label>
            <select
              id={`${id}-contact`}
              className="field__input"
              value={contactId ?? ''}
              onChange={(e) => setContactId(e.currentTarget.value || null)}
              data-testid="triage-contact"
            >
              <option value="">{t('assign.contact_none')}</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.firstName} ${c.surname}`}
                </option>
              ))}
            </select>
          </div>
        )}
        {needClient && (
          <div className="form__alert" role="alert" data-testid="triage-assign-need-client">
            {t('assign.choose_client')}
          </div>
        )}
        {error !== null && (
          <div className="form__alert" role="alert" data-testid="triage-assign-error">
            {errorText(i18n, error)}
          </div>
        )}
        <FormDialogActions
          onCancel={onClose}
          busy={busy}
          submitLabel={t('assign.confirm')}
          busyLabel={t('assign.busy')}
        />
      </form>
    </Dialog>
  );
}
