import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import type { DirectoryEntry } from '../../../../../shared/contract/users.schema';
import { useDictionariesStore, useDirectoryStore } from '../../../app/app-context';
import { currentLanguage } from '../../../i18n/i18n';
import { itemsOf } from '../../admin/dictionaries/dictionaries.selectors';
import { displayPhone } from '../phone-format';
import type { ValueWords } from './client-card.selectors';

// Names behind the ids a card shows (reps, segments, who changed what), loaded once per session:
// the directory for people (any role may read it), the dictionaries for segments and call statuses.

export interface CardLookups {
  userName: (id: string | null | undefined) => string | null;
  segmentLabel: (id: string | null | undefined) => string | null;
  /** A dictionary code (call statuses) as its label, or null when it is not one. */
  codeLabel: (code: string) => string | null;
  /** Active segments, plus the one already chosen. */
  segmentChoices: (current: string | null) => DictionaryItem[];
  /** Active reps, plus the one already chosen. */
  repChoices: (current: string | null) => DirectoryEntry[];
}

export function useCardLookups(): CardLookups {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const ensureDirectory = useDirectoryStore((s) => s.ensure);
  const byId = useDirectoryStore((s) => s.byId);
  const entries = useDirectoryStore((s) => s.entries);
  const dictStatus = useDictionariesStore((s) => s.status);
  const loadDictionaries = useDictionariesStore((s) => s.load);
  const items = useDictionariesStore((s) => s.items);

  useEffect(() => {
    void ensureDirectory();
  }, [ensureDirectory]);
  useEffect(() => {
    if (dictStatus === 'idle') void loadDictionaries();
  }, [dictStatus, loadDictionaries]);

  return useMemo(() => {
    const dict = new Map(items.map((d) => [d.id, d]));
    const callStatus = new Map(itemsOf(items, 'callStatus').map((d) => [d.code, d]));
    const segments = itemsOf(items, 'segment');
    const collator = new Intl.Collator(lang, { sensitivity: 'base' });
    const reps = entries
      .filter((e) => e.role === 'rep')
      .sort((a, b) => collator.compare(a.displayName, b.displayName));
    return {
      userName: (id) => (id ? (byId.get(id)?.displayName ?? null) : null),
      segmentLabel: (id) => {
        const d = id ? dict.get(id) : undefined;
        return d ? d.labels[lang] : null;
      },
      codeLabel: (code) => callStatus.get(code)?.labels[lang] ?? null,
      segmentChoices: (current) => segments.filter((d) => d.active || d.id === current),
      repChoices: (current) => reps.filter((r) => r.active || r.id === current),
    };
  }, [items, entries, byId, lang]);
}

/** The words a history value needs, in the current language, with names for ids and codes. */
export function useValueWords(lookups: CardLookups): ValueWords {
  const { t } = useTranslation(['clientCard', 'clients']);
  return useMemo<ValueWords>(
    () => ({
      none: '—',
      yes: t('history.yes'),
      no: t('history.no'),
      granted: t('history.granted'),
      refused: t('history.refused'),
      channel: (c) => (c === 'email' || c === 'phone' || c === 'sms' ? t(`clients:channels.${c}`) : c),
      country: (c) => (c === 'PL' || c === 'CZ' ? t(`clients:countries.${c}`) : c),
      name: (field, value, entity) => {
        if (field === 'repId' || field === 'createdBy' || field === 'updatedBy')
          return lookups.userName(value);
        if (field === 'segmentId') return lookups.segmentLabel(value);
        if (field === 'phone' || field === 'phones') return displayPhone(value);
        if (field === 'status') {
          if (entity === 'contacts' && (value === 'confirmed' || value === 'proposed'))
            return t(`clients:contact_status.${value}`);
          if (value === 'active' || value === 'inactive') return t(`clients:status.${value}`);
        }
        if (field === 'country' && (value === 'PL' || value === 'CZ')) return t(`clients:countries.${value}`);
        return null;
      },
    }),
    [t, lookups],
  );
}
