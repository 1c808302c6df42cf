import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser, Role } from '../../../../shared/contract/users.schema';
import { useAppStore, useBackupsStore, usePeopleStore } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDate, formatDateTime } from '../../i18n/format';
import { formatHash } from '../../shell/routes';
import { activeCount } from '../admin/people/people.selectors';
import './HomeScreen.css';

/** Each role's start of the day: a greeting with the office's today and the role's own cards. */
export function HomeScreen({ user }: { user: PublicUser }) {
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
        <Placeholders role={user.role} />
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

const PLACEHOLDERS = {
  operator: [
    ['operator.incomplete', 'operator.incomplete_hint'],
    ['operator.corrections', 'operator.corrections_hint'],
    ['operator.duplicates', 'operator.duplicates_hint'],
  ],
  rep: [
    ['rep.visits', 'rep.visits_hint'],
    ['rep.tasks', 'rep.tasks_hint'],
    ['rep.assessment', 'rep.assessment_hint'],
    ['rep.deals', 'rep.deals_hint'],
  ],
  manager: [
    ['manager.recommendations', 'manager.recommendations_hint'],
    ['manager.budget', 'manager.budget_hint'],
    ['manager.visits', 'manager.visits_hint'],
    ['manager.plan', 'manager.plan_hint'],
  ],
} as const;

/** The counters this role's home will show, clearly marked as not there yet. */
function Placeholders({ role }: { role: Exclude<Role, 'admin'> }) {
  const { t } = useTranslation(['home', 'admin', 'common']);
  return (
    <section aria-labelledby="home-will-show">
      <h2 className="section-title" id="home-will-show">
        {t('will_show')} <span className="badge badge--coming">{t('common:coming.badge')}</span>
      </h2>
      <p className="section-intro">{t('will_show_hint')}</p>
      <div className="cards">
        {PLACEHOLDERS[role].map(([title, hint]) => (
          <article className="stat-card stat-card--placeholder" key={title}>
            <h3 className="stat-card__title">{t(title)}</h3>
            <p className="stat-card__value" aria-hidden="true">
              —
            </p>
            <p className="stat-card__hint">{t(hint)}</p>
          </article>
        ))}
      </div>
    </section>
  );
}
