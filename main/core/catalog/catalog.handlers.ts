import type { PartialHandlers } from '../app/handler-table';
import { createProduct, importProducts, listProducts, updateProduct } from './products.service';
import { createPromotion, listPromotions, updatePromotion } from './promotions.service';
import { archiveStandard, listStandards, saveStandard, standardHistory } from './visit-standards.service';

// The admin's catalogue (issue 6): products, central promotions and visit standards. Rights are in
// auth/permissions.ts (the admin writes, everyone signed in reads).
export const catalogHandlers: PartialHandlers<
  | 'products:list'
  | 'products:create'
  | 'products:update'
  | 'products:import'
  | 'promotions:list'
  | 'promotions:create'
  | 'promotions:update'
  | 'visitStandards:list'
  | 'visitStandards:save'
  | 'visitStandards:archive'
  | 'visitStandards:history'
> = {
  'products:list': (ctx, i) => listProducts(ctx, i.includeInactive),
  'products:create': (ctx, i) => createProduct(ctx, i),
  'products:update': (ctx, i) => updateProduct(ctx, i.id, i.patch),
  'products:import': (ctx, i) => importProducts(ctx, i),
  'promotions:list': (ctx) => listPromotions(ctx),
  'promotions:create': (ctx, i) => createPromotion(ctx, i),
  'promotions:update': (ctx, i) => updatePromotion(ctx, i.id, i.promotion),
  'visitStandards:list': (ctx) => listStandards(ctx),
  'visitStandards:save': (ctx, i) => saveStandard(ctx, i),
  'visitStandards:archive': (ctx, i) => archiveStandard(ctx, i.lineageId),
  'visitStandards:history': (ctx, i) => standardHistory(ctx, i.lineageId),
};
