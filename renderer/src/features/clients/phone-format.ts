import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// How the client base shows phones and tax ids: one place for the list, the card and the queue.
// Stored values are canonical (phones in E.164, NIP / IČO as bare digits); these only make them
// readable. Anything that does not parse is shown as it is, never hidden.

export type DisplayCountry = 'PL' | 'CZ';

/** '+48601234567' → '+48 601 234 567'; anything unreadable as it is. */
export function displayPhone(e164: string): string {
  const p = parsePhoneNumberFromString(e164.trim());
  return p ? p.formatInternational() : e164;
}

/**
 * A phone as someone typed it ('42 630 55 55'), read in the client's country: shown the way it will
 * be stored once accepted ('+48 42 630 55 55'); a number that is not valid stays as typed.
 */
export function displayTypedPhone(raw: string, country?: DisplayCountry): string {
  const s = raw.trim();
  const p = parsePhoneNumberFromString(s, country);
  return p && p.isValid() ? p.formatInternational() : s;
}

/** '5260001246' (a Polish NIP) → '526-000-12-46'; an IČO, or anything else, as it is. */
export function displayTaxId(taxId: string, country: DisplayCountry): string {
  const s = taxId.trim();
  if (country === 'PL' && /^\d{10}$/.test(s))
    return `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 8)}-${s.slice(8)}`;
  return s;
}
