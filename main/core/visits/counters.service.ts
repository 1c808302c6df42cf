import type { Call } from '../../../shared/contract/calls.schema';
import type { RepCounters } from '../../../shared/contract/visits.schema';
import { addDays, zonedParts } from '../../../shared/domain/dates';
import type { HandlerContext } from '../app/handler-context';
import { repScope } from '../auth/scope';
import type { UserRecord } from '../users/users.service';
import type { TaskRec, VisitRec } from './task-sync.service';
import { syncPlannedTasks } from './task-sync.service';

// The rep's live counters on the home screen (PRODUCT.md §6), for the caller (a rep) or the team
// (a manager; the head of the office: every rep).
//
// "Open tasks on today's and overdue visits" (§6) against "the open tasks of cancelled or missed
// visits drop out of every counter" (§2): every overdue visit is, by §2's definition, missed. Resolved
// as follows, so the counter is both useful and clearable:
// - today's visits: open tasks of today's visits still planned. Cancelled ones drop out (§2); done
//   ones too — their tasks are read-only after completion, so an optional task left open there is
//   no work left to do and would keep the counter up forever;
// - overdue visits: a planned visit whose day passed counts for OVERDUE_GRACE_DAYS days after its
//   date (the rep can still complete it late: that is the "overdue" work of §6); past that window
//   it is treated as missed for the counters and its open tasks drop out (§2).

export const OVERDUE_GRACE_DAYS = 7;

function scopedReps(ctx: HandlerContext, me: UserRecord): Set<string> | null {
  return repScope(ctx.store, me);
}

export async function repCounters(ctx: HandlerContext): Promise<RepCounters> {
  const store = ctx.store;
  const me = ctx.user();
  const today = ctx.today();
  const tz = ctx.timeZone();
  const reps = scopedReps(ctx, me);
  const inScope = (repId: string) => reps === null || reps.has(repId);

  const todays = store
    .byIndex<VisitRec>('visits', 'date', today)
    .filter((v) => !v.archived && inScope(v.repId));
  // Today's planned visits get the tasks a standard edited this morning adds, before counting.
  await syncPlannedTasks(store, todays, today, ctx.actorId());

  const live = todays
    .map((v) => store.get<VisitRec>('visits', v.id)!)
    .filter((v) => v.status !== 'cancelled');
  const done = live.filter((v) => v.status === 'done').length;

  const graceFrom = addDays(today, -OVERDUE_GRACE_DAYS);
  const counted: VisitRec[] = live.filter((v) => v.status === 'planned');
  for (let d = graceFrom; d < today; d = addDays(d, 1))
    for (const v of store.byIndex<VisitRec>('visits', 'date', d))
      if (v.status === 'planned' && !v.archived && inScope(v.repId)) counted.push(v);
  let openTasks = 0;
  for (const v of counted)
    for (const t of store.byIndex<TaskRec>('tasks', 'visitId', v.id))
      if (!t.archived && t.status === 'open') openTasks++;

  // Calls: the caller's own and, for a manager, their reps'. startedAt is a UTC instant; its date
  // in the office's zone decides "today" (a quick string window first, then the exact zone check).
  const users = new Set<string>([me.id]);
  if (reps) for (const r of reps) users.add(r);
  else for (const u of store.byIndex<UserRecord>('users', 'role', 'rep')) users.add(u.id);
  const lo = addDays(today, -1);
  const hi = addDays(today, 2);
  const byStatus = new Map<string | null, number>();
  for (const uid of users)
    for (const c of store.byIndex<Call>('calls', 'userId', uid)) {
      if (c.archived || !c.startedAt || c.startedAt < lo || c.startedAt >= hi) continue;
      if (zonedParts(new Date(c.startedAt), tz).date !== today) continue;
      byStatus.set(c.statusId ?? null, (byStatus.get(c.statusId ?? null) ?? 0) + 1);
    }
  const callsToday = [...byStatus]
    .map(([statusId, count]) => ({ statusId, count }))
    .sort((a, b) => b.count - a.count || String(a.statusId).localeCompare(String(b.statusId)));

  return { today, visitsToday: { done, total: live.length }, openTasks, callsToday };
}
