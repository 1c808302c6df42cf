import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type { PartialHandlers } from '../app/handler-table';

export const dictionaryHandlers: PartialHandlers<
  'dictionaries:list' | 'dictionaries:create' | 'dictionaries:update' | 'dictionaries:reorder'
> = {
  'dictionaries:list': (ctx, i) =>
    [
      ...(i.kind
        ? ctx.store.byIndex<DictionaryItem>('dictionaries', 'kind', i.kind)
        : ctx.store.all<DictionaryItem>('dictionaries')),
    ]
      .filter((d) => i.includeInactive || d.active)
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.order - b.order),
  'dictionaries:create': (ctx, i) =>
    ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      const same = ctx.store.byIndex<DictionaryItem>('dictionaries', 'kind', i.kind);
      if (same.some((d) => d.code === i.code)) {
        throw new AppError('conflict', `${i.kind} ${i.code} exists`, {
          key: 'errors.dictionary_code_taken',
          issues: [{ path: ['code'], key: 'validation.dictionary_code_taken', message: 'Code taken' }],
        });
      }
      const order = same.reduce((m, d) => Math.max(m, d.order), 0) + 1;
      return tx.insert<DictionaryItem>('dictionaries', { ...i, order, active: true });
    }),
  'dictionaries:update': (ctx, i) =>
    ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      if (!ctx.store.get('dictionaries', i.id))
        throw new AppError('not_found', `Dictionary item ${i.id} not found`);
      const { id, ...patch } = i;
      return tx.patch<DictionaryItem>('dictionaries', id, patch);
    }),
  'dictionaries:reorder': (ctx, i) =>
    ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      const items = ctx.store.byIndex<DictionaryItem>('dictionaries', 'kind', i.kind);
      const ids = new Set(items.map((d) => d.id));
      // The new order must name every item of the kind exactly once: no silent reshuffles.
      if (i.ids.length !== ids.size || new Set(i.ids).size !== ids.size || i.ids.some((id) => !ids.has(id))) {
        throw new AppError('validation', 'The order must list every item of the dictionary once', {
          issues: [{ path: ['ids'], key: 'validation.reorder_incomplete', message: 'Incomplete order' }],
        });
      }
      return i.ids.map((id, n) => tx.patch<DictionaryItem>('dictionaries', id, { order: n + 1 }));
    }),
};
