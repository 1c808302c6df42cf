import { useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionDetail } from '../../../../../shared/contract/actions.schema';
import { SETTLEMENT_METHODS } from '../../../../../shared/contract/actions.schema';
import type { DictionaryKind } from '../../../../../shared/contract/dictionaries.schema';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useFormErrors } from '../../../components/use-form-errors';
import type { FormErrors } from '../../../components/use-form-errors';
import type { ControlProps } from '../../../components/Field';
import { currentLanguage } from '../../../i18n/i18n';
import { formatMonth, methodKey } from '../action-format';
import {
  CLOSE_FIELDS,
  closeRequest,
  EDIT_FIELDS,
  editRequest,
  editValues,
  NOTE_FIELDS,
  noteRequest,
  RECOMMEND_FIELDS,
  recommendRequest,
  SETTLE_FIELDS,
  settleRequest,
} from './action-forms';
import type { EditField, EditValues, Issues } from './action-forms';
import type { ActionState } from './action.store';
import { useMoney } from './use-money';

// The dialogs of the steps taken on one action. Each builds its input with action-forms (amounts
// to minor units, limits checked first), sends it through the store, and shows a refusal on its
// fields (use-form-errors); the screen announces what happened once the dialog has closed.

export interface StepDialogProps {
  detail: ActionDetail;
  store: StoreApi<ActionState>;
  onClose: () => void;
  /** The step went through: the screen closes the dialog and announces `message`. */
  onDone: (message: string) => void;
}

