import type { z } from 'zod';
import type {
  ActionAlerts,
  ActionApproveInput,
  ActionCancelInput,
  ActionCloseInput,
  ActionCreateInput,
  ActionDetail,
  ActionEditInput,
  ActionHistoryEntry,
  ActionListInput,
  ActionRecommendInput,
  ActionRow,
  ActionSettleInput,
  ActionStage,
  LocalAction,
  Verification,
} from '../../../shared/contract/actions.schema';
import type { Product } from '../../../shared/contract/catalog.schema';
import type { Client } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import { addDays } from '../../../shared/domain/dates';
import type { ActionCommand, ActionFacts, ActionPatch } from '../../../shared/domain/local-actions';
import {
  ALERT_ENDING_DAYS,
  ASSESSMENT_OVERDUE_DAYS,
  BUDGET_ALERT_RATIO,
  COMMAND_EVENTS,
  actionNumber,
  byStartDesc,
  cleanConditions,
  decide,
  editableFields,
  fieldIssues,
  holdsOf,
  monthOf,
  numberPrefix,
  phaseOf,
  stageOf,
} from '../../../shared/domain/local-actions';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { inRepScope, repScope } from '../auth/scope';
import { visibleClient } from '../clients/clients.service';
import type { Store, Tx } from '../store/store';
import type { UserRecord } from '../users/users.service';
import type { TaskRec, VisitRec } from '../visits/task-sync.service';
import { syncVisitTasks } from '../visits/task-sync.service';
import { displayStatus } from '../visits/visits.service';
import { budgetRow, figuresOf, scopedReps, withCurrency } from './budgets.service';

// Local actions (PRODUCT.md §3, issue 7). Every step runs `decide` (shared/domain/local-actions.ts)
// INSIDE the store transaction that writes it, with budget figures read in that same transaction:
// transactions run one at a time, so two registrations against one budget can never both see the
// same available amount. Each step appends a history entry (who, when, what, note, amount) and
// writes audited field changes; the verification tasks of the client's planned visits are brought
// in step in the same transaction, so "registered" and "the visits carry the task" are one fact.

type CreateIn = z.output<typeof ActionCreateInput>;
type EditIn = z.output<typeof ActionEditInput>;
type ListIn = z.output<typeof ActionListInput>;
type CancelIn = z.output<typeof ActionCancelInput>;
type CloseIn = z.output<typeof ActionCloseInput>;
type RecommendIn = z.output<typeof ActionRecommendInput>;
type ApproveIn = z.output<typeof ActionApproveInput>;
type SettleIn = z.output<typeof ActionSettleInput>;

export type ActionRec = LocalAction;

// ---- finding and scope ----

function notFound(id: string): AppError {
  return new AppError('not_found', `Action ${id} not found`, {
    key: 'errors.action_not_found',
    details: { id },
  });
}

/** The action, if the caller may read it: a rep their own, a manager the team's, the admin all. */
export function visibleAction(ctx: HandlerContext, id: string): ActionRec {
  const a = ctx.store.get<ActionRec>('localActions', id);
  if (!a || a.archived) throw notFound(id);
  const me = ctx.user();
  // A rep sees their own actions only (PRODUCT.md §1), even for a client they share.
  const ok = me.role === 'rep' ? a.repId === me.id : inRepScope(repScope(ctx.store, me), a.repId);
  // Out of scope reads as not found for a rep: another rep's numbers are none of their business.
  if (!ok)
    throw new AppError('forbidden', 'This action is not in your scope', {
      key: 'errors.action_out_of_scope',
      details: { id },
    });
  return a;
}

/** The rep's own action (rep commands). */
function ownAction(ctx: HandlerContext, id: string): ActionRec {
  const a = visibleAction(ctx, id);
  if (a.repId !== ctx.user().id)
    throw new AppError('forbidden', 'Only the action’s rep may do this', {
      key: 'errors.action_not_yours',
      details: { id },
    });
  return a;
}

// ---- references ----

function dictionaryItem(
  store: Store,
  id: string | null,
  kind: DictionaryItem['kind'],
): DictionaryItem | null {
  if (!id) return null;
  const d = store.get<DictionaryItem>('dictionaries', id);
  return d && d.kind === kind ? d : null;
}

