import type { z } from 'zod';
import { CLIENT_CORRECTABLE, CONTACT_CORRECTABLE } from '../../../../../shared/contract/clients.schema';
import type {
  Client,
  ClientCard,
  ClientFields,
  ConsentEvent,
  Contact,
  DuplicateCheckInput,
  TimelineItem,
} from '../../../../../shared/contract/clients.schema';
import { issuesFromZod } from '../../../../../shared/contract/errors';
import type { FieldIssue } from '../../../../../shared/contract/errors';
import { ApiError } from '../../../api/regio-api';

// Pure helpers of the client card and its forms: what a consent looks like now, which value a
// correction starts from, how a history entry reads, and how form values become the core's input.
// No React here, so the tests run in node.

export type CardChannel = 'email' | 'phone' | 'sms';
export const CARD_CHANNELS: readonly CardChannel[] = ['email', 'phone', 'sms'];

// ---- loading ----

/** Why the card could not be shown: the two answers that get their own panel, or anything else. */
export function loadProblem(error: unknown): 'not_found' | 'out_of_scope' | 'other' {
  if (error instanceof ApiError) {
    if (error.key === 'errors.client_not_found') return 'not_found';
    if (error.key === 'errors.client_out_of_scope') return 'out_of_scope';
  }
  return 'other';
}

// ---- contacts and consents ----

export type ConsentState = 'granted' | 'refused' | 'not_asked';

export function consentState(contact: Pick<Contact, 'consents'>, channel: CardChannel): ConsentState {
  const v = contact.consents[channel];
  return v === undefined ? 'not_asked' : v ? 'granted' : 'refused';
}

/** One channel's decisions, newest first. */
export function consentHistoryOf(
  contact: Pick<Contact, 'consentHistory'>,
  channel: CardChannel,
): ConsentEvent[] {
  return contact.consentHistory
    .filter((e) => e.channel === channel)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function contactName(c: Pick<Contact, 'firstName' | 'surname'>): string {
  return [c.firstName, c.surname].filter(Boolean).join(' ');
}

/** The name a person goes by on screen: an erased person's record holds no name any more. */
export function shownContactName(
  c: Pick<Contact, 'firstName' | 'surname' | 'erased'>,
  erasedLabel: string,
): string {
  return c.erased ? erasedLabel : contactName(c);
}

/** The surname typed to confirm an erasure: whatever the case and the spaces around it. */
export function surnameMatches(typed: string, surname: string): boolean {
  const a = typed.trim().toLocaleLowerCase();
  return a !== '' && a === surname.trim().toLocaleLowerCase();
}

/** Confirmed people first, then proposed ones, erased last; by surname within each group. */
export function sortContacts(contacts: readonly Contact[], locale: string): Contact[] {
  const rank = (c: Contact) => (c.erased ? 2 : c.status === 'proposed' ? 1 : 0);
  const col = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...contacts].sort(
    (a, b) => rank(a) - rank(b) || col.compare(a.surname, b.surname) || col.compare(a.firstName, b.firstName),
  );
}

// ---- corrections (a rep's proposed fix to data the operator owns) ----

export type ClientCorrectable = (typeof CLIENT_CORRECTABLE)[number];
export type ContactCorrectable = (typeof CONTACT_CORRECTABLE)[number];
export type CorrectableField = ClientCorrectable | ContactCorrectable;

export function correctableFields(target: 'client' | 'contact'): readonly CorrectableField[] {
  return target === 'client' ? CLIENT_CORRECTABLE : CONTACT_CORRECTABLE;
}

export function isListField(field: string): field is 'phones' | 'emails' {
  return field === 'phones' || field === 'emails';
}

/**
 * The value a correction starts from, as the rep will edit it: phones and e-mails one per line
 * (the core reads the proposed value the same way), address parts from the address, '' for none.
 */
export function correctionValue(record: Client | Contact, field: CorrectableField): string {
  if (field.startsWith('address.')) {
    const part = field.slice('address.'.length) as keyof Client['address'];
    return 'address' in record ? String(record.address[part] ?? '') : '';
  }
  const v = (record as unknown as Record<string, unknown>)[field];
  if (Array.isArray(v)) return v.join('\n');
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

// ---- text lists in forms ----

/** "a\n\n b \n" → the non-blank lines, trimmed, with the line number each came from (1-based). */
export function splitLines(text: string): { values: string[]; lines: number[] } {
  const values: string[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const v = raw.trim();
    if (!v) return;
    values.push(v);
    lines.push(i + 1);
  });
  return { values, lines };
}

