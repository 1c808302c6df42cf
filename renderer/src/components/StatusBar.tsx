import { useTranslation } from 'react-i18next';
import type { StoreStatus } from '../../../shared/contract/system.schema';
import { formatNumber } from '../i18n/format';
import './StatusBar.css';

interface Props {
  status: StoreStatus | null;
  appVersion: string | undefined;
}

/** The store's health at a glance: a support call starts with "what does the bottom line say?". */
export function StatusBar({ status, appVersion }: Props) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      {status && (
        <dl className="status-bar__items">
          <div className="status-bar__item">
            <dt>{t('status.generation')}</dt>
            <dd data-testid="status-generation">{n(status.generation)}</dd>
          </div>
          <div className="status-bar__item">
            <dt>{t('status.seq')}</dt>
            <dd data-testid="status-seq">{n(status.seq)}</dd>
          </div>
          <div className="status-bar__item">
            <dt>{t('status.repairs')}</dt>
            <dd data-testid="status-repairs">{n(status.repairs.length)}</dd>
          </div>
          <div className="status-bar__item">
            <dt>{t('status.history')}</dt>
            <dd data-testid="status-history">
              {status.historyLoaded ? t('status.history_loaded') : t('status.history_loading')}
            </dd>
          </div>
        </dl>
      )}
      {appVersion && (
        <span className="status-bar__version">
          {t('status.version')} {appVersion}
        </span>
      )}
    </footer>
  );
}
