import { fold } from '../../../shared/domain/text';

// Readers of the values an office's file holds in local formats (PRODUCT.md §4, issue 5). All pure:
// they return null for what they cannot read (the import turns that into a row issue) and never throw.

const SPACES_RE = /[\s\u00a0\u202f\u2007]+/g;

function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone can shift it).
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!isValidDate(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Year first: 2025-12-31, 2025/12/31, 2025.12.31, optionally followed by a time (an ISO date-time,
// or "2025-12-31 14:30" from a database export) which is dropped: the targets are calendar dates.
const YMD_RE = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?:[T ].*)?$/;
// Day first, the PL/CZ order: 31.12.2025, 1.2.2025, 31. 12. 2025 (Czech spacing), 31/12/2025,
// 31-12-2025; a trailing "r." (Polish "rok") or a time is allowed. Two-digit years are refused:
// 01.02.25 could be 1925 or 2025, and a consent date must not be guessed.
const DMY_RE =
  /^(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4})\.?(?:\s*r\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/i;

/** A date in a local format as 'YYYY-MM-DD', or null (unknown format, impossible date, 2-digit year). */
export function parseLocalDate(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  if (!t) return null;
  let m = YMD_RE.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DMY_RE.exec(t);
  // A slash date is read day first too (31/12/2025): the month-first US order is not used in PL/CZ,
  // and where it is (12/31/2025) the month 31 makes the date invalid rather than silently wrong.
  if (m) return isoDate(Number(m[4]), Number(m[3]), Number(m[1]));
  return null;
}

/** Digits grouped by thousands: 1-3 digits then groups of exactly 3. */
function isGrouped(groups: string[]): boolean {
  return (
    groups.length > 1 && /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g))
  );
}

/**
 * A number written the local way, or null.
 *
 * The rule (PL/CZ first): a space (also NBSP or narrow NBSP) groups thousands; when both ',' and '.'
 * occur, the LAST one is the decimal separator and the other groups thousands ('1.234,50' and
 * '1,234.50' are both 1234.5); a single ',' or a single '.' is a decimal separator, so the ambiguous
 * '1,234' reads as 1.234 (the Polish and Czech decimal comma); a separator repeated ('1,234,567',
 * '1.234.567') can only be grouping and must then stand every 3 digits. Grouping in the wrong places
 * ('12 34', '1.23.456') is refused rather than guessed.
 */
export function parseLocalNumber(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  let t = text.trim().replace(/^\u2212/, '-');
  if (!t) return null;
  let sign = '';
  if (t[0] === '-' || t[0] === '+') {
    sign = t[0] === '-' ? '-' : '';
    t = t.slice(1).trimStart();
  }
  // Space grouping is checked on the integer part before the spaces go.
  if (/[\s\u00a0\u202f\u2007]/.test(t)) {
    const intPart = t.split(/[.,]/)[0] ?? '';
    if (!isGrouped(intPart.trim().split(SPACES_RE))) return null;
    t = t.replace(SPACES_RE, '');
  }
  if (!/^[\d.,]+$/.test(t) || !/\d/.test(t)) return null;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  let intPart: string;
  let fracPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    const at = t.lastIndexOf(dec);
    intPart = t.slice(0, at);
    fracPart = t.slice(at + 1);
    if (intPart.includes(dec)) return null;
    if (!isGrouped(intPart.split(group))) return null;
    intPart = intPart.split(group).join('');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = t.split(sep);
    if (parts.length === 2) {
      intPart = parts[0] ?? '';
      fracPart = parts[1] ?? '';
      if (!fracPart) return null;
    } else {
      if (!isGrouped(parts)) return null;
      intPart = parts.join('');
    }
  } else {
    intPart = t;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart) || !(intPart || fracPart)) return null;
  const n = Number(`${sign}${intPart || '0'}${fracPart ? `.${fracPart}` : ''}`);
  return Number.isFinite(n) ? n : null;
}

/** Folded, without surrounding spaces and a trailing full stop ("Tak." / "ANO "). */
function word(text: string | null | undefined): string {
  if (typeof text !== 'string') return '';
  return fold(text.trim()).replace(/\.$/, '').trim();
}

const YES = new Set(['tak', 't', 'ano', 'a', 'yes', 'y', '1', 'x', 'true', 'prawda', 'pravda', '✓', '✔']);
const NO = new Set(['nie', 'n', 'ne', 'no', '0', 'false', 'falsz', 'nepravda']);

/** yes / no in Polish, Czech or English (tak/nie, ano/ne, yes/no, t/n, a/n, 1/0, x, true/false …), or null. */
export function parseYesNo(text: string | null | undefined): boolean | null {
  const w = word(text);
  if (YES.has(w)) return true;
  if (NO.has(w)) return false;
  return null;
}

const ACTIVE = new Set([
  'aktywny',
  'aktywna',
  'aktywne',
  'aktivni',
  'active',
  '1',
  'tak',
  't',
  'ano',
  'a',
  'yes',
  'y',
  'true',
]);
const INACTIVE = new Set([
  'nieaktywny',
  'nieaktywna',
  'nieaktywne',
  'neaktivni',
  'inactive',
  '0',
  'nie',
  'n',
  'ne',
  'no',
  'false',
]);

/** A client's status in any of the app's languages (aktywny, neaktivní, active, 1/0, tak/ne …), or null. */
export function parseStatus(text: string | null | undefined): 'active' | 'inactive' | null {
  const w = word(text);
  if (ACTIVE.has(w)) return 'active';
  if (INACTIVE.has(w)) return 'inactive';
  return null;
}

// Excel shows a long number in a General cell as "5,26025E+09" and, saved to CSV, writes exactly that:
// the digits of a tax id or phone number are lost for good, so the import must say so, not store it.
const MANGLED_RE = /^[+-]?\d+(?:[.,]\d+)?\s*e\s*[+-]?\d+$/i;

/** Whether a text is a number in scientific notation (a tax id or phone Excel has cut short). */
export function isMangledNumber(text: string | null | undefined): boolean {
  if (typeof text !== 'string') return false;
  return MANGLED_RE.test(text.trim());
}

/** A list (tags) separated by commas, semicolons or bars; items trimmed, empty ones dropped. */
export function splitList(text: string | null | undefined): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/[,;|]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
