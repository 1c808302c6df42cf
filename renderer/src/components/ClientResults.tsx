import type { ClientRow } from '../../../shared/contract/clients.schema';

/**
 * The matches of a client search as buttons (name, postal code and city, tax ID): the action
 * wizard and the deal dialog pick a client the same way, so they show the candidates the same way.
 * `testId` names each option (`<testId>` with `data-id`); `className` is the list's block class.
 */
export function ClientResults({
  rows,
  onPick,
  label,
  empty,
  testId,
  className,
}: {
  rows: readonly ClientRow[];
  onPick: (c: ClientRow) => void;
  label: string;
  empty: string;
  testId: string;
  className: string;
}) {
  return (
    <ul className={className} aria-label={label}>
      {rows.length === 0 && <li className="muted">{empty}</li>}
      {rows.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className={`${className}__option`}
            data-testid={testId}
            data-id={c.id}
            onClick={() => onPick(c)}
          >
            <span className="strong">{c.name}</span>
            <span className="muted">
              {[c.postalCode, c.city].filter(Boolean).join(' ')}
              {c.taxId ? ` · ${c.taxId}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
