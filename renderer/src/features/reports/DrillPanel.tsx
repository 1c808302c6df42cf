import { useTranslation } from 'react-i18next';
import type { DrillRecord, ReportLabels } from '../../../../shared/contract/reports.schema';
import { Dialog } from '../../components/Dialog';
import { errorText } from '../../i18n/error-text';
import { formatDate, formatMoney } from '../../i18n/format';
import { actionRoute, clientCardRoute, formatHash, visitRoute } from '../../shell/routes';
import type { Route } from '../../shell/routes';
import type { DrillState } from './reports.store';

// The records behind a figure or a chart bar: how many, their sum where they are money, and the
// first of them with links to each record (an action, a visit, or the client it belongs to).

/** Where a drilled record opens: its own screen, else its client's card. */
export function recordRoute(record: Pick<DrillRecord, 'entity' | 'id' | 'clientId'>): Route | null {
  if (record.entity === 'action') return actionRoute(record.id);
  if (record.entity === 'visit') return visitRoute(record.id);
  if (record.entity === 'client') return clientCardRoute(record.id);
  return record.clientId ? clientCardRoute(record.clientId) : null;
}

type Dyn = (key: string, options?: Record<string, unknown>) => string;

export function DrillPanel({
  drill,
  heading,
  onClose,
}: {
  drill: DrillState;
  /** "Reserved: Jan Kowalski", as the screen names the figure opened. */
  heading: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const dyn = t as unknown as Dyn;
  const result = drill.result;

  const statusText = (r: DrillRecord): string => {
    if (r.statusLabels) return r.statusLabels[lang as keyof ReportLabels] ?? r.statusLabels.en;
    if (!r.status) return '';
    const key =
      r.entity === 'action'
        ? `labels.stage.${r.status}`
        : r.entity === 'visit'
          ? `drill.visit_status.${r.status}`
          : r.entity === 'deal'
            ? `drill.deal_outcome.${r.status}`
            : null;
    return key && i18n.exists(`reports:${key}`) ? dyn(key) : r.status;
  };

  return (
    <Dialog title={heading} onClose={onClose} wide testId="report-drill">
      <div className="dialog__body reports-drill" aria-busy={drill.status === 'loading' || undefined}>
        {drill.status === 'failed' && (
          <p className="form__alert" role="alert" data-testid="drill-error">
            {errorText(i18n, drill.error)}
          </p>
        )}
        {drill.status === 'loading' && !result && <p className="muted">{t('drill.loading')}</p>}
        {result && (
          <>
            <p
              className="reports-drill__total"
              data-testid="drill-total"
              data-total={result.total}
              data-sum={result.sum ?? undefined}
            >
              {t('drill.summary', { count: result.total })}
              {result.sum !== null &&
                ` — ${t('drill.sum', { sum: formatMoney(result.sum, result.currency, lang) })}`}
            </p>
            {result.records.length < result.total && (
              <p className="muted" data-testid="drill-limited">
                {t('drill.limited', { shown: result.records.length, total: result.total })}
              </p>
            )}
            {result.records.length === 0 ? (
              <p className="empty">{t('drill.empty')}</p>
            ) : (
              <div className="table-wrap reports-drill__wrap">
                <table className="table table--compact" aria-label={t('drill.caption')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('drill.col.date')}</th>
                      <th scope="col">{t('drill.col.record')}</th>
                      <th scope="col" className="table__num">
                        {t('drill.col.amount')}
                      </th>
                      <th scope="col">{t('drill.col.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.records.map((r) => {
                      const route = recordRoute(r);
                      return (
                        <tr
                          key={`${r.entity}:${r.id}`}
                          data-testid="drill-row"
                          data-entity={r.entity}
                          data-id={r.id}
                        >
                          <td className="reports-drill__date">
                            {r.date && <time dateTime={r.date}>{formatDate(r.date, lang)}</time>}
                          </td>
                          <th scope="row" className="table__text reports-drill__record">
                            {route ? (
                              <a href={formatHash(route)} data-testid="drill-link">
                                {r.title}
                              </a>
                            ) : (
                              r.title
                            )}
                            {r.subtitle && <span className="table__sub">{r.subtitle}</span>}
                          </th>
                          <td className="table__num">
                            {r.amount !== null && formatMoney(r.amount, result.currency, lang)}
                          </td>
                          <td className="reports-drill__status">{statusText(r)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" data-autofocus onClick={onClose} data-testid="drill-close">
          {t('drill.close')}
        </button>
      </div>
    </Dialog>
  );
}
