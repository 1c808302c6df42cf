import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import type { ClientRow, Contact } from '../../../../../shared/contract/clients.schema';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { issueText } from '../../../i18n/error-text';
import type { AgendaState } from './agenda.store';
import { ProblemList } from './ProblemList';
import { visitProblem } from './visit-errors';
import type { PlanField } from './visit-errors';

type Repeat = 'none' | '1w' | '2w' | '4w' | '1m';

/** Plans one visit, or a series by frequency (visits:planSeries). The core checks the minimal set. */
export function PlanVisitDialog({
  store,
  defaultDate,
  onClose,
  onDone,
}: {
  store: StoreApi<AgendaState>;
  defaultDate: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const id = useId();
  const [query, setQuery] = useState('');
  const [clients, setClients] = useState<ClientRow[]>([]);
  const [client, setClient] = useState<ClientRow | null>(null);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [contactId, setContactId] = useState('');
  const [date, setDate] = useState(defaultDate);
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState('30');
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const [repeat, setRepeat] = useState<Repeat>('none');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Search as the user types; a late answer for an older query is dropped.
  useEffect(() => {
    let live = true;
    const q = query.trim();
    if (client && q === client.name) return;
    void store
      .getState()
      .searchClients(q)
      .then((rows) => live && setClients(rows))
      .catch(() => live && setClients([]));
    return () => {
      live = false;
    };
  }, [query, client, store]);

  useEffect(() => {
    let live = true;
    if (!client) return;
    void store
      .getState()
      .contactsOf(client.id)
      .then((list) => {
        if (!live) return;
        setContacts(list);
        setContactId(list.length === 1 && list[0] ? list[0].id : '');
      })
      .catch(() => live && setContacts([]));
    return () => {
      live = false;
    };
  }, [client, store]);

  const problem = visitProblem(error);
  const errorOf = (f: PlanField) => {
    const issues = problem.fields[f];
    return issues?.length ? issues.map((i) => issueText(i18n, i)).join(' ') : undefined;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const common = {
      clientId: client?.id ?? '',
      contactId: contactId || null,
      time: time || null,
      durationMin: Number(duration) || 30,
      subject,
    };
    try {
      if (repeat === 'none') {
        await store.getState().plan({ ...common, date, notes });
        onDone(t('agenda.planned'));
      } else {
        const visits = await store.getState().planSeries({ ...common, from: date, until, every: repeat });
        onDone(t('agenda.planned_series', { count: visits.length }));
      }
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const fid = (f: string) => `${id}-${f}`;
  return (
    <Dialog title={t('plan.title')} onClose={onClose} wide testId="plan-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && <ProblemList error={error} problem={problem} />}
        <Field
          id={fid('client')}
          label={t('plan.client')}
          hint={t('plan.client_search')}
          error={errorOf('client')}
        >
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="search"
              value={query}
              data-autofocus
              data-testid="plan-client"
              autoComplete="off"
              onChange={(e) => {
                setQuery(e.target.value);
                setClient(null);
                setContacts([]);
                setContactId('');
              }}
              onKeyDown={(e) => {
                // Enter takes the first match, so a rep can plan without touching the mouse.
                if (e.key === 'Enter' && !client && clients[0]) {
                  e.preventDefault();
                  setClient(clients[0]);
                  setQuery(clients[0].name);
                }
              }}
            />
          )}
        </Field>
        {!client && (
          <ul className="plan__clients" aria-label={t('plan.client_pick')}>
            {clients.length === 0 && <li className="muted">{t('plan.client_none')}</li>}
            {clients.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="button button--ghost plan__client"
                  data-testid="plan-client-option"
                  data-id={c.id}
                  onClick={() => {
                    setClient(c);
                    setQuery(c.name);
                  }}
                >
                  <span className="plan__client-name">{c.name}</span>
                  <span className="muted">{c.city}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <Field id={fid('contact')} label={t('plan.contact')} error={errorOf('contact')}>
          {(p) => (
            <select
              {...p}
              className="field__input"
              value={contactId}
              disabled={!client}
              data-testid="plan-contact"
              onChange={(e) => setContactId(e.target.value)}
            >
              <option value="">{t('plan.contact_none')}</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.firstName} ${c.surname}`}
                  {c.status === 'proposed' ? ` ${t('plan.contact_proposed')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form__row">
          <Field id={fid('date')} label={t('plan.date')} error={errorOf('date')}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--medium"
                type="date"
                required
                value={date}
                data-testid="plan-date"
                onChange={(e) => setDate(e.target.value)}
              />
            )}
          </Field>
          <Field id={fid('time')} label={t('plan.time')} error={errorOf('time')}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--short"
                type="time"
                value={time}
                data-testid="plan-time"
                onChange={(e) => setTime(e.target.value)}
              />
            )}
          </Field>
          <Field id={fid('duration')} label={t('plan.duration')} error={errorOf('duration')}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--short"
                type="number"
                min={5}
                max={600}
                step={5}
                value={duration}
                data-testid="plan-duration"
                onChange={(e) => setDuration(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field id={fid('subject')} label={t('plan.subject')} error={errorOf('subject')}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              value={subject}
              maxLength={300}
              data-testid="plan-subject"
              onChange={(e) => setSubject(e.target.value)}
            />
          )}
        </Field>
        {repeat === 'none' && (
          <Field id={fid('notes')} label={t('plan.notes')}>
            {(p) => (
              <textarea
                {...p}
                className="field__input"
                rows={3}
                maxLength={4000}
                value={notes}
                data-testid="plan-notes"
                onChange={(e) => setNotes(e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="form__row">
          <Field id={fid('repeat')} label={t('plan.repeat')}>
            {(p) => (
              <select
                {...p}
                className="field__input field__input--medium"
                value={repeat}
                data-testid="plan-repeat"
                onChange={(e) => setRepeat(e.target.value as Repeat)}
              >
                <option value="none">{t('plan.repeat_none')}</option>
                <option value="1w">{t('plan.every_1w')}</option>
                <option value="2w">{t('plan.every_2w')}</option>
                <option value="4w">{t('plan.every_4w')}</option>
                <option value="1m">{t('plan.every_1m')}</option>
              </select>
            )}
          </Field>
          {repeat !== 'none' && (
            <Field id={fid('until')} label={t('plan.until')} error={errorOf('until')}>
              {(p) => (
                <input
                  {...p}
                  className="field__input field__input--medium"
                  type="date"
                  value={until}
                  min={date}
                  data-testid="plan-until"
                  onChange={(e) => setUntil(e.target.value)}
                />
              )}
            </Field>
          )}
        </div>
        <PlanActions busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function PlanActions({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation(['visits', 'common']);
  return (
    <div className="dialog__actions">
      <button type="button" className="button" onClick={onCancel}>
        {t('common:actions.cancel')}
      </button>
      <button
        type="submit"
        className="button button--primary"
        disabled={busy}
        aria-busy={busy || undefined}
        data-testid="plan-save"
      >
        {busy ? t('plan.saving') : t('plan.save')}
      </button>
    </div>
  );
}
