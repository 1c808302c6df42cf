import type { ClientCard, Contact, CorrectionRequest } from '../../../../../shared/contract/clients.schema';
import { CLIENT_CORRECTABLE, CONTACT_CORRECTABLE } from '../../../../../shared/contract/clients.schema';
import { displayPhone, displayTaxId, displayTypedPhone } from '../phone-format';
import type { DisplayCountry } from '../phone-format';

// Derived views of the queue, pure so they are tested without a DOM: what a correction's field and
// values read as, how old a request is in the office's days, and a rep's own requests by status.

export type CorrectableField = (typeof CLIENT_CORRECTABLE)[number] | (typeof CONTACT_CORRECTABLE)[number];

/** The field a correction names, if it is one the clients namespace has a label for. */
export function correctableField(field: string): CorrectableField | null {
  return (CLIENT_CORRECTABLE as readonly string[]).includes(field) ||
    (CONTACT_CORRECTABLE as readonly string[]).includes(field)
    ? (field as CorrectableField)
    : null;
}

/** A stored value as one line of text: lists joined, nothing as ''. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value
      .map((v) => displayValue(v))
      .filter(Boolean)
      .join(', ');
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A stored value of a field as one line, as the card shows it: phones grouped, a NIP with dashes. */
export function displayFieldValue(field: string, value: unknown, country?: DisplayCountry): string {
  if (field === 'phone' || field === 'phones') {
    const list: unknown[] = Array.isArray(value) ? value : [value];
    return list
      .map((v) => (typeof v === 'string' ? displayPhone(v.trim()) : displayValue(v)))
      .filter(Boolean)
      .join(', ');
  }
  if (field === 'taxId' && country && typeof value === 'string') return displayTaxId(value, country);
  return displayValue(value);
}

/**
 * A proposed value as one line: phones and e-mails arrive one per line. Phones are read in the
 * client's country (when known) and shown as they will be stored once accepted.
 */
export function displayProposed(field: string, value: string, country?: DisplayCountry): string {
  if (field === 'phones' || field === 'emails')
    return value
      .split('\n')
      .map((v) => (field === 'phones' ? displayTypedPhone(v, country) : v.trim()))
      .filter(Boolean)
      .join(', ');
  if (field === 'phone') return displayTypedPhone(value, country);
  if (field === 'taxId' && country) return displayTaxId(value, country);
  return value.trim();
}

/** The value the record holds now (the request keeps the one it had when it was filed). */
export function liveValue(card: ClientCard, r: Pick<CorrectionRequest, 'contactId' | 'field'>): unknown {
  if (r.contactId) {
    const p = card.contacts.find((c) => c.id === r.contactId);
    return p ? (p as unknown as Record<string, unknown>)[r.field] : undefined;
  }
  if (r.field.startsWith('address.'))
    return (card.client.address as Record<string, unknown>)[r.field.slice('address.'.length)];
  return (card.client as unknown as Record<string, unknown>)[r.field];
}

export function personName(p: Pick<Contact, 'firstName' | 'surname'>): string {
  return `${p.firstName} ${p.surname}`.trim();
}

/** The contact person a correction is about, from the client's card. */
export function contactOf(card: ClientCard | undefined, contactId: string | null): Contact | null {
  if (!card || !contactId) return null;
  return card.contacts.find((c) => c.id === contactId) ?? null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant as the office's calendar date ('YYYY-MM-DD'), or null if it is no instant. */
export function officeDate(instant: string, timeZone: string): string | null {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function dayNumber(date: string): number | null {
  const m = DAY.exec(date);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/**
 * Whole office days from an instant to the office's today (the core's, never this machine's
 * calendar): 0 the same day, 1 the day before, … Null when either is unreadable.
 */
export function ageInDays(instant: string, today: string, timeZone: string): number | null {
  const from = officeDate(instant, timeZone);
  const a = from ? dayNumber(from) : null;
  const b = dayNumber(today);
  if (a === null || b === null) return null;
  return Math.max(0, Math.round(b - a));
}

/** "today", "yesterday", "3 days ago" in the UI's language. */
export function relativeAge(instant: string, today: string, timeZone: string, locale: string): string | null {
  const days = ageInDays(instant, today, timeZone);
  if (days === null) return null;
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day');
}

/** Distinct client ids in the order they first appear. */
export function distinctClientIds(requests: readonly Pick<CorrectionRequest, 'clientId'>[]): string[] {
  return [...new Set(requests.map((r) => r.clientId))];
}

export interface MineCounts {
  open: number;
  accepted: number;
  rejected: number;
}

export function mineCounts(requests: readonly Pick<CorrectionRequest, 'status'>[]): MineCounts {
  const out: MineCounts = { open: 0, accepted: 0, rejected: 0 };
  for (const r of requests) out[r.status] += 1;
  return out;
}

const byDecidedDesc = (a: CorrectionRequest, b: CorrectionRequest) =>
  (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '') || b.id.localeCompare(a.id);

/**
 * A rep's own requests: those still waiting (oldest first, as the operator sees them) and the
 * decided ones (the latest decision first).
 */
export function splitMine(requests: readonly CorrectionRequest[]): {
  open: CorrectionRequest[];
  decided: CorrectionRequest[];
} {
  return {
    open: requests.filter((r) => r.status === 'open'),
    decided: requests.filter((r) => r.status !== 'open').sort(byDecidedDesc),
  };
}

/** The latest rejections, whose notes the rep should read. */
export function latestRejected(requests: readonly CorrectionRequest[], max = 3): CorrectionRequest[] {
  return requests
    .filter((r) => r.status === 'rejected')
    .sort(byDecidedDesc)
    .slice(0, max);
}
