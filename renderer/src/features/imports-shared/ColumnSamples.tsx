import { columnSamples } from './mapped-import.store';

/**
 * A mapping table's cell with the first values of a file's column (or a muted "empty"), so the
 * operator sees what the column holds before choosing its target. Each import styles it with its
 * own block (`<block>__samples`, `<block>__sample`), hence the class prefix.
 */
export function ColumnSamples({
  rows,
  column,
  block,
  emptyText,
}: {
  rows: readonly (readonly string[])[];
  column: number;
  block: string;
  emptyText: string;
}) {
  const values = columnSamples(rows, column);
  return (
    <td className={`${block}__samples`}>
      {values.length ? (
        values.map((v, i) => (
          <span key={i} className={`${block}__sample`} title={v}>
            {v}
          </span>
        ))
      ) : (
        <span className="muted">{emptyText}</span>
      )}
    </td>
  );
}
