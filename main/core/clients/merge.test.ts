import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  Client,
  ClientCard,
  Contact,
  MergeOut,
  MergePreview,
  UndoMergeResult,
} from '../../../shared/contract/clients.schema';
import { MERGE_FIELDS } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import type { PublicUser } from '../../../shared/contract/users.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// Merge and undo through the dispatcher, on a real core: what the preview says, what the merge
// moves and takes, that a refused or failing merge writes nothing, and that the undo restores both
// clients while keeping whatever was changed after the merge.

let t: TestCore;
let admin: string;
let op: string;
let rep: string;
let jan: PublicUser;
let zofia: PublicUser;
let segment: DictionaryItem;
let n = 0;

const pl = (city = 'Łódź', postalCode = '90-001', street = 'ul. Piotrkowska 10') => ({
  city,
  postalCode,
  street,
  country: 'PL' as const,
});

async function client(fields: Record<string, unknown> = {}): Promise<Client> {
  n++;
  return (await t.ok<ClientCard>(op, 'clients:create', { name: `Sklep ${n}`, address: pl(), ...fields }))
    .client;
}
async function contact(clientId: string, surname: string): Promise<Contact> {
  return t.ok<Contact>(op, 'contacts:create', {
    clientId,
    firstName: 'Ewa',
    surname,
    phones: ['601 234 567'],
  });
}
/** Records whose services come in later issues: written straight into the store. */
async function insert(collection: string, data: Record<string, unknown>): Promise<string> {
  return t.core.store.transact({ userId: 'test' }, (tx) => tx.insert(collection, data).id);
}
const get = <T extends { id: string } = Record<string, unknown> & { id: string }>(c: string, id: string) =>
  t.core.store.get<T>(c, id)!;

beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
  const mk = (u: object) => t.ok<PublicUser>(admin, 'users:create', { password: 'xxxxxxxx', ...u });
  jan = await mk({ login: 'jan', displayName: 'Jan', role: 'rep', repCode: 'JKO' });
  zofia = await mk({ login: 'zofia', displayName: 'Zofia', role: 'rep', repCode: 'ZDA' });
  await mk({ login: 'olga', displayName: 'Olga', role: 'operator' });
  op = await t.session('olga', 'xxxxxxxx');
  rep = await t.session('jan', 'xxxxxxxx');
  segment = (await t.ok<DictionaryItem[]>(op, 'dictionaries:list', { kind: 'segment' }))[0]!;
});
afterAll(() => t.dispose());

/** A survivor and a duplicate with one of every related record on the duplicate. */
async function duplicatePair() {
  const survivor = await client({ name: 'Żabka Piotrkowska', repId: jan.id, externalCode: `S-${n}` });
  const merged = await client({
    name: 'Sklep Żabka Sp. z o.o.',
    taxId: '526-000-12-46',
    phone: '42 630 11 11',
    repId: zofia.id,
    segmentId: segment.id,
    externalCode: `M-${n}`,
    address: pl('Łódź', '90-002', 'Piotrkowska 10'),
  });
  const kept = await contact(survivor.id, 'Stara');
  const movedContact = await contact(merged.id, 'Nowak');
  const archivedContact = await contact(merged.id, 'Dawna');
  await t.core.store.transact({ userId: 'test' }, (tx) =>
    tx.patch('contacts', archivedContact.id, { archived: true }),
  );
  const outlet = await client({ name: 'Żabka – punkt 2', parentId: merged.id });
  const rec = {
    visit: await insert('visits', {
      clientId: merged.id,
      repId: zofia.id,
      date: '2026-11-02',
      status: 'done',
    }),
    call: await insert('calls', { clientId: merged.id, userId: zofia.id, startedAt: '2026-11-03T10:00:00Z' }),
    action: await insert('localActions', { clientId: merged.id, repId: zofia.id, title: 'Degustacja' }),
    order: await insert('orderLines', { clientId: merged.id, date: '2026-11-04', productName: 'Woda' }),
    deal: await insert('deals', { clientId: merged.id, repId: zofia.id }),
    attachment: await insert('attachments', { ownerId: merged.id, name: 'umowa.pdf' }),
    correction: await insert('correctionRequests', { clientId: merged.id, status: 'pending' }),
  };
  return { survivor, merged, kept, movedContact, archivedContact, outlet, rec };
}

