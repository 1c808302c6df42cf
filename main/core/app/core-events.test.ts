import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard } from '../../../shared/contract/clients.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// data:changed is what every open screen refetches on: a burst of commits must arrive as a few
// merged events, the first at once, the last naming everything that changed and the last seq.

let t: TestCore;
let admin: string;
beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
});
afterAll(() => t.dispose());

describe('data:changed', () => {
  it('announces a lone commit at once', async () => {
    await new Promise((r) => setTimeout(r, 150));
    const got: unknown[] = [];
    const off = t.core.subscribe((event, payload) => event === 'data:changed' && got.push(payload));
    await t.ok(admin, 'teams:create', { name: 'Zespół A' });
    off();
    expect(got).toEqual([{ entities: expect.arrayContaining(['teams']) as unknown, seq: t.core.store.seq }]);
  });

  it('merges a burst of 200 commits into a few events that end at the last seq', async () => {
    await new Promise((r) => setTimeout(r, 150));
    const got: Array<{ entities: string[]; seq: number }> = [];
    const off = t.core.subscribe(
      (event, payload) =>
        event === 'data:changed' && got.push(payload as { entities: string[]; seq: number }),
    );
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.ok<ClientCard>(admin, 'clients:create', {
          name: `Sklep ${i}`,
          address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
        }),
      ),
    );
    await t.ok(admin, 'teams:create', { name: 'Zespół B' });
    await new Promise((r) => setTimeout(r, 250));
    off();
    expect(got.length).toBeGreaterThanOrEqual(1);
    expect(got.length).toBeLessThan(20);
    expect(got.at(-1)!.seq).toBe(t.core.store.seq);
    const all = new Set(got.flatMap((g) => g.entities));
    for (const e of ['clients', 'audit', 'teams']) expect(all.has(e), e).toBe(true);
  });
});
