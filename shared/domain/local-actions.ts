import type {
  ActionEvent,
  ActionPhase,
  ActionStage,
  ActionState,
  BudgetFigures,
  SettlementMethod,
  SettlementOrder,
} from '../contract/actions.schema';
import type { FieldIssue } from '../contract/errors';

// The local action's life (PRODUCT.md §3), pure: states, phases, guards and the budget arithmetic.
// main/core/actions calls `decide` inside its transaction with the figures it read there, so the
// guard and the write see the same budget; the renderer may call the same functions to explain
// what a button would do, but the core's answer is the one that counts.
//
// Decisions where the product leaves room (each also in docs/adr/0007-local-action-rules.md):
// - A draft can be discarded: `cancel` takes it to `cancelled` (it never reserved anything).
// - Registration and a start-date change need a start no earlier than today: a deal agreed today
//   may start today, not yesterday (its verification visits would already be history).
// - The budget month may not lie before the month of today: last month's budget is closed.
// - A running action's end may move, but not before today (ending early means ending today).
// - The manager's order follows the settlement method agreed with the client at registration;
//   a different method means a different deal, so the action goes back to the rep (return).
// - Recommending needs an amount of at least one minor unit: nothing to pay is a close.
// - Settling with a final amount of 0 is allowed (HQ confirmed nothing was paid), and releases all.

/** The part of a stored action the rules read. */
export interface ActionFacts {
  state: ActionState;
  repId: string;
  title: string;
  startDate: string | null;
  endDate: string | null;
  modeId: string | null;
  description: string;
  conditions: readonly string[];
  settlementMethod: SettlementMethod | null;
  agreedAmount: number | null;
  budgetMonth: string | null;
  productIds: readonly string[];
  recommendedAmount: number | null;
  approvedAmount: number | null;
  finalAmount: number | null;
}

