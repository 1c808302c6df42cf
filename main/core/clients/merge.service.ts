import type { z } from 'zod';
import type {
  Client,
  ClientCard,
  KeptField,
  MergeField,
  MergeInput,
  MergeMovedKind,
  MergeOut,
  MergePairInput,
  MergePreview,
  UndoMergeResult,
} from '../../../shared/contract/clients.schema';
import { MERGE_FIELDS, MERGE_MOVED } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import type { Store, Tx } from '../store/store';
import { checkRefs, clientCard, prepareClientUpdate, visibleClient } from './clients.service';

// Merge of two clients and its undo (PRODUCT.md §4, issue 5 item 3). A merge is one transaction:
// the survivor takes the chosen fields (validated as the form validates them), every related record
// is re-pointed at the survivor, the merged client is archived, and a `merges` record keeps exactly
// what the undo needs. The undo moves back only what still is as the merge left it: a value or a
// pointer changed since is newer information and stays, reported as kept. There is no delete in
// the store, so both clients and every moved record still exist when the undo runs.

type Counts = Partial<Record<MergeMovedKind, number>>;

/** Where each kind of related record points at its client. */
const MOVES: Record<MergeMovedKind, { collection: string; field: string }> = {
  contacts: { collection: 'contacts', field: 'clientId' },
  visits: { collection: 'visits', field: 'clientId' },
  calls: { collection: 'calls', field: 'clientId' },
  localActions: { collection: 'localActions', field: 'clientId' },
  orderLines: { collection: 'orderLines', field: 'clientId' },
  deals: { collection: 'deals', field: 'clientId' },
  attachments: { collection: 'attachments', field: 'ownerId' },
  outlets: { collection: 'clients', field: 'parentId' },
  correctionRequests: { collection: 'correctionRequests', field: 'clientId' },
};

interface MovedRecord {
  collection: string;
  id: string;
  field: string;
  from: string;
  to: string;
}

interface FieldChange {
  field: MergeField;
  /** The survivor's value before the merge. */
  before: unknown;
  /** The value the merge wrote (the merged client's, normalised). */
  after: unknown;
}

/** The stored merge: everything the undo needs, and what the list shows. */
interface MergeRecord {
  id: string;
  createdAt: string;
  createdBy: string;
  survivorId: string;
  mergedId: string;
  survivorName: string;
  mergedName: string;
  take: MergeField[];
  fields: FieldChange[];
  /** The merged client's state before it was archived. */
  mergedBefore: { archived: boolean; mergedInto: string | null; externalCode: string | null };
  moved: MovedRecord[];
  counts: Counts;
  undoneAt: string | null;
  undoneBy: string | null;
}

type Loose = Record<string, unknown> & { id: string; archived?: boolean };

/** Deep equality that ignores key order (an address stored as {city, street} equals {street, city}). */
function same(a: unknown, b: unknown): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1)))
      : x,
  );
}

function notArchived(c: Client): Client {
  if (c.archived)
    throw new AppError('conflict', `Client ${c.id} is archived`, {
      key: 'errors.client_archived',
      details: { id: c.id },
    });
  return c;
}

/** Both clients, visible to the caller, live and distinct. */
function pair(
  ctx: HandlerContext,
  survivorId: string,
  mergedId: string,
): { survivor: Client; merged: Client } {
  if (survivorId === mergedId)
    throw new AppError('validation', 'A client cannot be merged with itself', {
      key: 'validation.same_client',
      issues: [{ path: ['mergedId'], key: 'validation.same_client', message: 'Same client' }],
    });
  return {
    survivor: notArchived(visibleClient(ctx, survivorId)),
    merged: notArchived(visibleClient(ctx, mergedId)),
  };
}

function related(store: Store, kind: MergeMovedKind, clientId: string): Loose[] {
  const m = MOVES[kind];
  return store.byIndex<Loose>(m.collection, m.field, clientId);
}

/** Per kind, the records that move as the user sees them (archived ones move too, uncounted). */
function countMoves(store: Store, clientId: string): Counts {
  const out: Counts = {};
  for (const kind of MERGE_MOVED)
    out[kind] = related(store, kind, clientId).filter((r) => !r.archived).length;
  return out;
}

export function previewMerge(ctx: HandlerContext, i: z.output<typeof MergePairInput>): MergePreview {
  const { survivor, merged } = pair(ctx, i.survivorId, i.mergedId);
  return {
    survivor,
    merged,
    differing: MERGE_FIELDS.filter((f) => !same(survivor[f], merged[f])),
    moves: countMoves(ctx.store, merged.id),
  };
}

const liveOutlets = (store: Store, id: string) =>
  store.byIndex<Client>('clients', 'parentId', id).filter((o) => !o.archived);