/** Mode and products must exist (and be active when newly chosen); the client must be live. */
function checkRefs(store: Store, p: ActionPatch, before: ActionFacts | null): void {
  const issues: Array<{ path: (string | number)[]; key: string; message: string }> = [];
  if (p.modeId !== undefined && p.modeId !== null && p.modeId !== before?.modeId) {
    const d = dictionaryItem(store, p.modeId, 'actionMode');
    if (!d || !d.active)
      issues.push({ path: ['modeId'], key: 'validation.action_mode_invalid', message: 'unknown mode' });
  }
  (p.productIds ?? []).forEach((pid, k) => {
    const pr = store.get<Product>('products', pid);
    if (!pr || pr.archived)
      issues.push({
        path: ['productIds', k],
        key: 'validation.product_unknown',
        message: `unknown product ${pid}`,
      });
  });
  if (issues.length)
    throw new AppError('validation', 'Invalid action', { key: 'errors.action_invalid', issues });
}

// ---- output ----

const lastAt = (a: ActionRec): string => a.history[a.history.length - 1]?.at ?? a.createdAt;

export function toActionRow(store: Store, a: ActionRec, today: string): ActionRow {
  const c = store.get<Client>('clients', a.clientId);
  const rep = store.get<UserRecord>('users', a.repId);
  const h = holdsOf(a);
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    repId: a.repId,
    repName: rep?.displayName ?? '',
    clientId: a.clientId,
    clientName: c?.name ?? '',
    clientCity: c?.address.city ?? '',
    state: a.state,
    stage: stageOf(a, today),
    startDate: a.startDate,
    endDate: a.endDate,
    budgetMonth: a.budgetMonth,
    settlementMethod: a.settlementMethod,
    agreedAmount: a.agreedAmount,
    recommendedAmount: a.recommendedAmount,
    approvedAmount: a.approvedAmount,
    finalAmount: a.finalAmount,
    holds: { reserved: h.reserved, committed: h.committed },
    since: lastAt(a),
  };
}

function verificationsOf(store: Store, a: ActionRec, today: string): Verification[] {
  const out: Verification[] = [];
  for (const t of store.byIndex<TaskRec>('tasks', 'actionId', a.id)) {
    if (t.archived) continue;
    const v = store.get<VisitRec>('visits', t.visitId);
    if (!v || v.archived) continue;
    const items = t.items.length ? t.items : a.conditions;
    out.push({
      visitId: v.id,
      taskId: t.id,
      date: v.date,
      visitStatus: displayStatus(v, today),
      taskStatus: t.status,
      conditions: items.map((item) => {
        const r = t.result.checklist.find((c) => c.item === item);
        return { item, met: r ? r.met : null, note: r?.note ?? '', photoIds: r?.photoIds ?? [] };
      }),
      note: t.result.note,
      photoIds: t.result.photoIds,
    });
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.visitId < y.visitId ? -1 : 1));
}

