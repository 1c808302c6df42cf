import { z } from 'zod';
import { patchOf } from './patch';
import { COUNTRIES, normalizeEmail, normalizePhone, normalizePostalCode } from '../domain/contact-data';
import type { Country as CountryCode } from '../domain/contact-data';
import {
  isValidIco,
  isValidNip,
  isValidRegon,
  normalizeIco,
  normalizeNip,
  normalizeRegon,
} from '../domain/tax-ids';
import { RecordMeta } from './office.schema';

// One definition of a valid client and contact person, used by the renderer's forms (errors at
// the field, in the user's language) and by the core (which never trusts the form): NIP / IČO
// checksums, postal codes per country, phones in E.164, e-mail addresses.

export const Country = z.enum(COUNTRIES);
export const ClientStatus = z.enum(['active', 'inactive']);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));

export const AddressInput = z.object({
  street: z.string().trim().max(200).default(''),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().max(10),
  country: Country,
});

export const ClientFields = z.object({
  name: z.string().trim().min(1).max(200),
  taxId: optionalText(20),
  regon: optionalText(20),
  dic: optionalText(14),
  parentId: z.string().nullable().default(null),
  segmentId: z.string().nullable().default(null),
  address: AddressInput,
  phone: optionalText(40),
  email: optionalText(254),
  repId: z.string().nullable().default(null),
  status: ClientStatus.default('active'),
  externalCode: optionalText(40),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});

type Issue = { path: (string | number)[]; message: string };

/** Normalises the fields that have one canonical form; returns the problems it found. */
export function normalizeClient<T extends z.output<typeof ClientFields>>(
  c: T,
): { value: T; issues: Issue[] } {
  const issues: Issue[] = [];
  const country: CountryCode = c.address.country;
  const v = { ...c, address: { ...c.address } };
  const postal = normalizePostalCode(c.address.postalCode, country);
  if (!postal)
    issues.push({
      path: ['address', 'postalCode'],
      message: `validation.postal_code_${country.toLowerCase()}`,
    });
  else v.address.postalCode = postal;
  if (c.taxId) {
    const n = country === 'PL' ? normalizeNip(c.taxId) : normalizeIco(c.taxId);
    const ok = n !== null && (country === 'PL' ? isValidNip(n) : isValidIco(n));
    if (!ok)
      issues.push({
        path: ['taxId'],
        message: country === 'PL' ? 'validation.nip_checksum' : 'validation.ico_checksum',
      });
    else v.taxId = n;
  }
  if (c.regon) {
    const n = normalizeRegon(c.regon);
    if (country !== 'PL' || !n || !isValidRegon(n))
      issues.push({ path: ['regon'], message: 'validation.regon' });
    else v.regon = n;
  }
  if (c.dic) {
    const d = c.dic.replace(/\s+/g, '').toUpperCase();
    if (!/^CZ\d{8,10}$/.test(d)) issues.push({ path: ['dic'], message: 'validation.dic' });
    else v.dic = d;
  }
  if (c.phone) {
    const p = normalizePhone(c.phone, country);
    if (!p) issues.push({ path: ['phone'], message: 'validation.phone' });
    else v.phone = p;
  }
  if (c.email) {
    const e = normalizeEmail(c.email);
    if (!e) issues.push({ path: ['email'], message: 'validation.email' });
    else v.email = e;
  }
  return { value: v, issues };
}

export const ClientInput = ClientFields.transform((c, ctx) => {
  const { value, issues } = normalizeClient(c);
  for (const i of issues) ctx.addIssue({ code: 'custom', ...i });
  return value;
});
export type ClientInput = z.output<typeof ClientInput>;

export const Client = RecordMeta.extend({
  ...ClientFields.shape,
  taxId: z.string().nullable(),
  regon: z.string().nullable(),
  dic: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  externalCode: z.string().nullable(),
  address: AddressInput,
  /** Set (with archived) when this client was merged into another one. */
  mergedInto: z.string().nullish(),
  /** Set (with archived) when the import that created this client was reverted. */
  revertedImportId: z.string().nullish(),
});
export type Client = z.infer<typeof Client>;

export const CONSENT_CHANNELS = ['email', 'phone', 'sms'] as const;
export const ConsentChannel = z.enum(CONSENT_CHANNELS);
export const ConsentEvent = z.object({
  channel: ConsentChannel,
  granted: z.boolean(),
  at: z.string(),
  source: z.string(),
  by: z.string(),
});
export type ConsentEvent = z.infer<typeof ConsentEvent>;

