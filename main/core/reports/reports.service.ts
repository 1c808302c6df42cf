import type { LocalAction } from '../../../shared/contract/actions.schema';
import type { Client, Contact } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type { OrderLine } from '../../../shared/contract/orders.schema';
import type { Deal } from '../../../shared/contract/plans.schema';
import type {
  DrillEntity,
  DrillRecord,
  ReportDrillInput,
  ReportDrillResult,
  ReportFilters,
  ReportKind,
  ReportResult,
  ReportRunInput,
  ReportScope,
} from '../../../shared/contract/reports.schema';
import { REPORT_KINDS } from '../../../shared/contract/reports.schema';
import type { Team } from '../../../shared/contract/users.schema';
import { zonedParts } from '../../../shared/domain/dates';
import { stageOf } from '../../../shared/domain/local-actions';
import { requireRepInScope, scopedReps } from '../actions/budgets.service';
import type { HandlerContext } from '../app/handler-context';
import { runSliced } from '../app/sliced';
import { repScope } from '../auth/scope';
import type { CallRec } from '../calls/calls.service';
import { currentOffice } from '../office/office.service';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';
import type { VisitRec } from '../visits/task-sync.service';
import { actionsReport } from './actions.report';
import { budgetUseReport } from './budget-use.report';
import { dataQualityReport } from './data-quality.report';
import { effectivenessReport } from './effectiveness.report';
import { planProgressReport } from './plan-progress.report';
import type { Computed, ReportDef, ReportScopeResolved } from './report-kit';
import { monthsBetween } from './report-kit';
import { workloadReport } from './workload.report';

// Running the reports (issue 8 must-haves 3 and 5). A report is computed in slices (runSliced: the
// core answers other windows meanwhile, and `job:progress` drives the screen's progress bar), then
// kept in memory with the versions of every collection it read. The next identical request —
// another window, the same manager a minute later, a drill-down into it — gets it from the cache
// until one of those collections changes; then it is computed again. Nothing is stored: a restart
// or a restore starts from the records. Two windows asking for the same report while it computes
// share the one computation.

export const REPORTS: Record<ReportKind, ReportDef> = {
  budgetUse: budgetUseReport,
  actions: actionsReport,
  effectiveness: effectivenessReport,
  workload: workloadReport,
  dataQuality: dataQualityReport,
  planProgress: planProgressReport,
};

/** Every report reads the users (names), the teams (scope) and the office (currency, time zone). */
const ALWAYS_READ = ['users', 'teams', 'offices'];
const CACHE_MAX = 40;

interface Entry {
  stamp: string;
  computed: Computed;
  computedAt: string;
}
interface Cache {
  entries: Map<string, Entry>;
  running: Map<string, Promise<Entry>>;
}
const caches = new WeakMap<Store, Cache>();
const collectionIds = new WeakMap<object, number>();
let nextCollectionId = 1;

function cacheOf(store: Store): Cache {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = { entries: new Map(), running: new Map() }));
  return c;
}

/**
 * The state of the collections a report read: a restore replaces a collection object (a new id
 * here), any write bumps its version. Equal stamps → the records are the same → the same figures.
 */
function stampOf(store: Store, names: readonly string[]): string {
  return names
    .map((n) => {
      const c = store.collection(n);
      let id = collectionIds.get(c);
      if (id === undefined) collectionIds.set(c, (id = nextCollectionId++));
      return `${id}:${c.version}`;
    })
    .join(',');
}

/** Drops every kept report of the store: the benchmarks' "first computation". */
export function forgetReports(store: Store): void {
  caches.delete(store);
}

// ---- scope ----

function teamsInScope(ctx: HandlerContext, me: UserRecord): Team[] {
  const all = [...ctx.store.all<Team>('teams')].filter((t) => t.active !== false);
  if (repScope(ctx.store, me) === null) return all;
  if (me.role === 'rep') return all.filter((t) => t.id === me.teamId);
  return all.filter((t) => t.managerId === me.id);
}