export function actionDetail(ctx: HandlerContext, id: string): ActionDetail {
  const store = ctx.store;
  const a = visibleAction(ctx, id);
  const me = ctx.user();
  const today = ctx.today();
  const c = store.get<Client>('clients', a.clientId);
  const rep = store.get<UserRecord>('users', a.repId);
  const lang = me.language ?? 'pl';
  const label = (d: DictionaryItem | null) => (d ? (d.labels[lang] ?? d.labels.pl) : null);
  const verifications = verificationsOf(store, a, today);
  const summary = a.conditions.map((item) => {
    let met = 0;
    let notMet = 0;
    for (const v of verifications)
      for (const r of v.conditions)
        if (r.item === item && r.met !== null) {
          if (r.met) met++;
          else notMet++;
        }
    return { item, met, notMet };
  });
  const people: Record<string, string> = {};
  for (const h of a.history) {
    const u = store.get<UserRecord>('users', h.by);
    people[h.by] = u?.displayName ?? h.by;
  }
  const mine = me.role === 'rep' && a.repId === me.id;
  const decider = me.role === 'manager' && inRepScope(repScope(store, me), a.repId);
  const phase = phaseOf(a, today);
  const editable = mine && (a.state === 'draft' || a.state === 'active') ? [...editableFields(a, today)] : [];
  const products = a.productIds
    .map((pid) => store.get<Product>('products', pid))
    .filter((p): p is Product => !!p)
    .map((p) => ({ id: p.id, code: p.code, name: p.name, unitPrice: p.unitValue }));
  // Order lines may name products the action did not promote: the manager picks what HQ ships.
  if (a.order?.kind === 'products')
    for (const l of a.order.lines)
      if (!products.some((p) => p.id === l.productId)) {
        const p = store.get<Product>('products', l.productId);
        if (p) products.push({ id: p.id, code: p.code, name: p.name, unitPrice: p.unitValue });
      }
  return {
    action: a,
    stage: stageOf(a, today),
    client: { id: a.clientId, name: c?.name ?? '', city: c?.address.city ?? '', taxId: c?.taxId ?? null },
    rep: { id: a.repId, name: rep?.displayName ?? '', code: rep?.repCode ?? null },
    modeLabel: label(dictionaryItem(store, a.modeId, 'actionMode')),
    closeReasonLabel: label(dictionaryItem(store, a.closeReasonId, 'failureReason')),
    products,
    verifications,
    summary,
    budget: a.budgetMonth ? figuresOf(store, a.repId, a.budgetMonth) : null,
    people,
    can: {
      edit: editable.length > 0,
      editable,
      register: mine && a.state === 'draft',
      cancel: mine && (a.state === 'draft' || phase === 'planned'),
      close: mine && (phase === 'awaiting_assessment' || a.state === 'returned'),
      recommend: mine && (phase === 'awaiting_assessment' || a.state === 'returned'),
      decide: decider && a.state === 'recommended',
      settle: decider && a.state === 'approved',
      printOrder: a.state === 'approved' || a.state === 'settled',
    },
  };
}

export function getAction(ctx: HandlerContext, id: string): ActionDetail {
  return actionDetail(ctx, id);
}

// ---- the verification tasks ----

/**
 * Inside a transaction: brings the verification tasks of the client's planned visits from today on
 * in step with the client's actions (added where the period now covers the visit, removed where it
 * no longer does and nothing was recorded; recorded results always stay, task-generation.ts).
 * Past days keep what they had: history is not rewritten.
 */
export function syncClientVisits(store: Store, tx: Tx, clientId: string, today: string): number {
  let n = 0;
  for (const v of store.byIndex<VisitRec>('visits', 'clientId', clientId)) {
    if (v.status !== 'planned' || v.archived || v.date < today) continue;
    syncVisitTasks(store, tx, store.get<VisitRec>('visits', v.id)!);
    n++;
  }
  return n;
}

// ---- steps ----

function facts(a: ActionRec): ActionFacts {
  return a;
}

function refuse(
  ctx: HandlerContext,
  e: {
    code: AppError['code'];
    key: string;
    message: string;
    details?: Record<string, unknown>;
    issues?: AppError['issues'];
  },
): never {
  const money = withCurrency(ctx, e);
  throw new AppError(e.code, e.message, { key: e.key, details: money.details, issues: money.issues });
}

/**
 * Runs one command on an action inside a transaction: decide with the figures as they are now,
 * write the fields and the state (audited), append the history entry, re-sync the client's visits
 * when the verification changes. Returns nothing: callers answer with the detail read afterwards.
 */
async function step(
  ctx: HandlerContext,
  id: string,
  cmd: ActionCommand,
  extra: { note?: string; set?: Partial<ActionRec> } = {},
): Promise<void> {
  const today = ctx.today();
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const a = ctx.store.get<ActionRec>('localActions', id);
    if (!a) throw notFound(id);
    const d = decide(facts(a), cmd, { today, figures: (m) => figuresOf(ctx.store, a.repId, m) });
    if (!d.ok) refuse(ctx, d.error);
    const entry: ActionHistoryEntry = {
      at: tx.at,
      by: tx.userId,
      event: COMMAND_EVENTS[cmd.type],
      from: a.state,
      to: d.to,
      note: extra.note ?? '',
      amount: d.amount,
      ...(d.changes.length ? { changes: d.changes } : {}),
    };
    const fields: Record<string, unknown> = { ...d.set, ...extra.set, state: d.to };
    if (cmd.type === 'register') fields.registeredAt = tx.at;
    patchAudited(tx, 'localActions', a.id, fields);
    // The history is the decision record the screens show; its growth is not audited field by field.
    tx.patch('localActions', a.id, { history: [...a.history, entry] });
    if (touchesVerification(a, d.to, d.set)) syncClientVisits(ctx.store, tx, a.clientId, today);
  });
}

