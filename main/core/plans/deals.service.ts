import type { z } from 'zod';
import type { Client } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { FieldIssue } from '../../../shared/contract/errors';
import type {
  Deal,
  DealCreateInput,
  DealEditInput,
  DealListInput,
  DealRow,
} from '../../../shared/contract/plans.schema';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { requireRepInScope, scopedReps } from '../actions/budgets.service';
import { inRepScope, repScope } from '../auth/scope';
import { visibleClient } from '../clients/clients.service';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';

// Deals (PRODUCT.md §2 "Deal"; issue 8): what a rep won or lost with a client, on a day, for a net
// value. The rep records their own, for clients assigned to them; the manager reads the team's and
// the admin the office's. Deals are never deleted: archiving hides one from every list and count
// (and the audit keeps who did it), so a mistaken deal leaves a trace.

type CreateIn = z.output<typeof DealCreateInput>;
type EditIn = z.output<typeof DealEditInput>;
type ListIn = z.output<typeof DealListInput>;

function notFound(id: string): AppError {
  return new AppError('not_found', `Deal ${id} not found`, { key: 'errors.deal_not_found', details: { id } });
}

/** The deal, if the caller may read it: a rep their own, a manager the team's, the admin all. */
export function visibleDeal(ctx: HandlerContext, id: string): Deal {
  const d = ctx.store.get<Deal>('deals', id);
  if (!d || d.archived) throw notFound(id);
  const me = ctx.user();
  const ok = me.role === 'rep' ? d.repId === me.id : inRepScope(repScope(ctx.store, me), d.repId);
  if (!ok)
    throw new AppError('forbidden', 'This deal is not in your scope', {
      key: 'errors.deal_out_of_scope',
      details: { id },
    });
  return d;
}

/** The rep's own deal (the rep's commands): only who recorded it changes it. */
function ownDeal(ctx: HandlerContext, id: string): Deal {
  const d = ctx.store.get<Deal>('deals', id);
  if (!d || d.archived) throw notFound(id);
  if (d.repId !== ctx.user().id)
    throw new AppError('forbidden', 'Only the deal’s rep may change it', {
      key: 'errors.deal_not_yours',
      details: { id },
    });
  return d;
}

/** A deal is recorded once it is closed: a closing day after today is a typo, not a forecast. */
function checkClosedAt(ctx: HandlerContext, closedAt: string | undefined): void {
  if (closedAt === undefined || closedAt <= ctx.today()) return;
  const issues: FieldIssue[] = [
    { path: ['closedAt'], key: 'validation.date_future', message: 'the closing day is in the future' },
  ];
  throw new AppError('validation', 'Invalid deal', { key: 'errors.deal_invalid', issues });
}

export function toDealRow(store: Store, d: Deal): DealRow {
  return {
    id: d.id,
    createdAt: d.createdAt,
    createdBy: d.createdBy,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    ...(d.archived !== undefined ? { archived: d.archived } : {}),
    clientId: d.clientId,
    repId: d.repId,
    title: d.title,
    closedAt: d.closedAt,
    value: d.value,
    outcome: d.outcome,
    note: d.note,
    clientName: store.get<Client>('clients', d.clientId)?.name ?? '',
    repName: store.get<UserRecord>('users', d.repId)?.displayName ?? '',
  };
}

/** Newest closing day first; the same day: the last recorded first. */
const newestFirst = (a: Deal, b: Deal): number =>
  a.closedAt !== b.closedAt
    ? a.closedAt < b.closedAt
      ? 1
      : -1
    : a.createdAt !== b.createdAt
      ? a.createdAt < b.createdAt
        ? 1
        : -1
      : a.id < b.id
        ? 1
        : -1;

export function listDeals(ctx: HandlerContext, i: ListIn): DealRow[] {
  const store = ctx.store;
  const me = ctx.user();
  const scope = me.role === 'rep' ? new Set([me.id]) : repScope(store, me);
  if (i.repId) requireRepInScope(ctx, i.repId);
  // Read through the narrowest index the filters allow: one client's deals, one rep's, the scope's.
  let source: Iterable<Deal>;
  if (i.clientId) source = store.byIndex<Deal>('deals', 'clientId', i.clientId);
  else if (i.repId) source = store.byIndex<Deal>('deals', 'repId', i.repId);
  else if (scope === null) source = store.all<Deal>('deals');
  else {
    const ids = me.role === 'rep' ? [me.id] : scopedReps(ctx, me).map((r) => r.id);
    source = ids.flatMap((id) => store.byIndex<Deal>('deals', 'repId', id));
  }
  const hits: Deal[] = [];
  for (const d of source) {
    if (d.archived || !inRepScope(scope, d.repId)) continue;
    if (i.repId && d.repId !== i.repId) continue;
    if (i.clientId && d.clientId !== i.clientId) continue;
    if (i.outcome && d.outcome !== i.outcome) continue;
    if (i.from && d.closedAt < i.from) continue;
    if (i.to && d.closedAt > i.to) continue;
    hits.push(d);
  }
  return hits
    .sort(newestFirst)
    .slice(0, i.limit)
    .map((d) => toDealRow(store, d));
}

export function getDeal(ctx: HandlerContext, id: string): DealRow {
  return toDealRow(ctx.store, visibleDeal(ctx, id));
}

export async function createDeal(ctx: HandlerContext, i: CreateIn): Promise<DealRow> {
  const me = ctx.user();
  // A rep's own clients only (visibleClient refuses another rep's); a merged-away client is gone.
  const client = visibleClient(ctx, i.clientId);
  if (client.archived || client.repId !== me.id)
    throw new AppError(client.archived ? 'not_found' : 'forbidden', `Client ${client.id} is not yours`, {
      key: client.archived ? 'errors.client_not_found' : 'errors.client_out_of_scope',
      details: { id: client.id },
    });
  checkClosedAt(ctx, i.closedAt);
  const d = await ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    insertAudited<Deal>(tx, 'deals', {
      clientId: client.id,
      repId: me.id,
      title: i.title,
      closedAt: i.closedAt,
      value: i.value,
      outcome: i.outcome,
      note: i.note,
    }),
  );
  return toDealRow(ctx.store, d);
}

export async function editDeal(ctx: HandlerContext, i: EditIn): Promise<DealRow> {
  const d = ownDeal(ctx, i.id);
  checkClosedAt(ctx, i.patch.closedAt);
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    // Read again inside the transaction: archived meanwhile (another window) is refused.
    const cur = tx.get<Deal>('deals', d.id);
    if (!cur || cur.archived) throw notFound(d.id);
    patchAudited(tx, 'deals', d.id, { ...i.patch });
  });
  return getDeal(ctx, d.id);
}

export async function archiveDeal(ctx: HandlerContext, id: string): Promise<{ id: string }> {
  const d = ownDeal(ctx, id);
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const cur = tx.get<Deal>('deals', d.id);
    if (!cur || cur.archived) throw notFound(d.id);
    patchAudited(tx, 'deals', d.id, { archived: true });
  });
  return { id: d.id };
}
