import { useId, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueueStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { useFormErrors } from '../../../components/use-form-errors';

const FIELDS = ['note'] as const;

/**
 * Rejects a correction request with a note that goes back to the rep (required: the core refuses an
 * empty one, and its answer lands on the field). Enter rejects, Shift+Enter starts a new line,
 * Esc cancels.
 */
export function RejectDialog({
  requestId,
  summary,
  onClose,
  onDone,
}: {
  requestId: string;
  /** What is being rejected, in words: field, client, proposed value. */
  summary: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('queue');
  const reject = useQueueStore((s) => s.reject);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const summaryId = useId();

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await reject(requestId, note);
      onDone();
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void submit();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <Dialog title={t('reject.title')} onClose={onClose} describedBy={summaryId} testId="reject-dialog">
      <form className="form" noValidate onSubmit={onSubmit}>
        <p className="reject__summary" id={summaryId}>
          {summary}
        </p>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field {...form.fieldProps('note', t('reject.note'), t('reject.note_hint'))}>
          {(p) => (
            <textarea
              {...p}
              data-autofocus
              className="field__input reject__note"
              rows={4}
              maxLength={1000}
              aria-required="true"
              name="note"
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                form.clear('note');
              }}
              onKeyDown={onKeyDown}
              data-testid="reject-note"
            />
          )}
        </Field>
        <FormDialogActions
          onCancel={onClose}
          busy={busy}
          submitLabel={t('reject.submit')}
          busyLabel={t('reject.busy')}
        />
      </form>
    </Dialog>
  );
}
