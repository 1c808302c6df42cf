import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, Contact } from '../../../shared/contract/clients.schema';
import type {
  ImportCommitResult,
  ImportPreset,
  ImportRecordOut,
  ImportRevertResult,
  ImportSummary,
  ImportUpload,
} from '../../../shared/contract/imports.schema';
import { seededRng } from '../../../shared/domain/rng';
import { makeNip } from '../../../shared/domain/tax-ids';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { buildCsv, buildXlsx } from './testing/fixture-files';

// The import as the operator lives it: an office's Windows-1250 semicolon file with Polish headers,
// a dry run that names each bad row, a commit in one transaction, a re-import that doubles nothing,
// upserts by external code and by tax id, contact persons with their consents, and the revert of
// the last import that keeps what was changed since (and says so).

let t: TestCore;
let op: string;
const rng = seededRng(42);
const NIP = Array.from({ length: 12 }, () => makeNip(rng));
const ids: Record<string, string> = {};

const HEADER = [
  'Kod klienta',
  'Nazwa',
  'NIP',
  'Ulica',
  'Miasto',
  'Kod pocztowy',
  'Telefon',
  'Imię',
  'Nazwisko',
  'E-mail osoby kontaktowej',
  'Zgoda e-mail',
  'Data zgody',
];

/** The file of issue 5's story: good rows, three bad ones, one that looks like an existing client. */
function officeFile(fix = false): string[][] {
  return [
    HEADER,
    [
      'K-001',
      'Sklep Spożywczy „Pod Lipą”',
      NIP[0]!,
      'ul. Lipowa 4',
      'Łódź',
      '90-001',
      '42 630 12 34',
      'Zofia',
      'Żółkiewska',
      'zofia@podlipa.pl',
      'tak',
      '12.03.2025',
    ],
    [
      'K-002',
      'Delikatesy Śnieżka',
      NIP[1]!,
      'ul. Długa 7',
      'Kraków',
      '30-001',
      '',
      'Łukasz',
      'Wąs',
      '',
      '',
      '',
    ],
    // Bad NIP (check digit).
    [
      'K-003',
      'Kiosk Ruch 12',
      fix ? NIP[2]! : '123-456-78-90',
      'ul. Polna 1',
      'Poznań',
      '60-001',
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    // No city.
    [
      'K-004',
      'Piekarnia Źródło',
      NIP[3]!,
      'ul. Młyńska 2',
      fix ? 'Gdańsk' : '',
      '80-001',
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    // A Czech-looking postal code in Poland, and a date that is not one.
    [
      'K-005',
      'Market Zielony',
      NIP[4]!,
      'ul. Leśna 9',
      'Wrocław',
      fix ? '50-001' : '500 01',
      '',
      'Jan',
      'Nowak',
      'jan@zielony.pl',
      'nie',
      fix ? '1. 2. 2025' : '31.02.2025',
    ],
    // The same shop as one already in the base (its name and address; no tax id to match it by).
    ['', 'Sklep U Zosi', '', 'ul. Zielona 3', 'Łódź', '90-002', '', '', '', '', '', ''],
    ['', '', '', '', '', '', '', '', '', '', '', ''],
    ['', '', '', '', '', '', '', '', '', '', '', ''],
  ];
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const win1250 = (rows: string[][]) => b64(buildCsv(rows, { delimiter: ';', encoding: 'windows-1250' }));

async function upload(data: string, fileName = 'klienci.csv', session = op): Promise<ImportUpload> {
  return t.ok<ImportUpload>(session, 'imports:upload', { fileName, data });
}
const run = (command: 'imports:dryRun' | 'imports:commit', u: ImportUpload, extra: object = {}) =>
  t.ok<ImportSummary & ImportCommitResult>(op, command, {
    uploadId: u.uploadId,
    mapping: u.suggested,
    ...extra,
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
  await t.ok(admin, 'users:create', {
    login: 'jan',
    displayName: 'Jan Kowalski',
    role: 'rep',
    password: 'xxxxxxxx',
    repCode: 'JKO',
  });
  op = await t.session('olga', 'xxxxxxxx');
  const mk = async (key: string, c: Record<string, unknown>) => {
    ids[key] = (await t.ok<ClientCard>(op, 'clients:create', c)).client.id;
  };
  await mk('zosia', {
    name: 'Sklep „U Zosi”',
    taxId: NIP[10],
    address: { street: 'Zielona 3', city: 'Łódź', postalCode: '90-002', country: 'PL' },
  });
  // A chain: two clients with one tax id, so the tax id names no single client.
  await mk('chain', {
    name: 'Sieć Groszek',
    taxId: NIP[11],
    address: { street: '', city: 'Poznań', postalCode: '60-100', country: 'PL' },
  });
  await mk('outlet', {
    name: 'Groszek Rataje',
    taxId: NIP[11],
    parentId: ids.chain,
    address: { street: '', city: 'Poznań', postalCode: '61-100', country: 'PL' },
  });
});
afterAll(() => t.dispose());

describe('imports of clients', () => {
  let first: ImportCommitResult;

  it('reads a Windows-1250 semicolon file with Polish headers and guesses the mapping', async () => {
    const u = await upload(win1250(officeFile()));
    expect(u).toMatchObject({ format: 'csv', encoding: 'windows-1250', delimiter: ';', rowCount: 6 });
    expect(u.headers).toEqual(HEADER);
    expect(u.suggested).toEqual([
      'externalCode',
      'name',
      'taxId',
      'street',
      'city',
      'postalCode',
      'phone',
      'contactFirstName',
      'contactSurname',
      'contactEmail',
      'contactEmailConsent',
      'contactConsentDate',
    ]);
    expect(u.sample[0]![1]).toBe('Sklep Spożywczy „Pod Lipą”');
  });

  it('a dry run names every bad row with its number and reason, and writes nothing', async () => {
    const u = await upload(win1250(officeFile()));
    const seq = t.core.store.seq;
    const s = await run('imports:dryRun', u);
    expect(t.core.store.seq).toBe(seq);
    expect(s.counts).toEqual({ new: 2, updated: 0, unchanged: 0, duplicate: 1, error: 3 });
    const byRow = new Map(s.rows.map((r) => [r.row, r]));
    expect(byRow.get(4)).toMatchObject({
      outcome: 'error',
      issues: [{ field: 'taxId', key: 'validation.nip_checksum', value: '123-456-78-90' }],
    });
    expect(byRow.get(5)).toMatchObject({
      outcome: 'error',
      issues: [{ field: 'city', key: 'validation.import_required' }],
    });
    expect(
      byRow
        .get(6)!
        .issues.map((i) => [i.field, i.key])
        .sort(),
    ).toEqual([
      ['contactConsentDate', 'validation.import_date'],
      ['postalCode', 'validation.postal_code_pl'],
    ]);
    expect(byRow.get(7)).toMatchObject({
      outcome: 'duplicate',
      suspects: [{ clientId: ids.zosia, reasons: ['name_address'] }],
    });
    // Errors and duplicates come first in the list.
    expect(
      s.rows
        .slice(0, 4)
        .map((r) => r.outcome)
        .sort(),
    ).toEqual(['duplicate', 'error', 'error', 'error']);
    expect(s.contacts).toEqual({ new: 2, updated: 0 });
  });

  it('commits the good rows in one go; the bad and suspected ones are left out', async () => {
    const u = await upload(win1250(officeFile()));
    first = await run('imports:commit', u);
    expect(first.import).toMatchObject({ fileName: 'klienci.csv', revertable: true, revertedAt: null });
    const lipa = t.core.store.byUnique<{ id: string; name: string; phone: string }>(
      'clients',
      'externalCode',
      'K-001',
    )!;
    expect(lipa).toMatchObject({ name: 'Sklep Spożywczy „Pod Lipą”', phone: '+48426301234' });
    const [zofia] = t.core.store.byIndex<Contact>('contacts', 'clientId', lipa.id);
    expect(zofia).toMatchObject({ firstName: 'Zofia', surname: 'Żółkiewska', emails: ['zofia@podlipa.pl'] });
    expect(zofia!.consents).toEqual({ email: true });
    expect(zofia!.consentHistory[0]).toMatchObject({
      channel: 'email',
      granted: true,
      at: '2025-03-12',
      source: 'import: klienci.csv',
    });
    expect(t.core.store.byUnique('clients', 'externalCode', 'K-003')).toBeUndefined();
    // The upload is used up: a second commit of it cannot double anything.
    const again = await t.call(op, 'imports:commit', { uploadId: u.uploadId, mapping: u.suggested });
    expect(again).toMatchObject({ ok: false, error: { key: 'errors.import_upload_gone' } });
  });

  it('the fixed file, imported again, adds the fixed rows and doubles nothing', async () => {
    const before = [...t.core.store.all('clients')].length;
    const u = await upload(win1250(officeFile(true)));
    const s = await run('imports:dryRun', u);
    expect(s.counts).toEqual({ new: 3, updated: 0, unchanged: 2, duplicate: 1, error: 0 });
    const done = await run('imports:commit', u);
    expect(done.summary.counts.new).toBe(3);
    expect([...t.core.store.all('clients')].length).toBe(before + 3);
    const zielony = t.core.store.byUnique<{ id: string }>('clients', 'externalCode', 'K-005')!;
    const [jan] = t.core.store.byIndex<Contact>('contacts', 'clientId', zielony.id);
    expect(jan!.consents).toEqual({ email: false });
    expect(jan!.consentHistory[0]!.at).toBe('2025-02-01');
    // K-001's contact person was matched by name: not created twice.
    const lipa = t.core.store.byUnique<{ id: string }>('clients', 'externalCode', 'K-001')!;
    expect(t.core.store.byIndex('contacts', 'clientId', lipa.id)).toHaveLength(1);
  });

  it('updates by external code, or by a tax id that names one client; empty cells erase nothing', async () => {
    const u = await upload(
      win1250([
        [
          'Kod klienta',
          'Nazwa',
          'NIP',
          'Miasto',
          'Telefon',
          'Handlowiec',
          'Imię',
          'Nazwisko',
          'Telefon osoby kontaktowej',
        ],
        ['K-002', '', '', '', '12 345 67 89', 'JKO', 'Łukasz', 'Wąs', '601 100 200'],
        ['', 'Sklep U Zosi (nowa nazwa)', NIP[10]!, '', '', '', '', '', ''],
        ['', 'Groszek', NIP[11]!, 'Poznań', '', '', '', '', ''],
      ]),
    );
    expect(u.suggested).toEqual([
      'externalCode',
      'name',
      'taxId',
      'city',
      'phone',
      'rep',
      'contactFirstName',
      'contactSurname',
      'contactPhone',
    ]);
    const s = await run('imports:dryRun', u);
    const byRow = new Map(s.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({ outcome: 'updated', changes: ['phone', 'repId', 'contact'] });
    expect(byRow.get(3)).toMatchObject({ outcome: 'updated', clientId: ids.zosia, changes: ['name'] });
    expect(byRow.get(4)).toMatchObject({
      outcome: 'error',
      issues: expect.arrayContaining([
        { field: 'taxId', key: 'validation.import_tax_id_ambiguous', value: NIP[11] },
      ]) as unknown,
    });
    await run('imports:commit', u);
    const snieżka = t.core.store.byUnique<{ id: string; name: string; phone: string; repId: string }>(
      'clients',
      'externalCode',
      'K-002',
    )!;
    expect(snieżka.name).toBe('Delikatesy Śnieżka');
    expect(snieżka.phone).toBe('+48123456789');
    const [lukasz] = t.core.store.byIndex<Contact>('contacts', 'clientId', snieżka.id);
    expect(lukasz!.phones).toEqual(['+48601100200']);
    expect(t.core.store.get<{ id: string; name: string }>('clients', ids.zosia!)!.name).toBe(
      'Sklep U Zosi (nowa nazwa)',
    );
  });

  it('lists the imports newest first; only the newest can be reverted', async () => {
    const list = await t.ok<ImportRecordOut[]>(op, 'imports:list', {});
    expect(list).toHaveLength(3);
    expect(list.map((i) => i.revertable)).toEqual([true, false, false]);
    const old = await t.call(op, 'imports:revert', { id: first.import.id });
    expect(old).toMatchObject({ ok: false, error: { key: 'errors.import_not_last' } });
  });

  it('revert puts back what the import changed, keeps what was changed since, and says which', async () => {
    const [newest] = await t.ok<ImportRecordOut[]>(op, 'imports:list', {});
    const snieżka = t.core.store.byUnique<{ id: string }>('clients', 'externalCode', 'K-002')!;
    // After the import, someone changes the phone again: that value must stay.
    await t.ok(op, 'clients:update', { id: snieżka.id, patch: { phone: '12 999 88 77' } });
    const r = await t.ok<ImportRevertResult>(op, 'imports:revert', { id: newest!.id });
    expect(r.kept).toEqual([
      expect.objectContaining({
        entity: 'clients',
        id: snieżka.id,
        field: 'phone',
        imported: '+48123456789',
        current: '+48129998877',
      }),
    ]);
    const now = t.core.store.get<{ id: string; phone: string; repId: string | null }>('clients', snieżka.id)!;
    expect(now.phone).toBe('+48129998877');
    expect(now.repId ?? null).toBeNull();
    expect(t.core.store.get<{ id: string; name: string }>('clients', ids.zosia!)!.name).toBe(
      'Sklep „U Zosi”',
    );
    const [lukasz] = t.core.store.byIndex<Contact>('contacts', 'clientId', snieżka.id);
    expect(lukasz!.phones).toEqual([]);
    expect(r.import.revertedAt).not.toBeNull();
    const again = await t.call(op, 'imports:revert', { id: newest!.id });
    expect(again).toMatchObject({ ok: false, error: { key: 'errors.import_reverted_already' } });
  });

  it('reverting an import of new clients archives them and frees their codes for a new import', async () => {
    const [second] = await t
      .ok<ImportRecordOut[]>(op, 'imports:list', {})
      .then((l) => l.filter((i) => i.revertable));
    const r = await t.ok<ImportRevertResult>(op, 'imports:revert', { id: second!.id });
    expect(r.removed).toBe(3 + 1); // three clients, one new contact person (Jan Nowak)
    expect(t.core.store.byUnique('clients', 'externalCode', 'K-005')).toBeUndefined();
    const u = await upload(win1250(officeFile(true)));
    expect((await run('imports:dryRun', u)).counts.new).toBe(3);
  });

  it('reads an XLSX file, and keeps uploads to the session that made them', async () => {
    const xlsx = await buildXlsx([
      {
        name: 'Klienci',
        rows: [
          ['Kód zákazníka', 'Název', 'Město', 'PSČ', 'Země'],
          ['CZ-1', 'Potraviny U Nádraží', 'Brno', '602 00', 'Česko'],
        ],
      },
    ]);
    const u = await upload(b64(xlsx), 'zakaznici.xlsx');
    expect(u).toMatchObject({ format: 'xlsx', sheets: ['Klienci'], rowCount: 1 });
    expect(u.suggested).toEqual(['externalCode', 'name', 'city', 'postalCode', 'country']);
    expect((await run('imports:dryRun', u)).counts.new).toBe(1);
    const other = await t.session('olga', 'xxxxxxxx');
    const r = await t.call(other, 'imports:dryRun', { uploadId: u.uploadId, mapping: u.suggested });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.import_upload_gone' } });
  });

  it('refuses a mapping that names a field twice, and a commit with nothing to write', async () => {
    const u = await upload(
      win1250([
        ['Nazwa', 'Miasto'],
        ['Sklep', 'Łódź'],
      ]),
    );
    const twice = await t.call(op, 'imports:dryRun', { uploadId: u.uploadId, mapping: ['name', 'name'] });
    expect(twice).toMatchObject({ ok: false, error: { key: 'errors.import_mapping_twice' } });
    const seq = t.core.store.seq;
    // No postal code: every row is an error, so nothing would be written.
    const none = await t.call(op, 'imports:commit', { uploadId: u.uploadId, mapping: ['name', 'city'] });
    expect(none).toMatchObject({ ok: false, error: { key: 'errors.import_nothing' } });
    expect(t.core.store.seq).toBe(seq);
  });

  it('saves mapping presets by name (the same name replaces one) and deletes them', async () => {
    const a = await t.ok<ImportPreset>(op, 'importPresets:save', {
      name: 'Plik z centrali',
      columns: [{ header: 'Nazwa', index: 0, target: 'name' }],
    });
    const b = await t.ok<ImportPreset>(op, 'importPresets:save', {
      name: 'plik z centrali',
      columns: [
        { header: 'Nazwa', index: 0, target: 'name' },
        { header: 'Miasto', index: 1, target: 'city' },
      ],
    });
    expect(b.id).toBe(a.id);
    expect(await t.ok<ImportPreset[]>(op, 'importPresets:list', {})).toEqual([b]);
    await t.ok(op, 'importPresets:delete', { id: a.id });
    expect(await t.ok<ImportPreset[]>(op, 'importPresets:list', {})).toEqual([]);
  });

  it('suspects the same clients, for the same reasons, as the client form’s warning does', async () => {
    // Rows a hurried operator might type in the form instead: each is checked both ways.
    const rows = [
      ['Sklep U Zosi', 'Zielona 3', 'Łódź', '90-002', '', ''],
      ['Zupełnie Inny Sklep', 'Zielona 3', 'Łódź', '90-002', '', ''],
      ['Delikatesy Sniezka', 'Długa 7', 'Kraków', '30-001', '', ''],
      ['Hurtownia Nowa', 'Polna 1', 'Gdańsk', '80-001', '12 999 88 77', ''],
      ['Kiosk Zofii', 'Lipowa 40', 'Łódź', '90-001', '', 'zofia@podlipa.pl'],
    ];
    const u = await upload(
      win1250([['Nazwa', 'Ulica', 'Miasto', 'Kod pocztowy', 'Telefon', 'E-mail'], ...rows]),
    );
    const s = await run('imports:dryRun', u);
    const byRow = new Map(s.rows.map((r) => [r.row, r]));
    for (const [k, [name, street, city, postalCode, phone, email]] of rows.entries()) {
      const form = await t.ok<Array<{ clientId: string; reasons: string[] }>>(op, 'clients:checkDuplicates', {
        name,
        phone: phone || null,
        email: email || null,
        address: { street, city, postalCode, country: 'PL' },
      });
      const imported = byRow.get(k + 2)!.suspects.filter((x) => x.clientId);
      expect(
        imported.map((x) => [x.clientId, [...x.reasons].sort()]).sort(),
        `${name}: the import and the form disagree`,
      ).toEqual(form.map((x) => [x.clientId, [...x.reasons].sort()]).sort());
    }
    // The data is made so that most rows have a suspect, of each kind.
    expect(s.counts.duplicate).toBeGreaterThanOrEqual(3);
  });

  it('the rows and the revert survive a restart of the core', async () => {
    const before = await t.ok<ImportRecordOut[]>(op, 'imports:list', {});
    await t.reopen();
    op = await t.session('olga', 'xxxxxxxx');
    expect(await t.ok<ImportRecordOut[]>(op, 'imports:list', {})).toEqual(before);
    expect(t.core.store.byUnique('clients', 'externalCode', 'K-001')).toBeDefined();
  });
});
