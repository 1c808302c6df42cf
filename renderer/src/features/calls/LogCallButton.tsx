import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/contract/calls.schema';
import type { ClientCard, Contact } from '../../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../../shared/contract/dictionaries.schema';
import type { RegioApi } from '../../api/regio-api';
import { useServices, useSessionStore } from '../../app/app-context';
import { Dialog } from '../../components/Dialog';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { errorText } from '../../i18n/error-text';
import { dictionaryLabel } from './call-text';
import './Calls.css';

// A call in two clicks (issue 6): "Log call" on the client card, then one of the admin's quick
// statuses. The contact, the direction and a note are there for who wants them, never in the way.
// The card refreshes by itself: the core's data:changed names 'calls'.

/** The people a call can be with: not erased. */
export function callableContacts(contacts: readonly Contact[]): Contact[] {
  return contacts.filter((c) => !c.erased);
}

/** With exactly one person on the card, the call was with them; otherwise nobody in particular. */
export function defaultContactId(contacts: readonly Contact[]): string | null {
  const people = callableContacts(contacts);
  return people.length === 1 ? people[0]!.id : null;
}

/** The quick list: the admin's active call statuses in their order. */
export async function loadCallStatuses(api: RegioApi): Promise<DictionaryItem[]> {
  const items = await api.call('dictionaries:list', { kind: 'callStatus' });
  return items.filter((d) => d.active).sort((a, b) => a.order - b.order);
}

export interface LogCallChoice {
  clientId: string;
  contactId: string | null;
  statusId: string;
  direction: 'in' | 'out';
  note: string;
}

export function logCall(api: RegioApi, c: LogCallChoice): Promise<Call> {
  return api.call('calls:log', {
    clientId: c.clientId,
    contactId: c.contactId,
    statusId: c.statusId,
    direction: c.direction,
    note: c.note.trim(),
  });
}

/** Reps and managers log calls; the others see the button only where their role allows it. */
export function LogCallButton({ card }: { card: ClientCard }) {
  const { t } = useTranslation('calls');
  const role = useSessionStore((s) => s.session?.user?.role);
  const [open, setOpen] = useState(false);
  const [message, announce] = useAnnouncer();
  if (role !== 'rep' && role !== 'manager') return null;
  return (
    <span className="log-call">
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => {
          announce(null);
          setOpen(true);
        }}
        data-testid="log-call"
      >
        {t('log.button')}
      </button>
      <LiveStatus message={message} testId="log-call-status-message" />
      {open && (
        <LogCallDialog
          card={card}
          onClose={() => setOpen(false)}
          onLogged={(m) => {
            setOpen(false);
            announce(m);
          }}
        />
      )}
    </span>
  );
}

export function LogCallDialog({
  card,
  onClose,
  onLogged,
}: {
  card: ClientCard;
  onClose: () => void;
  onLogged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation(['calls', 'common']);
  const { api } = useServices();
  const [statuses, setStatuses] = useState<DictionaryItem[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [contactId, setContactId] = useState<string | null>(() => defaultContactId(card.contacts));
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const people = callableContacts(card.contacts);

  useEffect(() => {
    let live = true;
    loadCallStatuses(api).then(
      (items) => live && setStatuses(items),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);

  // The dialog focused its first control before the statuses came: the first status takes it.
  useEffect(() => {
    if (statuses?.length) document.getElementById(`${id}-status-0`)?.focus();
  }, [statuses, id]);

  const log = async (status: DictionaryItem) => {
    if (busy) return;
    setBusy(status.id);
    setError(null);
    try {
      await logCall(api, { clientId: card.client.id, contactId, statusId: status.id, direction, note });
      onLogged(t('log.logged', { status: dictionaryLabel(status, i18n.language) }));
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  };

  return (
    <Dialog
      title={t('log.title', { name: card.client.name })}
      onClose={onClose}
      describedBy={`${id}-hint`}
      testId="log-call-dialog"
    >
      <p className="field__hint" id={`${id}-hint`}>
        {t('log.hint')}
      </p>
      <fieldset className="log-call__statuses" aria-busy={busy !== null}>
        <legend className="field__label">{t('log.statuses')}</legend>
        {statuses === null && loadError === null && <p className="muted">{t('log.loading')}</p>}
        {statuses?.length === 0 && <p className="muted">{t('log.no_statuses')}</p>}
        {statuses?.map((s, i) => (
          <button
            key={s.id}
            id={`${id}-status-${i}`}
            type="button"
            className="button log-call__status"
            disabled={busy !== null}
            aria-busy={busy === s.id}
            onClick={() => void log(s)}
            data-testid="log-call-status"
            data-code={s.code}
          >
            {busy === s.id ? t('log.saving') : dictionaryLabel(s, i18n.language)}
          </button>
        ))}
      </fieldset>
      {loadError !== null && (
        <div className="form__alert" role="alert">
          {errorText(i18n, loadError)}
        </div>
      )}
      <div className="log-call__options">
        {people.length > 0 && (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-contact`}>
              {t('log.contact')}
            </label>
            <select
              id={`${id}-contact`}
              className="field__input"
              value={contactId ?? ''}
              onChange={(e) => setContactId(e.currentTarget.value || null)}
              data-testid="log-call-contact"
            >
              <option value="">{t('log.contact_none')}</option>
              {people.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.firstName} ${c.surname}`}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset className="log-call__direction">
          <legend className="field__label">{t('log.direction')}</legend>
          {(['out', 'in'] as const).map((d) => (
            <label key={d} className="calls__check">
              <input
                type="radio"
                name={`${id}-direction`}
                value={d}
                checked={direction === d}
                onChange={() => setDirection(d)}
                data-testid={`log-call-direction-${d}`}
              />{' '}
              {t(`direction.${d}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-note`}>
            {t('log.note')}
          </label>
          <textarea
            id={`${id}-note`}
            className="field__input"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="log-call-note"
          />
        </div>
      </div>
      {error !== null && (
        <div className="form__alert" role="alert" data-testid="log-call-error">
          {errorText(i18n, error)}
        </div>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={onClose} data-testid="log-call-cancel">
          {t('common:actions.close')}
        </button>
      </div>
    </Dialog>
  );
}
