import { describe, expect, it } from 'vitest';
import type {
  ClientCard,
  Contact,
  CorrectionRequest,
  ProposedContactRow,
} from '../../../../../shared/contract/clients.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import { ApiError } from '../../../api/regio-api';
import {
  ageInDays,
  displayFieldValue,
  displayProposed,
  displayValue,
  liveValue,
  mineCounts,
  officeDate,
  relativeAge,
  splitMine,
} from './queue.selectors';
import { createQueueStore } from './queue.store';

const meta = (id: string, createdAt = '2026-11-20T09:00:00.000Z') => ({
  id,
  createdAt,
  createdBy: 'rep-1',
  updatedAt: createdAt,
  updatedBy: 'rep-1',
});

const correction = (id: string, over: Partial<CorrectionRequest> = {}): CorrectionRequest => ({
  ...meta(id),
  clientId: 'c1',
  contactId: null,
  field: 'phone',
  currentValue: '+48601000000',
  proposedValue: '+48601000001',
  note: '',
  requestedBy: 'rep-1',
  status: 'open',
  decidedBy: null,
  decidedAt: null,
  decisionNote: '',
  ...over,
});

const contact = (id: string, clientId = 'c1'): Contact => ({
  ...meta(id),
  clientId,
  firstName: 'Jan',
  surname: 'Kowalski',
  position: 'Kierownik sklepu',
  phones: ['+48601000002'],
  emails: [],
  notes: '',
  status: 'proposed',
  consents: {},
  consentHistory: [],
});

const card = (id: string, name: string): ClientCard => ({
  client: {
    ...meta(id),
    name,
    taxId: null,
    regon: null,
    dic: null,
    parentId: null,
    segmentId: null,
    address: { street: 'Piotrkowska 1', city: 'Łódź', postalCode: '90-001', country: 'PL' },
    phone: '+48601000009',
    email: null,
    repId: 'rep-1',
    status: 'active',
    externalCode: null,
    tags: [],
  },
  timeline: [],
  parent: null,
  siblings: [],
  contacts: [{ ...contact('p1', id), status: 'confirmed' }],
  quality: [],
  canEdit: { company: true, contactData: true },
});

/** A small office core: open requests, proposed contacts, and what accepting one needs. */
function office() {
  let requests: CorrectionRequest[] = [correction('r1'), correction('r2', { clientId: 'c2', field: 'name' })];
  let proposed: ProposedContactRow[] = [{ contact: contact('k1'), clientName: 'Sklep', clientCity: 'Łódź' }];
  const decide = (id: string, status: 'accepted' | 'rejected', note = '') => {
    const r = requests.find((x) => x.id === id);
    if (!r) throw new AppError('not_found', 'gone', { key: 'errors.correction_not_found' });
    if (r.status !== 'open') throw new AppError('conflict', 'decided', { key: 'errors.correction_decided' });
    Object.assign(r, { status, decisionNote: note, decidedBy: 'op', decidedAt: '2026-11-24T10:00:00.000Z' });
    return { ...r };
  };
  const api = createFakeApi({
    'corrections:list': ({ status }) => requests.filter((r) => !status || r.status === status),
    'contacts:listProposed': () => proposed,
    'corrections:counts': () => ({
      openCorrections: requests.filter((r) => r.status === 'open').length,
      proposedContacts: proposed.length,
    }),
    'corrections:accept': ({ id }) => decide(id, 'accepted'),
    'corrections:reject': ({ id, note }) => decide(id, 'rejected', note),
    'contacts:confirm': ({ id }) => {
      const row = proposed.find((p) => p.contact.id === id);
      if (!row) throw new AppError('not_found', 'gone', { key: 'errors.contact_not_found' });
      proposed = proposed.filter((p) => p !== row);
      return { ...row.contact, status: 'confirmed' };
    },
    'clients:get': ({ id }) => card(id, id === 'c1' ? 'Sklep Pod Lipą' : 'Market Nowak'),
    'clients:list': (i) => ({
      rows: [],
      total: i.repId === null ? 7 : i.quality === 'no_tax_id' ? 12 : i.quality === 'no_contact' ? 3 : 0,
    }),
  });
  return {
    api,
    setRequests: (r: CorrectionRequest[]) => (requests = r),
    count: (command: string) => api.calls.filter((c) => c.command === command).length,
  };
}

