import { useTranslation } from 'react-i18next';
import type { KeptField } from '../../../../../shared/contract/clients.schema';
import { formatAuditValue } from '../card/client-card.selectors';
import { useCardLookups, useValueWords } from '../card/use-card-lookups';
import { useFieldLabel } from './use-merge-values';
import './Merge.css';

/** What an undo left as it was, because it was changed after the merge. */
export function KeptList({ kept }: { kept: readonly KeptField[] }) {
  const { t, i18n } = useTranslation('duplicates');
  const label = useFieldLabel();
  const lookups = useCardLookups();
  const words = useValueWords(lookups);
  if (!kept.length)
    return (
      <p className="merge-kept__none" data-testid="merge-kept-none">
        {t('kept.none')}
      </p>
    );
  const what = (k: KeptField) => {
    const field = label(k.field);
    if (k.entity === 'clients') return field;
    const entity = i18n.exists(`duplicates:kept.entity.${k.entity}`)
      ? t(`kept.entity.${k.entity}` as never)
      : k.entity;
    return `${entity} · ${field}`;
  };
  return (
    <div className="merge-kept">
      <p className="merge-kept__title">{t('kept.title')}</p>
      <ul className="merge-kept__list">
        {kept.map((k) => (
          <li
            key={`${k.entity}|${k.id}|${k.field}`}
            data-testid="merge-kept"
            data-entity={k.entity}
            data-field={k.field}
          >
            {t('kept.item', {
              what: what(k),
              current: formatAuditValue(k.current, k.field, k.entity, words),
              restore: formatAuditValue(k.restore, k.field, k.entity, words),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
