import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ClientRow } from '../../../../shared/contract/clients.schema';
import { DEAL_OUTCOMES } from '../../../../shared/contract/plans.schema';
import type { DealRow } from '../../../../shared/contract/plans.schema';
import { ApiError } from '../../api/regio-api';
import { useAppStore } from '../../app/app-context';
import { fieldIssues } from '../../app/field-errors';
import { Dialog } from '../../components/Dialog';
import { ClientResults } from '../../components/ClientResults';
import { Field } from '../../components/Field';
import { errorText, issueText } from '../../i18n/error-text';
import type { DealField, DealsState } from './deals.store';
import './Plans.css';

/** The client search waits for a pause in typing. */
const SEARCH_DELAY_MS = 200;

/** The order the keyboard goes to the first field to fix. */
const FIELD_ORDER: readonly DealField[] = ['client', 'title', 'closedAt', 'value', 'note'];

/**
 * "Record a deal" and "Edit the deal": the rep's own client (searched among their clients, or
 * preset from the client's card), what was sold, the closing day (the office's today unless
 * changed, never later), the net value and won or lost. A bad amount, no client or a future day
 * are refused here with a message at the field, and nothing is sent.
 */
export function DealDialog({
  store,
  onSaved,
}: {
  store: StoreApi<DealsState>;
  onSaved?: (row: DealRow, created: boolean) => void;
}) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const id = useId();
  const editor = useStore(store, (s) => s.editor);
  const currency = useAppStore((s) => s.office?.currency ?? '');
  const local = editor?.local;

  // After a refused save the keyboard lands on the first field to fix.
  useEffect(() => {
    const first = FIELD_ORDER.find((f) => local?.[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  }, [local, id]);

  if (!editor) return null;
  const { draft, error, saving } = editor;
  const editing = editor.original !== null;
  // The core's field issues: a new deal's fields at the top, an edit's under `patch`.
  const issues =
    error instanceof ApiError
      ? fieldIssues(error.data, editing ? ['patch'] : [])
      : ({} as Record<string, never>);
  const coreIssue = (f: DealField) => issues[f === 'client' ? 'clientId' : f];
  const errorOf = (f: DealField): string | undefined => {
    const mine = local?.[f];
    if (mine) return t(`dialog.errors.${mine}`);
    const issue = coreIssue(f);
    return issue ? issueText(i18n, issue) : undefined;
  };
  const onField = FIELD_ORDER.some((f) => coreIssue(f)) || issues.outcome !== undefined;
  const formError = error !== null && !onField ? errorText(i18n, error) : null;
  const set = store.getState().setDraft;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await store.getState().save();
    if (saved) onSaved?.(saved, !editing);
  };

  return (
    <Dialog
      title={editing ? t('dialog.title_edit') : t('dialog.title_new')}
      onClose={() => store.getState().closeEditor()}
      testId="deal-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        {formError && (
          <div className="form__alert" role="alert" data-testid="deal-error">
            {formError}
          </div>
        )}
        {draft.client ? (
          <div className="deal-client" data-testid="deal-client" data-id={draft.client.id}>
            <p className="field__label" id={`${id}-client`} tabIndex={-1}>
              {t('dialog.client')}
            </p>
            <p className="deal-client__name">
              <span className="strong">{draft.client.name}</span>
              {draft.client.city && <span className="muted">{draft.client.city}</span>}
            </p>
            {editing ? (
              <p className="field__hint">{t('dialog.client_fixed')}</p>
            ) : (
              <button
                type="button"
                className="button button--small"
                data-testid="deal-client-change"
                onClick={() => set({ client: null })}
              >
                {t('dialog.client_change')}
              </button>
            )}
            {errorOf('client') && <p className="field__error">{errorOf('client')}</p>}
          </div>
        ) : (
          <ClientSearch
            store={store}
            inputId={`${id}-client`}
            error={errorOf('client')}
            onPick={(c) => set({ client: { id: c.id, name: c.name, city: c.city } })}
          />
        )}
        <Field id={`${id}-title`} label={t('dialog.title')} error={errorOf('title')}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="text"
              maxLength={200}
              autoComplete="off"
              aria-required="true"
              data-autofocus={draft.client ? true : undefined}
              data-testid="deal-title"
              value={draft.title}
              onChange={(e) => set({ title: e.target.value })}
            />
          )}
        </Field>
        <div className="form__row">
          <Field id={`${id}-closedAt`} label={t('dialog.closed')} error={errorOf('closedAt')}>
            {(p) => (
              <input
                {...p}
                className="field__input"
                type="date"
                max={editor.today}
                aria-required="true"
                data-testid="deal-closed"
                value={draft.closedAt}
                onChange={(e) => set({ closedAt: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={`${id}-value`}
            label={t('dialog.value', { currency })}
            hint={t('dialog.value_hint')}
            error={errorOf('value')}
          >
            {(p) => (
              <input
                {...p}
                className="field__input deal-value"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                aria-required="true"
                data-testid="deal-value"
                value={draft.value}
                onChange={(e) => set({ value: e.target.value })}
              />
            )}
          </Field>
        </div>
        <fieldset className="deal-outcome" data-testid="deal-outcome">
          <legend className="field__label">{t('dialog.outcome')}</legend>
          {DEAL_OUTCOMES.map((o) => (
            <label key={o} className="deal-outcome__option">
              <input
                type="radio"
                name={`${id}-outcome`}
                value={o}
                checked={draft.outcome === o}
                data-testid={`deal-outcome-${o}`}
                onChange={() => set({ outcome: o })}
              />
              {t(`deals.outcome.${o}`)}
            </label>
          ))}
        </fieldset>
        <Field id={`${id}-note`} label={t('dialog.note')} error={errorOf('note')}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={2}
              maxLength={2000}
              data-testid="deal-note"
              value={draft.note}
              onChange={(e) => set({ note: e.target.value })}
            />
          )}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => store.getState().closeEditor()}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={saving}
            aria-busy={saving || undefined}
            data-testid="dialog-submit"
          >
            {saving ? t('dialog.saving') : editing ? t('dialog.save_edit') : t('dialog.save_new')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The rep's own clients found by name, tax id or city (clients:list), a click picks one. */
function ClientSearch({
  store,
  inputId,
  error,
  onPick,
}: {
  store: StoreApi<DealsState>;
  inputId: string;
  error: string | undefined;
  onPick: (c: ClientRow) => void;
}) {
  const { t } = useTranslation('plans');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<ClientRow[] | null>(null);

  // Search as the user types; a late answer for an older query is dropped.
  useEffect(() => {
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
  }, [query, store]);

  return (
    <>
      <Field
        id={inputId}
        label={t('dialog.client_search')}
        hint={t('dialog.client_search_hint')}
        error={error}
      >
        {(p) => (
          <input
            {...p}
            className="field__input"
            type="search"
            value={query}
            autoComplete="off"
            aria-required="true"
            data-autofocus
            data-testid="deal-client-search"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter takes the first match, so a rep can go on without the mouse.
              if (e.key === 'Enter' && rows?.[0]) {
                e.preventDefault();
                onPick(rows[0]);
              }
            }}
          />
        )}
      </Field>
      {rows !== null && (
        <ClientResults
          rows={rows}
          onPick={onPick}
          label={t('dialog.client_results')}
          empty={t('dialog.client_none')}
          testId="deal-client-option"
          className="deal-client-list"
        />
      )}
    </>
  );
}