export function kindsFor(me: UserRecord): ReportKind[] {
  // The operator keeps the client data: the gaps in it are theirs, the sales figures are not.
  return me.role === 'operator' ? ['dataQuality'] : [...REPORT_KINDS];
}

export function reportScope(ctx: HandlerContext): ReportScope {
  const me = ctx.user();
  const lang = me.language ?? 'pl';
  return {
    teams: teamsInScope(ctx, me)
      .map((t) => ({ id: t.id, name: t.name }))
      .sort((a, b) => a.name.localeCompare(b.name, lang)),
    reps: scopedReps(ctx, me).map((r) => ({ id: r.id, name: r.displayName, teamId: r.teamId ?? null })),
    kinds: kindsFor(me),
  };
}

export function resolveScope(ctx: HandlerContext, kind: ReportKind, f: ReportFilters): ReportScopeResolved {
  const me = ctx.user();
  if (!kindsFor(me).includes(kind))
    throw new AppError('forbidden', `The ${kind} report is not open to this role`, {
      key: 'errors.report_not_allowed',
      details: { kind },
    });
  let reps = scopedReps(ctx, me);
  if (f.teamId) {
    const team = ctx.store.get<Team>('teams', f.teamId);
    if (!team)
      throw new AppError('not_found', `Team ${f.teamId} not found`, {
        key: 'errors.team_not_found',
        details: { teamId: f.teamId },
      });
    if (!teamsInScope(ctx, me).some((t) => t.id === team.id))
      throw new AppError('forbidden', 'This team is not in your scope', {
        key: 'errors.team_out_of_scope',
        details: { teamId: f.teamId },
      });
    reps = reps.filter((r) => r.teamId === team.id);
  }
  if (f.repId) {
    requireRepInScope(ctx, f.repId);
    reps = reps.filter((r) => r.id === f.repId);
  }
  const office = currentOffice(ctx.store);
  return {
    reps,
    // Clients nobody owns belong to the office as a whole: only an office-wide view shows them.
    unowned: kind === 'dataQuality' && !f.teamId && !f.repId && repScope(ctx.store, me) === null,
    from: f.from,
    to: f.to,
    months: monthsBetween(f.from, f.to),
    today: ctx.today(),
    timeZone: ctx.timeZone(),
    currency: office?.currency ?? 'PLN',
  };
}

// ---- computing, with the cache ----

function keyOf(kind: ReportKind, s: ReportScopeResolved): string {
  return [
    kind,
    s.reps.map((r) => r.id).join(','),
    s.unowned,
    s.from,
    s.to,
    s.today,
    s.timeZone,
    s.currency,
  ].join('|');
}

async function computeEntry(
  ctx: HandlerContext,
  kind: ReportKind,
  scope: ReportScopeResolved,
  jobId: string | undefined,
): Promise<{ entry: Entry; cached: boolean }> {
  const def = REPORTS[kind];
  const store = ctx.store;
  const cache = cacheOf(store);
  const reads = [...def.reads, ...ALWAYS_READ];
  const key = keyOf(kind, scope);
  const stamp = stampOf(store, reads);
  const hit = cache.entries.get(key);
  if (hit && hit.stamp === stamp) {
    // Most recently used last: the oldest is the first to go.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return { entry: hit, cached: true };
  }
  let last = -1;
  const progress = (done: number, total: number) => {
    if (!jobId) return;
    // At most one event per percent: an L-sized report makes thousands of steps.
    const p = Math.floor((done * 100) / Math.max(1, total));
    if (p === last) return;
    last = p;
    ctx.emit('job:progress', { jobId, done: Math.round(done), total: Math.round(total) });
  };
  const runKey = `${key}#${stamp}`;
  let run = cache.running.get(runKey);
  if (!run) {
    const env = { store, scope, progress };
    run = (async () => {
      const prepared = def.prepare ? await def.prepare(env) : undefined;
      const computed = await runSliced(def.compute(env, prepared));
      const entry: Entry = { stamp, computed, computedAt: new Date(ctx.clock.now()).toISOString() };
      // Kept only if nothing changed while it computed (the slices let writes in): else the next
      // request computes afresh rather than serve figures of a state that is gone.
      if (stampOf(store, reads) === stamp) {
        cache.entries.delete(key);
        cache.entries.set(key, entry);
        while (cache.entries.size > CACHE_MAX) cache.entries.delete(cache.entries.keys().next().value!);
      }
      return entry;
    })().finally(() => cache.running.delete(runKey));
    cache.running.set(runKey, run);
  }
  const entry = await run;
  if (jobId) ctx.emit('job:progress', { jobId, done: 1, total: 1 });
  return { entry, cached: false };
}