export const ContactFields = z.object({
  clientId: z.string(),
  firstName: z.string().trim().min(1).max(80),
  surname: z.string().trim().min(1).max(80),
  position: z.string().trim().max(80).default(''),
  phones: z.array(z.string().trim().min(1).max(40)).max(5).default([]),
  emails: z.array(z.string().trim().min(1).max(254)).max(5).default([]),
  notes: z.string().trim().max(2000).default(''),
});

/** Phones are read in the client's country ("601 234 567" is Polish for a Polish store). */
export function normalizeContact<T extends z.output<typeof ContactFields>>(
  c: T,
  country: CountryCode,
): { value: T; issues: Issue[] } {
  const issues: Issue[] = [];
  const phones: string[] = [];
  c.phones.forEach((raw, i) => {
    const p = normalizePhone(raw, country);
    if (!p) issues.push({ path: ['phones', i], message: 'validation.phone' });
    else if (!phones.includes(p)) phones.push(p);
  });
  const emails: string[] = [];
  c.emails.forEach((raw, i) => {
    const e = normalizeEmail(raw);
    if (!e) issues.push({ path: ['emails', i], message: 'validation.email' });
    else if (!emails.some((x) => x.toLowerCase() === e.toLowerCase())) emails.push(e);
  });
  return { value: { ...c, phones, emails }, issues };
}

