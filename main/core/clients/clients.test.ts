import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, ClientRow, Contact } from '../../../shared/contract/clients.schema';
import type { PublicUser } from '../../../shared/contract/users.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

let t: TestCore;
let op: string;
let repId: string;
const call = (sid: string, command: string, input: unknown = {}) => t.call(sid, command, input);
const ok = <T>(sid: string, command: string, input: unknown = {}) => t.ok<T>(sid, command, input);
const pl = (city: string, postalCode: string) => ({
  city,
  postalCode,
  country: 'PL' as const,
  street: 'ul. Główna 1',
});

beforeAll(async () => {
  t = await testCore();
  const s = await t.setUpOffice({ name: 'Biuro', code: 'BIU' });
  repId = (
    await ok<PublicUser>(s, 'users:create', {
      login: 'jan',
      displayName: 'Jan',
      role: 'rep',
      password: 'xxxxxxxx',
      repCode: 'JKO',
    })
  ).id;
  await ok(s, 'users:create', { login: 'olga', displayName: 'Olga', role: 'operator', password: 'xxxxxxxx' });
  op = await t.session('olga', 'xxxxxxxx');
});
afterAll(() => t.dispose());

describe('clients', () => {
  it('finds clients without diacritics or case: "lodz" finds Łódź, "rehor" finds Řehoř', async () => {
    await ok(op, 'clients:create', {
      name: 'Sklep „Pod Lipami”',
      address: pl('Łódź', '90-001'),
      externalCode: 'ERP-1',
    });
    await ok(op, 'clients:create', {
      name: 'Potraviny U Řehoře',
      address: { city: 'Brno', postalCode: '602 00', country: 'CZ' },
      taxId: '25596641',
    });
    await ok(op, 'clients:create', {
      name: 'Delikatesy Kraków',
      address: pl('Kraków', '30-001'),
      phone: '601 234 567',
      email: 'biuro@delikatesy.pl',
    });
    const names = async (query: string) =>
      (await ok<{ rows: ClientRow[] }>(op, 'clients:list', { query })).rows.map((r) => r.name);
    expect(await names('lodz')).toEqual(['Sklep „Pod Lipami”']);
    expect(await names('REHOR')).toEqual(['Potraviny U Řehoře']);
    expect(await names('25596641')).toEqual(['Potraviny U Řehoře']);
    expect(await names('erp-1')).toEqual(['Sklep „Pod Lipami”']);
    expect(await names('601234567')).toEqual(['Delikatesy Kraków']);
    expect(await names('delikatesy.pl')).toEqual(['Delikatesy Kraków']);
    expect(await names('krakow delikatesy')).toEqual(['Delikatesy Kraków']);
    expect(await names('zzz')).toEqual([]);
  });

  it('refuses an invalid NIP at the field and a taken external code at the field, changing nothing', async () => {
    const seq = t.core.store.seq;
    const bad = await call(op, 'clients:create', {
      name: 'X',
      address: pl('Łódź', '90-001'),
      taxId: '5260250275',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: ['taxId'], key: 'validation.nip_checksum' }] },
    });
    const dup = await call(op, 'clients:create', {
      name: 'Y',
      address: pl('Łódź', '90-001'),
      externalCode: 'ERP-1',
    });
    expect(dup).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        issues: [{ path: ['externalCode'], key: 'validation.external_code_taken' }],
      },
    });
    expect(t.core.store.seq).toBe(seq);
  });

  it('records every change in the audit log, in the same transaction, and shows it as history', async () => {
    const card = await ok<ClientCard>(op, 'clients:create', {
      name: 'Sklep Zmian',
      address: pl('Gdańsk', '80-001'),
      phone: '58 301 00 00',
    });
    const id = card.client.id;
    t.clock.advance(60_000);
    await ok(op, 'clients:update', { id, patch: { phone: '+48 58 301 99 99' } });
    const h = await ok<
      Array<{ action: string; field: string | null; old: unknown; new: unknown; userId: string }>
    >(op, 'audit:history', { entityId: id });
    expect(h.map((e) => [e.action, e.field])).toEqual([
      ['create', null],
      ['update', 'phone'],
    ]);
    expect(h[1]).toMatchObject({ old: '+48583010000', new: '+48583019999' });
    // Same transaction: the audit entry and the change share one txId in the journal.
    const seqBefore = t.core.store.seq;
    await ok(op, 'clients:update', { id, patch: { name: 'Sklep Zmian 2' } });
    expect(t.core.store.seq - seqBefore).toBe(3); // the patch, its audit entry, one commit mark
  });

  it('keeps fields that a patch does not send', async () => {
    const card = await ok<ClientCard>(op, 'clients:create', {
      name: 'Sklep Stały',
      address: pl('Poznań', '60-001'),
      repId,
      tags: ['vip'],
    });
    const after = await ok<ClientCard>(op, 'clients:update', {
      id: card.client.id,
      patch: { name: 'Sklep Stały 2' },
    });
    expect(after.client).toMatchObject({ name: 'Sklep Stały 2', repId, tags: ['vip'], status: 'active' });
  });

  it('shows a chain: parent, sibling outlets, contacts and what is missing, and who owns the gap', async () => {
    const parent = await ok<ClientCard>(op, 'clients:create', {
      name: 'Sieć Lewiatan',
      address: pl('Łódź', '90-002'),
      taxId: '5260250274',
    });
    const a = await ok<ClientCard>(op, 'clients:create', {
      name: 'Lewiatan 1',
      address: pl('Łódź', '90-003'),
      parentId: parent.client.id,
    });
    await ok(op, 'clients:create', {
      name: 'Lewiatan 2',
      address: pl('Łódź', '90-004'),
      parentId: parent.client.id,
    });
    const p = await ok<Contact>(op, 'contacts:create', {
      clientId: a.client.id,
      firstName: 'Łucja',
      surname: 'Żak',
      emails: ['lucja@lewiatan.pl'],
    });
    const card = await ok<ClientCard>(op, 'clients:get', { id: a.client.id });
    expect(card.parent?.name).toBe('Sieć Lewiatan');
    expect(card.siblings.map((s) => s.name)).toEqual(['Lewiatan 2']);
    expect(card.contacts.map((c) => c.surname)).toEqual(['Żak']);
    // The outlet has no tax id of its own (the chain's is shared): not a gap. No rep, no e-mail consent: gaps.
    expect(card.quality).toEqual(
      expect.arrayContaining([
        { flag: 'no_rep', owner: 'manager', contactId: null },
        { flag: 'no_consent', owner: 'operator', contactId: p.id },
      ]),
    );
    expect(card.quality.some((q) => q.flag === 'no_tax_id')).toBe(false);
    // An outlet cannot be the parent of another outlet.
    const nested = await call(op, 'clients:create', {
      name: 'Lewiatan 1a',
      address: pl('Łódź', '90-005'),
      parentId: a.client.id,
    });
    expect(nested).toMatchObject({
      ok: false,
      error: { issues: [{ path: ['parentId'], key: 'validation.parent_invalid' }] },
    });
  });

  it('normalises contact phones in the client’s country and reports bad ones by position', async () => {
    const cz = await ok<ClientCard>(op, 'clients:create', {
      name: 'Večerka Jana',
      address: { city: 'Praha', postalCode: '110 00', country: 'CZ' },
    });
    const c = await ok<Contact>(op, 'contacts:create', {
      clientId: cz.client.id,
      firstName: 'Jiří',
      surname: 'Dvořák',
      phones: ['602 123 456'],
    });
    expect(c).toMatchObject({ phones: ['+420602123456'], status: 'confirmed' });
    const bad = await call(op, 'contacts:update', { id: c.id, patch: { phones: ['602 123 456', '12'] } });
    expect(bad).toMatchObject({
      ok: false,
      error: { issues: [{ path: ['phones', 1], key: 'validation.phone' }] },
    });
  });

  it('shows the client’s visits, calls, actions and orders on its timeline, newest first', async () => {
    const card = await ok<ClientCard>(op, 'clients:create', {
      name: 'Sklep z historią',
      address: { city: 'Łódź', postalCode: '90-002', country: 'PL' },
    });
    const id = card.client.id;
    expect(card.timeline).toEqual([]);
    // The records of later issues, written as their commands will write them.
    const answered = [...t.core.store.all<{ id: string; kind: string; code: string }>('dictionaries')].find(
      (d) => d.kind === 'callStatus',
    )!;
    await t.core.store.transact({ userId: 'system' }, (tx) => {
      tx.insert('visits', { clientId: id, repId, date: '2026-11-20', status: 'done', result: 'Zamówienie' });
      tx.insert('calls', {
        clientId: id,
        userId: repId,
        startedAt: '2026-11-21T10:00:00Z',
        number: '+48426300000',
        statusId: answered.id,
      });
      tx.insert('localActions', {
        clientId: id,
        repId,
        number: 'LA-7',
        title: 'Półka',
        state: 'planned',
        startDate: '2026-11-25',
      });
      tx.insert('orderLines', { clientId: id, date: '2026-11-19', productId: 'p1', productName: 'Kawa' });
      tx.insert('visits', { clientId: 'someone-else', repId, date: '2026-11-22', status: 'done' });
    });
    const after = await ok<ClientCard>(op, 'clients:get', { id });
    expect(after.timeline.map((x) => [x.kind, x.at, x.status, x.summary])).toEqual([
      ['action', '2026-11-25', 'planned', 'LA-7 Półka'],
      // A call's status as its dictionary code, which the screens label (the record holds the id).
      ['call', '2026-11-21T10:00:00Z', answered.code, '+48426300000'],
      ['visit', '2026-11-20', 'done', 'Zamówienie'],
      ['order', '2026-11-19', null, 'Kawa'],
    ]);
  });

  it('survives a reopen with its indexes: the search still finds what it found', async () => {
    const before = (
      await ok<{ rows: ClientRow[] }>(op, 'clients:list', { query: 'lodz', limit: 500 })
    ).rows.map((r) => r.id);
    expect(before.length).toBeGreaterThanOrEqual(3);
    await t.reopen();
    op = await t.session('olga', 'xxxxxxxx');
    expect(
      (await ok<{ rows: ClientRow[] }>(op, 'clients:list', { query: 'lodz', limit: 500 })).rows.map(
        (r) => r.id,
      ),
    ).toEqual(before);
  });
});