/** Whether a step changes which visits want this action's task, or the task's content. */
function touchesVerification(a: ActionRec, to: ActionRec['state'], set: Partial<ActionFacts>): boolean {
  if ((a.state === 'active') !== (to === 'active')) return true;
  if (to !== 'active') return false;
  return ['startDate', 'endDate', 'conditions', 'title', 'description'].some((f) => f in set);
}

function nextNumber(store: Store, rep: UserRecord, today: string): string {
  const code = rep.repCode ?? 'REP';
  const prefix = numberPrefix(today, code);
  let max = 0;
  for (const a of store.byIndex<ActionRec>('localActions', 'repId', rep.id))
    if (a.number.startsWith(prefix)) max = Math.max(max, Number(a.number.slice(prefix.length)) || 0);
  return actionNumber(today, code, max + 1);
}

export async function createAction(ctx: HandlerContext, i: CreateIn): Promise<ActionDetail> {
  const me = ctx.user();
  const client = visibleClient(ctx, i.fields.clientId);
  if (client.archived)
    throw new AppError('not_found', `Client ${client.id} not found`, {
      key: 'errors.client_not_found',
      details: { id: client.id },
    });
  const { clientId: _c, ...patch } = i.fields;
  const fields = { ...patch, conditions: cleanConditions(patch.conditions) };
  checkRefs(ctx.store, fields, null);
  const issues = fieldIssues(fields);
  if (issues.length)
    throw new AppError('validation', 'Invalid action', { key: 'errors.action_invalid', issues });
  const today = ctx.today();
  const rec = await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const a = insertAudited<ActionRec>(tx, 'localActions', {
      number: nextNumber(ctx.store, me, today),
      repId: me.id,
      clientId: client.id,
      state: 'draft',
      ...fields,
      recommendedAmount: null,
      justification: '',
      approvedAmount: null,
      order: null,
      finalAmount: null,
      closeReasonId: null,
      registeredAt: null,
      history: [
        { at: tx.at, by: tx.userId, event: 'create', from: null, to: 'draft', note: '', amount: null },
      ],
    });
    if (!i.register) return a;
    // Registering at once is one transaction with the draft: refused, nothing is left behind.
    const d = decide(
      facts(a),
      { type: 'register' },
      { today, figures: (m) => figuresOf(ctx.store, me.id, m) },
    );
    if (!d.ok) refuse(ctx, d.error);
    patchAudited(tx, 'localActions', a.id, { ...d.set, state: d.to, registeredAt: tx.at });
    tx.patch('localActions', a.id, {
      history: [
        ...a.history,
        { at: tx.at, by: tx.userId, event: 'register', from: 'draft', to: d.to, note: '', amount: d.amount },
      ],
    });
    syncClientVisits(ctx.store, tx, client.id, today);
    return a;
  });
  return actionDetail(ctx, rec.id);
}

export async function editAction(ctx: HandlerContext, i: EditIn): Promise<ActionDetail> {
  const a = ownAction(ctx, i.id);
  const patch = Object.fromEntries(Object.entries(i.patch).filter(([, v]) => v !== undefined)) as ActionPatch;
  checkRefs(ctx.store, patch, a);
  await step(ctx, a.id, { type: 'edit', patch }, { note: i.note });
  return actionDetail(ctx, a.id);
}

export async function registerAction(ctx: HandlerContext, id: string): Promise<ActionDetail> {
  const a = ownAction(ctx, id);
  // The mode may have been deactivated since the draft was saved.
  checkRefs(ctx.store, { modeId: a.modeId, productIds: a.productIds }, null);
  await step(ctx, a.id, { type: 'register' });
  return actionDetail(ctx, a.id);
}

export async function cancelAction(ctx: HandlerContext, i: CancelIn): Promise<ActionDetail> {
  const a = ownAction(ctx, i.id);
  await step(ctx, a.id, { type: 'cancel' }, { note: i.note });
  return actionDetail(ctx, a.id);
}

