import { useId } from 'react';

/** A multi-select as a group of checkboxes: every option one Tab stop, Space to pick. */
export function CheckList({
  legend,
  hint,
  error,
  options,
  selected,
  onChange,
  testId,
  errorId,
}: {
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly { id: string; label: string }[];
  selected: readonly string[];
  onChange: (id: string, on: boolean) => void;
  testId?: string;
  /** The id the form focuses when this field has an error (its first checkbox). */
  errorId?: string;
}) {
  const base = useId();
  const describedBy = [hint ? `${base}-hint` : '', error ? `${base}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className="field catalog-checks"
      data-testid={testId}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <div className="catalog-checks__list">
        {options.map((o, i) => (
          <div className="field--check" key={o.id}>
            <input
              id={i === 0 && errorId ? errorId : `${base}-${o.id}`}
              type="checkbox"
              className="check"
              checked={selected.includes(o.id)}
              onChange={(e) => onChange(o.id, e.target.checked)}
            />
            <label className="field__label" htmlFor={i === 0 && errorId ? errorId : `${base}-${o.id}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
      {hint && (
        <p className="field__hint" id={`${base}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${base}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
