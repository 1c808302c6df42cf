import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionRow } from '../../../../shared/contract/actions.schema';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { useAppStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/format';
import { actionRoute, APPROVED, formatHash, SETTLEMENTS } from '../../shell/routes';
import type { SettlementsView } from '../../shell/routes';
import { createSettlementsStore } from './settlements.store';
import type { SettlementsState } from './settlements.store';
import { formatPercent, useMoney } from './use-money';
import { officeDate, waitingDays } from './waiting-days';
import './Settlements.css';

/**
 * The manager's settlements desk: recommendations to decide (oldest first) and approved settlements
 * waiting for HQ. Each row leads to the action, where the decision, the order and HQ's
 * confirmation are made with the action's whole history in view.
 */
export function SettlementsSection({
  view,
  user,
  store: given,
}: {
  view: SettlementsView;
  user: PublicUser;
  store?: StoreApi<SettlementsState>;
}) {
  void user; // the section is the manager's (routes.ts); the core scopes the rows to their teams
  const { api } = useServices();
  const [store] = useState(() => given ?? createSettlementsStore(api));
  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => void store.getState().open(view.view), [store, view.view]);
  return (
    <div data-testid="screen-settlements">
      <SettlementsTabs current={view.view} />
      {view.view === 'queue' ? <QueueList store={store} /> : <ApprovedList store={store} />}
    </div>
  );
}

/** "To decide" and "Awaiting HQ" are two views of one desk: a tab strip leads between them. */
function SettlementsTabs({ current }: { current: SettlementsView['view'] }) {
  const { t } = useTranslation('settlements');
  const tabs = [
    { id: 'queue', route: SETTLEMENTS, label: t('tab_queue') },
    { id: 'approved', route: APPROVED, label: t('tab_approved') },
  ] as const;
  return (
    <nav className="tabs page" aria-label={t('tabs_label')}>
      {tabs.map((x) => (
        <a
          key={x.id}
          className="tabs__tab"
          href={formatHash(x.route)}
          aria-current={x.id === current ? 'page' : undefined}
          data-testid={`tab-${x.id}`}
        >
          {x.label}
        </a>
      ))}
    </nav>
  );
}

/** The rows of the list asked for, or nothing while another list's rows are still there. */
function useRows(store: StoreApi<SettlementsState>, list: SettlementsState['list']) {
  const status = useStore(store, (s) => (s.list === list ? s.status : 'loading'));
  const rows = useStore(store, (s) => (s.list === list ? s.rows : null));
  const error = useStore(store, (s) => s.error);
  return { status, rows: rows ?? [], error };
}

