import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectionRequest, ProposedContactRow } from '../../../../../shared/contract/clients.schema';
import { ApiError } from '../../../api/regio-api';
import { useAppStore, useDirectoryStore, useQueueStore } from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { PageHeader } from '../../../components/PageHeader';
import { errorText, issueText } from '../../../i18n/error-text';
import { formatDateTime, formatNumber } from '../../../i18n/format';
import { clientCardRoute, formatHash } from '../../../shell/routes';
import { isTextField } from '../../../shell/shortcuts';
import { displayPhone } from '../phone-format';
import type { DisplayCountry } from '../phone-format';
import {
  contactOf,
  correctableField,
  displayFieldValue,
  displayProposed,
  distinctClientIds,
  liveValue,
  personName,
  relativeAge,
  splitMine,
} from './queue.selectors';
import type { CardEntry, ItemAction, QueueScope } from './queue.store';
import { RejectDialog } from './RejectDialog';
import './Queue.css';

/**
 * The operator's queue (scope 'office'): correction requests and proposed contacts, each list
 * oldest first, with the actions that close them. For reps and managers (scope 'mine'): the
 * correction requests they filed, with the operator's decisions.
 */
export function QueueScreen({ scope }: { scope: QueueScope }) {
  return scope === 'office' ? <OfficeQueue /> : <MyRequests />;
}

// ---- shared pieces ----

/** The office's time zone and today (the core's), for dates and "3 days ago". */
function useOfficeClock(): { timeZone: string; today: string | null } {
  const infoZone = useAppStore((s) => s.info?.timeZone);
  const officeZone = useAppStore((s) => s.office?.timeZone);
  const today = useAppStore((s) => s.info?.today ?? null);
  return { timeZone: infoZone ?? officeZone ?? 'UTC', today };
}

function useUserName(): (id: string) => string {
  const { t } = useTranslation('queue');
  const ensure = useDirectoryStore((s) => s.ensure);
  const byId = useDirectoryStore((s) => s.byId);
  const ready = useDirectoryStore((s) => s.status === 'ready');
  useEffect(() => void ensure(), [ensure]);
  return (id) => byId.get(id)?.displayName ?? (ready ? t('unknown_user') : '…');
}

function When({ at }: { at: string }) {
  const { i18n } = useTranslation();
  const { timeZone, today } = useOfficeClock();
  const age = today ? relativeAge(at, today, timeZone, i18n.language) : null;
  return (
    <>
      <time dateTime={at}>{formatDateTime(at, i18n.language, timeZone)}</time>
      {age && <span className="queue-item__age"> ({age})</span>}
    </>
  );
}

/** A refusal next to its item: the field's problem where there is one, else what the core said. */
function ItemError({ error }: { error: unknown }) {
  const { i18n } = useTranslation();
  const text =
    error instanceof ApiError && error.data.issues?.length
      ? error.data.issues.map((i) => issueText(i18n, i)).join(' ')
      : errorText(i18n, error);
  return (
    <p className="queue-item__error" role="alert" data-testid="queue-item-error">
      {text}
    </p>
  );
}

/** The field a correction names, and for a contact person's field, whose. */
function useFieldText(): (r: CorrectionRequest, entry: CardEntry | undefined) => string {
  const { t } = useTranslation(['queue', 'clients']);
  return (r, entry) => {
    const f = correctableField(r.field);
    const field = f ? t(`clients:fields.${f}`) : r.field;
    if (!r.contactId || entry?.status !== 'ready') return field;
    const person = contactOf(entry.card, r.contactId);
    const who = !person
      ? t('corrections.person_gone')
      : person.erased
        ? t('clients:erased')
        : personName(person);
    return t('corrections.field_of', { field, person: who });
  };
}

function clientLabel(entry: CardEntry | undefined): string | null {
  return entry?.status === 'ready' ? entry.card.client.name : null;
}

/** The client's country (phones typed by the rep are read in it), once its card is here. */
function countryOf(entry: CardEntry | undefined): DisplayCountry | undefined {
  return entry?.status === 'ready' ? entry.card.client.address.country : undefined;
}

