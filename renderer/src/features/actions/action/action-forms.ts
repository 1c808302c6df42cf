import type {
  LocalAction,
  ProductLine,
  SettlementMethod,
  SettlementOrder,
} from '../../../../../shared/contract/actions.schema';
import type { FieldIssue } from '../../../../../shared/contract/errors';
import { parseMoney } from '../action-format';

// What each action dialog sends, built from what the person typed: amounts parsed to minor units,
// the limits the core will check anyway checked here first (so the field says what is wrong before
// a round trip), and an edit reduced to the fields that really changed. Pure, so tests need no DOM.

export type Issues<F extends string> = Partial<Record<F, FieldIssue>>;
export type Built<I, F extends string> = { ok: true; input: I } | { ok: false; issues: Issues<F> };

/** Formats minor units for a message's parameter (the office currency, the UI's language). */
export type Money = (minor: number) => string;

const issue = (field: string, key: string, params?: Record<string, unknown>): FieldIssue => ({
  path: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
  key,
  message: key,
  ...(params ? { params } : {}),
});

function done<I, F extends string>(issues: Issues<F>, input: () => I): Built<I, F> {
  return Object.keys(issues).length ? { ok: false, issues } : { ok: true, input: input() };
}

const MONEY_KEYS = {
  empty: 'validation.required',
  format: 'validation.money_format',
  decimals: 'validation.money_format',
  negative: 'validation.money_format',
  too_large: 'validation.money_too_large',
} as const;

/** An amount field: parsed, at least `min` minor units, at most `max` when there is one. */
function amountOf<F extends string>(
  field: F,
  text: string,
  issues: Issues<F>,
  opts: { min: 0 | 1; max?: number | null; overKey?: string; money: Money },
): number {
  const r = parseMoney(text);
  if (!r.ok) issues[field] = issue(field, MONEY_KEYS[r.reason]);
  else if (r.value < opts.min) issues[field] = issue(field, 'validation.money_positive');
  else if (opts.max != null && r.value > opts.max)
    issues[field] = issue(field, opts.overKey ?? 'validation.invalid', { max: opts.money(opts.max) });
  return r.ok ? r.value : 0;
}

/** Minor units of a typed amount, or null while it is not one (for live totals). */
export function moneyOrNull(text: string): number | null {
  const r = parseMoney(text);
  return r.ok ? r.value : null;
}

function required<F extends string>(field: F, text: string, issues: Issues<F>): string {
  if (text.trim() === '') issues[field] = issue(field, 'validation.required');
  return text.trim();
}

// ---- recommend ----

export const RECOMMEND_FIELDS = ['amount', 'justification'] as const;
export type RecommendField = (typeof RECOMMEND_FIELDS)[number];

export function recommendRequest(
  v: { amount: string; justification: string },
  ctx: { id: string; agreed: number | null; money: Money },
): Built<{ id: string; amount: number; justification: string }, RecommendField> {
  const issues: Issues<RecommendField> = {};
  const amount = amountOf('amount', v.amount, issues, {
    min: 1,
    max: ctx.agreed,
    overKey: 'validation.amount_over_agreed',
    money: ctx.money,
  });
  const justification = required('justification', v.justification, issues);
  return done(issues, () => ({ id: ctx.id, amount, justification }));
}

// ---- close, return, reject ----

export const CLOSE_FIELDS = ['reasonId', 'note'] as const;
export type CloseField = (typeof CLOSE_FIELDS)[number];

export function closeRequest(
  v: { reasonId: string; note: string },
  id: string,
): Built<{ id: string; reasonId: string; note: string }, CloseField> {
  const issues: Issues<CloseField> = {};
  const reasonId = required('reasonId', v.reasonId, issues);
  // PRODUCT.md §3: a reason from the dictionary AND a note (the core refuses an empty one).
  const note = required('note', v.note, issues);
  return done(issues, () => ({ id, reasonId, note }));
}

