import { describe, expect, it } from 'vitest';
import type { ClientCard, CorrectionRequest } from '../../../../../shared/contract/clients.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import { ApiError } from '../../../api/regio-api';
import { fieldIssues } from '../../../app/field-errors';
import { card, client, contact, row } from './client-card.fixtures';
import { collapseListIssues, loadProblem } from './client-card.selectors';
import { createClientCardStore } from './client-card.store';
import type { AuditEntry } from './client-card.store';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const gets = (fake: ReturnType<typeof createFakeApi>) =>
  fake.calls.filter((c) => c.command === 'clients:get');

const request = (over: Partial<CorrectionRequest>): CorrectionRequest => ({
  id: 'q1',
  createdAt: '2026-11-02T08:00:00.000Z',
  createdBy: 'r1',
  updatedAt: '2026-11-02T08:00:00.000Z',
  updatedBy: 'r1',
  clientId: 'c1',
  contactId: null,
  field: 'phone',
  currentValue: null,
  proposedValue: '+48 601 000 000',
  note: '',
  requestedBy: 'r1',
  status: 'open',
  decidedBy: null,
  decidedAt: null,
  decisionNote: '',
  ...over,
});

describe('client card store', () => {
  it('loads a client, and a slow answer for the previous client never replaces the current one', async () => {
    const slow = deferred<ClientCard>();
    const fake = createFakeApi({
      'clients:get': ({ id }) =>
        id === 'c1' ? slow.promise : card({ client: client({ id: 'c2', name: 'Druga' }) }),
    });
    const store = createClientCardStore(fake);
    const first = store.getState().open('c1');
    expect(store.getState()).toMatchObject({ clientId: 'c1', status: 'loading', card: null });
    await store.getState().open('c2');
    expect(store.getState().card?.client.name).toBe('Druga');
    slow.resolve(card());
    await first;
    expect(store.getState()).toMatchObject({ clientId: 'c2', status: 'ready' });
    expect(store.getState().card?.client.id).toBe('c2');
  });

  it('keeps the card on screen while a refetch runs, and starts empty for another client', async () => {
    const fake = createFakeApi({ 'clients:get': ({ id }) => card({ client: client({ id }) }) });
    const store = createClientCardStore(fake);
    await store.getState().open('c1');
    const again = store.getState().load();
    expect(store.getState().status).toBe('ready');
    await again;
    const other = store.getState().open('c2');
    expect(store.getState().card).toBeNull();
    await other;
    expect(store.getState().card?.client.id).toBe('c2');
  });

  it('follows changes to what it shows while open, and stops when closed', async () => {
    const fake = createFakeApi({ 'clients:get': () => card() });
    const store = createClientCardStore(fake);
    const stop = store.getState().connect();
    fake.emit('data:changed', { entities: ['contacts'], seq: 1 });
    expect(gets(fake)).toHaveLength(0); // nothing open yet
    await store.getState().open('c1');
    expect(gets(fake)).toHaveLength(1);
    for (const entity of ['clients', 'contacts', 'correctionRequests', 'visits', 'calls']) {
      fake.emit('data:changed', { entities: [entity], seq: 2 });
    }
    expect(gets(fake)).toHaveLength(6);
    fake.emit('data:changed', { entities: ['users', 'dictionaries'], seq: 3 });
    expect(gets(fake)).toHaveLength(6);
    store.getState().close();
    fake.emit('data:changed', { entities: ['clients'], seq: 4 });
    expect(gets(fake)).toHaveLength(6);
    stop();
    expect(fake.listenerCount('data:changed')).toBe(0);
  });

  it('says when the client is gone or not the caller’s', async () => {
    const fake = createFakeApi({
      'clients:get': ({ id }) => {
        throw new AppError(id === 'gone' ? 'not_found' : 'forbidden', 'no', {
          key: id === 'gone' ? 'errors.client_not_found' : 'errors.client_out_of_scope',
        });
      },
    });
    const store = createClientCardStore(fake);
    await store.getState().open('gone');
    expect(store.getState().status).toBe('failed');
    expect(loadProblem(store.getState().error)).toBe('not_found');
    await store.getState().open('theirs');
    expect(loadProblem(store.getState().error)).toBe('out_of_scope');
  });

  it('shows a rep the correction requests they filed about this client, newest first', async () => {
    const fake = createFakeApi({
      'clients:get': () => card({ canEdit: { company: false, contactData: false } }),
      'corrections:list': () => [
        request({ id: 'old', createdAt: '2026-11-01T08:00:00.000Z' }),
        request({ id: 'other', clientId: 'c9' }),
        request({ id: 'new', createdAt: '2026-11-03T08:00:00.000Z', status: 'rejected', decisionNote: 'No' }),
      ],
      'corrections:create': (i) => request({ id: 'filed', ...i }),
    });
    const store = createClientCardStore(fake);
    await store.getState().open('c1');
    expect(store.getState().myCorrections.map((r) => r.id)).toEqual(['new', 'old']);
    await store.getState().fileCorrection({
      clientId: 'c1',
      contactId: null,
      field: 'phone',
      proposedValue: '601 000 000',
      note: '',
    });
    expect(fake.calls.filter((c) => c.command === 'corrections:list')).toHaveLength(2);
  });

  it('does not ask an operator for correction requests', async () => {
    const fake = createFakeApi({ 'clients:get': () => card() });
    const store = createClientCardStore(fake);
    await store.getState().open('c1');
    expect(fake.calls.map((c) => c.command)).toEqual(['clients:get']);
  });

  it('reloads the card after a contact is saved, and takes a saved client’s card as it is', async () => {
    let contacts = [contact()];
    const fake = createFakeApi({
      'clients:get': () => card({ contacts }),
      'contacts:propose': (i) => {
        const p = contact({ ...i, id: 'p2', status: 'proposed', consents: {}, consentHistory: [] });
        contacts = [...contacts, p];
        return p;
      },
      'clients:update': ({ patch }) => card({ client: client({ ...patch, address: client().address }) }),
      'clients:create': (i) =>
        card({ client: client({ ...i, id: 'new', tags: i.tags, address: i.address }) }),
    });
    const store = createClientCardStore(fake);
    await store.getState().open('c1');
    const saved = await store.getState().saveContact({
      mode: 'propose',
      input: { clientId: 'c1', firstName: 'Jan', surname: 'Nowak', phones: ['601 000 000'] },
    });
    expect(saved.status).toBe('proposed');
    expect(store.getState().card?.contacts.map((c) => c.id)).toEqual(['p1', 'p2']);
    await store.getState().saveClient('c1', { name: 'Nowa nazwa' });
    expect(store.getState().card?.client.name).toBe('Nowa nazwa');
    // A new client's card is ready for the screen that opens next.
    await store.getState().saveClient(null, {
      name: 'Nowy',
      address: { street: '', city: 'Łódź', postalCode: '90-001', country: 'PL' },
    });
    expect(store.getState()).toMatchObject({ clientId: 'new', status: 'ready' });
  });

  it('hands a refused contact’s issues to the form, a bad phone at the phones field', async () => {
    const fake = createFakeApi({
      'clients:get': () => card(),
      'contacts:create': () => {
        throw new AppError('validation', 'bad', {
          issues: [{ path: ['phones', 1], key: 'validation.phone', message: 'validation.phone' }],
        });
      },
    });
    const store = createClientCardStore(fake);
    await store.getState().open('c1');
    const err = await store
      .getState()
      .saveContact({
        mode: 'create',
        input: { clientId: 'c1', firstName: 'A', surname: 'B', phones: ['1', 'x'] },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(Object.keys(fieldIssues((collapseListIssues(err, ['phones']) as ApiError).data))).toEqual([
      'phones',
    ]);
    // The contract itself refuses an empty surname before the core sees it.
    const empty = await store
      .getState()
      .saveContact({ mode: 'create', input: { clientId: 'c1', firstName: 'A', surname: '' } })
      .catch((e: unknown) => e);
    expect(Object.keys(fieldIssues((empty as ApiError).data))).toEqual(['surname']);
  });

  it('sends consent decisions, exports and erasures, and reloads what they changed', async () => {
    const fake = createFakeApi({
      'clients:get': () => card(),
      'contacts:setConsent': (i) => contact({ consents: { [i.channel]: i.granted } }),
      'contacts:exportData': ({ format }) => ({
        fileName: `anna.${format}`,
        mime: format === 'pdf' ? 'application/pdf' : 'application/json',
        base64: btoa('{}'),
      }),
      'contacts:erase': () => contact({ erased: true, firstName: '', surname: '' }),
    });
    const store = createClientCardStore(fake);
    await store.getState().open('c1');
    await store.getState().setConsent({ id: 'p1', channel: 'phone', granted: true, source: 'visit' });
    const file = await store.getState().exportData({ id: 'p1', format: 'pdf' });
    expect(file.fileName).toBe('anna.pdf');
    await store.getState().erase({ id: 'p1', reason: 'request by e-mail' });
    expect(gets(fake)).toHaveLength(3);
    // A consent needs its source; the contract refuses it empty.
    await expect(
      store.getState().setConsent({ id: 'p1', channel: 'sms', granted: false, source: ' ' }),
    ).rejects.toBeInstanceOf(ApiError);
  });

  it('offers as parents only clients without a parent, never the client itself', async () => {
    const fake = createFakeApi({
      'clients:list': () => ({
        rows: [row({ id: 'c1' }), row({ id: 'c2' }), row({ id: 'c3', parentId: 'c2' })],
        total: 3,
      }),
    });
    const store = createClientCardStore(fake);
    expect((await store.getState().searchParents('lipa', 'c1')).map((r) => r.id)).toEqual(['c2']);
    expect(fake.calls[0]?.input).toEqual({ query: 'lipa', limit: 10 });
  });

  it('loads a history newest first and follows the audit log while it is open', async () => {
    const entry = (id: string, at: string): AuditEntry => ({
      id,
      at,
      userId: 'op1',
      action: 'update',
      entity: 'clients',
      entityId: 'c1',
      field: 'name',
      old: 'A',
      new: 'B',
    });
    let entries = [entry('a1', '2026-11-01T08:00:00.000Z'), entry('a2', '2026-11-02T08:00:00.000Z')];
    const fake = createFakeApi({ 'clients:get': () => card(), 'audit:history': () => entries });
    const store = createClientCardStore(fake);
    const stop = store.getState().connect();
    await store.getState().open('c1');
    await store.getState().openHistory('c1');
    expect(store.getState().history.entries.map((e) => e.id)).toEqual(['a2', 'a1']);
    entries = [...entries, entry('a3', '2026-11-03T08:00:00.000Z')];
    fake.emit('data:changed', { entities: ['audit'], seq: 5 });
    await expect.poll(() => store.getState().history.entries.length).toBe(3);
    store.getState().closeHistory();
    expect(store.getState().history).toMatchObject({ entityId: null, entries: [] });
    fake.emit('data:changed', { entities: ['audit'], seq: 6 });
    expect(fake.calls.filter((c) => c.command === 'audit:history')).toHaveLength(2);
    stop();
  });

  it('forgets everything on reset', async () => {
    const fake = createFakeApi({ 'clients:get': () => card() });
    const store = createClientCardStore(fake);
    await store.getState().open('c1');
    store.getState().reset();
    expect(store.getState()).toMatchObject({ clientId: null, status: 'idle', card: null, active: false });
  });

  it('asks the core about possible duplicates of the client being entered', async () => {
    const suspect = {
      clientId: 'c2',
      name: 'Pod Lipą',
      city: 'Łódź',
      street: 'ul. Lipowa 1',
      taxId: '5260250274',
      reasons: ['tax_id' as const],
      score: 1,
    };
    const fake = createFakeApi({ 'clients:checkDuplicates': () => [suspect] });
    const store = createClientCardStore(fake);
    const input = {
      id: 'c1',
      name: 'Pod Lipą',
      taxId: '5260250274',
      address: { street: 'ul. Lipowa 1', city: 'Łódź', postalCode: '90-001', country: 'PL' as const },
    };
    await expect(store.getState().checkDuplicates(input)).resolves.toEqual([suspect]);
    expect(fake.calls).toEqual([{ command: 'clients:checkDuplicates', input }]);
  });
});
