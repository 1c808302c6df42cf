import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useServices } from '../../../app/app-context';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { PageHeader } from '../../../components/PageHeader';
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
  const [message, announce] = useAnnouncer();
  const hasUpload = useStore(store, (s) => s.upload !== null);

  useEffect(() => {
    const off = store.getState().connect();
    void store.getState().loadPresets();
    void store.getState().loadHistory();
    return off;
  }, [store]);

  return (
    <section className="page client-import" data-testid="screen-import">
      <PageHeader title={t('title')} intro={t('intro')} />
      <div className="client-import__rules">
        <h2 className="client-import__rules-title">{t('rules.title')}</h2>
        <ul>
          <li>{t('rules.upsert')}</li>
          <li>{t('rules.empty')}</li>
          <li>{t('rules.atomic')}</li>
          <li>{t('rules.revert')}</li>
        </ul>
      </div>
      <LiveStatus message={message} testId="import-status" />

      <ImportFileStep store={store} />
      {hasUpload && (
        <>
          <ImportMappingStep store={store} announce={announce} />
          <ImportCheckStep store={store} announce={announce} />
        </>
      )}
      <ImportHistory store={store} announce={announce} />
    </section>
  );
}
