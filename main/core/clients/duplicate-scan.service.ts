import type {
  Client,
  Contact,
  DuplicatePairClient,
  DuplicateScanResult,
} from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { ScanPair } from '../../../shared/domain/duplicate-scan';
import { pairKey, scanDuplicatesGen } from '../../../shared/domain/duplicate-scan';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited } from '../audit/audit.service';
import { runSliced } from '../app/sliced';
import type { Collection } from '../store/collection';
import type { Store } from '../store/store';

// The scan of the whole base for suspected duplicates (PRODUCT.md §4, issue 5): the pure scan
// (shared/domain/duplicate-scan.ts) run in slices that give the event loop back every ~8 ms, so
// other calls are served while it runs; its pairs are kept until the clients or the contacts
// change (a dismissal does not: dismissed pairs are filtered out of the kept pairs). A dismissed
// pair (`duplicateDismissals`, unique `pairKey`) never comes back.

interface Dismissal {
  id: string;
  pairKey: string;
  a: string;
  b: string;
  note: string | null;
}

interface Kept {
  clients: Collection;
  clientsVersion: number;
  contacts: Collection;
  contactsVersion: number;
  pairs: ScanPair[];
}

const kept = new WeakMap<Store, Kept>();
type ProgressListener = (done: number, total: number) => void;
/** A scan under way per store: a second caller waits for it (and hears its progress) rather than scanning again. */
const running = new WeakMap<Store, { pairs: Promise<ScanPair[]>; listeners: Set<ProgressListener> }>();

/** Every suspected pair of the base as it is now (dismissed ones too), scanned in slices. */
export async function suspectedPairs(store: Store, onProgress?: ProgressListener): Promise<ScanPair[]> {
  const clients = store.collection('clients');
  const contacts = store.collection('contacts');
  const k = kept.get(store);
  if (
    k &&
    k.clients === clients &&
    k.clientsVersion === clients.version &&
    k.contacts === contacts &&
    k.contactsVersion === contacts.version
  )
    return k.pairs;
  const under = running.get(store);
  if (under) {
    if (onProgress) under.listeners.add(onProgress);
    return under.pairs;
  }
  const clientsVersion = clients.version;
  const contactsVersion = contacts.version;
  // Snapshots of the records (cheap: references), so the scan reads one state across its slices.
  const recs = [...store.all<Client>('clients')];
  const people = [...store.all<Contact>('contacts')];
  const listeners = new Set<ProgressListener>(onProgress ? [onProgress] : []);
  const report = (done: number, total: number) => {
    for (const l of listeners) l(done, total);
  };
  const p = runSliced(scanDuplicatesGen(recs, people, { onProgress: report }))
    .then((pairs) => {
      if (
        store.collection('clients') === clients &&
        clients.version === clientsVersion &&
        store.collection('contacts') === contacts &&
        contacts.version === contactsVersion
      )
        kept.set(store, { clients, clientsVersion, contacts, contactsVersion, pairs });
      return pairs;
    })
    .finally(() => running.delete(store));
  running.set(store, { pairs: p, listeners });
  return p;
}

const summary = (c: Client): DuplicatePairClient => ({
  id: c.id,
  name: c.name,
  city: c.address.city,
  street: c.address.street,
  taxId: c.taxId,
});

export async function scanForDuplicates(
  ctx: HandlerContext,
  i: { limit: number; jobId?: string | undefined },
): Promise<DuplicateScanResult> {
  const jobId = i.jobId;
  let last = -1;
  // At most one event per percent: a scan of L makes thousands of progress calls.
  const progress = jobId
    ? (done: number, total: number) => {
        const pct = Math.floor((done * 100) / Math.max(1, total));
        if (pct === last) return;
        last = pct;
        ctx.emit('job:progress', { jobId, done: Math.round(done), total: Math.round(total) });
      }
    : undefined;
  const pairs = await suspectedPairs(ctx.store, progress);
  const store = ctx.store;
  const out: DuplicateScanResult['pairs'] = [];
  let total = 0;
  let dismissed = 0;
  for (const p of pairs) {
    if (store.byIndex<Dismissal>('duplicateDismissals', 'pairKey', `${p.a}|${p.b}`).length) {
      dismissed++;
      continue;
    }
    // Changed while the scan ran: a client removed or archived since is no suspect any more.
    const a = store.get<Client>('clients', p.a);
    const b = store.get<Client>('clients', p.b);
    if (!a || !b || a.archived || b.archived) continue;
    total++;
    if (out.length < i.limit) out.push({ a: summary(a), b: summary(b), reasons: p.reasons, score: p.score });
  }
  return { pairs: out, total, dismissed };
}

export async function dismissDuplicate(
  ctx: HandlerContext,
  i: { a: string; b: string; note?: string | undefined },
): Promise<{ pairKey: string }> {
  const me = ctx.user();
  if (i.a === i.b)
    throw new AppError('validation', 'A client is not its own duplicate', {
      issues: [{ path: ['b'], key: 'validation.same_client', message: 'validation.same_client' }],
    });
  for (const id of [i.a, i.b])
    if (!ctx.store.get<Client>('clients', id))
      throw new AppError('not_found', `Client ${id} not found`, { key: 'errors.client_not_found' });
  const key = pairKey(i.a, i.b);
  const [a, b] = key.split('|') as [string, string];
  const already = () => ctx.store.byIndex<Dismissal>('duplicateDismissals', 'pairKey', key).length > 0;
  // Dismissed already: nothing to write (the same answer, so a repeated click is harmless).
  if (already()) return { pairKey: key };
  return ctx.store.transact({ userId: me.id }, (tx) => {
    if (already()) return { pairKey: key };
    insertAudited(tx, 'duplicateDismissals', { pairKey: key, a, b, note: i.note ?? null });
    return { pairKey: key };
  });
}
