import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/contract/errors';
import { ApiError } from '../api/regio-api';
import { fieldIssues } from '../app/field-errors';
import { errorText, issueText } from '../i18n/error-text';

// What every form does with a refusal: the core's field issues go to their fields (translated at
// render time, so a language switch re-translates them), anything else to one alert above the
// form, and the keyboard lands on the first field to fix.

type FormProblem =
  { kind: 'fields' } | { kind: 'stray'; issue: FieldIssue } | { kind: 'error'; error: unknown } | null;

export interface FormErrors<F extends string> {
  idOf: (field: F) => string;
  /** The translated message for a field, if it has a problem. */
  errorOf: (field: F) => string | undefined;
  /** What a <Field> needs for one field: its id, label, hint and current message. */
  fieldProps: (
    field: F,
    label: string,
    hint?: string,
  ) => { id: string; label: string; hint: string | undefined; error: string | undefined };
  /** The translated form-level message, if any. */
  formError: string | null;
  /** Shows what a failed submit said. `prefix`: the input path the form's fields sit under. */
  fail: (error: unknown) => void;
  /** Problems found before asking the core (e.g. two passwords that differ). */
  failFields: (issues: Partial<Record<F, FieldIssue>>) => void;
  /** The user edited the field: its old message is stale until the next submit. */
  clear: (field: F) => void;
  reset: () => void;
}

export function useFormErrors<F extends string>(
  fields: readonly F[],
  prefix: readonly (string | number)[] = [],
): FormErrors<F> {
  const { i18n, t } = useTranslation();
  const baseId = useId();
  const [issues, setIssues] = useState<Partial<Record<F, FieldIssue>>>({});
  const [problem, setProblem] = useState<FormProblem>(null);
  const [attempt, setAttempt] = useState(0);
  const idOf = useCallback((f: F) => `${baseId}${f.replace(/\./g, '-')}`, [baseId]);

  useEffect(() => {
    const first = fields.find((f) => issues[f]);
    if (first) document.getElementById(idOf(first))?.focus();
    // Only after a submit: not while the user edits (which clears issues one by one).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.data.issues?.length) {
        const byField = fieldIssues(error.data, prefix);
        const known: Partial<Record<F, FieldIssue>> = {};
        let stray: FieldIssue | undefined;
        for (const [f, issue] of Object.entries(byField)) {
          if ((fields as readonly string[]).includes(f)) known[f as F] = issue;
          else stray ??= issue;
        }
        setIssues(known);
        setProblem(stray ? { kind: 'stray', issue: stray } : { kind: 'fields' });
      } else {
        setIssues({});
        setProblem({ kind: 'error', error });
      }
      setAttempt((a) => a + 1);
    },
    [fields, prefix],
  );

  const failFields = useCallback((local: Partial<Record<F, FieldIssue>>) => {
    setIssues(local);
    setProblem({ kind: 'fields' });
    setAttempt((a) => a + 1);
  }, []);

  const clear = useCallback((f: F) => {
    setIssues((prev) => {
      if (!prev[f]) return prev;
      const next = { ...prev };
      delete next[f];
      return next;
    });
  }, []);

  const reset = useCallback(() => {
    setIssues({});
    setProblem(null);
  }, []);

  const formError =
    problem === null
      ? null
      : problem.kind === 'fields'
        ? t('form.fix_errors')
        : problem.kind === 'stray'
          ? issueText(i18n, problem.issue)
          : errorText(i18n, problem.error);

  const errorOf = (f: F): string | undefined => {
    const issue = issues[f];
    return issue ? issueText(i18n, issue) : undefined;
  };
  return {
    idOf,
    errorOf,
    fieldProps: (f, label, hint) => ({ id: idOf(f), label, hint, error: errorOf(f) }),
    formError,
    fail,
    failFields,
    clear,
    reset,
  };
}