export const Contact = RecordMeta.extend({
  ...ContactFields.shape,
  status: z.enum(['confirmed', 'proposed']),
  // A channel with no decision yet is absent (a "missing consent" data-quality gap).
  consents: z.partialRecord(ConsentChannel, z.boolean()),
  consentHistory: z.array(ConsentEvent),
  erased: z.boolean().optional(),
  erasedAt: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

// ---- commands' shapes ----

export const QUALITY_FLAGS = [
  'no_tax_id',
  'no_contact',
  'contact_no_channel',
  'no_consent',
  'no_rep',
] as const;
export const QualityFlag = z.enum(QUALITY_FLAGS);
export type QualityFlag = z.infer<typeof QualityFlag>;
/** Who closes each data-quality gap (PRODUCT.md §4: data quality per owner). */
export const QUALITY_OWNER: Record<QualityFlag, 'operator' | 'manager'> = {
  no_tax_id: 'operator',
  no_contact: 'operator',
  contact_no_channel: 'operator',
  no_consent: 'operator',
  no_rep: 'manager',
};

export const ClientListInput = z
  .object({
    query: z.string().trim().max(100).default(''),
    repId: z.string().nullable().optional(),
    segmentId: z.string().optional(),
    status: ClientStatus.optional(),
    city: z.string().trim().max(100).optional(),
    parentId: z.string().optional(),
    quality: QualityFlag.optional(),
    sort: z.enum(['name', 'city', 'externalCode', 'updatedAt']).default('name'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The same filters without paging: every matching id, for "select all N matching" in the list. */
export const ClientIdsInput = ClientListInput.omit({ offset: true, limit: true, sort: true, dir: true });

export const ClientRow = z.object({
  id: z.string(),
  name: z.string(),
  taxId: z.string().nullable(),
  externalCode: z.string().nullable(),
  city: z.string(),
  postalCode: z.string(),
  country: Country,
  repId: z.string().nullable(),
  segmentId: z.string().nullable(),
  status: ClientStatus,
  parentId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  flags: z.array(QualityFlag),
});
export type ClientRow = z.infer<typeof ClientRow>;

/** One line of a client's timeline: its visits, calls, local actions and orders, newest first. */
export const TIMELINE_KINDS = ['visit', 'call', 'action', 'order'] as const;
export const TimelineItem = z.object({
  kind: z.enum(TIMELINE_KINDS),
  id: z.string(),
  /** A calendar date (YYYY-MM-DD) or an instant (ISO) for calls. */
  at: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  userId: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const ClientCard = z.object({
  client: Client,
  timeline: z.array(TimelineItem),
  parent: ClientRow.nullable(),
  siblings: z.array(ClientRow),
  contacts: z.array(Contact),
  quality: z.array(
    z.object({ flag: QualityFlag, owner: z.enum(['operator', 'manager']), contactId: z.string().nullable() }),
  ),
  /** What the caller may change here (the core decides again on every save). */
  canEdit: z.object({ company: z.boolean(), contactData: z.boolean() }),
});
export type ClientCard = z.infer<typeof ClientCard>;

export { patchOf } from './patch';

export const ClientPatch = patchOf(ClientFields);
export const ContactPatch = patchOf(ContactFields.omit({ clientId: true }));

export const AuditEntryOut = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  field: z.string().nullable(),
  old: z.unknown(),
  new: z.unknown(),
  details: z.record(z.string(), z.unknown()).optional(),
  /** The old and new values were personal data of a person erased since: they are gone. */
  redacted: z.boolean().optional(),
});

// ---- correction requests (a rep's proposed fix to data the operator owns) ----

/** The fields a correction may name: the company's contact data and the contact person's. */
export const CLIENT_CORRECTABLE = [
  'name',
  'taxId',
  'phone',
  'email',
  'address.street',
  'address.city',
  'address.postalCode',
] as const;
export const CONTACT_CORRECTABLE = ['firstName', 'surname', 'position', 'phones', 'emails'] as const;

export const CorrectionInput = z
  .object({
    clientId: z.string(),
    contactId: z.string().nullable().default(null),
    field: z.string().max(40),
    /** For phones and e-mails: the whole new list, one per line. */
    proposedValue: z.string().trim().max(500),
    note: z.string().trim().max(1000).default(''),
  })
  .strict();

export const CorrectionRequest = RecordMeta.extend({
  clientId: z.string(),
  contactId: z.string().nullable(),
  field: z.string(),
  currentValue: z.unknown(),
  proposedValue: z.string(),
  note: z.string(),
  requestedBy: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;

// ---- bulk edit (rep, segment, status of many clients at once) ----

export const BULK_FIELDS = ['repId', 'segmentId', 'status'] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

export const BulkPatch = z
  .object({
    repId: z.string().nullable().optional(),
    segmentId: z.string().nullable().optional(),
    status: ClientStatus.optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'validation.bulk_nothing',
  });

export const BulkUpdateInput = z
  .object({
    ids: z.array(z.string()).min(1).max(50_000),
    patch: BulkPatch,
    /** true: only say what would change (the summary shown before the change). */
    dryRun: z.boolean().default(true),
  })
  .strict();

export const BulkUpdateResult = z.object({
  selected: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  /** Per field and old value: how many of the selected clients move to the new value. */
  changes: z.array(
    z.object({
      field: z.enum(BULK_FIELDS),
      from: z.string().nullable(),
      to: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
  applied: z.boolean(),
});
export type BulkUpdateResult = z.infer<typeof BulkUpdateResult>;

// ---- personal data (GDPR) ----

export const ConsentInput = z
  .object({
    id: z.string(),
    channel: ConsentChannel,
    granted: z.boolean(),
    /** Where the decision came from: "signed form at the visit of 12.03", "phone call"… */
    source: z.string().trim().min(1).max(200),
  })
  .strict();

export const PersonalExportInput = z.object({ id: z.string(), format: z.enum(['json', 'pdf']) }).strict();
/** The file itself: small enough to travel in the answer, saved by the renderer where the user says. */
export const PersonalExportFile = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
});
export type PersonalExportFile = z.infer<typeof PersonalExportFile>;

export const EraseInput = z.object({ id: z.string(), reason: z.string().trim().min(1).max(500) }).strict();

/** A proposed contact waiting in the operator's queue, with the client it belongs to. */
export const ProposedContactRow = z.object({
  contact: Contact,
  clientName: z.string(),
  clientCity: z.string(),
});
export type ProposedContactRow = z.infer<typeof ProposedContactRow>;

// ---- duplicates on entry (a warning before saving, never a refusal: the operator decides) ----

export const DUPLICATE_REASONS = ['tax_id', 'phone', 'email', 'name_address'] as const;
export const DuplicateReason = z.enum(DUPLICATE_REASONS);
export type DuplicateReason = z.infer<typeof DuplicateReason>;

export const DuplicateCheckInput = z
  .object({
    /** The client being edited (never its own duplicate); absent for a new one. */
    id: z.string().nullable().default(null),
    name: z.string().trim().max(200).default(''),
    taxId: optionalText(20),
    phone: optionalText(40),
    email: optionalText(254),
    parentId: z.string().nullable().default(null),
    address: z
      .object({
        street: z.string().trim().max(200).default(''),
        city: z.string().trim().max(100).default(''),
        postalCode: z.string().trim().max(10).default(''),
        country: Country,
      })
      .strict(),
  })
  .strict();

export const DuplicateSuspect = z.object({
  clientId: z.string(),
  name: z.string(),
  city: z.string(),
  street: z.string(),
  taxId: z.string().nullable(),
  reasons: z.array(DuplicateReason),
  /** 1 for the same tax id; the name similarity (0–1) for a similar name at a similar address. */
  score: z.number(),
});
export type DuplicateSuspect = z.infer<typeof DuplicateSuspect>;

// ---- the scan of the whole base for suspected duplicates (a list to work, pairs dismissable) ----

export const DuplicateScanInput = z
  .object({
    limit: z.number().int().min(1).max(1000).default(200),
    /** Names the `job:progress` events of this scan (chosen by the caller). */
    jobId: z.string().max(64).optional(),
  })
  .strict();

/** One client of a suspected pair, as the list shows it. */
export const DuplicatePairClient = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  street: z.string(),
  taxId: z.string().nullable(),
});
export type DuplicatePairClient = z.infer<typeof DuplicatePairClient>;

export const DuplicatePair = z.object({
  /** The client with the smaller id. */
  a: DuplicatePairClient,
  b: DuplicatePairClient,
  reasons: z.array(DuplicateReason),
  /** 1 for the same tax id, 0.9 for a shared phone or e-mail, the name similarity otherwise. */
  score: z.number(),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicateScanResult = z.object({
  /** The strongest suspects first (score, then ids), at most `limit`. */
  pairs: z.array(DuplicatePair),
  /** How many suspected pairs there are in all (not dismissed). */
  total: z.number().int(),
  /** How many suspected pairs were left out because the operator dismissed them. */
  dismissed: z.number().int(),
});
export type DuplicateScanResult = z.infer<typeof DuplicateScanResult>;

export const DuplicateDismissInput = z
  .object({
    a: z.string().min(1),
    b: z.string().min(1),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

// ---- merge of two clients (and its undo) ----

/** The client fields the operator chooses between when merging (the rest is the survivor's). */
export const MERGE_FIELDS = [
  'name',
  'taxId',
  'regon',
  'dic',
  'parentId',
  'segmentId',
  'address',
  'phone',
  'email',
  'repId',
  'status',
  'externalCode',
  'tags',
] as const;
export const MergeField = z.enum(MERGE_FIELDS);
export type MergeField = z.infer<typeof MergeField>;

/** The kinds of records a merge moves to the survivor (their clientId, an attachment's ownerId, an outlet's parentId). */
export const MERGE_MOVED = [
  'contacts',
  'visits',
  'calls',
  'localActions',
  'orderLines',
  'deals',
  'attachments',
  'outlets',
  'correctionRequests',
] as const;
export const MergeMovedKind = z.enum(MERGE_MOVED);
export type MergeMovedKind = z.infer<typeof MergeMovedKind>;
export const MergeCounts = z.partialRecord(MergeMovedKind, z.number().int());

export const MergePairInput = z
  .object({ survivorId: z.string().min(1), mergedId: z.string().min(1) })
  .strict();

export const MergePreview = z.object({
  survivor: Client,
  merged: Client,
  /** Fields whose values differ: the ones to choose. */
  differing: z.array(MergeField),
  /** What would move from the merged client to the survivor. */
  moves: MergeCounts,
});
export type MergePreview = z.infer<typeof MergePreview>;

export const MergeInput = z
  .object({
    survivorId: z.string().min(1),
    mergedId: z.string().min(1),
    /** Fields whose value is taken from the merged client (the others keep the survivor's). */
    take: z.array(MergeField).max(MERGE_FIELDS.length).default([]),
  })
  .strict();

/** A field the undo left as it is, because it was changed after the merge. */
export const KeptField = z.object({
  entity: z.string(),
  id: z.string(),
  field: z.string(),
  /** The value the undo would have restored. */
  restore: z.unknown(),
  /** The newer value that stays. */
  current: z.unknown(),
});
export type KeptField = z.infer<typeof KeptField>;

export const MergeOut = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  survivorName: z.string(),
  mergedName: z.string(),
  take: z.array(MergeField),
  moved: MergeCounts,
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});
export type MergeOut = z.infer<typeof MergeOut>;

export const MergeResult = z.object({ merge: MergeOut, card: ClientCard });
export const UndoMergeResult = z.object({ merge: MergeOut, kept: z.array(KeptField) });
export type UndoMergeResult = z.infer<typeof UndoMergeResult>;
