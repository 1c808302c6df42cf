import { useTranslation } from 'react-i18next';
import type { ActionRow } from '../../../../../shared/contract/actions.schema';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { actionRoute, formatHash } from '../../../shell/routes';
import { useMoney } from '../../settlements/use-money';
import type { Figure, FigureList } from './budget.store';

/** What one action contributes to the figure opened ('budget'/'available': its agreed amount). */
function amountFor(row: ActionRow, figure: Figure): number {
  switch (figure) {
    case 'reserved':
      return row.holds.reserved;
    case 'committed':
      return row.holds.committed;
    case 'settled':
      return row.finalAmount ?? 0;
    default:
      return row.agreedAmount ?? 0;
  }
}

/**
 * The actions behind one figure of a rep's month, each a link to the action. For a figure made of
 * actions the total is shown under the list, so it can be read against the figure in the table.
 */
export function FigureActionsDialog({
  list,
  monthName,
  onRetry,
  onClose,
}: {
  list: FigureList;
  monthName: string;
  onRetry: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['settlements', 'actions', 'common']);
  const money = useMoney();
  const all = list.figure === 'budget' || list.figure === 'available';
  const title = all
    ? t('budget.list.title_all', { name: list.repName, month: monthName })
    : t('budget.list.title', {
        figure: t(`budget.figure.${list.figure}`),
        name: list.repName,
        month: monthName,
      });
  const intro = all
    ? t('budget.list.intro_all')
    : list.figure === 'reserved'
      ? t('budget.list.intro_reserved')
      : list.figure === 'committed'
        ? t('budget.list.intro_committed')
        : t('budget.list.intro_settled');
  const total = list.rows.reduce((n, r) => n + amountFor(r, list.figure), 0);

  return (
    <Dialog title={title} onClose={onClose} wide testId="figure-actions">
      <div className="dialog__body" aria-busy={list.status === 'loading' || undefined}>
        <p>{intro}</p>
        {list.status === 'failed' && <ErrorPanel error={list.error} onRetry={onRetry} />}
        {list.status === 'loading' && <p className="budget__loading">{t('common:app.loading')}</p>}
        {list.status === 'ready' && list.rows.length === 0 && (
          <p className="empty">{all ? t('budget.list.empty_all') : t('budget.list.empty')}</p>
        )}
        {list.status === 'ready' && list.rows.length > 0 && (
          <div className="table-wrap budget__list">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('col.number')}</th>
                  <th scope="col">{t('col.client')}</th>
                  <th scope="col">{t('col.stage')}</th>
                  <th scope="col" className="table__num">
                    {all ? t('col.agreed') : t(`budget.figure.${list.figure}`)}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row) => (
                  <tr key={row.id} data-testid="figure-action-row" data-id={row.id}>
                    <th scope="row" className="budget__number">
                      <a href={formatHash(actionRoute(row.id))}>{row.number}</a>
                      {row.title && <span className="table__sub">{row.title}</span>}
                    </th>
                    <td className="table__text">
                      {row.clientName}
                      {row.clientCity && <span className="table__sub">{row.clientCity}</span>}
                    </td>
                    <td>
                      <span className="badge" data-stage={row.stage}>
                        {t(`actions:stage.${row.stage}`)}
                      </span>
                    </td>
                    <td className="table__num">{money(amountFor(row, list.figure))}</td>
                  </tr>
                ))}
              </tbody>
              {!all && (
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      {t('budget.total')}
                    </th>
                    <td className="table__num" data-testid="figure-actions-total" data-value={total}>
                      {money(total)}
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          {t('common:actions.close')}
        </button>
      </div>
    </Dialog>
  );
}
