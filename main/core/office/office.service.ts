import { AppError } from '../../../shared/contract/errors';
import type { Office, OfficeInput } from '../../../shared/contract/office.schema';
import type { Store } from '../store/store';

export function currentOffice(store: Store): Office | null {
  for (const o of store.all<Office & { id: string }>('offices')) return o;
  return null;
}

export async function setupOffice(store: Store, actorId: string, input: OfficeInput): Promise<Office> {
  return store.transact({ userId: actorId }, (tx) => {
    // One data folder serves one office (PRODUCT.md §1): a second setup is a conflict, not an edit.
    if (currentOffice(store))
      throw new AppError('conflict', 'The office is set up already', { key: 'errors.office_exists' });
    return tx.insert<Office & { id: string }>('offices', { ...input });
  });
}
