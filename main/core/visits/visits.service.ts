import type { z } from 'zod';
import type { Client, Contact } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { FieldIssue } from '../../../shared/contract/errors';
import type {
  AgendaInput,
  MinimalItem,
  VisitCancelInput,
  VisitCompleteInput,
  VisitDetail,
  VisitPlanInput,
  VisitRow,
  VisitSeriesInput,
  VisitStatus,
  VisitUpdateInput,
} from '../../../shared/contract/visits.schema';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import { uuidv7 } from '../../../shared/domain/ids';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { inRepScope, repScope } from '../auth/scope';
import { visibleClient } from '../clients/clients.service';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';
import type { VisitRec } from './task-sync.service';
import { needsSync, syncKeyOf, syncPlannedTasks, syncVisitTasks, tasksOf } from './task-sync.service';

// Visits (PRODUCT.md §2 "Meeting / visit", §5). Dates are office-local calendar dates and "today"
// is ctx.today(). "Missed" is never stored: a planned visit whose date is before today reads as
// missed in every output, and stays 'planned' in the store until it is completed or cancelled.

export const MAX_SERIES = 60;
export const MAX_AGENDA_DAYS = 62;

type PlanInput = z.output<typeof VisitPlanInput>;
type SeriesInput = z.output<typeof VisitSeriesInput>;
type UpdateInput = z.output<typeof VisitUpdateInput>;
type CompleteInput = z.output<typeof VisitCompleteInput>;
type CancelInput = z.output<typeof VisitCancelInput>;
type AgendaIn = z.output<typeof AgendaInput>;

export function displayStatus(v: Pick<VisitRec, 'status' | 'date'>, today: string): VisitStatus {
  return v.status === 'planned' && v.date < today ? 'missed' : v.status;
}

// ---- finding and scope ----

export function visibleVisit(ctx: HandlerContext, id: string): VisitRec {
  const v = ctx.store.get<VisitRec>('visits', id);
  if (!v || v.archived)
    throw new AppError('not_found', `Visit ${id} not found`, {
      key: 'errors.visit_not_found',
      details: { id },
    });
  if (!inRepScope(repScope(ctx.store, ctx.user()), v.repId))
    throw new AppError('forbidden', 'This visit is not in your scope', {
      key: 'errors.visit_out_of_scope',
      details: { id },
    });
  return v;
}

function requirePlanned(v: VisitRec): void {
  if (v.status !== 'planned')
    throw new AppError('illegal_transition', `Visit ${v.id} is ${v.status}`, {
      key: 'errors.visit_not_planned',
      details: { id: v.id, status: v.status },
    });
}

// ---- the minimal data set ----

/** The contact must belong to the client and be usable (not archived, not erased); proposed is fine. */
function contactFor(store: Store, clientId: string, contactId: string | null): Contact | null {
  if (!contactId) return null;
  const p = store.get<Contact>('contacts', contactId);
  if (!p || p.clientId !== clientId || p.archived || p.erased)
    throw new AppError('validation', `Contact ${contactId} is not a contact of this client`, {
      key: 'errors.visit_contact_invalid',
      details: { contactId, clientId },
      issues: [
        {
          path: ['contactId'],
          key: 'validation.visit_contact_invalid',
          message: 'Not a contact of this client',
        },
      ],
    });
  return p;
}

/** What a stored visit's contact is now (it may have been erased or archived since). */
function currentContact(store: Store, v: Pick<VisitRec, 'contactId'>): Contact | null {
  if (!v.contactId) return null;
  const p = store.get<Contact>('contacts', v.contactId);
  return p && !p.archived && !p.erased ? p : null;
}

/**
 * PRODUCT.md §2: date, the contact person's surname and first name, a contact detail (phone or
 * e-mail), subject, and the result once done. Every missing item is named, one issue each.
 */
