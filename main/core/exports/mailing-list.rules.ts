import type { ConsentEvent, Contact } from '../../../shared/contract/clients.schema';
import type { MailingListCounts } from '../../../shared/contract/exports.schema';
import { normalizeEmail } from '../../../shared/domain/contact-data';
import type { FileLang } from './export-file';

// The mailing list's rules for one contact person (issue 9 must-have 2), apart from the store so
// they can be tested on their own. They run once per contact of an office (100 000 at L), so they
// return plain values, never objects: the only allocation per contact is its row in the file.

/** The first address that passes the app's own e-mail rule, normalised; null when none does. */
export function firstValidEmail(emails: readonly string[]): string | null {
  for (let i = 0; i < emails.length; i++) {
    const e = normalizeEmail(emails[i]!);
    if (e !== null) return e;
  }
  return null;
}

/**
 * The e-mail consent as the mailing list reads it: granted now; withdrawn (it was granted once and
 * taken back — a person who said no must not be mailed, and the operator should know it was a
 * withdrawal, not a gap); or never given (no decision yet, or refused without ever granting).
 */
export function emailConsent(
  p: Pick<Contact, 'consents' | 'consentHistory'>,
): 'granted' | 'withdrawn' | 'noConsent' {
  const now = p.consents?.email;
  if (now === true) return 'granted';
  if (now === false) {
    const h = p.consentHistory ?? [];
    for (let i = 0; i < h.length; i++) if (h[i]!.channel === 'email' && h[i]!.granted) return 'withdrawn';
  }
  return 'noConsent';
}

/** When the e-mail consent in force was given: the instant of the latest granting event, or null. */
export function consentGrantedAt(history: readonly ConsentEvent[] | undefined): string | null {
  let at: string | null = null;
  for (const e of history ?? [])
    if (e.channel === 'email' && e.granted && (at === null || e.at > at)) at = e.at;
  return at;
}

/** A city as the filter compares it: trimmed, case-insensitive ("  łódź" is "Łódź"). */
export function cityKey(city: string): string {
  return city.trim().toLocaleLowerCase('pl');
}

export function emptyCounts(): MailingListCounts {
  return {
    clients: 0,
    contacts: 0,
    included: 0,
    leftOut: { noEmail: 0, invalidEmail: 0, noConsent: 0, withdrawn: 0, duplicate: 0 },
  };
}

/** The file's header row, in the caller's language (column order of the rows). */
export const MAILING_HEADER: Record<FileLang, readonly string[]> = {
  pl: [
    'E-mail',
    'Imię',
    'Nazwisko',
    'Stanowisko',
    'Klient',
    'Miejscowość',
    'Segment',
    'Przedstawiciel',
    'Zgoda udzielona',
  ],
  cs: [
    'E-mail',
    'Jméno',
    'Příjmení',
    'Pozice',
    'Klient',
    'Obec',
    'Segment',
    'Obchodní zástupce',
    'Souhlas udělen',
  ],
  en: [
    'E-mail',
    'First name',
    'Surname',
    'Position',
    'Client',
    'City',
    'Segment',
    'Rep',
    'Consent granted on',
  ],
};
