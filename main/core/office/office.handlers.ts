import type { PartialHandlers } from '../app/handler-table';
import { AppError } from '../../../shared/contract/errors';
import type { Office } from '../../../shared/contract/office.schema';
import { currentOffice } from './office.service';

export const officeHandlers: PartialHandlers<'office:get' | 'office:update'> = {
  'office:get': (ctx) => currentOffice(ctx.store),
  'office:update': (ctx, input) =>
    ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      const office = currentOffice(ctx.store);
      if (!office) throw new AppError('not_found', 'No office yet', { key: 'errors.office_missing' });
      return tx.patch<Office & { id: string }>('offices', office.id, input.office);
    }),
};
