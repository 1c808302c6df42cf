import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type {
  OrderImportSummary,
  OrderOutcome,
  OrderRowResult,
} from '../../../../shared/contract/orders.schema';
import { formatDate, formatNumber } from '../../i18n/format';
import { clientCardRoute, formatHash } from '../../shell/routes';
import { useMoney } from '../settlements/use-money';
import { orderIssueText } from './orders-text';
import { canCommit, isStale } from './orders-import.store';
import type { OrdersImportState } from './orders-import.store';
import {
  CheckSection,
  CommitSection,
  OutcomeCounts,
  RowPagesFooter,
  useRowPages,
  useRunHandlers,
} from '../imports-shared/RunSteps';

const OUTCOMES: readonly OrderOutcome[] = ['new', 'already', 'error'];

/** Steps 3 and 4: the dry run with its counts, totals and lines, then the commit and its result. */
export function OrdersCheckStep({
  store,
  announce,
}: {
  store: StoreApi<OrdersImportState>;
  announce: (m: string | null) => void;
}) {
  const s = useStore(store);
  const money = useMoney();
  const id = useId();
  const { dryRun, commit, resultRef, countsRef } = useRunHandlers(
    'orders',
    store.getState,
    s.upload?.fileName ?? '',
    announce,
  );
  const { t } = useTranslation(['orders', 'clientImport']);
  if (!s.upload) return null;

  const running = s.progress !== null;
  const stale = isStale(s);
  const ready = canCommit(s);
  const toImport = s.dryRun && !stale ? s.dryRun.counts.new : 0;

  return (
    <>
      <CheckSection
        id={id}
        ns="orders"
        testPrefix="orders"
        run={s}
        stale={stale}
        onRun={() => void dryRun()}
        countsRef={countsRef}
      >
        {s.dryRun && (
          <>
            <OutcomeCounts
              ns="orders"
              testPrefix="orders"
              outcomes={OUTCOMES}
              counts={s.dryRun.counts}
              testId="orders-check-counts"
              values
            />
            <Totals totals={s.dryRun.totals} money={money} />
            <RowResults summary={s.dryRun} money={money} />
          </>
        )}
      </CheckSection>

      <CommitSection
        id={id}
        ns="orders"
        testPrefix="orders"
        run={s}
        stale={stale}
        ready={ready}
        disabled={!ready}
        count={toImport}
        hint={
          running
            ? ''
            : s.dryRun && !stale && toImport === 0
              ? t('commit.nothing')
              : !ready
                ? t('commit.needs_check')
                : ''
        }
        onCommit={() => void commit()}
        resultRef={resultRef}
      >
        {s.result && (
          <>
            <OutcomeCounts
              ns="orders"
              testPrefix="orders"
              outcomes={OUTCOMES}
              counts={s.result.summary.counts}
              values
            />
            <p className="client-import__contacts" data-testid="orders-result-value">
              {t('commit.value', { value: money(s.result.import.netValue) })}
            </p>
          </>
        )}
      </CommitSection>
    </>
  );
}

function Totals({ totals, money }: { totals: OrderImportSummary['totals']; money: (m: number) => string }) {
  const { t, i18n } = useTranslation('orders');
  const lang = i18n.language;
  const from = totals.from ? formatDate(totals.from, lang) : null;
  const to = totals.to ? formatDate(totals.to, lang) : null;
  return (
    <>
      <h3 className="client-import__subtitle">{t('check.totals')}</h3>
      <dl className="facts orders-import__totals" data-testid="orders-check-totals">
        <div className="facts__item">
          <dt>{t('check.total_value')}</dt>
          <dd data-testid="orders-total-value" data-value={totals.netValue}>
            {money(totals.netValue)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('check.total_clients')}</dt>
          <dd data-testid="orders-total-clients" data-value={totals.clients}>
            {formatNumber(totals.clients, lang)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('check.total_period')}</dt>
          <dd data-testid="orders-total-period" data-from={totals.from ?? ''} data-to={totals.to ?? ''}>
            {from && to ? (from === to ? from : `${from} – ${to}`) : '—'}
          </dd>
        </div>
      </dl>
    </>
  );
}

