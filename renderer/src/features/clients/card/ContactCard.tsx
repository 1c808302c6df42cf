import { useId } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../shared/contract/clients.schema';
import { useAppStore } from '../../../app/app-context';
import { formatDateTime } from '../../../i18n/format';
import { displayPhone } from '../phone-format';
import { CARD_CHANNELS, consentState, shownContactName } from './client-card.selectors';
import type { ContactCorrectable } from './client-card.selectors';
import { CorrectionButton } from './CorrectionButton';

export interface ContactActions {
  onEdit: () => void;
  onConsents: () => void;
  onExport: (format: 'json' | 'pdf') => void;
  onErase: () => void;
  onConfirm: () => void;
  onCorrectAndConfirm: () => void;
  onHistory: () => void;
  onCorrect: (field: ContactCorrectable) => void;
}

interface Props {
  contact: Contact;
  /** Operator and admin: edit, consents, export, erase, confirm. Others: report corrections. */
  canEdit: boolean;
  /** Which of this person's actions is running ('json', 'pdf', 'confirm'), if any. */
  busy: string | null;
  actions: ContactActions;
}

/** One contact person on the card: name, position, phones, e-mails, consents per channel, actions. */
export function ContactCard({ contact, canEdit, busy, actions }: Props) {
  const { t, i18n } = useTranslation(['clientCard', 'clients']);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const nameId = useId();
  const erased = !!contact.erased;
  const name = shownContactName(contact, t('clients:erased'));
  const proposed = contact.status === 'proposed' && !erased;
  const correct = (field: ContactCorrectable): ReactNode =>
    !canEdit &&
    !erased && (
      <CorrectionButton
        field={field}
        what={t('actions.report_contact_what', { field: t(`clients:fields.${field}`), name })}
        onClick={() => actions.onCorrect(field)}
      />
    );

  return (
    <article
      className={erased ? 'contact-card contact-card--erased' : 'contact-card'}
      data-testid="contact-card"
      data-contact-id={contact.id}
      data-status={contact.status}
      aria-labelledby={nameId}
    >
      <header className="contact-card__head">
        <h3 className="contact-card__name" id={nameId} title={name}>
          {name}
        </h3>
        {proposed && (
          <span className="badge badge--unconfirmed" data-testid="contact-unconfirmed">
            {t('clients:contact_status.proposed')}
          </span>
        )}
      </header>
      {!erased && contact.position && (
        <p className="contact-card__position" title={contact.position}>
          {contact.position}
        </p>
      )}
      {proposed && <p className="contact-card__hint">{t('contacts.proposed_hint')}</p>}
      {erased && (
        <p className="contact-card__erased" data-testid="contact-erased">
          {contact.erasedAt ? (
            <time dateTime={contact.erasedAt}>
              {t('contacts.erased_at', { date: formatDateTime(contact.erasedAt, i18n.language, timeZone) })}
            </time>
          ) : (
            t('history.erased')
          )}
        </p>
      )}
      {erased && <p className="contact-card__hint">{t('contacts.erased_hint')}</p>}
      {!erased && (
        <dl className="contact-card__data">
          {!canEdit && (
            <>
              <Row label={t('clients:fields.firstName')} action={correct('firstName')}>
                {contact.firstName}
              </Row>
              <Row label={t('clients:fields.surname')} action={correct('surname')}>
                {contact.surname}
              </Row>
              <Row label={t('clients:fields.position')} action={correct('position')}>
                {contact.position || '—'}
              </Row>
            </>
          )}
          <Row label={t('clients:fields.phones')} action={correct('phones')}>
            {contact.phones.length ? (
              <ul className="contact-card__list">
                {contact.phones.map((p) => (
                  <li key={p}>
                    <a href={`tel:${p}`}>{displayPhone(p)}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t('contacts.no_phone')}</span>
            )}
          </Row>
          <Row label={t('clients:fields.emails')} action={correct('emails')}>
            {contact.emails.length ? (
              <ul className="contact-card__list">
                {contact.emails.map((m) => (
                  <li key={m} className="client-card__ellipsis" title={m}>
                    <a href={`mailto:${m}`}>{m}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t('contacts.no_email')}</span>
            )}
          </Row>
          <Row label={t('clients:fields.consents')}>
            <ul className="contact-card__consents">
              {CARD_CHANNELS.map((c) => {
                const state = consentState(contact, c);
                return (
                  <li key={c} data-testid="contact-consent" data-channel={c} data-state={state}>
                    <span className="contact-card__channel">{t(`clients:channels.${c}`)}:</span>{' '}
                    <span className={`consent consent--${state}`}>
                      {t(`contacts.consent_state.${state}`)}
                    </span>
                  </li>
                );
              })}
            </ul>
          </Row>
          {contact.notes && (
            <Row label={t('clients:fields.notes')}>
              <span className="contact-card__notes">{contact.notes}</span>
            </Row>
          )}
        </dl>
      )}
      <div className="contact-card__actions">
        {canEdit && !erased && proposed && (
          <>
            <button
              type="button"
              className="button button--small button--primary"
              onClick={actions.onConfirm}
              disabled={busy === 'confirm'}
              aria-busy={busy === 'confirm' || undefined}
              aria-describedby={nameId}
              data-testid="contact-confirm"
            >
              {busy === 'confirm' ? t('actions.confirming') : t('actions.confirm')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={actions.onCorrectAndConfirm}
              aria-describedby={nameId}
              data-testid="contact-correct-confirm"
            >
              {t('actions.correct_confirm')}
            </button>
          </>
        )}
        {canEdit && !erased && (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={actions.onEdit}
              aria-describedby={nameId}
              data-testid="contact-edit"
            >
              {t('actions.edit')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={actions.onConsents}
              aria-describedby={nameId}
              data-testid="contact-consents"
            >
              {t('actions.consents')}
            </button>
          </>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={actions.onHistory}
          aria-describedby={nameId}
          data-testid="contact-history-open"
        >
          {t('actions.history')}
        </button>
        {canEdit && !erased && (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={() => actions.onExport('json')}
              disabled={busy === 'json'}
              aria-busy={busy === 'json' || undefined}
              aria-describedby={nameId}
              data-testid="contact-export-json"
            >
              {busy === 'json' ? t('actions.exporting') : t('actions.export_json')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => actions.onExport('pdf')}
              disabled={busy === 'pdf'}
              aria-busy={busy === 'pdf' || undefined}
              aria-describedby={nameId}
              data-testid="contact-export-pdf"
            >
              {busy === 'pdf' ? t('actions.exporting') : t('actions.export_pdf')}
            </button>
            <button
              type="button"
              className="button button--small button--danger-quiet contact-card__erase"
              onClick={actions.onErase}
              aria-describedby={nameId}
              data-testid="contact-erase"
            >
              {t('actions.erase')}
            </button>
          </>
        )}
      </div>
    </article>
  );
}

function Row({ label, action, children }: { label: string; action?: ReactNode; children: ReactNode }) {
  return (
    <div className={action ? 'contact-card__row contact-card__row--correctable' : 'contact-card__row'}>
      <dt>{label}</dt>
      <dd>
        <span className="contact-card__value">{children}</span>
        {action}
      </dd>
    </div>
  );
}
