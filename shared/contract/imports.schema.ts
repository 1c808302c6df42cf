import { z } from 'zod';
import { DuplicateReason } from './clients.schema';

// Import of clients and their contact persons from the office's CSV and XLSX files (PRODUCT.md §4,
// issue 5). The file is uploaded once (parsed in the core, kept for the session), mapped column by
// column onto the targets below, tried in a dry run, then committed in one transaction; the last
// import can be reverted.

/** What a column of the file can be mapped onto. One row = one client (+ at most one contact person). */
export const IMPORT_TARGETS = [
  'externalCode',
  'name',
  'taxId',
  'regon',
  'dic',
  'street',
  'city',
  'postalCode',
  'country',
  'phone',
  'email',
  /** A segment by its name in any language, or its code. */
  'segment',
  /** A rep by their rep code, login or display name. */
  'rep',
  /** active / inactive, in any of the app's languages ("aktywny", "neaktivní", 1/0, tak/ne …). */
  'status',
  /** Tags separated by commas or semicolons. */
  'tags',
  /** The parent company's external code (an outlet of a chain). */
  'parentCode',
  'contactFirstName',
  'contactSurname',
  'contactPosition',
  'contactPhone',
  'contactEmail',
  /** The contact person's consent to e-mail (yes/no in pl/cs/en, 1/0). */
  'contactEmailConsent',
  /** When that consent was given: a date in a local format (31.12.2025, 31. 12. 2025, 2025-12-31, an Excel date). */
  'contactConsentDate',
] as const;
export const ImportTarget = z.enum(IMPORT_TARGETS);
export type ImportTarget = z.infer<typeof ImportTarget>;

/** One entry per column of the file, in order: the target it fills, or null to ignore it. */
export const ImportMapping = z.array(ImportTarget.nullable()).max(200);
export type ImportMapping = z.infer<typeof ImportMapping>;

export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'windows-1250'] as const;
export const IMPORT_DELIMITERS = ['auto', ',', ';', '\t'] as const;

export const ImportParseOptions = z
  .object({
    encoding: z.enum(IMPORT_ENCODINGS).default('auto'),
    delimiter: z.enum(IMPORT_DELIMITERS).default('auto'),
    /** The first non-empty row holds the column names. */
    headerRow: z.boolean().default(true),
    /** XLSX: the worksheet to read (the first one by default). */
    sheet: z.string().max(100).nullish(),
  })
  .strict();
export type ImportParseOptions = z.output<typeof ImportParseOptions>;

/** Files up to 5 MB (about 30 000 rows of a typical client list); base64 makes them a third bigger. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const ImportUploadInput = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    /** The file's bytes, base64. */
    data: z
      .string()
      .max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    options: ImportParseOptions.default({
      encoding: 'auto',
      delimiter: 'auto',
      headerRow: true,
    }),
  })
  .strict();

export const ImportUpload = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** CSV: what the bytes were read as ('utf-8-bom' when the file starts with a byte-order mark). */
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1250']).nullable(),
  /** CSV: the separator used. */
  delimiter: z.string().nullable(),
  /** XLSX: the worksheets, and the one read. */
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  /** The column names (generated "Column 3" style names when there is no header row: empty strings). */
  headers: z.array(z.string()),
  /** The first rows (at most 10), as text. */
  sample: z.array(z.array(z.string())),
  /** Data rows in the file (empty rows not counted). */
  rowCount: z.number().int(),
  /** A mapping guessed from the column names (Polish, Czech or English). */
  suggested: ImportMapping,
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const ImportRunInput = z
  .object({
    uploadId: z.string().min(1),
    mapping: ImportMapping,
    /** Rows that look like an existing client (or another row): skipped unless told to import them. */
    duplicates: z.enum(['skip', 'import']).default('skip'),
    /** Names the `job:progress` events of this run (chosen by the caller). */
    jobId: z.string().max(64).optional(),
  })
  .strict();
