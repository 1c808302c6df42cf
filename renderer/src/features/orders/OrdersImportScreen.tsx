import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useServices } from '../../app/app-context';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { PageHeader } from '../../components/PageHeader';
import { OrdersCheckStep } from './OrdersCheckStep';
import { OrdersFileStep } from './OrdersFileStep';
import { OrdersHistory } from './OrdersHistory';
import { OrdersMappingStep } from './OrdersMappingStep';
import { createOrdersImportStore } from './orders-import.store';
import type { OrdersImportState } from './orders-import.store';
// The steps, counts, progress bar and history look like the client import's: its classes are reused.
import '../clients/import/Import.css';
import './Orders.css';

/**
 * The import of order lines from an ERP export (operator, admin; issue 8 must-have 2): the file,
 * the column mapping with presets, a dry run with counts, totals and the lines' errors, the commit
 * with a progress bar, and the history of orders imports, each revertable.
 */
export function OrdersImportScreen({ store: given }: { store?: StoreApi<OrdersImportState> }) {
  const { t } = useTranslation('orders');
  const { api } = useServices();
  const [store] = useState(() => given ?? createOrdersImportStore(api));
  const [message, announce] = useAnnouncer();
  const hasUpload = useStore(store, (s) => s.upload !== null);

  useEffect(() => {
    const off = store.getState().connect();
    void store.getState().loadPresets();
    void store.getState().loadHistory();
    return off;
  }, [store]);

  return (
    <section className="page client-import orders-import" data-testid="orders-import-screen">
      <PageHeader title={t('title')} intro={t('intro')} />
      <div className="client-import__rules">
        <h2 className="client-import__rules-title">{t('rules.title')}</h2>
        <ul>
          <li>{t('rules.key')}</li>
          <li>{t('rules.match')}</li>
          <li>{t('rules.atomic')}</li>
          <li>{t('rules.revert')}</li>
        </ul>
      </div>
      <LiveStatus message={message} testId="orders-import-status" />

      <OrdersFileStep store={store} />
      {hasUpload && (
        <>
          <OrdersMappingStep store={store} announce={announce} />
          <OrdersCheckStep store={store} announce={announce} />
        </>
      )}
      <OrdersHistory store={store} announce={announce} />
    </section>
  );
}
