import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionariesStore } from '../../../app/app-context';
import { currentLanguage } from '../../../i18n/i18n';

/** The segment dictionary in the UI's language: labels by id, and the options a picker offers. */
export function useSegments() {
  const { i18n } = useTranslation();
  const status = useDictionariesStore((s) => s.status);
  const items = useDictionariesStore((s) => s.items);
  const load = useDictionariesStore((s) => s.load);
  const lang = currentLanguage(i18n);

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  const segments = items.filter((d) => d.kind === 'segment').sort((a, b) => a.order - b.order);
  const label = (id: string) => segments.find((d) => d.id === id)?.labels[lang] ?? id;
  return {
    label,
    /** Active segments, plus inactive ones the record still names (so they can be kept or dropped). */
    options: (selected: readonly string[]) =>
      segments
        .filter((d) => d.active || selected.includes(d.id))
        .map((d) => ({ id: d.id, label: d.labels[lang] })),
  };
}
