import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import { QUALITY_FLAGS, QUALITY_OWNER } from '../../../../shared/contract/clients.schema';
import type { CorrectionRequest } from '../../../../shared/contract/clients.schema';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { useAppStore, useBackupsStore, usePeopleStore, useQueueStore } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { CLIENTS, formatHash, QUEUE } from '../../shell/routes';
import { activeCount } from '../admin/people/people.selectors';
import {
  correctableField,
  displayProposed,
  distinctClientIds,
  latestRejected,
  mineCounts,
} from '../clients/queue/queue.selectors';
import { ActionAlerts } from './ActionAlerts';
import { DataQualityCard } from './DataQualityCard';
import type { DataQualityCardState } from './data-quality-card.store';
import { PlanCounters } from './PlanCounters';
import { RepCounters } from './RepCounters';
import { TeamToday } from './TeamToday';
import type { TeamTodayState } from './team-today.store';
import './HomeScreen.css';

/** The data-quality gaps the operator closes (the manager owns "no rep"). */
const OPERATOR_FLAGS = QUALITY_FLAGS.filter((f) => QUALITY_OWNER[f] === 'operator');
const MANAGER_FLAGS = QUALITY_FLAGS.filter((f) => QUALITY_OWNER[f] === 'manager');

/** The stores of the cards that make their own; a test hands in prepared ones. */
export interface HomeCardStores {
  teamToday?: StoreApi<TeamTodayState>;
  dataQuality?: StoreApi<DataQualityCardState>;
}

/** Each role's start of the day: a greeting with the office's today and the role's own cards. */
export function HomeScreen({ user, stores = {} }: { user: PublicUser; stores?: HomeCardStores }) {
  const { t, i18n } = useTranslation(['home', 'admin', 'common']);
  const office = useAppStore((s) => s.office);
  // "Today" is the core's: the office's calendar date in its time zone, never this machine's clock.
  const today = useAppStore((s) => s.info?.today);
  return (
    <section className="page home" data-testid="screen-home">
      <header className="page__header home__header">
        <div className="page__heading">
          <h1 className="page__title" tabIndex={-1} data-page-title>
            {t('greeting', { name: user.displayName })}
          </h1>
          <p className="home__meta">
            <span className="badge">{t(`common:roles.${user.role}`)}</span>
            {office && <span className="home__office">{office.name}</span>}
          </p>
        </div>
        {today && (
          <p className="home__today">
            <span className="home__today-label">{t('today')}</span>{' '}
            <time dateTime={today} data-testid="today">
              {formatDate(today, i18n.language, 'full')}
            </time>
          </p>
        )}
      </header>
      {user.role === 'admin' ? (
        <AdminCards timeZone={office?.timeZone ?? 'UTC'} />
      ) : (
        <>
          {(user.role === 'rep' || user.role === 'manager') && <RepCounters />}
          {(user.role === 'rep' || user.role === 'manager') && (
            <PlanCounters manager={user.role === 'manager'} />
          )}
          {(user.role === 'rep' || user.role === 'manager') && <ActionAlerts />}
          <section aria-labelledby="home-work">
            <h2 className="section-title" id="home-work">
              {t('work')}
            </h2>
            <div className="cards">
              {user.role === 'operator' && <OperatorCards />}
              {user.role === 'operator' && <DataQualityCard store={stores.dataQuality} />}
              {user.role === 'manager' && <TeamToday store={stores.teamToday} />}
              {/* A team manager's scope holds only their teams' reps' clients, never those without a
                  rep: only the head of the office (office-wide) can see and assign them. */}
              {user.role === 'manager' && user.officeWide && <NoRepCard />}
              {(user.role === 'rep' || user.role === 'manager') && <MyCorrectionsCard />}
            </div>
          </section>
        </>
      )}
    </section>
  );
}

