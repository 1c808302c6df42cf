import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { OrderImportRecord } from '../../../../shared/contract/orders.schema';
import { ImportHistoryList } from '../imports-shared/ImportHistoryList';
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
  const { t } = useTranslation('orders');
  const revertResult = useStore(store, (s) => s.revertResult);
  const money = useMoney();
  const summary = (h: OrderImportRecord) =>
    `${t('history.counts', h.counts)} · ${t('history.value', { value: money(h.netValue) })}`;

  return (
    <ImportHistoryList
      store={store}
      announce={announce}
      ns="orders"
      testPrefix="orders"
      itemTestId="orders-history-row"
      emptyTestId="orders-history-empty"
      countsTestId="orders-history-counts"
      by={(h) => h.byName}
      summary={summary}
      revertedOn={(_, when) => t('history.reverted_on', { when })}
      dialogSummary={summary}
      revertResult={
        revertResult && (
          <p className="panel__text" data-testid="orders-removed" data-value={revertResult.removed}>
            {t('reverted.removed', { count: revertResult.removed })}
          </p>
        )
      }
    />
  );
}