export async function runReport(ctx: HandlerContext, i: ReportRunInput): Promise<ReportResult> {
  const scope = resolveScope(ctx, i.kind, i.filters);
  const { entry, cached } = await computeEntry(ctx, i.kind, scope, i.jobId);
  const c = entry.computed;
  return {
    kind: i.kind,
    filters: i.filters,
    currency: scope.currency,
    columns: c.columns,
    rows: c.rows,
    totals: c.totals,
    computedAt: entry.computedAt,
    cached,
    notes: c.notes,
  };
}

// ---- drill-down ----

const COLLECTION_OF: Record<DrillEntity, string> = {
  action: 'localActions',
  visit: 'visits',
  call: 'calls',
  client: 'clients',
  contact: 'contacts',
  deal: 'deals',
  orderLine: 'orderLines',
};
const ENTITIES = Object.keys(COLLECTION_OF) as DrillEntity[];

type Loose = Record<string, unknown> & { id: string };

function clientName(store: Store, id: unknown): string {
  return typeof id === 'string' ? (store.get<Client>('clients', id)?.name ?? '') : '';
}

function drillRecord(
  ctx: HandlerContext,
  entity: DrillEntity,
  r: Loose,
  amount: number | null,
  statuses: Map<string, DictionaryItem>,
): DrillRecord {
  const store = ctx.store;
  const base = { entity, id: r.id, amount, status: null, statusLabels: null } as DrillRecord;
  switch (entity) {
    case 'action': {
      const a = r as unknown as LocalAction;
      return {
        ...base,
        date: a.startDate ?? null,
        title: `${a.number} — ${a.title}`,
        subtitle: clientName(store, a.clientId),
        amount: amount ?? a.agreedAmount,
        status: stageOf(a, ctx.today()),
        clientId: a.clientId,
      };
    }
    case 'visit': {
      const v = r as unknown as VisitRec;
      return {
        ...base,
        date: v.date,
        title: clientName(store, v.clientId),
        subtitle: v.subject || (store.get<UserRecord>('users', v.repId)?.displayName ?? ''),
        amount: null,
        status: v.status,
        clientId: v.clientId,
      };
    }
    case 'call': {
      const c = r as unknown as CallRec;
      const st = c.statusId ? statuses.get(c.statusId) : undefined;
      return {
        ...base,
        date: zonedParts(new Date(c.startedAt), ctx.timeZone()).date,
        title: clientName(store, c.clientId) || c.number,
        subtitle: c.number,
        amount: null,
        status: st?.code ?? null,
        statusLabels: st ? { ...st.labels } : null,
        clientId: c.clientId,
      };
    }
    case 'client': {
      const c = r as unknown as Client;
      return {
        ...base,
        date: null,
        title: c.name,
        subtitle: [c.address.city, c.externalCode].filter(Boolean).join(' · '),
        amount: null,
        status: c.status,
        clientId: c.id,
      };
    }
    case 'contact': {
      const p = r as unknown as Contact;
      return {
        ...base,
        date: null,
        title: `${p.firstName} ${p.surname}`.trim(),
        subtitle: clientName(store, p.clientId),
        amount: null,
        clientId: p.clientId,
      };
    }
    case 'deal': {
      const d = r as unknown as Deal;
      return {
        ...base,
        date: d.closedAt,
        title: d.title,
        subtitle: clientName(store, d.clientId),
        amount: amount ?? d.value,
        status: d.outcome,
        clientId: d.clientId,
      };
    }
    case 'orderLine': {
      const l = r as unknown as OrderLine;
      const product = store.get<{ id: string; name: string; code: string }>('products', l.productId);
      return {
        ...base,
        date: l.date,
        title: product ? `${product.name} (${product.code})` : l.productId,
        subtitle: [clientName(store, l.clientId), l.invoiceNo].filter(Boolean).join(' · '),
        amount: amount ?? l.netValue,
        clientId: l.clientId,
      };
    }
  }
}

