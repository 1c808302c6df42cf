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
            <ActionButton
              primary
              onClick={actions.onConfirm}
              busy={busy === 'confirm'}
              describedBy={nameId}
              testId="contact-confirm"
            >
              {busy === 'confirm' ? t('actions.confirming') : t('actions.confirm')}
            </ActionButton>
            <ActionButton
              onClick={actions.onCorrectAndConfirm}
              describedBy={nameId}
              testId="contact-correct-confirm"
            >
              {t('actions.correct_confirm')}
            </ActionButton>
          </>
        )}
        {canEdit && !erased && (
          <>
            <ActionButton onClick={actions.onEdit} describedBy={nameId} testId="contact-edit">
              {t('actions.edit')}
            </ActionButton>
            <ActionButton onClick={actions.onConsents} describedBy={nameId} testId="contact-consents">
              {t('actions.consents')}
            </ActionButton>
          </>
        )}
        <ActionButton onClick={actions.onHistory} describedBy={nameId} testId="contact-history-open">
          {t('actions.history')}
        </ActionButton>
        {canEdit && !erased && (
          <>
            <ActionButton
              onClick={() => actions.onExport('json')}
              busy={busy === 'json'}
              describedBy={nameId}
              testId="contact-export-json"
            >
              {busy === 'json' ? t('actions.exporting') : t('actions.export_json')}
            </ActionButton>
            <ActionButton
              onClick={() => actions.onExport('pdf')}
              busy={busy === 'pdf'}
              describedBy={nameId}
              testId="contact-export-pdf"
            >
              {busy === 'pdf' ? t('actions.exporting') : t('actions.export_pdf')}
            </ActionButton>
            <ActionButton
              extraClass="button--danger-quiet contact-card__erase"
              onClick={actions.onErase}
              describedBy={nameId}
              testId="contact-erase"
            >
              {t('actions.erase')}
            </ActionButton>
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

interface ActionButtonProps {
  onClick: () => void;
  /** The contact's name element, so a screen reader says whose action this is. */
  describedBy: string;
  testId: string;
  /** Set for actions that run: the button is disabled and aria-busy while true. */
  busy?: boolean;
  primary?: boolean;
  extraClass?: string;
  children: ReactNode;
}

/** A small button in the contact's action row. */
function ActionButton({
  onClick,
  describedBy,
  testId,
  busy,
  primary,
  extraClass,
  children,
}: ActionButtonProps) {
  const className = ['button button--small', primary && 'button--primary', extraClass]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={className}
      onClick={onClick}
      disabled={busy}
      aria-busy={busy || undefined}
      aria-describedby={describedBy}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
