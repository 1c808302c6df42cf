import type { StandardStep, StepKind } from '../contract/catalog.schema';
import type { TaskResult, TaskStatus } from '../contract/visits.schema';

// The pure task generation (PRODUCT.md §2 "Visit standard", "Central promotion", "Task" and §5,
// issue 6). main/core/visits calls it whenever a planned visit's date, its client's segment, a
// standard or a promotion changes: `wantedTasks` says what the visit should carry, `reconcileTasks`
// turns that into the smallest set of changes to the tasks it already has.
//
// Decisions (the product leaves them open):
// - A promotion's task is a `note` (optional): the rep reads the instructions and the promoted
//   products and may write what happened. The products are appended to the instructions as one
//   bullet line each ("• name"), without a label: the text is stored on the task and shown as is,
//   and a label in one language would be wrong for the other two.
// - A local action's verification is always mandatory (§3: verifications are mandatory): a
//   `checklist` of the action's conditions (met / not met per condition), or a `note` for a source
//   without conditions.
// - A task that holds a recorded result but is no longer wanted stays on the visit, after the wanted
//   ones, in its previous relative order: recorded results are never lost, and what is still to do
//   comes first.
// - Every comparison is by code unit, never by locale: the same input gives the same tasks on every
//   desk, whatever its language.

export interface StandardSource {
  lineageId: string;
  version: number;
  name: string;
  segmentIds: readonly string[];
  validFrom: string;
  validTo: string | null;
  steps: readonly StandardStep[];
  /** When this version was made (ties between equally specific standards go to the newer). */
  createdAt: string;
}

export interface PromotionSource {
  id: string;
  name: string;
  validFrom: string;
  validTo: string;
  /** Empty: every segment. */
  segmentIds: readonly string[];
  instructions: string;
  /** The promoted products' names, for the task's details. */
  productNames: readonly string[];
  active: boolean;
}

/** A local action's verification (issue 7); always mandatory. */
export interface ActionSource {
  id: string;
  title: string;
  details: string;
  /** The conditions to verify: the task's checklist. */
  items?: readonly string[];
}

/** A task as the generation wants it on a visit. */
export interface WantedTask {
  source: 'standard' | 'promotion' | 'action';
  sourceId: string;
  stepKey: string | null;
  sourceVersion: number | null;
  order: number;
  title: string;
  details: string;
  kind: StepKind;
  items: string[];
  mandatory: boolean;
}

/** A task already on the visit. */
export interface ExistingTask extends WantedTask {
  id: string;
  status: TaskStatus;
  result: TaskResult;
}

export interface GenerationInput {
  date: string;
  segmentId: string | null;
  standards: readonly StandardSource[];
  promotions: readonly PromotionSource[];
  actions: readonly ActionSource[];
}

