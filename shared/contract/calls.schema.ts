import { z } from 'zod';
import { RecordMeta } from './office.schema';

// Calls (PRODUCT.md §2 and §5, issue 6): logged by hand in two clicks with the quick status list
// (the admin's `callStatus` dictionary), or imported from the telephony's CSV export. An imported
// call carries the telephony's id (or a hash of time, number and direction), so a re-import adds
// nothing; its number is matched to contact persons and clients' own numbers, and what matches no
// one — or several — waits in the triage list.

export const CallDirection = z.enum(['in', 'out']);
export const CALL_TRIAGE = ['unmatched', 'ambiguous', 'wrong_number', 'resolved'] as const;
export const CallTriage = z.enum(CALL_TRIAGE);

export const CallCandidate = z.object({
  clientId: z.string(),
  contactId: z.string().nullable(),
  clientName: z.string(),
  contactName: z.string().nullable(),
});
export type CallCandidate = z.infer<typeof CallCandidate>;

export const Call = RecordMeta.extend({
  clientId: z.string().nullable(),
  contactId: z.string().nullable(),
  /** Who made or took it; for imported calls the matched client's rep. */
  userId: z.string().nullable(),
  /** When it started (an instant, ISO 8601 UTC). */
  startedAt: z.string(),
  direction: CallDirection,
  /** E.164, or the raw text when it cannot be read as a phone number. */
  number: z.string(),
  statusId: z.string().nullable(),
  durationSec: z.number().int().min(0),
  source: z.enum(['manual', 'imported']),
  externalId: z.string().nullable(),
  note: z.string(),
  /** Imported calls that need a person: null once matched (or for manual calls). */
  triage: CallTriage.nullable(),
  candidates: z.array(CallCandidate),
});
export type Call = z.infer<typeof Call>;

export const CallLogInput = z
  .object({
    clientId: z.string().min(1),
    contactId: z.string().nullable().default(null),
    statusId: z.string().min(1),
    direction: CallDirection.default('out'),
    /** Absent: the contact's (or the client's) first number. */
    number: z.string().trim().max(40).nullable().default(null),
    durationSec: z.number().int().min(0).max(86_400).default(0),
    note: z.string().trim().max(2000).default(''),
  })
  .strict();

export const CallListInput = z
  .object({
    clientId: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** What a column of a telephony file can be mapped onto. */
export const CALL_IMPORT_TARGETS = [
  'externalId',
  'startedAt',
  /** When the date and the time are in two columns. */
  'date',
  'time',
  'direction',
  'number',
  /** Internal extension or agent (kept in the note). */
  'agent',
  'durationSec',
  'status',
] as const;
export const CallImportTarget = z.enum(CALL_IMPORT_TARGETS);
export type CallImportTarget = z.infer<typeof CallImportTarget>;

export const CallImportMapping = z.object({
  /** Columns by header name (folded), used when the file has a header row. */
  byHeader: z.record(z.string(), CallImportTarget).default({}),
  /** Columns by position (0-based), for files without a header row. */
  byIndex: z.record(z.string().regex(/^\d{1,3}$/), CallImportTarget).default({}),
  headerRow: z.boolean().default(true),
});
export type CallImportMapping = z.infer<typeof CallImportMapping>;

export const CallImportResult = z.object({
  fileName: z.string(),
  rows: z.number().int(),
  added: z.number().int(),
  /** Already imported (the same external id): nothing added. */
  skipped: z.number().int(),
  matched: z.number().int(),
  toTriage: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), key: z.string(), value: z.string().nullable() })),
});
export type CallImportResult = z.infer<typeof CallImportResult>;

export const CallPreset = z.object({ id: z.string(), name: z.string(), mapping: CallImportMapping });
export type CallPreset = z.infer<typeof CallPreset>;

export const CallFileInput = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    /** The file's bytes, base64 (telephony exports up to 10 MB). */
    data: z
      .string()
      .max(Math.ceil((10 * 1024 * 1024) / 3) * 4 + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();

export const CallFilePreview = z.object({
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rowCount: z.number().int(),
  /** A mapping guessed from the header names (or from the values, without a header row). */
  suggested: CallImportMapping,
});

export const CallWatchSettings = z.object({
  enabled: z.boolean(),
  presetId: z.string().nullable(),
  /** The folder watched (inside the data folder), shown to the operator. */
  folder: z.string(),
});
export type CallWatchSettings = z.infer<typeof CallWatchSettings>;

export const CallTriageInput = z.discriminatedUnion('action', [
  z
    .object({
      id: z.string().min(1),
      action: z.literal('assign'),
      clientId: z.string().min(1),
      contactId: z.string().nullable().default(null),
    })
    .strict(),
  z.object({ id: z.string().min(1), action: z.literal('wrong_number') }).strict(),
]);
