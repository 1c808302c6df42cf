import { z } from 'zod';
import { patchOf } from './patch';
import { IsoDate } from './dates.schema';
import { RecordMeta } from './office.schema';

// What the admin defines for the whole office (PRODUCT.md §2, issue 6): products, central
// promotions and visit standards. Promotions and standards put tasks on planned visits
// (shared/domain/task-generation.ts).

// ---- products ----

export const ProductFields = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N}._\-/]+$/u, { message: 'validation.product_code' }),
  name: z.string().trim().min(1).max(200),
  /** The unit it is sold in: "szt.", "kg", "karton 6×1,5 l" … */
  unit: z.string().trim().min(1).max(40),
  /** The net value of one unit, in minor units of the office currency. */
  unitValue: z.number().int().min(0).max(100_000_000),
  active: z.boolean().default(true),
});
export const Product = RecordMeta.extend(ProductFields.shape);
export type Product = z.infer<typeof Product>;

// Not `.partial()`: it keeps `active`'s default, so renaming an inactive product would reactivate it.
export const ProductPatch = patchOf(ProductFields);

// ---- central promotions ----

export const PromotionFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    validFrom: IsoDate,
    validTo: IsoDate,
    /** The segments whose clients get it; empty: every client. */
    segmentIds: z.array(z.string()).max(50).default([]),
    productIds: z.array(z.string()).max(200).default([]),
    instructions: z.string().trim().max(4000).default(''),
    active: z.boolean().default(true),
  })
  .refine((p) => p.validFrom <= p.validTo, { path: ['validTo'], message: 'validation.period_order' });
export const Promotion = RecordMeta.extend({
  name: z.string(),
  validFrom: IsoDate,
  validTo: IsoDate,
  segmentIds: z.array(z.string()),
  productIds: z.array(z.string()),
  instructions: z.string(),
  active: z.boolean(),
});
export type Promotion = z.infer<typeof Promotion>;

// ---- visit standards ----

export const STEP_KINDS = ['checklist', 'count', 'photo', 'note'] as const;
export const StepKind = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKind>;

export const StandardStep = z.object({
  /** Stable across versions of the standard (a task names the step it came from). */
  key: z.string().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  details: z.string().trim().max(2000).default(''),
  kind: StepKind,
  mandatory: z.boolean(),
  /** For a checklist: the items to tick (met / not met). */
  items: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
});
export type StandardStep = z.infer<typeof StandardStep>;

export const VisitStandardFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** The segments it is for (at least one). */
    segmentIds: z.array(z.string()).min(1).max(50),
    validFrom: IsoDate,
    /** Null: open-ended. */
    validTo: IsoDate.nullable().default(null),
    steps: z.array(StandardStep).min(1).max(40),
  })
  .refine((s) => s.validTo === null || s.validFrom <= s.validTo, {
    path: ['validTo'],
    message: 'validation.period_order',
  })
  .refine((s) => new Set(s.steps.map((x) => x.key)).size === s.steps.length, {
    path: ['steps'],
    message: 'validation.step_keys_unique',
  });

/** One version of a standard; every save makes a new version of the same lineage. */
export const VisitStandard = RecordMeta.extend({
  lineageId: z.string(),
  version: z.number().int().min(1),
  /** The newest version of its lineage (the one that generates tasks). */
  current: z.boolean(),
  name: z.string(),
  segmentIds: z.array(z.string()),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  steps: z.array(StandardStep),
});
export type VisitStandard = z.infer<typeof VisitStandard>;

/** Two standards that both match clients of a segment on some days: the more specific one wins. */
export const StandardOverlap = z.object({
  otherLineageId: z.string(),
  otherName: z.string(),
  segmentIds: z.array(z.string()),
  from: IsoDate,
  to: IsoDate.nullable(),
  /** Which of the two applies there (fewer segments; on a tie, the later validFrom, then the newer). */
  winnerLineageId: z.string(),
});
export type StandardOverlap = z.infer<typeof StandardOverlap>;

export const VisitStandardRow = z.object({
  standard: VisitStandard,
  overlaps: z.array(StandardOverlap),
});
export type VisitStandardRow = z.infer<typeof VisitStandardRow>;

export const VisitStandardSaveInput = z
  .object({
    /** Absent: a new standard; present: a new version of that one. */
    lineageId: z.string().optional(),
    standard: VisitStandardFields,
  })
  .strict();
