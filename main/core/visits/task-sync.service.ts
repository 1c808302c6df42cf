import { createHash } from 'node:crypto';
import type { Product, Promotion, VisitStandard } from '../../../shared/contract/catalog.schema';
import type { LocalAction } from '../../../shared/contract/actions.schema';
import type { Client } from '../../../shared/contract/clients.schema';
import type { Task, TaskResult, Visit } from '../../../shared/contract/visits.schema';
import type {
  ActionSource,
  ExistingTask,
  PromotionSource,
  StandardSource,
  WantedTask,
} from '../../../shared/domain/task-generation';
import { reconcileTasks, wantedTasks } from '../../../shared/domain/task-generation';
import type { Store, Tx } from '../store/store';

// Keeping the tasks of planned visits in step with what generates them (PRODUCT.md §2 "Task",
// issue 6 item 8).
//
// When tasks are regenerated — the choice made here:
// - a visit is planned or rescheduled: its tasks are regenerated in the same transaction;
// - a standard, a promotion, a product or the client's segment changes: NOT by walking every
//   planned visit at that moment (the catalog's services would need to know about visits, and an
//   edit of a standard would rewrite thousands of visits in one go), but lazily: each visit keeps
//   `tasksSyncKey`, a fingerprint of (its date, its client's segment, the content of the
//   standards/promotions/products). Whenever visits are read or written through visits:* (agenda,
//   get, update, complete …) or counted (home:repCounters), the ones whose key differs are
//   regenerated first, in one transaction. The fingerprint hashes the sources' content, not the
//   collections' change counters, so it stays valid across restarts and never collides by chance.
// - only planned visits whose day has not passed are regenerated lazily; done, cancelled and missed
//   visits keep the tasks they had (a standard edited later never rewrites history).
// Tasks are high-volume technical records: written with tx.insert/patch, without audit entries.
// A removed task (no longer wanted, no result) is archived, never deleted (the store keeps records).

export type VisitRec = Visit & { tasksSyncKey?: string; archived?: boolean };
export type TaskRec = Task;

export const EMPTY_RESULT: TaskResult = { checklist: [], count: null, note: '', photoIds: [] };

interface Sources {
  versions: string;
  standards: StandardSource[];
  promotions: PromotionSource[];
  fingerprint: string;
  /**
   * The wanted tasks per (date, segment): every visit of one day and segment wants the same ones
   * (visits whose client has a local action in its period are computed apart), and a month of
   * an office's visits has a few hundred such pairs against tens of thousands of visits.
   */
  wanted: Map<string, WantedTask[]>;
}

const WANTED_CACHE_MAX = 20_000;

const sourcesCache = new WeakMap<Store, Sources>();

/** The generation's inputs from the catalog, rebuilt only when a catalog collection changed. */
export function generationSources(store: Store): Sources {
  const versions = ['visitStandards', 'promotions', 'products']
    .map((n) => store.collection(n).version)
    .join('.');
  const cached = sourcesCache.get(store);
  if (cached && cached.versions === versions) return cached;
  const standards: StandardSource[] = [];
  for (const s of store.all<VisitStandard>('visitStandards')) {
    if (!s.current || s.archived) continue;
    standards.push({
      lineageId: s.lineageId,
      version: s.version,
      name: s.name,
      segmentIds: s.segmentIds,
      validFrom: s.validFrom,
      validTo: s.validTo ?? null,
      steps: s.steps,
      createdAt: s.createdAt,
    });
  }
  const promotions: PromotionSource[] = [];
  for (const p of store.all<Promotion>('promotions')) {
    if (p.archived) continue;
    promotions.push({
      id: p.id,
      name: p.name,
      validFrom: p.validFrom,
      validTo: p.validTo,
      segmentIds: p.segmentIds ?? [],
      instructions: p.instructions ?? '',
      productNames: (p.productIds ?? [])
        .map((id) => store.get<Product>('products', id)?.name)
        .filter((n): n is string => !!n),
      active: p.active !== false,
    });
  }
  // Stable order, so that the fingerprint depends on content only.
  standards.sort((a, b) => (a.lineageId < b.lineageId ? -1 : a.lineageId > b.lineageId ? 1 : 0));
  promotions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const fingerprint = createHash('sha1')
    .update(JSON.stringify([standards, promotions]))
    .digest('hex')
    .slice(0, 16);
  const s: Sources = { versions, standards, promotions, fingerprint, wanted: new Map() };
  sourcesCache.set(store, s);
  return s;
}

function segmentOf(store: Store, clientId: string): string | null {
  return store.get<Client>('clients', clientId)?.segmentId ?? null;
}

/**
 * The client's local actions whose verification a visit on `date` carries (PRODUCT.md §3: every
 * planned visit to the client dated within the period of an active action).
 */
export function actionSourcesFor(store: Store, clientId: string, date: string): ActionSource[] {
  const out: ActionSource[] = [];
  for (const a of store.byIndex<LocalAction>('localActions', 'clientId', clientId)) {
    if (a.state !== 'active' || a.archived || !a.startDate || !a.endDate) continue;
    if (date < a.startDate || date > a.endDate) continue;
    out.push({
      id: a.id,
      title: `${a.number} · ${a.title}`,
      details: a.description,
      items: a.conditions,
    });
  }
  return out;
}

