import type { TFunction } from 'i18next';
import type { CallCandidate } from '../../../../shared/contract/calls.schema';
import type { DictionaryItem } from '../../../../shared/contract/dictionaries.schema';

// Small texts shared by the calls' screens.

/** A dictionary item's label in the UI's language ('pl-PL' reads as 'pl'), English otherwise. */
export function dictionaryLabel(item: Pick<DictionaryItem, 'labels'>, language: string): string {
  const base = language.slice(0, 2);
  return base === 'pl' || base === 'cs' ? item.labels[base] : item.labels.en;
}

/** The column's name in the file, or "Column 3" when it has none (no header row, an empty cell). */
export function columnName(t: TFunction<'calls'>, headers: readonly string[], index: number): string {
  const h = headers[index]?.trim();
  return h ? h : t('import.column', { n: index + 1 });
}

/** "Sklep Łąka — Jan Nowak", or just the client. */
export function candidateName(c: Pick<CallCandidate, 'clientName' | 'contactName'>): string {
  return c.contactName ? `${c.clientName} — ${c.contactName}` : c.clientName;
}
