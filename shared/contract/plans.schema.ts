import { z } from 'zod';
import { Money, Month } from './actions.schema';
import { IsoDate } from './dates.schema';
import { RecordMeta } from './office.schema';
import { patchOf } from './patch';

// Sales plans and deals (PRODUCT.md §2 "Sales plan", "Deal"; §6 live counters; issue 8 must-have 1).
// A plan is a rep's monthly targets; the actuals are never stored, they are counted from the records
// every time (calls and visits done, deals won), so a counter can never disagree with the data.

/** The most a target may say: a typo guard (a rep makes a few hundred contacts a month). */
export const MAX_TARGET = 100_000;
const Target = z.number().int().min(0).max(MAX_TARGET);

export const PlanTargets = z.object({
  /** Calls logged plus visits done in the month. */
  contacts: Target,
  /** Visits done in the month. */
  meetings: Target,
  /** Deals won in the month. */
  deals: Target,
});
export type PlanTargets = z.infer<typeof PlanTargets>;

export const SalesPlan = RecordMeta.extend({
  /** `${repId}|${month}`: one plan per rep and month. */
  key: z.string(),
  repId: z.string(),
  month: Month,
  targets: PlanTargets,
  note: z.string(),
});
export type SalesPlan = z.infer<typeof SalesPlan>;

export const PlanSetInput = z
  .object({
    repId: z.string().min(1),
    month: Month,
    // Every meeting (a visit done) is also a contact: a month cannot hold more of them.
    targets: PlanTargets.strict().refine((t) => t.meetings <= t.contacts, {
      path: ['meetings'],
      message: 'validation.plan_meetings_over_contacts',
    }),
    note: z.string().trim().max(500).default(''),
  })
  .strict();

export const PlanListInput = z.object({ month: Month, repId: z.string().optional() }).strict();

/** What the month holds so far, counted from the records. */
export const PlanActuals = z.object({
  contacts: z.number().int(),
  meetings: z.number().int(),
  deals: z.number().int(),
  /** Not a target, shown beside it: deals lost in the month and the value of those won. */
  dealsLost: z.number().int(),
  wonValue: z.number().int(),
});
export type PlanActuals = z.infer<typeof PlanActuals>;

export const PlanRow = z.object({
  repId: z.string(),
  repName: z.string(),
  repCode: z.string().nullable(),
  month: Month,
  /** False when no plan was set for the month: targets are then all 0. */
  isSet: z.boolean(),
  targets: PlanTargets,
  actuals: PlanActuals,
  note: z.string(),
});
export type PlanRow = z.infer<typeof PlanRow>;

// ---- deals ----

export const DEAL_OUTCOMES = ['won', 'lost'] as const;
export const DealOutcome = z.enum(DEAL_OUTCOMES);
export type DealOutcome = z.infer<typeof DealOutcome>;

export const DealFields = z.object({
  clientId: z.string().min(1),
  /** What was sold or offered, in the rep's words. */
  title: z.string().trim().min(1).max(200),
  /** The office-local day the deal was closed (won or lost). */
  closedAt: IsoDate,
  /** Net value in minor units (of a lost deal: what it would have been). */
  value: Money,
  outcome: DealOutcome,
  note: z.string().trim().max(2000).default(''),
});

export const Deal = RecordMeta.extend({
  clientId: z.string(),
  repId: z.string(),
  title: z.string(),
  closedAt: IsoDate,
  value: z.number().int(),
  outcome: DealOutcome,
  note: z.string(),
});
export type Deal = z.infer<typeof Deal>;

export const DealRow = Deal.extend({
  clientName: z.string(),
  repName: z.string(),
});
export type DealRow = z.infer<typeof DealRow>;

export const DealCreateInput = DealFields.strict();
export const DealEditInput = z
  .object({ id: z.string().min(1), patch: patchOf(DealFields.omit({ clientId: true })) })
  .strict();
export const DealIdInput = z.object({ id: z.string().min(1) }).strict();
export const DealListInput = z
  .object({
    clientId: z.string().optional(),
    repId: z.string().optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    outcome: DealOutcome.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** The home screen's plan counters: the signed-in rep's month, or a manager's team summed. */
export const PlanCounters = z.object({
  month: Month,
  /** Reps counted: 1 for a rep; the team's reps for a manager. */
  reps: z.number().int(),
  /** Whether any of them has a plan set for the month. */
  isSet: z.boolean(),
  targets: PlanTargets,
  actuals: PlanActuals,
});
export type PlanCounters = z.infer<typeof PlanCounters>;