function QueueList({ store }: { store: StoreApi<SettlementsState> }) {
  const { t, i18n } = useTranslation('settlements');
  const { status, rows, error } = useRows(store, 'queue');
  const money = useMoney();
  const today = useAppStore((s) => s.info?.today);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const lang = i18n.language;
  return (
    <section
      className="page settlements"
      data-testid="settlements-queue"
      aria-busy={status === 'loading' || undefined}
    >
      <PageHeader title={t('queue.title')} intro={t('queue.intro')} />
      {status === 'failed' && <ErrorPanel error={error} onRetry={() => void store.getState().load()} />}
      {status === 'ready' && rows.length === 0 && (
        <p className="empty" data-testid="settlements-empty">
          {t('queue.empty')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table settlements__table" aria-label={t('queue.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('col.number')}</th>
                <th scope="col">{t('col.client')}</th>
                <th scope="col">{t('col.rep')}</th>
                <th scope="col" className="table__num">
                  {t('col.recommended')}
                </th>
                <th scope="col" className="table__num">
                  {t('col.agreed')}
                </th>
                <th scope="col">{t('col.waiting')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('queue.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const days = today ? waitingDays(row.since, today, timeZone) : null;
                const recommended = row.recommendedAmount ?? 0;
                const agreed = row.agreedAmount ?? 0;
                return (
                  <tr key={row.id} data-testid="queue-row" data-id={row.id}>
                    <ActionCells row={row} />
                    <td className="table__num">
                      <strong data-testid="queue-recommended" data-value={recommended}>
                        {money(recommended)}
                      </strong>
                      {agreed > 0 && recommended < agreed && (
                        <span className="table__sub">
                          {t('of_agreed', { percent: formatPercent(recommended / agreed, lang) })}
                        </span>
                      )}
                    </td>
                    <td className="table__num" data-value={agreed}>
                      {money(agreed)}
                    </td>
                    <td className="settlements__waiting" data-testid="queue-waiting" data-days={days ?? ''}>
                      {days === null
                        ? '…'
                        : days === 0
                          ? t('waiting_today')
                          : t('waiting_days', { count: days })}
                    </td>
                    <td className="table__actions">
                      <a
                        className="button button--small button--primary"
                        href={formatHash(actionRoute(row.id))}
                        aria-label={t('queue.open_label', { number: row.number })}
                        data-testid="queue-open"
                      >
                        {t('queue.open')}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ApprovedList({ store }: { store: StoreApi<SettlementsState> }) {
  const { t, i18n } = useTranslation(['settlements', 'actions']);
  const { status, rows, error } = useRows(store, 'approved');
  const money = useMoney();
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const lang = i18n.language;
  const total = rows.reduce((n, r) => n + (r.approvedAmount ?? 0), 0);
  return (
    <section
      className="page settlements"
      data-testid="settlements-approved"
      aria-busy={status === 'loading' || undefined}
    >
      <PageHeader title={t('approved.title')} intro={t('approved.intro')} />
      {status === 'failed' && <ErrorPanel error={error} onRetry={() => void store.getState().load()} />}
      {status === 'ready' && rows.length === 0 && (
        <p className="empty" data-testid="settlements-empty">
          {t('approved.empty')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table settlements__table" aria-label={t('approved.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('col.number')}</th>
                <th scope="col">{t('col.client')}</th>
                <th scope="col">{t('col.rep')}</th>
                <th scope="col" className="table__num">
                  {t('col.approved')}
                </th>
                <th scope="col">{t('col.method')}</th>
                <th scope="col">{t('col.since')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('approved.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const date = officeDate(row.since, timeZone);
                return (
                  <tr key={row.id} data-testid="approved-row" data-id={row.id}>
                    <ActionCells row={row} />
                    <td
                      className="table__num"
                      data-testid="approved-amount"
                      data-value={row.approvedAmount ?? 0}
                    >
                      {money(row.approvedAmount ?? 0)}
                    </td>
                    <td>{row.settlementMethod ? t(`actions:method.${row.settlementMethod}`) : '—'}</td>
                    <td className="settlements__date">
                      {date ? <time dateTime={date}>{formatDate(date, lang)}</time> : '—'}
                    </td>
                    <td className="table__actions">
                      <a
                        className="button button--small"
                        href={formatHash(actionRoute(row.id))}
                        aria-label={t('approved.open_label', { number: row.number })}
                        data-testid="approved-open"
                      >
                        {t('approved.open')}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            {rows.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('approved.total')}
                  </th>
                  <td className="table__num" data-testid="approved-total" data-value={total}>
                    {money(total)}
                  </td>
                  <td colSpan={3} />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}

/** Number (a link to the action, with its title), client with city, and rep: both lists open so. */
function ActionCells({ row }: { row: ActionRow }) {
  return (
    <>
      <th scope="row" className="settlements__number">
        <a href={formatHash(actionRoute(row.id))}>{row.number}</a>
        {row.title && <span className="table__sub">{row.title}</span>}
      </th>
      <td className="table__text settlements__client">
        {row.clientName}
        {row.clientCity && <span className="table__sub">{row.clientCity}</span>}
      </td>
      <td className="table__text">{row.repName}</td>
    </>
  );
}