/** The client an item is about: a link to its card once its name is known. */
function ClientRef({ clientId, entry }: { clientId: string; entry: CardEntry | undefined }) {
  const { t } = useTranslation('queue');
  if (entry?.status === 'failed') return <span className="muted">{t('client.unavailable')}</span>;
  if (entry?.status !== 'ready') return <span className="muted">{t('client.loading')}</span>;
  const c = entry.card.client;
  return (
    <a className="queue-item__client" href={formatHash(clientCardRoute(clientId))} title={c.name}>
      {c.name}
      <span className="queue-item__city">, {c.address.city}</span>
    </a>
  );
}

/** Before → after; what the record holds now, and what it held when the request was filed if that differs. */
function Diff({ r, entry }: { r: CorrectionRequest; entry: CardEntry | undefined }) {
  const { t } = useTranslation('queue');
  const country = countryOf(entry);
  const filed = displayFieldValue(r.field, r.currentValue, country);
  const live = entry?.status === 'ready' && r.status === 'open' ? liveValue(entry.card, r) : undefined;
  const now = live === undefined ? filed : displayFieldValue(r.field, live, country);
  const proposed = displayProposed(r.field, r.proposedValue, country);
  const empty = <span className="muted">{t('corrections.empty_value')}</span>;
  return (
    <dl className="queue-item__diff">
      <div className="queue-item__side">
        <dt>{r.status === 'open' ? t('corrections.now') : t('corrections.was')}</dt>
        <dd>
          {now || empty}
          {now !== filed && (
            <span className="queue-item__was">
              {t('corrections.when_filed', { value: filed || t('corrections.empty_value') })}
            </span>
          )}
        </dd>
      </div>
      <div className="queue-item__side queue-item__side--new">
        <dt>{t('corrections.proposed')}</dt>
        <dd>{proposed || empty}</dd>
      </div>
    </dl>
  );
}

/** J / K (and ↓ / ↑ on an item) move the focus between the items of the screen. */
function useItemKeys(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]') || isTextField(e.target)) return;
      const el = root.current;
      if (!el) return;
      const items = [...el.querySelectorAll<HTMLElement>('[data-queue-item]')];
      if (items.length === 0) return;
      const onItem = e.target instanceof HTMLElement && e.target.hasAttribute('data-queue-item');
      const key = e.key.toLowerCase();
      const step =
        key === 'j' || (onItem && e.key === 'ArrowDown')
          ? 1
          : key === 'k' || (onItem && e.key === 'ArrowUp')
            ? -1
            : 0;
      if (step === 0) return;
      const at = items.findIndex((i) => i.contains(document.activeElement));
      const next =
        at < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step));
      e.preventDefault();
      items[next]?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root]);
}

function SectionTitle({ id, title, count }: { id: string; title: string; count: number | null }) {
  const { i18n } = useTranslation();
  return (
    <h2 className="section-title queue__title" id={id} tabIndex={-1}>
      {title}
      {count !== null && <span className="badge queue__count">{formatNumber(count, i18n.language)}</span>}
    </h2>
  );
}

type SectionState = 'loading' | 'empty' | 'list';

/** A titled list of items, or while loading a note, or when empty a text. */
function QueueSection({
  id,
  title,
  count,
  state,
  busy,
  emptyText,
  emptyTestId,
  list,
  children,
}: {
  id: string;
  title: string;
  count: number | null;
  state: SectionState;
  busy?: boolean;
  emptyText: string;
  emptyTestId?: string;
  /** data-queue-list: which list the keyboard goes back to after an item leaves. */
  list?: 'corrections' | 'proposed';
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <section className="queue__section" aria-labelledby={id} aria-busy={busy || undefined}>
      <SectionTitle id={id} title={title} count={count} />
      {state === 'loading' ? (
        <p className="muted">{t('app.loading')}</p>
      ) : state === 'empty' ? (
        <p className="empty" data-testid={emptyTestId}>
          {emptyText}
        </p>
      ) : (
        <ol className="queue__list" data-queue-list={list}>
          {children}
        </ol>
      )}
    </section>
  );
}

/** An item's heading: what it is about (with extras), then the client it belongs to. */
function ItemTitle({
  id,
  field,
  extra,
  client,
}: {
  id: string;
  field: string;
  extra?: ReactNode;
  client: ReactNode;
}) {
  return (
    <h3 className="queue-item__title" id={id}>
      <span className="queue-item__field">{field}</span>
      {extra}
      <span className="queue-item__sep" aria-hidden="true">
        {' · '}
      </span>
      {client}
    </h3>
  );
}