function AdminCards({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation(['home', 'admin', 'common']);
  const peopleStatus = usePeopleStore((s) => s.status);
  const peopleError = usePeopleStore((s) => s.error);
  const activeUsers = usePeopleStore((s) => activeCount(s.users));
  const inactive = usePeopleStore((s) => s.users.length) - activeUsers;
  const activeTeams = usePeopleStore((s) => s.teams.filter((x) => x.active).length);
  const loadPeople = usePeopleStore((s) => s.load);
  const backupsStatus = useBackupsStore((s) => s.status);
  const backupsError = useBackupsStore((s) => s.error);
  // The list comes newest first.
  const last = useBackupsStore((s) => s.list[0]);
  const loadBackups = useBackupsStore((s) => s.load);
  useEffect(() => {
    void loadPeople();
    void loadBackups();
  }, [loadPeople, loadBackups]);

  const lang = i18n.language;
  const ready = peopleStatus === 'ready';
  return (
    <section aria-labelledby="home-glance">
      <h2 className="section-title" id="home-glance">
        {t('glance')}
      </h2>
      {peopleStatus === 'failed' && <ErrorPanel error={peopleError} onRetry={() => void loadPeople()} />}
      <div className="cards">
        <article className="stat-card" data-testid="card-users">
          <h3 className="stat-card__title">{t('admin.users')}</h3>
          <p className="stat-card__value">{ready ? t('common:count.people', { count: activeUsers }) : '…'}</p>
          <p className="stat-card__hint">{t('admin.users_inactive', { count: inactive })}</p>
          <a className="stat-card__link" href={formatHash({ section: 'admin', tab: 'users' })}>
            {t('admin.manage_users')}
          </a>
        </article>
        <article className="stat-card" data-testid="card-teams">
          <h3 className="stat-card__title">{t('admin.teams')}</h3>
          <p className="stat-card__value">{ready ? t('common:count.teams', { count: activeTeams }) : '…'}</p>
          <p className="stat-card__hint">{t('admin.teams_hint')}</p>
          <a className="stat-card__link" href={formatHash({ section: 'admin', tab: 'teams' })}>
            {t('admin.manage_teams')}
          </a>
        </article>
        <article className="stat-card" data-testid="card-backup">
          <h3 className="stat-card__title">{t('admin.backup')}</h3>
          {backupsStatus === 'failed' ? (
            <ErrorPanel error={backupsError} onRetry={() => void loadBackups()} />
          ) : last ? (
            <>
              <p className="stat-card__value stat-card__value--text">
                <time dateTime={last.createdAt}>{formatDateTime(last.createdAt, lang, timeZone)}</time>
              </p>
              <p className="stat-card__hint">{t(`admin:backups.reasons.${last.reason}`)}</p>
            </>
          ) : (
            <>
              <p className="stat-card__value stat-card__value--text">
                {backupsStatus === 'ready' ? t('admin.backup_none') : '…'}
              </p>
              <p className="stat-card__hint">{t('admin.backup_none_hint')}</p>
            </>
          )}
          <a className="stat-card__link" href={formatHash({ section: 'admin', tab: 'backups' })}>
            {t('admin.manage_backups')}
          </a>
        </article>
      </div>
    </section>
  );
}

/** What a number card shows while its number is on its way. */
function useCount(): (n: number | null | undefined) => string {
  const { i18n } = useTranslation();
  return (n) => (n === null || n === undefined ? '…' : formatNumber(n, i18n.language));
}

/** The operator's day: the queue (corrections, unconfirmed contacts) and the gaps to fill. */
function OperatorCards() {
  const { t } = useTranslation(['home', 'clients']);
  const count = useCount();
  const counts = useQueueStore((s) => s.counts);
  const countsError = useQueueStore((s) => s.countsError);
  const loadCounts = useQueueStore((s) => s.loadCounts);
  const quality = useQueueStore((s) => s.quality);
  const qualityStatus = useQueueStore((s) => s.qualityStatus);
  const qualityError = useQueueStore((s) => s.qualityError);
  const loadQuality = useQueueStore((s) => s.loadQuality);
  useEffect(() => {
    void loadCounts();
    void loadQuality(OPERATOR_FLAGS);
  }, [loadCounts, loadQuality]);

  const countsFailed = counts === null && countsError !== null;
  return (
    <>
      <article className="stat-card" data-testid="card-corrections" aria-busy={counts === null || undefined}>
        <h3 className="stat-card__title">{t('operator.corrections')}</h3>
        {countsFailed ? (
          <ErrorPanel error={countsError} onRetry={() => void loadCounts()} />
        ) : (
          <p className="stat-card__value">{count(counts?.openCorrections)}</p>
        )}
        <p className="stat-card__hint">{t('operator.corrections_hint')}</p>
        <a className="stat-card__link" href={formatHash(QUEUE)}>
          {t('operator.open_queue')}
        </a>
      </article>
      <article className="stat-card" data-testid="card-proposed" aria-busy={counts === null || undefined}>
        <h3 className="stat-card__title">{t('operator.proposed')}</h3>
        {countsFailed ? (
          <ErrorPanel error={countsError} onRetry={() => void loadCounts()} />
        ) : (
          <p className="stat-card__value">{count(counts?.proposedContacts)}</p>
        )}
        <p className="stat-card__hint">{t('operator.proposed_hint')}</p>
        <a className="stat-card__link" href={formatHash(QUEUE)}>
          {t('operator.open_queue')}
        </a>
      </article>
      <article
        className="stat-card home__wide-card"
        data-testid="card-quality"
        aria-busy={qualityStatus !== 'ready' || undefined}
      >
        <h3 className="stat-card__title">{t('operator.incomplete')}</h3>
        {qualityStatus === 'failed' ? (
          <ErrorPanel error={qualityError} onRetry={() => void loadQuality(OPERATOR_FLAGS)} />
        ) : (
          <dl className="home__counts">
            {OPERATOR_FLAGS.map((f) => (
              <div className="home__count" key={f} data-flag={f}>
                <dt>{t(`clients:flags.${f}`)}</dt>
                <dd>{count(quality[f])}</dd>
              </div>
            ))}
          </dl>
        )}
        <p className="stat-card__hint">{t('operator.incomplete_hint')}</p>
        <a className="stat-card__link" href={formatHash(CLIENTS)}>
          {t('operator.go_clients')}
        </a>
      </article>
    </>
  );
}

/** A manager's gap in the client base: clients nobody is assigned to. */
function NoRepCard() {
  const { t } = useTranslation(['home', 'clients']);
  const count = useCount();
  const quality = useQueueStore((s) => s.quality);
  const status = useQueueStore((s) => s.qualityStatus);
  const error = useQueueStore((s) => s.qualityError);
  const loadQuality = useQueueStore((s) => s.loadQuality);
  useEffect(() => void loadQuality(MANAGER_FLAGS), [loadQuality]);
  return (
    <article className="stat-card" data-testid="card-no-rep" aria-busy={status !== 'ready' || undefined}>
      <h3 className="stat-card__title">{t('manager.no_rep')}</h3>
      {status === 'failed' ? (
        <ErrorPanel error={error} onRetry={() => void loadQuality(MANAGER_FLAGS)} />
      ) : (
        <p className="stat-card__value">{count(quality.no_rep)}</p>
      )}
      <p className="stat-card__hint">{t('manager.no_rep_hint')}</p>
      <a className="stat-card__link" href={formatHash(CLIENTS)}>
        {t('manager.go_clients')}
      </a>
    </article>
  );
}

/** The correction requests I filed: how many wait, how many were accepted or rejected, and why. */
function MyCorrectionsCard() {
  const { t } = useTranslation(['home', 'clients']);
  const count = useCount();
  const scope = useQueueStore((s) => s.scope);
  const status = useQueueStore((s) => s.status);
  const error = useQueueStore((s) => s.error);
  const corrections = useQueueStore((s) => s.corrections);
  const load = useQueueStore((s) => s.load);
  const ensureCards = useQueueStore((s) => s.ensureCards);
  const ready = scope === 'mine' && status === 'ready';
  const rejected = ready ? latestRejected(corrections) : [];
  const rejectedClients = distinctClientIds(rejected).join(' ');
  useEffect(() => void load('mine'), [load]);
  useEffect(() => {
    if (rejectedClients) void ensureCards(rejectedClients.split(' '));
  }, [rejectedClients, ensureCards]);

  const n = ready ? mineCounts(corrections) : null;
  return (
    <article
      className="stat-card home__wide-card"
      data-testid="card-my-corrections"
      aria-busy={!ready || undefined}
    >
      <h3 className="stat-card__title">{t('rep.my_corrections')}</h3>
      {status === 'failed' ? (
        <ErrorPanel error={error} onRetry={() => void load('mine')} />
      ) : (
        <dl className="home__counts">
          <div className="home__count" data-status="open">
            <dt>{t('rep.my_waiting')}</dt>
            <dd>{count(n?.open)}</dd>
          </div>
          <div className="home__count" data-status="accepted">
            <dt>{t('rep.my_accepted')}</dt>
            <dd>{count(n?.accepted)}</dd>
          </div>
          <div className="home__count" data-status="rejected">
            <dt>{t('rep.my_rejected')}</dt>
            <dd>{count(n?.rejected)}</dd>
          </div>
        </dl>
      )}
      {ready && corrections.length === 0 && <p className="stat-card__hint">{t('rep.my_none')}</p>}
      {rejected.length > 0 && (
        <div className="home__notes">
          <p className="stat-card__hint">{t('rep.rejected_notes')}</p>
          <ul className="home__notes-list">
            {rejected.map((r) => (
              <RejectedNote key={r.id} request={r} />
            ))}
          </ul>
        </div>
      )}
      <a className="stat-card__link" href={formatHash(QUEUE)}>
        {t('rep.my_link')}
      </a>
    </article>
  );
}

function RejectedNote({ request: r }: { request: CorrectionRequest }) {
  const { t } = useTranslation(['home', 'clients']);
  const entry = useQueueStore((s) => s.cards[r.clientId]);
  const f = correctableField(r.field);
  const what = [
    entry?.status === 'ready' ? entry.card.client.name : null,
    f ? t(`clients:fields.${f}`) : r.field,
    displayProposed(r.field, r.proposedValue),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="home__note" data-testid="my-rejected-note">
      <span className="home__note-what">{what}</span>
      <q className="home__note-text">{r.decisionNote}</q>
    </li>
  );
}
