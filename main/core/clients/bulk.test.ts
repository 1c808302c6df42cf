import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkUpdateResult, ClientCard } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// Bulk edit: the preview says exactly what the change will do, the change does it in one
// transaction with one audit entry per changed field, and a manager stays inside their teams.

let t: TestCore;
let op: string;
let mgr: string;
let jan: PublicUser;
let zofia: PublicUser;
let piotr: PublicUser;
let segment: DictionaryItem;
const ids: string[] = [];
let outsider: string;

beforeAll(async () => {
  t = await testCore();
  const admin = await t.setUpOffice();
  const mk = (u: object) => t.ok<PublicUser>(admin, 'users:create', { password: 'xxxxxxxx', ...u });
  const marek = await mk({ login: 'marek', displayName: 'Marek', role: 'manager' });
  const ewa = await mk({ login: 'ewa', displayName: 'Ewa', role: 'manager' });
  const north = await t.ok<Team>(admin, 'teams:create', { name: 'Północ', managerId: marek.id });
  const south = await t.ok<Team>(admin, 'teams:create', { name: 'Południe', managerId: ewa.id });
  jan = await mk({ login: 'jan', displayName: 'Jan', role: 'rep', repCode: 'JKO', teamId: north.id });
  zofia = await mk({ login: 'zofia', displayName: 'Zofia', role: 'rep', repCode: 'ZDA', teamId: north.id });
  piotr = await mk({ login: 'piotr', displayName: 'Piotr', role: 'rep', repCode: 'PZO', teamId: south.id });
  await mk({ login: 'olga', displayName: 'Olga', role: 'operator' });
  op = await t.session('olga', 'xxxxxxxx');
  mgr = await t.session('marek', 'xxxxxxxx');
  segment = (await t.ok<DictionaryItem[]>(op, 'dictionaries:list', { kind: 'segment' }))[0]!;
  const mkClient = async (name: string, repId: string | null) =>
    (
      await t.ok<ClientCard>(op, 'clients:create', {
        name,
        repId,
        address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client.id;
  for (let i = 0; i < 3; i++) ids.push(await mkClient(`Sklep Jana ${i}`, jan.id));
  for (let i = 0; i < 2; i++) ids.push(await mkClient(`Sklep Zofii ${i}`, zofia.id));
  outsider = await mkClient('Sklep Piotra', piotr.id);
});
afterAll(() => t.dispose());

describe('bulk edit', () => {
  it('previews per field and old value without writing, then applies exactly that, audited', async () => {
    const seq = t.core.store.seq;
    const preview = await t.ok<BulkUpdateResult>(op, 'clients:bulkUpdate', {
      ids,
      patch: { repId: zofia.id, segmentId: segment.id },
    });
    expect(t.core.store.seq).toBe(seq);
    expect(preview).toMatchObject({ selected: 5, changed: 5, unchanged: 0, applied: false });
    expect(preview.changes).toEqual([
      { field: 'repId', from: jan.id, to: zofia.id, count: 3 },
      { field: 'segmentId', from: null, to: segment.id, count: 5 },
    ]);

    const done = await t.ok<BulkUpdateResult>(op, 'clients:bulkUpdate', {
      ids,
      patch: { repId: zofia.id, segmentId: segment.id },
      dryRun: false,
    });
    expect(done).toEqual({ ...preview, applied: true });
    for (const id of ids) {
      const card = await t.ok<ClientCard>(op, 'clients:get', { id });
      expect(card.client).toMatchObject({ repId: zofia.id, segmentId: segment.id });
    }
    const hist = await t.ok<Array<{ field: string; old: unknown; new: unknown }>>(op, 'audit:history', {
      entityId: ids[0],
    });
    expect(hist).toContainEqual(expect.objectContaining({ field: 'repId', old: jan.id, new: zofia.id }));

    // Nothing left to change: the same request is now all "unchanged" and writes nothing.
    const again = await t.ok<BulkUpdateResult>(op, 'clients:bulkUpdate', {
      ids,
      patch: { repId: zofia.id },
      dryRun: false,
    });
    expect(again).toMatchObject({ changed: 0, unchanged: 5, changes: [], applied: false });
  });

  it('keeps a manager inside their teams: their clients only, their reps only, no unassigning', async () => {
    const seq = t.core.store.seq;
    expect(
      await t.call(mgr, 'clients:bulkUpdate', {
        ids: [ids[0], outsider],
        patch: { status: 'inactive' },
        dryRun: false,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.bulk_out_of_scope', details: { count: 1 } },
    });
    expect(
      await t.call(mgr, 'clients:bulkUpdate', { ids: [ids[0]], patch: { repId: piotr.id }, dryRun: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ key: 'validation.rep_out_of_scope' }] },
    });
    expect(
      await t.call(mgr, 'clients:bulkUpdate', { ids: [ids[0]], patch: { repId: null }, dryRun: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ key: 'validation.rep_required' }] },
    });
    expect(t.core.store.seq).toBe(seq);
    const ok = await t.ok<BulkUpdateResult>(mgr, 'clients:bulkUpdate', {
      ids: [ids[0]],
      patch: { repId: jan.id },
      dryRun: false,
    });
    expect(ok).toMatchObject({ changed: 1, applied: true });
  });

  it('refuses an empty change, an unknown segment and a rep', async () => {
    const rep = await t.session('jan', 'xxxxxxxx');
    expect(await t.call(op, 'clients:bulkUpdate', { ids, patch: {} })).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ key: 'validation.bulk_nothing' }] },
    });
    expect(await t.call(op, 'clients:bulkUpdate', { ids, patch: { segmentId: jan.id } })).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ key: 'validation.segment_unknown' }] },
    });
    expect(await t.call(rep, 'clients:bulkUpdate', { ids, patch: { status: 'inactive' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('lists every matching id for "select all", and the queue of proposed contacts oldest first', async () => {
    const all = await t.ok<{ ids: string[] }>(op, 'clients:listIds', { query: 'sklep zofii' });
    expect(all.ids.sort()).toEqual(ids.slice(3).sort());
    const repSession = await t.session('zofia', 'xxxxxxxx');
    const a = await t.ok<{ id: string }>(repSession, 'contacts:propose', {
      clientId: ids[3],
      firstName: 'Ala',
      surname: 'Pierwsza',
    });
    t.clock.advance(1000);
    await t.ok(repSession, 'contacts:propose', { clientId: ids[4], firstName: 'Ola', surname: 'Druga' });
    const queue = await t.ok<Array<{ contact: { id: string; surname: string }; clientName: string }>>(
      op,
      'contacts:listProposed',
    );
    expect(queue.map((q) => [q.contact.surname, q.clientName])).toEqual([
      ['Pierwsza', 'Sklep Zofii 0'],
      ['Druga', 'Sklep Zofii 1'],
    ]);
    await t.ok(op, 'contacts:confirm', { id: a.id });
    expect((await t.ok<unknown[]>(op, 'contacts:listProposed')).length).toBe(1);
  });
});
