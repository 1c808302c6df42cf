import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, ClientCard, Contact } from '../../../shared/contract/clients.schema';
import type {
  ImportCommitResult,
  ImportRevertResult,
  ImportSummary,
  ImportUpload,
} from '../../../shared/contract/imports.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { buildCsv } from './testing/fixture-files';

// The import's edge cases, found in review: revert on a clock that moves (as a real one does), consents
// and their history, the rules of the contact form, and a double-clicked commit.

let t: TestCore;
let op: string;
let n = 0;

const b64 = (rows: string[][]) =>
  Buffer.from(buildCsv(rows, { delimiter: ';', encoding: 'utf-8' })).toString('base64');

async function upload(rows: string[][]): Promise<ImportUpload> {
  return t.ok<ImportUpload>(op, 'imports:upload', { fileName: `f${++n}.csv`, data: b64(rows) });
}
async function commit(rows: string[][]): Promise<ImportCommitResult> {
  const u = await upload(rows);
  const r = await t.ok<ImportCommitResult>(op, 'imports:commit', {
    uploadId: u.uploadId,
    mapping: u.suggested,
  });
  t.clock.advance(60_000);
  return r;
}
const revert = async (id: string) => {
  const r = await t.ok<ImportRevertResult>(op, 'imports:revert', { id });
  t.clock.advance(60_000);
  return r;
};
const byCode = (code: string) => t.core.store.byUnique<Client>('clients', 'externalCode', code)!;
const contactsOf = (id: string) => t.core.store.byIndex<Contact>('contacts', 'clientId', id);

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

const HEAD = [
  'Kod klienta',
  'Nazwa',
  'Ulica',
  'Miasto',
  'Kod pocztowy',
  'Imię',
  'Nazwisko',
  'Zgoda e-mail',
  'Data zgody',
];

