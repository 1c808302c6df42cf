import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// Contact data the way the operator types it, normalised the way Regio stores it: phones in E.164
// (+48…, +420…), postal codes in each country's own format, e-mail addresses trimmed.

export const COUNTRIES = ['PL', 'CZ'] as const;
export type Country = (typeof COUNTRIES)[number];

/** E.164, or null when the number is not a valid phone number (for the office's country by default). */
export function normalizePhone(raw: string, defaultCountry: Country = 'PL'): string | null {
  const p = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return p && p.isValid() ? p.number : null;
}

const POSTAL: Record<Country, { re: RegExp; format: (digits: string) => string }> = {
  PL: { re: /^(\d{2})-?(\d{3})$/, format: (d) => `${d.slice(0, 2)}-${d.slice(2)}` },
  CZ: { re: /^(\d{3}) ?(\d{2})$/, format: (d) => `${d.slice(0, 3)} ${d.slice(3)}` },
};

/** "00-950" for Poland, "602 00" for Czechia; null when the code does not fit the country. */
export function normalizePostalCode(raw: string, country: Country): string | null {
  const m = POSTAL[country].re.exec(raw.trim());
  return m ? POSTAL[country].format(m[1]! + m[2]!) : null;
}

// Deliberately plain: local part, @, a dotted domain with a 2+ letter TLD. Stricter rules reject
// real addresses; looser ones let typos like "jan@wp" through.
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[\p{L}]{2,}$/u;

export function normalizeEmail(raw: string): string | null {
  const s = raw.trim();
  if (!EMAIL_RE.test(s) || s.length > 254) return null;
  const at = s.lastIndexOf('@');
  return s.slice(0, at) + '@' + s.slice(at + 1).toLowerCase();
}
