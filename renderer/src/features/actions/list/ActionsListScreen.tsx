import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { ACTION_STAGES } from '../../../../../shared/contract/actions.schema';
import type { ActionRow } from '../../../../../shared/contract/actions.schema';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { useAppStore, useNavStore, useServices } from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate } from '../../../i18n/format';
import { actionRoute, BUDGET, formatHash, NEW_ACTION } from '../../../shell/routes';
import { formatMonth, moneyText, relevantAmount, stageKey } from '../action-format';
import { createActionsListStore, DEFAULT_FILTERS } from './actions-list.store';
import type { ActionsListState, StageFilter } from './actions-list.store';
import './ActionsList.css';

/** The search waits for a pause in typing. */
const TEXT_DELAY_MS = 250;

/**
 * The local actions a rep has (a manager: the team's), filtered by stage, text and budget month.
 * Every row opens the action; a rep starts a new one from here.
 */
export function ActionsListScreen({
  user,
  store: given,
}: {
  user: PublicUser;
  store?: StoreApi<ActionsListState>;
}) {
  const { t, i18n } = useTranslation(['actions', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createActionsListStore(api));
  const s = useStore(store);
  const navigate = useNavStore((x) => x.navigate);
  const currency = useAppStore((x) => x.office?.currency);
  const lang = i18n.language;
  const id = useId();
  const isRep = user.role === 'rep';
  const showRep = !isRep;
  const [text, setText] = useState(() => store.getState().filters.text);

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  // What is typed reaches the store after a pause.
  useEffect(() => {
    if (store.getState().filters.text === text) return;
    const timer = setTimeout(() => void store.getState().setFilters({ text }), TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, store]);

  const f = s.filters;
  const filtered =
    f.stage !== DEFAULT_FILTERS.stage || f.text !== '' || f.budgetMonth !== '' || text.trim() !== '';
  const money = (v: number | null) => (v === null ? '—' : moneyText(v, currency, lang));
  const period = (r: ActionRow) =>
    r.startDate && r.endDate
      ? `${formatDate(r.startDate, lang)} – ${formatDate(r.endDate, lang)}`
      : r.startDate
        ? formatDate(r.startDate, lang)
        : t('list.no_dates');

  return (
    <section className="page actions-list" data-testid="screen-actions">
      <PageHeader
        title={t('title')}
        intro={t('list.intro')}
        actions={
          <>
            <a className="button" href={formatHash(BUDGET)} data-testid="open-budget">
              {t('list.budget')}
            </a>
            {isRep && (
              <a className="button button--primary" href={formatHash(NEW_ACTION)} data-testid="new-action">
                {t('list.new')}
              </a>
            )}
          </>
        }
      />

      <div className="actions-filters" role="search" aria-label={t('list.filters')}>
        <div className="field actions-filters__stage">
          <label className="field__label" htmlFor={`${id}-stage`}>
            {t('list.stage')}
          </label>
          <select
            id={`${id}-stage`}
            className="field__input"
            value={f.stage}
            data-testid="actions-stage"
            onChange={(e) => void store.getState().setFilters({ stage: e.target.value as StageFilter })}
          >
            <option value="open">{t('list.stage_open')}</option>
            <option value="closed">{t('list.stage_closed')}</option>
            <option value="all">{t('list.stage_all')}</option>
            <optgroup label={t('list.stage_single')}>
              {ACTION_STAGES.map((st) => (
                <option key={st} value={st}>
                  {t(stageKey(st))}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="field actions-filters__search">
          <label className="field__label" htmlFor={`${id}-text`}>
            {t('list.search')}
          </label>
          <input
            id={`${id}-text`}
            className="field__input"
            type="search"
            value={text}
            placeholder={t('list.search_hint')}
            maxLength={100}
            autoComplete="off"
            data-testid="actions-search"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void store.getState().setFilters({ text });
            }}
          />
        </div>
        <div className="field actions-filters__month">
          <label className="field__label" htmlFor={`${id}-month`}>
            {t('list.month')}
          </label>
          <input
            id={`${id}-month`}
            className="field__input"
            type="month"
            value={f.budgetMonth}
            aria-describedby={`${id}-month-hint`}
            data-testid="actions-month"
            onChange={(e) => void store.getState().setFilters({ budgetMonth: e.target.value })}
          />
          <p className="field__hint" id={`${id}-month-hint`}>
            {t('list.month_hint')}
          </p>
        </div>
        {filtered && (
          <button
            type="button"
            className="button button--ghost actions-filters__clear"
            data-testid="actions-clear"
            onClick={() => {
              setText('');
              void store.getState().clearFilters();
            }}
          >
            {t('list.clear')}
          </button>
        )}
      </div>

      {s.status === 'failed' && <ErrorPanel error={s.error} onRetry={() => void store.getState().load()} />}
      {(s.status === 'idle' || s.status === 'loading') && <p className="muted">{t('list.loading')}</p>}

      {s.status !== 'idle' && s.status !== 'loading' && (s.status === 'ready' || s.rows.length > 0) && (
        <>
          <p className="muted actions-list__count" role="status" data-testid="actions-count">
            {t('list.count', { count: s.rows.length })}
          </p>
          {s.rows.length === 0 ? (
            <p className="empty" data-testid="actions-empty">
              {filtered ? t('list.empty_filtered') : isRep ? t('list.empty_rep') : t('list.empty_team')}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table actions-table" data-testid="actions-list">
                <thead>
                  <tr>
                    <th scope="col">{t('list.col_action')}</th>
                    <th scope="col">{t('list.col_client')}</th>
                    <th scope="col">{t('list.col_stage')}</th>
                    <th scope="col">{t('list.col_period')}</th>
                    <th scope="col">{t('list.col_month')}</th>
                    <th scope="col" className="table__num">
                      {t('list.col_amount')}
                    </th>
                    {showRep && <th scope="col">{t('list.col_rep')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {s.rows.map((r) => {
                    const amount = relevantAmount(r);
                    const href = formatHash(actionRoute(r.id));
                    return (
                      <tr
                        key={r.id}
                        className="actions-table__row"
                        data-testid="action-row"
                        data-number={r.number}
                        data-id={r.id}
                        data-stage={r.stage}
                        onClick={(e) => {
                          // The link handles itself; anywhere else on the row opens the action too.
                          if ((e.target as HTMLElement).closest('a, button')) return;
                          navigate(actionRoute(r.id));
                        }}
                      >
                        {/* Number and title share a column: seven columns fit a laptop's width. */}
                        <th scope="row" className="actions-table__action">
                          <a className="actions-table__number" href={href}>
                            {r.number}
                          </a>
                          <span className="actions-table__title">
                            {r.title || <span className="muted">{t('list.no_title')}</span>}
                          </span>
                        </th>
                        <td className="table__name">
                          {r.clientName}
                          <span className="table__sub">{r.clientCity}</span>
                        </td>
                        <td>
                          <span
                            className={`action-stage action-stage--${r.stage}`}
                            data-testid="action-stage"
                          >
                            {t(stageKey(r.stage))}
                          </span>
                        </td>
                        <td className="actions-table__period">{period(r)}</td>
                        <td className="actions-table__month">
                          {r.budgetMonth ? formatMonth(r.budgetMonth, lang) : '—'}
                        </td>
                        <td className="table__num" data-testid="action-amount" data-kind={amount.kind}>
                          {money(amount.amount)}
                          {amount.amount !== null && (
                            <span className="table__sub">{t(`amount_kind.${amount.kind}`)}</span>
                          )}
                        </td>
                        {showRep && <td className="table__text">{r.repName}</td>}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
