import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ClientCard,
  Contact,
  CorrectionRequest,
  TimelineItem,
} from '../../../../../shared/contract/clients.schema';
import { useAppStore, useClientCardStore, useSessionStore } from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { errorText } from '../../../i18n/error-text';
import { formatDate, formatDateTime } from '../../../i18n/format';
import {
  actionRoute,
  canOpen,
  clientCardRoute,
  CLIENTS,
  formatHash,
  visitRoute,
} from '../../../shell/routes';
import { displayPhone, displayTaxId } from '../phone-format';
import { chainOf, loadProblem, shownContactName, sortContacts, timelineWhen } from './client-card.selectors';
import type { CardChannel, ClientCorrectable, CorrectableField } from './client-card.selectors';
import { downloadFile } from './client-card.download';
import { ClientFormDialog } from './ClientFormDialog';
import { ConsentDialog } from './ConsentDialog';
import { ContactCard } from './ContactCard';
import { ContactFormDialog } from './ContactFormDialog';
import type { ContactFormMode } from './ContactFormDialog';
import { CorrectionButton } from './CorrectionButton';
import { CorrectionDialog } from './CorrectionDialog';
import type { CorrectionTarget } from './CorrectionDialog';
import { EraseDialog } from './EraseDialog';
import { HistoryDialog } from './HistoryDialog';
import { MergeBanner } from './MergeBanner';
import { LogCallButton } from '../../calls/LogCallButton';
import { RecordDealButton } from '../../plans/RecordDealButton';
import { ClientOrdersPanel } from '../../orders/ClientOrdersPanel';
import { useCardLookups } from './use-card-lookups';
import type { CardLookups } from './use-card-lookups';
import './ClientCard.css';

type Open =
  | { kind: 'client' }
  | { kind: 'contact'; mode: ContactFormMode; contact: Contact | null }
  | { kind: 'correction'; target: CorrectionTarget; field: CorrectableField }
  | { kind: 'consent'; contact: Contact; channel?: CardChannel }
  | { kind: 'erase'; contact: Contact }
  | { kind: 'history'; entityId: string; name: string }
  | null;

const TIMELINE_PAGE = 30;

/**
 * One client: company data, chain, contact persons with consents, data-quality gaps and the
 * timeline. Operator and admin edit here; reps and managers see it read-only, report corrections
 * and add proposed contacts. Alt+E edits the client, Alt+K adds a contact.
 */
