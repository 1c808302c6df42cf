import { z } from 'zod';
import { patchOf } from './patch';
import { StepKind } from './catalog.schema';
import { IsoDate, TimeOfDay } from './dates.schema';
import { RecordMeta } from './office.schema';

// Visits (meetings) and the tasks on them (PRODUCT.md §2 and §5, issue 6). A visit stores an
// office-local date and time; "missed" is not stored: a planned visit whose day has passed shows as
// missed (derived with the office's today) until it is completed or cancelled.

export const STORED_VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export const VISIT_STATUSES = ['planned', 'done', 'cancelled', 'missed'] as const;
export const VisitStatus = z.enum(VISIT_STATUSES);
export type VisitStatus = z.infer<typeof VisitStatus>;

/** The items of the minimal data set (PRODUCT.md §2) a save can lack; each has its message. */
export const MINIMAL_ITEMS = ['date', 'contact_name', 'contact_detail', 'subject', 'result'] as const;
export type MinimalItem = (typeof MINIMAL_ITEMS)[number];

export const Visit = RecordMeta.extend({
  clientId: z.string(),
  /** The contact person met (confirmed, or proposed by the rep). */
  contactId: z.string().nullable(),
  repId: z.string(),
  date: IsoDate,
  time: TimeOfDay.nullable(),
  durationMin: z.number().int(),
  status: z.enum(STORED_VISIT_STATUSES),
  subject: z.string(),
  result: z.string(),
  notes: z.string(),
  /** Visits planned together by frequency share it. */
  seriesId: z.string().nullable(),
  cancelReason: z.string().nullable().optional(),
  completedAt: z.string().nullable().optional(),
});
export type Visit = z.infer<typeof Visit>;

export const VisitPlanInput = z
  .object({
    clientId: z.string().min(1),
    contactId: z.string().nullable().default(null),
    date: IsoDate,
    time: TimeOfDay.nullable().default(null),
    durationMin: z.number().int().min(5).max(600).default(30),
    subject: z.string().trim().max(300).default(''),
    notes: z.string().trim().max(4000).default(''),
  })
  .strict();

export const VisitSeriesInput = z
  .object({
    clientId: z.string().min(1),
    contactId: z.string().nullable().default(null),
    from: IsoDate,
    until: IsoDate,
    /** Every n weeks on the weekday of `from`, or the same day of every month. */
    every: z.enum(['1w', '2w', '4w', '1m']),
    time: TimeOfDay.nullable().default(null),
    durationMin: z.number().int().min(5).max(600).default(30),
    subject: z.string().trim().max(300).default(''),
  })
  .strict();

export const VisitUpdateInput = z
  .object({
    id: z.string().min(1),
    patch: z
      .object({
        contactId: z.string().nullable(),
        date: IsoDate,
        time: TimeOfDay.nullable(),
        durationMin: z.number().int().min(5).max(600),
        subject: z.string().trim().max(300),
        notes: z.string().trim().max(4000),
      })
      .partial()
      .strict(),
  })
  .strict();

export const VisitCompleteInput = z
  .object({
    id: z.string().min(1),
    result: z.string().trim().max(4000),
    notes: z.string().trim().max(4000).optional(),
  })
  .strict();
export const VisitCancelInput = z
  .object({ id: z.string().min(1), reason: z.string().trim().min(1).max(500) })
  .strict();

// ---- tasks ----