export function checkMinimal(s: {
  date: string | null | undefined;
  contact: Contact | null;
  subject: string | null | undefined;
  result?: string | null;
  needResult?: boolean;
}): void {
  const missing: MinimalItem[] = [];
  if (!s.date) missing.push('date');
  if (!s.contact || !s.contact.firstName?.trim() || !s.contact.surname?.trim()) missing.push('contact_name');
  if (!s.contact || (!s.contact.phones?.length && !s.contact.emails?.length)) missing.push('contact_detail');
  if (!s.subject?.trim()) missing.push('subject');
  if (s.needResult && !s.result?.trim()) missing.push('result');
  if (!missing.length) return;
  const issues: FieldIssue[] = missing.map((item) => ({
    path: [item],
    key: `validation.visit_missing_${item}`,
    message: `Missing: ${item}`,
  }));
  throw new AppError('validation', `The visit lacks: ${missing.join(', ')}`, {
    key: 'errors.visit_minimal',
    details: { missing },
    issues,
  });
}

// ---- output ----

const collators = new Map<string, Intl.Collator>();
function collator(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return c;
}

function contactName(p: Contact | null): string | null {
  return p ? `${p.firstName} ${p.surname}`.trim() : null;
}

export function toRow(store: Store, v: VisitRec, today: string): VisitRow {
  const c = store.get<Client>('clients', v.clientId);
  let open = 0;
  let total = 0;
  let mandatoryOpen = 0;
  for (const t of store.byIndex<{ id: string; status: string; mandatory: boolean; archived?: boolean }>(
    'tasks',
    'visitId',
    v.id,
  )) {
    if (t.archived) continue;
    total++;
    if (t.status === 'open') {
      open++;
      if (t.mandatory) mandatoryOpen++;
    }
  }
  return {
    id: v.id,
    clientId: v.clientId,
    clientName: c?.name ?? '',
    clientCity: c?.address.city ?? '',
    contactName: contactName(currentContact(store, v)),
    repId: v.repId,
    date: v.date,
    time: v.time ?? null,
    durationMin: v.durationMin,
    status: displayStatus(v, today),
    subject: v.subject,
    tasks: { open, total, mandatoryOpen },
  };
}

export function visitDetail(ctx: HandlerContext, id: string): VisitDetail {
  const store = ctx.store;
  const v = visibleVisit(ctx, id);
  const today = ctx.today();
  const tasks = tasksOf(store, v.id);
  const attachments = tasks.flatMap((t) =>
    store
      .byIndex<VisitDetail['attachments'][number]>('attachments', 'ownerId', t.id)
      .filter((a) => !a.archived)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)),
  );
  const c = store.get<Client>('clients', v.clientId);
  const p = currentContact(store, v);
  const { tasksSyncKey: _k, ...visit } = v;
  const writer = ctx.user().role === 'rep' || ctx.user().role === 'manager';
  const edit = writer && v.status === 'planned';
  return {
    visit: { ...visit, status: displayStatus(v, today) },
    tasks,
    attachments,
    client: {
      id: v.clientId,
      name: c?.name ?? '',
      city: c?.address.city ?? '',
      segmentId: c?.segmentId ?? null,
    },
    contact: p
      ? {
          id: p.id,
          firstName: p.firstName,
          surname: p.surname,
          phones: p.phones,
          emails: p.emails,
          status: p.status,
        }
      : null,
    can: { edit, complete: edit && !tasks.some((t) => t.mandatory && t.status === 'open') },
  };
}

export async function getVisit(ctx: HandlerContext, id: string): Promise<VisitDetail> {
  const v = visibleVisit(ctx, id);
  await syncPlannedTasks(ctx.store, [v], ctx.today(), ctx.actorId());
  return visitDetail(ctx, id);
}

// ---- planning ----

/** The client (visible, live) and the rep its visits belong to. */
function clientAndRep(ctx: HandlerContext, clientId: string): { client: Client; repId: string } {
  const client = visibleClient(ctx, clientId);
  if (client.archived)
    throw new AppError('not_found', `Client ${clientId} not found`, {
      key: 'errors.client_not_found',
      details: { id: clientId },
    });
  const me = ctx.user();
  if (me.role === 'rep') return { client, repId: me.id };
  if (!client.repId)
    throw new AppError('validation', 'The client has no rep to plan the visit for', {
      key: 'errors.visit_client_no_rep',
      details: { clientId },
    });
  // visibleClient has checked the manager's team scope against the client's rep.
  return { client, repId: client.repId };
}

