import type { AppErrorData, FieldIssue } from '../../../shared/contract/errors';

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
