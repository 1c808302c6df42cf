import type { i18n as I18n, TFunction } from 'i18next';
import type { ImportRowIssue, ImportTarget } from '../../../../../shared/contract/imports.schema';
import { issueText } from '../../../i18n/error-text';

// Words the import's parts share: what a column is called, a target's label, a row issue and a
// value of any kind, in the user's language.

type T = TFunction<['clientImport', 'clients']>;

/** Contact person targets, grouped apart in the select. */
export function isContactTarget(t: ImportTarget): boolean {
  return t.startsWith('contact');
}

export function targetLabel(t: T, target: ImportTarget): string {
  return t(`clientImport:targets.${target}`);
}

/** The column's name in the file, or "Column 3" when the file has no header row (or it is empty). */
export function columnName(t: T, headers: readonly string[], index: number): string {
  const h = headers[index]?.trim();
  return h ? h : t('clientImport:mapping.column_n', { n: index + 1 });
}

/** A field's name from the core (a target, or a client or contact field like 'address.city'). */
export function fieldLabel(t: T, i18n: I18n, field: string): string {
  if (i18n.exists(`clientImport:targets.${field}`))
    return t(`clientImport:targets.${field}` as 'clientImport:targets.name');
  if (i18n.exists(`clients:fields.${field}`)) return t(`clients:fields.${field}` as 'clients:fields.name');
  if (i18n.exists(`clientImport:fields.${field}`))
    return t(`clientImport:fields.${field}` as 'clientImport:fields.address');
  return field;
}

/** "NIP / IČO: invalid checksum — value “123”" */
export function rowIssueText(t: T, i18n: I18n, issue: ImportRowIssue): string {
  const message = issueText(i18n, { path: [], key: issue.key, message: '' });
  const what = issue.field ? `${targetLabel(t, issue.field)}: ${message}` : message;
  return issue.value !== null && issue.value !== ''
    ? `${what} — ${t('clientImport:check.issue_value', { value: issue.value })}`
    : what;
}

/** A value the revert kept or the import wrote, whatever its type. */
export function valueText(t: T, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('clientImport:reverted.empty_value');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    return parts.length ? parts.join(', ') : t('clientImport:reverted.empty_value');
  }
  if (typeof value === 'object') {
    // An address and the like: its parts in order, as a person writes them.
    const parts = Object.values(value as Record<string, unknown>).filter(
      (v): v is string | number => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number',
    );
    if (parts.length) return parts.join(', ');
  }
  return JSON.stringify(value);
}
