import { AppError } from '../../../shared/contract/errors';
import type { PartialHandlers } from '../app/handler-table';

// STUB (issue 6): products, promotions and visit standards — filled in by their owners.
const todo = (): never => {
  throw new AppError('internal', 'not implemented');
};

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
  'products:list': todo,
  'products:create': todo,
  'products:update': todo,
  'products:import': todo,
  'promotions:list': todo,
  'promotions:create': todo,
  'promotions:update': todo,
  'visitStandards:list': todo,
  'visitStandards:save': todo,
  'visitStandards:archive': todo,
  'visitStandards:history': todo,
};
