import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, ClientCard, MergeOut, UndoMergeResult } from '../../../shared/contract/clients.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// The merge's edge cases, found in review: an undo must give the survivor back its parent company even when the
// merge moved the merged client's outlets onto the survivor (they go back in the same undo).

let t: TestCore;
let op: string;
let n = 0;

async function client(fields: Record<string, unknown> = {}): Promise<Client> {
  n++;
  return (
    await t.ok<ClientCard>(op, 'clients:create', {
      name: `Sklep ${n}`,
      address: { city: 'Łódź', postalCode: '90-001', street: `ul. Długa ${n}`, country: 'PL' },
      ...fields,
    })
  ).client;
}
const get = (id: string) => t.core.store.get<Client>('clients', id)!;

beforeAll(async () => {
  t = await testCore();
  const admin = await t.setUpOffice();
  await t.ok(admin, 'users:create', {
    login: 'olga',
    displayName: 'Olga',
    role: 'operator',
    password: 'xxxxxxxx',
  });
  op = await t.session('olga', 'xxxxxxxx');
});
afterAll(() => t.dispose());

describe('undo merge (review)', () => {
  it('gives the survivor back its parent company when the merge also moved outlets onto it', async () => {
    const chain = await client({ name: 'Sieć Groszek' });
    // The survivor was filed as an outlet of the chain; the duplicate as an independent company with a branch.
    const survivor = await client({ parentId: chain.id });
    const merged = await client();
    const branch = await client({ parentId: merged.id });
    const { merge: m } = await t.ok<{ merge: MergeOut }>(op, 'merges:merge', {
      survivorId: survivor.id,
      mergedId: merged.id,
      take: ['parentId'],
    });
    expect(get(survivor.id).parentId ?? null).toBeNull();
    expect(get(branch.id).parentId).toBe(survivor.id);
    t.clock.advance(60_000);
    const undo = await t.ok<UndoMergeResult>(op, 'merges:undo', { id: m.id });
    // Nothing changed since the merge: everything goes back, nothing is "kept".
    expect(undo.kept).toEqual([]);
    expect(get(branch.id).parentId).toBe(merged.id);
    expect(get(survivor.id).parentId).toBe(chain.id);
  });
});
