import type { z } from 'zod';
import type { Product, Promotion, PromotionFields } from '../../../shared/contract/catalog.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type { FieldIssue } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import type { Store } from '../store/store';

// Central promotions (PRODUCT.md §2, issue 6): name, period, target segments, products,
// instructions. They become tasks on planned visits to matching clients within their period; that
// regeneration is the visits' job, which watches the collection (every write here is a store
// transaction, so its version changes).

type PromotionInput = z.output<typeof PromotionFields>;

export function listPromotions(ctx: HandlerContext): Promotion[] {
  return [...ctx.store.all<Promotion>('promotions')]
    .filter((p) => !p.archived)
    .sort(
      (a, b) =>
        b.validFrom.localeCompare(a.validFrom) ||
        b.createdAt.localeCompare(a.createdAt) ||
        b.id.localeCompare(a.id),
    );
}

/** Segments must be items of the segment dictionary (inactive ones too: an old promotion keeps its own). */
export function segmentIssues(store: Store, segmentIds: readonly string[]): FieldIssue[] {
  const unknown = segmentIds.filter((id) => {
    const d = store.get<DictionaryItem>('dictionaries', id);
    return !d || d.kind !== 'segment';
  });
  return unknown.length
    ? [
        {
          path: ['segmentIds'],
          key: 'validation.segment_unknown',
          message: 'Unknown segment',
          params: { ids: unknown },
        },
      ]
    : [];
}

function productIssues(store: Store, productIds: readonly string[]): FieldIssue[] {
  const unknown = productIds.filter((id) => {
    const p = store.get<Product>('products', id);
    return !p || p.archived;
  });
  return unknown.length
    ? [
        {
          path: ['productIds'],
          key: 'validation.product_unknown',
          message: 'Unknown product',
          params: { ids: unknown },
        },
      ]
    : [];
}

function checked(store: Store, input: PromotionInput): PromotionInput {
  const issues = [...segmentIssues(store, input.segmentIds), ...productIssues(store, input.productIds)];
  if (issues.length) throw new AppError('validation', 'Invalid promotion', { issues });
  // A segment or product named twice means nothing more than once.
  return { ...input, segmentIds: [...new Set(input.segmentIds)], productIds: [...new Set(input.productIds)] };
}

export function createPromotion(ctx: HandlerContext, input: PromotionInput): Promise<Promotion> {
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    insertAudited<Promotion>(tx, 'promotions', { ...checked(ctx.store, input) }),
  );
}

export function updatePromotion(ctx: HandlerContext, id: string, input: PromotionInput): Promise<Promotion> {
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const cur = tx.get<Promotion>('promotions', id);
    if (!cur || cur.archived)
      throw new AppError('not_found', `Promotion ${id} not found`, { details: { entity: 'promotions', id } });
    return patchAudited<Promotion>(tx, 'promotions', id, { ...checked(ctx.store, input) });
  });
}