/** An item's main action: disabled while any action on the item runs, busy while this one does. */
function PrimaryAction({
  action,
  busy,
  describedBy,
  onClick,
  testId,
  label,
  busyLabel,
}: {
  action: ItemAction;
  busy: ItemAction | undefined;
  describedBy: string;
  onClick: () => void;
  testId: string;
  label: string;
  busyLabel: string;
}) {
  return (
    <button
      type="button"
      className="button button--primary"
      disabled={busy !== undefined}
      aria-busy={busy === action || undefined}
      aria-describedby={describedBy}
      onClick={onClick}
      data-testid={testId}
    >
      {busy === action ? busyLabel : label}
    </button>
  );
}

/** What both screens share: the store's list for the scope, loading it, the clients' cards, J / K. */
function useQueueScreen(scope: QueueScope) {
  const root = useRef<HTMLElement>(null);
  const status = useQueueStore((s) => s.status);
  const error = useQueueStore((s) => s.error);
  const corrections = useQueueStore((s) => s.corrections);
  const loadedScope = useQueueStore((s) => s.scope);
  const load = useQueueStore((s) => s.load);
  const ensureCards = useQueueStore((s) => s.ensureCards);
  useItemKeys(root);

  useEffect(() => void load(scope), [load, scope]);
  useEffect(() => void ensureCards(distinctClientIds(corrections)), [corrections, ensureCards]);

  const ready = loadedScope === scope && status === 'ready';
  return { root, status, error, corrections, ready, reload: () => void load(scope) };
}

// ---- the operator's queue ----

function OfficeQueue() {
  const { t } = useTranslation('queue');
  const { root, status, error, corrections, ready, reload } = useQueueScreen('office');
  const proposed = useQueueStore((s) => s.proposed);
  const [message, announce] = useAnnouncer();
  const [rejecting, setRejecting] = useState<{ id: string; summary: string; index: number } | null>(null);
  const correctionsId = useId();
  const proposedId = useId();

  /** After an item leaves: the keyboard goes to the one that took its place (or the list's title). */
  const refocus = useCallback(
    (list: 'corrections' | 'proposed', index: number) => {
      setTimeout(() => {
        const el = root.current;
        if (!el) return;
        const items = el.querySelectorAll<HTMLElement>(`[data-queue-list="${list}"] [data-queue-item]`);
        const target =
          items[index] ??
          items[index - 1] ??
          document.getElementById(list === 'corrections' ? correctionsId : proposedId);
        target?.focus();
      }, 0);
    },
    [root, correctionsId, proposedId],
  );

  const firstLoad = !ready && status !== 'failed';
  const stateOf = (items: readonly unknown[]): SectionState =>
    firstLoad ? 'loading' : ready && items.length === 0 ? 'empty' : 'list';

  return (
    <section className="page queue" data-testid="screen-queue" ref={root}>
      <PageHeader title={t('title')} intro={t('intro')} />
      <p className="queue__keys">{t('keys_hint')}</p>
      <LiveStatus message={message} testId="queue-status" />
      {status === 'failed' && <ErrorPanel error={error} onRetry={reload} />}

      <QueueSection
        id={correctionsId}
        title={t('corrections.title')}
        count={ready ? corrections.length : null}
        state={stateOf(corrections)}
        busy={firstLoad}
        emptyText={t('empty')}
        emptyTestId="queue-corrections-empty"
        list="corrections"
      >
        {corrections.map((r, i) => (
          <li key={r.id}>
            <CorrectionItem
              request={r}
              onAccepted={() => {
                announce(t('announce.accepted'));
                refocus('corrections', i);
              }}
              onReject={(summary) => setRejecting({ id: r.id, summary, index: i })}
            />
          </li>
        ))}
      </QueueSection>

      <QueueSection
        id={proposedId}
        title={t('proposed.title')}
        count={ready ? proposed.length : null}
        state={stateOf(proposed)}
        busy={firstLoad}
        emptyText={t('empty')}
        emptyTestId="queue-proposed-empty"
        list="proposed"
      >
        {proposed.map((row, i) => (
          <li key={row.contact.id}>
            <ProposedItem
              row={row}
              onConfirmed={(name) => {
                announce(t('announce.confirmed', { name }));
                refocus('proposed', i);
              }}
            />
          </li>
        ))}
      </QueueSection>

      {rejecting && (
        <RejectDialog
          requestId={rejecting.id}
          summary={rejecting.summary}
          onClose={() => setRejecting(null)}
          onDone={() => {
            const { index } = rejecting;
            setRejecting(null);
            announce(t('announce.rejected'));
            refocus('corrections', index);
          }}
        />
      )}
    </section>
  );
}

