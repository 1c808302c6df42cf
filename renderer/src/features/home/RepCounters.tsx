import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useDictionariesStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { currentLanguage } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import { AGENDA, formatHash } from '../../shell/routes';
import { createCountersStore } from './counters.store';
import type { CountersState } from './counters.store';

/**
 * The rep's live counters (PRODUCT.md §6): today's visits done of those not cancelled, open tasks
 * on today's and overdue visits, and today's calls by status. All computed in the core with the
 * office's today; refetched whenever visits, tasks or calls change.
 */
export function RepCounters({ store: given }: { store?: StoreApi<CountersState> }) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createCountersStore(api));
  const status = useStore(store, (s) => s.status);
  const counters = useStore(store, (s) => s.counters);
  const error = useStore(store, (s) => s.error);
  const dictStatus = useDictionariesStore((s) => s.status);
  const dictItems = useDictionariesStore((s) => s.items);
  const loadDict = useDictionariesStore((s) => s.load);
  const lang = i18n.language;

  useEffect(() => {
    const stop = store.getState().connect();
    void store.getState().load();
    return stop;
  }, [store]);
  useEffect(() => {
    if (dictStatus === 'idle') void loadDict();
  }, [dictStatus, loadDict]);

  const labels = currentLanguage(i18n);
  const statusLabel = (id: string | null) =>
    id === null
      ? t('counters.no_status')
      : (dictItems.find((d) => d.kind === 'callStatus' && d.id === id)?.labels[labels] ?? id);
  const order = (id: string | null) =>
    id === null
      ? Number.MAX_SAFE_INTEGER
      : (dictItems.find((d) => d.id === id)?.order ?? Number.MAX_SAFE_INTEGER - 1);
  const n = (v: number | undefined) => (v === undefined ? '…' : formatNumber(v, lang));
  const calls = [...(counters?.callsToday ?? [])]
    .filter((c) => c.count > 0)
    .sort((a, b) => order(a.statusId) - order(b.statusId));
  const busy = counters === null || undefined;

  return (
    <section aria-labelledby="home-counters" data-testid="counters">
      <h2 className="section-title" id="home-counters">
        {t('counters.title')}
      </h2>
      {status === 'failed' && counters === null && (
        <ErrorPanel error={error} onRetry={() => void store.getState().load()} />
      )}
      <div className="cards">
        <article className="stat-card" data-testid="counter-visits" aria-busy={busy}>
          <h3 className="stat-card__title">{t('counters.visits')}</h3>
          <p className="stat-card__value">
            {counters
              ? t('counters.visits_value', {
                  done: counters.visitsToday.done,
                  total: counters.visitsToday.total,
                })
              : '…'}
          </p>
          <p className="stat-card__hint">{t('counters.visits_hint')}</p>
          <a className="stat-card__link" href={formatHash(AGENDA)}>
            {t('counters.open_agenda')}
          </a>
        </article>
        <article className="stat-card" data-testid="counter-tasks" aria-busy={busy}>
          <h3 className="stat-card__title">{t('counters.tasks')}</h3>
          <p className="stat-card__value">{n(counters?.openTasks)}</p>
          <p className="stat-card__hint">{t('counters.tasks_hint')}</p>
        </article>
        <article className="stat-card home__wide-card" data-testid="counter-calls" aria-busy={busy}>
          <h3 className="stat-card__title">{t('counters.calls')}</h3>
          {counters && calls.length === 0 ? (
            <p className="stat-card__hint">{t('counters.calls_none')}</p>
          ) : (
            <dl className="home__counts">
              {calls.map((c) => (
                <div className="home__count" key={c.statusId ?? ''} data-status={c.statusId ?? ''}>
                  <dt>{statusLabel(c.statusId)}</dt>
                  <dd>{formatNumber(c.count, lang)}</dd>
                </div>
              ))}
            </dl>
          )}
        </article>
      </div>
    </section>
  );
}
