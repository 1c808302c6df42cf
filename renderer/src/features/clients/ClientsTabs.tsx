import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueueStore } from '../../app/app-context';
import { formatNumber } from '../../i18n/format';
import {
  CLIENTS,
  DUPLICATES,
  formatHash,
  IMPORT,
  MAILING_LIST,
  ORDERS_IMPORT,
  QUEUE,
} from '../../shell/routes';
import './queue/Queue.css';

/**
 * The operator's (and admin's) way between the client list, the queue (with how many items wait
 * there) and the scan for duplicates. Reps and managers have no queue to work, so they do not get
 * these tabs.
 */
export function ClientsTabs({
  current,
}: {
  current: 'list' | 'queue' | 'duplicates' | 'import' | 'ordersImport' | 'mailingList';
}) {
  const { t, i18n } = useTranslation(['queue', 'duplicates', 'clientImport', 'orders', 'mailingList']);
  const counts = useQueueStore((s) => s.counts);
  const loadCounts = useQueueStore((s) => s.loadCounts);
  useEffect(() => void loadCounts(), [loadCounts]);
  const waiting = counts ? counts.openCorrections + counts.proposedContacts : null;
  return (
    <nav className="clients-tabs" aria-label={t('tabs.label')} data-testid="clients-tabs">
      <a
        className="clients-tabs__tab"
        href={formatHash(CLIENTS)}
        aria-current={current === 'list' ? 'page' : undefined}
        data-testid="tab-clients"
      >
        {t('tabs.clients')}
      </a>
      <a
        className="clients-tabs__tab"
        href={formatHash(QUEUE)}
        aria-current={current === 'queue' ? 'page' : undefined}
        data-testid="tab-queue"
      >
        {t('tabs.queue')}
        {waiting !== null && (
          <>
            <span
              className={
                waiting > 0
                  ? 'badge clients-tabs__count clients-tabs__count--some'
                  : 'badge clients-tabs__count'
              }
              aria-hidden="true"
              data-testid="queue-count"
            >
              {formatNumber(waiting, i18n.language)}
            </span>
            <span className="visually-hidden">({t('tabs.waiting', { count: waiting })})</span>
          </>
        )}
      </a>
      <a
        className="clients-tabs__tab"
        href={formatHash(DUPLICATES)}
        aria-current={current === 'duplicates' ? 'page' : undefined}
        data-testid="tab-duplicates"
      >
        {t('duplicates:tab')}
      </a>
      <a
        className="clients-tabs__tab"
        href={formatHash(IMPORT)}
        aria-current={current === 'import' ? 'page' : undefined}
        data-testid="tab-import"
      >
        {t('clientImport:tab')}
      </a>
      <a
        className="clients-tabs__tab"
        href={formatHash(ORDERS_IMPORT)}
        aria-current={current === 'ordersImport' ? 'page' : undefined}
        data-testid="tab-orders-import"
      >
        {t('orders:tab')}
      </a>
      <a
        className="clients-tabs__tab"
        href={formatHash(MAILING_LIST)}
        aria-current={current === 'mailingList' ? 'page' : undefined}
        data-testid="tab-mailing-list"
      >
        {t('mailingList:tab')}
      </a>
    </nav>
  );
}
