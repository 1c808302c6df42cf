import type { PartialHandlers } from '../app/handler-table';
import { archiveDeal, createDeal, editDeal, getDeal, listDeals } from './deals.service';
import { listPlans, planCounters, setPlan } from './plans.service';

// Sales plans and deals (issue 8). Rights in permissions.ts; row scope (a rep's own, a manager's
// team, the admin's office) and every rule inside the services.
export const planHandlers: PartialHandlers<
  | 'plans:list'
  | 'plans:set'
  | 'deals:list'
  | 'deals:get'
  | 'deals:create'
  | 'deals:edit'
  | 'deals:archive'
  | 'home:planCounters'
> = {
  'plans:list': (ctx, i) => listPlans(ctx, i),
  'plans:set': (ctx, i) => setPlan(ctx, i),
  'deals:list': (ctx, i) => listDeals(ctx, i),
  'deals:get': (ctx, i) => getDeal(ctx, i.id),
  'deals:create': (ctx, i) => createDeal(ctx, i),
  'deals:edit': (ctx, i) => editDeal(ctx, i),
  'deals:archive': (ctx, i) => archiveDeal(ctx, i.id),
  'home:planCounters': (ctx) => planCounters(ctx),
};
