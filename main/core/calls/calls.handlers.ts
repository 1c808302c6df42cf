import { AppError } from '../../../shared/contract/errors';
import type { PartialHandlers } from '../app/handler-table';

// STUB (issue 6): calls, their import and triage — filled in by their owner.
const todo = (): never => {
  throw new AppError('internal', 'not implemented');
};

export const callHandlers: PartialHandlers<
  | 'calls:log'
  | 'calls:list'
  | 'calls:preview'
  | 'calls:import'
  | 'callPresets:list'
  | 'callPresets:save'
  | 'callPresets:delete'
  | 'calls:watchGet'
  | 'calls:watchSet'
  | 'calls:triageList'
  | 'calls:triage'
> = {
  'calls:log': todo,
  'calls:list': todo,
  'calls:preview': todo,
  'calls:import': todo,
  'callPresets:list': todo,
  'callPresets:save': todo,
  'callPresets:delete': todo,
  'calls:watchGet': todo,
  'calls:watchSet': todo,
  'calls:triageList': todo,
  'calls:triage': todo,
};
