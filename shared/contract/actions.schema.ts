import { z } from 'zod';
import { IsoDate } from './dates.schema';
import { patchOf } from './patch';
import { RecordMeta } from './office.schema';

// Local actions, budgets and settlements (PRODUCT.md §3, issue 7). Money is always an integer
// number of minor units (grosze, haléře) of the office currency; months are 'YYYY-MM' in the
// office's calendar. The rules themselves live in shared/domain/local-actions.ts.

/** The largest amount anybody may type: 100 million in major units (a typo guard, not a policy). */
export const MAX_AMOUNT = 10_000_000_000;

export const Money = z.number().int({ message: 'validation.money_int' }).min(0).max(MAX_AMOUNT);
export const PositiveMoney = z
  .number()
  .int({ message: 'validation.money_int' })
  .min(1, { message: 'validation.money_positive' })
  .max(MAX_AMOUNT);

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' });

export const ACTION_STATES = [
  'draft',
  'active',
  'cancelled',
  'closed_unsettled',
  'recommended',
  'returned',
  'approved',
  'rejected',
  'settled',
] as const;
export const ActionState = z.enum(ACTION_STATES);
export type ActionState = z.infer<typeof ActionState>;

/** An active action's phase, from its dates and the office's today. */
export const ACTION_PHASES = ['planned', 'running', 'awaiting_assessment'] as const;
export const ActionPhase = z.enum(ACTION_PHASES);
export type ActionPhase = z.infer<typeof ActionPhase>;

/** Where an action stands as people read it: its state, or for an active one its phase. */
export const ACTION_STAGES = [
  'draft',
  'planned',
  'running',
  'awaiting_assessment',
  'cancelled',
  'closed_unsettled',
  'recommended',
  'returned',
  'approved',
  'rejected',
  'settled',
] as const;
export const ActionStage = z.enum(ACTION_STAGES);
export type ActionStage = z.infer<typeof ActionStage>;

export const SETTLEMENT_METHODS = ['invoice', 'products'] as const;
export const SettlementMethod = z.enum(SETTLEMENT_METHODS);
export type SettlementMethod = z.infer<typeof SettlementMethod>;

export const ACTION_EVENTS = [
  'create',
  'edit',
  'register',
  'cancel',
  'close',
  'recommend',
  'return',
  'reject',
  'approve',
  'settle',
] as const;
export const ActionEvent = z.enum(ACTION_EVENTS);
export type ActionEvent = z.infer<typeof ActionEvent>;

export const Condition = z.string().trim().min(1).max(200);

// ---- budgets ----

export const Budget = RecordMeta.extend({
  /** `${repId}|${month}`: one budget per rep and month. */
  key: z.string(),
  repId: z.string(),
  month: Month,
  amount: Money,
  note: z.string(),
});
export type Budget = z.infer<typeof Budget>;

export const BudgetSetInput = z
  .object({
    repId: z.string().min(1),
    month: Month,
    amount: Money,
    note: z.string().trim().max(500).default(''),
  })
  .strict();

/** The figures of one rep's month (PRODUCT.md §3 "Budget arithmetic"). */
export const BudgetFigures = z.object({
  repId: z.string(),
  month: Month,
  budget: z.number().int(),
  /** Agreed amounts of active, recommended and returned actions. */
  reserved: z.number().int(),
  /** Approved amounts of approved actions plus final amounts of settled ones. */
  committed: z.number().int(),
  /** The part of `committed` that HQ has confirmed (final amounts of settled actions). */
  settled: z.number().int(),
  available: z.number().int(),
});
export type BudgetFigures = z.infer<typeof BudgetFigures>;

export const BudgetRow = BudgetFigures.extend({
  repName: z.string(),
  repCode: z.string().nullable(),
  /** Whether a budget was set at all (an unset month reads as 0). */
  isSet: z.boolean(),
  note: z.string(),
  /** (reserved + committed) / budget, 0..1+ (0 when there is no budget). */
  used: z.number(),
});
export type BudgetRow = z.infer<typeof BudgetRow>;

export const BudgetListInput = z.object({ month: Month, repId: z.string().optional() }).strict();

// ---- the action ----

export const ProductLine = z.object({
  productId: z.string().min(1),
  quantity: z.number().int().min(1).max(1_000_000),
  /** Net value of one unit, minor units. */
  unitValue: PositiveMoney,
});
export type ProductLine = z.infer<typeof ProductLine>;

