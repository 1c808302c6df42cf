import { useEffect, useId, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { SETTLEMENT_METHODS } from '../../../../../shared/contract/actions.schema';
import type { ClientRow } from '../../../../../shared/contract/clients.schema';
import type { FieldIssue } from '../../../../../shared/contract/errors';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { ApiError, toErrorData } from '../../../api/regio-api';
import { useAppStore, useNavStore, useServices } from '../../../app/app-context';
import { fieldIssues } from '../../../app/field-errors';
import { ClientResults } from '../../../components/ClientResults';
import { Field } from '../../../components/Field';
import { PageHeader } from '../../../components/PageHeader';
import { errorText, issueText } from '../../../i18n/error-text';
import { currentLanguage } from '../../../i18n/i18n';
import { actionRoute } from '../../../shell/routes';
import { formatMonth, methodKey, moneyText, parseMoney } from '../action-format';
import { createActionWizardStore, monthChoices, STEPS, stepOf } from './action-wizard.store';
import type { ActionWizardState, WizardClient } from './action-wizard.store';
import './ActionWizard.css';

const STEP_NAMES = { 1: 'client', 2: 'period', 3: 'conditions', 4: 'settlement' } as const;

/** The search waits for a pause in typing. */
const SEARCH_DELAY_MS = 200;

/**
 * A rep registers a local action in four checked steps: the client; the period, execution mode and
 * title; the conditions to verify (and promoted products); the settlement, amount and budget month
 * with the month's available budget shown live. Saving a draft reserves nothing; registering
 * reserves the amount, or is refused with what is available, and nothing typed is lost.
 */
export function ActionWizard({
  user,
  client,
  store: given,
}: {
  user: PublicUser;
  /** A client chosen before the wizard opened. */
  client?: WizardClient;
  store?: StoreApi<ActionWizardState>;
}) {
  const { t, i18n } = useTranslation(['actions', 'common']);
  const { api } = useServices();
  const [store] = useState(
    () =>
      given ??
      createActionWizardStore(api, {
        repId: user.id,
        ownClientsOf: user.role === 'rep' ? user.id : undefined,
        client,
      }),
  );
  const s = useStore(store);
  const today = useAppStore((x) => x.info?.today);
  const currency = useAppStore((x) => x.office?.currency);
  const navigate = useNavStore((x) => x.navigate);
  const lang = currentLanguage(i18n);
  const baseId = useId();
  const idOf = (field: string) => `${baseId}-${field.replace(/\./g, '-')}`;
  const money = (v: number) => moneyText(v, currency, lang);

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    // "Today" is the office's, from the core: the defaults wait for it.
    if (today && store.getState().today !== today) void store.getState().start(today);
  }, [store, today]);

  // What the core refused, per field and as a whole.
  const error = s.error;
  const data = error === null ? null : toErrorData(error);
  const overBudget = data?.code === 'budget_exceeded' ? data : null;
  const coreIssues = useMemo(
    () => (error instanceof ApiError && error.data.issues?.length ? fieldIssues(error.data) : {}),
    [error],
  );

  const errorOf = (field: string): string | undefined => {
    const local = s.local[field];
    if (local) return t(local as 'wizard.errors.required');
    const issue: FieldIssue | undefined = coreIssues[field];
    if (!issue) return undefined;
    if (overBudget && field === 'agreedAmount') {
      const available =
        typeof overBudget.details?.available === 'number' ? overBudget.details.available : null;
      if (available !== null) return t('wizard.amount_over', { available: money(available) });
    }
    return issueText(i18n, issue);
  };

  // The keyboard goes to the first field to fix after each refused step or submit.
  useEffect(() => {
    if (s.attempt === 0) return;
    const st = store.getState();
    const fields = [...Object.keys(st.local), ...Object.keys(coreIssues)].filter(
      (f) => stepOf(f) === st.step,
    );
    const first = fields.map((f) => document.getElementById(idOf(f))).find((el) => el !== null);
    if (first) first.focus();
    else if (overBudget) document.getElementById(idOf('agreedAmount'))?.focus();
    // Only on a new attempt, not while the user edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.attempt]);

  const strayIssue = Object.entries(coreIssues).find(([f]) => !isWizardField(f))?.[1];
  const formAlert =
    data === null || overBudget
      ? null
      : data.issues?.length
        ? strayIssue
          ? issueText(i18n, strayIssue)
          : t('common:form.fix_errors')
        : errorText(i18n, error);

  const submit = async (register: boolean) => {
    const detail = await store.getState().submit(register);
    if (detail) navigate(actionRoute(detail.action.id));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // Enter moves on through the steps; registering always takes a deliberate click.
    if (s.step < 4) store.getState().next();
  };

  const set = store.getState().set;
  const f = s.form;
  const stepName = STEP_NAMES[s.step];

  return (
    <section className="page action-wizard" data-testid="screen-new-action">
      <PageHeader title={t('wizard.title')} intro={t('wizard.intro')} />

      <ol className="wizard-steps" aria-label={t('wizard.steps_label')}>
        {STEPS.map((n) => (
          <li
            key={n}
            className={`wizard-steps__item${n === s.step ? ' wizard-steps__item--current' : ''}${n < s.step ? ' wizard-steps__item--done' : ''}`}
            aria-current={n === s.step ? 'step' : undefined}
          >
            <span className="wizard-steps__number" aria-hidden="true">
              {n}
            </span>
            <span className="wizard-steps__name">{t(`wizard.steps.${STEP_NAMES[n]}`)}</span>
          </li>
        ))}
      </ol>

      {overBudget && (
        <div className="panel panel--error wizard-budget-exceeded" role="alert" data-testid="budget-exceeded">
          <p className="panel__title">{t('wizard.budget_exceeded_title')}</p>
          <p className="panel__text wizard-budget-exceeded__figure">
            {t('wizard.budget_exceeded', {
              available:
                typeof overBudget.details?.available === 'number' ? money(overBudget.details.available) : '—',
              month:
                typeof overBudget.details?.month === 'string'
                  ? formatMonth(overBudget.details.month, lang)
                  : f.budgetMonth,
            })}
          </p>
          <p className="panel__text">{t('wizard.budget_exceeded_hint')}</p>
        </div>
      )}
      {formAlert && (
        <div className="form__alert" role="alert" data-testid="wizard-error">
          {formAlert}
        </div>
      )}

      <form className="form wizard-form" onSubmit={onSubmit} noValidate>
        <fieldset className="wizard-panel" data-testid={`wizard-step-${s.step}`} aria-busy={s.busy}>
          <legend className="wizard-panel__legend">
            <span className="wizard-panel__of">
              {t('wizard.step_of', { n: s.step, total: STEPS.length })}
            </span>
            {t(`wizard.steps.${stepName}`)}
          </legend>
          {s.step === 1 && <ClientStep store={store} idOf={idOf} errorOf={errorOf} />}
          {s.step === 2 && (
            <>
              <div className="form__row">
                <Field id={idOf('startDate')} label={t('wizard.start')} error={errorOf('startDate')}>
                  {(p) => (
                    <input
                      {...p}
                      className="field__input"
                      type="date"
                      value={f.startDate}
                      min={s.today ?? undefined}
                      data-testid="wizard-start"
                      onChange={(e) => set({ startDate: e.target.value })}
                    />
                  )}
                </Field>
                <Field id={idOf('endDate')} label={t('wizard.end')} error={errorOf('endDate')}>
                  {(p) => (
                    <input
                      {...p}
                      className="field__input"
                      type="date"
                      value={f.endDate}
                      min={f.startDate || undefined}
                      data-testid="wizard-end"
                      onChange={(e) => set({ endDate: e.target.value })}
                    />
                  )}
                </Field>
              </div>
              <Field id={idOf('modeId')} label={t('wizard.mode')} error={errorOf('modeId')}>
                {(p) => (
                  <select
                    {...p}
                    className="field__input"
                    value={f.modeId}
                    data-testid="wizard-mode"
                    onChange={(e) => set({ modeId: e.target.value })}
                  >
                    <option value="">{t('wizard.mode_choose')}</option>
                    {s.modes.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.labels[lang]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={idOf('title')}
                label={t('wizard.title_label')}
                hint={t('wizard.title_hint')}
                error={errorOf('title')}
              >
                {(p) => (
                  <input
                    {...p}
                    className="field__input"
                    value={f.title}
                    maxLength={120}
                    data-testid="wizard-title"
                    onChange={(e) => set({ title: e.target.value })}
                  />
                )}
              </Field>
              <Field
                id={idOf('description')}
                label={t('wizard.description')}
                hint={t('wizard.description_hint')}
                error={errorOf('description')}
              >
                {(p) => (
                  <textarea
                    {...p}
                    className="field__input wizard-form__description"
                    value={f.description}
                    rows={4}
                    maxLength={4000}
                    data-testid="wizard-description"
                    onChange={(e) => set({ description: e.target.value })}
                  />
                )}
              </Field>
            </>
          )}
          {s.step === 3 && <ConditionsStep store={store} idOf={idOf} errorOf={errorOf} />}
          {s.step === 4 && (
            <>
              <fieldset
                className="wizard-methods"
                aria-describedby={
                  errorOf('settlementMethod') ? `${idOf('settlementMethod')}-error` : undefined
                }
              >
                <legend className="field__label">{t('wizard.method')}</legend>
                <div className="wizard-methods__options">
                  {SETTLEMENT_METHODS.map((m, i) => (
                    <label key={m} className="wizard-choice">
                      <input
                        id={i === 0 ? idOf('settlementMethod') : undefined}
                        type="radio"
                        className="check"
                        name={`${baseId}-method`}
                        value={m}
                        checked={f.method === m}
                        data-testid={`wizard-method-${m}`}
                        onChange={() => set({ method: m })}
                      />
                      <span>{t(methodKey(m))}</span>
                    </label>
                  ))}
                </div>
                {errorOf('settlementMethod') && (
                  <p className="field__error" id={`${idOf('settlementMethod')}-error`}>
                    {errorOf('settlementMethod')}
                  </p>
                )}
              </fieldset>
              <div className="form__row">
                <Field
                  id={idOf('agreedAmount')}
                  label={currency ? `${t('wizard.amount')} (${currency})` : t('wizard.amount')}
                  hint={t('wizard.amount_hint')}
                  error={errorOf('agreedAmount')}
                >
                  {(p) => (
                    <input
                      {...p}
                      className="field__input wizard-form__amount"
                      inputMode="decimal"
                      autoComplete="off"
                      value={f.amountText}
                      data-testid="wizard-amount"
                      onChange={(e) => set({ amountText: e.target.value })}
                    />
                  )}
                </Field>
                <Field id={idOf('budgetMonth')} label={t('wizard.month')} error={errorOf('budgetMonth')}>
                  {(p) => (
                    <select
                      {...p}
                      className="field__input"
                      value={f.budgetMonth}
                      data-testid="wizard-month"
                      onChange={(e) => set({ budgetMonth: e.target.value, monthTouched: true })}
                    >
                      {withCurrent(monthChoices(s.today, f.startDate), f.budgetMonth).map((m) => (
                        <option key={m} value={m}>
                          {formatMonth(m, lang)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <BudgetFigure state={s} money={money} lang={lang} />
            </>
          )}
        </fieldset>

        <div className="wizard-actions">
          {s.step > 1 && (
            <button
              type="button"
              className="button"
              data-testid="wizard-back"
              disabled={s.busy}
              onClick={() => store.getState().back()}
            >
              <span aria-hidden="true">← </span>
              {t('wizard.back')}
            </button>
          )}
          <span className="wizard-actions__spacer" />
          {s.step < 4 ? (
            <button type="submit" className="button button--primary" data-testid="wizard-next">
              {t('wizard.next')}
              <span aria-hidden="true"> →</span>
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                data-testid="wizard-save-draft"
                disabled={s.busy}
                aria-busy={s.busy || undefined}
                onClick={() => void submit(false)}
              >
                {s.busy ? t('wizard.saving') : t('wizard.save_draft')}
              </button>
              <button
                type="button"
                className="button button--primary"
                data-testid="wizard-register"
                disabled={s.busy}
                aria-busy={s.busy || undefined}
                onClick={() => void submit(true)}
              >
                {t('wizard.register')}
              </button>
            </>
          )}
        </div>
      </form>
    </section>
  );
}

const FIELDS = new Set([
  'clientId',
  'startDate',
  'endDate',
  'modeId',
  'title',
  'description',
  'conditions',
  'settlementMethod',
  'agreedAmount',
  'budgetMonth',
  'productIds',
]);

/** Whether the wizard shows a field for this issue path (else its text goes above the form). */
function isWizardField(field: string): boolean {
  return FIELDS.has(field) || /^conditions\.\d+$/.test(field);
}

/** The month chosen stays among the choices even when the list would not offer it. */
function withCurrent(choices: string[], current: string): string[] {
  return current && !choices.includes(current) ? [...choices, current].sort() : choices;
}

interface StepProps {
  store: StoreApi<ActionWizardState>;
  idOf: (field: string) => string;
  errorOf: (field: string) => string | undefined;
}

function ClientStep({ store, idOf, errorOf }: StepProps) {
  const { t } = useTranslation('actions');
  const chosen = useStore(store, (x) => x.form.client);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<ClientRow[] | null>(null);

  // Search as the user types; a late answer for an older query is dropped.
  useEffect(() => {
    if (chosen) return;
    let live = true;
    const timer = setTimeout(() => {
      void store
        .getState()
        .searchClients(query.trim())
        .then((r) => live && setRows(r))
        .catch(() => live && setRows([]));
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, chosen, store]);

  const pick = (c: ClientRow) => store.getState().set({ client: { id: c.id, name: c.name, city: c.city } });

  if (chosen)
    return (
      <div className="wizard-client" data-testid="wizard-client" data-id={chosen.id}>
        <p className="field__label">{t('wizard.client_chosen')}</p>
        <p className="wizard-client__name">
          <span className="strong">{chosen.name}</span>
          <span className="muted">{chosen.city}</span>
        </p>
        <button
          type="button"
          className="button button--small"
          data-testid="wizard-client-change"
          onClick={() => store.getState().set({ client: null })}
        >
          {t('wizard.client_change')}
        </button>
      </div>
    );

  return (
    <>
      <Field
        id={idOf('clientId')}
        label={t('wizard.client_search')}
        hint={t('wizard.client_search_hint')}
        error={errorOf('clientId')}
      >
        {(p) => (
          <input
            {...p}
            className="field__input"
            type="search"
            value={query}
            autoComplete="off"
            data-autofocus
            data-testid="wizard-client-search"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter takes the first match, so a rep can go on without the mouse.
              if (e.key === 'Enter' && rows?.[0]) {
                e.preventDefault();
                pick(rows[0]);
              }
            }}
          />
        )}
      </Field>
      {rows !== null && (
        <ClientResults
          rows={rows}
          onPick={pick}
          label={t('wizard.client_results')}
          empty={t('wizard.client_none')}
          testId="wizard-client-option"
          className="wizard-client-list"
        />
      )}
    </>
  );
}

function ConditionsStep({ store, idOf, errorOf }: StepProps) {
  const { t, i18n } = useTranslation('actions');
  const form = useStore(store, (x) => x.form);
  const products = useStore(store, (x) => x.products);
  const [filter, setFilter] = useState('');
  const st = store.getState();
  const q = filter.trim().toLocaleLowerCase(i18n.language);
  const shown = q
    ? products.filter((p) => `${p.code} ${p.name}`.toLocaleLowerCase(i18n.language).includes(q))
    : products;

  return (
    <>
      <div className="wizard-conditions">
        <p className="field__label" id={`${idOf('conditions')}-label`}>
          {t('wizard.conditions')}
        </p>
        <p className="field__hint">{t('wizard.conditions_hint')}</p>
        {form.conditions.length === 0 ? (
          <p className="muted">{t('wizard.conditions_none')}</p>
        ) : (
          <ol className="wizard-conditions__list" aria-labelledby={`${idOf('conditions')}-label`}>
            {form.conditions.map((c, i) => (
              <li key={i} className="wizard-conditions__item" data-testid="wizard-condition">
                <ConditionRow
                  id={idOf(`conditions.${i}`)}
                  label={t('wizard.condition_label', { n: i + 1 })}
                  error={errorOf(`conditions.${i}`)}
                >
                  <input
                    id={idOf(`conditions.${i}`)}
                    className="field__input"
                    value={c}
                    maxLength={200}
                    aria-invalid={errorOf(`conditions.${i}`) ? true : undefined}
                    aria-describedby={
                      errorOf(`conditions.${i}`) ? `${idOf(`conditions.${i}`)}-error` : undefined
                    }
                    onChange={(e) => st.setCondition(i, e.target.value)}
                  />
                  <button
                    type="button"
                    className="button button--danger-quiet button--small"
                    aria-label={t('wizard.condition_remove_label', { n: i + 1 })}
                    data-testid="wizard-condition-remove"
                    onClick={() => st.removeCondition(i)}
                  >
                    {t('wizard.condition_remove')}
                  </button>
                </ConditionRow>
              </li>
            ))}
          </ol>
        )}
        <Field id={idOf('conditions')} label={t('wizard.condition_new')} error={errorOf('conditions')}>
          {(p) => (
            <div className="wizard-conditions__new">
              <input
                {...p}
                className="field__input"
                value={form.conditionDraft}
                maxLength={200}
                data-testid="wizard-condition-input"
                onChange={(e) => st.set({ conditionDraft: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    st.addCondition();
                  }
                }}
              />
              <button
                type="button"
                className="button"
                data-testid="wizard-condition-add"
                disabled={!form.conditionDraft.trim()}
                onClick={() => st.addCondition()}
              >
                {t('wizard.condition_add')}
              </button>
            </div>
          )}
        </Field>
      </div>

      <fieldset className="wizard-products">
        <legend className="field__label">
          {t('wizard.products')} <span className="muted">{t('wizard.products_hint')}</span>
        </legend>
        <div className="wizard-products__bar">
          <label className="visually-hidden" htmlFor={idOf('productFilter')}>
            {t('wizard.products_filter')}
          </label>
          <input
            id={idOf('productFilter')}
            className="field__input"
            type="search"
            placeholder={t('wizard.products_filter')}
            value={filter}
            data-testid="wizard-products-filter"
            onChange={(e) => setFilter(e.target.value)}
          />
          <span className="muted" data-testid="wizard-products-count">
            {t('wizard.products_selected', { count: form.productIds.length })}
          </span>
        </div>
        <ul className="wizard-products__list">
          {shown.length === 0 && <li className="muted">{t('wizard.products_none')}</li>}
          {shown.map((p) => (
            <li key={p.id}>
              <label className="wizard-choice">
                <input
                  type="checkbox"
                  className="check"
                  checked={form.productIds.includes(p.id)}
                  data-testid="wizard-product"
                  data-id={p.id}
                  onChange={() => st.toggleProduct(p.id)}
                />
                <span>
                  <span className="wizard-products__code">{p.code}</span> {p.name}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </>
  );
}

function ConditionRow({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="wizard-conditions__row">
      <label className="wizard-conditions__number" htmlFor={id}>
        {label}
      </label>
      <div className="wizard-conditions__controls">{children}</div>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function BudgetFigure({
  state,
  money,
  lang,
}: {
  state: ActionWizardState;
  money: (v: number) => string;
  lang: string;
}) {
  const { t } = useTranslation('actions');
  const b = state.budget;
  if (!b) return null;
  const amount = parseMoney(state.form.amountText);
  const after = b.available !== null && amount.ok ? b.available - amount.value : null;
  return (
    <div
      className={`wizard-budget${after !== null && after < 0 ? ' wizard-budget--over' : ''}`}
      data-testid="wizard-available"
      data-available={b.available ?? undefined}
      aria-live="polite"
    >
      {b.status === 'failed' ? (
        <p className="wizard-budget__line">{t('wizard.available_unknown')}</p>
      ) : b.available === null ? (
        <p className="wizard-budget__line muted">{t('wizard.available_loading')}</p>
      ) : (
        <>
          <p className="wizard-budget__line">
            {t('wizard.available', { month: formatMonth(b.month, lang), amount: money(b.available) })}
          </p>
          {after !== null && (
            <p className="wizard-budget__line" data-testid="wizard-after">
              {t('wizard.after', { amount: money(after) })}
              {after < 0 && (
                <span className="wizard-budget__over"> — {t('wizard.over', { amount: money(-after) })}</span>
              )}
            </p>
          )}
        </>
      )}
    </div>
  );
}
