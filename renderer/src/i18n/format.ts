// Numbers, money and dates through Intl, in the UI's language. Two rules from the product:
// money is an integer number of minor units (grosze, haléře), never a float that drifts; and an
// office calendar date ('YYYY-MM-DD', computed in the core) is a day, not an instant, so it is
// formatted without any time zone that could move it to the day before.

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** 12345 (minor units), 'PLN', 'pl' → '123,45 zł'. */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  if (!Number.isSafeInteger(minorUnits))
    throw new RangeError(`Money must be whole minor units: ${minorUnits}`);
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  // Split into whole and fractional parts as integers first, so 0.1 + 0.2 never shows.
  const scale = 10 ** digits;
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  const decimal = `${sign}${Math.trunc(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
  // Intl formats a decimal string exactly (ES2023 Intl.NumberFormat v3).
  return nf.format(decimal as unknown as number);
}

/** An office calendar date read as that day, wherever the machine happens to be. */
export function formatDate(
  isoDate: string,
  locale: string,
  style: Intl.DateTimeFormatOptions['dateStyle'] = 'medium',
): string {
  const m = CALENDAR_DATE.exec(isoDate);
  if (!m) return isoDate;
  const [, y, mo, d] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(day.getTime()) || day.getUTCDate() !== Number(d)) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(day);
}

/** An instant (a backup's time) as the office's wall clock shows it. */
export function formatDateTime(isoInstant: string, locale: string, timeZone: string): string {
  const at = new Date(isoInstant);
  if (Number.isNaN(at.getTime())) return isoInstant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

/** 12695 → '12,4 kB' (binary kilobytes, as file managers show). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(v);
}
