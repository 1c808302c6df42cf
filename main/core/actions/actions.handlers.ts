import type { PartialHandlers } from '../app/handler-table';
import {
  actionAlerts,
  actionQueue,
  approveAction,
  cancelAction,
  closeAction,
  createAction,
  editAction,
  getAction,
  listActions,
  recommendAction,
  registerAction,
  rejectAction,
  returnAction,
  settleAction,
} from './actions.service';
import { listBudgets, setBudget } from './budgets.service';
import { settlementOrder } from './settlement-order.service';

// Local actions, budgets and settlements (issue 7). Rights in permissions.ts; row scope (own
// actions, the team's) and every state rule inside the services.
export const actionHandlers: PartialHandlers<
  | 'budgets:list'
  | 'budgets:set'
  | 'actions:list'
  | 'actions:get'
  | 'actions:create'
  | 'actions:edit'
  | 'actions:register'
  | 'actions:cancel'
  | 'actions:close'
  | 'actions:recommend'
  | 'actions:return'
  | 'actions:reject'
  | 'actions:approve'
  | 'actions:settle'
  | 'actions:queue'
  | 'actions:settlementOrder'
  | 'home:actionAlerts'
> = {
  'budgets:list': (ctx, i) => listBudgets(ctx, i),
  'budgets:set': (ctx, i) => setBudget(ctx, i),
  'actions:list': (ctx, i) => listActions(ctx, i),
  'actions:get': (ctx, i) => getAction(ctx, i.id),
  'actions:create': (ctx, i) => createAction(ctx, i),
  'actions:edit': (ctx, i) => editAction(ctx, i),
  'actions:register': (ctx, i) => registerAction(ctx, i.id),
  'actions:cancel': (ctx, i) => cancelAction(ctx, i),
  'actions:close': (ctx, i) => closeAction(ctx, i),
  'actions:recommend': (ctx, i) => recommendAction(ctx, i),
  'actions:return': (ctx, i) => returnAction(ctx, i.id, i.note),
  'actions:reject': (ctx, i) => rejectAction(ctx, i.id, i.note),
  'actions:approve': (ctx, i) => approveAction(ctx, i),
  'actions:settle': (ctx, i) => settleAction(ctx, i),
  'actions:queue': (ctx) => actionQueue(ctx),
  'actions:settlementOrder': (ctx, i) => settlementOrder(ctx, i.id),
  'home:actionAlerts': (ctx) => actionAlerts(ctx),
};