export const TASK_SOURCES = ['standard', 'promotion', 'action'] as const;
export const TaskSource = z.enum(TASK_SOURCES);
export const TASK_STATUSES = ['open', 'done', 'failed', 'skipped'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TaskResult = z.object({
  /** Checklist: per item, met or not. */
  checklist: z
    .array(
      z.object({
        item: z.string(),
        met: z.boolean(),
        // Per item, for a local action's conditions (PRODUCT.md §3: met / not met, a note and photos
        // per condition). Optional so that results stored before issue 7 still read.
        note: z.string().trim().max(2000).optional(),
        photoIds: z.array(z.string()).max(20).optional(),
      }),
    )
    .max(30)
    .default([]),
  /** Count steps: the number counted. */
  count: z.number().int().min(0).max(1_000_000).nullable().default(null),
  note: z.string().trim().max(4000).default(''),
  /** Attachments (photos) documenting the result. */
  photoIds: z.array(z.string()).max(20).default([]),
});
export type TaskResult = z.infer<typeof TaskResult>;

export const Task = RecordMeta.extend({
  visitId: z.string(),
  /** Set for local-action verifications (next issue). */
  actionId: z.string().nullable().optional(),
  source: TaskSource,
  /** The standard's lineage, the promotion or the action the task came from. */
  sourceId: z.string(),
  /** The step's key (standards), the version it came from. */
  stepKey: z.string().nullable(),
  sourceVersion: z.number().int().nullable(),
  order: z.number().int(),
  title: z.string(),
  details: z.string(),
  kind: StepKind,
  items: z.array(z.string()),
  mandatory: z.boolean(),
  status: TaskStatus,
  result: TaskResult,
});
export type Task = z.infer<typeof Task>;

export const TaskUpdateInput = z
  .object({
    id: z.string().min(1),
    status: TaskStatus,
    // Only the parts sent change. Not `TaskResult.partial()`: zod 4 keeps the inner defaults there, so
    // marking a task done without resending its checklist and photos wiped them.
    result: patchOf(TaskResult).optional(),
  })
  .strict();

// ---- attachments (photos) ----

export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const Attachment = RecordMeta.extend({
  ownerId: z.string(),
  fileName: z.string(),
  mimeType: z.enum(ATTACHMENT_TYPES),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** The thumbnail's type when one was stored beside the photo (older photos have none). */
  thumbMimeType: z.enum(ATTACHMENT_TYPES).nullable().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** A thumbnail is small: the renderer scales the photo to at most 320 px before sending it. */
export const ATTACHMENT_THUMB_MAX_BYTES = 256 * 1024;

export const AttachmentAddInput = z
  .object({
    /** The task whose result the photo documents. */
    taskId: z.string().min(1),
    fileName: z.string().trim().min(1).max(255),
    data: z
      .string()
      .max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    /** The photo scaled down by the renderer (the app has no image library of its own). */
    thumbnail: z
      .string()
      .max(Math.ceil(ATTACHMENT_THUMB_MAX_BYTES / 3) * 4 + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/)
      .optional(),
  })
  .strict();

export const AttachmentFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** base64 */
  data: z.string(),
});

// ---- reading ----

export const VisitRow = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  clientCity: z.string(),
  contactName: z.string().nullable(),
  repId: z.string(),
  date: IsoDate,
  time: TimeOfDay.nullable(),
  durationMin: z.number().int(),
  status: VisitStatus,
  subject: z.string(),
  tasks: z.object({ open: z.number().int(), total: z.number().int(), mandatoryOpen: z.number().int() }),
});
export type VisitRow = z.infer<typeof VisitRow>;

export const AgendaInput = z
  .object({
    from: IsoDate,
    to: IsoDate,
    /** A manager's or the office's view: one rep (absent: the caller's own, for a rep; the team, for a manager). */
    repId: z.string().optional(),
  })
  .strict();

export const VisitDetail = z.object({
  visit: Visit.extend({ status: VisitStatus }),
  tasks: z.array(Task),
  attachments: z.array(Attachment),
  client: z.object({ id: z.string(), name: z.string(), city: z.string(), segmentId: z.string().nullable() }),
  contact: z
    .object({
      id: z.string(),
      firstName: z.string(),
      surname: z.string(),
      phones: z.array(z.string()),
      emails: z.array(z.string()),
      status: z.enum(['confirmed', 'proposed']),
    })
    .nullable(),
  /** What the caller may do with it. */
  can: z.object({ edit: z.boolean(), complete: z.boolean() }),
});
export type VisitDetail = z.infer<typeof VisitDetail>;

// ---- the rep's counters (PRODUCT.md §6) ----

export const RepCounters = z.object({
  today: IsoDate,
  visitsToday: z.object({ done: z.number().int(), total: z.number().int() }),
  /** Open tasks on today's visits and on overdue (missed) ones. */
  openTasks: z.number().int(),
  callsToday: z.array(z.object({ statusId: z.string().nullable(), count: z.number().int() })),
});
export type RepCounters = z.infer<typeof RepCounters>;
