import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import { STEP_KINDS } from '../../../../../shared/contract/catalog.schema';
import type {
  StepKind,
  VisitStandard,
  VisitStandardRow,
} from '../../../../../shared/contract/catalog.schema';
import { useAppStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useFormErrors } from '../../../components/use-form-errors';
import { CheckList } from './CheckList';
import { emptyStep, moveStep, standardDraftOf, standardInputOf, toggleId } from './catalog.selectors';
import type { StandardDraft, StepDraft } from './catalog.selectors';
import type { StandardsState } from './catalog.store';
import { useSegments } from './use-segments';

const MAX_STEPS = 40;
const STEP_FIELDS = ['title', 'details', 'kind', 'items'] as const;
// Every field the core can name, so its issues land at the step they belong to.
const FIELDS = [
  'name',
  'segmentIds',
  'validFrom',
  'validTo',
  'steps',
  ...Array.from({ length: MAX_STEPS }, (_, i) => STEP_FIELDS.map((f) => `steps.${i}.${f}`)).flat(),
] as const;
const PREFIX = ['standard'] as const;

/** A new standard, or the next version of one: name, segments, validity and the ordered steps. */
export function StandardDialog({
  store,
  standard,
  onClose,
  onDone,
}: {
  store: StoreApi<StandardsState>;
  standard: VisitStandard | null;
  onClose: () => void;
  onDone: (row: VisitStandardRow, created: boolean) => void;
}) {
  const { t } = useTranslation(['catalog', 'common']);
  const today = useAppStore((s) => s.info?.today ?? '');
  const segments = useSegments();
  const [draft, setDraft] = useState<StandardDraft>(() => standardDraftOf(standard, today));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors<string>(FIELDS, PREFIX);

  const set = <K extends keyof StandardDraft>(k: K, v: StandardDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    form.clear(k);
  };
  const setStep = (i: number, patch: Partial<StepDraft>) => {
    setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
    for (const f of Object.keys(patch)) form.clear(`steps.${i}.${f === 'itemsText' ? 'items' : f}`);
  };
  const focusStep = (key: string, part: string) =>
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-step-key="${key}"] [data-part="${part}"]`)?.focus(),
    );

  const addStep = () => {
    const step = emptyStep(draft.steps);
    setDraft((d) => ({ ...d, steps: [...d.steps, step] }));
    form.clear('steps');
    focusStep(step.key, 'title');
  };
  const move = (i: number, dir: -1 | 1, part: string) => {
    const key = draft.steps[i]?.key;
    setDraft((d) => ({ ...d, steps: moveStep(d.steps, i, dir) }));
    // The keyboard stays on the same button of the moved step.
    if (key) focusStep(key, part);
  };
  const remove = (i: number) => {
    const next = draft.steps[i + 1] ?? draft.steps[i - 1];
    setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }));
    if (next) focusStep(next.key, 'title');
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      const row = await store.getState().save({
        ...(standard ? { lineageId: standard.lineageId } : {}),
        standard: standardInputOf(draft),
      });
      onDone(row, !standard);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const title = standard
    ? t('standards.dialog_edit', { name: standard.name, version: standard.version + 1 })
    : t('standards.dialog_new');

  return (
    <Dialog title={title} onClose={onClose} wide testId="standard-dialog">
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field {...form.fieldProps('name', t('standards.name'))}>
          {(p) => (
            <input
              {...p}
              data-autofocus
              className="field__input"
              type="text"
              maxLength={200}
              aria-required="true"
              name="name"
              data-testid="standard-name"
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <CheckList
          legend={t('standards.segments')}
          error={form.errorOf('segmentIds')}
          errorId={form.idOf('segmentIds')}
          options={segments.options(draft.segmentIds)}
          selected={draft.segmentIds}
          testId="standard-segments"
          onChange={(id, on) => set('segmentIds', toggleId(draft.segmentIds, id, on))}
        />
        <div className="form__row">
          <Field {...form.fieldProps('validFrom', t('standards.valid_from'))}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--medium"
                type="date"
                aria-required="true"
                name="validFrom"
                value={draft.validFrom}
                onChange={(e) => set('validFrom', e.target.value)}
              />
            )}
          </Field>
          <Field {...form.fieldProps('validTo', t('standards.valid_to'), t('standards.valid_to_hint'))}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--medium"
                type="date"
                name="validTo"
                value={draft.validTo}
                onChange={(e) => set('validTo', e.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset className="field catalog-checks">
          <legend className="field__label">{t('standards.steps')}</legend>
          {form.errorOf('steps') && (
            <p className="field__error" id={form.idOf('steps')} tabIndex={-1}>
              {form.errorOf('steps')}
            </p>
          )}
          <ol className="catalog-steps">
            {draft.steps.map((s, i) => (
              <StepEditor
                key={s.key}
                step={s}
                index={i}
                count={draft.steps.length}
                form={form}
                onChange={(patch) => setStep(i, patch)}
                onMove={(dir, part) => move(i, dir, part)}
                onRemove={() => remove(i)}
              />
            ))}
          </ol>
          <button
            type="button"
            className="button button--small"
            data-testid="step-add"
            disabled={draft.steps.length >= MAX_STEPS}
            onClick={addStep}
          >
            {t('standards.step_add')}
          </button>
        </fieldset>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="standard-save"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {busy ? t('standards.saving') : standard ? t('standards.save') : t('common:actions.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function StepEditor({
  step,
  index,
  count,
  form,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft;
  index: number;
  count: number;
  form: ReturnType<typeof useFormErrors<string>>;
  onChange: (patch: Partial<StepDraft>) => void;
  onMove: (dir: -1 | 1, part: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation(['catalog', 'common']);
  const n = index + 1;
  const f = (name: string) => `steps.${index}.${name}`;
  const mandatoryId = `${form.idOf(f('kind'))}-mandatory`;
  return (
    <li
      className="catalog-step"
      data-testid="step-row"
      data-step-key={step.key}
      aria-label={t('standards.step_n', { n })}
    >
      <div className="catalog-step__head">
        <Field {...form.fieldProps(f('title'), `${n}. ${t('standards.step_title')}`)}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="text"
              maxLength={200}
              aria-required="true"
              data-testid="step-title"
              data-part="title"
              value={step.title}
              onChange={(e) => onChange({ title: e.target.value })}
            />
          )}
        </Field>
        <Field {...form.fieldProps(f('kind'), t('standards.step_kind'))}>
          {(p) => (
            <select
              {...p}
              className="field__input"
              data-testid="step-kind"
              data-part="kind"
              value={step.kind}
              onChange={(e) => onChange({ kind: e.target.value as StepKind })}
            >
              {STEP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`standards.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field field--check">
          <input
            id={mandatoryId}
            type="checkbox"
            className="check"
            data-testid="step-mandatory"
            data-part="mandatory"
            checked={step.mandatory}
            onChange={(e) => onChange({ mandatory: e.target.checked })}
          />
          <label className="field__label" htmlFor={mandatoryId}>
            {t('standards.step_mandatory')}
          </label>
        </div>
        <div className="catalog-step__moves">
          <button
            type="button"
            className="button button--small button--icon"
            aria-label={t('standards.step_up', { n })}
            title={t('standards.step_up', { n })}
            data-part="up"
            disabled={index === 0}
            onClick={() => onMove(-1, 'up')}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button--small button--icon"
            aria-label={t('standards.step_down', { n })}
            title={t('standards.step_down', { n })}
            data-part="down"
            disabled={index === count - 1}
            onClick={() => onMove(1, 'down')}
          >
            ↓
          </button>
          <button
            type="button"
            className="button button--small button--danger-quiet"
            aria-label={t('standards.step_remove', { n })}
            title={t('standards.step_remove', { n })}
            disabled={count === 1}
            onClick={onRemove}
          >
            ✕
          </button>
        </div>
      </div>
      <Field {...form.fieldProps(f('details'), t('standards.step_details'))}>
        {(p) => (
          <textarea
            {...p}
            className="field__input"
            rows={2}
            maxLength={2000}
            value={step.details}
            onChange={(e) => onChange({ details: e.target.value })}
          />
        )}
      </Field>
      {step.kind === 'checklist' && (
        <Field {...form.fieldProps(f('items'), t('standards.step_items'))}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={3}
              data-testid="step-items"
              value={step.itemsText}
              onChange={(e) => onChange({ itemsText: e.target.value })}
            />
          )}
        </Field>
      )}
    </li>
  );
}
