import { MAX_AMOUNT } from '../../../../shared/contract/actions.schema';
import type { ActionRow, ActionStage, SettlementMethod } from '../../../../shared/contract/actions.schema';
import { formatMoney, formatNumber } from '../../i18n/format';

// Shared by the local-action screens: stage and method label keys (namespace `actions`), money
// typed by people turned into exact minor units, money and months shown in the UI's language.

/** Stages still in play: what the list shows unless asked otherwise. */
export const OPEN_STAGES = [
  'draft',
  'planned',
  'running',
  'awaiting_assessment',
  'recommended',
  'returned',
  'approved',
] as const satisfies readonly ActionStage[];

/** Stages nothing more happens to (besides HQ's confirmation, which is `settled` itself). */
export const CLOSED_STAGES = [
  'cancelled',
  'closed_unsettled',
  'rejected',
  'settled',
] as const satisfies readonly ActionStage[];

/** `actions:stage.<stage>`, the label people read. */
export const stageKey = (stage: ActionStage) => `stage.${stage}` as const;

/** `actions:method.<method>`. */
export const methodKey = (method: SettlementMethod) => `method.${method}` as const;

export type MoneyParse =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' | 'format' | 'decimals' | 'negative' | 'too_large' };

/** Spaces people (and Intl) put between thousands: plain, no-break and narrow no-break. */
const GROUP_SPACES = /[\s\u00a0\u202f]/g;

/**
 * "1 234,50", "1234.50", "1234" → minor units, exactly: the whole and the fractional part are read
 * as separate integers, so no float ever rounds a grosz away. One decimal separator (comma or
 * point), at most `digits` decimals, never negative, never above MAX_AMOUNT.
 */
export function parseMoney(text: string, digits = 2): MoneyParse {
  const s = text.replace(GROUP_SPACES, '');
  if (s === '') return { ok: false, reason: 'empty' };
  if (/^-/.test(s))
    return /^-\d/.test(s) ? { ok: false, reason: 'negative' } : { ok: false, reason: 'format' };
  const m = /^(\d*)(?:[.,](\d*))?$/.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const whole = m[1] ?? '';
  const frac = m[2] ?? '';
  // "," alone or "12," with nothing after are slips, not amounts.
  if (whole === '' && frac === '') return { ok: false, reason: 'format' };
  if (m[2] !== undefined && frac === '') return { ok: false, reason: 'format' };
  if (frac.length > digits) return { ok: false, reason: 'decimals' };
  // Longer than any allowed amount: refuse before the number loses precision.
  if (whole.replace(/^0+/, '').length > 15) return { ok: false, reason: 'too_large' };
  const value = Number(whole || '0') * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (value > MAX_AMOUNT) return { ok: false, reason: 'too_large' };
  return { ok: true, value };
}

/** Minor units back into what a person would type in `locale` ("1234,50" in pl/cs, "1234.50" in en). */
export function moneyInputText(minorUnits: number, locale: string, digits = 2): string {
  const scale = 10 ** digits;
  const whole = Math.trunc(minorUnits / scale);
  const frac = String(minorUnits % scale).padStart(digits, '0');
  const sep = locale.startsWith('en') ? '.' : ',';
  return frac === '0'.repeat(digits) ? String(whole) : `${whole}${sep}${frac}`;
}

/** Money in the office currency; without a known currency, the plain number with two decimals. */
export function moneyText(minorUnits: number, currency: string | null | undefined, locale: string): string {
  if (currency) return formatMoney(minorUnits, currency, locale);
  return formatNumber(minorUnits / 100, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 'YYYY-MM' of a calendar date. */
export const monthOfDate = (date: string): string => date.slice(0, 7);

/** 'YYYY-MM' moved by whole months. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mon = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(mon + 1).padStart(2, '0')}`;
}

/** '2026-11' → 'listopad 2026' (pl, cs), 'November 2026' (en). */
export function formatMonth(month: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  // With the year, Polish and Czech name the month in the nominative ("listopad 2026").
  const standalone = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return standalone.format(day);
}

export type AmountKind = 'agreed' | 'recommended' | 'approved' | 'final';

/** The amount that matters at the action's stage, and which one it is. */
export function relevantAmount(
  row: Pick<ActionRow, 'stage' | 'agreedAmount' | 'recommendedAmount' | 'approvedAmount' | 'finalAmount'>,
): { kind: AmountKind; amount: number | null } {
  if (row.stage === 'settled' && row.finalAmount !== null) return { kind: 'final', amount: row.finalAmount };
  if ((row.stage === 'approved' || row.stage === 'settled') && row.approvedAmount !== null)
    return { kind: 'approved', amount: row.approvedAmount };
  if (
    (row.stage === 'recommended' || row.stage === 'returned' || row.stage === 'rejected') &&
    row.recommendedAmount !== null
  )
    return { kind: 'recommended', amount: row.recommendedAmount };
  return { kind: 'agreed', amount: row.agreedAmount };
}
