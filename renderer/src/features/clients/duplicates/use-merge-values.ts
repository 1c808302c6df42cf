import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, MergeField } from '../../../../../shared/contract/clients.schema';
import { formatAuditValue } from '../card/client-card.selectors';
import { useCardLookups, useValueWords } from '../card/use-card-lookups';
import { displayTaxId } from '../phone-format';

// How the merge dialog and the undo's report show values: the words the card's history uses (names
// for reps and segments, the address on one line, phones and tax ids as people write them).

/** A field's label: the client form's, else the card history's, else the field's own name. */
export function useFieldLabel(): (field: string) => string {
  const { t, i18n } = useTranslation(['duplicates', 'clients', 'clientCard']);
  return useCallback(
    (field: string) => {
      if (i18n.exists(`clients:fields.${field}`)) return t(`clients:fields.${field}` as never);
      if (i18n.exists(`clientCard:history.fields.${field}`))
        return t(`clientCard:history.fields.${field}` as never);
      return field;
    },
    [t, i18n],
  );
}

/** One client's value of a merge field, readable. */
export function useMergeValue(): (
  client: Client,
  field: MergeField,
  parentNames: Record<string, string>,
) => string {
  const lookups = useCardLookups();
  const words = useValueWords(lookups);
  return useCallback(
    (client, field, parentNames) => {
      const value = client[field];
      if (field === 'taxId' && typeof value === 'string' && value)
        return displayTaxId(value, client.address.country);
      if (field === 'parentId' && typeof value === 'string' && value) return parentNames[value] ?? value;
      return formatAuditValue(value, field, 'clients', words);
    },
    [words],
  );
}
