import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/error-text';
import { Dialog } from './Dialog';
import { FormDialogActions } from './FormDialogActions';

/** The texts of a "save the mapping as a preset" dialog, in the caller's namespace. */
export interface PresetNameTexts {
  title: string;
  name: string;
  hint: string;
  confirm: string;
  saving: string;
}

/**
 * Names a column mapping to keep it as a preset (the client import and the call import). `save`
 * answers whether it worked and, if not, the error to show; the dialog stays open then.
 */
export function PresetNameDialog({
  texts,
  testId,
  initialName,
  save,
  onClose,
  onSaved,
}: {
  texts: PresetNameTexts;
  /** Prefix of the dialog's test ids: `${testId}-dialog`, `${testId}-name`, `${testId}-error`. */
  testId: string;
  initialName: string;
  save: (name: string) => Promise<{ ok: true } | { ok: false; error: unknown }>;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { i18n } = useTranslation();
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    setError(null);
    const r = await save(trimmed);
    setBusy(false);
    if (r.ok) onSaved(trimmed);
    else setError(r.error);
  };

  return (
    <Dialog title={texts.title} onClose={onClose} testId={`${testId}-dialog`}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            {texts.name}
          </label>
          <input
            id={`${id}-name`}
            className="field__input"
            value={name}
            maxLength={80}
            required
            onChange={(e) => setName(e.currentTarget.value)}
            aria-describedby={`${id}-hint`}
            data-autofocus
            data-testid={`${testId}-name`}
          />
          <p className="field__hint" id={`${id}-hint`}>
            {texts.hint}
          </p>
        </div>
        {error !== null && (
          <div className="form__alert" role="alert" data-testid={`${testId}-error`}>
            {errorText(i18n, error)}
          </div>
        )}
        <FormDialogActions
          onCancel={onClose}
          busy={busy}
          submitLabel={texts.confirm}
          busyLabel={texts.saving}
        />
      </form>
    </Dialog>
  );
}
