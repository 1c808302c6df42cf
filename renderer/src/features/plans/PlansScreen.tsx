import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { PlanRow } from '../../../../shared/contract/plans.schema';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { useAppStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber } from '../../i18n/format';
import { formatMonth } from '../actions/action-format';
import { useMoney } from '../settlements/use-money';
import { MonthSwitcher } from './MonthSwitcher';
import { PlanProgress } from './PlanProgress';
import { createPlansStore, METRICS } from './plans.store';
import type { PlansState } from './plans.store';
import { SetTargetsDialog } from './SetTargetsDialog';
import './Plans.css';

/**
 * A month of sales plans (PRODUCT.md §2, §6 "Plan progress"): per rep the targets for contacts,
 * meetings and deals won against what the records hold, counted by the core. The manager sets a
 * rep's targets for this month or a later one; a rep reads their own row.
 */
export function PlansScreen({ user, store: given }: { user: PublicUser; store?: StoreApi<PlansState> }) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createPlansStore(api));
  const today = useAppStore((s) => s.info?.today);
  const month = useStore(store, (s) => s.month);
  const status = useStore(store, (s) => s.status);
  const rows = useStore(store, (s) => s.rows);
  const error = useStore(store, (s) => s.error);
  const edit = useStore(store, (s) => s.edit);
  const [announcement, announce] = useAnnouncer();
  const lang = i18n.language;

  useEffect(() => store.getState().connect(), [store]);
  // The office's today, from the core: the screen opens at its month, never this machine's.
  useEffect(() => {
    if (today) void store.getState().start(today.slice(0, 7));
  }, [store, today]);

  const monthName = month ? formatMonth(month, lang) : '…';
  // A month that is over keeps the targets it had (the core refuses to change them).
  const past = !!month && !!today && month < today.slice(0, 7);
  const canSet = user.role === 'manager' && !past;
  const intro =
    user.role === 'rep'
      ? t('plans.intro_rep')
      : user.role === 'manager'
        ? t('plans.intro_manager')
        : t('plans.intro_admin');

  const save = async () => {
    const name = store.getState().edit?.repName ?? '';
    const ok = await store.getState().save();
    if (ok) announce(t('plans.saved', { name, month: monthName }));
  };

  return (
    <section className="page plans" data-testid="plans-screen" aria-busy={status === 'loading' || undefined}>
      <PageHeader title={t('plans.title')} intro={intro} />
      <MonthSwitcher month={month} testId="plans" onShift={(d) => void store.getState().shift(d)} />
      {user.role === 'manager' && past && <p className="plans__past">{t('plans.past')}</p>}
      <LiveStatus message={announcement} testId="plans-status" />
      {status === 'failed' && <ErrorPanel error={error} onRetry={() => void store.getState().load()} />}
      {status === 'ready' && rows.length === 0 && (
        <p className="empty" data-testid="plans-empty">
          {t('plans.empty')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table
            className="table plans__table"
            aria-label={t('plans.caption', { month: monthName })}
            data-testid="plans-table"
          >
            <thead>
              <tr>
                <th scope="col">{t('plans.rep')}</th>
                {METRICS.map((m) => (
                  <th scope="col" key={m} className="plans__metric-col">
                    {t(`metric.${m}`)}
                    <span className="table__sub">{t(`metric_hint.${m}`)}</span>
                  </th>
                ))}
                <th scope="col" className="table__num">
                  {t('plans.lost')}
                </th>
                <th scope="col" className="table__num">
                  {t('plans.won_value')}
                </th>
                {canSet && (
                  <th scope="col">
                    <span className="visually-hidden">{t('plans.set')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <PlanTableRow
                  key={row.repId}
                  row={row}
                  canSet={canSet}
                  onSet={() => store.getState().openEdit(row)}
                />
              ))}
            </tbody>
            {rows.length > 1 && <Totals rows={rows} canSet={canSet} />}
          </table>
        </div>
      )}
      {edit && month && (
        <SetTargetsDialog
          edit={edit}
          monthName={monthName}
          onText={(m, v) => store.getState().setText(m, v)}
          onNote={(v) => store.getState().setNote(v)}
          onSave={() => void save()}
          onClose={() => store.getState().closeEdit()}
        />
      )}
    </section>
  );
}

function PlanTableRow({ row, canSet, onSet }: { row: PlanRow; canSet: boolean; onSet: () => void }) {
  const { t, i18n } = useTranslation('plans');
  const money = useMoney();
  return (
    <tr data-testid="plan-row" data-rep={row.repId} data-set={row.isSet || undefined}>
      <th scope="row" className="table__name plans__name">
        {row.repName}
        {row.repCode && <span className="table__sub">{row.repCode}</span>}
        {!row.isSet && <span className="plans__unset">{t('plans.not_set')}</span>}
        {row.note && <span className="table__sub plans__note">{row.note}</span>}
      </th>
      {METRICS.map((m) => (
        <td key={m} className="plans__metric-col">
          <PlanProgress metric={m} actual={row.actuals[m]} target={row.targets[m]} isSet={row.isSet} />
        </td>
      ))}
      <td className="table__num" data-testid="plan-lost" data-value={row.actuals.dealsLost}>
        {formatNumber(row.actuals.dealsLost, i18n.language)}
      </td>
      <td className="table__num" data-testid="plan-won-value" data-value={row.actuals.wonValue}>
        {money(row.actuals.wonValue)}
      </td>
      {canSet && (
        <td className="table__actions">
          <button
            type="button"
            className="button button--small"
            data-testid="plan-set"
            aria-label={t('plans.set_label', { name: row.repName })}
            onClick={onSet}
          >
            {t('plans.set')}
          </button>
        </td>
      )}
    </tr>
  );
}

/** The team's month at a glance: targets of the reps with a plan, actuals of everyone. */
function Totals({ rows, canSet }: { rows: PlanRow[]; canSet: boolean }) {
  const { t, i18n } = useTranslation('plans');
  const money = useMoney();
  const anySet = rows.some((r) => r.isSet);
  const target = (m: (typeof METRICS)[number]) => rows.reduce((n, r) => n + (r.isSet ? r.targets[m] : 0), 0);
  const actual = (m: (typeof METRICS)[number]) => rows.reduce((n, r) => n + r.actuals[m], 0);
  const lost = rows.reduce((n, r) => n + r.actuals.dealsLost, 0);
  const value = rows.reduce((n, r) => n + r.actuals.wonValue, 0);
  return (
    <tfoot>
      <tr data-testid="plan-total">
        <th scope="row">{t('plans.total')}</th>
        {METRICS.map((m) => (
          <td key={m} className="plans__metric-col">
            <PlanProgress metric={m} actual={actual(m)} target={target(m)} isSet={anySet} />
          </td>
        ))}
        <td className="table__num">{formatNumber(lost, i18n.language)}</td>
        <td className="table__num">{money(value)}</td>
        {canSet && <td />}
      </tr>
    </tfoot>
  );
}
