import type { z } from 'zod';
import type {
  Budget,
  BudgetFigures,
  BudgetListInput,
  BudgetRow,
  BudgetSetInput,
  LocalAction,
} from '../../../shared/contract/actions.schema';
import { AppError, type FieldIssue } from '../../../shared/contract/errors';
import { budgetFigures, checkBudgetEdit, usedRatio } from '../../../shared/domain/local-actions';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { inRepScope, repScope } from '../auth/scope';
import { currentOffice } from '../office/office.service';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';

// Monthly budgets per rep (PRODUCT.md §3 "Budget arithmetic"). The figures are never stored: they
// are summed from the rep's actions every time they are read (a rep has tens of actions a month),
// so what the screen shows cannot drift from the actions behind it, whatever happened in between —
// a crash, a restore, an import. Budget edits are checked inside the transaction that writes them.

type SetInput = z.output<typeof BudgetSetInput>;
type ListInput = z.output<typeof BudgetListInput>;

export const budgetKey = (repId: string, month: string): string => `${repId}|${month}`;

export function budgetRecord(store: Store, repId: string, month: string): Budget | null {
  return store.byIndex<Budget>('budgets', 'key', budgetKey(repId, month)).find((b) => !b.archived) ?? null;
}

/** The figures of a rep's month, from scratch. */
export function figuresOf(store: Store, repId: string, month: string): BudgetFigures {
  const b = budgetRecord(store, repId, month);
  return budgetFigures(
    repId,
    month,
    b?.amount ?? 0,
    store.byIndex<LocalAction>('localActions', 'repId', repId),
  );
}

export function budgetRow(store: Store, repId: string, month: string): BudgetRow {
  const f = figuresOf(store, repId, month);
  const b = budgetRecord(store, repId, month);
  const u = store.get<UserRecord>('users', repId);
  return {
    ...f,
    repName: u?.displayName ?? '',
    repCode: u?.repCode ?? null,
    isSet: b !== null,
    note: b?.note ?? '',
    used: usedRatio(f),
  };
}

/** The reps whose budgets the caller reads: a rep their own, a manager the team, others everyone. */
export function scopedReps(ctx: HandlerContext, me: UserRecord = ctx.user()): UserRecord[] {
  const scope = repScope(ctx.store, me);
  const reps: UserRecord[] = [];
  for (const u of ctx.store.byIndex<UserRecord>('users', 'role', 'rep'))
    if (!u.archived && inRepScope(scope, u.id)) reps.push(u);
  return reps.sort(
    (a, b) => a.displayName.localeCompare(b.displayName, me.language ?? 'pl') || (a.id < b.id ? -1 : 1),
  );
}

export function requireRepInScope(ctx: HandlerContext, repId: string): UserRecord {
  const rep = ctx.store.get<UserRecord>('users', repId);
  if (!rep || rep.role !== 'rep')
    throw new AppError('not_found', `Rep ${repId} not found`, {
      key: 'errors.rep_not_found',
      details: { repId },
    });
  if (!inRepScope(repScope(ctx.store, ctx.user()), repId))
    throw new AppError('forbidden', 'This rep is not in your scope', {
      key: 'errors.rep_out_of_scope',
      details: { repId },
    });
  return rep;
}

/**
 * The office currency added to a money refusal's details and issue params: the figures are minor
 * units, and the screens can only print "1 500,00 zł" when they know whose units these are.
 */
export function withCurrency<E extends { details?: Record<string, unknown>; issues?: FieldIssue[] }>(
  ctx: HandlerContext,
  e: E,
): { details?: Record<string, unknown>; issues?: FieldIssue[] } {
  const currency = currentOffice(ctx.store)?.currency ?? 'PLN';
  return {
    details: e.details && { ...e.details, currency },
    issues: e.issues?.map((i) => (i.params ? { ...i, params: { ...i.params, currency } } : i)),
  };
}

export function listBudgets(ctx: HandlerContext, i: ListInput): BudgetRow[] {
  const reps = i.repId ? [requireRepInScope(ctx, i.repId)] : scopedReps(ctx);
  return reps.map((r) => budgetRow(ctx.store, r.id, i.month));
}

export async function setBudget(ctx: HandlerContext, i: SetInput): Promise<BudgetRow> {
  requireRepInScope(ctx, i.repId);
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    // Read and checked inside the transaction: a registration cannot slip in between.
    const refused = checkBudgetEdit(figuresOf(ctx.store, i.repId, i.month), i.amount);
    if (refused)
      throw new AppError(refused.code, refused.message, {
        key: refused.key,
        details: withCurrency(ctx, refused).details,
      });
    const b = budgetRecord(ctx.store, i.repId, i.month);
    if (b) patchAudited(tx, 'budgets', b.id, { amount: i.amount, note: i.note });
    else
      insertAudited(tx, 'budgets', {
        key: budgetKey(i.repId, i.month),
        repId: i.repId,
        month: i.month,
        amount: i.amount,
        note: i.note,
      });
  });
  return budgetRow(ctx.store, i.repId, i.month);
}