const merge = (survivorId: string, mergedId: string, take: string[] = []) =>
  t.ok<{ merge: MergeOut; card: ClientCard }>(op, 'merges:merge', { survivorId, mergedId, take });

describe('merge preview', () => {
  it('lists the differing fields (address as a whole) and what would move, writing nothing', async () => {
    const p = await duplicatePair();
    const seq = t.core.store.seq;
    const preview = await t.ok<MergePreview>(op, 'merges:preview', {
      survivorId: p.survivor.id,
      mergedId: p.merged.id,
    });
    expect(t.core.store.seq).toBe(seq);
    expect(preview.survivor.id).toBe(p.survivor.id);
    expect(preview.merged.id).toBe(p.merged.id);
    expect(preview.differing).toEqual([
      'name',
      'taxId',
      'segmentId',
      'address',
      'phone',
      'repId',
      'externalCode',
    ]);
    expect(preview.moves).toEqual({
      contacts: 1,
      visits: 1,
      calls: 1,
      localActions: 1,
      orderLines: 1,
      deals: 1,
      attachments: 1,
      outlets: 1,
      correctionRequests: 1,
    });
  });

  it('does not count an address with its keys in another order as different', async () => {
    const a = await client({
      address: { country: 'PL', street: 'ul. Długa 1', postalCode: '90-001', city: 'Łódź' },
    });
    const b = await client({
      address: { city: 'Łódź', street: 'ul. Długa 1', postalCode: '90-001', country: 'PL' },
    });
    const preview = await t.ok<MergePreview>(op, 'merges:preview', { survivorId: a.id, mergedId: b.id });
    expect(preview.differing).toEqual(['name']);
  });

  it('refuses the same client, an unknown one and an archived one with their keys', async () => {
    const a = await client();
    const b = await client();
    expect(await t.call(op, 'merges:preview', { survivorId: a.id, mergedId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'validation.same_client' },
    });
    expect(await t.call(op, 'merges:preview', { survivorId: a.id, mergedId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', key: 'errors.client_not_found' },
    });
    await merge(a.id, b.id);
    const c = await client();
    expect(await t.call(op, 'merges:preview', { survivorId: c.id, mergedId: b.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.client_archived' },
    });
    expect(await t.call(op, 'merges:merge', { survivorId: b.id, mergedId: c.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.client_archived' },
    });
  });
});

describe('merge', () => {
  it('moves every related record to the survivor, takes the chosen fields and archives the merged client', async () => {
    const p = await duplicatePair();
    const mergedCode = p.merged.externalCode;
    const { merge: m, card } = await merge(p.survivor.id, p.merged.id, ['taxId', 'phone', 'externalCode']);

    expect(m).toMatchObject({
      survivorId: p.survivor.id,
      mergedId: p.merged.id,
      survivorName: 'Żabka Piotrkowska',
      mergedName: 'Sklep Żabka Sp. z o.o.',
      take: ['taxId', 'phone', 'externalCode'],
      undoneAt: null,
      undoneBy: null,
    });
    expect(m.moved).toMatchObject({
      contacts: 1,
      visits: 1,
      outlets: 1,
      attachments: 1,
      correctionRequests: 1,
    });
    // Taken fields are the merged client's (normalised), the others stay the survivor's.
    expect(card.client).toMatchObject({
      name: 'Żabka Piotrkowska',
      taxId: '5260001246',
      phone: p.merged.phone,
      externalCode: mergedCode,
      repId: jan.id,
      segmentId: null,
    });
    expect(card.contacts.map((c) => c.surname).sort()).toEqual(['Nowak', 'Stara']);
    expect(card.timeline.map((i) => i.kind).sort()).toEqual(['action', 'call', 'order', 'visit']);
    expect(card.siblings.map((s) => s.id)).toEqual([p.outlet.id]);

    const merged = get<Client>('clients', p.merged.id);
    expect(merged).toMatchObject({ archived: true, mergedInto: p.survivor.id, externalCode: null });
    for (const [c, id] of [
      ['visits', p.rec.visit],
      ['calls', p.rec.call],
      ['localActions', p.rec.action],
      ['orderLines', p.rec.order],
      ['deals', p.rec.deal],
      ['correctionRequests', p.rec.correction],
      ['contacts', p.archivedContact.id],
    ] as const)
      expect(get(c, id).clientId).toBe(p.survivor.id);
    expect(get('attachments', p.rec.attachment).ownerId).toBe(p.survivor.id);
    expect(get<Client>('clients', p.outlet.id).parentId).toBe(p.survivor.id);

    // The merged client leaves the list; the survivor is found by its new external code.
    const rows = await t.ok<{ rows: Array<{ id: string }> }>(op, 'clients:list', { query: mergedCode! });
    expect(rows.rows.map((r) => r.id)).toContain(p.survivor.id);
    expect(rows.rows.map((r) => r.id)).not.toContain(p.merged.id);
  });

  it('is audited: each client’s history shows the merge, the moves and the taken fields', async () => {
    const p = await duplicatePair();
    const { merge: m } = await merge(p.survivor.id, p.merged.id, ['phone']);
    type Entry = { action: string; field: string | null; new: unknown; details?: Record<string, unknown> };
    const survivorHistory = await t.ok<Entry[]>(op, 'audit:history', { entityId: p.survivor.id });
    expect(survivorHistory.filter((e) => e.action === 'merge')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'phone', new: get<Client>('clients', p.survivor.id).phone }),
      ]),
    );
    expect(survivorHistory.find((e) => e.action === 'merge' && e.field === null)?.details).toMatchObject({
      mergeId: m.id,
      role: 'survivor',
      undo: false,
    });
    const mergedHistory = await t.ok<Entry[]>(op, 'audit:history', { entityId: p.merged.id });
    expect(mergedHistory.filter((e) => e.action === 'merge').map((e) => e.field)).toEqual(
      expect.arrayContaining(['archived', 'mergedInto', 'externalCode', null]),
    );
    const contactHistory = await t.ok<Entry[]>(op, 'audit:history', { entityId: p.movedContact.id });
    expect(contactHistory.at(-1)).toMatchObject({ action: 'merge', field: 'clientId', new: p.survivor.id });
    expect(t.core.store.byIndex('audit', 'entityId', m.id)).toEqual([
      expect.objectContaining({ action: 'create', entity: 'merges' }),
    ]);
  });

  it('refuses invalid combinations at once, writing nothing', async () => {
    const seq = t.core.store.seq;
    const cz = await client({
      name: 'Potraviny',
      taxId: '25596641',
      address: { city: 'Brno', postalCode: '602 00', country: 'CZ', street: '' },
    });
    const plain = await client();
    const parent = await client({ name: 'Sieć' });
    const outlet = await client({ name: 'Sieć – punkt', parentId: parent.id });
    const otherParent = await client({ name: 'Inna sieć' });
    const otherOutlet = await client({ name: 'Inna sieć – punkt', parentId: otherParent.id });
    const before = t.core.store.seq;
    expect(before).toBeGreaterThan(seq);

    // A Czech IČO is not a valid Polish NIP: the survivor's record would not pass the form.
    expect(
      await t.call(op, 'merges:merge', { survivorId: plain.id, mergedId: cz.id, take: ['taxId'] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: ['taxId'], key: 'validation.nip_checksum' }] },
    });
    // A parent company and its own outlet.
    expect(await t.call(op, 'merges:merge', { survivorId: parent.id, mergedId: outlet.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.merge_chain' },
    });
    expect(await t.call(op, 'merges:merge', { survivorId: outlet.id, mergedId: parent.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.merge_chain' },
    });
    // A parent company that would become an outlet while keeping (or receiving) outlets.
    expect(
      await t.call(op, 'merges:merge', {
        survivorId: parent.id,
        mergedId: otherOutlet.id,
        take: ['parentId'],
      }),
    ).toMatchObject({ ok: false, error: { key: 'errors.merge_nested_chain' } });
    expect(
      await t.call(op, 'merges:merge', { survivorId: otherOutlet.id, mergedId: parent.id }),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.merge_nested_chain' },
    });
    expect(t.core.store.seq).toBe(before);
    expect(get<Client>('clients', outlet.id)).toMatchObject({ parentId: parent.id });
    expect(get<Client>('clients', cz.id).archived).toBeUndefined();
  });

  it('is atomic: a failure after the first writes leaves everything as it was', async () => {
    const p = await duplicatePair();
    const seq = t.core.store.seq;
    const store = t.core.store;
    const before = {
      survivor: get<Client>('clients', p.survivor.id),
      merged: get<Client>('clients', p.merged.id),
    };
    const writable = store.writable.bind(store);
    const spy = vi.spyOn(store, 'writable').mockImplementation((name: string) => {
      if (name === 'merges') throw new Error('disk full');
      return writable(name);
    });
    try {
      const r = await t.call(op, 'merges:merge', {
        survivorId: p.survivor.id,
        mergedId: p.merged.id,
        take: ['externalCode', 'phone'],
      });
      expect(r.ok).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(store.seq).toBe(seq);
    expect(get<Client>('clients', p.merged.id)).toBe(before.merged);
    expect(get<Client>('clients', p.survivor.id)).toBe(before.survivor);
    expect(get('contacts', p.movedContact.id).clientId).toBe(p.merged.id);
    expect(get('visits', p.rec.visit).clientId).toBe(p.merged.id);
    expect(get<Client>('clients', p.outlet.id).parentId).toBe(p.merged.id);
    expect(store.byIndex('merges', 'survivorId', p.survivor.id)).toEqual([]);
    // The codes are still where they were: a new client cannot take either.
    expect(
      await t.call(op, 'clients:create', { name: 'X', address: pl(), externalCode: p.merged.externalCode }),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.external_code_taken' },
    });
  });

  it('is for the operator and the admin only; a rep sees only the merges of their own clients', async () => {
    const a = await client({ repId: jan.id });
    const b = await client({ repId: zofia.id });
    for (const [cmd, input] of [
      ['merges:preview', { survivorId: a.id, mergedId: b.id }],
      ['merges:merge', { survivorId: a.id, mergedId: b.id }],
      ['merges:undo', { id: 'x' }],
    ] as const)
      expect(await t.call(rep, cmd, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { merge: m } = await t.ok<{ merge: MergeOut }>(admin, 'merges:merge', {
      survivorId: a.id,
      mergedId: b.id,
    });
    expect((await t.ok<MergeOut[]>(rep, 'merges:list', { clientId: a.id })).map((x) => x.id)).toEqual([m.id]);
    expect(await t.call(rep, 'merges:list', { clientId: b.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.client_out_of_scope' },
    });
  });
});

describe('undo merge', () => {
  it('restores both clients and moves back what was moved, keeping what changed since', async () => {
    const p = await duplicatePair();
    const survivorBefore = get<Client>('clients', p.survivor.id);
    const { merge: m } = await merge(p.survivor.id, p.merged.id, [
      'taxId',
      'phone',
      'externalCode',
      'segmentId',
    ]);
    const third = await client({ name: 'Trzeci' });

    // After the merge: the phone is edited on the survivor, a moved contact's phone is edited, a
    // moved visit is reassigned to a third client, and a new visit is booked on the survivor.
    await t.ok(op, 'clients:update', { id: p.survivor.id, patch: { phone: '42 600 00 00' } });
    await t.ok(op, 'contacts:update', { id: p.movedContact.id, patch: { phones: ['602 000 111'] } });
    await t.core.store.transact({ userId: 'test' }, (tx) =>
      tx.patch('visits', p.rec.visit, { clientId: third.id }),
    );
    const newVisit = await insert('visits', {
      clientId: p.survivor.id,
      date: '2026-11-24',
      status: 'planned',
    });

    const undo = await t.ok<UndoMergeResult>(op, 'merges:undo', { id: m.id });
    expect(undo.merge).toMatchObject({ id: m.id, undoneAt: m.at });
    expect(undo.merge.undoneBy).toBe(m.by);
    expect(undo.kept).toEqual(
      expect.arrayContaining([
        {
          entity: 'clients',
          id: p.survivor.id,
          field: 'phone',
          restore: null,
          current: '+48426000000',
        },
        { entity: 'visits', id: p.rec.visit, field: 'clientId', restore: p.merged.id, current: third.id },
      ]),
    );
    expect(undo.kept).toHaveLength(2);

    // The survivor: the fields it took are back, the one edited since keeps its newer value.
    const survivor = get<Client>('clients', p.survivor.id);
    expect(survivor).toMatchObject({
      taxId: survivorBefore.taxId,
      segmentId: survivorBefore.segmentId,
      externalCode: survivorBefore.externalCode,
      phone: '+48426000000',
    });
    // The merged client is live again, with its own external code.
    expect(get<Client>('clients', p.merged.id)).toMatchObject({
      archived: false,
      mergedInto: null,
      externalCode: p.merged.externalCode,
    });
    // Moved records are back, with the edits made on them since.
    expect(get<Contact>('contacts', p.movedContact.id)).toMatchObject({
      clientId: p.merged.id,
      phones: ['+48602000111'],
    });
    expect(get('contacts', p.archivedContact.id).clientId).toBe(p.merged.id);
    for (const [c, id] of [
      ['calls', p.rec.call],
      ['localActions', p.rec.action],
      ['orderLines', p.rec.order],
      ['deals', p.rec.deal],
      ['correctionRequests', p.rec.correction],
    ] as const)
      expect(get(c, id).clientId).toBe(p.merged.id);
    expect(get('attachments', p.rec.attachment).ownerId).toBe(p.merged.id);
    expect(get<Client>('clients', p.outlet.id).parentId).toBe(p.merged.id);
    expect(get('visits', p.rec.visit).clientId).toBe(third.id);
    // What was created on the survivor after the merge stays with the survivor.
    expect(get('visits', newVisit).clientId).toBe(p.survivor.id);

    const cards = {
      survivor: await t.ok<ClientCard>(op, 'clients:get', { id: p.survivor.id }),
      merged: await t.ok<ClientCard>(op, 'clients:get', { id: p.merged.id }),
    };
    expect(cards.survivor.contacts.map((c) => c.surname)).toEqual(['Stara']);
    expect(cards.merged.contacts.map((c) => c.surname)).toEqual(['Nowak']);

    // Once only.
    expect(await t.call(op, 'merges:undo', { id: m.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.merge_already_undone' },
    });
    expect(await t.call(op, 'merges:undo', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', key: 'errors.merge_not_found' },
    });
    // The history of both clients shows the undo.
    const h = await t.ok<Array<{ action: string; details?: { undo?: boolean } }>>(op, 'audit:history', {
      entityId: p.merged.id,
    });
    expect(h.some((e) => e.action === 'merge' && e.details?.undo === true)).toBe(true);
  });

  it('keeps the merged client’s external code cleared when someone else has it now, and says so', async () => {
    const a = await client({ externalCode: 'UNDO-A' });
    const b = await client({ externalCode: 'UNDO-B' });
    const { merge: m } = await merge(a.id, b.id);
    const c = await client({ externalCode: 'UNDO-B' });
    const undo = await t.ok<UndoMergeResult>(op, 'merges:undo', { id: m.id });
    expect(undo.kept).toEqual([
      { entity: 'clients', id: b.id, field: 'externalCode', restore: 'UNDO-B', current: null },
    ]);
    expect(get<Client>('clients', b.id)).toMatchObject({ archived: false, externalCode: null });
    expect(get<Client>('clients', c.id).externalCode).toBe('UNDO-B');
  });

  it('gives a taken external code back to the merged client when the survivor still has it', async () => {
    const a = await client({ externalCode: 'SWAP-A' });
    const b = await client({ externalCode: 'SWAP-B' });
    const { merge: m } = await merge(a.id, b.id, ['externalCode']);
    expect(get<Client>('clients', a.id).externalCode).toBe('SWAP-B');
    const undo = await t.ok<UndoMergeResult>(op, 'merges:undo', { id: m.id });
    expect(undo.kept).toEqual([]);
    expect(get<Client>('clients', a.id).externalCode).toBe('SWAP-A');
    expect(get<Client>('clients', b.id).externalCode).toBe('SWAP-B');
  });

  it('asks to undo a later merge of the same clients first', async () => {
    const a = await client();
    const b = await client();
    const c = await client();
    const { merge: m1 } = await merge(b.id, a.id);
    const { merge: m2 } = await merge(c.id, b.id);
    expect(await t.call(op, 'merges:undo', { id: m1.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.merge_undo_later_first' },
    });
    expect((await t.ok<MergeOut[]>(op, 'merges:list', { clientId: b.id })).map((x) => x.id)).toEqual([
      m2.id,
      m1.id,
    ]);
    await t.ok(op, 'merges:undo', { id: m2.id });
    await t.ok(op, 'merges:undo', { id: m1.id });
    for (const id of [a.id, b.id, c.id]) expect(get<Client>('clients', id).archived ?? false).toBe(false);
  });

  it('survives a reopen of the data folder: the merge is there and can be undone', async () => {
    const p = await duplicatePair();
    const { merge: m } = await merge(p.survivor.id, p.merged.id, ['name']);
    await t.reopen();
    const op2 = await t.session('olga', 'xxxxxxxx');
    const list = await t.ok<MergeOut[]>(op2, 'merges:list', { clientId: p.merged.id });
    expect(list).toEqual([m]);
    expect(get('contacts', p.movedContact.id).clientId).toBe(p.survivor.id);
    const undo = await t.ok<UndoMergeResult>(op2, 'merges:undo', { id: m.id });
    expect(undo.kept).toEqual([]);
    expect(get<Client>('clients', p.survivor.id).name).toBe('Żabka Piotrkowska');
    expect(get('contacts', p.movedContact.id).clientId).toBe(p.merged.id);
    op = op2;
  });
});

describe('merge and undo, for any choice of fields and any later edits', () => {
  it('undo gives every field back unless it was edited since, and reports exactly those', async () => {
    const EDITS = { name: 'Nazwa po scaleniu', email: 'po@scaleniu.pl', tags: ['po'] } as const;
    type Edited = keyof typeof EDITS;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(MERGE_FIELDS.filter((f) => f !== 'parentId')),
        fc.subarray(Object.keys(EDITS) as Edited[]),
        async (take, edited) => {
          const survivor = await client({
            name: 'Hurtownia A',
            taxId: '779-000-28-69',
            phone: '42 630 22 22',
            email: 'a@hurt.pl',
            repId: jan.id,
            externalCode: `PA-${n}`,
            tags: ['a'],
          });
          const merged = await client({
            name: 'Hurtownia B',
            taxId: '526-000-12-46',
            phone: '42 630 11 11',
            email: 'b@hurt.pl',
            repId: zofia.id,
            segmentId: segment.id,
            status: 'inactive',
            externalCode: `PB-${n}`,
            tags: ['b'],
            address: pl('Kraków', '30-001', 'Rynek 1'),
          });
          const before = get<Client>('clients', survivor.id);
          const mergedBefore = get<Client>('clients', merged.id);
          const { merge: m } = await merge(survivor.id, merged.id, take);
          const patch = Object.fromEntries(edited.map((f) => [f, EDITS[f]]));
          if (edited.length) await t.ok(op, 'clients:update', { id: survivor.id, patch });
          const undo = await t.ok<UndoMergeResult>(op, 'merges:undo', { id: m.id });

          const after = get<Client>('clients', survivor.id);
          for (const f of MERGE_FIELDS) {
            if ((edited as string[]).includes(f)) expect(after[f]).toEqual(patch[f]);
            else expect(after[f]).toEqual(before[f]);
          }
          expect(undo.kept.map((k) => k.field).sort()).toEqual(
            take.filter((f) => (edited as string[]).includes(f)).sort(),
          );
          const back = get<Client>('clients', merged.id);
          for (const f of MERGE_FIELDS) expect(back[f]).toEqual(mergedBefore[f]);
          expect(back).toMatchObject({ archived: false, mergedInto: null });
        },
      ),
      { numRuns: 25 },
    );
  });
});