/** "vip, ,Sieć , vip" → ['vip', 'Sieć']: trimmed, no blanks, no repeats. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const v = raw.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

// ---- validation errors of list fields ----

/**
 * The core reports a bad phone at ['phones', 1]; the form shows it at its phones field. Issues under
 * a list field lose their index (the first one per field wins at the field, as for any issue).
 */
export function collapseListIssues(error: unknown, lists: readonly string[]): unknown {
  if (!(error instanceof ApiError) || !error.data.issues?.length) return error;
  const issues = error.data.issues.map((i) => {
    const [head, index] = i.path;
    return typeof head === 'string' && lists.includes(head) && typeof index === 'number'
      ? { ...i, path: [head] }
      : i;
  });
  return new ApiError({ ...error.data, issues });
}

/** Which entries of a list field the error names (0-based), in order, each once. */
export function listIssueIndexes(error: unknown, field: string): number[] {
  if (!(error instanceof ApiError)) return [];
  const out: number[] = [];
  for (const i of error.data.issues ?? []) {
    const [head, index] = i.path;
    if (head === field && typeof index === 'number' && !out.includes(index)) out.push(index);
  }
  return out;
}

/** Problems found before asking the core, shaped as the core's validation error would be. */
export function localValidationError(issues: readonly FieldIssue[]): ApiError | null {
  if (!issues.length) return null;
  return new ApiError({
    code: 'validation',
    key: 'errors.validation',
    message: 'Invalid input (checked in the form)',
    issues: [...issues],
  });
}

/** Our own rules' issues ({path, message: 'validation.x'}) as field issues. */
export function ruleIssues(
  issues: ReadonlyArray<{ path: (string | number)[]; message: string }>,
): FieldIssue[] {
  return issues.map((i) => ({ path: i.path, key: i.message, message: i.message }));
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return issuesFromZod(error);
}

// ---- the client form ----

export interface ClientFormValues {
  name: string;
  taxId: string;
  regon: string;
  dic: string;
  country: Client['address']['country'];
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  externalCode: string;
  segmentId: string;
  repId: string;
  status: Client['status'];
  tags: string;
  parentId: string;
}