/** Cancel and the one submit button (FormDialogActions' layout, with the e2e hook on submit). */
export function DialogFooter({
  onCancel,
  busy,
  label,
  busyLabel,
  danger,
  cancelLabel,
}: {
  onCancel: () => void;
  busy: boolean;
  label: string;
  busyLabel: string;
  danger?: boolean;
  cancelLabel?: string;
}) {
  const { t } = useTranslation('common');
  return (
    <div className="dialog__actions">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel ?? t('actions.cancel')}
      </button>
      <button
        type="submit"
        className={danger ? 'button button--danger' : 'button button--primary'}
        disabled={busy}
        aria-busy={busy || undefined}
        data-testid="dialog-submit"
      >
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

export function FormAlert({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="form__alert" role="alert" data-testid="dialog-error">
      {text}
    </div>
  );
}

/**
 * A submit that checks locally first (issues on their fields), then sends; a refusal from the core
 * goes to the fields as well, and the dialog stays open.
 */
export function useSubmit<F extends string>(form: FormErrors<F>) {
  const [busy, setBusy] = useState(false);
  const run = async <I,>(
    built: { ok: true; input: I } | { ok: false; issues: Issues<F> },
    send: (input: I) => Promise<unknown>,
    onDone: () => void,
  ) => {
    if (!built.ok) {
      form.failFields(built.issues);
      return;
    }
    form.reset();
    setBusy(true);
    try {
      await send(built.input);
      onDone();
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };
  return { busy, run };
}

const submitOf = (fn: () => Promise<void>) => (e: FormEvent<HTMLFormElement>) => {
  e.preventDefault();
  void fn();
};

/** The items of a dictionary in the UI's language, loaded when the dialog opens. */
function useDictionary(store: StoreApi<ActionState>, kind: DictionaryKind) {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const options = useStore(store, (s) => s.dictionaries[kind]);
  useEffect(() => void store.getState().loadDictionary(kind), [store, kind]);
  return {
    status: options?.status ?? 'loading',
    items: (options?.items ?? []).map((d) => ({ id: d.id, label: d.labels[lang], active: d.active })),
  };
}

function DictionarySelect({
  store,
  kind,
  value,
  onChange,
  control,
  testId,
  required,
}: {
  store: StoreApi<ActionState>;
  kind: DictionaryKind;
  value: string;
  onChange: (v: string) => void;
  control: ControlProps & { 'data-autofocus'?: boolean };
  testId?: string;
  required?: boolean;
}) {
  const { t } = useTranslation('actionDetail');
  const dict = useDictionary(store, kind);
  return (
    <select
      {...control}
      className="field__input"
      value={value}
      aria-required={required || undefined}
      data-testid={testId}
      aria-busy={dict.status === 'loading' || undefined}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">
        {dict.status === 'failed'
          ? t('dialog.list_failed')
          : dict.status === 'loading'
            ? t('dialog.loading')
            : t('dialog.pick')}
      </option>
      {dict.items
        // An inactive item stays offered only while the action still names it.
        .filter((d) => d.active || d.id === value)
        .map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
    </select>
  );
}

// ---- edit ----

export function EditDialog({ detail, store, onClose, onDone }: StepDialogProps) {
  const { t } = useTranslation(['actionDetail', 'actions', 'common']);
  const m = useMoney();
  const { action, can } = detail;
  const [v, setV] = useState<EditValues>(() => editValues(action, m.input));
  const form = useFormErrors(EDIT_FIELDS);
  const { busy, run } = useSubmit(form);
  const may = (f: string) => can.editable.includes(f);
  const set = (f: EditField, value: string) => {
    setV((prev) => ({ ...prev, [f]: value }));
    form.clear(f);
  };
  const tx = t as unknown as (key: string) => string;

  const submit = async () => {
    const built = editRequest(action, v, can.editable);
    if (built.ok && Object.keys(built.input.patch).length === 0) {
      onClose();
      return;
    }
    await run(
      built,
      (input) => store.getState().edit({ patch: input.patch, note: input.note }),
      () => onDone(t('done.saved')),
    );
  };

  const text = (f: 'title' | 'startDate' | 'endDate', label: string, type: string, max?: number) =>
    may(f) && (
      <Field {...form.fieldProps(f, label)}>
        {(p) => (
          <input
            {...p}
            className={type === 'date' ? 'field__input field__input--medium' : 'field__input'}
            type={type}
            maxLength={max}
            value={v[f]}
            onChange={(e) => set(f, e.target.value)}
          />
        )}
      </Field>
    );

  const running = !may('title') && may('endDate');
  return (
    <Dialog title={t('dialog.edit_title')} onClose={onClose} wide testId="action-edit-dialog">
      <form className="form" noValidate onSubmit={submitOf(submit)}>
        <FormAlert text={form.formError} />
        {running && <p className="muted">{t('dialog.edit_running')}</p>}
        {text('title', t('dialog.title'), 'text', 120)}
        {(may('startDate') || may('endDate')) && (
          <div className="form__row">
            {text('startDate', t('dialog.start'), 'date')}
            {text('endDate', t('dialog.end'), 'date')}
          </div>
        )}
        {may('modeId') && (
          <Field {...form.fieldProps('modeId', t('dialog.mode'))}>
            {(p) => (
              <DictionarySelect
                store={store}
                kind="actionMode"
                value={v.modeId}
                control={p}
                onChange={(x) => set('modeId', x)}
              />
            )}
          </Field>
        )}
        {may('description') && (
          <Field {...form.fieldProps('description', t('dialog.description'))}>
            {(p) => (
              <textarea
                {...p}
                className="field__input"
                rows={3}
                maxLength={4000}
                value={v.description}
                onChange={(e) => set('description', e.target.value)}
              />
            )}
          </Field>
        )}
        {may('conditions') && (
          <Field {...form.fieldProps('conditions', t('dialog.conditions'), t('dialog.conditions_hint'))}>
            {(p) => (
              <textarea
                {...p}
                className="field__input"
                rows={Math.min(10, Math.max(3, action.conditions.length + 1))}
                value={v.conditions}
                onChange={(e) => set('conditions', e.target.value)}
              />
            )}
          </Field>
        )}
        {may('settlementMethod') && (
          <Field {...form.fieldProps('settlementMethod', t('dialog.method'))}>
            {(p) => (
              <select
                {...p}
                className="field__input"
                value={v.settlementMethod}
                onChange={(e) => set('settlementMethod', e.target.value)}
              >
                <option value="">{t('dialog.pick')}</option>
                {SETTLEMENT_METHODS.map((x) => (
                  <option key={x} value={x}>
                    {tx(`actions:${methodKey(x)}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {(may('agreedAmount') || may('budgetMonth')) && (
          <div className="form__row">
            {may('agreedAmount') && (
              <Field {...form.fieldProps('agreedAmount', t('dialog.agreed', { currency: m.currency }))}>
                {(p) => (
                  <input
                    {...p}
                    className="field__input field__input--medium"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={v.agreedAmount}
                    onChange={(e) => set('agreedAmount', e.target.value)}
                  />
                )}
              </Field>
            )}
            {may('budgetMonth') && (
              <Field {...form.fieldProps('budgetMonth', t('dialog.budget_month'))}>
                {(p) => (
                  <input
                    {...p}
                    className="field__input field__input--medium"
                    type="month"
                    placeholder="YYYY-MM"
                    value={v.budgetMonth}
                    onChange={(e) => set('budgetMonth', e.target.value)}
                  />
                )}
              </Field>
            )}
          </div>
        )}
        <Field {...form.fieldProps('note', t('dialog.edit_note'))}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="text"
              maxLength={1000}
              value={v.note}
              onChange={(e) => set('note', e.target.value)}
            />
          )}
        </Field>
        <DialogFooter
          onCancel={onClose}
          busy={busy}
          label={t('common:actions.save')}
          busyLabel={t('common:actions.saving')}
        />
      </form>
    </Dialog>
  );
}

// ---- register ----

export function RegisterDialog({ detail, store, onClose, onDone }: StepDialogProps) {
  const { t } = useTranslation('actionDetail');
  const m = useMoney();
  const form = useFormErrors([] as const);
  const { busy, run } = useSubmit(form);
  const { action, budget } = detail;
  return (
    <Dialog title={t('dialog.register_title')} onClose={onClose} testId="action-register-dialog">
      <form
        className="form"
        noValidate
        onSubmit={submitOf(() =>
          run(
            { ok: true, input: null },
            () => store.getState().register(),
            () => onDone(t('done.registered')),
          ),
        )}
      >
        <FormAlert text={form.formError} />
        {action.agreedAmount !== null && action.budgetMonth && (
          <p>
            {t('dialog.register_text', {
              amount: m.money(action.agreedAmount),
              month: formatMonth(action.budgetMonth, m.lang),
            })}
            {budget && ` ${t('dialog.register_available', { amount: m.money(budget.available) })}`}
          </p>
        )}
        <DialogFooter
          onCancel={onClose}
          busy={busy}
          label={t('dialog.register_submit')}
          busyLabel={t('dialog.registering')}
        />
      </form>
    </Dialog>
  );
}

// ---- cancel ----

export function CancelDialog({ store, onClose, onDone }: StepDialogProps) {
  const { t } = useTranslation('actionDetail');
  const [note, setNote] = useState('');
  const form = useFormErrors(NOTE_FIELDS);
  const { busy, run } = useSubmit(form);
  return (
    <Dialog title={t('dialog.cancel_title')} onClose={onClose} testId="action-cancel-dialog">
      <form
        className="form"
        noValidate
        onSubmit={submitOf(() =>
          run(
            { ok: true, input: note.trim() },
            (n) => store.getState().cancel(n),
            () => onDone(t('done.cancelled')),
          ),
        )}
      >
        <FormAlert text={form.formError} />
        <p>{t('dialog.cancel_text')}</p>
        <NoteField form={form} label={t('dialog.note_optional')} value={note} onChange={setNote} />
        <DialogFooter
          onCancel={onClose}
          cancelLabel={t('dialog.keep')}
          busy={busy}
          danger
          label={t('dialog.cancel_submit')}
          busyLabel={t('dialog.cancelling')}
        />
      </form>
    </Dialog>
  );
}

function NoteField({
  form,
  label,
  value,
  onChange,
  required,
  testId,
}: {
  form: FormErrors<'note'>;
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  testId?: string;
}) {
  return (
    <Field {...form.fieldProps('note', label)}>
      {(p) => (
        <textarea
          {...p}
          className="field__input"
          rows={3}
          maxLength={2000}
          aria-required={required || undefined}
          value={value}
          data-testid={testId}
          data-autofocus={required || undefined}
          onChange={(e) => {
            onChange(e.target.value);
            form.clear('note');
          }}
        />
      )}
    </Field>
  );
}

// ---- close without settlement ----

export function CloseDialog({ detail, store, onClose, onDone }: StepDialogProps) {
  const { t } = useTranslation('actionDetail');
  const m = useMoney();
  const [reasonId, setReasonId] = useState('');
  const [note, setNote] = useState('');
  const form = useFormErrors(CLOSE_FIELDS);
  const { busy, run } = useSubmit(form);
  const agreed = detail.action.agreedAmount;
  return (
    <Dialog title={t('dialog.close_title')} onClose={onClose} testId="action-close-dialog">
      <form
        className="form"
        noValidate
        onSubmit={submitOf(() =>
          run(
            closeRequest({ reasonId, note }, detail.action.id),
            (i) => store.getState().closeUnsettled({ reasonId: i.reasonId, note: i.note }),
            () => onDone(t('done.closed')),
          ),
        )}
      >
        <FormAlert text={form.formError} />
        {agreed !== null && <p>{t('dialog.close_text', { amount: m.money(agreed) })}</p>}
        <Field {...form.fieldProps('reasonId', t('dialog.close_reason'))}>
          {(p) => (
            <DictionarySelect
              store={store}
              kind="failureReason"
              value={reasonId}
              control={{ ...p, 'data-autofocus': true }}
              required
              testId="close-reason"
              onChange={(x) => {
                setReasonId(x);
                form.clear('reasonId');
              }}
            />
          )}
        </Field>
        <Field {...form.fieldProps('note', t('dialog.close_note'))}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={3}
              maxLength={2000}
              aria-required="true"
              value={note}
              data-testid="close-note"
              onChange={(e) => {
                setNote(e.target.value);
                form.clear('note');
              }}
            />
          )}
        </Field>
        <DialogFooter
          onCancel={onClose}
          busy={busy}
          danger
          label={t('dialog.close_submit')}
          busyLabel={t('dialog.closing')}
        />
      </form>
    </Dialog>
  );
}

// ---- recommend ----

export function RecommendDialog({ detail, store, onClose, onDone }: StepDialogProps) {
  const { t } = useTranslation('actionDetail');
  const m = useMoney();
  const { action } = detail;
  const agreed = action.agreedAmount;
  // A returned recommendation is offered again as it was, to be adjusted.
  const [amount, setAmount] = useState(
    action.recommendedAmount !== null ? m.input(action.recommendedAmount) : '',
  );
  const [justification, setJustification] = useState(action.justification);
  const form = useFormErrors(RECOMMEND_FIELDS);
  const { busy, run } = useSubmit(form);
  return (
    <Dialog title={t('dialog.recommend_title')} onClose={onClose} testId="action-recommend-dialog">
      <form
        className="form"
        noValidate
        onSubmit={submitOf(() =>
          run(
            recommendRequest({ amount, justification }, { id: action.id, agreed, money: m.money }),
            (i) => store.getState().recommend({ amount: i.amount, justification: i.justification }),
            () => onDone(t('done.recommended')),
          ),
        )}
      >
        <FormAlert text={form.formError} />
        <Field
          {...form.fieldProps(
            'amount',
            t('dialog.amount', { currency: m.currency }),
            agreed !== null ? t('dialog.recommend_hint', { amount: m.money(agreed) }) : undefined,
          )}
        >
          {(p) => (
            <span className="action-amount-input">
              <input
                {...p}
                className="field__input field__input--medium"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                aria-required="true"
                data-autofocus
                data-testid="recommend-amount"
                value={amount}
                onChange={(e) => {
                  setAmount(e.target.value);
                  form.clear('amount');
                }}
              />
              {agreed !== null && (
                <button
                  type="button"
                  className="button button--small"
                  data-testid="recommend-full"
                  onClick={() => {
                    setAmount(m.input(agreed));
                    form.clear('amount');
                  }}
                >
                  {t('dialog.recommend_full')}
                </button>
              )}
            </span>
          )}
        </Field>
        <Field
          {...form.fieldProps('justification', t('dialog.justification'), t('dialog.justification_hint'))}
        >
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={4}
              maxLength={2000}
              aria-required="true"
              data-testid="recommend-justification"
              value={justification}
              onChange={(e) => {
                setJustification(e.target.value);
                form.clear('justification');
              }}
            />
          )}
        </Field>
        <DialogFooter
          onCancel={onClose}
          busy={busy}
          label={t('dialog.recommend_submit')}
          busyLabel={t('dialog.recommending')}
        />
      </form>
    </Dialog>
  );
}

// ---- return, reject ----

export function DecisionNoteDialog({
  kind,
  detail,
  store,
  onClose,
  onDone,
}: StepDialogProps & { kind: 'return' | 'reject' }) {
  const { t } = useTranslation('actionDetail');
  const [note, setNote] = useState('');
  const form = useFormErrors(NOTE_FIELDS);
  const { busy, run } = useSubmit(form);
  const texts = {
    return: {
      title: t('dialog.return_title'),
      text: t('dialog.return_text'),
      note: t('dialog.return_note'),
      submit: t('dialog.return_submit'),
      busy: t('dialog.returning'),
      done: t('done.returned'),
    },
    reject: {
      title: t('dialog.reject_title'),
      text: t('dialog.reject_text'),
      note: t('dialog.reject_note'),
      submit: t('dialog.reject_submit'),
      busy: t('dialog.rejecting'),
      done: t('done.rejected'),
    },
  }[kind];
  return (
    <Dialog title={texts.title} onClose={onClose} testId={`action-${kind}-dialog`}>
      <form
        className="form"
        noValidate
        onSubmit={submitOf(() =>
          run(
            noteRequest(note, detail.action.id),
            (i) =>
              kind === 'return' ? store.getState().returnToRep(i.note) : store.getState().reject(i.note),
            () => onDone(texts.done),
          ),
        )}
      >
        <FormAlert text={form.formError} />
        <p>{texts.text}</p>
        <NoteField
          form={form}
          label={texts.note}
          value={note}
          onChange={setNote}
          required
          testId="decision-note"
        />
        <DialogFooter
          onCancel={onClose}
          busy={busy}
          danger={kind === 'reject'}
          label={texts.submit}
          busyLabel={texts.busy}
        />
      </form>
    </Dialog>
  );
}

// ---- settle ----

export function SettleDialog({ detail, store, onClose, onDone }: StepDialogProps) {
  const { t } = useTranslation('actionDetail');
  const m = useMoney();
  const { action } = detail;
  const approved = action.approvedAmount;
  const [finalAmount, setFinalAmount] = useState(approved !== null ? m.input(approved) : '');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const form = useFormErrors(SETTLE_FIELDS);
  const { busy, run } = useSubmit(form);
  return (
    <Dialog title={t('dialog.settle_title')} onClose={onClose} testId="action-settle-dialog">
      <form
        className="form"
        noValidate
        onSubmit={submitOf(() =>
          run(
            settleRequest({ finalAmount, reference, note }, { id: action.id, approved, money: m.money }),
            (i) =>
              store.getState().settle({ finalAmount: i.finalAmount, reference: i.reference, note: i.note }),
            () => onDone(t('done.settled')),
          ),
        )}
      >
        <FormAlert text={form.formError} />
        <Field
          {...form.fieldProps(
            'finalAmount',
            t('dialog.settle_amount', { currency: m.currency }),
            approved !== null ? t('dialog.settle_hint', { amount: m.money(approved) }) : undefined,
          )}
        >
          {(p) => (
            <input
              {...p}
              className="field__input field__input--medium"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              aria-required="true"
              data-autofocus
              data-testid="settle-amount"
              value={finalAmount}
              onChange={(e) => {
                setFinalAmount(e.target.value);
                form.clear('finalAmount');
              }}
            />
          )}
        </Field>
        <Field
          {...form.fieldProps('reference', t('dialog.settle_reference'), t('dialog.settle_reference_hint'))}
        >
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="text"
              maxLength={200}
              aria-required="true"
              data-testid="settle-reference"
              value={reference}
              onChange={(e) => {
                setReference(e.target.value);
                form.clear('reference');
              }}
            />
          )}
        </Field>
        <Field {...form.fieldProps('note', t('dialog.note_optional'))}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
        <DialogFooter
          onCancel={onClose}
          busy={busy}
          label={t('dialog.settle_submit')}
          busyLabel={t('dialog.settling')}
        />
      </form>
    </Dialog>
  );
}

/** Children laid out as one labelled group (used for the order's parts). */
export function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="form__group">
      <legend className="form__legend">{legend}</legend>
      {children}
    </fieldset>
  );
}