/** The fields an edit may touch. */
export const EDITABLE_FIELDS = [
  'title',
  'startDate',
  'endDate',
  'modeId',
  'description',
  'conditions',
  'settlementMethod',
  'agreedAmount',
  'budgetMonth',
  'productIds',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type ActionPatch = Partial<Pick<ActionFacts, EditableField>>;

/** Once running, only these may change (PRODUCT.md §3). */
export const RUNNING_EDITABLE: readonly EditableField[] = ['endDate', 'conditions'];

export type ActionCommand =
  | { type: 'edit'; patch: ActionPatch }
  | { type: 'register' }
  | { type: 'cancel' }
  | { type: 'close'; reasonId: string }
  | { type: 'recommend'; amount: number; justification: string }
  | { type: 'return'; note: string }
  | { type: 'reject'; note: string }
  | { type: 'approve'; amount: number; order: SettlementOrder }
  | { type: 'settle'; finalAmount: number };

export const COMMAND_EVENTS: Record<ActionCommand['type'], ActionEvent> = {
  edit: 'edit',
  register: 'register',
  cancel: 'cancel',
  close: 'close',
  recommend: 'recommend',
  return: 'return',
  reject: 'reject',
  approve: 'approve',
  settle: 'settle',
};

export interface DecideEnv {
  /** The office's calendar date. */
  today: string;
  /** The figures of the rep's budget for a month, as they stand before this step. */
  figures: (month: string) => BudgetFigures;
}

export interface DecisionError {
  code: 'validation' | 'illegal_transition' | 'budget_exceeded';
  key: string;
  message: string;
  details?: Record<string, unknown>;
  issues?: FieldIssue[];
}

export type Decision =
  | { ok: true; to: ActionState; set: Partial<ActionFacts>; amount: number | null; changes: EditChange[] }
  | { ok: false; error: DecisionError };

export interface EditChange {
  field: EditableField;
  before: unknown;
  after: unknown;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const monthOf = (date: string): string => date.slice(0, 7);

// ---- phases and stages ----

/** An active action's phase on `today`; null for any other state or a dateless action. */
export function phaseOf(
  a: Pick<ActionFacts, 'state' | 'startDate' | 'endDate'>,
  today: string,
): ActionPhase | null {
  if (a.state !== 'active' || !a.startDate || !a.endDate) return null;
  if (today < a.startDate) return 'planned';
  if (today <= a.endDate) return 'running';
  return 'awaiting_assessment';
}

export function stageOf(a: Pick<ActionFacts, 'state' | 'startDate' | 'endDate'>, today: string): ActionStage {
  const phase = phaseOf(a, today);
  if (phase) return phase;
  // An active action always has a phase once its dates are set (registration needs them).
  return a.state === 'active' ? 'planned' : a.state;
}

// ---- budget arithmetic ----

/** What one action holds in its budget month now (PRODUCT.md §3 "Budget arithmetic"). */
export function holdsOf(a: Pick<ActionFacts, 'state' | 'agreedAmount' | 'approvedAmount' | 'finalAmount'>): {
  reserved: number;
  committed: number;
  settled: number;
} {
  switch (a.state) {
    case 'active':
    case 'recommended':
    case 'returned':
      return { reserved: a.agreedAmount ?? 0, committed: 0, settled: 0 };
    case 'approved':
      return { reserved: 0, committed: a.approvedAmount ?? 0, settled: 0 };
    case 'settled':
      return { reserved: 0, committed: a.finalAmount ?? 0, settled: a.finalAmount ?? 0 };
    default:
      return { reserved: 0, committed: 0, settled: 0 };
  }
}

/** The figures of one rep's month from its budget and the actions charged to it, from scratch. */
export function budgetFigures(
  repId: string,
  month: string,
  budget: number,
  actions: Iterable<
    Pick<ActionFacts, 'state' | 'repId' | 'budgetMonth' | 'agreedAmount' | 'approvedAmount' | 'finalAmount'>
  >,
): BudgetFigures {
  let reserved = 0;
  let committed = 0;
  let settled = 0;
  for (const a of actions) {
    if (a.repId !== repId || a.budgetMonth !== month) continue;
    const h = holdsOf(a);
    reserved += h.reserved;
    committed += h.committed;
    settled += h.settled;
  }
  return { repId, month, budget, reserved, committed, settled, available: budget - reserved - committed };
}

/** The smallest budget the month may be set to without breaking the invariant. */
export const minimumBudget = (f: Pick<BudgetFigures, 'reserved' | 'committed'>): number =>
  f.reserved + f.committed;

/** A budget edit: refused (with the figures that block it) below reserved + committed. */
export function checkBudgetEdit(f: BudgetFigures, amount: number): DecisionError | null {
  const min = minimumBudget(f);
  if (amount >= min) return null;
  return {
    code: 'budget_exceeded',
    key: 'errors.budget_below_used',
    message: `The budget cannot be lower than reserved + committed (${min})`,
    details: { month: f.month, amount, reserved: f.reserved, committed: f.committed, minimum: min },
  };
}

/** The total of a settlement order (net, minor units). */
export function orderTotal(order: SettlementOrder): number {
  if (order.kind === 'invoice') return order.netAmount;
  return order.lines.reduce((s, l) => s + l.quantity * l.unitValue, 0);
}

/** `LA/2026/11/JKO/0042`: unique without asking anyone, because it carries the rep's code. */
export function actionNumber(today: string, repCode: string, seq: number): string {
  return `LA/${today.slice(0, 4)}/${today.slice(5, 7)}/${repCode}/${String(seq).padStart(4, '0')}`;
}

/** The prefix the rep's numbers share in a month: the next number is the highest + 1. */
export const numberPrefix = (today: string, repCode: string): string =>
  actionNumber(today, repCode, 0).slice(0, -4);

// ---- guards ----

const illegal = (state: ActionState, stage: ActionStage, event: ActionEvent): Decision => ({
  ok: false,
  error: {
    code: 'illegal_transition',
    key: `errors.action_illegal_${event}`,
    message: `An action that is ${stage} cannot take "${event}"`,
    details: { state, stage, event },
  },
});

const invalid = (issues: FieldIssue[], key = 'errors.action_invalid'): Decision => ({
  ok: false,
  error: { code: 'validation', key, message: issues.map((i) => i.message).join('; '), issues },
});

const issue = (
  field: string,
  key: string,
  message: string,
  params?: Record<string, unknown>,
): FieldIssue => ({
  path: [field],
  key,
  message,
  ...(params ? { params } : {}),
});

/** What an action needs to be registered (a draft may lack any of it). */
export function completenessIssues(a: ActionPatch & Pick<ActionFacts, 'title'>): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!a.title?.trim()) out.push(issue('title', 'validation.required', 'title is missing'));
  if (!a.startDate) out.push(issue('startDate', 'validation.required', 'startDate is missing'));
  if (!a.endDate) out.push(issue('endDate', 'validation.required', 'endDate is missing'));
  if (!a.modeId) out.push(issue('modeId', 'validation.required', 'modeId is missing'));
  if (!a.conditions?.some((c) => c.trim() !== ''))
    out.push(issue('conditions', 'validation.action_conditions_missing', 'no condition to verify'));
  if (!a.settlementMethod)
    out.push(issue('settlementMethod', 'validation.required', 'settlementMethod is missing'));
  if (!a.agreedAmount || a.agreedAmount <= 0)
    out.push(issue('agreedAmount', 'validation.money_positive', 'agreedAmount must be positive'));
  if (!a.budgetMonth) out.push(issue('budgetMonth', 'validation.required', 'budgetMonth is missing'));
  return out;
}

