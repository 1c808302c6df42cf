import { z } from 'zod';
import { IsoDate } from './dates.schema';
import { ReportFilters, ReportKind } from './reports.schema';

// The exports of PRODUCT.md §7 (issue 9): a rep's visit plan, a mailing list for a sale
// announcement, and the report files. Every file is made in the core (the same bytes whichever
// window or host asks), in the caller's language, and comes back whole in the answer; the renderer
// hands it to the platform's "save as" (Electron's save dialog, the browser's download). A long
// export names a job: it reports `job:progress` and `jobs:cancel` stops it, leaving nothing behind.

/** How many days one visit plan export may span (the agenda's own limit). */
export const MAX_PLAN_DAYS = 62;

export const VISIT_PLAN_FORMATS = ['pdf', 'ics', 'xlsx', 'csv'] as const;
export const VisitPlanFormat = z.enum(VISIT_PLAN_FORMATS);
export type VisitPlanFormat = z.infer<typeof VisitPlanFormat>;

export const REPORT_FILE_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export const ReportFileFormat = z.enum(REPORT_FILE_FORMATS);
export type ReportFileFormat = z.infer<typeof ReportFileFormat>;

/** Names the `job:progress` events of one export, and what `jobs:cancel` stops (chosen by the caller). */
export const JobId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** A file made by the core. */
export const ExportFile = z.object({
  fileName: z.string(),
  mime: z.string(),
  /** The file's bytes, base64. */
  base64: z.string(),
  /** How many records the file holds (visits, contacts, report rows). */
  records: z.number().int(),
});
export type ExportFile = z.infer<typeof ExportFile>;

// ---- the visit plan (must-have 1) ----

export const VisitPlanExportInput = z
  .object({
    /** The rep whose plan it is; absent: the caller's own (a rep). A manager names a rep of their team. */
    repId: z.string().min(1).optional(),
    from: IsoDate,
    to: IsoDate,
    format: VisitPlanFormat,
    jobId: JobId.optional(),
  })
  .strict()
  .refine((i) => i.from <= i.to, { path: ['to'], message: 'validation.period_order' })
  .refine((i) => planDays(i.from, i.to) <= MAX_PLAN_DAYS, {
    path: ['to'],
    message: 'validation.plan_period_too_long',
  });
export type VisitPlanExportInput = z.output<typeof VisitPlanExportInput>;

/** Days from `from` to `to` inclusive, both calendar dates ('2026-11-30', '2026-12-06' → 7). */
export function planDays(from: string, to: string): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((b - a) / 86_400_000) + 1;
}

export const VisitPlanExportResult = z.object({
  file: ExportFile,
  /** Visits in the file by status (cancelled ones are in the ICS as cancelled, listed apart in the others). */
  visits: z.object({
    planned: z.number().int(),
    done: z.number().int(),
    missed: z.number().int(),
    cancelled: z.number().int(),
  }),
});
export type VisitPlanExportResult = z.infer<typeof VisitPlanExportResult>;

// ---- the mailing list (must-have 2) ----

export const MailingListFilter = z
  .object({
    segmentIds: z.array(z.string().min(1)).max(50).default([]),
    cities: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    /** Clients assigned to these reps; the literal 'none' selects clients without a rep. */
    repIds: z.array(z.string().min(1)).max(100).default([]),
    /** The outlets of these parent companies (client ids), and the parents themselves. */
    parentIds: z.array(z.string().min(1)).max(50).default([]),
  })
  .strict();
export type MailingListFilter = z.output<typeof MailingListFilter>;

/** Why a contact of the filtered clients is not on the list. */
export const MAILING_LEFT_OUT = ['noEmail', 'invalidEmail', 'noConsent', 'withdrawn', 'duplicate'] as const;
export type MailingLeftOut = (typeof MAILING_LEFT_OUT)[number];

export const MailingListCounts = z.object({
  /** Clients the filter selected. */
  clients: z.number().int(),
  /** Their contact persons (erased ones are not counted: they hold no data). */
  contacts: z.number().int(),
  /** Contacts on the list: a valid e-mail and the e-mail consent granted. */
  included: z.number().int(),
  /**
   * Left out, each contact under its first reason: no e-mail at all, no valid one, no e-mail consent
   * ever given, the consent withdrawn; `duplicate`: the same address already on the list for another
   * contact (nobody gets the announcement twice).
   */
  leftOut: z.object({
    noEmail: z.number().int(),
    invalidEmail: z.number().int(),
    noConsent: z.number().int(),
    withdrawn: z.number().int(),
    duplicate: z.number().int(),
  }),
});
export type MailingListCounts = z.infer<typeof MailingListCounts>;

export const MailingListPreviewInput = z.object({ filter: MailingListFilter }).strict();
export const MailingListExportInput = z
  .object({ filter: MailingListFilter, jobId: JobId.optional() })
  .strict();
export type MailingListExportInput = z.output<typeof MailingListExportInput>;

export const MailingListExportResult = z.object({ file: ExportFile, counts: MailingListCounts });
export type MailingListExportResult = z.infer<typeof MailingListExportResult>;

/** What the mailing-list filters may name: the office's cities and parent companies. */
export const MailingListOptions = z.object({
  cities: z.array(z.string()),
  parents: z.array(z.object({ id: z.string(), name: z.string(), city: z.string() })),
});
export type MailingListOptions = z.infer<typeof MailingListOptions>;

// ---- report files (must-have 3) ----

export const ReportExportInput = z
  .object({
    kind: ReportKind,
    filters: ReportFilters,
    format: ReportFileFormat,
    jobId: JobId.optional(),
  })
  .strict();
export type ReportExportInput = z.output<typeof ReportExportInput>;

// ---- jobs ----

export const JobCancelInput = z.object({ jobId: JobId }).strict();
export const JobCancelResult = z.object({
  /** False when no job of the caller's runs under that id (it had already finished). */
  cancelled: z.boolean(),
});