export type ImportRunInput = z.output<typeof ImportRunInput>;

export const ImportOutcome = z.enum(['new', 'updated', 'unchanged', 'duplicate', 'error']);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportRowIssue = z.object({
  /** The target field the problem is about (null: the row as a whole). */
  field: ImportTarget.nullable(),
  /** An i18n key (validation.* or errors.*). */
  key: z.string(),
  /** The value as read from the file. */
  value: z.string().nullable(),
});
export type ImportRowIssue = z.infer<typeof ImportRowIssue>;

export const ImportRowResult = z.object({
  /** The row's number as a spreadsheet shows it (the header row is 1). */
  row: z.number().int(),
  outcome: ImportOutcome,
  name: z.string(),
  /** The client updated (or suspected to be the same). */
  clientId: z.string().nullable(),
  issues: z.array(ImportRowIssue),
  /** For suspected duplicates: who they look like (a client, or another row of the file). */
  suspects: z.array(
    z.object({
      clientId: z.string().nullable(),
      row: z.number().int().nullable(),
      name: z.string(),
      reasons: z.array(DuplicateReason),
    }),
  ),
  /** For updates: the fields that change. */
  changes: z.array(z.string()),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportCounts = z.object({
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  duplicate: z.number().int(),
  error: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportSummary = z.object({
  counts: ImportCounts,
  /** Rows with errors and suspected duplicates first (in file order), then the others; at most 500. */
  rows: z.array(ImportRowResult),
  /** Contact persons that would be created / updated. */
  contacts: z.object({ new: z.number().int(), updated: z.number().int() }),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportRecordOut = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  fileName: z.string(),
  counts: ImportCounts,
  contacts: z.object({ new: z.number().int(), updated: z.number().int() }),
  revertedAt: z.string().nullable(),
  revertedBy: z.string().nullable(),
  /** Only the newest import that is not reverted yet can be reverted. */
  revertable: z.boolean(),
});
export type ImportRecordOut = z.infer<typeof ImportRecordOut>;

export const ImportCommitResult = z.object({ import: ImportRecordOut, summary: ImportSummary });
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;

export const ImportKeptField = z.object({
  entity: z.enum(['clients', 'contacts']),
  id: z.string(),
  /** The client's name (for a contact: its client's), to say which. */
  name: z.string(),
  field: z.string(),
  /** What the import wrote, and the newer value that stays. */
  imported: z.unknown(),
  current: z.unknown(),
});
export type ImportKeptField = z.infer<typeof ImportKeptField>;

export const ImportRevertResult = z.object({
  import: ImportRecordOut,
  /** Fields set back to their value before the import. */
  restored: z.number().int(),
  /** Clients and contact persons the import created, archived again. */
  removed: z.number().int(),
  /** Fields changed since the import: they keep their newer values. */
  kept: z.array(ImportKeptField),
});
export type ImportRevertResult = z.infer<typeof ImportRevertResult>;

/**
 * A saved column mapping of an import whose columns map onto `target` (clients, orders): what is
 * stored and listed, and what a save sends. One definition for every import.
 */
export function presetSchemas<T extends z.ZodType<string>>(target: T) {
  return {
    preset: z.object({
      id: z.string(),
      name: z.string(),
      /** Targets by column name (folded) — used first — and by column position (files without a header). */
      columns: z.array(z.object({ header: z.string(), index: z.number().int().min(0), target })),
    }),
    input: z
      .object({
        name: z.string().trim().min(1).max(80),
        columns: z
          .array(
            z
              .object({
                header: z.string().max(200),
                index: z.number().int().min(0).max(199),
                target,
              })
              .strict(),
          )
          .min(1)
          .max(200),
      })
      .strict(),
  };
}

const clientPresets = presetSchemas(ImportTarget);
export const ImportPreset = clientPresets.preset;
export type ImportPreset = z.infer<typeof ImportPreset>;

export const ImportPresetInput = clientPresets.input;