export const SettlementOrder = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('invoice'),
    invoiceNumber: z.string().trim().min(1).max(60),
    invoiceDate: IsoDate,
    netAmount: PositiveMoney,
  }),
  z.object({
    kind: z.literal('products'),
    lines: z.array(ProductLine).min(1).max(50),
  }),
]);
export type SettlementOrder = z.infer<typeof SettlementOrder>;

/** A decided step in the action's life: who, when, what, with the note and amount given. */
export const ActionHistoryEntry = z.object({
  at: z.string(),
  by: z.string(),
  event: ActionEvent,
  from: ActionState.nullable(),
  to: ActionState,
  note: z.string(),
  amount: z.number().int().nullable(),
  /** For edits: the fields changed, with their values before and after. */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
});
export type ActionHistoryEntry = z.infer<typeof ActionHistoryEntry>;

export const ActionFields = z
  .object({
    clientId: z.string().min(1),
    title: z.string().trim().min(1).max(120),
    startDate: IsoDate,
    endDate: IsoDate,
    /** An `actionMode` dictionary item. */
    modeId: z.string().min(1),
    description: z.string().trim().max(4000).default(''),
    conditions: z.array(Condition).min(1).max(30),
    settlementMethod: SettlementMethod,
    agreedAmount: PositiveMoney,
    budgetMonth: Month,
    productIds: z.array(z.string().min(1)).max(50).default([]),
  })
  .strict();
export type ActionFields = z.infer<typeof ActionFields>;

/** A draft may be incomplete: only the client is needed to save one. */
export const ActionDraftFields = z
  .object({
    clientId: z.string().min(1),
    title: z.string().trim().max(120).default(''),
    startDate: IsoDate.nullable().default(null),
    endDate: IsoDate.nullable().default(null),
    modeId: z.string().nullable().default(null),
    description: z.string().trim().max(4000).default(''),
    conditions: z.array(z.string().trim().max(200)).max(30).default([]),
    settlementMethod: SettlementMethod.nullable().default(null),
    agreedAmount: Money.nullable().default(null),
    budgetMonth: Month.nullable().default(null),
    productIds: z.array(z.string().min(1)).max(50).default([]),
  })
  .strict();
export type ActionDraftFields = z.infer<typeof ActionDraftFields>;

export const LocalAction = RecordMeta.extend({
  number: z.string(),
  repId: z.string(),
  clientId: z.string(),
  state: ActionState,
  title: z.string(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  modeId: z.string().nullable(),
  description: z.string(),
  conditions: z.array(z.string()),
  settlementMethod: SettlementMethod.nullable(),
  agreedAmount: z.number().int().nullable(),
  budgetMonth: Month.nullable(),
  productIds: z.array(z.string()),
  recommendedAmount: z.number().int().nullable(),
  justification: z.string(),
  approvedAmount: z.number().int().nullable(),
  order: SettlementOrder.nullable(),
  finalAmount: z.number().int().nullable(),
  /** A `failureReason` dictionary item (closed without settlement). */
  closeReasonId: z.string().nullable(),
  /** Set on registration; the date the action became binding. */
  registeredAt: z.string().nullable(),
  history: z.array(ActionHistoryEntry),
});
export type LocalAction = z.infer<typeof LocalAction>;

export const ActionRow = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  repId: z.string(),
  repName: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  clientCity: z.string(),
  state: ActionState,
  stage: ActionStage,
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  budgetMonth: Month.nullable(),
  settlementMethod: SettlementMethod.nullable(),
  agreedAmount: z.number().int().nullable(),
  recommendedAmount: z.number().int().nullable(),
  approvedAmount: z.number().int().nullable(),
  finalAmount: z.number().int().nullable(),
  /** What the action holds in its budget now: reserved or committed (0 where it counts nowhere). */
  holds: z.object({ reserved: z.number().int(), committed: z.number().int() }),
  /** When it entered its current state (for queues: how long it has waited). */
  since: z.string(),
});
export type ActionRow = z.infer<typeof ActionRow>;

export const ActionListInput = z
  .object({
    /** Stages to show (absent: all but cancelled drafts). */
    stages: z.array(ActionStage).max(ACTION_STAGES.length).optional(),
    repId: z.string().optional(),
    clientId: z.string().optional(),
    budgetMonth: Month.optional(),
    /** Which budget figure the actions make up (a budget screen's figure opened). */
    figure: z.enum(['reserved', 'committed', 'settled']).optional(),
    text: z.string().trim().max(100).optional(),
  })
  .strict();

/** One condition as recorded on one visit. */
export const ConditionResult = z.object({
  item: z.string(),
  /** null: not recorded yet. */
  met: z.boolean().nullable(),
  note: z.string(),
  photoIds: z.array(z.string()),
});

