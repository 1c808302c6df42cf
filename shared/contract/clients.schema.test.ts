import { describe, expect, it } from 'vitest';
import { issuesFromZod } from './errors';
import { ClientInput, ContactFields, normalizeContact } from './clients.schema';

const base = {
  name: 'Sklep „Pod Lipami”',
  address: { street: 'Piotrkowska 1', city: 'Łódź', postalCode: '90001', country: 'PL' },
};

describe('client validation shared by the form and the core', () => {
  it('normalises a valid Polish client', () => {
    const r = ClientInput.parse({
      ...base,
      taxId: '526-025-02-74',
      phone: '42 630 12 34',
      email: ' Sklep@Lipy.PL ',
    });
    expect(r).toMatchObject({
      taxId: '5260250274',
      phone: '+48426301234',
      email: 'Sklep@lipy.pl',
      address: { postalCode: '90-001' },
    });
  });

  it('names each bad field with its own translation key', () => {
    const r = ClientInput.safeParse({
      ...base,
      taxId: '5260250275',
      phone: '123',
      email: 'x@y',
      address: { ...base.address, postalCode: '602 00' },
    });
    expect(r.success).toBe(false);
    const keys = Object.fromEntries(issuesFromZod(r.error!).map((i) => [i.path.join('.'), i.key]));
    expect(keys).toEqual({
      taxId: 'validation.nip_checksum',
      phone: 'validation.phone',
      email: 'validation.email',
      'address.postalCode': 'validation.postal_code_pl',
    });
  });

  it('checks the IČO for a Czech client, not the NIP', () => {
    const cz = { name: 'Potraviny U Řehoře', address: { city: 'Brno', postalCode: '60200', country: 'CZ' } };
    expect(ClientInput.parse({ ...cz, taxId: '25596641' })).toMatchObject({
      taxId: '25596641',
      address: { postalCode: '602 00' },
    });
    const bad = ClientInput.safeParse({ ...cz, taxId: '5260250274' });
    expect(issuesFromZod(bad.error!).map((i) => i.key)).toEqual(['validation.ico_checksum']);
  });

  it("reads a contact's phones in the client's country and drops repeats", () => {
    const c = ContactFields.parse({
      clientId: 'c',
      firstName: 'Jiří',
      surname: 'Dvořák',
      phones: ['602 123 456', '+420602123456', '1'],
      emails: ['jiri@firma.cz'],
    });
    const { value, issues } = normalizeContact(c, 'CZ');
    expect(value.phones).toEqual(['+420602123456']);
    expect(issues).toEqual([{ path: ['phones', 2], message: 'validation.phone' }]);
  });
});

describe('patches', () => {
  it('carry only the fields sent: no defaults sneak in', async () => {
    const { ClientPatch, ContactPatch } = await import('./clients.schema');
    expect(ClientPatch.parse({ name: 'Nowa nazwa' })).toEqual({ name: 'Nowa nazwa' });
    expect(ContactPatch.parse({ position: 'Szef' })).toEqual({ position: 'Szef' });
    expect(ClientPatch.safeParse({ nope: 1 }).success).toBe(false);
  });
});
