import type { PartialHandlers } from '../app/handler-table';
import { currentOffice, setupOffice } from './office.service';

export const officeHandlers: PartialHandlers<'office:get' | 'office:setup'> = {
  'office:get': (ctx) => currentOffice(ctx.store),
  'office:setup': (ctx, input) => setupOffice(ctx.store, ctx.actorId(), input.office),
};
