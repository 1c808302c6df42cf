import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionRow } from '../../../../shared/contract/actions.schema';
import { ALERT_ENDING_DAYS, BUDGET_ALERT_RATIO } from '../../../../shared/domain/local-actions';
import { useAppStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDate } from '../../i18n/format';
import { actionRoute, BUDGET, formatHash } from '../../shell/routes';
import { formatMonth } from '../actions/action-format';
import { formatPercent, useMoney } from '../settlements/use-money';
import { waitingDays } from '../settlements/waiting-days';
import { createActionAlertsStore, hasAlerts } from './action-alerts.store';
import type { ActionAlertsState } from './action-alerts.store';
import './ActionAlerts.css';

/**
 * What needs attention in local actions today (PRODUCT.md §3 "Alerts"): actions ending within a few
 * days, assessments overdue, recommendations waiting for the manager, budgets nearly used. Only the
 * groups that have something show; with nothing at all, the panel is not there.
 */
export function ActionAlerts({ store: given }: { store?: StoreApi<ActionAlertsState> }) {
  const { t, i18n } = useTranslation('settlements');
  const { api } = useServices();
  const [store] = useState(() => given ?? createActionAlertsStore(api));
  const alerts = useStore(store, (s) => s.alerts);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const money = useMoney();
  const lang = i18n.language;

  useEffect(() => {
    const stop = store.getState().connect();
    void store.getState().load();
    return stop;
  }, [store]);

  if (status === 'failed' && alerts === null)
    return (
      <section aria-labelledby="home-action-alerts">
        <h2 className="section-title" id="home-action-alerts">
          {t('alerts.title')}
        </h2>
        <ErrorPanel error={error} onRetry={() => void store.getState().load()} />
      </section>
    );
  if (!hasAlerts(alerts)) return null;

  const { today } = alerts;
  const date = (d: string | null) => (d ? formatDate(d, lang) : '—');
  return (
    <section className="action-alerts" aria-labelledby="home-action-alerts" data-testid="action-alerts">
      <h2 className="section-title" id="home-action-alerts">
        {t('alerts.title')}
      </h2>
      <div className="action-alerts__groups">
        {alerts.endingSoon.length > 0 && (
          <AlertGroup
            testId="alert-ending"
            title={t('alerts.ending', { count: alerts.endingSoon.length, days: ALERT_ENDING_DAYS })}
          >
            {alerts.endingSoon.map((row) => (
              <ActionAlertRow
                key={row.id}
                row={row}
                detail={
                  row.endDate === today
                    ? t('alerts.ends_today')
                    : t('alerts.ends_on', { date: date(row.endDate) })
                }
              />
            ))}
          </AlertGroup>
        )}
        {alerts.assessmentOverdue.length > 0 && (
          <AlertGroup
            testId="alert-overdue"
            tone="warn"
            title={t('alerts.overdue', { count: alerts.assessmentOverdue.length })}
          >
            {alerts.assessmentOverdue.map((row) => (
              <ActionAlertRow
                key={row.id}
                row={row}
                detail={t('alerts.ended_on', { date: date(row.endDate) })}
              />
            ))}
          </AlertGroup>
        )}
        {alerts.awaitingDecision.length > 0 && (
          <AlertGroup
            testId="alert-decision"
            title={t('alerts.decision', { count: alerts.awaitingDecision.length })}
          >
            {alerts.awaitingDecision.map((row) => {
              const days = waitingDays(row.since, today, timeZone);
              return (
                <ActionAlertRow
                  key={row.id}
                  row={row}
                  who={row.repName}
                  detail={[
                    t('alerts.recommended', { amount: money(row.recommendedAmount ?? 0) }),
                    days === 0 ? t('waiting_today') : t('waiting_days', { count: days }),
                  ].join(' · ')}
                />
              );
            })}
          </AlertGroup>
        )}
        {alerts.budgetsNearlyUsed.length > 0 && (
          <AlertGroup
            testId="alert-budget"
            tone="warn"
            title={t('alerts.budget', {
              count: alerts.budgetsNearlyUsed.length,
              percent: formatPercent(BUDGET_ALERT_RATIO, lang),
            })}
          >
            {alerts.budgetsNearlyUsed.map((b) => (
              <li
                key={`${b.repId}|${b.month}`}
                className="action-alerts__row"
                data-testid="alert-row"
                data-rep={b.repId}
              >
                <a className="action-alerts__link" href={formatHash(BUDGET)}>
                  {b.repName}, {formatMonth(b.month, lang)}
                </a>
                <span className="action-alerts__detail">
                  {t('alerts.budget_used', {
                    percent: formatPercent(b.used, lang),
                    available: money(b.available),
                  })}
                </span>
              </li>
            ))}
          </AlertGroup>
        )}
      </div>
    </section>
  );
}

function AlertGroup({
  testId,
  title,
  tone,
  children,
}: {
  testId: string;
  title: string;
  tone?: 'warn';
  children: ReactNode;
}) {
  return (
    <article
      className={
        tone
          ? `stat-card action-alerts__group action-alerts__group--${tone}`
          : 'stat-card action-alerts__group'
      }
      data-testid={testId}
    >
      <h3 className="action-alerts__title">{title}</h3>
      <ul className="action-alerts__list">{children}</ul>
    </article>
  );
}

/** One action: its number (the link), the client, and what makes it worth a look. */
function ActionAlertRow({ row, detail, who }: { row: ActionRow; detail: string; who?: string }) {
  return (
    <li className="action-alerts__row" data-testid="alert-row" data-id={row.id}>
      <a className="action-alerts__link" href={formatHash(actionRoute(row.id))}>
        {row.number}
      </a>
      <span className="action-alerts__client">
        {row.clientName}
        {row.clientCity && `, ${row.clientCity}`}
        {who && ` · ${who}`}
      </span>
      <span className="action-alerts__detail">{detail}</span>
    </li>
  );
}