function sortKeyOf(e: DrillEntity, r: Loose): string | null {
  const v = e === 'action' ? r.startDate : e === 'call' ? r.startedAt : e === 'deal' ? r.closedAt : r.date;
  return typeof v === 'string' ? v : null;
}

function nameOf(r: Loose): string {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return typeof r.name === 'string' ? r.name : `${text(r.surname)} ${text(r.firstName)}`;
}

export async function drillReport(ctx: HandlerContext, i: ReportDrillInput): Promise<ReportDrillResult> {
  const scope = resolveScope(ctx, i.kind, i.filters);
  const { entry } = await computeEntry(ctx, i.kind, scope, undefined);
  const c = entry.computed;
  const col = c.columns.find((x) => x.key === i.column);
  if (!col?.drill)
    throw new AppError('validation', `The column ${i.column} opens no records`, {
      key: 'errors.report_not_drillable',
      details: { column: i.column },
    });
  // The totals row is the first group's (the actions report's reasons are a breakdown of a stage).
  const rowKeys = i.rowKeys.length
    ? i.rowKeys
    : c.rows.filter((r) => r.group === (c.rows[0]?.group ?? null)).map((r) => r.key);
  const seen = new Map<string, number | null>();
  for (const k of rowKeys) {
    const cell = c.records.get(k)?.get(i.column);
    if (!cell) continue;
    // A record behind two rows of the bar (an order line in the windows of two overlapping actions
    // of one client) is listed once, with what it adds to the figure opened: both contributions.
    cell.ids.forEach((id, n) => {
      const add = cell.amounts ? cell.amounts[n]! : null;
      const had = seen.get(id);
      seen.set(id, had === undefined || had === null || add === null ? add : had + add);
    });
  }
  const statuses = new Map(
    ctx.store.byIndex<DictionaryItem>('dictionaries', 'kind', 'callStatus').map((d) => [d.id, d]),
  );
  const order = [col.drill, ...ENTITIES.filter((e) => e !== col.drill)];
  const found: Array<{ entity: DrillEntity; r: Loose; amount: number | null; sortKey: string | null }> = [];
  let sum = 0;
  for (const [id, amount] of seen) {
    if (amount !== null) sum += amount;
    for (const e of order) {
      const r = ctx.store.get<Loose>(COLLECTION_OF[e], id);
      if (r) {
        found.push({ entity: e, r, amount, sortKey: sortKeyOf(e, r) });
        break;
      }
    }
  }
  // Newest first (sorted on the stored values: formatting every call's local day at L would cost
  // more than the whole report); records without a date (clients, contacts) by name.
  found.sort((a, b) =>
    a.sortKey !== b.sortKey
      ? a.sortKey === null
        ? 1
        : b.sortKey === null
          ? -1
          : a.sortKey < b.sortKey
            ? 1
            : -1
      : nameOf(a.r).localeCompare(nameOf(b.r)),
  );
  const records = found.slice(0, i.limit).map((f) => drillRecord(ctx, f.entity, f.r, f.amount, statuses));
  return {
    entity: col.drill,
    column: i.column,
    total: seen.size,
    records,
    sum: col.kind === 'money' ? sum : null,
    currency: scope.currency,
  };
}