function CorrectionItem({
  request: r,
  onAccepted,
  onReject,
}: {
  request: CorrectionRequest;
  onAccepted: () => void;
  onReject: (summary: string) => void;
}) {
  const { t } = useTranslation('queue');
  const entry = useQueueStore((s) => s.cards[r.clientId]);
  const busy = useQueueStore((s) => s.busy[r.id]);
  const error = useQueueStore((s) => s.itemErrors[r.id]);
  const accept = useQueueStore((s) => s.accept);
  const fieldText = useFieldText();
  const userName = useUserName();
  const titleId = useId();
  const field = fieldText(r, entry);
  const client = clientLabel(entry);

  const onAccept = async () => {
    if (await accept(r.id)) onAccepted();
  };

  const summary = [
    client ? `${field} — ${client}` : field,
    displayProposed(r.field, r.proposedValue, countryOf(entry)) || t('corrections.empty_value'),
  ].join(': ');

  return (
    <article
      className="queue-item"
      tabIndex={-1}
      data-queue-item
      aria-labelledby={titleId}
      aria-busy={busy ? true : undefined}
      data-testid="queue-correction"
      data-correction-id={r.id}
    >
      <header className="queue-item__head">
        <ItemTitle id={titleId} field={field} client={<ClientRef clientId={r.clientId} entry={entry} />} />
        <p className="queue-item__meta">
          {t('corrections.filed_by', { name: userName(r.requestedBy) })} · <When at={r.createdAt} />
        </p>
      </header>
      <Diff r={r} entry={entry} />
      {r.note && (
        <p className="queue-item__note">
          <span className="queue-item__label">{t('corrections.note')}:</span> {r.note}
        </p>
      )}
      {error !== undefined && <ItemError error={error} />}
      <div className="queue-item__actions">
        <PrimaryAction
          action="accept"
          busy={busy}
          describedBy={titleId}
          onClick={() => void onAccept()}
          testId="queue-accept"
          label={t('actions.accept')}
          busyLabel={t('actions.accepting')}
        />
        <button
          type="button"
          className="button"
          disabled={busy !== undefined}
          aria-describedby={titleId}
          onClick={() => onReject(summary)}
          data-testid="queue-reject"
        >
          {t('actions.reject')}
        </button>
      </div>
    </article>
  );
}