/** What `reconcileTasks` asks the caller to change on a visit's tasks. */
export interface TaskChanges {
  add: WantedTask[];
  update: Array<{ id: string; patch: Partial<WantedTask> }>;
  remove: string[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The identity of a task across regenerations: one task per (source, source id, step). */
export function taskIdentity(t: Pick<WantedTask, 'source' | 'sourceId' | 'stepKey'>): string {
  // The source is a fixed word, the id is length-prefixed and the step key comes last, so the parts
  // stay apart whatever characters the ids contain. (Cheaper than JSON: it runs for every task of
  // every visit a regeneration touches.)
  return `${t.source}|${t.sourceId.length}:${t.sourceId}|${t.stepKey === null ? '-' : `s${t.stepKey}`}`;
}

/**
 * Whether the rep recorded anything on the task: a status other than open, or any part of a result
 * (a checklist entry, met or not; a count, zero included; a note; a photo). Such a task is never
 * removed and its texts are never rewritten.
 */
export function hasRecordedResult(t: { status: TaskStatus; result: TaskResult }): boolean {
  const r = t.result;
  return (
    t.status !== 'open' ||
    r.checklist.length > 0 ||
    r.count !== null ||
    r.note.trim() !== '' ||
    r.photoIds.length > 0
  );
}

const covers = (from: string, to: string | null, date: string): boolean =>
  from <= date && (to === null || date <= to);

/** The newer of two versions of one lineage (equal versions: the newer createdAt, then by content). */
function newerVersion(a: StandardSource, b: StandardSource): StandardSource {
  if (a.version !== b.version) return a.version > b.version ? a : b;
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? a : b;
  // The same version twice with different content is a caller's bug; still answer the same way
  // whatever the input order.
  return JSON.stringify(a) <= JSON.stringify(b) ? a : b;
}

/** Negative when `a` wins over `b`: fewer segments, later validFrom, newer createdAt, smaller lineageId. */
export function standardPrecedence(
  a: Pick<StandardSource, 'segmentIds' | 'validFrom' | 'createdAt' | 'lineageId'>,
  b: Pick<StandardSource, 'segmentIds' | 'validFrom' | 'createdAt' | 'lineageId'>,
): number {
  const sa = new Set(a.segmentIds).size;
  const sb = new Set(b.segmentIds).size;
  if (sa !== sb) return sa - sb;
  if (a.validFrom !== b.validFrom) return -cmp(a.validFrom, b.validFrom);
  if (a.createdAt !== b.createdAt) return -cmp(a.createdAt, b.createdAt);
  return cmp(a.lineageId, b.lineageId);
}

/**
 * The standard that applies to a client of `segmentId` on `date` (see PRODUCT.md §2), or null.
 * Only current versions should be passed; if older versions of a lineage come along, they are
 * superseded by the highest one (even where the older one would have matched the date).
 */
export function pickStandard(
  standards: readonly StandardSource[],
  segmentId: string | null,
  date: string,
): StandardSource | null {
  if (segmentId === null) return null;
  const latest = new Map<string, StandardSource>();
  for (const s of standards) {
    const seen = latest.get(s.lineageId);
    latest.set(s.lineageId, seen ? newerVersion(seen, s) : s);
  }
  let best: StandardSource | null = null;
  for (const s of latest.values()) {
    if (!s.segmentIds.includes(segmentId) || !covers(s.validFrom, s.validTo, date)) continue;
    if (best === null || standardPrecedence(s, best) < 0) best = s;
  }
  return best;
}

/** A promotion's task details: its instructions, then one bullet line per promoted product. */
export function promotionDetails(p: Pick<PromotionSource, 'instructions' | 'productNames'>): string {
  const instructions = p.instructions.trim();
  const products = p.productNames
    .map((n) => n.trim())
    .filter((n) => n !== '')
    .map((n) => `• ${n}`)
    .join('\n');
  return [instructions, products].filter((x) => x !== '').join('\n\n');
}

/**
 * The tasks a planned visit should carry, in order: standard steps, promotions, action
 * verifications; `order` is 1..n. Each identity appears once (a repeated step key, promotion or
 * action keeps its first occurrence).
 */
export function wantedTasks(input: GenerationInput): WantedTask[] {
  const out: Array<Omit<WantedTask, 'order'>> = [];
  const seen = new Set<string>();
  const push = (t: Omit<WantedTask, 'order'>) => {
    const key = taskIdentity(t);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };

  const standard = pickStandard(input.standards, input.segmentId, input.date);
  if (standard) {
    for (const step of standard.steps) {
      push({
        source: 'standard',
        sourceId: standard.lineageId,
        stepKey: step.key,
        sourceVersion: standard.version,
        title: step.title,
        details: step.details,
        kind: step.kind,
        items: [...step.items],
        mandatory: step.mandatory,
      });
    }
  }

  const promotions = input.promotions
    .filter(
      (p) =>
        p.active &&
        covers(p.validFrom, p.validTo, input.date) &&
        (p.segmentIds.length === 0 || (input.segmentId !== null && p.segmentIds.includes(input.segmentId))),
    )
    .sort((a, b) => cmp(a.validFrom, b.validFrom) || cmp(a.name, b.name) || cmp(a.id, b.id));
  for (const p of promotions) {
    push({
      source: 'promotion',
      sourceId: p.id,
      stepKey: null,
      sourceVersion: null,
      title: p.name,
      details: promotionDetails(p),
      kind: 'note',
      items: [],
      mandatory: false,
    });
  }

  // By id (UUIDv7: creation order), so the order does not depend on how the caller fetched them.
  const actions = [...input.actions].sort((a, b) => cmp(a.id, b.id));
  for (const a of actions) {
    push({
      source: 'action',
      sourceId: a.id,
      stepKey: null,
      sourceVersion: null,
      title: a.title,
      details: a.details,
      kind: a.items?.length ? 'checklist' : 'note',
      items: a.items ? [...a.items] : [],
      mandatory: true,
    });
  }

  return out.map((t, i) => ({ ...t, order: i + 1 }));
}

const sameItems = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Existing tasks in their current order (ties by id, so the answer does not depend on input order). */
const byOrder = (a: ExistingTask, b: ExistingTask): number => a.order - b.order || cmp(a.id, b.id);

/**
 * What to change on a visit's tasks to reach `wanted`: tasks to add, tasks to update (order,
 * texts), tasks to remove. Idempotent; a task holding any recorded result is never removed.
 *
 * - Tasks match by identity (source, sourceId, stepKey). If several existing tasks share one, the
 *   one with a recorded result is matched first, then the lower order, then the smaller id.
 * - The wanted tasks get orders 1..n by their position in `wanted` (their own `order` is ignored);
 *   unwanted tasks holding a result follow, n+1.., in their previous relative order.
 * - A matched task without a result takes the wanted texts, kind, items, mandatory and version; one
 *   with a result keeps them (what the rep recorded stays next to what the rep was asked) and may
 *   only move.
 * - `update` lists only fields that actually differ; `add` and `update` come in the final order.
 */
export function reconcileTasks(
  existing: readonly ExistingTask[],
  wanted: readonly WantedTask[],
): TaskChanges {
  const pool = new Map<string, ExistingTask[]>();
  const sorted = [...existing].sort(
    (a, b) => Number(hasRecordedResult(b)) - Number(hasRecordedResult(a)) || byOrder(a, b),
  );
  for (const t of sorted) {
    const key = taskIdentity(t);
    const list = pool.get(key);
    if (list) list.push(t);
    else pool.set(key, [t]);
  }

  const changes: TaskChanges = { add: [], update: [], remove: [] };
  const matched = new Set<string>();
  const wantedKeys = new Set<string>();
  let order = 0;
  for (const w of wanted) {
    const key = taskIdentity(w);
    // A repeated identity in `wanted` is the caller's bug; the first occurrence wins.
    if (wantedKeys.has(key)) continue;
    wantedKeys.add(key);
    order++;
    const target: WantedTask = { ...w, items: [...w.items], order };
    const t = pool.get(key)?.shift();
    if (!t) {
      changes.add.push(target);
      continue;
    }
    matched.add(t.id);
    const patch: Partial<WantedTask> = {};
    if (t.order !== order) patch.order = order;
    if (!hasRecordedResult(t)) {
      if (t.title !== target.title) patch.title = target.title;
      if (t.details !== target.details) patch.details = target.details;
      if (t.kind !== target.kind) patch.kind = target.kind;
      if (!sameItems(t.items, target.items)) patch.items = target.items;
      if (t.mandatory !== target.mandatory) patch.mandatory = target.mandatory;
      if (t.sourceVersion !== target.sourceVersion) patch.sourceVersion = target.sourceVersion;
    }
    if (Object.keys(patch).length > 0) changes.update.push({ id: t.id, patch });
  }

  const rest = [...existing].filter((t) => !matched.has(t.id)).sort(byOrder);
  for (const t of rest) {
    if (!hasRecordedResult(t)) {
      changes.remove.push(t.id);
      continue;
    }
    order++;
    if (t.order !== order) changes.update.push({ id: t.id, patch: { order } });
  }
  return changes;
}

export const emptyTaskResult = (): TaskResult => ({ checklist: [], count: null, note: '', photoIds: [] });

/**
 * The visit's tasks after applying `changes` (what the caller does in its store), in order: for
 * tests, previews and benchmarks. Added tasks are open with an empty result; their ids come from
 * `newId` (by default derived from the identity, so the answer is deterministic).
 */
export function applyReconcile(
  existing: readonly ExistingTask[],
  changes: TaskChanges,
  newId: (t: WantedTask) => string = (t) => `new:${taskIdentity(t)}`,
): ExistingTask[] {
  const removed = new Set(changes.remove);
  const patches = new Map(changes.update.map((u) => [u.id, u.patch]));
  const out: ExistingTask[] = existing
    .filter((t) => !removed.has(t.id))
    .map((t) => {
      const patch = patches.get(t.id);
      return patch ? { ...t, ...patch } : t;
    });
  for (const w of changes.add) {
    out.push({ ...w, items: [...w.items], id: newId(w), status: 'open', result: emptyTaskResult() });
  }
  return out.sort(byOrder);
}