export const NOTE_FIELDS = ['note'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

/** Returning and rejecting both owe the rep a reason. */
export function noteRequest(note: string, id: string): Built<{ id: string; note: string }, NoteField> {
  const issues: Issues<NoteField> = {};
  const text = required('note', note, issues);
  return done(issues, () => ({ id, note: text }));
}

// ---- settle ----

export const SETTLE_FIELDS = ['finalAmount', 'reference', 'note'] as const;
export type SettleField = (typeof SETTLE_FIELDS)[number];

export function settleRequest(
  v: { finalAmount: string; reference: string; note: string },
  ctx: { id: string; approved: number | null; money: Money },
): Built<{ id: string; finalAmount: number; reference: string; note: string }, SettleField> {
  const issues: Issues<SettleField> = {};
  // 0 is a real answer: HQ confirmed that nothing was paid.
  const finalAmount = amountOf('finalAmount', v.finalAmount, issues, {
    min: 0,
    max: ctx.approved,
    overKey: 'validation.amount_over_approved',
    money: ctx.money,
  });
  const reference = required('reference', v.reference, issues);
  return done(issues, () => ({ id: ctx.id, finalAmount, reference, note: v.note.trim() }));
}

// ---- approve ----

export interface LineDraft {
  key: string;
  productId: string;
  quantity: string;
  unitValue: string;
}

export interface ApproveValues {
  amount: string;
  note: string;
  invoiceNumber: string;
  invoiceDate: string;
  netAmount: string;
  lines: LineDraft[];
}

/** The approve form's field names: fixed ones plus three per order line. */
export function approveFields(lineCount: number): string[] {
  const out = [
    'amount',
    'note',
    'order',
    'order.invoiceNumber',
    'order.invoiceDate',
    'order.netAmount',
    'order.lines',
    'invoiceDate',
  ];
  for (let i = 0; i < lineCount; i++)
    out.push(`order.lines.${i}.productId`, `order.lines.${i}.quantity`, `order.lines.${i}.unitValue`);
  return out;
}

function quantityOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,7}$/.test(t)) return null;
  const q = Number(t);
  return q >= 1 && q <= 1_000_000 ? q : null;
}

/** The order's total as typed so far (lines not readable yet count 0): the live total. */
export function linesTotal(lines: readonly LineDraft[]): number {
  return lines.reduce((s, l) => s + (quantityOf(l.quantity) ?? 0) * (moneyOrNull(l.unitValue) ?? 0), 0);
}

export interface ApproveInput {
  id: string;
  amount: number;
  order: SettlementOrder;
  note: string;
}

export function approveRequest(
  v: ApproveValues,
  ctx: { id: string; method: SettlementMethod; recommended: number | null; money: Money },
): Built<ApproveInput, string> {
  const issues: Issues<string> = {};
  const amount = amountOf('amount', v.amount, issues, {
    min: 1,
    max: ctx.recommended,
    overKey: 'validation.amount_over_recommended',
    money: ctx.money,
  });
  const cap = issues.amount ? null : amount;
  let order: SettlementOrder;
  if (ctx.method === 'invoice') {
    const invoiceNumber = required('order.invoiceNumber', v.invoiceNumber, issues);
    const invoiceDate = required('order.invoiceDate', v.invoiceDate, issues);
    const netAmount = amountOf('order.netAmount', v.netAmount, issues, {
      min: 1,
      max: cap,
      overKey: 'validation.order_over_approved',
      money: ctx.money,
    });
    order = { kind: 'invoice', invoiceNumber, invoiceDate, netAmount };
  } else {
    const lines: ProductLine[] = [];
    if (v.lines.length === 0) issues['order.lines'] = issue('order.lines', 'validation.order_no_lines');
    v.lines.forEach((l, i) => {
      const at = `order.lines.${i}`;
      const productId = required(`${at}.productId`, l.productId, issues);
      const quantity = quantityOf(l.quantity);
      if (quantity === null) issues[`${at}.quantity`] = issue(`${at}.quantity`, 'validation.quantity');
      const unitValue = amountOf(`${at}.unitValue`, l.unitValue, issues, { min: 1, money: ctx.money });
      lines.push({ productId, quantity: quantity ?? 0, unitValue });
    });
    order = { kind: 'products', lines };
    const total = linesTotal(v.lines);
    if (cap !== null && total > cap)
      issues.order = issue('order', 'validation.order_over_approved', { max: ctx.money(cap) });
  }
  return done(issues, () => ({ id: ctx.id, amount, order, note: v.note.trim() }));
}