function RowResults({ summary, money }: { summary: OrderImportSummary; money: (m: number) => string }) {
  const { t, i18n } = useTranslation(['orders', 'clientImport']);
  const id = useId();
  const lang = i18n.language;
  // The core sends errors first; sorting again keeps that whatever it sends.
  const sorted = [...summary.rows].sort(
    (a, b) => Number(a.outcome !== 'error') - Number(b.outcome !== 'error') || a.row - b.row,
  );
  const errors = sorted.filter((r) => r.outcome === 'error');
  const pages = useRowPages(sorted, errors);
  const c = summary.counts;
  const total = c.new + c.already + c.error;

  return (
    <div className="client-import__rows-wrap">
      <h3 className="client-import__subtitle" id={id}>
        {t('check.rows')}
      </h3>
      {errors.length === 0 && (
        <p className="muted" data-testid="orders-no-errors">
          {t('check.no_errors')}
        </p>
      )}
      {pages.visible.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
          <table className="table table--compact orders-import__rows" aria-labelledby={id}>
            <thead>
              <tr>
                <th scope="col">{t('check.col.row')}</th>
                <th scope="col">{t('check.col.outcome')}</th>
                <th scope="col">{t('check.col.client')}</th>
                <th scope="col">{t('check.col.date')}</th>
                <th scope="col">{t('check.col.product')}</th>
                <th scope="col" className="table__num">
                  {t('check.col.quantity')}
                </th>
                <th scope="col" className="table__num">
                  {t('check.col.net')}
                </th>
                <th scope="col">{t('check.col.issues')}</th>
              </tr>
            </thead>
            <tbody>
              {pages.visible.map((r) => (
                <RowResult key={r.row} row={r} money={money} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RowPagesFooter
        ns="orders"
        testPrefix="orders"
        pages={pages}
        hideLabel={t('check.show_errors')}
        toggleTestId="orders-rows-all"
        listed={summary.rows.length}
        total={total}
      />
    </div>
  );
}

function RowResult({
  row,
  money,
  lang,
}: {
  row: OrderRowResult;
  money: (m: number) => string;
  lang: string;
}) {
  const { t, i18n } = useTranslation(['orders', 'clientImport']);
  return (
    <tr
      className={`orders-import__row orders-import__row--${row.outcome}`}
      data-testid="orders-row"
      data-row={row.row}
      data-outcome={row.outcome}
    >
      <th scope="row" className="orders-import__row-number">
        {formatNumber(row.row, lang)}
      </th>
      <td>
        <span className={`badge client-import__outcome client-import__outcome--${row.outcome}`}>
          {t(`check.outcome.${row.outcome}`)}
        </span>
      </td>
      <td className="orders-import__wrap">
        {row.clientId && row.clientName ? (
          <a href={formatHash(clientCardRoute(row.clientId))}>{row.clientName}</a>
        ) : (
          (row.clientName ?? '—')
        )}
      </td>
      <td className="orders-import__nowrap">{row.date ? formatDate(row.date, lang) : '—'}</td>
      <td className="orders-import__wrap">{row.productName ?? '—'}</td>
      <td className="table__num">
        {row.quantity !== null ? formatNumber(row.quantity, lang, { maximumFractionDigits: 3 }) : '—'}
      </td>
      <td className="table__num orders-import__nowrap">
        {row.netValue !== null ? money(row.netValue) : '—'}
      </td>
      <td className="orders-import__issues">
        {row.issues.length > 0 && (
          <ul className="client-import__row-issues">
            {row.issues.map((issue, i) => (
              <li key={i} data-field={issue.field ?? ''} data-key={issue.key}>
                {orderIssueText(t, i18n, issue)}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
