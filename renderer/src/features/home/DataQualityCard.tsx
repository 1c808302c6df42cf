import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useAppStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatNumber } from '../../i18n/format';
import { DUPLICATES, formatHash, reportRoute } from '../../shell/routes';
import type { Route } from '../../shell/routes';
import { createDataQualityCardStore, QUALITY_FIGURES } from './data-quality-card.store';
import type { DataQualityCardState, QualityFigure } from './data-quality-card.store';
import './DataQualityCard.css';

const TEST_ID: Record<QualityFigure, string> = {
  duplicates: 'quality-duplicates',
  noTaxId: 'quality-no-tax-id',
  contactNoChannel: 'quality-no-channel',
  noConsent: 'quality-no-consent',
};

/**
 * Where each figure leads: the duplicates screen for the pairs; the client list has no quality
 * filter in its address (#/clients takes none), so the other gaps open the data-quality report,
 * whose drill-down lists exactly the records counted.
 */
const TARGET: Record<QualityFigure, Route> = {
  duplicates: DUPLICATES,
  noTaxId: reportRoute('dataQuality'),
  contactNoChannel: reportRoute('dataQuality'),
  noConsent: reportRoute('dataQuality'),
};

/** The operator's data quality at a glance: the office's totals of the data-quality report. */
export function DataQualityCard({ store: given }: { store?: StoreApi<DataQualityCardState> }) {
  const { t, i18n } = useTranslation('home');
  const { api } = useServices();
  const [store] = useState(() => given ?? createDataQualityCardStore(api));
  // The report's period is the office's current month (the core's today, not this machine's).
  const month = useAppStore((s) => s.info?.today)?.slice(0, 7);
  const status = useStore(store, (s) => s.status);
  const totals = useStore(store, (s) => s.totals);
  const error = useStore(store, (s) => s.error);
  const lang = i18n.language;

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    // The first computation may wait for the duplicate scan: never awaited, the home goes on.
    if (month) void store.getState().start(month);
  }, [store, month]);

  const counting = totals === null && status !== 'failed';
  return (
    <article
      className="stat-card home__wide-card quality-card"
      data-testid="quality-card"
      aria-busy={counting || undefined}
    >
      <h3 className="stat-card__title">{t('quality.title')}</h3>
      {status === 'failed' && totals === null ? (
        <ErrorPanel error={error} onRetry={() => void store.getState().load()} />
      ) : (
        <ul className="quality-card__list">
          {QUALITY_FIGURES.map((f) => {
            const v = totals?.[f];
            return (
              <li key={f}>
                <a
                  className="quality-card__row"
                  href={formatHash(TARGET[f])}
                  data-testid={TEST_ID[f]}
                  data-count={typeof v === 'number' ? v : undefined}
                >
                  <span className="quality-card__label">{t(`quality.${f}`)}</span>
                  <span className="quality-card__count">
                    {typeof v === 'number' ? formatNumber(v, lang) : totals ? '—' : '…'}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {counting && (
        <p className="stat-card__hint quality-card__counting" data-testid="quality-counting">
          {t('quality.counting')}
        </p>
      )}
      <p className="stat-card__hint">{t('quality.hint')}</p>
      <a className="stat-card__link" href={formatHash(reportRoute('dataQuality'))}>
        {t('quality.open_report')}
      </a>
    </article>
  );
}