// ---- edit ----

export const EDIT_FIELDS = [
  'title',
  'startDate',
  'endDate',
  'modeId',
  'description',
  'conditions',
  'settlementMethod',
  'agreedAmount',
  'budgetMonth',
  'note',
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

export interface EditValues {
  title: string;
  startDate: string;
  endDate: string;
  modeId: string;
  description: string;
  /** One condition per line. */
  conditions: string;
  settlementMethod: SettlementMethod | '';
  agreedAmount: string;
  budgetMonth: string;
  note: string;
}

export function editValues(a: LocalAction, moneyText: (minor: number) => string): EditValues {
  return {
    title: a.title,
    startDate: a.startDate ?? '',
    endDate: a.endDate ?? '',
    modeId: a.modeId ?? '',
    description: a.description,
    conditions: a.conditions.join('\n'),
    settlementMethod: a.settlementMethod ?? '',
    agreedAmount: a.agreedAmount === null ? '' : moneyText(a.agreedAmount),
    budgetMonth: a.budgetMonth ?? '',
    note: '',
  };
}

export type EditPatch = {
  title?: string;
  startDate?: string | null;
  endDate?: string | null;
  modeId?: string | null;
  description?: string;
  conditions?: string[];
  settlementMethod?: SettlementMethod | null;
  agreedAmount?: number | null;
  budgetMonth?: string | null;
};

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The patch of an edit: only the fields this state lets change (`editable`) and that differ from
 * the action, so the history records what was really changed (an empty patch: nothing to send).
 */
export function editRequest(
  a: LocalAction,
  v: EditValues,
  editable: readonly string[],
): Built<{ id: string; patch: EditPatch; note: string }, EditField> {
  const issues: Issues<EditField> = {};
  const patch: EditPatch = {};
  const may = (f: string) => editable.includes(f);
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

  if (may('title') && v.title.trim() !== a.title) {
    patch.title = v.title.trim();
    if (a.state !== 'draft') required('title', v.title, issues);
  }
  if (may('startDate') && orNull(v.startDate) !== a.startDate) patch.startDate = orNull(v.startDate);
  if (may('endDate') && orNull(v.endDate) !== a.endDate) patch.endDate = orNull(v.endDate);
  if (may('modeId') && orNull(v.modeId) !== a.modeId) patch.modeId = orNull(v.modeId);
  if (may('description') && v.description.trim() !== a.description) patch.description = v.description.trim();
  if (may('conditions')) {
    const list = v.conditions
      .split('\n')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (!sameList(list, a.conditions)) {
      patch.conditions = list;
      if (list.length === 0 && a.state !== 'draft')
        issues.conditions = issue('conditions', 'validation.action_conditions_missing');
    }
  }
  if (may('settlementMethod') && (v.settlementMethod || null) !== a.settlementMethod)
    patch.settlementMethod = v.settlementMethod || null;
  if (may('agreedAmount')) {
    if (v.agreedAmount.trim() === '') {
      if (a.agreedAmount !== null) {
        if (a.state === 'draft') patch.agreedAmount = null;
        else issues.agreedAmount = issue('agreedAmount', 'validation.required');
      }
    } else {
      const amount = amountOf('agreedAmount', v.agreedAmount, issues, { min: 1, money: String });
      if (!issues.agreedAmount && amount !== a.agreedAmount) patch.agreedAmount = amount;
    }
  }
  if (may('budgetMonth') && orNull(v.budgetMonth) !== a.budgetMonth)
    patch.budgetMonth = orNull(v.budgetMonth);
  return done(issues, () => ({ id: a.id, patch, note: v.note.trim() }));
}