describe('queue store', () => {
  it('loads the open queue oldest first with its counts, and only what was asked for', async () => {
    const { api, count } = office();
    const store = createQueueStore(api);
    await store.getState().loadCounts();
    expect(store.getState().counts).toEqual({ openCorrections: 2, proposedContacts: 1 });
    expect(count('corrections:list')).toBe(0);
    await store.getState().load('office');
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.corrections.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(s.proposed.map((p) => p.contact.id)).toEqual(['k1']);
    expect(api.calls.find((c) => c.command === 'corrections:list')?.input).toEqual({ status: 'open' });
  });

  it('shows a rep the requests they filed, without asking for the office queue', async () => {
    const { api, count } = office();
    const store = createQueueStore(api);
    await store.getState().load('mine');
    expect(store.getState().corrections).toHaveLength(2);
    expect(count('contacts:listProposed')).toBe(0);
    expect(count('corrections:counts')).toBe(0);
    expect(api.calls[0]?.input).toEqual({});
  });

  it('refetches what it shows when corrections, contacts or clients change', async () => {
    const { api, count, setRequests } = office();
    const store = createQueueStore(api);
    const stop = store.getState().connect();
    api.emit('data:changed', { entities: ['correctionRequests'], seq: 1 });
    // Nothing was loaded yet: nothing to refetch.
    expect(api.calls).toHaveLength(0);
    await store.getState().load('office');
    await store.getState().loadCounts();
    api.emit('data:changed', { entities: ['users'], seq: 2 });
    expect(count('corrections:list')).toBe(1);
    setRequests([correction('r3', { createdAt: '2026-11-23T09:00:00.000Z' })]);
    api.emit('data:changed', { entities: ['correctionRequests', 'audit'], seq: 3 });
    await expect.poll(() => store.getState().corrections.map((r) => r.id)).toEqual(['r3']);
    await expect.poll(() => store.getState().counts?.openCorrections).toBe(1);
    expect(count('corrections:counts')).toBe(2);
    stop();
    expect(api.listenerCount()).toBe(0);
  });

  it('accepting applies the change and refetches the queue and its counts', async () => {
    const { api } = office();
    const store = createQueueStore(api);
    await store.getState().loadCounts();
    await store.getState().load('office');
    const pending = store.getState().accept('r1');
    expect(store.getState().busy).toEqual({ r1: 'accept' });
    expect(await pending).toBe(true);
    const s = store.getState();
    expect(s.corrections.map((r) => r.id)).toEqual(['r2']);
    expect(s.counts).toEqual({ openCorrections: 1, proposedContacts: 1 });
    expect(s.busy).toEqual({});
    expect(s.itemErrors).toEqual({});
  });

  it('keeps a refused accept on its item, through refetches, until it is tried again', async () => {
    const { api } = office();
    const store = createQueueStore(api);
    const stop = store.getState().connect();
    await store.getState().load('office');
    api.handle('corrections:accept', () => {
      throw new AppError('validation', 'bad phone', {
        issues: [{ path: ['proposedValue'], key: 'validation.phone', message: 'validation.phone' }],
      });
    });
    expect(await store.getState().accept('r1')).toBe(false);
    const err = store.getState().itemErrors.r1;
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).data.issues?.[0]?.key).toBe('validation.phone');
    expect(store.getState().itemErrors.r2).toBeUndefined();
    // The request stays open, and the error with it when the queue is fetched again.
    api.emit('data:changed', { entities: ['clients'], seq: 5 });
    await expect.poll(() => api.calls.filter((c) => c.command === 'corrections:list').length).toBe(2);
    await expect.poll(() => store.getState().status).toBe('ready');
    expect(store.getState().corrections.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(store.getState().itemErrors.r1).toBe(err);
    expect(store.getState().busy).toEqual({});
    store.getState().clearItemError('r1');
    expect(store.getState().itemErrors).toEqual({});
    stop();
  });

  it('a request decided elsewhere meanwhile drops out of the queue with its error', async () => {
    const { api } = office();
    const store = createQueueStore(api);
    await store.getState().load('office');
    await api.call('corrections:reject', { id: 'r1', note: 'Ktoś inny' });
    expect(await store.getState().accept('r1')).toBe(false);
    expect(store.getState().corrections.map((r) => r.id)).toEqual(['r2']);
    expect(store.getState().itemErrors).toEqual({});
  });

  it('rejecting needs a note, which goes back to the rep', async () => {
    const { api } = office();
    const store = createQueueStore(api);
    await store.getState().load('office');
    const err = await store
      .getState()
      .reject('r2', '   ')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).data.issues?.map((i) => i.path.join('.'))).toEqual(['note']);
    expect(store.getState().corrections).toHaveLength(2);
    expect(store.getState().busy).toEqual({});
    await store.getState().reject('r2', 'Ten numer jest już nieaktualny.');
    expect(store.getState().corrections.map((r) => r.id)).toEqual(['r1']);
    await store.getState().load('mine');
    expect(store.getState().corrections.find((r) => r.id === 'r2')).toMatchObject({
      status: 'rejected',
      decisionNote: 'Ten numer jest już nieaktualny.',
    });
  });

  it('confirms a proposed contact as it is, and keeps a refusal on that contact', async () => {
    const { api } = office();
    const store = createQueueStore(api);
    await store.getState().load('office');
    api.handle('contacts:confirm', () => {
      throw new AppError('forbidden', 'no', { key: 'errors.forbidden' });
    });
    expect(await store.getState().confirm('k1')).toBe(false);
    expect(store.getState().itemErrors.k1).toBeInstanceOf(ApiError);
    expect(store.getState().proposed).toHaveLength(1);
    api.handle('contacts:confirm', ({ id }) => ({ ...contact(id), status: 'confirmed' }));
    api.handle('contacts:listProposed', () => []);
    expect(await store.getState().confirm('k1')).toBe(true);
    expect(store.getState().proposed).toEqual([]);
    expect(store.getState().itemErrors).toEqual({});
    expect(store.getState().counts).toEqual({ openCorrections: 2, proposedContacts: 0 });
  });

  it('fetches each client card once, again after a failure or when clients change', async () => {
    const { api, count } = office();
    const store = createQueueStore(api);
    const stop = store.getState().connect();
    await store.getState().load('office');
    await store.getState().ensureCards(['c1', 'c2', 'c1']);
    expect(count('clients:get')).toBe(2);
    expect(store.getState().cards.c1).toMatchObject({ status: 'ready' });
    await store.getState().ensureCards(['c1', 'c2']);
    expect(count('clients:get')).toBe(2);
    api.handle('clients:get', () => {
      throw new AppError('forbidden', 'out', { key: 'errors.client_out_of_scope' });
    });
    await store.getState().ensureCards(['c3']);
    expect(store.getState().cards.c3).toMatchObject({ status: 'failed' });
    api.handle('clients:get', ({ id }) => card(id, 'Nowa nazwa'));
    api.emit('data:changed', { entities: ['clients'], seq: 9 });
    await expect
      .poll(() => {
        const c = store.getState().cards.c1;
        return c?.status === 'ready' ? c.card.client.name : null;
      })
      .toBe('Nowa nazwa');
    stop();
  });

  it('counts clients per data-quality flag, and follows client changes', async () => {
    const { api } = office();
    const store = createQueueStore(api);
    const stop = store.getState().connect();
    await store.getState().loadQuality(['no_tax_id', 'no_contact', 'no_rep']);
    expect(store.getState()).toMatchObject({
      qualityStatus: 'ready',
      quality: { no_tax_id: 12, no_contact: 3, no_rep: 7 },
    });
    const inputs = api.calls.filter((c) => c.command === 'clients:list').map((c) => c.input);
    expect(inputs).toContainEqual({ repId: null, limit: 1 });
    expect(inputs).toContainEqual({ quality: 'no_tax_id', limit: 1 });
    api.handle('clients:list', () => ({ rows: [], total: 1 }));
    api.emit('data:changed', { entities: ['contacts'], seq: 3 });
    await expect.poll(() => store.getState().quality.no_tax_id).toBe(1);
    stop();
  });

  it('forgets everything on reset, and a load in flight cannot bring it back', async () => {
    const { api } = office();
    const store = createQueueStore(api);
    await store.getState().loadCounts();
    const pending = store.getState().load('office');
    store.getState().reset();
    await pending;
    expect(store.getState()).toMatchObject({
      counts: null,
      scope: null,
      status: 'idle',
      corrections: [],
      proposed: [],
      cards: {},
    });
    const before = api.calls.length;
    const stop = store.getState().connect();
    api.emit('data:changed', { entities: ['correctionRequests'], seq: 4 });
    expect(api.calls.length).toBe(before);
    stop();
  });
});