export function ClientCardScreen({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation(['clientCard', 'clients', 'common']);
  const open = useClientCardStore((s) => s.open);
  const close = useClientCardStore((s) => s.close);
  const load = useClientCardStore((s) => s.load);
  const status = useClientCardStore((s) => s.status);
  const storedCard = useClientCardStore((s) => s.card);
  const error = useClientCardStore((s) => s.error);
  const storeClientId = useClientCardStore((s) => s.clientId);

  useEffect(() => {
    void open(clientId);
    return () => close();
  }, [clientId, open, close]);

  const card = storedCard && storedCard.client.id === clientId ? storedCard : null;
  const mine = storeClientId === clientId;

  if (card) return <CardView card={card} />;

  const failed = mine && status === 'failed';
  const problem = failed ? loadProblem(error) : null;
  return (
    <section className="page client-card" data-testid="screen-client-card" data-client-id={clientId}>
      <BackLink />
      <header className="page__header">
        <div className="page__heading">
          <h1 className="page__title" tabIndex={-1} data-page-title>
            {problem && problem !== 'other' ? t('cannot_show') : t('title')}
          </h1>
        </div>
      </header>
      {!failed && (
        <p className="muted" data-testid="card-loading">
          {t('loading')}
        </p>
      )}
      {problem && problem !== 'other' && (
        <div className="panel panel--error" role="alert" data-testid="card-not-found" data-problem={problem}>
          <p className="panel__text">{errorText(i18n, error)}</p>
          <a className="button" href={formatHash(CLIENTS)}>
            {t('back')}
          </a>
        </div>
      )}
      {problem === 'other' && <ErrorPanel error={error} onRetry={() => void load()} />}
    </section>
  );
}

function BackLink() {
  const { t } = useTranslation('clientCard');
  return (
    <p className="client-card__back">
      <a href={formatHash(CLIENTS)} data-testid="card-back">
        <span aria-hidden="true">← </span>
        {t('back')}
      </a>
    </p>
  );
}

function CardView({ card }: { card: ClientCard }) {
  const { t, i18n } = useTranslation(['clientCard', 'clients', 'common']);
  const saveContact = useClientCardStore((s) => s.saveContact);
  const exportData = useClientCardStore((s) => s.exportData);
  const myCorrections = useClientCardStore((s) => s.myCorrections);
  const lookups = useCardLookups();
  const [openDialog, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<{ contactId: string; what: string } | null>(null);
  const { client } = card;
  const canCompany = card.canEdit.company;
  const canContacts = card.canEdit.contactData;
  const contacts = sortContacts(card.contacts, i18n.language);
  const contactById = new Map(card.contacts.map((c) => [c.id, c]));

  const begin = (dialog: Open) => {
    announce(null);
    setActionError(null);
    setOpen(dialog);
  };
  const done = (m: string) => {
    setOpen(null);
    announce(m);
  };
  // Where the keyboard goes when the control it was on is gone (a confirmed or erased person):
  // applied once no dialog is open, after the dialog has handed the focus back.
  const pendingFocus = useRef<string | null>(null);
  const focusLater = (selector: string) => {
    pendingFocus.current = selector;
  };
  useEffect(() => {
    if (openDialog !== null || !pendingFocus.current) return;
    document.querySelector<HTMLElement>(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  // Alt+E edits the client, Alt+K adds a contact (a proposed one for reps), unless a dialog is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.code === 'KeyE' && canCompany) {
        e.preventDefault();
        announce(null);
        setActionError(null);
        setOpen({ kind: 'client' });
      } else if (e.code === 'KeyK') {
        e.preventDefault();
        announce(null);
        setActionError(null);
        setOpen({ kind: 'contact', mode: canContacts ? 'create' : 'propose', contact: null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCompany, canContacts, announce]);

  const runContact = async (contact: Contact, what: string, action: () => Promise<string>) => {
    announce(null);
    setActionError(null);
    setBusy({ contactId: contact.id, what });
    try {
      announce(await action());
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const correctClient = (field: ClientCorrectable, full = false): ReactNode =>
    !canCompany && (
      <CorrectionButton
        field={field}
        full={full}
        what={t(`clients:fields.${field}`)}
        onClick={() => begin({ kind: 'correction', target: { kind: 'client', client }, field })}
      />
    );

  const statusClass = client.status === 'active' ? 'status status--active' : 'status status--inactive';
  const chain = chainOf(card);
  const taxId = client.taxId ? displayTaxId(client.taxId, client.address.country) : '—';
  const personName = (c: Contact) => shownContactName(c, t('clients:erased'));

  return (
    <section className="page client-card" data-testid="screen-client-card" data-client-id={client.id}>
      <BackLink />
      <header className="page__header">
        <div className="page__heading">
          <h1 className="page__title client-card__title" tabIndex={-1} data-page-title>
            {client.name}
          </h1>
          <p className="client-card__meta">
            <span className={statusClass} data-testid="client-status">
              {t(`clients:status.${client.status}`)}
            </span>
            {chain.role === 'outlet' && <span className="badge">{t('outlet_badge')}</span>}
            {chain.role === 'parent' && <span className="badge">{t('parent_badge')}</span>}
            <span className="client-card__meta-item">
              <span className="muted">{t('clients:fields.taxId')}:</span>{' '}
              <span data-testid="client-tax-id">{taxId}</span>
            </span>
            <span className="client-card__meta-item">
              <span className="muted">{t('clients:fields.externalCode')}:</span>{' '}
              <code data-testid="client-external-code">{client.externalCode ?? '—'}</code>
            </span>
            {correctClient('name', true)}
          </p>
        </div>
        <div className="page__actions">
          <LogCallButton card={card} />
          <RecordDealButton client={client} />
          <button
            type="button"
            className="button"
            onClick={() => begin({ kind: 'history', entityId: client.id, name: client.name })}
            data-testid="history-open"
          >
            {t('actions.history')}
          </button>
          {canCompany && (
            <button
              type="button"
              className="button"
              onClick={() => begin({ kind: 'client' })}
              aria-keyshortcuts="Alt+E"
              title="Alt+E"
              data-testid="client-edit"
            >
              {t('actions.edit_client')}
            </button>
          )}
          <button
            type="button"
            className="button button--primary"
            onClick={() =>
              begin({ kind: 'contact', mode: canContacts ? 'create' : 'propose', contact: null })
            }
            aria-keyshortcuts="Alt+K"
            title="Alt+K"
            data-testid="contact-new"
          >
            {canContacts ? t('actions.new_contact') : t('actions.propose_contact')}
          </button>
        </div>
      </header>

      <MergeBanner clientId={client.id} />
      <LiveStatus message={message} testId="card-status" />
      {actionError !== null && (
        <div className="form__alert" role="alert" data-testid="card-error">
          {errorText(i18n, actionError)}
        </div>
      )}

      <div className="client-card__grid">
        <div className="client-card__main">
          <Section id="company" title={t('sections.company')}>
            <dl className="facts client-card__facts" data-testid="client-company">
              <Fact label={t('clients:fields.taxId')} action={correctClient('taxId')}>
                {taxId}
              </Fact>
              {(client.address.country === 'PL' || client.regon) && (
                <Fact label={t('clients:fields.regon')}>{client.regon ?? '—'}</Fact>
              )}
              {(client.address.country === 'CZ' || client.dic) && (
                <Fact label={t('clients:fields.dic')}>{client.dic ?? '—'}</Fact>
              )}
              <Fact label={t('clients:fields.street')} action={correctClient('address.street')}>
                {client.address.street || '—'}
              </Fact>
              <Fact label={t('clients:fields.postalCode')} action={correctClient('address.postalCode')}>
                {client.address.postalCode || '—'}
              </Fact>
              <Fact label={t('clients:fields.city')} action={correctClient('address.city')}>
                {client.address.city || '—'}
              </Fact>
              <Fact label={t('clients:fields.country')}>
                {t(`clients:countries.${client.address.country}`)}
              </Fact>
              <Fact label={t('clients:fields.phone')} action={correctClient('phone')}>
                {client.phone ? <a href={`tel:${client.phone}`}>{displayPhone(client.phone)}</a> : '—'}
              </Fact>
              <Fact label={t('clients:fields.email')} action={correctClient('email')}>
                {client.email ? <a href={`mailto:${client.email}`}>{client.email}</a> : '—'}
              </Fact>
              <Fact label={t('clients:fields.segmentId')}>
                {lookups.segmentLabel(client.segmentId) ?? t('clients:no_segment')}
              </Fact>
              <Fact label={t('clients:fields.repId')}>
                <span data-testid="client-rep">
                  {client.repId ? (lookups.userName(client.repId) ?? '…') : t('clients:no_rep')}
                </span>
              </Fact>
              <Fact label={t('clients:fields.tags')} wide>
                {client.tags.length ? (
                  <span className="client-card__tags">
                    {client.tags.map((tag) => (
                      <span key={tag} className="tag client-card__tag">
                        {tag}
                      </span>
                    ))}
                  </span>
                ) : (
                  <span className="muted">{t('company.no_tags')}</span>
                )}
              </Fact>
            </dl>
          </Section>

          <Section id="contacts" title={t('sections.contacts')} count={card.contacts.length}>
            {!canContacts && <p className="section-intro">{t('contacts.propose_hint')}</p>}
            {contacts.length === 0 ? (
              <p className="empty">{t('contacts.empty')}</p>
            ) : (
              <div className="client-card__contacts">
                {contacts.map((c) => (
                  <ContactCard
                    key={c.id}
                    contact={c}
                    canEdit={canContacts}
                    busy={busy?.contactId === c.id ? busy.what : null}
                    actions={{
                      onEdit: () => begin({ kind: 'contact', mode: 'edit', contact: c }),
                      onConsents: () => begin({ kind: 'consent', contact: c }),
                      onErase: () => begin({ kind: 'erase', contact: c }),
                      onCorrectAndConfirm: () => begin({ kind: 'contact', mode: 'confirm', contact: c }),
                      onHistory: () => begin({ kind: 'history', entityId: c.id, name: personName(c) }),
                      onCorrect: (field) =>
                        begin({
                          kind: 'correction',
                          target: { kind: 'contact', clientId: client.id, contact: c },
                          field,
                        }),
                      onConfirm: () =>
                        void runContact(c, 'confirm', async () => {
                          await saveContact({ mode: 'confirm', id: c.id });
                          focusLater(`[data-contact-id="${c.id}"] [data-testid="contact-edit"]`);
                          return t('contact_form.confirmed');
                        }),
                      onExport: (format) =>
                        void runContact(c, format, async () => {
                          const file = await exportData({ id: c.id, format });
                          downloadFile(file);
                          return t('export.done', { file: file.fileName });
                        }),
                    }}
                  />
                ))}
              </div>
            )}
          </Section>

          <ClientOrdersPanel clientId={client.id} />

          <Section id="timeline" title={t('sections.timeline')}>
            <Timeline items={card.timeline} lookups={lookups} />
          </Section>
        </div>

        <div className="client-card__side">
          <Section id="quality" title={t('sections.quality')} count={card.quality.length}>
            {card.quality.length === 0 ? (
              <p className="client-card__ok" data-testid="quality-none">
                {t('quality.none')}
              </p>
            ) : (
              <ul className="client-card__quality">
                {card.quality.map((q, i) => {
                  const person = q.contactId ? contactById.get(q.contactId) : undefined;
                  const fix = fixFor(q.flag, person, card);
                  return (
                    <li
                      key={`${q.flag}-${q.contactId ?? ''}-${i}`}
                      className="client-card__flag"
                      data-testid="quality-flag"
                      data-flag={q.flag}
                      data-owner={q.owner}
                    >
                      <span className="client-card__flag-text">{t(`clients:flags.${q.flag}`)}</span>
                      <span className="client-card__flag-meta">
                        {t('quality.owner', { owner: t(`clients:owners.${q.owner}`) })}
                      </span>
                      {person && (
                        <span
                          className="client-card__flag-meta client-card__ellipsis"
                          title={personName(person)}
                        >
                          {t('quality.concerns', { name: personName(person) })}
                        </span>
                      )}
                      {fix && (
                        <button
                          type="button"
                          className="button button--small client-card__fix"
                          onClick={() => begin(fix)}
                          data-testid="quality-fix"
                        >
                          {t('actions.fix')}
                          <span className="visually-hidden">: {t(`clients:flags.${q.flag}`)}</span>
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </Section>

          <Section id="chain" title={t('sections.chain')}>
            <Chain card={card} />
          </Section>

          {!canContacts && myCorrections.length > 0 && (
            <Section id="corrections" title={t('sections.corrections')}>
              <p className="section-intro">{t('corrections.intro')}</p>
              <MyCorrections requests={myCorrections} card={card} />
            </Section>
          )}
        </div>
      </div>

      {openDialog?.kind === 'client' && (
        <ClientFormDialog
          card={card}
          onClose={() => setOpen(null)}
          onSaved={() => done(t('client_form.saved'))}
        />
      )}
      {openDialog?.kind === 'contact' && (
        <ContactFormDialog
          mode={openDialog.mode}
          clientId={client.id}
          country={client.address.country}
          contact={openDialog.contact}
          onClose={() => setOpen(null)}
          onSaved={(_c, mode) =>
            done(
              {
                create: t('contact_form.created'),
                edit: t('contact_form.saved'),
                propose: t('contact_form.proposed'),
                confirm: t('contact_form.confirmed'),
              }[mode],
            )
          }
        />
      )}
      {openDialog?.kind === 'correction' && (
        <CorrectionDialog
          target={openDialog.target}
          field={openDialog.field}
          onClose={() => setOpen(null)}
          onSent={() => done(t('correction.sent'))}
        />
      )}
      {openDialog?.kind === 'consent' && (
        <ConsentDialog
          contact={openDialog.contact}
          channel={openDialog.channel}
          onClose={() => setOpen(null)}
        />
      )}
      {openDialog?.kind === 'erase' && (
        <EraseDialog
          contact={openDialog.contact}
          onClose={() => setOpen(null)}
          onErased={(c) => {
            done(t('erase.done'));
            focusLater(`[data-contact-id="${c.id}"] [data-testid="contact-history-open"]`);
          }}
        />
      )}
      {openDialog?.kind === 'history' && (
        <HistoryDialog entityId={openDialog.entityId} name={openDialog.name} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}

/** Where a data-quality gap is closed, for those who may close it here. */
function fixFor(
  flag: ClientCard['quality'][number]['flag'],
  person: Contact | undefined,
  card: ClientCard,
): Open {
  const { company, contactData } = card.canEdit;
  switch (flag) {
    case 'no_tax_id':
    case 'no_rep':
      return company ? { kind: 'client' } : null;
    case 'no_contact':
      return contactData ? { kind: 'contact', mode: 'create', contact: null } : null;
    case 'contact_no_channel':
      return contactData && person && !person.erased
        ? { kind: 'contact', mode: 'edit', contact: person }
        : null;
    case 'no_consent':
      return contactData && person && !person.erased
        ? { kind: 'consent', contact: person, channel: 'email' }
        : null;
  }
}

function Section({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="client-card__section" aria-labelledby={headingId} data-testid={`card-section-${id}`}>
      <h2 className="section-title" id={headingId}>
        {title}
        {count !== undefined && count > 0 && <span className="client-card__count"> ({count})</span>}
      </h2>
      {children}
    </section>
  );
}

function Fact({
  label,
  action,
  wide,
  children,
}: {
  label: string;
  action?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={['facts__item', wide && 'facts__item--wide', action && 'client-card__fact--correctable']
        .filter(Boolean)
        .join(' ')}
    >
      <dt>{label}</dt>
      <dd>
        <span className="client-card__value">{children}</span>
        {action}
      </dd>
    </div>
  );
}

function Chain({ card }: { card: ClientCard }) {
  const { t } = useTranslation(['clientCard', 'clients']);
  const chain = chainOf(card);
  if (chain.role === 'none') return <p className="muted">{t('chain.none')}</p>;
  const list = (
    <ul className="client-card__outlets" data-testid="chain-outlets">
      {chain.others.map((o) => (
        <li key={o.id}>
          <a
            href={formatHash(clientCardRoute(o.id))}
            className="client-card__ellipsis"
            title={`${o.name}, ${o.city}`}
          >
            {o.name}
          </a>
          <span className="client-card__outlet-city">{o.city}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="client-card__chain">
      {card.parent && (
        <p className="client-card__parent">
          <span className="muted">{t('chain.outlet_of')}</span>{' '}
          <a
            href={formatHash(clientCardRoute(card.parent.id))}
            data-testid="chain-parent"
            className="client-card__ellipsis"
            title={card.parent.name}
          >
            {card.parent.name}
          </a>
          <span className="client-card__outlet-city">{card.parent.city}</span>
        </p>
      )}
      <h3 className="client-card__subtitle">
        {chain.role === 'outlet' ? t('chain.other_outlets') : t('chain.outlets')}
      </h3>
      {chain.others.length ? list : <p className="muted">{t('chain.no_other_outlets')}</p>}
    </div>
  );
}

function Timeline({ items, lookups }: { items: TimelineItem[]; lookups: CardLookups }) {
  const { t, i18n } = useTranslation(['clientCard', 'clients', 'common']);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const role = useSessionStore((s) => s.session?.user?.role);
  const [shown, setShown] = useState(TIMELINE_PAGE);
  if (!items.length)
    return (
      <p className="empty" data-testid="timeline-empty">
        {t('timeline.empty')}
      </p>
    );
  // A call's status is a dictionary code (the admin's pick-list); other records have fixed states.
  const statusText = (item: TimelineItem, s: string) =>
    (item.kind === 'call' ? lookups.codeLabel(s) : null) ??
    (i18n.exists(`clientCard:timeline.status.${s}`)
      ? t(`timeline.status.${s}` as 'timeline.status.done')
      : (lookups.codeLabel(s) ?? s));
  const visible = items.slice(0, shown);
  return (
    <>
      <ol className="client-card__timeline">
        {visible.map((item) => {
          const who = lookups.userName(item.userId);
          return (
            <li
              key={`${item.kind}-${item.id}-${item.at}-${item.status ?? ''}`}
              className="client-card__event"
              data-testid="timeline-item"
              data-kind={item.kind}
            >
              <span className={`client-card__kind client-card__kind--${item.kind}`}>
                {t(`timeline.kinds.${item.kind}`)}
              </span>
              <time className="client-card__when" dateTime={item.at}>
                {timelineWhen(item) === 'date'
                  ? formatDate(item.at, i18n.language)
                  : formatDateTime(item.at, i18n.language, timeZone)}
              </time>
              <span className="client-card__summary">
                {/* Visits and actions have their own screens; calls and orders are read here. */}
                {(item.kind === 'action' || item.kind === 'visit') &&
                role &&
                canOpen(item.kind === 'action' ? 'actions' : 'visits', role) ? (
                  <a
                    href={formatHash(item.kind === 'action' ? actionRoute(item.id) : visitRoute(item.id))}
                    data-testid="timeline-link"
                  >
                    {item.summary || t(`timeline.kinds.${item.kind}`)}
                  </a>
                ) : (
                  item.summary
                )}
              </span>
              {item.status && (
                <span className="badge client-card__event-status">{statusText(item, item.status)}</span>
              )}
              {who && <span className="client-card__by">{t('timeline.by', { name: who })}</span>}
            </li>
          );
        })}
      </ol>
      {items.length > shown && (
        <p className="client-card__more">
          <span className="muted">{t('timeline.shown', { shown: visible.length, total: items.length })}</span>{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => setShown((n) => n + TIMELINE_PAGE)}
            data-testid="timeline-more"
          >
            {t('timeline.show_more')}
          </button>
        </p>
      )}
    </>
  );
}

function MyCorrections({ requests, card }: { requests: CorrectionRequest[]; card: ClientCard }) {
  const { t, i18n } = useTranslation(['clientCard', 'clients']);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const people = new Map(card.contacts.map((c) => [c.id, c]));
  const fieldLabel = (f: string) =>
    i18n.exists(`clients:fields.${f}`) ? t(`clients:fields.${f}` as 'clients:fields.name') : f;
  return (
    <ul className="client-card__requests">
      {requests.map((r) => {
        const person = r.contactId ? people.get(r.contactId) : undefined;
        return (
          <li key={r.id} className="client-card__request" data-testid="my-correction" data-status={r.status}>
            <span className="client-card__request-head">
              <span className="strong">
                {fieldLabel(r.field)}
                {person ? ` – ${shownContactName(person, t('clients:erased'))}` : ''}
              </span>
              <span className={`badge client-card__request-status client-card__request-status--${r.status}`}>
                {t(`corrections.status.${r.status}`)}
              </span>
            </span>
            <span className="client-card__request-value">
              {t('corrections.proposed', { value: r.proposedValue.split('\n').join(', ') })}
            </span>
            {r.decisionNote && (
              <span className="client-card__request-note">
                {t('corrections.reply', { note: r.decisionNote })}
              </span>
            )}
            <time className="client-card__by" dateTime={r.createdAt}>
              {formatDateTime(r.createdAt, i18n.language, timeZone)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
