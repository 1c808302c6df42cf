import type { i18n as I18n, TFunction } from 'i18next';
import type { OrderImportTarget, OrderRowResult } from '../../../../shared/contract/orders.schema';
import { issueText } from '../../i18n/error-text';

// Words the orders import's parts share: a target's label, what a column is called and a row's
// issue, in the user's language. The file options and "Column 3" are the client import's words.

export type OrdersT = TFunction<['orders', 'clientImport']>;

export function targetLabel(t: OrdersT, target: OrderImportTarget): string {
  return t(`orders:targets.${target}`);
}

/** The column's name in the file, or "Column 3" when the file has no header row (or it is empty). */
export function columnName(t: OrdersT, headers: readonly string[], index: number): string {
  const h = headers[index]?.trim();
  return h ? h : t('clientImport:mapping.column_n', { n: index + 1 });
}

/** "Client (external code or tax ID): no such client — value “K-99”", from the core's key. */
export function orderIssueText(t: OrdersT, i18n: I18n, issue: OrderRowResult['issues'][number]): string {
  const message = issueText(i18n, { path: [], key: issue.key, message: '' });
  const what = issue.field ? `${targetLabel(t, issue.field)}: ${message}` : message;
  return issue.value !== null && issue.value !== ''
    ? `${what} — ${t('clientImport:check.issue_value', { value: issue.value })}`
    : what;
}
