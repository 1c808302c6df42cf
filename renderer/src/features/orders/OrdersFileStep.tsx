import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import { ENCODING_NAMES, UploadFileStep } from '../imports-shared/UploadFileStep';
import type { OrdersImportState } from './orders-import.store';

/** ERP exports up to 10 MB (orders.schema.ts OrderUploadInput: the base64 limit is derived from it). */
export const ORDERS_MAX_BYTES = 10 * 1024 * 1024;

/** Step 1: the export, what the core found in it, and the options that make it read it otherwise. */
export function OrdersFileStep({ store }: { store: StoreApi<OrdersImportState> }) {
  const { t } = useTranslation('clientImport');
  return (
    <UploadFileStep
      store={store}
      ns="orders"
      maxBytes={ORDERS_MAX_BYTES}
      testIdPrefix="orders"
      fileTestId="orders-import-file"
      problemTestId="orders-file-problem"
      // A single-sheet workbook has nothing to choose.
      minSheets={2}
      facts={(u) => (
        <dl className="facts client-import__facts" data-testid="orders-detected">
          <div className="facts__item">
            <dt>{t('file.format')}</dt>
            <dd data-format={u.format}>
              {u.format === 'csv' ? t('file.format_csv') : t('file.format_xlsx')}
            </dd>
          </div>
          <div className="facts__item">
            <dt>{t('file.rows')}</dt>
            <dd data-rows={u.rowCount}>{t('file.rows_count', { count: u.rowCount })}</dd>
          </div>
          {u.format === 'csv' && u.encoding && (
            <div className="facts__item">
              <dt>{t('file.encoding')}</dt>
              <dd>{ENCODING_NAMES[u.encoding]}</dd>
            </div>
          )}
        </dl>
      )}
    />
  );
}
