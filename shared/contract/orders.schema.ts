import { z } from 'zod';
import { ImportParseOptions, ImportUpload, presetSchemas } from './imports.schema';
import { IsoDate } from './dates.schema';
import { RecordMeta } from './office.schema';

// Orders from the ERP (PRODUCT.md §2 "Order line", issue 8 must-have 2): the client's purchase
// history ("what they order most") and the base of the action-effectiveness report. They come in
// as CSV or XLSX exports and go through the same steps as the client import — upload, column
// mapping (with presets), a dry run that says what each row would do, one all-or-nothing commit,
// revert — and importing the same file twice adds nothing: every line has an external key.

/** What a column of an ERP export can be mapped onto. One row = one order line. */
export const ORDER_IMPORT_TARGETS = [
  /** The client's external code, or its tax id where that names exactly one client. */
  'clientKey',
  /** The order's (or invoice's) date. */
  'date',
  /** The product's code in the catalogue (or its exact name). */
  'product',
  'quantity',
  /** The line's net value in the office currency ("1 234,50"). */
  'netValue',
  /** The invoice (or order) number: with `lineNo`, the line's key in the ERP. */
  'invoiceNo',
  'lineNo',
] as const;
export const OrderImportTarget = z.enum(ORDER_IMPORT_TARGETS);
export type OrderImportTarget = z.infer<typeof OrderImportTarget>;

/** One entry per column of the file, in order: the target it fills, or null to ignore it. */
export const OrderImportMapping = z.array(OrderImportTarget.nullable()).max(200);
export type OrderImportMapping = z.infer<typeof OrderImportMapping>;

/** The targets a mapping must name. */
export const REQUIRED_ORDER_TARGETS: readonly OrderImportTarget[] = [
  'clientKey',
  'date',
  'product',
  'quantity',
  'netValue',
];

/** An order line as stored. Quantities may be fractional (kg) and negative (a credit note). */
export const OrderLine = RecordMeta.extend({
  /** `${invoiceNo}/${lineNo}` from the ERP, or a hash of the row's values (see orders import). */
  externalKey: z.string(),
  invoiceNo: z.string().nullable(),
  clientId: z.string(),
  /** The client key as the file named it. */
  clientKey: z.string(),
  date: IsoDate,
  productId: z.string(),
  quantity: z.number(),
  /** Minor units of the office currency (negative for a return). */
  netValue: z.number().int(),
  /** The import that added it (null in generated data). */
  importId: z.string().nullable().optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderUploadInput = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    /** The file's bytes, base64 (ERP exports up to 10 MB). */
    data: z
      .string()
      .max(Math.ceil((10 * 1024 * 1024) / 3) * 4 + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    options: ImportParseOptions.default({ encoding: 'auto', delimiter: 'auto', headerRow: true }),
  })
  .strict();

/** The file as read: the same as a client file's, with a mapping onto the order targets. */
export const OrderUpload = ImportUpload.omit({ suggested: true }).extend({ suggested: OrderImportMapping });
export type OrderUpload = z.infer<typeof OrderUpload>;

export const OrderRunInput = z
  .object({
    uploadId: z.string().min(1),
    mapping: OrderImportMapping,
    jobId: z.string().max(64).optional(),
  })
  .strict();
export type OrderRunInput = z.output<typeof OrderRunInput>;

/** new: would be added; already: the same line was imported before (or twice in this file); error: not imported. */
export const OrderOutcome = z.enum(['new', 'already', 'error']);
export type OrderOutcome = z.infer<typeof OrderOutcome>;

export const OrderRowResult = z.object({
  /** The row's number as a spreadsheet shows it (the header row is 1). */
  row: z.number().int(),
  outcome: OrderOutcome,
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  productName: z.string().nullable(),
  date: IsoDate.nullable(),
  quantity: z.number().nullable(),
  netValue: z.number().int().nullable(),
  issues: z.array(
    z.object({
      field: OrderImportTarget.nullable(),
      /** An i18n key (validation.* or errors.*). */
      key: z.string(),
      value: z.string().nullable(),
    }),
  ),
});
export type OrderRowResult = z.infer<typeof OrderRowResult>;

export const OrderCounts = z.object({
  new: z.number().int(),
  already: z.number().int(),
  error: z.number().int(),
});
export type OrderCounts = z.infer<typeof OrderCounts>;

export const OrderImportSummary = z.object({
  counts: OrderCounts,
  /** Rows with errors first (file order), then the others; at most 500. */
  rows: z.array(OrderRowResult),
  /** Of the new lines: their net value, how many clients, first and last date. */
  totals: z.object({
    netValue: z.number().int(),
    clients: z.number().int(),
    from: IsoDate.nullable(),
    to: IsoDate.nullable(),
  }),
});
export type OrderImportSummary = z.infer<typeof OrderImportSummary>;

export const OrderImportRecord = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  /** Who imported it, by name. */
  byName: z.string(),
  fileName: z.string(),
  counts: OrderCounts,
  netValue: z.number().int(),
  revertedAt: z.string().nullable(),
  revertedBy: z.string().nullable(),
  /** Any import not reverted yet can be: its lines are its own, nothing else writes them. */
  revertable: z.boolean(),
});
export type OrderImportRecord = z.infer<typeof OrderImportRecord>;

export const OrderCommitResult = z.object({ import: OrderImportRecord, summary: OrderImportSummary });
export type OrderCommitResult = z.infer<typeof OrderCommitResult>;

export const OrderRevertResult = z.object({
  import: OrderImportRecord,
  /** Lines the import added, removed again. */
  removed: z.number().int(),
});
export type OrderRevertResult = z.infer<typeof OrderRevertResult>;

const orderPresets = presetSchemas(OrderImportTarget);
export const OrderPreset = orderPresets.preset;
export type OrderPreset = z.infer<typeof OrderPreset>;

export const OrderPresetInput = orderPresets.input;

export const ClientOrdersInput = z
  .object({
    clientId: z.string().min(1),
    /** How far back "what they order most" looks. */
    months: z.number().int().min(1).max(36).default(12),
  })
  .strict();

/** The client card's orders panel. */
export const ClientOrders = z.object({
  months: z.number().int(),
  currency: z.string(),
  /** Order lines and their net value within `months` (returns subtract). */
  lineCount: z.number().int(),
  netValue: z.number().int(),
  /** Products by net value within `months`, highest first (at most 5). */
  topProducts: z.array(
    z.object({
      productId: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      quantity: z.number(),
      netValue: z.number().int(),
      lines: z.number().int(),
      lastDate: IsoDate,
    }),
  ),
  /** The newest orders (lines of one invoice, or of one day without an invoice number), at most 5. */
  lastOrders: z.array(
    z.object({
      key: z.string(),
      invoiceNo: z.string().nullable(),
      date: IsoDate,
      netValue: z.number().int(),
      lines: z.array(
        z.object({
          productId: z.string(),
          name: z.string(),
          quantity: z.number(),
          unit: z.string(),
          netValue: z.number().int(),
        }),
      ),
    }),
  ),
});
export type ClientOrders = z.infer<typeof ClientOrders>;
