import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, DuplicateScanResult } from '../../../shared/contract/clients.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// The scan of the whole base through the core: suspected pairs with reasons and scores, a chain's
// outlets left alone, a dismissed pair gone for good (also after a reopen), only the operator and
// the admin may scan or dismiss, and the event loop keeps turning while a big scan runs.

let t: TestCore;
let op: string;
let admin: string;
const ids: Record<string, string> = {};
const addr = (city: string, postalCode: string, street = '') => ({
  city,
  postalCode,
  street,
  country: 'PL' as const,
});

beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
  for (const [login, role, repCode] of [
    ['olga', 'operator', undefined],
    ['jan', 'rep', 'JKO'],
    ['marek', 'manager', undefined],
  ] as const)
    await t.ok(admin, 'users:create', { login, displayName: login, role, password: 'xxxxxxxx', repCode });
  op = await t.session('olga', 'xxxxxxxx');
  const mk = async (key: string, c: Record<string, unknown>) => {
    ids[key] = (await t.ok<ClientCard>(op, 'clients:create', c)).client.id;
  };
  await mk('zabka', {
    name: 'Sklep Spożywczy „Żabka” Sp. z o.o.',
    taxId: '526-000-12-46',
    address: addr('Łódź', '90-001', 'ul. Piotrkowska 10'),
  });
  await mk('zabka2', {
    name: 'sklep spozywczy zabka',
    address: addr('Lodz', '90-002', 'Piotrkowska 10'),
  });
  await mk('taxTwin', { name: 'Hurtownia Zenek', taxId: '5260001246', address: addr('Kraków', '30-001') });
  await mk('parent', {
    name: 'Sieć Groszek S.A.',
    taxId: '779-000-28-69',
    address: addr('Poznań', '60-001'),
  });
  await mk('outlet', {
    name: 'Groszek – Poznań Rataje',
    taxId: '779-000-28-69',
    parentId: ids.parent,
    address: addr('Poznań', '61-001'),
  });
  await mk('phoneA', { name: 'Kiosk Ruch', phone: '42 630 11 11', address: addr('Gdańsk', '80-001') });
  await mk('phoneB', { name: 'Delikatesy Mewa', address: addr('Sopot', '81-001') });
  await t.ok(op, 'contacts:create', {
    clientId: ids.phoneB,
    firstName: 'Ewa',
    surname: 'Nowak',
    phones: ['+48 42 630 11 11'],
  });
});
afterAll(() => t.dispose());

const scan = (session = op, limit?: number) =>
  t.ok<DuplicateScanResult>(session, 'duplicates:scan', limit === undefined ? {} : { limit });
const pairOf = (r: DuplicateScanResult, x: string, y: string) =>
  r.pairs.find((p) => [p.a.id, p.b.id].sort().join('|') === [ids[x], ids[y]].sort().join('|'));