function toOut(r: MergeRecord): MergeOut {
  return {
    id: r.id,
    at: r.createdAt,
    by: r.createdBy,
    survivorId: r.survivorId,
    mergedId: r.mergedId,
    survivorName: r.survivorName,
    mergedName: r.mergedName,
    take: r.take,
    moved: r.counts,
    undoneAt: r.undoneAt ?? null,
    undoneBy: r.undoneBy ?? null,
  };
}

/** One line in each client's own history, so the merge (and its undo) shows even where no field changed. */
function auditBoth(tx: Tx, r: { id: string; survivorId: string; mergedId: string }, undo: boolean): void {
  for (const [entityId, role] of [
    [r.survivorId, 'survivor'],
    [r.mergedId, 'merged'],
  ] as const) {
    tx.insert('audit', {
      at: tx.at,
      userId: tx.userId,
      action: 'merge',
      entity: 'clients',
      entityId,
      field: null,
      old: null,
      new: null,
      details: { mergeId: r.id, survivorId: r.survivorId, mergedId: r.mergedId, role, undo },
    });
  }
}

export async function mergeClients(
  ctx: HandlerContext,
  i: z.output<typeof MergeInput>,
): Promise<{ merge: MergeOut; card: ClientCard }> {
  const take = MERGE_FIELDS.filter((f) => i.take.includes(f));
  const rec = await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    // Everything is read inside the transaction: nothing can change between the checks and the writes.
    const { survivor, merged } = pair(ctx, i.survivorId, i.mergedId);
    if (survivor.parentId === merged.id || merged.parentId === survivor.id)
      throw new AppError('conflict', 'A parent company cannot be merged with its own outlet', {
        key: 'errors.merge_chain',
      });

    const patch: Record<string, unknown> = {};
    for (const f of take) patch[f] = merged[f] ?? null;
    // The survivor's resulting record, validated as the form validates an edit.
    const value = prepareClientUpdate(ctx, survivor.id, patch);
    checkRefs(ctx.store, value, survivor.id);
    if (value.parentId === merged.id)
      throw new AppError('conflict', 'The survivor cannot point at the merged client', {
        key: 'errors.merge_chain',
      });
    // The merged client's outlets move to the survivor: an outlet cannot have outlets (one level).
    if (
      value.parentId &&
      (liveOutlets(ctx.store, survivor.id).length || liveOutlets(ctx.store, merged.id).length)
    )
      throw new AppError('conflict', 'The merge would put outlets under an outlet', {
        key: 'errors.merge_nested_chain',
      });

    // The external code is unique even among archived clients: the merged one gives it up first.
    patchAudited(
      tx,
      'clients',
      merged.id,
      { archived: true, mergedInto: survivor.id, externalCode: null },
      'merge',
    );
    const fields: FieldChange[] = [];
    const survivorPatch: Record<string, unknown> = {};
    for (const f of take) {
      fields.push({ field: f, before: survivor[f] ?? null, after: value[f] ?? null });
      survivorPatch[f] = value[f] ?? null;
    }
    patchAudited(tx, 'clients', survivor.id, survivorPatch, 'merge');

    const moved: MovedRecord[] = [];
    // The counts are of what moved and the user sees (archived records move too, uncounted).
    const counts: Counts = {};
    for (const kind of MERGE_MOVED) {
      const { collection, field } = MOVES[kind];
      counts[kind] = 0;
      for (const r of related(ctx.store, kind, merged.id)) {
        patchAudited(tx, collection, r.id, { [field]: survivor.id }, 'merge');
        moved.push({ collection, id: r.id, field, from: merged.id, to: survivor.id });
        if (!r.archived) counts[kind]++;
      }
    }

    const r = insertAudited<MergeRecord>(tx, 'merges', {
      survivorId: survivor.id,
      mergedId: merged.id,
      survivorName: survivor.name,
      mergedName: merged.name,
      take,
      fields,
      mergedBefore: {
        archived: merged.archived ?? false,
        mergedInto: merged.mergedInto ?? null,
        externalCode: merged.externalCode ?? null,
      },
      moved,
      counts,
      undoneAt: null,
      undoneBy: null,
    });
    auditBoth(tx, r, false);
    return r;
  });
  return { merge: toOut(rec), card: clientCard(ctx, rec.survivorId) };
}

function mergeRecord(store: Store, id: string): MergeRecord {
  const r = store.get<MergeRecord>('merges', id);
  if (!r)
    throw new AppError('not_found', `Merge ${id} not found`, {
      key: 'errors.merge_not_found',
      details: { id },
    });
  return r;
}

