import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import type { Store } from '../store/store';

// The `imports` records every import keeps (clients, orders), one kind per import. How they are
// listed and which one a revert may take is the same for all; what a record says and what its
// revert undoes is each import's own.

interface RecordBase {
  id: string;
  kind: string;
  createdAt: string;
  revertedAt: string | null;
}

/** An import's records, newest first (the id breaks a tie of the same instant, so the order is stable). */
export function importsNewestFirst<R extends RecordBase>(store: Store, kind: string): R[] {
  return store
    .byIndex<R>('imports', 'kind', kind)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

/** The records as the import's list command answers them (any signed-in user; rights are the handler's). */
export function listImportRecords<R extends RecordBase, O>(
  ctx: HandlerContext,
  kind: string,
  out: (store: Store, r: R) => O,
): O[] {
  ctx.user();
  return importsNewestFirst<R>(ctx.store, kind).map((r) => out(ctx.store, r));
}

/** Refused: the import was reverted already (also thrown when a second revert wins the race). */
export function revertedAlready(): AppError {
  return new AppError('conflict', 'This import is reverted already', {
    key: 'errors.import_reverted_already',
  });
}

/** The record a revert is asked for: one of this import's kind, not reverted yet. */
export function revertableRecord<R extends RecordBase>(store: Store, kind: string, id: string): R {
  const rec = store.get<R>('imports', id);
  if (!rec || rec.kind !== kind)
    throw new AppError('not_found', 'No such import', { key: 'errors.import_not_found' });
  if (rec.revertedAt) throw revertedAlready();
  return rec;
}
