import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { BudgetRow } from '../../../../../shared/contract/actions.schema';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { BUDGET_ALERT_RATIO } from '../../../../../shared/domain/local-actions';
import { useAppStore, useServices } from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { PageHeader } from '../../../components/PageHeader';
import { ACTIONS, formatHash } from '../../../shell/routes';
import { formatPercent, useMoney } from '../../settlements/use-money';
import { formatMonth } from '../action-format';
import { createBudgetStore } from './budget.store';
import type { BudgetState, Figure } from './budget.store';
import { FigureActionsDialog } from './FigureActionsDialog';
import { SetBudgetDialog } from './SetBudgetDialog';
import './Budget.css';

const FIGURES = ['budget', 'reserved', 'committed', 'settled', 'available'] as const satisfies Figure[];

/**
 * A month of budgets (PRODUCT.md §3): per rep the budget, what actions reserve and commit of it,
 * what HQ settled, and what is left. Every figure opens the actions behind it; the manager sets a
 * rep's budget, and a budget below what the month already holds is refused with those figures.
 */
export function BudgetScreen({ user, store: given }: { user: PublicUser; store?: StoreApi<BudgetState> }) {
  const { t, i18n } = useTranslation(['settlements', 'actions', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createBudgetStore(api));
  const today = useAppStore((s) => s.info?.today);
  const currency = useAppStore((s) => s.office?.currency ?? '');
  const month = useStore(store, (s) => s.month);
  const status = useStore(store, (s) => s.status);
  const rows = useStore(store, (s) => s.rows);
  const error = useStore(store, (s) => s.error);
  const figure = useStore(store, (s) => s.figure);
  const edit = useStore(store, (s) => s.edit);
  const money = useMoney();
  const [announcement, announce] = useAnnouncer();
  const lang = i18n.language;
  const canSet = user.role === 'manager';

  useEffect(() => store.getState().connect(), [store]);
  // The office's today, from the core: the screen opens at its month, never this machine's.
  useEffect(() => {
    if (today) void store.getState().start(today.slice(0, 7));
  }, [store, today]);

  const monthName = month ? formatMonth(month, lang) : '…';
  const intro =
    user.role === 'rep'
      ? t('budget.intro_rep')
      : user.role === 'manager'
        ? t('budget.intro_manager')
        : t('budget.intro_admin');

  const save = async (amount: number, note: string) => {
    const name = store.getState().edit?.repName ?? '';
    const ok = await store.getState().saveBudget(amount, note);
    if (ok) announce(t('budget.saved', { name, month: monthName, amount: money(amount) }));
    return ok;
  };

  return (
    <section
      className="page budget"
      data-testid="budget-screen"
      aria-busy={status === 'loading' || undefined}
    >
      <PageHeader
        title={t('budget.title')}
        intro={intro}
        actions={
          <a className="button" href={formatHash(ACTIONS)} data-testid="budget-actions-link">
            {t('actions:title')}
          </a>
        }
      />
      <div className="budget__months" role="group" aria-label={t('budget.month')}>
        <button
          type="button"
          className="button button--icon"
          aria-label={t('budget.prev')}
          title={t('budget.prev')}
          disabled={!month}
          data-testid="budget-prev"
          onClick={() => void store.getState().shift(-1)}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <output
          className="budget__month"
          aria-live="polite"
          data-testid="budget-month"
          data-month={month ?? ''}
        >
          {monthName}
        </output>
        <button
          type="button"
          className="button button--icon"
          aria-label={t('budget.next')}
          title={t('budget.next')}
          disabled={!month}
          data-testid="budget-next"
          onClick={() => void store.getState().shift(1)}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <LiveStatus message={announcement} testId="budget-status" />
      {status === 'failed' && <ErrorPanel error={error} onRetry={() => void store.getState().load()} />}
      {status === 'ready' && rows.length === 0 && <p className="empty">{t('budget.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table budget__table" aria-label={t('budget.caption', { month: monthName })}>
            <thead>
              <tr>
                <th scope="col">{t('budget.rep')}</th>
                {FIGURES.map((f) => (
                  <th scope="col" className="table__num" key={f}>
                    {t(`budget.figure.${f}`)}
                  </th>
                ))}
                <th scope="col" className="budget__used-col">
                  {t('budget.used')}
                </th>
                {canSet && (
                  <th scope="col">
                    <span className="visually-hidden">{t('budget.set')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.repId} data-testid="budget-row" data-rep={row.repId}>
                  <th scope="row" className="table__name">
                    {row.repName}
                    {row.repCode && <span className="table__sub">{row.repCode}</span>}
                  </th>
                  {FIGURES.map((f) => (
                    <td className="table__num" key={f}>
                      <button
                        type="button"
                        className={`budget__figure budget__figure--${f}${f === 'available' && row.available < 0 ? ' budget__figure--negative' : ''}`}
                        data-testid={`figure-${f}`}
                        data-value={row[f]}
                        aria-label={t('budget.open_figure', {
                          figure: t(`budget.figure.${f}`),
                          name: row.repName,
                          amount: money(row[f]),
                        })}
                        onClick={() => void store.getState().openFigure(row, f)}
                      >
                        {money(row[f])}
                      </button>
                      {f === 'budget' && !row.isSet && (
                        <span className="table__sub">{t('budget.not_set')}</span>
                      )}
                    </td>
                  ))}
                  <td className="budget__used-col">
                    <UsedBar used={row.used} lang={lang} />
                  </td>
                  {canSet && (
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--small"
                        data-testid="budget-set"
                        aria-label={t('budget.set_label', { name: row.repName })}
                        onClick={() => store.getState().openEdit(row)}
                      >
                        {t('budget.set')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            {rows.length > 1 && <Totals rows={rows} canSet={canSet} />}
          </table>
        </div>
      )}
      {figure && month && (
        <FigureActionsDialog
          list={figure}
          monthName={monthName}
          onRetry={() => void store.getState().reloadFigure()}
          onClose={() => store.getState().closeFigure()}
        />
      )}
      {edit && month && (
        <SetBudgetDialog
          edit={edit}
          monthName={monthName}
          currency={currency}
          minimum={minimumOf(rows.find((r) => r.repId === edit.repId))}
          onSave={save}
          onClose={() => store.getState().closeEdit()}
        />
      )}
    </section>
  );
}

/** What the month already holds (the lowest budget the core will accept), if the row is known. */
function minimumOf(row: BudgetRow | undefined): number | null {
  return row ? row.reserved + row.committed : null;
}

/** Reserved + committed over the budget; the warning colour from 90 % (the home alert's threshold). */
function UsedBar({ used, lang }: { used: number; lang: string }) {
  const { t } = useTranslation('settlements');
  const warn = used >= BUDGET_ALERT_RATIO;
  const percent = formatPercent(used, lang);
  return (
    <div className="budget__used" data-testid="budget-used" data-warn={warn || undefined}>
      <span
        className={warn ? 'budget__bar budget__bar--warn' : 'budget__bar'}
        role="img"
        aria-label={t('budget.used_label', { percent })}
      >
        <span className="budget__bar-fill" style={{ width: `${Math.min(used, 1) * 100}%` }} />
      </span>
      <span className={warn ? 'budget__percent budget__percent--warn' : 'budget__percent'} aria-hidden="true">
        {percent}
      </span>
    </div>
  );
}

/** The team's month at a glance (a manager's or the admin's table of several reps). */
function Totals({ rows, canSet }: { rows: BudgetRow[]; canSet: boolean }) {
  const { t, i18n } = useTranslation('settlements');
  const money = useMoney();
  const sum = (f: Figure) => rows.reduce((n, r) => n + r[f], 0);
  const budget = sum('budget');
  const held = sum('reserved') + sum('committed');
  const used = budget > 0 ? held / budget : held > 0 ? 1 : 0;
  return (
    <tfoot>
      <tr data-testid="budget-total">
        <th scope="row">{t('budget.total')}</th>
        {FIGURES.map((f) => (
          <td className="table__num" key={f}>
            {money(sum(f))}
          </td>
        ))}
        <td className="budget__used-col">
          <UsedBar used={used} lang={i18n.language} />
        </td>
        {canSet && <td />}
      </tr>
    </tfoot>
  );
}
