import type { z } from 'zod';
import type {
  Deal,
  PlanActuals,
  PlanCounters,
  PlanListInput,
  PlanRow,
  PlanSetInput,
  PlanTargets,
  SalesPlan,
} from '../../../shared/contract/plans.schema';
import { AppError } from '../../../shared/contract/errors';
import { monthOf } from '../../../shared/domain/dates';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { requireRepInScope, scopedReps } from '../actions/budgets.service';
import { localToUtc } from '../calls/calls.service';
import type { CallRec } from '../calls/calls.service';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';
import type { VisitRec } from '../visits/task-sync.service';

// Sales plans (PRODUCT.md §2 "Sales plan", §6 live counters; issue 8). A plan holds a rep's
// monthly targets; what the month holds so far is counted from the records themselves — the rep's
// calls and visits done, their deals — every time it is read, so a counter can never disagree with
// the calls, visits and deals behind it, whatever happened in between (an edit, an import, a
// restore). The only thing kept is an in-memory memo of those counts per rep, valid while that
// rep's calls, visits and deals are unchanged (the collections' per-rep versions), so a manager's
// home screen summing the whole office recounts only the rep whose record changed.

type SetInput = z.output<typeof PlanSetInput>;
type ListInput = z.output<typeof PlanListInput>;

export const planKey = (repId: string, month: string): string => `${repId}|${month}`;

export const NO_TARGETS: PlanTargets = { contacts: 0, meetings: 0, deals: 0 };

export function planRecord(store: Store, repId: string, month: string): SalesPlan | null {
  return (
    store.byIndex<SalesPlan>('salesPlans', 'key', planKey(repId, month)).find((p) => !p.archived) ?? null
  );
}

/** '2026-12' → '2027-01'. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The instants [from, to) of an office-local month, in epoch ms. Calls carry an instant (UTC), not
 * a date: a call at 23:30 UTC on 30 November is on 1 December in Warsaw, and counts there.
 */
export function monthInstants(month: string, timeZone: string): { from: number; to: number } {
  return {
    from: Date.parse(localToUtc(`${month}-01`, '00:00:00', timeZone)),
    to: Date.parse(localToUtc(`${nextMonth(month)}-01`, '00:00:00', timeZone)),
  };
}

/** The month's actuals of one rep, from the records (store indexes: the rep's own records only). */
export function countActuals(store: Store, repId: string, month: string, timeZone: string): PlanActuals {
  const a: PlanActuals = { contacts: 0, meetings: 0, deals: 0, dealsLost: 0, wonValue: 0 };
  const { from, to } = monthInstants(month, timeZone);
  for (const c of store.byIndexShared<CallRec>('calls', 'userId', repId)) {
    if (c.archived) continue;
    const at = Date.parse(c.startedAt);
    if (at >= from && at < to) a.contacts++;
  }
  for (const v of store.byIndexShared<VisitRec>('visits', 'repId', repId)) {
    if (v.archived || v.status !== 'done' || monthOf(v.date) !== month) continue;
    a.meetings++;
    a.contacts++;
  }
  for (const d of store.byIndexShared<Deal>('deals', 'repId', repId)) {
    if (d.archived || monthOf(d.closedAt) !== month) continue;
    if (d.outcome === 'won') {
      a.deals++;
      a.wonValue += d.value;
    } else a.dealsLost++;
  }
  return a;
}

const memos = new WeakMap<Store, Map<string, { stamp: string; actuals: PlanActuals }>>();
const MEMO_MAX = 10_000;
const collectionIds = new WeakMap<object, number>();
let nextCollectionId = 1;

/**
 * What a rep's counts depend on: their own calls, visits and deals (the collections' per-rep
 * versions, bumped by any change to one of that rep's records — a record moved to another rep
 * bumps both), which collection objects these are (a restore replaces them), and the time zone.
 * Kept per rep, so a call logged by one rep recounts that rep alone, not the whole office.
 */