export async function closeAction(ctx: HandlerContext, i: CloseIn): Promise<ActionDetail> {
  const a = ownAction(ctx, i.id);
  const reason = dictionaryItem(ctx.store, i.reasonId, 'failureReason');
  if (!reason || !reason.active)
    throw new AppError('validation', 'Unknown reason', {
      key: 'errors.action_invalid',
      issues: [{ path: ['reasonId'], key: 'validation.action_reason_invalid', message: 'unknown reason' }],
    });
  await step(
    ctx,
    a.id,
    { type: 'close', reasonId: i.reasonId },
    { note: i.note, set: { closeReasonId: i.reasonId } },
  );
  return actionDetail(ctx, a.id);
}

export async function recommendAction(ctx: HandlerContext, i: RecommendIn): Promise<ActionDetail> {
  const a = ownAction(ctx, i.id);
  await step(
    ctx,
    a.id,
    { type: 'recommend', amount: i.amount, justification: i.justification },
    { note: i.justification, set: { justification: i.justification } },
  );
  return actionDetail(ctx, a.id);
}

/** The manager's commands: the action must be in the manager's team. */
function teamAction(ctx: HandlerContext, id: string): ActionRec {
  const a = visibleAction(ctx, id);
  if (!inRepScope(repScope(ctx.store, ctx.user()), a.repId))
    throw new AppError('forbidden', 'This action is not in your team', {
      key: 'errors.action_out_of_scope',
      details: { id },
    });
  return a;
}

export async function returnAction(ctx: HandlerContext, id: string, note: string): Promise<ActionDetail> {
  const a = teamAction(ctx, id);
  await step(ctx, a.id, { type: 'return', note }, { note });
  return actionDetail(ctx, a.id);
}

export async function rejectAction(ctx: HandlerContext, id: string, note: string): Promise<ActionDetail> {
  const a = teamAction(ctx, id);
  await step(ctx, a.id, { type: 'reject', note }, { note });
  return actionDetail(ctx, a.id);
}

export async function approveAction(ctx: HandlerContext, i: ApproveIn): Promise<ActionDetail> {
  const a = teamAction(ctx, i.id);
  if (i.order.kind === 'products') {
    const issues = i.order.lines.flatMap((l, k) => {
      const p = ctx.store.get<Product>('products', l.productId);
      return p && !p.archived
        ? []
        : [
            {
              path: ['order', 'lines', k, 'productId'],
              key: 'validation.product_unknown',
              message: `unknown product ${l.productId}`,
            },
          ];
    });
    if (issues.length)
      throw new AppError('validation', 'Invalid order', { key: 'errors.action_approval_invalid', issues });
  }
  await step(
    ctx,
    a.id,
    { type: 'approve', amount: i.amount, order: i.order },
    { note: i.note, set: { order: i.order } },
  );
  return actionDetail(ctx, a.id);
}

export async function settleAction(ctx: HandlerContext, i: SettleIn): Promise<ActionDetail> {
  const a = teamAction(ctx, i.id);
  const note = [i.reference, i.note].filter((x) => x.trim() !== '').join(' — ');
  await step(ctx, a.id, { type: 'settle', finalAmount: i.finalAmount }, { note });
  return actionDetail(ctx, a.id);
}

// ---- lists ----

const OPEN_STAGES: readonly ActionStage[] = [
  'draft',
  'planned',
  'running',
  'awaiting_assessment',
  'recommended',
  'returned',
  'approved',
];

/** The actions the caller may read, by the cheapest index that narrows them. */
function scopedActions(ctx: HandlerContext, repId?: string, clientId?: string): ActionRec[] {
  const store = ctx.store;
  const me = ctx.user();
  const scope = me.role === 'rep' ? new Set([me.id]) : repScope(store, me);
  if (repId && !inRepScope(scope, repId))
    throw new AppError('forbidden', 'This rep is not in your scope', {
      key: 'errors.rep_out_of_scope',
      details: { repId },
    });
  let pool: ActionRec[];
  if (clientId) pool = store.byIndex<ActionRec>('localActions', 'clientId', clientId);
  else if (repId) pool = store.byIndex<ActionRec>('localActions', 'repId', repId);
  else if (scope) pool = [...scope].flatMap((r) => store.byIndex<ActionRec>('localActions', 'repId', r));
  else pool = [...store.all<ActionRec>('localActions')];
  return pool.filter((a) => !a.archived && inRepScope(scope, a.repId) && (!repId || a.repId === repId));
}

