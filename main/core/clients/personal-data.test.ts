import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ClientCard,
  Contact,
  CorrectionRequest,
  PersonalExportFile,
} from '../../../shared/contract/clients.schema';
import type { PublicUser } from '../../../shared/contract/users.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// Personal data end to end in the core: consents with history, the export of one person (JSON and
// PDF, each recorded in the audit log), and erasure — the old values leave the record, the audit
// log, the correction requests and, after the checkpoint it starts, every file of the data folder.

let t: TestCore;
let op: string;
let rep: string;
let clientId: string;

/** Every file under the data folder except backups (which expire by rotation, see docs/DATA.md). */
function dataFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'backups') continue;
    if (statSync(p).isDirectory()) out.push(...dataFiles(p));
    else out.push(p);
  }
  return out;
}
function filesContaining(dir: string, needle: string): string[] {
  return dataFiles(dir).filter((f) => readFileSync(f).includes(Buffer.from(needle, 'utf8')));
}

async function newContact(surname: string, extra: Record<string, unknown> = {}): Promise<Contact> {
  return t.ok<Contact>(op, 'contacts:create', {
    clientId,
    firstName: 'Żaneta',
    surname,
    position: 'Kierowniczka',
    phones: ['601 234 567'],
    emails: [`${surname.toLowerCase()}@example.pl`],
    notes: `Notatka o ${surname}`,
    ...extra,
  });
}