describe('the scan for duplicates', () => {
  it('lists the suspected pairs with their reasons and scores, strongest first', async () => {
    const r = await scan();
    expect(r.dismissed).toBe(0);
    expect(r.total).toBe(r.pairs.length);
    const zabka = pairOf(r, 'zabka', 'zabka2');
    expect(zabka).toMatchObject({ reasons: ['name_address'], score: 1 });
    expect(zabka!.a.id < zabka!.b.id).toBe(true);
    expect(pairOf(r, 'zabka', 'taxTwin')).toMatchObject({ reasons: ['tax_id'], score: 1 });
    expect(pairOf(r, 'phoneA', 'phoneB')).toMatchObject({ reasons: ['phone'], score: 0.9 });
    expect(pairOf(r, 'parent', 'outlet')).toBeUndefined();
    expect(r.pairs.map((p) => p.score)).toEqual([...r.pairs.map((p) => p.score)].sort((a, b) => b - a));
    const side = zabka!.a.id === ids.zabka ? zabka!.a : zabka!.b;
    expect(side).toEqual({
      id: ids.zabka,
      name: 'Sklep Spożywczy „Żabka” Sp. z o.o.',
      city: 'Łódź',
      street: 'ul. Piotrkowska 10',
      taxId: '5260001246',
    });
  });

  it('answers at most `limit` pairs and says how many there are', async () => {
    const r = await scan(op, 1);
    expect(r.pairs).toHaveLength(1);
    expect(r.total).toBe(3);
    expect((await t.call(op, 'duplicates:scan', { limit: 1001 })).ok).toBe(false);
  });

  it('a dismissed pair never comes back, and dismissing it again is harmless', async () => {
    const d = await t.ok<{ pairKey: string }>(op, 'duplicates:dismiss', {
      a: ids.zabka2,
      b: ids.zabka,
      note: 'Dwa sklepy w jednej kamienicy',
    });
    expect(d.pairKey).toBe([ids.zabka, ids.zabka2].sort().join('|'));
    const seq = t.core.store.seq;
    expect(await t.ok(op, 'duplicates:dismiss', { a: ids.zabka, b: ids.zabka2 })).toEqual(d);
    expect(t.core.store.seq).toBe(seq);
    const r = await scan();
    expect(pairOf(r, 'zabka', 'zabka2')).toBeUndefined();
    expect(r).toMatchObject({ total: 2, dismissed: 1 });
    // Recorded in the audit log, and still dismissed after the data folder is opened again.
    const [rec] = t.core.store.byIndex<{ id: string; note: string }>(
      'duplicateDismissals',
      'pairKey',
      d.pairKey,
    );
    expect(rec!.note).toBe('Dwa sklepy w jednej kamienicy');
    expect(t.core.store.byIndex('audit', 'entityId', rec!.id)).toMatchObject([
      { action: 'create', entity: 'duplicateDismissals' },
    ]);
    await t.reopen();
    op = await t.session('olga', 'xxxxxxxx');
    admin = await t.session('admin', 'admin-123');
    expect(pairOf(await scan(), 'zabka', 'zabka2')).toBeUndefined();
    // Editing one of them no longer warns of the other.
    const card = await t.ok<{ client: Record<string, unknown> & { address: object } }>(op, 'clients:get', {
      id: ids.zabka,
    });
    const c = card.client;
    const suspects = await t.ok<Array<{ clientId: string }>>(op, 'clients:checkDuplicates', {
      id: ids.zabka,
      name: c.name,
      taxId: c.taxId,
      phone: c.phone,
      email: c.email,
      parentId: c.parentId,
      address: c.address,
    });
    expect(suspects.map((x) => x.clientId)).not.toContain(ids.zabka2);
  });

  it('sees what changed since the last scan', async () => {
    await t.ok(op, 'clients:create', {
      name: 'Kiosk Ruch',
      phone: '601 999 888',
      address: addr('Gdańsk', '80-001', 'Długa 1'),
    });
    const r = await scan();
    expect(r.pairs.filter((p) => p.a.name === 'Kiosk Ruch' && p.b.name === 'Kiosk Ruch')).toHaveLength(1);
  });

  it('refuses a client paired with itself or one that does not exist', async () => {
    expect(await t.call(op, 'duplicates:dismiss', { a: ids.zabka, b: ids.zabka })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await t.call(op, 'duplicates:dismiss', { a: ids.zabka, b: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('is for the operator and the admin only', async () => {
    expect((await scan(admin)).total).toBeGreaterThan(0);
    for (const login of ['jan', 'marek']) {
      const s = await t.session(login, 'xxxxxxxx');
      for (const [command, input] of [
        ['duplicates:scan', {}],
        ['duplicates:dismiss', { a: ids.phoneA, b: ids.phoneB }],
      ] as const)
        expect(await t.call(s, command, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(pairOf(await scan(), 'phoneA', 'phoneB')).toBeDefined();
  });

  it('gives the event loop back while a big scan runs, and serves other calls meanwhile', async () => {
    // 6 000 clients in one town: the scan takes many slices.
    await t.core.store.transact({ userId: 'system' }, (tx) => {
      for (let k = 0; k < 6000; k++)
        tx.insert('clients', {
          name: `Sklep ${k.toString(36)} ${((k * 7919) % 100003).toString(36)}`,
          taxId: null,
          regon: null,
          dic: null,
          parentId: null,
          segmentId: null,
          address: addr('Warszawa', '00-001', 'Marszałkowska'),
          phone: null,
          email: null,
          repId: null,
          status: 'active',
          externalCode: null,
          tags: [],
        });
    });
    let scanned = false;
    // How often the event loop got a turn during the scan (a count, not a time: machines are noisy).
    let turns = 0;
    const tick = () => {
      turns++;
      if (!scanned) setImmediate(tick);
    };
    setImmediate(tick);
    const progress: Array<{ jobId: string; done: number; total: number }> = [];
    const off = t.core.subscribe((event, payload) => {
      if (event === 'job:progress') progress.push(payload as (typeof progress)[number]);
    });
    const big = t.ok<{ total: number }>(op, 'duplicates:scan', { limit: 10, jobId: 'scan-1' }).then((r) => {
      scanned = true;
      return r;
    });
    expect(await t.ok(op, 'corrections:counts', {})).toBeDefined();
    expect(scanned).toBe(false);
    expect((await big).total).toBeGreaterThan(0);
    // A scan in one go would give the loop no turn at all until it is done.
    expect(turns).toBeGreaterThan(5);
    off();
    // Progress for the caller's job, rising to the end, at most one event per percent.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.length).toBeLessThanOrEqual(101);
    expect(progress.every((p) => p.jobId === 'scan-1')).toBe(true);
    const dones = progress.map((p) => p.done / p.total);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    expect(dones.at(-1)).toBe(1);
  });
});
