import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientRow } from '../../../../../shared/contract/clients.schema';
import { useClientCardStore } from '../../../app/app-context';
import type { ControlProps } from '../../../components/Field';

export interface ParentChoice {
  id: string;
  name: string;
  city: string;
}

interface Props {
  control: ControlProps;
  selfId: string | null;
  value: ParentChoice | null;
  onChange: (value: ParentChoice | null) => void;
}

/**
 * The parent company: search as you type over the client list (10 at most), arrows to move, Enter
 * to pick (it does not submit the form then), Esc to close the list. The chosen one shows above.
 */
export function ParentPicker({ control, selfId, value, onChange }: Props) {
  const { t } = useTranslation(['clientCard', 'clients']);
  const searchParents = useClientCardStore((s) => s.searchParents);
  const listId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ClientRow[]>([]);
  const [state, setState] = useState<'closed' | 'searching' | 'open'>('closed');
  const [active, setActive] = useState(-1);
  const request = useRef(0);
  const listRef = useRef<HTMLUListElement>(null);

  // The list opens below the field, near the dialog's bottom: bring it into view.
  useEffect(() => {
    if (state === 'open') listRef.current?.scrollIntoView({ block: 'nearest' });
  }, [state]);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const mine = ++request.current;
    const timer = setTimeout(() => {
      searchParents(q, selfId).then(
        (rows) => {
          if (mine !== request.current) return;
          setResults(rows);
          setActive(rows.length ? 0 : -1);
          setState('open');
        },
        () => {
          if (mine !== request.current) return;
          setResults([]);
          setState('open');
        },
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [query, selfId, searchParents]);

  const closeList = () => {
    request.current++;
    setState('closed');
    setActive(-1);
  };

  const pick = (row: ClientRow) => {
    onChange({ id: row.id, name: row.name, city: row.city });
    setQuery('');
    setResults([]);
    closeList();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const open = state === 'open' && results.length > 0;
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((a) => (a + 1) % results.length);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? results.length - 1 : a - 1));
    } else if (e.key === 'Enter' && open && active >= 0) {
      // Picking, not saving: the form's Enter waits until the list is closed.
      e.preventDefault();
      const row = results[active];
      if (row) pick(row);
    } else if (e.key === 'Escape' && state !== 'closed') {
      // Closes the list only; a second Esc closes the dialog.
      e.preventDefault();
      e.stopPropagation();
      closeList();
    }
  };

  const expanded = state !== 'closed';
  const optionId = (i: number) => `${listId}-o${i}`;

  return (
    <div className="parent-picker">
      {value && (
        <p className="parent-picker__current" data-testid="client-parent-current">
          <span className="parent-picker__name" title={`${value.name}, ${value.city}`}>
            {t('client_form.parent_current', { name: `${value.name}, ${value.city}` })}
          </span>
          <button
            type="button"
            className="button button--small button--danger-quiet"
            onClick={() => onChange(null)}
            data-testid="client-parent-remove"
          >
            {t('client_form.parent_remove')}
          </button>
        </p>
      )}
      <input
        {...control}
        className="field__input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        name="parentSearch"
        value={query}
        data-testid="client-field-parentId"
        onChange={(e) => {
          const q = e.target.value;
          setQuery(q);
          if (q.trim()) setState('searching');
          else {
            setResults([]);
            closeList();
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Let a click on an option land first.
          setTimeout(closeList, 150);
        }}
      />
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={t('client_form.parent_results')}
        className="parent-picker__list"
        hidden={!expanded}
      >
        {state === 'searching' && (
          <li className="parent-picker__note" role="presentation">
            {t('client_form.parent_searching')}
          </li>
        )}
        {state === 'open' && results.length === 0 && (
          <li className="parent-picker__note" role="presentation">
            {t('client_form.parent_no_results')}
          </li>
        )}
        {state === 'open' &&
          results.map((r, i) => (
            <li
              key={r.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={
                i === active ? 'parent-picker__option parent-picker__option--active' : 'parent-picker__option'
              }
              data-testid="client-parent-option"
              data-client-id={r.id}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(r)}
            >
              <span className="parent-picker__name" title={r.name}>
                {r.name}
              </span>
              <span className="parent-picker__meta">
                {[r.postalCode, r.city].filter(Boolean).join(' ')}
                {r.taxId ? ` · ${r.taxId}` : ''}
              </span>
            </li>
          ))}
      </ul>
    </div>
  );
}
