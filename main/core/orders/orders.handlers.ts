import type { PartialHandlers } from '../app/handler-table';
import { clientOrders } from './client-orders.service';
import {
  commitOrders,
  deleteOrderPreset,
  dryRunOrders,
  listOrderImports,
  listOrderPresets,
  revertOrders,
  saveOrderPreset,
  uploadOrders,
} from './orders-import.service';

export const orderHandlers: PartialHandlers<
  | 'orders:upload'
  | 'orders:dryRun'
  | 'orders:commit'
  | 'orders:revert'
  | 'orders:imports'
  | 'orderPresets:list'
  | 'orderPresets:save'
  | 'orderPresets:delete'
  | 'orders:client'
> = {
  'orders:upload': (ctx, i) => uploadOrders(ctx, i),
  'orders:dryRun': (ctx, i) => dryRunOrders(ctx, i),
  'orders:commit': (ctx, i) => commitOrders(ctx, i),
  'orders:revert': (ctx, i) => revertOrders(ctx, i.id),
  'orders:imports': (ctx) => listOrderImports(ctx),
  'orderPresets:list': (ctx) => listOrderPresets(ctx),
  'orderPresets:save': (ctx, i) => saveOrderPreset(ctx, i),
  'orderPresets:delete': (ctx, i) => deleteOrderPreset(ctx, i.id),
  'orders:client': (ctx, i) => clientOrders(ctx, i),
};