export async function planVisit(ctx: HandlerContext, i: PlanInput): Promise<VisitDetail> {
  const { client, repId } = clientAndRep(ctx, i.clientId);
  const contact = contactFor(ctx.store, client.id, i.contactId);
  checkMinimal({ date: i.date, contact, subject: i.subject });
  const rec = await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const v = insertAudited<VisitRec>(tx, 'visits', {
      clientId: client.id,
      contactId: i.contactId,
      repId,
      date: i.date,
      time: i.time,
      durationMin: i.durationMin,
      status: 'planned',
      subject: i.subject,
      result: '',
      notes: i.notes,
      seriesId: null,
      cancelReason: null,
      completedAt: null,
    });
    syncVisitTasks(ctx.store, tx, v);
    return v;
  });
  return visitDetail(ctx, rec.id);
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Every 1/2/4 weeks on the weekday of `from`, or monthly on `from`'s day (clamped to the month's end). */
export function seriesDates(from: string, until: string, every: SeriesInput['every']): string[] {
  const out: string[] = [];
  if (until < from) return out;
  if (every === '1m') {
    const [y, m, d] = from.split('-').map(Number) as [number, number, number];
    for (let k = 0; ; k++) {
      const mm = m - 1 + k;
      const yy = y + Math.floor(mm / 12);
      const mo = (mm % 12) + 1;
      const day = Math.min(d, lastDayOfMonth(yy, mo));
      const date = `${yy}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (date > until) break;
      out.push(date);
      if (out.length > MAX_SERIES) break;
    }
    return out;
  }
  const step = { '1w': 7, '2w': 14, '4w': 28 }[every];
  for (let date = from; date <= until; date = addDays(date, step)) {
    out.push(date);
    if (out.length > MAX_SERIES) break;
  }
  return out;
}

export async function planSeries(ctx: HandlerContext, i: SeriesInput): Promise<{ visits: VisitRow[] }> {
  const { client, repId } = clientAndRep(ctx, i.clientId);
  const contact = contactFor(ctx.store, client.id, i.contactId);
  checkMinimal({ date: i.from, contact, subject: i.subject });
  const dates = seriesDates(i.from, i.until, i.every);
  if (!dates.length)
    throw new AppError('validation', 'The series ends before it starts', {
      key: 'errors.visit_series_range',
      issues: [{ path: ['until'], key: 'validation.period_order', message: 'until < from' }],
    });
  if (dates.length > MAX_SERIES)
    throw new AppError('validation', `A series holds at most ${MAX_SERIES} visits`, {
      key: 'errors.visit_series_too_long',
      details: { max: MAX_SERIES },
    });
  const seriesId = uuidv7();
  const recs = await ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    dates.map((date) => {
      const v = insertAudited<VisitRec>(tx, 'visits', {
        clientId: client.id,
        contactId: i.contactId,
        repId,
        date,
        time: i.time,
        durationMin: i.durationMin,
        status: 'planned',
        subject: i.subject,
        result: '',
        notes: '',
        seriesId,
        cancelReason: null,
        completedAt: null,
      });
      syncVisitTasks(ctx.store, tx, v);
      return v;
    }),
  );
  const today = ctx.today();
  return { visits: recs.map((v) => toRow(ctx.store, ctx.store.get<VisitRec>('visits', v.id)!, today)) };
}

// ---- changes ----

export async function updateVisit(ctx: HandlerContext, i: UpdateInput): Promise<VisitDetail> {
  const v = visibleVisit(ctx, i.id);
  requirePlanned(v);
  const p = i.patch;
  const contactId = p.contactId !== undefined ? p.contactId : v.contactId;
  const contact =
    p.contactId !== undefined ? contactFor(ctx.store, v.clientId, p.contactId) : currentContact(ctx.store, v);
  const next = {
    contactId,
    date: p.date ?? v.date,
    time: p.time !== undefined ? p.time : v.time,
    durationMin: p.durationMin ?? v.durationMin,
    subject: p.subject ?? v.subject,
    notes: p.notes ?? v.notes,
  };
  checkMinimal({ date: next.date, contact, subject: next.subject });
  const today = ctx.today();
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const cur = ctx.store.get<VisitRec>('visits', v.id)!;
    requirePlanned(cur);
    const rec = patchAudited<VisitRec>(tx, 'visits', v.id, next);
    // A reschedule regenerates at once (even onto a past day: it is this visit's own date); any
    // other edit only when the lazy rule would (inputs changed, day not passed).
    const moved = rec.date !== v.date && rec.tasksSyncKey !== syncKeyOf(ctx.store, rec);
    if (moved || needsSync(ctx.store, rec, today)) syncVisitTasks(ctx.store, tx, rec);
  });
  return visitDetail(ctx, v.id);
}

export async function completeVisit(ctx: HandlerContext, i: CompleteInput): Promise<VisitDetail> {
  const v = visibleVisit(ctx, i.id);
  requirePlanned(v);
  // Tasks first: a standard changed this morning must be on today's visit before it can close.
  await syncPlannedTasks(ctx.store, [v], ctx.today(), ctx.actorId());
  checkMinimal({
    date: v.date,
    contact: currentContact(ctx.store, v),
    subject: v.subject,
    result: i.result,
    needResult: true,
  });
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const cur = ctx.store.get<VisitRec>('visits', v.id)!;
    requirePlanned(cur);
    const open = tasksOf(ctx.store, v.id).filter((t) => t.mandatory && t.status === 'open');
    if (open.length)
      throw new AppError('conflict', 'Mandatory tasks are still open', {
        key: 'errors.visit_mandatory_open',
        details: { tasks: open.map((t) => t.title), count: open.length },
        issues: open.map((t) => ({
          path: ['tasks', t.id],
          key: 'validation.task_mandatory_open',
          message: t.title,
          params: { title: t.title },
        })),
      });
    patchAudited(tx, 'visits', v.id, {
      status: 'done',
      result: i.result,
      ...(i.notes !== undefined ? { notes: i.notes } : {}),
      completedAt: tx.at,
    });
  });
  return visitDetail(ctx, v.id);
}

export async function cancelVisit(ctx: HandlerContext, i: CancelInput): Promise<VisitDetail> {
  const v = visibleVisit(ctx, i.id);
  requirePlanned(v);
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    requirePlanned(ctx.store.get<VisitRec>('visits', v.id)!);
    patchAudited(tx, 'visits', v.id, { status: 'cancelled', cancelReason: i.reason });
  });
  return visitDetail(ctx, v.id);
}

// ---- agenda ----

/** The reps whose visits the caller reads: a set, or null for "everyone". */
function agendaReps(ctx: HandlerContext, me: UserRecord, repId: string | undefined): Set<string> | null {
  const scope = repScope(ctx.store, me);
  if (repId) {
    if (!inRepScope(scope, repId))
      throw new AppError('forbidden', 'This rep is not in your scope', {
        key: 'errors.visit_out_of_scope',
        details: { repId },
      });
    return new Set([repId]);
  }
  return scope;
}

export async function agenda(ctx: HandlerContext, i: AgendaIn): Promise<VisitRow[]> {
  const store = ctx.store;
  const days = daysBetween(i.from, i.to);
  if (days < 0 || days + 1 > MAX_AGENDA_DAYS)
    throw new AppError('validation', `An agenda spans 1 to ${MAX_AGENDA_DAYS} days`, {
      key: 'errors.agenda_range',
      details: { max: MAX_AGENDA_DAYS },
    });
  const me = ctx.user();
  const reps = agendaReps(ctx, me, i.repId);
  let visits: VisitRec[] = [];
  if (reps) {
    // A rep's visits over all time are a few thousand at most: the index, then the dates.
    for (const r of reps)
      for (const v of store.byIndex<VisitRec>('visits', 'repId', r))
        if (v.date >= i.from && v.date <= i.to && !v.archived) visits.push(v);
  } else {
    for (let d = i.from; d <= i.to; d = addDays(d, 1))
      for (const v of store.byIndex<VisitRec>('visits', 'date', d)) if (!v.archived) visits.push(v);
  }
  const today = ctx.today();
  if (await syncPlannedTasks(store, visits, today, ctx.actorId()))
    visits = visits.map((v) => store.get<VisitRec>('visits', v.id)!);
  const rows = visits.map((v) => toRow(store, v, today));
  const coll = collator(me.language ?? 'pl');
  return rows.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      // A visit without a time comes after the timed ones of its day.
      (a.time ?? '99:99').localeCompare(b.time ?? '99:99') ||
      coll.compare(a.clientName, b.clientName) ||
      (a.id < b.id ? -1 : 1),
  );
}
