import { AppError } from '../../../shared/contract/errors';
import type { PartialHandlers } from '../app/handler-table';

// STUB (issue 6): visits, tasks, attachments and the rep's counters — filled in by their owner.
const todo = (): never => {
  throw new AppError('internal', 'not implemented');
};

export const visitHandlers: PartialHandlers<
  | 'visits:plan'
  | 'visits:planSeries'
  | 'visits:update'
  | 'visits:complete'
  | 'visits:cancel'
  | 'visits:get'
  | 'visits:agenda'
  | 'tasks:update'
  | 'attachments:add'
  | 'attachments:get'
  | 'home:repCounters'
> = {
  'visits:plan': todo,
  'visits:planSeries': todo,
  'visits:update': todo,
  'visits:complete': todo,
  'visits:cancel': todo,
  'visits:get': todo,
  'visits:agenda': todo,
  'tasks:update': todo,
  'attachments:add': todo,
  'attachments:get': todo,
  'home:repCounters': todo,
};