beforeAll(async () => {
  t = await testCore();
  const admin = await t.setUpOffice();
  const jan = await t.ok<PublicUser>(admin, 'users:create', {
    login: 'jan',
    displayName: 'Jan Kowalski',
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
  clientId = (
    await t.ok<ClientCard>(op, 'clients:create', {
      name: 'Delikatesy Źdźbło',
      taxId: '526-000-12-46',
      repId: jan.id,
      address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
    })
  ).client.id;
});
afterAll(() => t.dispose());

describe('consents', () => {
  it('records each decision per channel with its source, and the current state', async () => {
    const p = await newContact('Zgodna');
    await t.ok(op, 'contacts:setConsent', {
      id: p.id,
      channel: 'email',
      granted: true,
      source: 'Formularz z wizyty',
    });
    t.clock.advance(60_000);
    const after = await t.ok<Contact>(op, 'contacts:setConsent', {
      id: p.id,
      channel: 'email',
      granted: false,
      source: 'Telefon: prosi o nieprzesyłanie',
    });
    expect(after.consents).toEqual({ email: false });
    expect(after.consentHistory.map((e) => [e.channel, e.granted, e.source])).toEqual([
      ['email', true, 'Formularz z wizyty'],
      ['email', false, 'Telefon: prosi o nieprzesyłanie'],
    ]);
    expect(after.consentHistory[1]!.at > after.consentHistory[0]!.at).toBe(true);
    // The "missing consent" gap closes once e-mail consent is decided, either way.
    const card = await t.ok<ClientCard>(op, 'clients:get', { id: clientId });
    expect(card.quality.filter((q) => q.contactId === p.id).map((q) => q.flag)).not.toContain('no_consent');
  });

  it('refuses a rep, a missing source and an unknown channel, changing nothing', async () => {
    const p = await newContact('Bezzgodna');
    const seq = t.core.store.seq;
    expect(
      await t.call(rep, 'contacts:setConsent', { id: p.id, channel: 'sms', granted: true, source: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await t.call(op, 'contacts:setConsent', { id: p.id, channel: 'sms', granted: true, source: ' ' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(
      await t.call(op, 'contacts:setConsent', { id: p.id, channel: 'fax', granted: true, source: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(t.core.store.seq).toBe(seq);
  });
});

describe('export of one person', () => {
  it('gives everything stored about the person as JSON, and records the export', async () => {
    const p = await newContact('Eksportowa');
    await t.ok(op, 'contacts:update', { id: p.id, patch: { position: 'Właścicielka' } });
    await t.ok(op, 'contacts:setConsent', { id: p.id, channel: 'phone', granted: true, source: 'Rozmowa' });
    const file = await t.ok<PersonalExportFile>(op, 'contacts:exportData', { id: p.id, format: 'json' });
    expect(file.mime).toBe('application/json');
    expect(file.fileName).toMatch(/^Eksportowa-Zaneta-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as {
      person: { surname: string; position: string; phones: string[] };
      company: { name: string };
      consents: Array<{ channel: string; state: string }>;
      history: Array<{ field: string | null; old: unknown; new: unknown }>;
    };
    expect(data.person).toMatchObject({
      surname: 'Eksportowa',
      position: 'Właścicielka',
      phones: ['+48601234567'],
    });
    expect(data.company.name).toBe('Delikatesy Źdźbło');
    expect(data.consents).toContainEqual({ channel: 'phone', state: 'granted' });
    expect(data.consents).toContainEqual({ channel: 'sms', state: 'not_asked' });
    expect(data.history).toContainEqual(
      expect.objectContaining({ field: 'position', old: 'Kierowniczka', new: 'Właścicielka' }),
    );
    const audit = await t.ok<Array<{ action: string; details?: { kind: string } }>>(op, 'audit:history', {
      entityId: p.id,
    });
    expect(audit.filter((a) => a.action === 'export').map((a) => a.details?.kind)).toEqual([
      'personal_data_json',
    ]);
  });

  it('renders a PDF with the Polish and Czech letters embedded', async () => {
    const p = await newContact('Łęcka-Řeháková');
    const file = await t.ok<PersonalExportFile>(op, 'contacts:exportData', { id: p.id, format: 'pdf' });
    const pdf = Buffer.from(file.base64, 'base64');
    expect(file.mime).toBe('application/pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The shipped Noto Sans is embedded (subset), not a standard font without "ł" and "ř".
    expect(pdf.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+NotoSans/);
    const audit = await t.ok<Array<{ action: string; details?: { kind: string } }>>(op, 'audit:history', {
      entityId: p.id,
    });
    expect(audit.filter((a) => a.action === 'export').map((a) => a.details?.kind)).toEqual([
      'personal_data_pdf',
    ]);
  });

  it('is the operator’s (or admin’s) to make', async () => {
    const p = await newContact('Nieeksportowana');
    expect(await t.call(rep, 'contacts:exportData', { id: p.id, format: 'json' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('erasure', () => {
  it('anonymises the person, the audit values and the quoted corrections; keeps the record and the events', async () => {
    const p = await newContact('Wymazywana');
    await t.ok(op, 'contacts:update', { id: p.id, patch: { phones: ['602 777 888'] } });
    await t.ok(op, 'contacts:setConsent', {
      id: p.id,
      channel: 'email',
      granted: true,
      source: 'Podpis Wymazywanej',
    });
    await t.ok<CorrectionRequest>(rep, 'corrections:create', {
      clientId,
      contactId: p.id,
      field: 'surname',
      proposedValue: 'Wymazywana-Nowak',
      note: 'Wyszła za mąż',
    });
    const before = (await t.ok<ClientCard>(op, 'clients:get', { id: clientId })).contacts.length;

    const erased = await t.ok<Contact>(op, 'contacts:erase', {
      id: p.id,
      reason: 'Wniosek RODO z 20.11.2026',
    });
    expect(erased).toMatchObject({ erased: true, phones: [], emails: [], notes: '', position: '' });
    expect(erased.surname).not.toContain('Wymazywana');
    expect(erased.consentHistory).toEqual([
      expect.objectContaining({ channel: 'email', granted: true, source: '' }),
    ]);

    const card = await t.ok<ClientCard>(op, 'clients:get', { id: clientId });
    expect(card.contacts).toHaveLength(before);
    const history = await t.ok<
      Array<{ action: string; field: string | null; old: unknown; new: unknown; redacted?: boolean }>
    >(op, 'audit:history', { entityId: p.id });
    expect(JSON.stringify(history)).not.toMatch(/Wymazywana|602777888|601234567|Podpis/);
    expect(history.some((h) => h.field === 'phones' && h.redacted)).toBe(true);
    expect(history.at(-1)).toMatchObject({ action: 'erase' });
    const corrections = await t.ok<CorrectionRequest[]>(op, 'corrections:list', {});
    expect(JSON.stringify(corrections)).not.toContain('Wymazywana');

    // Nothing more can be done with the person's data.
    for (const [command, input] of [
      ['contacts:update', { id: p.id, patch: { surname: 'Nowa' } }],
      ['contacts:exportData', { id: p.id, format: 'json' }],
      ['contacts:setConsent', { id: p.id, channel: 'sms', granted: true, source: 'x' }],
      ['contacts:erase', { id: p.id, reason: 'again' }],
    ] as const)
      expect(await t.call(op, command, input), command).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
  });

  it('leaves no old value in any file of the data folder once its checkpoint is done, and reopens', async () => {
    const p = await newContact('Przeszłość-Zapomniana');
    await t.ok(op, 'contacts:update', { id: p.id, patch: { notes: 'Sekretna-notatka-ŻŹ' } });
    // A checkpoint now puts the values into a snapshot generation too, not only the journal.
    await t.core.store.checkpoint();
    await t.ok(op, 'contacts:update', { id: p.id, patch: { phones: ['603 999 000'] } });
    expect(filesContaining(t.dir, 'Sekretna-notatka-ŻŹ').length).toBeGreaterThan(0);

    await t.ok(op, 'contacts:erase', { id: p.id, reason: 'Wniosek' });
    // The erasure started the purge; wait for it (the command answers before it is done).
    const cp = await t.core.store.requestPurge();
    expect(cp.purged).toBe(true);
    for (const needle of ['Sekretna-notatka-ŻŹ', 'Przeszłość-Zapomniana', '603999000'])
      expect(filesContaining(t.dir, needle), needle).toEqual([]);

    await t.reopen();
    // Sessions live in memory: after the reopen everyone signs in again.
    op = await t.session('olga', 'xxxxxxxx');
    rep = await t.session('jan', 'xxxxxxxx');
    const card = await t.ok<ClientCard>(op, 'clients:get', { id: clientId });
    expect(card.contacts.find((c) => c.id === p.id)).toMatchObject({ erased: true });
  });

  it('refuses a rep and an empty reason', async () => {
    const p = await newContact('Chroniona');
    expect(await t.call(rep, 'contacts:erase', { id: p.id, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await t.call(op, 'contacts:erase', { id: p.id, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(
      (await t.ok<ClientCard>(op, 'clients:get', { id: clientId })).contacts.find((c) => c.id === p.id),
    ).toMatchObject({
      surname: 'Chroniona',
    });
  });
});
