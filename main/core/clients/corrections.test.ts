import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, Contact, CorrectionRequest } from '../../../shared/contract/clients.schema';
import type { PublicUser } from '../../../shared/contract/users.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

let t: TestCore;
let op: string;
let rep: string;
let clientId: string;
let contactId: string;

beforeAll(async () => {
  t = await testCore();
  const admin = await t.setUpOffice();
  const jan = await t.ok<PublicUser>(admin, 'users:create', {
    login: 'jan',
    displayName: 'Jan',
    role: 'rep',
    password: 'xxxxxxxx',
    repCode: 'JKO',
  });
  await t.ok(admin, 'users:create', {
    login: 'olga',
    displayName: 'Olga',
    role: 'operator',
    password: 'xxxxxxxx',
  });
  op = await t.session('olga', 'xxxxxxxx');
  rep = await t.session('jan', 'xxxxxxxx');
  const card = await t.ok<ClientCard>(op, 'clients:create', {
    name: 'Sklep Jana',
    repId: jan.id,
    phone: '42 630 11 11',
    address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
  });
  clientId = card.client.id;
  contactId = (
    await t.ok<Contact>(op, 'contacts:create', {
      clientId,
      firstName: 'Ewa',
      surname: 'Nowak',
      phones: ['601 111 222'],
    })
  ).id;
});
afterAll(() => t.dispose());

describe('correction requests', () => {
  it('a rep cannot change the phone, files a correction, the operator accepts it: applied and audited', async () => {
    expect(
      await t.call(rep, 'contacts:update', { id: contactId, patch: { phones: ['601 999 888'] } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const req = await t.ok<CorrectionRequest>(rep, 'corrections:create', {
      clientId,
      contactId,
      field: 'phones',
      proposedValue: '601 999 888',
      note: 'Zmieniła numer',
    });
    expect(req).toMatchObject({ status: 'open', currentValue: ['+48601111222'] });
    expect(await t.ok(op, 'corrections:counts')).toMatchObject({ openCorrections: 1 });
    const queue = await t.ok<CorrectionRequest[]>(op, 'corrections:list', { status: 'open' });
    expect(queue.map((r) => r.id)).toEqual([req.id]);

    const done = await t.ok<CorrectionRequest>(op, 'corrections:accept', { id: req.id });
    expect(done).toMatchObject({ status: 'accepted' });
    const card = await t.ok<ClientCard>(rep, 'clients:get', { id: clientId });
    expect(card.contacts.find((c) => c.id === contactId)?.phones).toEqual(['+48601999888']);
    const h = await t.ok<Array<{ field: string | null; old: unknown; new: unknown }>>(op, 'audit:history', {
      entityId: contactId,
    });
    expect(h.at(-1)).toMatchObject({ field: 'phones', old: ['+48601111222'], new: ['+48601999888'] });
    // Decided once: a second decision is refused and changes nothing.
    const seq = t.core.store.seq;
    expect(await t.call(op, 'corrections:reject', { id: req.id, note: 'x' })).toMatchObject({
      ok: false,
      error: { key: 'errors.correction_decided' },
    });
    expect(t.core.store.seq).toBe(seq);
  });

  it('refuses a correction that the form would refuse, at the proposed value, and queues nothing', async () => {
    const seq = t.core.store.seq;
    expect(
      await t.call(rep, 'corrections:create', { clientId, field: 'phone', proposedValue: '12' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: ['proposedValue'], key: 'validation.phone' }] },
    });
    expect(
      await t.call(rep, 'corrections:create', { clientId, field: 'repId', proposedValue: 'me' }),
    ).toMatchObject({
      ok: false,
      error: { issues: [{ key: 'validation.correction_field' }] },
    });
    expect(t.core.store.seq).toBe(seq);
  });

  it('a rejection goes back to the rep with its note; the data stays as it was', async () => {
    const req = await t.ok<CorrectionRequest>(rep, 'corrections:create', {
      clientId,
      field: 'address.city',
      proposedValue: 'Zgierz',
    });
    await t.ok(op, 'corrections:reject', { id: req.id, note: 'Sklep jest w Łodzi, sprawdziłam w KRS.' });
    const mine = await t.ok<CorrectionRequest[]>(rep, 'corrections:list', {});
    expect(mine.find((r) => r.id === req.id)).toMatchObject({
      status: 'rejected',
      decisionNote: 'Sklep jest w Łodzi, sprawdziłam w KRS.',
    });
    expect((await t.ok<ClientCard>(op, 'clients:get', { id: clientId })).client.address.city).toBe('Łódź');
  });

  it('lists oldest first', async () => {
    const a = await t.ok<CorrectionRequest>(rep, 'corrections:create', {
      clientId,
      field: 'name',
      proposedValue: 'Sklep A',
    });
    t.clock.advance(1000);
    const b = await t.ok<CorrectionRequest>(rep, 'corrections:create', {
      clientId,
      field: 'name',
      proposedValue: 'Sklep B',
    });
    const open = (await t.ok<CorrectionRequest[]>(op, 'corrections:list', { status: 'open' })).map(
      (r) => r.id,
    );
    expect(open.indexOf(a.id)).toBeLessThan(open.indexOf(b.id));
  });
});

describe('proposed contacts', () => {
  it('a rep adds a person met on a visit: usable at once, unconfirmed until the operator confirms or corrects it', async () => {
    const p = await t.ok<Contact>(rep, 'contacts:propose', {
      clientId,
      firstName: 'Łucja',
      surname: 'Żak',
      phones: ['601 222 333'],
    });
    expect(p.status).toBe('proposed');
    expect(
      (await t.ok<ClientCard>(rep, 'clients:get', { id: clientId })).contacts.map((c) => c.id),
    ).toContain(p.id);
    expect((await t.ok<{ proposedContacts: number }>(op, 'corrections:counts')).proposedContacts).toBe(1);
    const confirmed = await t.ok<Contact>(op, 'contacts:confirm', {
      id: p.id,
      patch: { surname: 'Żak-Nowicka' },
    });
    expect(confirmed).toMatchObject({ status: 'confirmed', surname: 'Żak-Nowicka' });
    expect((await t.ok<{ proposedContacts: number }>(op, 'corrections:counts')).proposedContacts).toBe(0);
  });
});
