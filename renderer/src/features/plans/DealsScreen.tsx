import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { DEAL_OUTCOMES } from '../../../../shared/contract/plans.schema';
import type { DealOutcome, DealRow } from '../../../../shared/contract/plans.schema';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { useAppStore, useServices } from '../../app/app-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/format';
import { clientCardRoute, formatHash } from '../../shell/routes';
import { formatMonth } from '../actions/action-format';
import { useMoney } from '../settlements/use-money';
import { DealDialog } from './DealDialog';
import { createDealsStore, dealTotals, DEALS_LIMIT, matchingDeals } from './deals.store';
import type { DealsState } from './deals.store';
import { MonthSwitcher } from './MonthSwitcher';
import './Plans.css';

/**
 * A month's deals (PRODUCT.md §2 "Deal"), newest first, filtered by outcome and text, with the
 * month's won and lost totals. A rep records deals with their own clients and edits or archives
 * their own; a manager reads the team's, the admin the office's.
 */
export function DealsScreen({ user, store: given }: { user: PublicUser; store?: StoreApi<DealsState> }) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const { api } = useServices();
  const isRep = user.role === 'rep';
  const [store] = useState(() => given ?? createDealsStore(api, { repId: isRep ? user.id : null }));
  const today = useAppStore((s) => s.info?.today);
  const filters = useStore(store, (s) => s.filters);
  const status = useStore(store, (s) => s.status);
  const rows = useStore(store, (s) => s.rows);
  const error = useStore(store, (s) => s.error);
  const editor = useStore(store, (s) => s.editor);
  const archiving = useStore(store, (s) => s.archiving);
  const [announcement, announce] = useAnnouncer();
  const money = useMoney();
  const id = useId();
  const lang = i18n.language;

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    if (today) void store.getState().start(today.slice(0, 7));
  }, [store, today]);

  const month = filters.month;
  const monthName = month ? formatMonth(month, lang) : '…';
  const shown = matchingDeals(rows, filters.text);
  const totals = dealTotals(shown);
  const filtered = filters.outcome !== null || filters.text.trim() !== '';
  const intro =
    user.role === 'rep'
      ? t('deals.intro_rep')
      : user.role === 'manager'
        ? t('deals.intro_manager')
        : t('deals.intro_admin');
  const mine = (row: DealRow) => isRep && row.repId === user.id;

  return (
    <section className="page deals" data-testid="deals-screen" aria-busy={status === 'loading' || undefined}>
      <PageHeader
        title={t('deals.title')}
        intro={intro}
        actions={
          isRep && (
            <button
              type="button"
              className="button button--primary"
              disabled={!today}
              data-testid="deal-record"
              onClick={() => today && store.getState().openCreate(today)}
            >
              {t('deals.record')}
            </button>
          )
        }
      />
      <MonthSwitcher month={month} testId="deals" onShift={(d) => void store.getState().shift(d)} />
      <div className="deals-filters" role="search" aria-label={t('deals.filters')}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-outcome`}>
            {t('deals.outcome_filter')}
          </label>
          <select
            id={`${id}-outcome`}
            className="field__input"
            value={filters.outcome ?? ''}
            data-testid="deals-outcome"
            onChange={(e) => void store.getState().setOutcome((e.target.value || null) as DealOutcome | null)}
          >
            <option value="">{t('deals.outcome_all')}</option>
            {DEAL_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`deals.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field deals-filters__search">
          <label className="field__label" htmlFor={`${id}-text`}>
            {t('deals.search')}
          </label>
          <input
            id={`${id}-text`}
            className="field__input"
            type="search"
            value={filters.text}
            placeholder={t('deals.search_hint')}
            maxLength={100}
            autoComplete="off"
            data-testid="deals-search"
            onChange={(e) => store.getState().setText(e.target.value)}
          />
        </div>
      </div>
      <LiveStatus message={announcement} testId="deals-status" />
      {status === 'failed' && <ErrorPanel error={error} onRetry={() => void store.getState().load()} />}
      {status === 'ready' && shown.length === 0 && (
        <p className="empty" data-testid="deals-empty">
          {filtered && rows.length > 0 ? t('deals.empty_filtered') : t('deals.empty')}
        </p>
      )}
      {shown.length > 0 && (
        <>
          <p
            className="deals__summary"
            data-testid="deals-summary"
            data-won={totals.won}
            data-lost={totals.lost}
          >
            {t('deals.summary_won', { count: totals.won, value: money(totals.wonValue) })}
            {' · '}
            {t('deals.summary_lost', { count: totals.lost })}
          </p>
          <div className="table-wrap">
            <table
              className="table deals__table"
              aria-label={t('deals.caption', { month: monthName })}
              data-testid="deals-table"
            >
              <thead>
                <tr>
                  <th scope="col">{t('deals.col.closed')}</th>
                  <th scope="col">{t('deals.col.client')}</th>
                  <th scope="col">{t('deals.col.title')}</th>
                  {!isRep && <th scope="col">{t('deals.col.rep')}</th>}
                  <th scope="col" className="table__num">
                    {t('deals.col.value')}
                  </th>
                  <th scope="col">{t('deals.col.outcome')}</th>
                  {isRep && (
                    <th scope="col">
                      <span className="visually-hidden">{t('deals.edit')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.id} data-testid="deal-row" data-id={row.id} data-outcome={row.outcome}>
                    <td className="deals__date">
                      <time dateTime={row.closedAt}>{formatDate(row.closedAt, lang)}</time>
                    </td>
                    <td className="table__text">
                      <a href={formatHash(clientCardRoute(row.clientId))}>{row.clientName}</a>
                    </td>
                    <th scope="row" className="table__text deals__title">
                      {row.title}
                      {row.note && <span className="table__sub">{row.note}</span>}
                    </th>
                    {!isRep && <td className="table__text">{row.repName}</td>}
                    <td className="table__num" data-testid="deal-value" data-value={row.value}>
                      {money(row.value)}
                    </td>
                    <td>
                      <span className={`badge deals__outcome deals__outcome--${row.outcome}`}>
                        {t(`deals.outcome.${row.outcome}`)}
                      </span>
                    </td>
                    {isRep && (
                      <td className="table__actions">
                        {mine(row) && today && (
                          <>
                            <button
                              type="button"
                              className="button button--small"
                              data-testid="deal-edit"
                              aria-label={t('deals.edit_label', { title: row.title })}
                              onClick={() => store.getState().openEdit(row, today, lang)}
                            >
                              {t('deals.edit')}
                            </button>
                            <button
                              type="button"
                              className="button button--small button--danger-quiet"
                              data-testid="deal-archive"
                              aria-label={t('deals.archive_label', { title: row.title })}
                              onClick={() => store.getState().askArchive(row)}
                            >
                              {t('deals.archive')}
                            </button>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length >= DEALS_LIMIT && (
            <p className="muted" data-testid="deals-limited">
              {t('deals.limited', { count: DEALS_LIMIT })}
            </p>
          )}
        </>
      )}
      {editor && (
        <DealDialog
          store={store}
          onSaved={(row, created) =>
            announce(t(created ? 'deals.created' : 'deals.updated', { title: row.title }))
          }
        />
      )}
      {archiving && (
        <ConfirmDialog
          title={t('deals.archive_title')}
          confirmLabel={t('deals.archive')}
          busyLabel={t('deals.archiving')}
          danger
          testId="deal-archive-dialog"
          onClose={() => store.getState().cancelArchive()}
          onConfirm={async () => {
            const row = await store.getState().archive();
            if (row) announce(t('deals.archived', { title: row.title }));
          }}
        >
          <p>{t('deals.archive_text', { title: archiving.title, client: archiving.clientName })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
