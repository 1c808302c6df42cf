import type { i18n as I18n } from 'i18next';
import type { AppErrorData, FieldIssue } from '../../../shared/contract/errors';
import { toErrorData } from '../api/regio-api';
import { formatMoney } from './format';

// Error keys arrive from the core at run time, so they cannot be checked against the typed keys at
// compile time: they are looked up with exists() first (i18n.test.ts proves every key the core's
// sources name has a text), and an unknown key falls back to its code's generic text.

type Translate = (key: string, options: Record<string, unknown>) => string;

/** Errors whose text has plural forms, and which detail holds the count. */
const COUNT_FROM: Readonly<Record<string, string>> = {
  'errors.sign_in_throttled': 'retryAfterSeconds',
};

/**
 * Details that are money (minor units) when the core names the currency beside them: the budget
 * refusals and the amount caps. Shown as "1 500,00 zł", never as the raw 150000.
 */
const MONEY_DETAILS = new Set([
  'available',
  'requested',
  'budget',
  'reserved',
  'committed',
  'minimum',
  'amount',
  'max',
  'total',
]);

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** '2026-11' → 'listopad 2026': a calendar month, formatted without any time zone to shift it. */
function formatMonth(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, 1)),
  );
}

function values(
  details: Record<string, unknown> | undefined,
  language: string,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const currency = typeof details?.currency === 'string' ? details.currency : undefined;
  for (const [k, v] of Object.entries(details ?? {})) {
    if (currency && MONEY_DETAILS.has(k) && Number.isSafeInteger(v))
      out[k] = formatMoney(v as number, currency, language);
    else if (k === 'month' && typeof v === 'string' && MONTH.test(v)) out[k] = formatMonth(v, language);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

function translate(
  i18n: I18n,
  keys: readonly string[],
  details: Record<string, unknown> | undefined,
): string {
  const replace = values(details, i18n.language);
  // Values go through `replace`, so a detail named like an i18next option (ns, lng …) stays a value.
  const t = i18n.t.bind(i18n) as unknown as Translate;
  for (const key of keys) {
    const countFrom = COUNT_FROM[key];
    const count = countFrom ? replace[countFrom] : undefined;
    const options: Record<string, unknown> = { ns: 'errors', replace };
    // The plural form is picked by the option, the number shown from the values.
    if (typeof count === 'number') Object.assign(options, { count, replace: { ...replace, count } });
    if (i18n.exists(key, options)) return t(key, options);
  }
  return t('errors.internal', { ns: 'errors' });
}

/** The message for an error from the core (or anything thrown) in the current language. */
export function errorText(i18n: I18n, error: unknown): string {
  const data: AppErrorData = toErrorData(error);
  return translate(i18n, [data.key, `errors.${data.code}`], data.details);
}

/** The message for one field's issue in the current language. */
export function issueText(i18n: I18n, issue: FieldIssue): string {
  // An empty required text arrives as "too small, minimum 1": say "required", as people expect.
  if (issue.key === 'validation.too_small' && issue.params?.minimum === 1)
    return translate(i18n, ['validation.required'], undefined);
  return translate(i18n, [issue.key, 'validation.invalid'], issue.params);
}
