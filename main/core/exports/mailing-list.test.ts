import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, Contact } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import type { AppErrorData, Result } from '../../../shared/contract/errors';
import type {
  MailingListCounts,
  MailingListExportResult,
  MailingListOptions,
} from '../../../shared/contract/exports.schema';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import { normalizeEmail } from '../../../shared/domain/contact-data';
import type { TestCore } from '../testing/test-core';
import { testCore } from '../testing/test-core';

// The mailing list end to end in the core (issue 9 must-haves 2, 4, 6): a small office whose
// contacts cover every reason to be left out, the filters and the manager's scope, the CSV read
// back and compared with a calculation of its own from the stored records, the audit entry, and
// a cancelled export that leaves nothing behind; then the demo office.

type Row = string[];

function parseCsv(base64: string): { bom: boolean; rows: Row[] } {
  const bytes = Buffer.from(base64, 'base64');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  const parsed = Papa.parse<Row>(text, { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { bom, rows: parsed.data };
}

function fail(r: Result<unknown>): AppErrorData {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.data)}`);
  return r.error;
}

const zero = { noEmail: 0, invalidEmail: 0, noConsent: 0, withdrawn: 0, duplicate: 0 };

describe('the mailing list of a small office', () => {
  let t: TestCore;
  let admin: string;
  let op: string;
  let manager: string;
  const ids: Record<string, string> = {};

  async function client(key: string, fields: Record<string, unknown>): Promise<string> {
    const card = await t.ok<ClientCard>(op, 'clients:create', {
      address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
      ...fields,
    });
    return (ids[key] = card.client.id);
  }
  async function contact(key: string, clientKey: string, surname: string, emails: string[]): Promise<string> {
    const p = await t.ok<Contact>(op, 'contacts:create', {
      clientId: ids[clientKey],
      firstName: 'Łucja',
      surname,
      position: 'Kierowniczka',
      phones: ['601 234 567'],
      emails,
    });
    return (ids[key] = p.id);
  }
  /** A contact written straight into the store: the commands refuse invalid e-mails. */
  async function rawContact(key: string, clientKey: string, surname: string, fields: Partial<Contact>) {
    const rec = await t.core.store.transact({ userId: ids.olga! }, (tx) =>
      tx.insert<Contact>('contacts', {
        clientId: ids[clientKey],
        firstName: 'Ewa',
        surname,
        position: '',
        phones: [],
        emails: [],
        notes: '',
        status: 'confirmed',
        consents: {},
        consentHistory: [],
        ...fields,
      }),
    );
    return (ids[key] = rec.id);
  }
  const consent = (key: string, granted: boolean) =>
    t.ok(op, 'contacts:setConsent', { id: ids[key], channel: 'email', granted, source: 'Formularz' });
  const preview = (filter: Record<string, unknown> = {}, s = op) =>
    t.ok<MailingListCounts>(s, 'exports:mailingListPreview', { filter });
  const auditEntries = () =>
    t.core.store.byIndex<{ id: string; userId: string; details: Record<string, unknown> }>(
      'audit',
      'entityId',
      'mailing-list',
    );

  beforeAll(async () => {
    t = await testCore();
    admin = await t.setUpOffice();
    const mk = (x: Record<string, unknown>) =>
      t.ok<PublicUser>(admin, 'users:create', { password: 'xxxxxxxx', ...x });
    ids.olga = (await mk({ login: 'olga', displayName: 'Olga Operatorka', role: 'operator' })).id;
    ids.marek = (await mk({ login: 'marek', displayName: 'Marek Kierownik', role: 'manager' })).id;
    const north = await t.ok<Team>(admin, 'teams:create', { name: 'Północ', managerId: ids.marek });
    const south = await t.ok<Team>(admin, 'teams:create', { name: 'Południe' });
    ids.jan = (
      await mk({ login: 'jan', displayName: 'Jan Kowalski', role: 'rep', teamId: north.id, repCode: 'JKO' })
    ).id;
    ids.piotr = (
      await mk({ login: 'piotr', displayName: 'Piotr Żółw', role: 'rep', teamId: south.id, repCode: 'PZO' })
    ).id;
    op = await t.session('olga', 'xxxxxxxx');
    manager = await t.session('marek', 'xxxxxxxx');
    for (const [code, pl, cs, en] of [
      ['pharmacy', 'Apteka', 'Lékárna', 'Pharmacy'],
      ['shop', 'Sklep spożywczy', 'Potraviny', 'Grocery'],
    ] as const)
      ids[code] = (
        await t.ok<DictionaryItem>(admin, 'dictionaries:create', {
          kind: 'segment',
          code,
          labels: { pl, cs, en },
        })
      ).id;

    await client('A', { name: 'Apteka Żółta', segmentId: ids.pharmacy, repId: ids.jan });
    await client('B', {
      name: 'Biedronka Centrala',
      segmentId: ids.shop,
      repId: ids.piotr,
      address: { city: 'Warszawa', postalCode: '00-001', country: 'PL' },
    });
    await client('C', {
      name: 'Biedronka Łódź 1',
      parentId: ids.B,
      segmentId: ids.shop,
      repId: ids.jan,
      address: { city: 'ŁÓDŹ', postalCode: '90-002', country: 'PL' },
    });
    await client('D', {
      name: 'Delikatesy Ćma',
      address: { city: 'Kraków', postalCode: '30-001', country: 'PL' },
    });
    await client('E', {
      name: 'Elektro Zamknięte',
      repId: ids.jan,
      status: 'inactive',
      address: { city: 'Zabrze', postalCode: '41-800', country: 'PL' },
    });
    await client('F', {
      name: 'Fuzja Dawna',
      repId: ids.jan,
      address: { city: 'Opole', postalCode: '45-001', country: 'PL' },
    });

    // A: one of each reason.
    await contact('a1', 'A', 'Źrebiak', ['Lucja.Zrebiak@Example.pl']);
    await consent('a1', true);
    await contact('a2', 'A', 'Bezmailowa', []);
    await rawContact('a3', 'A', 'Literówka', { emails: ['jan@wp', 'nie ma'], consents: { email: true } });
    await contact('a4', 'A', 'Wycofana', ['wycofana@example.pl']);
    await consent('a4', true);
    t.clock.advance(60_000);
    await consent('a4', false);
    await contact('a5', 'A', 'Odmowa', ['odmowa@example.pl']);
    await consent('a5', false);
    await contact('a6', 'A', 'Niezdecydowana', ['nie.wie@example.pl']);
    await contact('a7', 'A', 'Wymazana', ['wymazana@example.pl']);
    await consent('a7', true);
    await t.ok(op, 'contacts:erase', { id: ids.a7, reason: 'Wniosek RODO' });
    await contact('a8', 'A', 'Archiwalna', ['archiwalna@example.pl']);
    await consent('a8', true);
    await t.core.store.transact({ userId: ids.olga }, (tx) =>
      tx.patch('contacts', ids.a8!, { archived: true }),
    );
    // B, the parent company.
    await contact('b1', 'B', 'Centralna', ['centrala@example.pl']);
    await consent('b1', true);
    // C, an outlet: the same address as a1 (another case), and a first address that is invalid.
    await contact('c1', 'C', 'Podwójna', ['LUCJA.ZREBIAK@example.PL']);
    await consent('c1', true);
    await rawContact('c2', 'C', 'Ąbacka', {
      emails: ['zly@', 'Dobry@Example.PL'],
      consents: { email: true },
      // 23:30 UTC on 20 November is 00:30 on the 21st in Warsaw: the file says the office's day.
      consentHistory: [
        { channel: 'email', granted: true, at: '2026-11-20T23:30:00.000Z', source: 'x', by: ids.olga },
      ],
    });
    await contact('d1', 'D', 'Ćmielowa', ['cma@example.pl']);
    await consent('d1', true);
    await contact('e1', 'E', 'Zamknięta', ['zamknieta@example.pl']);
    await consent('e1', true);
    await contact('f1', 'F', 'Scalona', ['scalona@example.pl']);
    await consent('f1', true);
    // F was merged into A: archived with mergedInto.
    await t.core.store.transact({ userId: ids.olga }, (tx) =>
      tx.patch('clients', ids.F!, { archived: true, mergedInto: ids.A }),
    );
  });
  afterAll(() => t.dispose());

  it('counts every contact under its first reason, erased and archived ones not at all', async () => {
    expect(await preview()).toEqual({
      clients: 4,
      contacts: 10,
      included: 4,
      leftOut: { noEmail: 1, invalidEmail: 1, noConsent: 2, withdrawn: 1, duplicate: 1 },
    });
  });

  it('tells a withdrawn consent from one never given', async () => {
    const counts = await preview({ segmentIds: [ids.pharmacy] });
    expect(counts).toEqual({
      clients: 1,
      contacts: 6,
      included: 1,
      leftOut: { noEmail: 1, invalidEmail: 1, noConsent: 2, withdrawn: 1, duplicate: 0 },
    });
  });

  it('never mails an address whose owner refused on another record, whatever this record says', async () => {
    // The same person at another outlet: consent granted here, refused on a5 (same address).
    await contact('g1', 'D', 'Odmowa-Druga', ['Odmowa@Example.pl']);
    await consent('g1', true);
    try {
      expect(await preview({ cities: ['Kraków'] })).toEqual({
        clients: 1,
        contacts: 2,
        included: 1,
        leftOut: { ...zero, withdrawn: 1 },
      });
    } finally {
      await t.core.store.transact({ userId: ids.olga! }, (tx) =>
        tx.patch('contacts', ids.g1!, { archived: true }),
      );
    }
    expect((await preview({ cities: ['Kraków'] })).included).toBe(1);
  });

  it('filters by segment, city, rep, no rep and chain, AND between kinds and OR within one', async () => {
    const clients = async (filter: Record<string, unknown>) => (await preview(filter)).clients;
    expect(await clients({ segmentIds: [ids.shop] })).toBe(2); // B, C
    expect(await clients({ segmentIds: [ids.shop, ids.pharmacy] })).toBe(3);
    // Trimmed and case-insensitive: "łódź " is Łódź and ŁÓDŹ.
    expect(await clients({ cities: ['łódź '] })).toBe(2); // A, C
    expect(await clients({ cities: ['kraków', 'WARSZAWA'] })).toBe(2); // D, B
    expect(await clients({ repIds: [ids.jan] })).toBe(2); // A, C (E is inactive, F merged)
    expect(await preview({ repIds: ['none'] })).toEqual({
      clients: 1,
      contacts: 1,
      included: 1,
      leftOut: zero,
    });
    expect(await clients({ repIds: [ids.piotr, 'none'] })).toBe(2); // B, D
    // The parent and its outlets.
    expect(await clients({ parentIds: [ids.B] })).toBe(2);
    expect(await clients({ parentIds: [ids.B], cities: ['Łódź'] })).toBe(1); // C
    expect(await clients({ parentIds: [ids.B], cities: ['Łódź'], repIds: [ids.piotr] })).toBe(0);
    // The duplicate is only one when the first holder of the address is on the same list.
    expect(await preview({ parentIds: [ids.B] })).toEqual({
      clients: 2,
      contacts: 3,
      included: 3,
      leftOut: zero,
    });
  });

  it('offers the cities and parent companies of the caller’s clients', async () => {
    expect(await t.ok<MailingListOptions>(op, 'exports:mailingListOptions')).toEqual({
      cities: ['Kraków', 'Łódź', 'Warszawa'],
      parents: [{ id: ids.B, name: 'Biedronka Centrala', city: 'Warszawa' }],
    });
    expect(await t.ok<MailingListOptions>(manager, 'exports:mailingListOptions')).toEqual({
      cities: ['Łódź'],
      parents: [{ id: ids.B, name: 'Biedronka Centrala', city: 'Warszawa' }],
    });
  });

  it('gives a manager their team’s clients only, and refuses another team’s rep', async () => {
    expect(await preview({}, manager)).toMatchObject({ clients: 2, contacts: 8, included: 2 });
    // The parent company is another team's: only its outlet in the team is selected.
    expect((await preview({ parentIds: [ids.B] }, manager)).clients).toBe(1);
    expect(
      fail(await t.call(manager, 'exports:mailingListPreview', { filter: { repIds: [ids.piotr] } })),
    ).toMatchObject({ code: 'forbidden', key: 'errors.rep_out_of_scope' });
    expect(
      fail(await t.call(manager, 'exports:mailingList', { filter: { repIds: [ids.piotr] } })),
    ).toMatchObject({
      code: 'forbidden',
    });
  });

  it('refuses unknown segments, reps and parents, naming the field, and changes nothing', async () => {
    const seq = t.core.store.seq;
    const before = auditEntries().length;
    for (const [field, value] of [
      ['segmentIds', ids.jan], // a user, not a segment
      ['repIds', ids.olga], // an operator, not a rep
      ['parentIds', ids.F], // merged away
      ['parentIds', 'no-such-client'],
    ] as const) {
      const e = fail(await t.call(op, 'exports:mailingList', { filter: { [field]: [value] } }));
      expect(e).toMatchObject({
        code: 'validation',
        key: 'errors.mailing_filter_unknown',
        details: { field, ids: [value] },
      });
    }
    expect(t.core.store.seq).toBe(seq);
    expect(auditEntries().length).toBe(before);
  });

  it('writes no audit entry for a preview', async () => {
    const before = auditEntries().length;
    await preview();
    await preview({ cities: ['Łódź'] });
    expect(auditEntries().length).toBe(before);
  });

  it('writes the CSV an independent calculation from the stored records expects, and audits it', async () => {
    const before = auditEntries().length;
    const r = await t.ok<MailingListExportResult>(op, 'exports:mailingList', { filter: {} });
    expect(r.file.fileName).toBe('mailing-list-2026-11-23.csv');
    expect(r.file.mime).toBe('text/csv; charset=utf-8');
    expect(r.file.records).toBe(4);
    expect(r.counts).toEqual(await preview());

    const { bom, rows } = parseCsv(r.file.base64);
    expect(bom).toBe(true);
    expect(rows[0]).toEqual([
      'E-mail',
      'Imię',
      'Nazwisko',
      'Stanowisko',
      'Klient',
      'Miejscowość',
      'Segment',
      'Przedstawiciel',
      'Zgoda udzielona',
    ]);

    // Independently: the live, active clients, their live contacts in (client, surname) order,
    // kept with a valid address not seen before and e-mail consent true.
    const store = t.core.store;
    const coll = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });
    type C = {
      id: string;
      name: string;
      archived?: boolean;
      mergedInto?: string;
      status: string;
      repId: string | null;
      segmentId: string | null;
      address: { city: string };
    };
    const candidates: Array<{ c: C; p: Contact }> = [];
    for (const c of store.all<C>('clients')) {
      if (c.archived || c.mergedInto || c.status !== 'active') continue;
      for (const p of store.all<Contact>('contacts'))
        if (p.clientId === c.id && !p.archived && !p.erased) candidates.push({ c, p });
    }
    candidates.sort((x, y) => coll.compare(x.c.name, y.c.name) || coll.compare(x.p.surname, y.p.surname));
    const seen = new Set<string>();
    const expected: Row[] = [];
    for (const { c, p } of candidates) {
      const email = p.emails.map(normalizeEmail).find((e) => e !== null);
      if (!email || p.consents.email !== true || seen.has(email.toLowerCase())) continue;
      seen.add(email.toLowerCase());
      const granted = p.consentHistory
        .filter((e) => e.channel === 'email' && e.granted)
        .map((e) => e.at)
        .sort()
        .pop();
      const day = granted
        ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(granted))
        : '';
      expected.push([
        email,
        p.firstName,
        p.surname,
        p.position,
        c.name,
        c.address.city,
        c.segmentId ? store.get<DictionaryItem>('dictionaries', c.segmentId)!.labels.pl : '',
        c.repId ? store.get<PublicUser>('users', c.repId)!.displayName : '',
        day,
      ]);
    }
    expect(rows.slice(1)).toEqual(expected);
    // What that means, spelled out: Polish letters intact, the later duplicate gone, the first
    // valid of two addresses, the office's day of the consent.
    expect(rows.slice(1).map((x) => x[0])).toEqual([
      'Lucja.Zrebiak@example.pl',
      'centrala@example.pl',
      'Dobry@example.pl',
      'cma@example.pl',
    ]);
    expect(rows[1]).toEqual([
      'Lucja.Zrebiak@example.pl',
      'Łucja',
      'Źrebiak',
      'Kierowniczka',
      'Apteka Żółta',
      'Łódź',
      'Apteka',
      'Jan Kowalski',
      '2026-11-23',
    ]);
    expect(rows[3]!.slice(2)).toEqual([
      'Ąbacka',
      '',
      'Biedronka Łódź 1',
      'ŁÓDŹ',
      'Sklep spożywczy',
      'Jan Kowalski',
      '2026-11-21',
    ]);

    const audit = auditEntries();
    expect(audit.length).toBe(before + 1);
    expect(audit.at(-1)).toMatchObject({
      userId: ids.olga,
      action: 'export',
      entity: 'contacts',
      details: { kind: 'mailing_list_csv', count: 4, leftOut: r.counts.leftOut, filter: {} },
    });
  });

  it('writes the file in the caller’s language', async () => {
    await t.ok(admin, 'prefs:setLanguage', { language: 'cs' });
    const r = await t.ok<MailingListExportResult>(admin, 'exports:mailingList', {
      filter: { segmentIds: [ids.pharmacy] },
    });
    const { rows } = parseCsv(r.file.base64);
    expect(rows[0]![1]).toBe('Jméno');
    expect(rows.slice(1).map((x) => x[6])).toEqual(['Lékárna']);
    await t.ok(admin, 'prefs:setLanguage', { language: 'en' });
    const en = await t.ok<MailingListExportResult>(admin, 'exports:mailingList', {
      filter: { repIds: ['none'] },
    });
    const text = Buffer.from(en.file.base64, 'base64').subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'E-mail,First name,Surname,Position,Client,City,Segment,Rep,Consent granted on',
    );
    expect(text.split('\r\n')[1]).toBe(
      'cma@example.pl,Łucja,Ćmielowa,Kierowniczka,Delikatesy Ćma,Kraków,,,2026-11-23',
    );
  });
});

describe('a cancelled mailing-list export', () => {
  let t: TestCore;
  let op: string;

  beforeAll(async () => {
    t = await testCore();
    const admin = await t.setUpOffice();
    const olga = await t.ok<PublicUser>(admin, 'users:create', {
      login: 'olga',
      displayName: 'Olga',
      role: 'operator',
      password: 'xxxxxxxx',
    });
    op = await t.session('olga', 'xxxxxxxx');
    const clientIds: string[] = [];
    for (let k = 0; k < 20; k++)
      clientIds.push(
        (
          await t.ok<ClientCard>(op, 'clients:create', {
            name: `Sklep ${k}`,
            address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
          })
        ).client.id,
      );
    // Many contacts, straight into the store: the export must still be running when the cancel comes.
    await t.core.store.transact({ userId: olga.id }, (tx) => {
      for (let n = 0; n < 40_000; n++)
        tx.insert('contacts', {
          clientId: clientIds[n % clientIds.length],
          firstName: 'Anna',
          surname: `Nowak ${n}`,
          position: '',
          phones: [],
          emails: [`anna.${n}@example.pl`],
          notes: '',
          status: 'confirmed',
          consents: { email: true },
          consentHistory: [
            { channel: 'email', granted: true, at: '2026-11-01T10:00:00.000Z', source: 'x', by: olga.id },
          ],
        });
    });
  }, 120_000);
  afterAll(() => t.dispose());

  it('ends with `cancelled`, records nothing, and the next export runs whole', async () => {
    const seq = t.core.store.seq;
    const running = t.call(op, 'exports:mailingList', { filter: {}, jobId: 'ml-1' });
    const cancel = await t.ok<{ cancelled: boolean }>(op, 'jobs:cancel', { jobId: 'ml-1' });
    expect(cancel).toEqual({ cancelled: true });
    expect(fail(await running)).toMatchObject({ code: 'cancelled' });
    expect(t.core.store.seq).toBe(seq);
    expect(t.core.store.byIndex('audit', 'entityId', 'mailing-list')).toEqual([]);
    // The same id is free again, and an export to its end reports its progress and is audited once.
    const progress: Array<{ done: number; total: number }> = [];
    const off = t.core.subscribe((event, payload) => {
      const p = payload as { jobId: string; done: number; total: number };
      if (event === 'job:progress' && p.jobId === 'ml-1') progress.push({ done: p.done, total: p.total });
    });
    const r = await t.ok<MailingListExportResult>(op, 'exports:mailingList', { filter: {}, jobId: 'ml-1' });
    off();
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 1, total: 1 });
    expect(r.counts).toMatchObject({ clients: 20, contacts: 40_000, included: 40_000 });
    expect(t.core.store.byIndex('audit', 'entityId', 'mailing-list')).toHaveLength(1);
  });
});

describe('the mailing list of the demo office', () => {
  let t: TestCore;
  let op: string;

  beforeAll(async () => {
    t = await testCore({ now: '2026-03-02T09:00:00Z' });
    await t.ok(await t.session(), 'setup:openDemo', { locale: 'pl', scale: 'S' });
    op = await t.session('operator', 'demo-operator');
  }, 180_000);
  afterAll(() => t.dispose());

  it('exports what its preview counted, every contact accounted for', async () => {
    const counts = await t.ok<MailingListCounts>(op, 'exports:mailingListPreview', { filter: {} });
    const t0 = performance.now();
    const r = await t.ok<MailingListExportResult>(op, 'exports:mailingList', { filter: {} });
    console.log(
      `mailing list of the demo office: ${r.counts.contacts} contacts, ${r.counts.included} on the list, ${Math.round(performance.now() - t0)} ms`,
    );
    expect(r.counts).toEqual(counts);
    const left = Object.values(r.counts.leftOut).reduce((a, b) => a + b, 0);
    expect(r.counts.included + left).toBe(r.counts.contacts);
    expect(r.counts.included).toBeGreaterThan(0);
    expect(parseCsv(r.file.base64).rows).toHaveLength(r.counts.included + 1);
  });
});
