import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatNumber } from '../../i18n/format';
import { DEALS, formatHash, PLANS } from '../../shell/routes';
import { formatMonth } from '../actions/action-format';
import { PlanProgress } from '../plans/PlanProgress';
import type { Metric } from '../plans/plans.store';
import { useMoney } from '../settlements/use-money';
import { createPlanCountersStore } from './plan-counters.store';
import type { PlanCountersState } from './plan-counters.store';
import './PlanCounters.css';

/** Deals first: "5 of 10 deals won" is what the month is judged by. */
const CARDS: readonly Metric[] = ['deals', 'meetings', 'contacts'];

/**
 * The month's plan on the rep's and the manager's home (PRODUCT.md §6): deals won, meetings and
 * contacts against the targets, counted in the core; a manager sees the team summed. Refetched the
 * moment a deal, visit, call or plan changes, in any window.
 */
export function PlanCounters({
  manager,
  store: given,
}: {
  /** A manager's team summed, with a way to the plans screen to set targets. */
  manager: boolean;
  store?: StoreApi<PlanCountersState>;
}) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createPlanCountersStore(api));
  const status = useStore(store, (s) => s.status);
  const counters = useStore(store, (s) => s.counters);
  const error = useStore(store, (s) => s.error);
  const money = useMoney();
  const lang = i18n.language;

  useEffect(() => {
    const stop = store.getState().connect();
    void store.getState().load();
    return stop;
  }, [store]);

  const month = counters ? formatMonth(counters.month, lang) : '…';
  const busy = counters === null || undefined;
  return (
    <section
      aria-labelledby="home-plan"
      data-testid="plan-counters"
      data-set={counters?.isSet || undefined}
      data-month={counters?.month ?? ''}
    >
      <h2 className="section-title" id="home-plan">
        {manager ? t('counters.title_team', { month }) : t('counters.title', { month })}
      </h2>
      {manager && counters && (
        <p className="section-intro">{t('counters.team_hint', { count: counters.reps })}</p>
      )}
      {status === 'failed' && counters === null && (
        <ErrorPanel error={error} onRetry={() => void store.getState().load()} />
      )}
      {counters && !counters.isSet && (
        <p className="plan-counters__unset" data-testid="plan-counters-unset">
          {manager ? t('counters.unset_manager') : t('counters.unset')}
        </p>
      )}
      <div className="cards">
        {CARDS.map((m) => (
          <article className="stat-card" key={m} data-testid={`plan-counter-${m}`} aria-busy={busy}>
            <h3 className="stat-card__title">{t(`metric.${m}`)}</h3>
            {counters ? (
              <PlanProgress
                metric={m}
                actual={counters.actuals[m]}
                target={counters.targets[m]}
                isSet={counters.isSet}
                size="card"
              />
            ) : (
              <p className="stat-card__value">…</p>
            )}
            <p className="stat-card__hint">
              {m === 'deals' && counters
                ? t('counters.deals_extra', {
                    value: money(counters.actuals.wonValue),
                    lost: formatNumber(counters.actuals.dealsLost, lang),
                  })
                : t(`metric_hint.${m}`)}
            </p>
            {m === 'deals' && (
              <a className="stat-card__link" href={formatHash(manager ? PLANS : DEALS)}>
                {manager ? t('counters.open_plans') : t('counters.open_deals')}
              </a>
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
