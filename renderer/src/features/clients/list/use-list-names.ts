import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionariesStore, useDirectoryStore } from '../../../app/app-context';
import { currentLanguage } from '../../../i18n/i18n';
import type { NameLookups } from './client-list.selectors';

/**
 * Names behind the ids in client rows (reps from the directory, segments from the dictionaries in
 * the user's language), resolved once for the whole table: rows get strings, not store subscriptions.
 * Loads both sources on first use. A new object only when a source or the language changes.
 */
export function useListNames(): NameLookups {
  const { t, i18n } = useTranslation(['clientList', 'clients']);
  const ensureDirectory = useDirectoryStore((s) => s.ensure);
  const directoryReady = useDirectoryStore((s) => s.status === 'ready');
  const byId = useDirectoryStore((s) => s.byId);
  const dictionariesStatus = useDictionariesStore((s) => s.status);
  const loadDictionaries = useDictionariesStore((s) => s.load);
  const items = useDictionariesStore((s) => s.items);
  const lang = currentLanguage(i18n);

  useEffect(() => {
    void ensureDirectory();
  }, [ensureDirectory]);
  useEffect(() => {
    if (dictionariesStatus === 'idle') void loadDictionaries();
  }, [dictionariesStatus, loadDictionaries]);

  const dictionariesReady = dictionariesStatus === 'ready';
  return useMemo(() => {
    const segments = new Map(items.filter((d) => d.kind === 'segment').map((d) => [d.id, d.labels[lang]]));
    return {
      // Until the names arrive, an id shows as nothing rather than as "unknown".
      rep: (id) =>
        id === null
          ? t('clients:no_rep')
          : (byId.get(id)?.displayName ?? (directoryReady ? t('grid.unknown_user') : '')),
      segment: (id) =>
        id === null
          ? t('clients:no_segment')
          : (segments.get(id) ?? (dictionariesReady ? t('grid.unknown_segment') : '')),
      status: (s) => (s === 'active' || s === 'inactive' ? t(`clients:status.${s}`) : (s ?? '—')),
    };
  }, [byId, directoryReady, items, dictionariesReady, lang, t]);
}