/** A short fingerprint of the action verifications a visit wants (empty when none). */
function actionsKey(sources: readonly ActionSource[]): string {
  if (!sources.length) return '';
  return createHash('sha1').update(JSON.stringify(sources)).digest('hex').slice(0, 12);
}

export function syncKeyOf(
  store: Store,
  v: Pick<Visit, 'date' | 'clientId'>,
  /** The visit's action sources when the caller has them already (a sync computes them once). */
  sources: readonly ActionSource[] = actionSourcesFor(store, v.clientId, v.date),
): string {
  const base = `${v.date}|${segmentOf(store, v.clientId) ?? ''}|${generationSources(store).fingerprint}`;
  const actions = actionsKey(sources);
  return actions ? `${base}|${actions}` : base;
}

/** The visit's live tasks, in order. */
export function tasksOf(store: Store, visitId: string): TaskRec[] {
  return store
    .byIndex<TaskRec>('tasks', 'visitId', visitId)
    .filter((t) => !t.archived)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

function toExisting(t: TaskRec): ExistingTask {
  return {
    id: t.id,
    source: t.source,
    sourceId: t.sourceId,
    stepKey: t.stepKey,
    sourceVersion: t.sourceVersion,
    order: t.order,
    title: t.title,
    details: t.details,
    kind: t.kind,
    items: t.items,
    mandatory: t.mandatory,
    status: t.status,
    result: t.result,
  };
}

function taskData(visitId: string, w: WantedTask): Record<string, unknown> {
  return {
    visitId,
    actionId: w.source === 'action' ? w.sourceId : null,
    source: w.source,
    sourceId: w.sourceId,
    stepKey: w.stepKey,
    sourceVersion: w.sourceVersion,
    order: w.order,
    title: w.title,
    details: w.details,
    kind: w.kind,
    items: [...w.items],
    mandatory: w.mandatory,
    status: 'open',
    result: EMPTY_RESULT,
  };
}

/**
 * Inside a transaction: brings one visit's tasks to what the generation wants now and stores the
 * fingerprint it was synced at. Callers decide whether the visit may be regenerated.
 */
export function syncVisitTasks(store: Store, tx: Tx, visit: VisitRec): void {
  const src = generationSources(store);
  const segmentId = segmentOf(store, visit.clientId);
  const cacheKey = `${visit.date}|${segmentId ?? ''}`;
  const actions = actionSourcesFor(store, visit.clientId, visit.date);
  let wanted = actions.length
    ? // Action verifications depend on the client, not just the day and segment: not cached.
      wantedTasks({
        date: visit.date,
        segmentId,
        standards: src.standards,
        promotions: src.promotions,
        actions,
      })
    : src.wanted.get(cacheKey);
  if (!wanted) {
    wanted = wantedTasks({
      date: visit.date,
      segmentId,
      standards: src.standards,
      promotions: src.promotions,
      actions: [],
    });
    if (src.wanted.size >= WANTED_CACHE_MAX) src.wanted.clear();
    src.wanted.set(cacheKey, wanted);
  }
  const existing = tasksOf(store, visit.id).map(toExisting);
  const plan = reconcileTasks(existing, wanted);
  for (const w of plan.add) tx.insert('tasks', taskData(visit.id, w));
  for (const u of plan.update) {
    const patch: Record<string, unknown> = { ...u.patch };
    if (Array.isArray(patch.items)) patch.items = [...(patch.items as string[])];
    tx.patch('tasks', u.id, patch);
  }
  for (const id of plan.remove) tx.patch('tasks', id, { archived: true });
  const key = syncKeyOf(store, visit, actions);
  // A technical field: written without an audit entry (it says nothing a person did).
  if (visit.tasksSyncKey !== key) tx.patch('visits', visit.id, { tasksSyncKey: key });
}

/** Whether a lazy re-sync should touch this visit: planned, its day not passed, inputs changed. */
export function needsSync(store: Store, v: VisitRec, today: string): boolean {
  return v.status === 'planned' && !v.archived && v.date >= today && v.tasksSyncKey !== syncKeyOf(store, v);
}

/**
 * Lazily re-syncs the given visits (see the comment at the top): one transaction for all that need
 * it, none when nothing changed. Returns how many were regenerated.
 */
export async function syncPlannedTasks(
  store: Store,
  visits: Iterable<VisitRec>,
  today: string,
  userId: string,
): Promise<number> {
  const due: string[] = [];
  for (const v of visits) if (needsSync(store, v, today)) due.push(v.id);
  if (!due.length) return 0;
  return store.transact({ userId }, (tx) => {
    let n = 0;
    for (const id of due) {
      // Re-read inside the transaction: another call may have synced or changed it meanwhile.
      const v = store.get<VisitRec>('visits', id);
      if (!v || !needsSync(store, v, today)) continue;
      syncVisitTasks(store, tx, v);
      n++;
    }
    return n;
  });
}