function ProposedItem({
  row,
  onConfirmed,
}: {
  row: ProposedContactRow;
  onConfirmed: (name: string) => void;
}) {
  const { t } = useTranslation(['queue', 'clients']);
  const p = row.contact;
  const busy = useQueueStore((s) => s.busy[p.id]);
  const error = useQueueStore((s) => s.itemErrors[p.id]);
  const confirm = useQueueStore((s) => s.confirm);
  const userName = useUserName();
  const titleId = useId();
  const name = p.erased ? t('clients:erased') : personName(p);
  const cardHref = formatHash(clientCardRoute(p.clientId));

  const onConfirm = async () => {
    if (await confirm(p.id)) onConfirmed(name);
  };

  return (
    <article
      className="queue-item"
      tabIndex={-1}
      data-queue-item
      aria-labelledby={titleId}
      aria-busy={busy ? true : undefined}
      data-testid="queue-proposed"
      data-contact-id={p.id}
    >
      <header className="queue-item__head">
        <ItemTitle
          id={titleId}
          field={name}
          extra={p.position && <span className="queue-item__position">, {p.position}</span>}
          client={
            <a className="queue-item__client" href={cardHref} title={row.clientName}>
              {row.clientName}
              <span className="queue-item__city">, {row.clientCity}</span>
            </a>
          }
        />
        <p className="queue-item__meta">
          {t('proposed.proposed_by', { name: userName(p.createdBy) })} · <When at={p.createdAt} />
        </p>
      </header>
      {p.phones.length + p.emails.length > 0 ? (
        <dl className="queue-item__channels">
          {p.phones.length > 0 && (
            <div>
              <dt>{t('clients:fields.phones')}</dt>
              <dd>{p.phones.map(displayPhone).join(', ')}</dd>
            </div>
          )}
          {p.emails.length > 0 && (
            <div>
              <dt>{t('clients:fields.emails')}</dt>
              <dd>{p.emails.join(', ')}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="queue-item__channels muted">{t('proposed.no_channel')}</p>
      )}
      {p.notes && <p className="queue-item__note">{p.notes}</p>}
      {error !== undefined && <ItemError error={error} />}
      <div className="queue-item__actions">
        <PrimaryAction
          action="confirm"
          busy={busy}
          describedBy={titleId}
          onClick={() => void onConfirm()}
          testId="queue-confirm"
          label={t('actions.confirm')}
          busyLabel={t('actions.confirming')}
        />
        <a className="button" href={cardHref} aria-describedby={titleId} data-testid="queue-correct">
          {t('actions.correct')}
        </a>
      </div>
    </article>
  );
}

// ---- a rep's (or manager's) own requests ----

function MyRequests() {
  const { t } = useTranslation(['queue', 'common']);
  const { root, status, error, corrections, ready, reload } = useQueueScreen('mine');
  const openId = useId();
  const decidedId = useId();
  const { open, decided } = splitMine(ready ? corrections : []);

  return (
    <section className="page queue" data-testid="screen-queue" ref={root}>
      <PageHeader title={t('mine.title')} intro={t('mine.intro')} />
      {ready && corrections.length > 0 && <p className="queue__keys">{t('keys_hint')}</p>}
      {status === 'failed' && <ErrorPanel error={error} onRetry={reload} />}
      {!ready && status !== 'failed' && <p className="muted">{t('common:app.loading')}</p>}
      {ready && corrections.length === 0 && (
        <p className="empty" data-testid="queue-mine-empty">
          {t('mine.none')}
        </p>
      )}
      {ready && corrections.length > 0 && (
        <>
          <MyRequestSection
            id={openId}
            title={t('mine.open')}
            emptyText={t('mine.empty_open')}
            requests={open}
          />
          <MyRequestSection
            id={decidedId}
            title={t('mine.decided')}
            emptyText={t('mine.empty_decided')}
            requests={decided}
          />
        </>
      )}
    </section>
  );
}

function MyRequestSection({
  id,
  title,
  emptyText,
  requests,
}: {
  id: string;
  title: string;
  emptyText: string;
  requests: readonly CorrectionRequest[];
}) {
  return (
    <QueueSection
      id={id}
      title={title}
      count={requests.length}
      state={requests.length === 0 ? 'empty' : 'list'}
      emptyText={emptyText}
    >
      {requests.map((r) => (
        <li key={r.id}>
          <MyRequestItem request={r} />
        </li>
      ))}
    </QueueSection>
  );
}

function MyRequestItem({ request: r }: { request: CorrectionRequest }) {
  const { t } = useTranslation('queue');
  const entry = useQueueStore((s) => s.cards[r.clientId]);
  const fieldText = useFieldText();
  const userName = useUserName();
  const titleId = useId();
  return (
    <article
      className={`queue-item queue-item--${r.status}`}
      tabIndex={-1}
      data-queue-item
      aria-labelledby={titleId}
      data-testid="queue-correction"
      data-correction-id={r.id}
      data-status={r.status}
    >
      <header className="queue-item__head">
        <ItemTitle
          id={titleId}
          field={fieldText(r, entry)}
          client={<ClientRef clientId={r.clientId} entry={entry} />}
        />
        <span className={`badge queue-status queue-status--${r.status}`}>{t(`mine.status.${r.status}`)}</span>
      </header>
      <p className="queue-item__meta">
        {t('mine.filed')}: <When at={r.createdAt} />
      </p>
      <Diff r={r} entry={entry} />
      {r.note && (
        <p className="queue-item__note">
          <span className="queue-item__label">{t('mine.my_note')}:</span> {r.note}
        </p>
      )}
      {r.status !== 'open' && (
        <div className="queue-item__decision">
          <p className="queue-item__meta">
            {t('mine.decided_by', { name: r.decidedBy ? userName(r.decidedBy) : t('unknown_user') })}
            {r.decidedAt && (
              <>
                {' · '}
                <When at={r.decidedAt} />
              </>
            )}
          </p>
          {r.decisionNote && (
            <p className="queue-item__note queue-item__note--decision" data-testid="queue-decision-note">
              <span className="queue-item__label">{t('mine.decision_note')}:</span> {r.decisionNote}
            </p>
          )}
        </div>
      )}
    </article>
  );
}