function repStamp(store: Store, repId: string, timeZone: string): string {
  const part = (name: string, field: string) => {
    const c = store.collection(name);
    let id = collectionIds.get(c);
    if (id === undefined) collectionIds.set(c, (id = nextCollectionId++));
    return `${id}:${c.keyVersion(field, repId)}`;
  };
  return `${part('calls', 'userId')}|${part('visits', 'repId')}|${part('deals', 'repId')}|${timeZone}`;
}

/** countActuals, memoised per rep and month while that rep's calls, visits and deals are unchanged. */
export function actualsOf(store: Store, repId: string, month: string, timeZone: string): PlanActuals {
  let memo = memos.get(store);
  if (!memo || memo.size > MEMO_MAX) {
    memo = new Map();
    memos.set(store, memo);
  }
  const key = planKey(repId, month);
  const stamp = repStamp(store, repId, timeZone);
  let m = memo.get(key);
  if (!m || m.stamp !== stamp) {
    m = { stamp, actuals: countActuals(store, repId, month, timeZone) };
    memo.set(key, m);
  }
  // A copy: callers sum into what they get.
  return { ...m.actuals };
}

export function planRow(ctx: HandlerContext, rep: UserRecord, month: string): PlanRow {
  const p = planRecord(ctx.store, rep.id, month);
  return {
    repId: rep.id,
    repName: rep.displayName,
    repCode: rep.repCode ?? null,
    month,
    isSet: p !== null,
    targets: p ? { ...p.targets } : { ...NO_TARGETS },
    actuals: actualsOf(ctx.store, rep.id, month, ctx.timeZone()),
    note: p?.note ?? '',
  };
}

export function listPlans(ctx: HandlerContext, i: ListInput): PlanRow[] {
  const reps = i.repId ? [requireRepInScope(ctx, i.repId)] : scopedReps(ctx);
  return reps.map((r) => planRow(ctx, r, i.month));
}

export async function setPlan(ctx: HandlerContext, i: SetInput): Promise<PlanRow> {
  const rep = requireRepInScope(ctx, i.repId);
  // Last month's plan is history: the reports judge the month against the targets it had.
  const current = monthOf(ctx.today());
  if (i.month < current)
    throw new AppError('validation', `The plan of ${i.month} is closed`, {
      key: 'errors.plan_month_past',
      details: { month: i.month },
      issues: [
        {
          path: ['month'],
          key: 'validation.plan_month_past',
          message: 'the month is over',
          params: { month: i.month },
        },
      ],
    });
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const p = planRecord(ctx.store, i.repId, i.month);
    if (p) patchAudited(tx, 'salesPlans', p.id, { targets: i.targets, note: i.note });
    else
      insertAudited(tx, 'salesPlans', {
        key: planKey(i.repId, i.month),
        repId: i.repId,
        month: i.month,
        targets: i.targets,
        note: i.note,
      });
  });
  return planRow(ctx, rep, i.month);
}

/**
 * The home screen's "5 of 10 deals won": a rep's own month; a manager's team summed (targets of
 * the reps who have a plan, actuals of all of them: a rep without a plan still works).
 */
export function planCounters(ctx: HandlerContext): PlanCounters {
  const me = ctx.user();
  const month = monthOf(ctx.today());
  const reps = me.role === 'rep' ? [me] : scopedReps(ctx, me);
  const out: PlanCounters = {
    month,
    reps: reps.length,
    isSet: false,
    targets: { ...NO_TARGETS },
    actuals: { contacts: 0, meetings: 0, deals: 0, dealsLost: 0, wonValue: 0 },
  };
  const tz = ctx.timeZone();
  for (const r of reps) {
    const p = planRecord(ctx.store, r.id, month);
    if (p) {
      out.isSet = true;
      out.targets.contacts += p.targets.contacts;
      out.targets.meetings += p.targets.meetings;
      out.targets.deals += p.targets.deals;
    }
    const a = actualsOf(ctx.store, r.id, month, tz);
    out.actuals.contacts += a.contacts;
    out.actuals.meetings += a.meetings;
    out.actuals.deals += a.deals;
    out.actuals.dealsLost += a.dealsLost;
    out.actuals.wonValue += a.wonValue;
  }
  return out;
}