export const Verification = z.object({
  visitId: z.string(),
  taskId: z.string(),
  date: IsoDate,
  visitStatus: z.enum(['planned', 'done', 'cancelled', 'missed']),
  taskStatus: z.enum(['open', 'done', 'failed', 'skipped']),
  conditions: z.array(ConditionResult),
  note: z.string(),
  photoIds: z.array(z.string()),
});
export type Verification = z.infer<typeof Verification>;

export const ActionDetail = z.object({
  action: LocalAction,
  stage: ActionStage,
  client: z.object({ id: z.string(), name: z.string(), city: z.string(), taxId: z.string().nullable() }),
  rep: z.object({ id: z.string(), name: z.string(), code: z.string().nullable() }),
  modeLabel: z.string().nullable(),
  closeReasonLabel: z.string().nullable(),
  products: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), unitPrice: z.number().int().nullable() }),
  ),
  verifications: z.array(Verification),
  /** Per condition, over all visits: how often it was recorded met and not met. */
  summary: z.array(z.object({ item: z.string(), met: z.number().int(), notMet: z.number().int() })),
  /** The budget month's figures now, and what each possible decision would leave available. */
  budget: BudgetFigures.nullable(),
  /** People named in the history. */
  people: z.record(z.string(), z.string()),
  can: z.object({
    edit: z.boolean(),
    /** Which fields an edit may change now. */
    editable: z.array(z.string()),
    register: z.boolean(),
    cancel: z.boolean(),
    close: z.boolean(),
    recommend: z.boolean(),
    decide: z.boolean(),
    settle: z.boolean(),
    printOrder: z.boolean(),
  }),
});
export type ActionDetail = z.infer<typeof ActionDetail>;

// ---- commands' inputs ----

export const ActionCreateInput = z
  .object({
    fields: ActionDraftFields,
    /** true: register at once (reserve); false: save a draft. */
    register: z.boolean(),
  })
  .strict();

export const ActionEditInput = z
  .object({
    id: z.string().min(1),
    /** Only the fields sent change (patchOf: `.partial()` would fill the drafts' defaults in). */
    patch: patchOf(ActionDraftFields.omit({ clientId: true })),
    note: z.string().trim().max(1000).default(''),
  })
  .strict();

export const ActionIdInput = z.object({ id: z.string().min(1) }).strict();

export const ActionNoteInput = z
  .object({ id: z.string().min(1), note: z.string().trim().min(1).max(2000) })
  .strict();

export const ActionCancelInput = z
  .object({ id: z.string().min(1), note: z.string().trim().max(2000).default('') })
  .strict();

export const ActionCloseInput = z
  .object({
    id: z.string().min(1),
    reasonId: z.string().min(1),
    /** PRODUCT.md §3: a reason from the dictionary and a note. */
    note: z.string().trim().min(1).max(2000),
  })
  .strict();

export const ActionRecommendInput = z
  .object({
    id: z.string().min(1),
    amount: PositiveMoney,
    justification: z.string().trim().min(1).max(2000),
  })
  .strict();

export const ActionApproveInput = z
  .object({
    id: z.string().min(1),
    amount: PositiveMoney,
    order: SettlementOrder,
    note: z.string().trim().max(2000).default(''),
  })
  .strict();

export const ActionSettleInput = z
  .object({
    id: z.string().min(1),
    finalAmount: Money,
    /** HQ's reference (a document number, an e-mail's subject). */
    reference: z.string().trim().min(1).max(200),
    note: z.string().trim().max(2000).default(''),
  })
  .strict();

export const SettlementOrderFile = z.object({
  fileName: z.string(),
  mime: z.literal('application/pdf'),
  base64: z.string(),
});

// ---- alerts on home screens ----

export const ActionAlerts = z.object({
  today: IsoDate,
  /** Running actions ending within ALERT_ENDING_DAYS days (today included). */
  endingSoon: z.array(ActionRow),
  /** Awaiting assessment for more than ASSESSMENT_OVERDUE_DAYS days after the end. */
  assessmentOverdue: z.array(ActionRow),
  /** Recommendations waiting for the manager's decision (oldest first). */
  awaitingDecision: z.array(ActionRow),
  /** Rep-months whose budget is at least BUDGET_ALERT_RATIO used. */
  budgetsNearlyUsed: z.array(BudgetRow),
});
export type ActionAlerts = z.infer<typeof ActionAlerts>;
export type SettlementOrderFile = z.infer<typeof SettlementOrderFile>;