/** Rules on the fields themselves, whatever the state (dates in order, conditions distinct). */
export function fieldIssues(a: ActionPatch): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (a.startDate && a.endDate && a.endDate < a.startDate)
    out.push(issue('endDate', 'validation.period_order', 'the end is before the start'));
  const seen = new Set<string>();
  (a.conditions ?? []).forEach((c, i) => {
    const k = c.trim().toLocaleLowerCase('pl');
    if (k === '') return;
    if (seen.has(k))
      out.push({
        path: ['conditions', i],
        key: 'validation.action_condition_duplicate',
        message: `condition "${c}" twice`,
        params: { item: c },
      });
    seen.add(k);
  });
  return out;
}

/** Checks that hold when the action is (or becomes) binding on `today`. */
function bindingIssues(
  a: ActionPatch,
  today: string,
  checkStart: boolean,
  checkMonth: boolean,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (checkStart && a.startDate && a.startDate < today)
    out.push(issue('startDate', 'validation.action_start_past', 'the start is before today', { today }));
  // Only when the month is chosen now: a running action charged to last month stays editable.
  if (checkMonth && a.budgetMonth && a.budgetMonth < monthOf(today))
    out.push(
      issue('budgetMonth', 'validation.action_month_past', 'the budget month has passed', {
        month: monthOf(today),
      }),
    );
  return out;
}

function budgetError(f: BudgetFigures, requested: number): Decision {
  return {
    ok: false,
    error: {
      code: 'budget_exceeded',
      key: 'errors.budget_exceeded',
      message: `Only ${f.available} is available in ${f.month}; ${requested} was asked for`,
      details: {
        month: f.month,
        available: f.available,
        requested,
        budget: f.budget,
        reserved: f.reserved,
        committed: f.committed,
      },
      issues: [
        {
          path: ['agreedAmount'],
          key: 'validation.budget_exceeded',
          message: `available ${f.available}`,
          params: { available: f.available, month: f.month },
        },
      ],
    },
  };
}

/** Normalised conditions: trimmed, empty ones dropped. */
export const cleanConditions = (c: readonly string[]): string[] =>
  c.map((x) => x.trim()).filter((x) => x !== '');

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The fields of `patch` that differ from `a`, in EDITABLE_FIELDS order. */
export function editChanges(a: ActionFacts, patch: ActionPatch): EditChange[] {
  const out: EditChange[] = [];
  for (const f of EDITABLE_FIELDS) {
    if (!(f in patch)) continue;
    let after = patch[f];
    if (after === undefined) continue;
    if (f === 'conditions') after = cleanConditions(after as string[]);
    if (!sameValue(a[f], after)) out.push({ field: f, before: a[f], after });
  }
  return out;
}

