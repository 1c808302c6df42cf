import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Labels =
  /** A dialog that creates or edits: "Create"/"Creating…" or "Save"/"Saving…". */
  | { editing: boolean; submitLabel?: undefined; busyLabel?: undefined }
  /** Any other action: its own texts. */
  | { editing?: undefined; submitLabel: string; busyLabel: string };

type Props = Labels & {
  onCancel: () => void;
  busy: boolean;
  /** Extra actions on the left (e.g. reset a password), apart from Cancel and submit. */
  start?: ReactNode;
};

/** The footer of every form dialog: Cancel, then the one submit button, busy while saving. */
export function FormDialogActions({ onCancel, busy, start, ...labels }: Props) {
  const { t } = useTranslation('common');
  const submit = labels.submitLabel ?? t(labels.editing ? 'actions.save' : 'actions.create');
  const pending = labels.busyLabel ?? t(labels.editing ? 'actions.saving' : 'actions.creating');
  return (
    <div className="dialog__actions">
      {start && <div className="dialog__actions-start">{start}</div>}
      <button type="button" className="button" onClick={onCancel}>
        {t('actions.cancel')}
      </button>
      <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
        {busy ? pending : submit}
      </button>
    </div>
  );
}
