import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, DuplicateSuspect } from '../../../shared/contract/clients.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// Duplicates on entry: what warns (tax id outside the chain, phone, e-mail, similar name at a
// similar address), what does not (outlets sharing their parent's tax id, the client itself, a
// similar name in another town), and the external code that the store refuses outright.

let t: TestCore;
let op: string;
const ids: Record<string, string> = {};
const addr = (city: string, postalCode: string, street = '') => ({
  city,
  postalCode,
  street,
  country: 'PL' as const,
});

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
  const mk = async (key: string, c: Record<string, unknown>) => {
    ids[key] = (await t.ok<ClientCard>(op, 'clients:create', c)).client.id;
  };
  await mk('zabka', {
    name: 'Sklep Spożywczy „Żabka” Sp. z o.o.',
    taxId: '526-000-12-46',
    phone: '42 630 11 11',
    externalCode: 'PL-1',
    address: addr('Łódź', '90-001', 'ul. Piotrkowska 10'),
  });
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
  await t.ok(op, 'contacts:create', {
    clientId: ids.parent,
    firstName: 'Ewa',
    surname: 'Nowak',
    emails: ['ewa.nowak@groszek.pl'],
    phones: ['601 234 567'],
  });
});
afterAll(() => t.dispose());

const check = (c: Record<string, unknown>) =>
  t.ok<DuplicateSuspect[]>(op, 'clients:checkDuplicates', { address: addr('', ''), ...c });

describe('duplicates on entry', () => {
  it('warns of the same tax id, phone and a similar name at a similar address, with the reasons', async () => {
    const s = await check({
      name: 'sklep spozywczy zabka',
      taxId: '5260001246',
      phone: '+48 42 630 11 11',
      address: addr('Lodz', '90-001', 'Piotrkowska 10'),
    });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ clientId: ids.zabka, score: 1 });
    expect(s[0]!.reasons.sort()).toEqual(['name_address', 'phone', 'tax_id']);
  });

  it('finds a client through its contact person’s phone or e-mail', async () => {
    expect(
      (await check({ name: 'Nowy', email: 'ewa.nowak@GROSZEK.pl' })).map((x) => [x.clientId, x.reasons]),
    ).toEqual([[ids.parent, ['email']]]);
    expect((await check({ name: 'Nowy', phone: '601234567' })).map((x) => x.clientId)).toEqual([ids.parent]);
  });

  it('lets outlets share their parent’s tax id, and never suspects the client itself', async () => {
    expect(
      await check({ name: 'Groszek – Poznań Łazarz', taxId: '7790002869', parentId: ids.parent }),
    ).toEqual([]);
    expect(
      await check({
        id: ids.zabka,
        name: 'Sklep Spożywczy Żabka',
        taxId: '5260001246',
        address: addr('Łódź', '90-001'),
      }),
    ).toEqual([]);
    // Outside the chain, the same tax id is a suspect (both the parent and its outlet).
    const s = await check({ name: 'Inny sklep', taxId: '7790002869' });
    expect(s.map((x) => x.clientId).sort()).toEqual([ids.parent, ids.outlet].sort());
  });

  it('does not warn of a similar name in another town or of a different shop in the same street', async () => {
    expect(await check({ name: 'Sklep Spożywczy Żabka', address: addr('Kraków', '30-001') })).toEqual([]);
    expect(
      await check({ name: 'Kiosk Ruch', address: addr('Łódź', '90-001', 'ul. Piotrkowska 10') }),
    ).toEqual([]);
  });

  it('refuses the same external code outright, at the field', async () => {
    expect(
      await t.call(op, 'clients:create', {
        name: 'Kopia',
        externalCode: 'PL-1',
        address: addr('Łódź', '90-001'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: ['externalCode'] }] } });
  });
});
