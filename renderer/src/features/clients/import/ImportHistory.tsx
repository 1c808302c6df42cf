import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ImportKeptField } from '../../../../../shared/contract/imports.schema';
import { useDirectoryStore } from '../../../app/app-context';
import { ImportHistoryList } from '../../imports-shared/ImportHistoryList';
import { fieldLabel, valueText } from './import-text';
import type { ImportState } from './import.store';

/** The imports done so far (newest first); the newest one not yet reverted can be reverted. */
export function ImportHistory({
  store,
  announce,
}: {
  store: StoreApi<ImportState>;
  announce: (m: string | null) => void;
}) {
  const { t } = useTranslation('clientImport');
  const result = useStore(store, (s) => s.revertResult);
  const userName = useUserName();

  return (
    <ImportHistoryList
      store={store}
      announce={announce}
      ns="clientImport"
      testPrefix="import"
      itemTestId="import-history-item"
      by={(h) => userName(h.by)}
      summary={(h) => `${t('history.counts', h.counts)}; ${t('history.contacts', h.contacts)}`}
      revertedOn={(h, when) =>
        t('history.reverted_on', {
          when,
          name: h.revertedBy ? userName(h.revertedBy) : t('history.unknown_user'),
        })
      }
      dialogSummary={(h) => t('history.counts', h.counts)}
      revertResult={
        result && (
          <>
            <p className="panel__text" data-testid="import-restored">
              {t('reverted.restored', { count: result.restored })}
            </p>
            <p className="panel__text" data-testid="import-removed">
              {t('reverted.removed', { count: result.removed })}
            </p>
            {result.kept.length === 0 ? (
              <p className="panel__text">{t('reverted.kept_none')}</p>
            ) : (
              <>
                <p className="panel__text">{t('reverted.kept_intro')}</p>
                <ul className="client-import__kept">
                  {result.kept.map((k, i) => (
                    <KeptField key={`${k.entity}-${k.id}-${k.field}-${i}`} kept={k} />
                  ))}
                </ul>
              </>
            )}
          </>
        )
      }
    />
  );
}

function KeptField({ kept }: { kept: ImportKeptField }) {
  const { t, i18n } = useTranslation(['clientImport', 'clients']);
  const values = {
    field: fieldLabel(t, i18n, kept.field),
    name: kept.name,
    current: valueText(t, kept.current),
    imported: valueText(t, kept.imported),
  };
  return (
    <li data-testid="import-kept" data-entity={kept.entity} data-field={kept.field}>
      {kept.field === 'created'
        ? kept.entity === 'contacts'
          ? t('clientImport:reverted.kept_created_contact', values)
          : t('clientImport:reverted.kept_created_client', values)
        : kept.entity === 'contacts'
          ? t('clientImport:reverted.kept_contact', values)
          : t('clientImport:reverted.kept_client', values)}
    </li>
  );
}

/** Names behind user ids, from the directory every signed-in user may read. */
function useUserName(): (id: string) => string {
  const { t } = useTranslation('clientImport');
  const ensure = useDirectoryStore((s) => s.ensure);
  const byId = useDirectoryStore((s) => s.byId);
  const ready = useDirectoryStore((s) => s.status === 'ready');
  useEffect(() => void ensure(), [ensure]);
  return (id) => byId.get(id)?.displayName ?? (ready ? t('history.unknown_user') : '…');
}
