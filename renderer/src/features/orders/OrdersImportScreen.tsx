import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import { useServices } from '../../app/app-context';
import { MappedImportScreen } from '../imports-shared/MappedImportScreen';
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

  return (
    <MappedImportScreen
      store={store}
      className="page client-import orders-import"
      testId="orders-import-screen"
      statusTestId="orders-import-status"
      title={t('title')}
      intro={t('intro')}
      rulesTitle={t('rules.title')}
      rules={[t('rules.key'), t('rules.match'), t('rules.atomic'), t('rules.revert')]}
      file={<OrdersFileStep store={store} />}
      steps={(announce) => (
        <>
          <OrdersMappingStep store={store} announce={announce} />
          <OrdersCheckStep store={store} announce={announce} />
        </>
      )}
      history={(announce) => <OrdersHistory store={store} announce={announce} />}
    />
  );
}
