import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useAppStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatNumber } from '../../i18n/format';
import { AGENDA, formatHash } from '../../shell/routes';
import { createTeamTodayStore, sortedReps } from './team-today.store';
import type { TeamTodayState } from './team-today.store';
import './TeamToday.css';

/**
 * The manager's team today (PRODUCT.md §6): each rep's visits done out of today's not cancelled, a
 * bar per rep and the team's total, for the office's today. Moves the moment a rep completes a
 * visit, in any window.
 */
export function TeamToday({ store: given }: { store?: StoreApi<TeamTodayState> }) {
  const { t, i18n } = useTranslation('home');
  const { api } = useServices();
  const [store] = useState(() => given ?? createTeamTodayStore(api));
  // "Today" is the core's: the office's calendar date in its time zone, never this machine's clock.
  const today = useAppStore((s) => s.info?.today);
  const status = useStore(store, (s) => s.status);
  const team = useStore(store, (s) => s.team);
  const error = useStore(store, (s) => s.error);
  const lang = i18n.language;

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    if (today) void store.getState().start(today);
  }, [store, today]);

  const n = (v: number) => formatNumber(v, lang);
  const reps = team ? sortedReps(team, lang) : [];
  return (
    <article
      className="stat-card home__wide-card team-today"
      data-testid="team-today"
      aria-busy={team === null || undefined}
    >
      <h3 className="stat-card__title">{t('team_today.title')}</h3>
      {status === 'failed' && team === null ? (
        <ErrorPanel error={error} onRetry={() => void store.getState().load()} />
      ) : team === null ? (
        <p className="stat-card__value">…</p>
      ) : reps.length === 0 ? (
        <p className="team-today__empty" data-testid="team-today-empty">
          {t('team_today.empty')}
        </p>
      ) : (
        <>
          <p
            className="team-today__total"
            data-testid="team-today-total"
            data-done={team.done}
            data-total={team.total}
          >
            <span className="stat-card__value">
              {t('team_today.value', { done: team.done, total: team.total })}
            </span>
            <span className="team-today__total-label">
              {t('team_today.total')} · {t('team_today.reps', { count: reps.length })}
            </span>
          </p>
          <ul className="team-today__list">
            {reps.map((r) => {
              const name = r.name ?? t('team_today.unknown_rep');
              const ratio = r.total > 0 ? r.done / r.total : 0;
              const complete = r.total > 0 && r.done === r.total;
              return (
                <li
                  key={r.repId}
                  className="team-today__row"
                  data-testid="team-today-row"
                  data-rep={r.repId}
                  data-done={r.done}
                  data-total={r.total}
                >
                  <span className="team-today__name">{name}</span>
                  {r.total === 0 ? (
                    <span className="team-today__none">{t('team_today.none')}</span>
                  ) : (
                    <span className="team-today__meter">
                      <span
                        className={complete ? 'team-today__bar team-today__bar--done' : 'team-today__bar'}
                        role="img"
                        aria-label={t('team_today.row_label', { name, done: r.done, count: r.total })}
                      >
                        <span className="team-today__fill" style={{ width: `${ratio * 100}%` }} />
                      </span>
                      <span className="team-today__figure" aria-hidden="true">
                        {n(r.done)} / {n(r.total)}
                      </span>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p className="stat-card__hint">{t('team_today.hint')}</p>
      <a className="stat-card__link" href={formatHash(AGENDA)}>
        {t('team_today.open_agenda')}
      </a>
    </article>
  );
}