describe('queue selectors', () => {
  it('read values and proposals as one line', () => {
    expect(displayValue(null)).toBe('');
    expect(displayValue(['+48601000000', '+48601000001'])).toBe('+48601000000, +48601000001');
    expect(displayValue(' Łódź ')).toBe('Łódź');
    expect(displayProposed('phones', '601 000 000\n\n602 000 000')).toBe('601 000 000, 602 000 000');
    expect(displayProposed('name', ' Sklep ')).toBe('Sklep');
    expect(displayProposed('phone', '42 630 55 55', 'PL')).toBe('+48 42 630 55 55');
    expect(displayProposed('phones', '+48517094254\nzły numer', 'PL')).toBe('+48 517 094 254, zły numer');
    expect(displayProposed('taxId', '5260001246', 'PL')).toBe('526-000-12-46');
    expect(displayFieldValue('phone', '+48486279508')).toBe('+48 48 627 95 08');
    expect(displayFieldValue('phones', ['+48601234567', '+48602345678'])).toBe(
      '+48 601 234 567, +48 602 345 678',
    );
    expect(displayFieldValue('taxId', '5260001246', 'PL')).toBe('526-000-12-46');
    expect(displayFieldValue('taxId', '25596641', 'CZ')).toBe('25596641');
    expect(displayFieldValue('phone', null)).toBe('');
    expect(displayFieldValue('address.city', ' Łódź ')).toBe('Łódź');
  });

  it('find the value a record holds now', () => {
    const c = card('c1', 'Sklep');
    expect(liveValue(c, { contactId: null, field: 'address.city' })).toBe('Łódź');
    expect(liveValue(c, { contactId: null, field: 'phone' })).toBe('+48601000009');
    expect(liveValue(c, { contactId: 'p1', field: 'phones' })).toEqual(['+48601000002']);
    expect(liveValue(c, { contactId: 'gone', field: 'phones' })).toBeUndefined();
  });

  it('count age in the office’s days, not the machine’s', () => {
    // 23:30 UTC on the 23rd is already the 24th in Warsaw.
    expect(officeDate('2026-11-23T23:30:00.000Z', 'Europe/Warsaw')).toBe('2026-11-24');
    expect(ageInDays('2026-11-23T23:30:00.000Z', '2026-11-24', 'Europe/Warsaw')).toBe(0);
    expect(ageInDays('2026-11-23T23:30:00.000Z', '2026-11-24', 'UTC')).toBe(1);
    expect(ageInDays('2026-11-21T08:00:00.000Z', '2026-11-24', 'Europe/Prague')).toBe(3);
    expect(ageInDays('nonsense', '2026-11-24', 'UTC')).toBeNull();
    expect(relativeAge('2026-11-21T08:00:00.000Z', '2026-11-24', 'UTC', 'en')).toBe('3 days ago');
    expect(relativeAge('2026-11-23T08:00:00.000Z', '2026-11-24', 'UTC', 'en')).toBe('yesterday');
    expect(relativeAge('2026-11-24T08:00:00.000Z', '2026-11-24', 'UTC', 'pl')).toBe('dzisiaj');
  });

  it('split a rep’s requests into waiting and decided, the latest decision first', () => {
    const list = [
      correction('a'),
      correction('b', { status: 'rejected', decidedAt: '2026-11-21T10:00:00.000Z' }),
      correction('c', { status: 'accepted', decidedAt: '2026-11-22T10:00:00.000Z' }),
    ];
    const { open, decided } = splitMine(list);
    expect(open.map((r) => r.id)).toEqual(['a']);
    expect(decided.map((r) => r.id)).toEqual(['c', 'b']);
    expect(mineCounts(list)).toEqual({ open: 1, accepted: 1, rejected: 1 });
  });
});
