import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { OrderImportRecord } from '../../../../shared/contract/orders.schema';
import { useAppStore } from '../../app/app-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime } from '../../i18n/format';
import { ImportErrorPanel } from '../clients/import/ImportErrorPanel';
import { useMoney } from '../settlements/use-money';
import type { OrdersImportState } from './orders-import.store';

/** The orders imports so far (newest first); any not reverted yet can be reverted. */
export function OrdersHistory({
  store,
  announce,
}: {
  store: StoreApi<OrdersImportState>;
  announce: (m: string | null) => void;
}) {
  const { t, i18n } = useTranslation('orders');
  const s = useStore(store);
  const money = useMoney();
  const [confirming, setConfirming] = useState<OrderImportRecord | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const timeZone = useAppStore((a) => a.info?.timeZone ?? a.office?.timeZone ?? 'UTC');
  const when = (at: string) => formatDateTime(at, i18n.language, timeZone);
  const summary = (h: OrderImportRecord) =>
    `${t('history.counts', h.counts)} · ${t('history.value', { value: money(h.netValue) })}`;

  return (
    <section className="client-import__step client-import__history" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {t('history.title')}
      </h2>

      {s.revertResult && (
        <div
          className="panel client-import__result"
          tabIndex={-1}
          ref={resultRef}
          data-testid="orders-revert-result"
        >
          <p className="panel__title">{t('reverted.title')}</p>
          <p className="panel__text" data-testid="orders-removed" data-value={s.revertResult.removed}>
            {t('reverted.removed', { count: s.revertResult.removed })}
          </p>
        </div>
      )}

      {s.historyStatus === 'failed' && (
        <ImportErrorPanel
          title={t('history.failed')}
          error={s.historyError}
          onRetry={() => void store.getState().loadHistory()}
        />
      )}
      {s.historyStatus === 'ready' && s.history.length === 0 && (
        <p className="muted" data-testid="orders-history-empty">
          {t('history.empty')}
        </p>
      )}
      {s.history.length > 0 && (
        <ul
          className="client-import__history-list"
          aria-labelledby={`${id}-title`}
          data-testid="orders-history"
        >
          {s.history.map((h) => (
            <li
              key={h.id}
              className="client-import__history-item"
              data-testid="orders-history-row"
              data-id={h.id}
              data-reverted={h.revertedAt ? 'true' : undefined}
            >
              <div className="client-import__history-main">
                <span className="client-import__history-file">{h.fileName}</span>
                {h.revertedAt && (
                  <span className="badge client-import__reverted" data-testid="orders-reverted-badge">
                    {t('history.reverted')}
                  </span>
                )}
                <span className="muted">
                  <time dateTime={h.at}>{when(h.at)}</time>, {t('history.by', { name: h.byName })}
                </span>
              </div>
              <p className="client-import__history-counts" data-testid="orders-history-counts">
                {summary(h)}
              </p>
              {h.revertedAt && (
                <p className="client-import__history-reverted muted">
                  {t('history.reverted_on', { when: when(h.revertedAt) })}
                </p>
              )}
              {h.revertable && !h.revertedAt && (
                <button
                  type="button"
                  className="button button--danger-quiet client-import__revert"
                  onClick={() => setConfirming(h)}
                  disabled={s.reverting !== null || s.progress !== null}
                  aria-label={t('history.revert_label', { file: h.fileName })}
                  data-testid="orders-revert"
                >
                  {s.reverting === h.id ? t('history.reverting') : t('history.revert')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('history.revert_title', { file: confirming.fileName })}
          confirmLabel={t('history.revert_confirm')}
          busyLabel={t('history.reverting')}
          danger
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            if (!(await store.getState().revert(confirming.id))) throw store.getState().revertError;
            setConfirming(null);
            announce(t('reverted.title'));
            setTimeout(() => resultRef.current?.focus(), 0);
          }}
          testId="orders-revert-dialog"
        >
          <p>{t('history.revert_body')}</p>
          <p className="muted">
            {when(confirming.at)} · {summary(confirming)}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