describe('import revert (review)', () => {
  it('reverting an import removes the contact person it created with a consent, and never leaves it under an archived client', async () => {
    const done = await commit([
      HEAD,
      ['R-1', 'Sklep Jeden', 'ul. Polna 1', 'Łódź', '90-001', 'Ewa', 'Lis', 'tak', ''],
    ]);
    const client = byCode('R-1');
    const [p] = contactsOf(client.id);
    expect(p!.consents).toEqual({ email: true });
    await revert(done.import.id);
    const c = t.core.store.get<Client>('clients', client.id)!;
    const person = t.core.store.get<Contact>('contacts', p!.id)!;
    // The client is archived by the revert, so its contact person must be too.
    expect(c.archived).toBe(true);
    expect(person.archived).toBe(true);
  });

  it('reverting two imports (the first created a client, the second updated it) archives the client', async () => {
    const a = await commit([HEAD, ['R-2', 'Sklep Dwa', 'ul. Polna 2', 'Łódź', '90-001', '', '', '', '']]);
    const b = await commit([HEAD, ['R-2', 'Sklep Dwa (nowa nazwa)', '', '', '', '', '', '', '']]);
    const id = byCode('R-2').id;
    await revert(b.import.id);
    expect(t.core.store.get<Client>('clients', id)!.name).toBe('Sklep Dwa');
    const r = await revert(a.import.id);
    // Nobody but the imports touched it: it goes, as a single import's client would.
    expect(r.kept).toEqual([]);
    expect(t.core.store.get<Client>('clients', id)!.archived).toBe(true);
  });

  it('a revert does not archive a client that has since become the survivor of a merge', async () => {
    const imp = await commit([
      HEAD,
      ['R-3', 'Hurtownia Trzy', 'ul. Polna 3', 'Łódź', '90-001', '', '', '', ''],
    ]);
    const created = byCode('R-3');
    // The operator had the same shop already, and keeps the imported record (taking none of the old values).
    const old = (
      await t.ok<ClientCard>(op, 'clients:create', {
        name: 'Hurtownia 3 (stara)',
        address: { street: 'Zielona 3', city: 'Łódź', postalCode: '90-002', country: 'PL' },
      })
    ).client;
    await t.ok(op, 'merges:merge', { survivorId: created.id, mergedId: old.id, take: [] });
    t.clock.advance(60_000);
    await revert(imp.import.id);
    const survivor = t.core.store.get<Client>('clients', created.id)!;
    const merged = t.core.store.get<Client>('clients', old.id)!;
    // Otherwise both clients are archived and the shop is gone from the base.
    expect(merged.archived).toBe(true);
    expect(survivor.archived ?? false).toBe(false);
  });

  it('a consent withdrawn in the app is not granted again by a file dated earlier', async () => {
    await commit([
      HEAD,
      ['R-4', 'Sklep Cztery', 'ul. Polna 4', 'Łódź', '90-001', 'Jan', 'Kos', 'tak', '01.01.2024'],
    ]);
    const [p] = contactsOf(byCode('R-4').id);
    await t.ok(op, 'contacts:setConsent', {
      id: p!.id,
      channel: 'email',
      granted: false,
      source: 'phone call',
    });
    t.clock.advance(60_000);
    // An old export of the same list is imported again (its consent column still says yes, of 2024).
    // The old "yes" is no change: the row is unchanged, so there is nothing to import.
    const u = await upload([HEAD, ['R-4', '', '', '', '', 'Jan', 'Kos', 'tak', '01.01.2024']]);
    const dry = await t.ok<{ counts: { unchanged: number } }>(op, 'imports:dryRun', {
      uploadId: u.uploadId,
      mapping: u.suggested,
    });
    expect(dry.counts.unchanged).toBe(1);
    const r = await t.call(op, 'imports:commit', { uploadId: u.uploadId, mapping: u.suggested });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.import_nothing' } });
    expect(t.core.store.get<Contact>('contacts', p!.id)!.consents.email).toBe(false);
  });

  it('the revert of a consent that had not been asked before leaves a history that agrees with the state', async () => {
    const existing = (
      await t.ok<ClientCard>(op, 'clients:create', {
        name: 'Sklep Pięć',
        externalCode: 'R-5',
        address: { street: 'Polna 5', city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client;
    const p = await t.ok<Contact>(op, 'contacts:create', {
      clientId: existing.id,
      firstName: 'Ola',
      surname: 'Mak',
    });
    t.clock.advance(60_000);
    const imp = await commit([HEAD, ['R-5', '', '', '', '', 'Ola', 'Mak', 'tak', '']]);
    expect(t.core.store.get<Contact>('contacts', p.id)!.consents).toEqual({ email: true });
    await revert(imp.import.id);
    const now = t.core.store.get<Contact>('contacts', p.id)!;
    const lastEmail = now.consentHistory.filter((e) => e.channel === 'email').at(-1);
    // The state says "no consent"; the evidence must not still end with "granted".
    expect(now.consents.email ?? false).toBe(lastEmail?.granted ?? false);
  });

  it('a revert puts back the imported e-mail consent even when another channel changed since', async () => {
    const existing = (
      await t.ok<ClientCard>(op, 'clients:create', {
        name: 'Sklep Sześć',
        externalCode: 'R-6',
        address: { street: 'Polna 6', city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client;
    const p = await t.ok<Contact>(op, 'contacts:create', {
      clientId: existing.id,
      firstName: 'Iza',
      surname: 'Bór',
    });
    await t.ok(op, 'contacts:setConsent', { id: p.id, channel: 'email', granted: false, source: 'form' });
    t.clock.advance(60_000);
    const imp = await commit([HEAD, ['R-6', '', '', '', '', 'Iza', 'Bór', 'tak', '']]);
    // Later someone records an SMS consent: it has nothing to do with the e-mail one.
    await t.ok(op, 'contacts:setConsent', { id: p.id, channel: 'sms', granted: true, source: 'form' });
    t.clock.advance(60_000);
    await revert(imp.import.id);
    expect(t.core.store.get<Contact>('contacts', p.id)!.consents).toEqual({ email: false, sms: true });
  });
});

describe('import rules (review)', () => {
  it('a contact person added to an existing Czech client reads phones as Czech (as the contact form does)', async () => {
    const cz = (
      await t.ok<ClientCard>(op, 'clients:create', {
        name: 'Potraviny Brno',
        externalCode: 'CZ-7',
        address: { street: 'Nádražní 1', city: 'Brno', postalCode: '602 00', country: 'CZ' },
      })
    ).client;
    await commit([
      ['Kod klienta', 'Imię', 'Nazwisko', 'Telefon osoby kontaktowej'],
      ['CZ-7', 'Petr', 'Novák', '602 123 456'],
    ]);
    const [p] = contactsOf(cz.id);
    const viaForm = await t.ok<Contact>(op, 'contacts:create', {
      clientId: cz.id,
      firstName: 'Eva',
      surname: 'Nová',
      phones: ['602 123 456'],
    });
    expect(p!.phones).toEqual(viaForm.phones);
  });

  it('a double-clicked commit of one upload writes the rows once', async () => {
    const u = await upload([
      ['Nazwa', 'Ulica', 'Miasto', 'Kod pocztowy'],
      ['Kiosk Podwójny', 'ul. Jasna 8', 'Sopot', '81-701'],
    ]);
    const input = { uploadId: u.uploadId, mapping: u.suggested };
    const both = await Promise.all([
      t.call(op, 'imports:commit', input),
      t.call(op, 'imports:commit', input),
    ]);
    const made = [...t.core.store.all<Client>('clients')].filter(
      (c) => c.name === 'Kiosk Podwójny' && !c.archived,
    );
    // Both commits read the upload before either used it up: the shop is created twice.
    expect(made).toHaveLength(1);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
  });

  it('the dry run and the commit agree on a row count (guard)', async () => {
    const rows = [
      ['Nazwa', 'Ulica', 'Miasto', 'Kod pocztowy'],
      ['Sklep Osiem', 'ul. Jasna 9', 'Gdynia', '81-001'],
      ['Sklep Dziewięć', 'ul. Jasna 10', 'Gdynia', 'xx'],
    ];
    const u = await upload(rows);
    const dry = await t.ok<ImportSummary>(op, 'imports:dryRun', {
      uploadId: u.uploadId,
      mapping: u.suggested,
    });
    const done = await t.ok<ImportCommitResult>(op, 'imports:commit', {
      uploadId: u.uploadId,
      mapping: u.suggested,
    });
    expect(done.summary.counts).toEqual(dry.counts);
  });
});