export function clientFormValues(
  client: Client | null,
  defaultCountry: 'PL' | 'CZ' = 'PL',
): ClientFormValues {
  return {
    name: client?.name ?? '',
    taxId: client?.taxId ?? '',
    regon: client?.regon ?? '',
    dic: client?.dic ?? '',
    country: client?.address.country ?? defaultCountry,
    street: client?.address.street ?? '',
    postalCode: client?.address.postalCode ?? '',
    city: client?.address.city ?? '',
    phone: client?.phone ?? '',
    email: client?.email ?? '',
    externalCode: client?.externalCode ?? '',
    segmentId: client?.segmentId ?? '',
    repId: client?.repId ?? '',
    status: client?.status ?? 'active',
    tags: client?.tags.join(', ') ?? '',
    parentId: client?.parentId ?? '',
  };
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

/** The form as the core's ClientFields. REGON is Polish and DIČ Czech: the other country sends none. */
export function clientInputOf(v: ClientFormValues): z.input<typeof ClientFields> {
  return {
    name: v.name,
    taxId: orNull(v.taxId),
    regon: v.country === 'PL' ? orNull(v.regon) : null,
    dic: v.country === 'CZ' ? orNull(v.dic) : null,
    parentId: v.parentId || null,
    segmentId: v.segmentId || null,
    address: { street: v.street, city: v.city, postalCode: v.postalCode, country: v.country },
    phone: orNull(v.phone),
    email: orNull(v.email),
    repId: v.repId || null,
    status: v.status,
    externalCode: orNull(v.externalCode),
    tags: parseTags(v.tags),
  };
}

/** The values the duplicate check reads: the name, tax ID, phone, e-mail, address and parent company. */
export type DuplicateCheckValues = Pick<
  ClientFormValues,
  'name' | 'taxId' | 'phone' | 'email' | 'country' | 'street' | 'postalCode' | 'city' | 'parentId'
>;

/**
 * What the duplicate check depends on, as one comparable string: a warning (or the stored client)
 * counts only for exactly these values; any change of them makes the check run again.
 */
export function duplicateKeyOf(v: DuplicateCheckValues): string {
  return JSON.stringify([
    v.name.trim(),
    v.taxId.trim(),
    v.phone.trim(),
    v.email.trim(),
    v.country,
    v.street.trim(),
    v.postalCode.trim(),
    v.city.trim(),
    v.parentId,
  ]);
}

/**
 * Whether a submit must ask the core about duplicates first: not when the checked values are still
 * those of the stored client (editing its rep must not warn about a duplicate everyone already
 * knows), nor when the user was warned about exactly these values and submits again ("save anyway").
 */
export function needsDuplicateCheck(
  key: string,
  seen: { original: string | null; confirmed: string | null },
): boolean {
  return key !== seen.original && key !== seen.confirmed;
}

/** The core's duplicate-check input from the validated (normalized) client input. */
export function duplicateCheckOf(
  id: string | null,
  input: Pick<z.output<typeof ClientFields>, 'name' | 'taxId' | 'phone' | 'email' | 'parentId' | 'address'>,
): z.input<typeof DuplicateCheckInput> {
  return {
    id,
    name: input.name,
    taxId: input.taxId ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    parentId: input.parentId ?? null,
    address: {
      street: input.address.street,
      city: input.address.city,
      postalCode: input.address.postalCode,
      country: input.address.country,
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Only what the form changed, so a save never overwrites a field someone else changed meanwhile.
 * The address travels whole when any part of it changed.
 */
export function clientPatchOf(
  original: Client,
  input: z.input<typeof ClientFields>,
): Partial<z.input<typeof ClientFields>> {
  const patch: Record<string, unknown> = {};
  const orig = original as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(input)) {
    const before =
      k === 'address'
        ? {
            street: original.address.street,
            city: original.address.city,
            postalCode: original.address.postalCode,
            country: original.address.country,
          }
        : orig[k];
    if (!same(before, v)) patch[k] = v;
  }
  return patch;
}

// ---- the contact form ----

export interface ContactFormValues {
  firstName: string;
  surname: string;
  position: string;
  phones: string;
  emails: string;
  notes: string;
}

export function contactFormValues(c: Contact | null): ContactFormValues {
  return {
    firstName: c?.firstName ?? '',
    surname: c?.surname ?? '',
    position: c?.position ?? '',
    phones: c?.phones.join('\n') ?? '',
    emails: c?.emails.join('\n') ?? '',
    notes: c?.notes ?? '',
  };
}

export interface ContactFieldsOut {
  firstName: string;
  surname: string;
  position: string;
  phones: string[];
  emails: string[];
  notes: string;
}

/** The form as contact fields, with the line each phone and e-mail came from (for the errors). */
export function contactInputOf(v: ContactFormValues): {
  fields: ContactFieldsOut;
  lines: { phones: number[]; emails: number[] };
} {
  const phones = splitLines(v.phones);
  const emails = splitLines(v.emails);
  return {
    fields: {
      firstName: v.firstName,
      surname: v.surname,
      position: v.position,
      phones: phones.values,
      emails: emails.values,
      notes: v.notes,
    },
    lines: { phones: phones.lines, emails: emails.lines },
  };
}

export function contactPatchOf(original: Contact, fields: ContactFieldsOut): Partial<ContactFieldsOut> {
  const patch: Record<string, unknown> = {};
  const orig = original as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields) as [string, unknown][]) {
    const before = orig[k];
    const a = typeof v === 'string' ? v.trim() : v;
    const b = typeof before === 'string' ? before.trim() : before;
    if (!same(a, b)) patch[k] = v;
  }
  return patch;
}

// ---- the chain ----

/** The card's chain: an outlet's parent and its fellow outlets, or a parent company's outlets. */
export function chainOf(card: Pick<ClientCard, 'parent' | 'siblings'>): {
  role: 'outlet' | 'parent' | 'none';
  others: ClientCard['siblings'];
} {
  if (card.parent) return { role: 'outlet', others: card.siblings };
  if (card.siblings.length) return { role: 'parent', others: card.siblings };
  return { role: 'none', others: [] };
}

// ---- timeline ----

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A visit's calendar date is a day; a call's instant has a time of day. */
export function timelineWhen(item: Pick<TimelineItem, 'at'>): 'date' | 'instant' {
  return CALENDAR_DATE.test(item.at) ? 'date' : 'instant';
}

// ---- history (the audit log of one client or contact) ----

export interface AuditEntryLike {
  action: string;
  entity: string;
  field: string | null;
  old: unknown;
  new: unknown;
  details?: Record<string, unknown> | undefined;
  /** The values were personal data of a person erased since: the core blanked them. */
  redacted?: boolean | undefined;
}

/** The words and names a readable value needs; the screen passes translated ones. */
export interface ValueWords {
  none: string;
  yes: string;
  no: string;
  granted: string;
  refused: string;
  channel: (c: string) => string;
  country: (c: string) => string;
  /** A field's id or code shown as its name (rep, segment, parent, status …); null: show as is. */
  name?: (field: string, value: string, entity: string) => string | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isConsentEvent(v: unknown): v is ConsentEvent {
  return isRecord(v) && typeof v.channel === 'string' && typeof v.granted === 'boolean';
}

function consentEventText(e: ConsentEvent, w: ValueWords): string {
  const what = `${w.channel(e.channel)}: ${e.granted ? w.granted : w.refused}`;
  return e.source ? `${what} (${e.source})` : what;
}

/** One stored value as a person reads it: lists joined, nothing as "—", yes/no, names for ids. */
export function formatAuditValue(
  value: unknown,
  field: string | null,
  entity: string,
  w: ValueWords,
): string {
  if (value === null || value === undefined || value === '') return w.none;
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return (field && w.name?.(field, value, entity)) ?? value;
  if (Array.isArray(value)) {
    if (!value.length) return w.none;
    return value
      .map((v) => (isConsentEvent(v) ? consentEventText(v, w) : formatAuditValue(v, field, entity, w)))
      .join(', ');
  }
  if (isRecord(value)) {
    if (field === 'consents') {
      const parts = Object.entries(value)
        .filter(([, v]) => typeof v === 'boolean')
        .map(([c, v]) => `${w.channel(c)}: ${v ? w.granted : w.refused}`);
      return parts.length ? parts.join(', ') : w.none;
    }
    if (field === 'address' || ('city' in value && 'postalCode' in value)) {
      const a = value as Partial<Record<'street' | 'city' | 'postalCode' | 'country', unknown>>;
      const str = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
      const town = [str(a.postalCode), str(a.city)].filter(Boolean).join(' ');
      const country = str(a.country) ? w.country(str(a.country)) : '';
      const parts = [str(a.street), town, country].filter(Boolean);
      return parts.length ? parts.join(', ') : w.none;
    }
    const parts = Object.entries(value).map(([k, v]) => `${k}: ${formatAuditValue(v, k, entity, w)}`);
    return parts.length ? parts.join('; ') : w.none;
  }
  return JSON.stringify(value);
}

export type HistoryKind = 'create' | 'update' | 'erase' | 'export' | 'merge' | 'import' | 'other';

export function historyKind(action: string): HistoryKind {
  return (
    (['create', 'update', 'erase', 'export', 'merge', 'import'] as const).find((k) => k === action) ?? 'other'
  );
}

/** What an export entry exported: 'json', 'pdf', or null when its details do not say. */
export function exportFormat(details: Record<string, unknown> | undefined): 'json' | 'pdf' | null {
  for (const v of Object.values(details ?? {})) {
    if (typeof v !== 'string') continue;
    const s = v.toLowerCase();
    if (/(^|[^a-z])pdf($|[^a-z])/.test(s)) return 'pdf';
    if (/(^|[^a-z])json($|[^a-z])/.test(s)) return 'json';
  }
  return null;
}

/**
 * An update's old → new, readable. The consent history grows by appending, so its entry shows only
 * the decisions it added (old is then null: nothing to strike through).
 */
export function describeChange(e: AuditEntryLike, w: ValueWords): { old: string | null; new: string } {
  if (e.field === 'consentHistory' && Array.isArray(e.new)) {
    const before = Array.isArray(e.old) ? e.old.length : 0;
    const added = e.new.slice(before);
    return { old: null, new: formatAuditValue(added.length ? added : e.new, e.field, e.entity, w) };
  }
  return {
    old: formatAuditValue(e.old, e.field, e.entity, w),
    new: formatAuditValue(e.new, e.field, e.entity, w),
  };
}

/** What an entry's "change" column shows. */
export type HistoryChange =
  | { kind: 'none' }
  /** The values went with the erased person's data (not "— → —"). */
  | { kind: 'redacted' }
  /** An erasure on request, with the reason the operator gave. */
  | { kind: 'reason'; reason: string }
  | { kind: 'change'; old: string | null; new: string };

export function historyChange(e: AuditEntryLike, w: ValueWords): HistoryChange {
  const kind = historyKind(e.action);
  if (kind === 'erase') {
    const reason = typeof e.details?.reason === 'string' ? e.details.reason.trim() : '';
    return reason ? { kind: 'reason', reason } : { kind: 'none' };
  }
  if (e.redacted) return { kind: 'redacted' };
  // A creation or an export has no before and after.
  if (kind === 'create' || kind === 'export' || !e.field) return { kind: 'none' };
  return { kind: 'change', ...describeChange(e, w) };
}
