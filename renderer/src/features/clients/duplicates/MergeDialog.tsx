import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { MERGE_FIELDS, MERGE_MOVED } from '../../../../../shared/contract/clients.schema';
import type { MergeField, MergeOut, MergePreview } from '../../../../../shared/contract/clients.schema';
import { useServices } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { useFormErrors } from '../../../components/use-form-errors';
import { createMergeDialogStore, sideOf } from './merge.store';
import type { Side } from './merge.store';
import { useFieldLabel, useMergeValue } from './use-merge-values';
import './Merge.css';

interface Props {
  /** The pair as the scan listed it (a has the smaller id). */
  a: string;
  b: string;
  onClose: () => void;
  /** After the merge went through. */
  onMerged: (merge: MergeOut) => void;
}

const SIDES: readonly Side[] = ['survivor', 'merged'];

/**
 * Merging two suspected duplicates: the fields that differ side by side with a choice per field,
 * what moves to the client that stays, and a plain statement that the other one is archived and
 * the merge can be undone. Enter merges, Esc cancels; the core's refusals show here, translated.
 */
export function MergeDialog({ a, b, onClose, onMerged }: Props) {
  const { t, i18n } = useTranslation(['duplicates', 'common']);
  const { api } = useServices();
  const [store] = useState(() => createMergeDialogStore(api, a, b));
  const s = useStore(store);
  const form = useFormErrors(MERGE_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryId = useId();
  const label = useFieldLabel();

  useEffect(() => {
    void store.getState().open();
  }, [store]);

  // Once the comparison is there, the keyboard starts on the first choice (or on Merge), unless the
  // user is already somewhere in the dialog (e.g. on Swap).
  const ready = s.status === 'ready';
  useEffect(() => {
    const el = formRef.current;
    if (!ready || !el) return;
    const active = document.activeElement;
    if (active && active !== document.body && el.contains(active) && !active.hasAttribute('data-autofocus'))
      return;
    const first =
      el.querySelector<HTMLElement>('.merge__row input:checked') ??
      el.querySelector<HTMLElement>('[data-testid="merge-confirm"]');
    first?.focus();
  }, [ready]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (store.getState().status !== 'ready') return;
    form.reset();
    const result = await store.getState().merge();
    if (result) onMerged(result.merge);
    else form.fail(store.getState().mergeError);
  };

  // Enter merges from anywhere in the form but a button (Swap, Cancel do what they say).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (target.closest('button, a, textarea')) return;
    e.preventDefault();
    void submit();
  };

  const swap = () => {
    form.reset();
    void store.getState().swap();
  };

  const preview = s.preview;
  const busy = s.status !== 'ready';

  return (
    <Dialog
      title={t('merge_dialog.title')}
      onClose={onClose}
      wide
      describedBy={summaryId}
      testId="merge-dialog"
    >
      <form
        className="form merge"
        noValidate
        ref={formRef}
        onSubmit={(e) => void submit(e)}
        onKeyDown={onKeyDown}
        aria-busy={busy || undefined}
      >
        {form.formError && (
          <div className="form__alert" role="alert" data-testid="merge-error">
            {form.formError}
          </div>
        )}
        {s.status === 'failed' && <ErrorPanel error={s.error} onRetry={() => void store.getState().open()} />}
        {!preview && s.status === 'loading' && (
          <p className="muted" tabIndex={-1} data-autofocus data-testid="merge-loading">
            {t('merge_dialog.loading')}
          </p>
        )}
        {preview && (
          <>
            <div className="merge__sides">
              <div className="merge__side" data-side="survivor" data-testid="merge-survivor">
                <span className="merge__role">{t('merge_dialog.survivor')}</span>
                <strong className="merge__name">{preview.survivor.name}</strong>
              </div>
              <button
                type="button"
                className="button merge__swap"
                onClick={swap}
                // Not `disabled`: the keyboard stays on Swap while the new comparison loads.
                aria-disabled={busy || undefined}
                // A title, not aria-label: the accessible name must contain the visible "Swap".
                title={t('merge_dialog.swap_label', { name: preview.merged.name })}
                data-testid="merge-swap"
              >
                <span aria-hidden="true">⇄ </span>
                {t('merge_dialog.swap')}
              </button>
              <div className="merge__side" data-side="merged" data-testid="merge-merged">
                <span className="merge__role">{t('merge_dialog.merged')}</span>
                <strong className="merge__name">{preview.merged.name}</strong>
              </div>
            </div>

            <p className="merge__intro">
              {preview.differing.length ? t('merge_dialog.choose') : t('merge_dialog.same')}
            </p>
            {preview.differing.length > 0 && (
              <div className="merge__rows">
                {preview.differing.map((field) => (
                  <FieldRow
                    key={field}
                    field={field}
                    label={label(field)}
                    preview={preview}
                    parentNames={s.parentNames}
                    side={sideOf(s, field)}
                    disabled={busy}
                    error={form.errorOf(field)}
                    rowId={form.idOf(field)}
                    onChoose={(side) => {
                      form.clear(field);
                      store.getState().choose(field, side);
                    }}
                  />
                ))}
              </div>
            )}

            <div id={summaryId} className="merge__summary">
              <p data-testid="merge-moves">{movesText(t, i18n.language, preview)}</p>
              <p data-testid="merge-archive">
                {t('merge_dialog.archive', { merged: preview.merged.name, survivor: preview.survivor.name })}
              </p>
            </div>
            <p className="muted merge__keys">{t('merge_dialog.keys_hint')}</p>
          </>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} data-testid="merge-cancel">
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || !preview}
            aria-busy={s.status === 'merging' || undefined}
            data-testid="merge-confirm"
          >
            {s.status === 'merging' ? t('merge_dialog.merging') : t('merge_dialog.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type T = ReturnType<typeof useTranslation<'duplicates'>>['t'];

/** "3 contact persons, 12 visits and 1 deal will move to …", or that nothing else moves. */
function movesText(t: T, lang: string, preview: MergePreview): string {
  const parts = MERGE_MOVED.flatMap((kind) => {
    const count = preview.moves[kind] ?? 0;
    return count > 0 ? [t(`moves.${kind}`, { count })] : [];
  });
  if (!parts.length) return t('merge_dialog.moves_none', { merged: preview.merged.name });
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(parts);
  return t('merge_dialog.moves', { list, survivor: preview.survivor.name });
}

interface RowProps {
  field: MergeField;
  label: string;
  preview: MergePreview;
  parentNames: Record<string, string>;
  side: Side;
  disabled: boolean;
  error: string | undefined;
  /** The row's id: a refused field's row takes the keyboard (use-form-errors focuses it). */
  rowId: string;
  onChoose: (side: Side) => void;
}

function FieldRow({ field, label, preview, parentNames, side, disabled, error, rowId, onChoose }: RowProps) {
  const { t } = useTranslation('duplicates');
  const valueOf = useMergeValue();
  const labelId = useId();
  const name = useId();
  const errorId = `${rowId}-error`;
  return (
    <div
      className={error ? 'merge__row merge__row--error' : 'merge__row'}
      role="radiogroup"
      id={rowId}
      tabIndex={-1}
      aria-labelledby={labelId}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      data-testid={`merge-field-${field}`}
      data-field={field}
    >
      <span className="merge__field" id={labelId}>
        {label}
      </span>
      {SIDES.map((which) => {
        const client = which === 'survivor' ? preview.survivor : preview.merged;
        const value = valueOf(client, field, parentNames);
        return (
          <label key={which} className="merge__choice" data-side={which}>
            <input
              type="radio"
              name={name}
              value={which}
              checked={side === which}
              disabled={disabled}
              onChange={() => onChoose(which)}
              aria-label={t('merge_dialog.keep_value', { value, name: client.name })}
            />
            <span className="merge__value" title={value}>
              {value}
            </span>
          </label>
        );
      })}
      {error && (
        <span className="field__error merge__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
