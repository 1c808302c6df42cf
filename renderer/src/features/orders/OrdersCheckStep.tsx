import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type {
  OrderCounts,
  OrderImportSummary,
  OrderOutcome,
  OrderRowResult,
} from '../../../../shared/contract/orders.schema';
import { formatDate, formatNumber } from '../../i18n/format';
import { clientCardRoute, formatHash } from '../../shell/routes';
import { ImportErrorPanel } from '../clients/import/ImportErrorPanel';
import { useMoney } from '../settlements/use-money';
import { orderIssueText } from './orders-text';
import { canCommit, isStale } from './orders-import.store';
import type { OrdersImportState } from './orders-import.store';
import { ProgressBar } from '../imports-shared/ProgressBar';

const OUTCOMES: readonly OrderOutcome[] = ['new', 'already', 'error'];

/** Steps 3 and 4: the dry run with its counts, totals and lines, then the commit and its result. */
export function OrdersCheckStep({
  store,
  announce,
}: {
  store: StoreApi<OrdersImportState>;
  announce: (m: string | null) => void;
}) {
  const { t } = useTranslation(['orders', 'clientImport']);
  const s = useStore(store);
  const money = useMoney();
  const id = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  const countsRef = useRef<HTMLHeadingElement>(null);
  if (!s.upload) return null;

  const running = s.progress !== null;
  const stale = isStale(s);
  const ready = canCommit(s);
  const toImport = s.dryRun && !stale ? s.dryRun.counts.new : 0;

  const dryRun = async () => {
    announce(null);
    if (await store.getState().dryRunNow()) setTimeout(() => countsRef.current?.focus(), 0);
  };
  const commit = async () => {
    announce(null);
    const fileName = s.upload?.fileName ?? '';
    if (await store.getState().commit()) {
      announce(t('commit.done_status', { file: fileName }));
      setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  return (
    <>
      <section className="client-import__step" aria-labelledby={`${id}-check`}>
        <h2 className="section-title" id={`${id}-check`}>
          {t('check.title')}
        </h2>
        <p className="section-intro">{t('check.intro')}</p>
        <div className="client-import__actions">
          <button
            type="button"
            className={s.dryRun && !stale ? 'button' : 'button button--primary'}
            onClick={() => void dryRun()}
            disabled={running || s.uploadStatus === 'busy'}
            data-testid="orders-dry-run"
          >
            {s.dryRun ? t('check.run_again') : t('check.run')}
          </button>
        </div>

        {s.progress?.kind === 'dryRun' && (
          <ProgressBar progress={s.progress} ns="orders" testId="orders-progress" />
        )}
        {s.dryRunError !== null && !running && (
          <ImportErrorPanel title={t('check.failed')} error={s.dryRunError} onRetry={() => void dryRun()} />
        )}

        {s.dryRun && (
          <div
            className={
              stale ? 'client-import__summary client-import__summary--stale' : 'client-import__summary'
            }
          >
            {stale && (
              <p className="panel panel--warning" data-testid="orders-stale">
                {t('check.stale')}
              </p>
            )}
            <h3 className="client-import__subtitle" tabIndex={-1} ref={countsRef}>
              {t('check.counts')}
            </h3>
            <Counts counts={s.dryRun.counts} testId="orders-check-counts" />
            <Totals totals={s.dryRun.totals} money={money} />
            <RowResults summary={s.dryRun} money={money} />
          </div>
        )}
      </section>

      <section className="client-import__step" aria-labelledby={`${id}-commit`}>
        <h2 className="section-title" id={`${id}-commit`}>
          {t('commit.title')}
        </h2>
        {s.dryRun && !stale && s.dryRun.counts.error > 0 && (
          <p className="client-import__note" data-testid="orders-errors-skipped">
            {t('commit.errors_skipped', { count: s.dryRun.counts.error })}
          </p>
        )}
        <div className="client-import__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void commit()}
            disabled={!ready}
            aria-describedby={`${id}-commit-hint`}
            data-testid="orders-commit"
          >
            {ready ? t('commit.run', { count: toImport }) : t('commit.run_plain')}
          </button>
          <span className="field__hint" id={`${id}-commit-hint`}>
            {running
              ? ''
              : s.dryRun && !stale && toImport === 0
                ? t('commit.nothing')
                : !ready
                  ? t('commit.needs_check')
                  : ''}
          </span>
        </div>
        {s.progress?.kind === 'commit' && (
          <ProgressBar progress={s.progress} ns="orders" testId="orders-progress" />
        )}
        {s.commitError !== null && !running && (
          <ImportErrorPanel title={t('commit.failed')} error={s.commitError} />
        )}
        {s.result && (
          <div
            className="panel client-import__result"
            tabIndex={-1}
            ref={resultRef}
            data-testid="orders-result"
            data-id={s.result.import.id}
          >
            <p className="panel__title">{t('commit.done')}</p>
            <Counts counts={s.result.summary.counts} />
            <p className="client-import__contacts" data-testid="orders-result-value">
              {t('commit.value', { value: money(s.result.import.netValue) })}
            </p>
            {s.result.summary.counts.error > 0 && (
              <p className="client-import__note">
                {t('commit.errors_not_imported', { count: s.result.summary.counts.error })}
              </p>
            )}
          </div>
        )}
      </section>
    </>
  );
}

function Counts({ counts, testId }: { counts: OrderCounts; testId?: string }) {
  const { t, i18n } = useTranslation('orders');
  return (
    <dl className="client-import__counts" data-testid={testId}>
      {OUTCOMES.map((o) => (
        <div key={o} className={`client-import__count client-import__count--${o}`}>
          <dt>{t(`check.count.${o}`)}</dt>
          <dd data-testid={testId ? `orders-count-${o}` : undefined} data-value={counts[o]}>
            {formatNumber(counts[o], i18n.language)}
          </dd>
        </div>
      ))}
    </dl>
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

/** Lines shown at first, and added by each "show more". */
const ROWS_PAGE = 100;

function RowResults({ summary, money }: { summary: OrderImportSummary; money: (m: number) => string }) {
  const { t, i18n } = useTranslation(['orders', 'clientImport']);
  const [all, setAll] = useState(false);
  const [limit, setLimit] = useState(ROWS_PAGE);
  const id = useId();
  const lang = i18n.language;
  // The core sends errors first; sorting again keeps that whatever it sends.
  const sorted = [...summary.rows].sort(
    (a, b) => Number(a.outcome !== 'error') - Number(b.outcome !== 'error') || a.row - b.row,
  );
  const errors = sorted.filter((r) => r.outcome === 'error');
  const shown = all ? sorted : errors;
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
      {shown.length > 0 && (
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
              {shown.slice(0, limit).map((r) => (
                <RowResult key={r.row} row={r} money={money} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="client-import__rows-footer">
        {shown.length > limit && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setLimit((n) => n + ROWS_PAGE)}
            data-testid="orders-rows-more"
          >
            {t('check.more', { count: Math.min(ROWS_PAGE, shown.length - limit) })}
          </button>
        )}
        {sorted.length > errors.length && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setAll(!all)}
            aria-expanded={all}
            data-testid="orders-rows-all"
          >
            {all ? t('check.show_errors') : t('check.show_all')}
          </button>
        )}
        {total > summary.rows.length && (
          <span className="muted">{t('check.rows_listed', { shown: summary.rows.length, total })}</span>
        )}
      </div>
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