export function listActions(ctx: HandlerContext, i: ListIn): ActionRow[] {
  const today = ctx.today();
  const stages = new Set<ActionStage>(i.stages ?? ACTION_STAGES_ALL);
  const text = i.text?.toLocaleLowerCase('pl');
  const rows: ActionRow[] = [];
  for (const a of scopedActions(ctx, i.repId, i.clientId)) {
    if (i.clientId && a.clientId !== i.clientId) continue;
    if (i.budgetMonth && a.budgetMonth !== i.budgetMonth) continue;
    if (i.figure && !FIGURE_STATES[i.figure].includes(a.state)) continue;
    const row = toActionRow(ctx.store, a, today);
    if (!stages.has(row.stage)) continue;
    if (
      text &&
      !`${row.number} ${row.title} ${row.clientName} ${row.clientCity}`.toLocaleLowerCase('pl').includes(text)
    )
      continue;
    rows.push(row);
  }
  return rows.sort(byStartDesc);
}

/** Without a stage filter: every stage. */
const ACTION_STAGES_ALL: readonly ActionStage[] = [
  ...OPEN_STAGES,
  'cancelled',
  'closed_unsettled',
  'rejected',
  'settled',
];

/** The manager's desk: recommendations in the team, the longest waiting first. */
export function actionQueue(ctx: HandlerContext): ActionRow[] {
  const today = ctx.today();
  return scopedActions(ctx)
    .filter((a) => a.state === 'recommended')
    .map((a) => toActionRow(ctx.store, a, today))
    .sort((x, y) => (x.since < y.since ? -1 : x.since > y.since ? 1 : x.number < y.number ? -1 : 1));
}

/** The actions a budget figure is made of (PRODUCT.md §3 "Budget arithmetic"). */
const FIGURE_STATES: Record<'reserved' | 'committed' | 'settled', readonly ActionRec['state'][]> = {
  reserved: ['active', 'recommended', 'returned'],
  committed: ['approved', 'settled'],
  settled: ['settled'],
};

// ---- alerts ----

export function actionAlerts(ctx: HandlerContext): ActionAlerts {
  const store = ctx.store;
  const today = ctx.today();
  const endingBy = addDays(today, ALERT_ENDING_DAYS - 1);
  const overdueBefore = addDays(today, -ASSESSMENT_OVERDUE_DAYS);
  const endingSoon: ActionRow[] = [];
  const assessmentOverdue: ActionRow[] = [];
  const awaitingDecision: ActionRow[] = [];
  for (const a of scopedActions(ctx)) {
    const phase = phaseOf(a, today);
    if (phase === 'running' && a.endDate! <= endingBy) endingSoon.push(toActionRow(store, a, today));
    else if (phase === 'awaiting_assessment' && a.endDate! < overdueBefore)
      assessmentOverdue.push(toActionRow(store, a, today));
    else if (a.state === 'recommended') awaitingDecision.push(toActionRow(store, a, today));
  }
  const month = monthOf(today);
  const budgetsNearlyUsed = scopedReps(ctx)
    .flatMap((r) => {
      // This month and any later month that already has a budget set.
      const months = new Set([month]);
      for (const b of store.byIndex<{ id: string; month: string; archived?: boolean }>(
        'budgets',
        'repId',
        r.id,
      ))
        if (!b.archived && b.month > month) months.add(b.month);
      return [...months].sort().map((m) => budgetRow(store, r.id, m));
    })
    .filter((b) => b.isSet && b.used >= BUDGET_ALERT_RATIO);
  const byEnd = (x: ActionRow, y: ActionRow) => ((x.endDate ?? '') < (y.endDate ?? '') ? -1 : 1);
  return {
    today,
    endingSoon: endingSoon.sort(byEnd),
    assessmentOverdue: assessmentOverdue.sort(byEnd),
    awaitingDecision: awaitingDecision.sort((x, y) => (x.since < y.since ? -1 : 1)),
    budgetsNearlyUsed,
  };
}
