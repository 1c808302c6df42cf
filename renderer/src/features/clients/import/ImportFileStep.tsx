import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import { IMPORT_MAX_BYTES } from '../../../../../shared/contract/imports.schema';
import { ENCODING_NAMES, UploadFileStep, useDelimiterName } from '../../imports-shared/UploadFileStep';
import type { ImportState } from './import.store';

/** Step 1: the file, what the core found in it, and the options that make it read it otherwise. */
export function ImportFileStep({ store }: { store: StoreApi<ImportState> }) {
  const { t } = useTranslation('clientImport');
  const delimiterName = useDelimiterName();
  return (
    <UploadFileStep
      store={store}
      ns="clientImport"
      maxBytes={IMPORT_MAX_BYTES}
      testIdPrefix="import"
      fileTestId="import-file"
      problemTestId="import-error"
      minSheets={1}
      facts={(u) => (
        <dl className="facts client-import__facts" data-testid="import-detected">
          <div className="facts__item">
            <dt>{t('file.format')}</dt>
            <dd data-format={u.format}>{t(u.format === 'csv' ? 'file.format_csv' : 'file.format_xlsx')}</dd>
          </div>
          {u.format === 'csv' && (
            <>
              <div className="facts__item">
                <dt>{t('file.encoding')}</dt>
                <dd data-encoding={u.encoding ?? ''}>{u.encoding ? ENCODING_NAMES[u.encoding] : '—'}</dd>
              </div>
              <div className="facts__item">
                <dt>{t('file.delimiter')}</dt>
                <dd data-delimiter={u.delimiter ?? ''}>{u.delimiter ? delimiterName(u.delimiter) : '—'}</dd>
              </div>
            </>
          )}
          {u.format === 'xlsx' && (
            <div className="facts__item">
              <dt>{t('file.sheet')}</dt>
              <dd>{u.sheet ?? '—'}</dd>
            </div>
          )}
          <div className="facts__item">
            <dt>{t('file.rows')}</dt>
            <dd data-rows={u.rowCount}>{t('file.rows_count', { count: u.rowCount })}</dd>
          </div>
        </dl>
      )}
    />
  );
}
