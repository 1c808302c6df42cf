import type { AppErrorData, FieldIssue } from '../../../shared/contract/errors';
import { t } from '../i18n/i18n';

/**
 * Maps a validation error's issues onto form fields named by their dotted path below `prefix`:
 * the issue at ['office', 'name'] belongs to the field 'office.name' (or 'name' with prefix
 * ['office']). The first issue per field wins (zod lists the most basic problem first); issues
 * outside the prefix land under '' for a form-level note.
 */
export function fieldIssues(
  error: AppErrorData,
  prefix: readonly (string | number)[] = [],
): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const issue of error.issues ?? []) {
    const matches = prefix.every((p, i) => issue.path[i] === p);
    const field = matches ? issue.path.slice(prefix.length).join('.') : '';
    out[field] ??= issue;
  }
  return out;
}

/** The message for one field issue in the current language. */
export function issueMessage(issue: FieldIssue): string {
  // An empty required text arrives as "too small, minimum 1": say "required", as people expect.
  if (issue.key === 'validation.too_small' && issue.params?.minimum === 1) return t('validation.required');
  return t(issue.key, issue.params, 'validation.invalid');
}