/** Newest first; ids are UUIDv7, so they order merges made within the same millisecond. */
function newestFirst(a: MergeRecord, b: MergeRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function mergesOf(store: Store, clientId: string): MergeRecord[] {
  const out = [...store.byIndex<MergeRecord>('merges', 'survivorId', clientId)];
  // A client is merged (archived) once per live merge, and merges are few: a scan is enough here.
  for (const m of store.all<MergeRecord>('merges'))
    if (m.mergedId === clientId && m.survivorId !== clientId) out.push(m);
  return out.sort(newestFirst);
}

/** May `value` go back into the survivor's `field` now? Only if it is still unique / still a valid parent. */
function restorable(
  store: Store,
  clientId: string,
  field: MergeField,
  value: unknown,
  /** Outlets this undo moves back to the merged client: they do not stay under the survivor. */
  leaving: ReadonlySet<string>,
): boolean {
  if (field === 'externalCode' && typeof value === 'string' && value) {
    const holder = store.byUnique<Client>('clients', 'externalCode', value);
    return !holder || holder.id === clientId;
  }
  if (field === 'parentId' && typeof value === 'string' && value) {
    const p = store.get<Client>('clients', value);
    return (
      !!p &&
      !p.archived &&
      p.id !== clientId &&
      !p.parentId &&
      !liveOutlets(store, clientId).some((o) => !leaving.has(o.id))
    );
  }
  return true;
}

export async function undoMerge(ctx: HandlerContext, id: string): Promise<UndoMergeResult> {
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const m = mergeRecord(ctx.store, id);
    if (m.undoneAt)
      throw new AppError('conflict', 'This merge has been undone already', {
        key: 'errors.merge_already_undone',
        details: { id },
      });
    const survivor = visibleClient(ctx, m.survivorId);
    visibleClient(ctx, m.mergedId);
    // Undoing an older merge under a newer one would pull records from under the newer merge's record.
    const later = [...mergesOf(ctx.store, m.survivorId), ...mergesOf(ctx.store, m.mergedId)].find(
      (x) => x.id !== m.id && !x.undoneAt && newestFirst(x, m) < 0,
    );
    if (later)
      throw new AppError('conflict', 'Undo the later merge of these clients first', {
        key: 'errors.merge_undo_later_first',
        details: { id, laterId: later.id },
      });

    const kept: KeptField[] = [];
    // The survivor first: giving back an external code it took frees it for the merged client.
    const back: Record<string, unknown> = {};
    const leaving = new Set(
      m.moved
        .filter((r) => r.collection === 'clients' && r.field === 'parentId')
        .filter((r) => (tx.get<Loose>('clients', r.id)?.parentId ?? null) === r.to)
        .map((r) => r.id),
    );
    for (const f of m.fields) {
      const current = survivor[f.field] ?? null;
      if (same(current, f.after) && restorable(ctx.store, survivor.id, f.field, f.before, leaving))
        back[f.field] = f.before;
      else if (!same(current, f.before))
        kept.push({ entity: 'clients', id: survivor.id, field: f.field, restore: f.before, current });
    }
    patchAudited(tx, 'clients', survivor.id, back, 'merge');

    const code = m.mergedBefore.externalCode;
    const merged = tx.get<Client>('clients', m.mergedId)!;
    const mergedPatch: Record<string, unknown> = {
      archived: m.mergedBefore.archived,
      mergedInto: m.mergedBefore.mergedInto,
    };
    if (code) {
      const holder = ctx.store.byUnique<Client>('clients', 'externalCode', code);
      const current = merged.externalCode ?? null;
      if ((!holder || holder.id === merged.id) && current === null) mergedPatch.externalCode = code;
      else if (current !== code)
        kept.push({ entity: 'clients', id: merged.id, field: 'externalCode', restore: code, current });
    }
    patchAudited(tx, 'clients', merged.id, mergedPatch, 'merge');

    for (const r of m.moved) {
      const current = tx.get<Loose>(r.collection, r.id)?.[r.field] ?? null;
      // Moved elsewhere since (reassigned to a third client): that newer decision stays.
      if (current === r.to) patchAudited(tx, r.collection, r.id, { [r.field]: r.from }, 'merge');
      else if (current !== r.from)
        kept.push({ entity: r.collection, id: r.id, field: r.field, restore: r.from, current });
    }

    const done = patchAudited<MergeRecord>(
      tx,
      'merges',
      m.id,
      { undoneAt: tx.at, undoneBy: tx.userId },
      'merge',
    );
    auditBoth(tx, m, true);
    return { merge: toOut(done), kept };
  });
}

export function listMerges(ctx: HandlerContext, clientId: string): MergeOut[] {
  visibleClient(ctx, clientId);
  return mergesOf(ctx.store, clientId).map(toOut);
}