/** Which fields an edit may change in this state on this day (empty: none). */
export function editableFields(
  a: Pick<ActionFacts, 'state' | 'startDate' | 'endDate'>,
  today: string,
): readonly EditableField[] {
  if (a.state === 'draft') return EDITABLE_FIELDS;
  const phase = phaseOf(a, today);
  if (phase === 'planned') return EDITABLE_FIELDS;
  if (phase === 'running') return RUNNING_EDITABLE;
  return [];
}

/**
 * The one place that says what a command does to an action: the state it leads to and the fields
 * it sets, or why it is refused. Pure: same input, same answer.
 */
export function decide(a: ActionFacts, cmd: ActionCommand, env: DecideEnv): Decision {
  const { today } = env;
  const stage = stageOf(a, today);
  const event = COMMAND_EVENTS[cmd.type];
  const phase = phaseOf(a, today);

  switch (cmd.type) {
    case 'edit': {
      const allowed = editableFields(a, today);
      if (allowed.length === 0) return illegal(a.state, stage, event);
      const changes = editChanges(a, cmd.patch);
      const locked = changes.filter((c) => !allowed.includes(c.field));
      if (locked.length)
        return invalid(
          locked.map((c) =>
            issue(c.field, 'validation.action_field_locked', `${c.field} cannot change once running`),
          ),
          'errors.action_field_locked',
        );
      const set: Partial<ActionFacts> = {};
      for (const c of changes) (set as Record<string, unknown>)[c.field] = c.after;
      const next: ActionFacts = { ...a, ...set };
      const issues = fieldIssues(next);
      if (a.state === 'active') {
        issues.push(...completenessIssues(next));
        issues.push(...bindingIssues(next, today, 'startDate' in set, 'budgetMonth' in set));
        if (phase === 'running' && 'endDate' in set && next.endDate! < today)
          issues.push(
            issue('endDate', 'validation.action_end_past', 'a running action cannot end before today', {
              today,
            }),
          );
        // The conditions of an action a visit may verify cannot be emptied.
      }
      if (issues.length) return invalid(issues);
      if (a.state === 'active') {
        // Reserved moves from the old month to the new; what is new must fit what is available.
        const sameMonth = next.budgetMonth === a.budgetMonth;
        const extra = sameMonth ? next.agreedAmount! - a.agreedAmount! : next.agreedAmount!;
        if (extra > 0) {
          const f = env.figures(next.budgetMonth!);
          if (extra > f.available) return budgetError(f, extra);
        }
      }
      return {
        ok: true,
        to: a.state,
        set,
        amount: 'agreedAmount' in set ? next.agreedAmount : null,
        changes,
      };
    }

    case 'register': {
      if (a.state !== 'draft') return illegal(a.state, stage, event);
      const issues = [...completenessIssues(a), ...fieldIssues(a), ...bindingIssues(a, today, true, true)];
      if (issues.length) return invalid(issues, 'errors.action_incomplete');
      const f = env.figures(a.budgetMonth!);
      if (a.agreedAmount! > f.available) return budgetError(f, a.agreedAmount!);
      return {
        ok: true,
        to: 'active',
        set: { conditions: cleanConditions(a.conditions) },
        amount: a.agreedAmount,
        changes: [],
      };
    }

    case 'cancel':
      if (a.state === 'draft' || phase === 'planned')
        return { ok: true, to: 'cancelled', set: {}, amount: null, changes: [] };
      return illegal(a.state, stage, event);

    case 'close':
      if (phase !== 'awaiting_assessment' && a.state !== 'returned') return illegal(a.state, stage, event);
      if (!cmd.reasonId.trim())
        return invalid([issue('reasonId', 'validation.required', 'a reason is needed')]);
      return { ok: true, to: 'closed_unsettled', set: {}, amount: null, changes: [] };

    case 'recommend': {
      if (phase !== 'awaiting_assessment' && a.state !== 'returned') return illegal(a.state, stage, event);
      if (!Number.isInteger(cmd.amount) || cmd.amount < 1)
        return invalid([issue('amount', 'validation.money_positive', 'the amount must be positive')]);
      if (cmd.amount > (a.agreedAmount ?? 0))
        return invalid(
          [issue('amount', 'validation.amount_over_agreed', 'more than agreed', { max: a.agreedAmount })],
          'errors.action_amount_too_high',
        );
      if (!cmd.justification.trim())
        return invalid([issue('justification', 'validation.required', 'a justification is needed')]);
      return {
        ok: true,
        to: 'recommended',
        set: { recommendedAmount: cmd.amount },
        amount: cmd.amount,
        changes: [],
      };
    }

    case 'return':
    case 'reject':
      if (a.state !== 'recommended') return illegal(a.state, stage, event);
      if (!cmd.note.trim()) return invalid([issue('note', 'validation.required', 'a note is needed')]);
      return {
        ok: true,
        to: cmd.type === 'return' ? 'returned' : 'rejected',
        set: {},
        amount: null,
        changes: [],
      };

    case 'approve': {
      if (a.state !== 'recommended') return illegal(a.state, stage, event);
      const issues: FieldIssue[] = [];
      if (!Number.isInteger(cmd.amount) || cmd.amount < 1)
        issues.push(issue('amount', 'validation.money_positive', 'the amount must be positive'));
      if (cmd.amount > (a.recommendedAmount ?? 0))
        issues.push(
          issue('amount', 'validation.amount_over_recommended', 'more than recommended', {
            max: a.recommendedAmount,
          }),
        );
      if (cmd.order.kind !== a.settlementMethod)
        issues.push(
          issue(
            'order',
            'validation.order_method_mismatch',
            `the action is settled by ${a.settlementMethod}`,
            {
              method: a.settlementMethod,
            },
          ),
        );
      const total = orderTotal(cmd.order);
      if (total > cmd.amount)
        issues.push(
          issue(
            'order',
            'validation.order_over_approved',
            `the order's total ${total} is more than approved`,
            {
              total,
              max: cmd.amount,
            },
          ),
        );
      if (cmd.order.kind === 'invoice' && cmd.order.invoiceDate > today)
        issues.push(issue('invoiceDate', 'validation.date_future', 'the invoice date is in the future'));
      if (issues.length) return invalid(issues, 'errors.action_approval_invalid');
      return {
        ok: true,
        to: 'approved',
        set: { approvedAmount: cmd.amount },
        amount: cmd.amount,
        changes: [],
      };
    }

    case 'settle':
      if (a.state !== 'approved') return illegal(a.state, stage, event);
      if (!Number.isInteger(cmd.finalAmount) || cmd.finalAmount < 0)
        return invalid([
          issue('finalAmount', 'validation.money_int', 'the final amount must be whole and not negative'),
        ]);
      if (cmd.finalAmount > (a.approvedAmount ?? 0))
        return invalid(
          [
            issue('finalAmount', 'validation.amount_over_approved', 'more than approved', {
              max: a.approvedAmount,
            }),
          ],
          'errors.action_amount_too_high',
        );
      return {
        ok: true,
        to: 'settled',
        set: { finalAmount: cmd.finalAmount },
        amount: cmd.finalAmount,
        changes: [],
      };
  }
}

/** For lists: newest first by start (drafts without dates last), then number. */
export function byStartDesc(
  a: { startDate: string | null; number: string },
  b: { startDate: string | null; number: string },
): number {
  return -cmp(a.startDate ?? '', b.startDate ?? '') || cmp(a.number, b.number);
}

// ---- alerts ----

/** Running actions ending within this many days (today included) are flagged. */
export const ALERT_ENDING_DAYS = 3;
/** An assessment is overdue this many days after the end. */
export const ASSESSMENT_OVERDUE_DAYS = 7;
/** A budget this much used (reserved + committed over budget) is flagged. */
export const BUDGET_ALERT_RATIO = 0.9;

export const usedRatio = (f: Pick<BudgetFigures, 'budget' | 'reserved' | 'committed'>): number =>
  f.budget > 0 ? (f.reserved + f.committed) / f.budget : f.reserved + f.committed > 0 ? 1 : 0;
