import type { Office } from '../../../shared/contract/office.schema';
import type { Store } from '../store/store';

export function currentOffice(store: Store): Office | null {
  for (const o of store.all<Office & { id: string }>('offices')) return o;
  return null;
}
