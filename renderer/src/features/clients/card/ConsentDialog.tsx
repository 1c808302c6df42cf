import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../shared/contract/clients.schema';
import { useAppStore, useClientCardStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { useFormErrors } from '../../../components/use-form-errors';
import { formatDateTime } from '../../../i18n/format';
import { CARD_CHANNELS, consentHistoryOf, consentState, contactName } from './client-card.selectors';
import type { CardChannel } from './client-card.selectors';
import { useCardLookups } from './use-card-lookups';

const FIELDS = ['channel', 'granted', 'source'] as const;

interface Props {
  contact: Contact;
  /** The channel to start on (e.g. from a "consent missing" gap). */
  channel?: CardChannel;
  onClose: () => void;
}

/**
 * Consents of one person per channel (e-mail, phone, SMS): record a decision with its source; the
 * chosen channel's history (when, decision, source, by whom) shows below. The dialog stays open
 * after a save, so the next channel can follow; Esc or Close ends it.
 */
export function ConsentDialog({ contact: initial, channel: initialChannel = 'email', onClose }: Props) {
  const { t, i18n } = useTranslation(['clientCard', 'clients', 'common']);
  const setConsent = useClientCardStore((s) => s.setConsent);
  // The card reloads after each save: show the person as the core has them now.
  const contact = useClientCardStore((s) => s.card?.contacts.find((c) => c.id === initial.id)) ?? initial;
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const lookups = useCardLookups();
  const [channel, setChannel] = useState<CardChannel>(initialChannel);
  const [granted, setGranted] = useState<boolean | null>(() => {
    const s = consentState(initial, initialChannel);
    return s === 'not_asked' ? null : s === 'granted';
  });
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, announce] = useAnnouncer();
  const form = useFormErrors(FIELDS);
  const historyTitleId = useId();
  const history = consentHistoryOf(contact, channel);
  const stateText = (c: CardChannel) => t(`contacts.consent_state.${consentState(contact, c)}`);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    announce(null);
    if (granted === null) {
      form.failFields({ granted: { path: ['granted'], key: 'validation.invalid_value', message: 'Choose' } });
      return;
    }
    setBusy(true);
    try {
      await setConsent({ id: contact.id, channel, granted, source });
      setSource('');
      form.reset();
      announce(
        t('consent.saved', {
          channel: t(`clients:channels.${channel}`),
          state: t(`contacts.consent_state.${granted ? 'granted' : 'refused'}`),
        }),
      );
    } catch (err) {
      form.fail(err);
    }
    setBusy(false);
  };

  const grantedError = form.errorOf('granted');
  const channelError = form.errorOf('channel');

  return (
    <Dialog
      title={t('consent.title', { name: contactName(contact) })}
      onClose={onClose}
      wide
      testId="consent-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p className="dialog__body muted">{t('consent.intro')}</p>
        <LiveStatus message={message} testId="consent-status" />
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <fieldset
          className="form__group"
          aria-describedby={channelError ? `${form.idOf('channel')}-error` : undefined}
        >
          <legend className="field__label">{t('consent.channel')}</legend>
          <div className="client-card__choices">
            {CARD_CHANNELS.map((c, i) => (
              <label key={c} className="client-card__choice" data-testid={`consent-channel-${c}`}>
                <input
                  id={i === 0 ? form.idOf('channel') : undefined}
                  type="radio"
                  className="check"
                  name="channel"
                  value={c}
                  checked={channel === c}
                  data-autofocus={c === channel || undefined}
                  onChange={() => {
                    setChannel(c);
                    const s = consentState(contact, c);
                    setGranted(s === 'not_asked' ? null : s === 'granted');
                    form.clear('channel');
                    form.clear('granted');
                  }}
                />
                <span>
                  {t(`clients:channels.${c}`)}{' '}
                  <span className={`consent consent--${consentState(contact, c)}`}>{stateText(c)}</span>
                </span>
              </label>
            ))}
          </div>
          {channelError && (
            <p className="field__error" id={`${form.idOf('channel')}-error`}>
              {channelError}
            </p>
          )}
        </fieldset>
        <fieldset
          className="form__group"
          aria-describedby={grantedError ? `${form.idOf('granted')}-error` : undefined}
        >
          <legend className="field__label">{t('consent.decision')}</legend>
          <div className="client-card__choices">
            {([true, false] as const).map((g, i) => (
              <label key={String(g)} className="client-card__choice">
                <input
                  id={i === 0 ? form.idOf('granted') : undefined}
                  type="radio"
                  className="check"
                  name="granted"
                  value={g ? 'granted' : 'refused'}
                  checked={granted === g}
                  aria-invalid={grantedError ? true : undefined}
                  data-testid={`consent-${g ? 'grant' : 'refuse'}`}
                  onChange={() => {
                    setGranted(g);
                    form.clear('granted');
                  }}
                />
                <span>{g ? t('consent.grant') : t('consent.refuse')}</span>
              </label>
            ))}
          </div>
          {grantedError && (
            <p className="field__error" id={`${form.idOf('granted')}-error`}>
              {grantedError}
            </p>
          )}
        </fieldset>
        <Field {...form.fieldProps('source', t('consent.source'), t('consent.source_hint'))}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="text"
              maxLength={200}
              aria-required="true"
              autoComplete="off"
              name="source"
              value={source}
              data-testid="consent-source"
              onChange={(e) => {
                setSource(e.target.value);
                form.clear('source');
              }}
            />
          )}
        </Field>
        <section aria-labelledby={historyTitleId}>
          <h3 className="dialog__subtitle" id={historyTitleId}>
            {t('consent.history')}: {t(`clients:channels.${channel}`)}
          </h3>
          {history.length === 0 ? (
            <p className="empty" data-testid="consent-history-empty">
              {t('consent.history_empty')}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table table--compact" data-testid="consent-history">
                <thead>
                  <tr>
                    <th scope="col">{t('consent.col_when')}</th>
                    <th scope="col">{t('consent.col_decision')}</th>
                    <th scope="col">{t('consent.col_source')}</th>
                    <th scope="col">{t('consent.col_by')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h, i) => (
                    <tr key={`${h.at}-${i}`} data-testid="consent-history-entry">
                      <td className="client-card__nowrap">
                        <time dateTime={h.at}>{formatDateTime(h.at, i18n.language, timeZone)}</time>
                      </td>
                      <td>
                        <span className={`consent consent--${h.granted ? 'granted' : 'refused'}`}>
                          {t(`contacts.consent_state.${h.granted ? 'granted' : 'refused'}`)}
                        </span>
                      </td>
                      <td className="table__text">{h.source}</td>
                      <td className="table__text">{lookups.userName(h.by) ?? t('history.unknown_user')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common:actions.close')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            aria-busy={busy || undefined}
            data-testid="consent-submit"
          >
            {busy ? t('consent.submitting') : t('consent.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
