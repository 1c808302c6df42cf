import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../../app/app-context';
import { MappedImportScreen } from '../../imports-shared/MappedImportScreen';
import { ImportCheckStep } from './ImportCheckStep';
import { ImportFileStep } from './ImportFileStep';
import { ImportHistory } from './ImportHistory';
import { ImportMappingStep } from './ImportMappingStep';
import { createImportStore } from './import.store';
import './Import.css';

/**
 * The import of clients and their contact persons from a CSV or XLSX file (operator, admin): the
 * file and what the core found in it, the column mapping (with saved presets and a preview), a
 * dry run that says what each row would do, the commit in one transaction with a progress bar,
 * and the history of imports, where the newest can be reverted.
 */
export function ImportScreen() {
  const { t } = useTranslation('clientImport');
  const { api } = useServices();
  const [store] = useState(() => createImportStore(api));

  return (
    <MappedImportScreen
      store={store}
      className="page client-import"
      testId="screen-import"
      statusTestId="import-status"
      title={t('title')}
      intro={t('intro')}
      rulesTitle={t('rules.title')}
      rules={[t('rules.upsert'), t('rules.empty'), t('rules.atomic'), t('rules.revert')]}
      file={<ImportFileStep store={store} />}
      steps={(announce) => (
        <>
          <ImportMappingStep store={store} announce={announce} />
          <ImportCheckStep store={store} announce={announce} />
        </>
      )}
      history={(announce) => <ImportHistory store={store} announce={announce} />}
    />
  );
}
