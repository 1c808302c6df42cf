import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, Contact } from '../../../shared/contract/clients.schema';
import type { Result } from '../../../shared/contract/errors';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import type {
  Attachment,
  RepCounters,
  Task,
  VisitDetail,
  VisitRow,
} from '../../../shared/contract/visits.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { imageSize, sniffImage } from './attachments.service';
import { seriesDates } from './visits.service';

type FileOut = { fileName: string; mimeType: string; data: string };

// Today is Monday 2026-11-23 in Warsaw (the test core's clock: 09:00 UTC).
let t: TestCore;
let admin: string;
let op: string;
let jan: string; // rep in the manager's team
let piotr: string; // rep in another team
let marek: string; // manager of jan's team
const ids: Record<string, string> = {};

function fail(r: Result<unknown>): {
  code: string;
  key: string;
  details?: Record<string, unknown>;
  issues?: Array<{ path: unknown[]; key: string; message: string }>;
} {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

async function insertStandard(s: {
  lineageId: string;
  segmentIds: string[];
  validFrom: string;
  validTo: string | null;
  steps: Array<{ key: string; title: string; kind: string; mandatory: boolean; items?: string[] }>;
}): Promise<string> {
  return t.core.store
    .transact({ userId: 'test' }, (tx) =>
      tx.insert('visitStandards', {
        lineageId: s.lineageId,
        version: 1,
        current: true,
        name: `Standard ${s.lineageId}`,
        segmentIds: s.segmentIds,
        validFrom: s.validFrom,
        validTo: s.validTo,
        steps: s.steps.map((x) => ({ details: '', items: [], ...x })),
      }),
    )
    .then((r) => r.id);
}

const plan = (sid: string, input: Record<string, unknown>) =>
  t.ok<VisitDetail>(sid, 'visits:plan', {
    clientId: ids.janClient,
    contactId: ids.contact,
    subject: 'Zamówienie',
    ...input,
  });

beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
  const mk = (u: object) => t.ok<PublicUser>(admin, 'users:create', { password: 'xxxxxxxx', ...u });
  ids.marek = (await mk({ login: 'marek', displayName: 'Marek', role: 'manager' })).id;
  ids.ewa = (await mk({ login: 'ewa', displayName: 'Ewa', role: 'manager' })).id;
  ids.team = (await t.ok<Team>(admin, 'teams:create', { name: 'Północ', managerId: ids.marek })).id;
  ids.otherTeam = (await t.ok<Team>(admin, 'teams:create', { name: 'Południe', managerId: ids.ewa })).id;
  ids.jan = (
    await mk({ login: 'jan', displayName: 'Jan', role: 'rep', teamId: ids.team, repCode: 'JKO' })
  ).id;
  ids.piotr = (
    await mk({ login: 'piotr', displayName: 'Piotr', role: 'rep', teamId: ids.otherTeam, repCode: 'PZO' })
  ).id;
  await mk({ login: 'olga', displayName: 'Olga', role: 'operator' });
  op = await t.session('olga', 'xxxxxxxx');
  jan = await t.session('jan', 'xxxxxxxx');
  piotr = await t.session('piotr', 'xxxxxxxx');
  marek = await t.session('marek', 'xxxxxxxx');
  const dicts = await t.ok<Array<{ id: string; kind: string }>>(admin, 'dictionaries:list', {});
  const segments = dicts.filter((d) => d.kind === 'segment');
  ids.segA = segments[0]!.id;
  ids.segB = segments[1]!.id;
  const client = async (name: string, repId: string | null, segmentId: string | null) =>
    (
      await t.ok<ClientCard>(op, 'clients:create', {
        name,
        repId,
        segmentId,
        address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client.id;
  ids.janClient = await client('Sklep Jana', ids.jan, ids.segA);
  ids.janClient2 = await client('Apteka Jana', ids.jan, null);
  ids.piotrClient = await client('Sklep Piotra', ids.piotr, null);
  const contact = async (clientId: string, c: object) =>
    (await t.ok<Contact>(op, 'contacts:create', { clientId, firstName: 'Ewa', surname: 'Nowak', ...c })).id;
  ids.contact = await contact(ids.janClient, { phones: ['601 111 222'] });
  ids.silent = await contact(ids.janClient, { firstName: 'Adam', surname: 'Cichy' });
  ids.contact2 = await contact(ids.janClient2, { emails: ['apteka@example.pl'] });
  ids.piotrContact = await contact(ids.piotrClient, { phones: ['601 333 444'] });
  // The standard for segment A: a mandatory checklist and an optional note.
  ids.stdA = 'std-a';
  await insertStandard({
    lineageId: ids.stdA,
    segmentIds: [ids.segA],
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    steps: [
      { key: 'shelf', title: 'Półka', kind: 'checklist', mandatory: true, items: ['Cena', 'Facing'] },
      { key: 'talk', title: 'Rozmowa', kind: 'note', mandatory: false },
    ],
  });
  // From 2027 a different standard: the shelf check stays, the note is replaced by a count.
  await insertStandard({
    lineageId: 'std-b',
    segmentIds: [ids.segA],
    validFrom: '2027-01-01',
    validTo: null,
    steps: [
      { key: 'shelf', title: 'Półka 2027', kind: 'checklist', mandatory: true, items: ['Cena'] },
      { key: 'stock', title: 'Zapas', kind: 'count', mandatory: false },
    ],
  });
});
afterAll(() => t.dispose());

describe('the minimal data set', () => {
  it('names every missing item: no contact and no subject', async () => {
    const before = t.core.store.seq;
    const e = fail(
      await t.call(jan, 'visits:plan', { clientId: ids.janClient, date: '2026-11-25', subject: '' }),
    );
    expect(e).toMatchObject({ code: 'validation', key: 'errors.visit_minimal' });
    expect(e.issues!.map((i) => i.key)).toEqual([
      'validation.visit_missing_contact_name',
      'validation.visit_missing_contact_detail',
      'validation.visit_missing_subject',
    ]);
    expect(e.issues!.map((i) => i.path)).toEqual([['contact_name'], ['contact_detail'], ['subject']]);
    expect(t.core.store.seq).toBe(before);
  });

  it('a contact without phone or e-mail lacks the contact detail only', async () => {
    const e = fail(
      await t.call(jan, 'visits:plan', {
        clientId: ids.janClient,
        contactId: ids.silent,
        date: '2026-11-25',
        subject: 'Zamówienie',
      }),
    );
    expect(e.issues!.map((i) => i.key)).toEqual(['validation.visit_missing_contact_detail']);
  });

  it("refuses another client's contact", async () => {
    const e = fail(
      await t.call(jan, 'visits:plan', {
        clientId: ids.janClient,
        contactId: ids.contact2,
        date: '2026-11-25',
        subject: 'Zamówienie',
      }),
    );
    expect(e.key).toBe('errors.visit_contact_invalid');
  });

  it('a proposed contact satisfies it', async () => {
    const p = await t.ok<Contact>(jan, 'contacts:propose', {
      clientId: ids.janClient2,
      firstName: 'Nowa',
      surname: 'Osoba',
      phones: ['601 555 666'],
    });
    expect(p.status).toBe('proposed');
    const d = await plan(jan, { clientId: ids.janClient2, contactId: p.id, date: '2026-11-26' });
    expect(d.visit).toMatchObject({ status: 'planned', repId: ids.jan, contactId: p.id });
    expect(d.contact).toMatchObject({ firstName: 'Nowa', status: 'proposed' });
  });

  it('completing without a result names the result; edits keep the set', async () => {
    const d = await plan(jan, { clientId: ids.janClient2, contactId: ids.contact2, date: '2026-11-23' });
    const e = fail(await t.call(jan, 'visits:complete', { id: d.visit.id, result: '  ' }));
    expect(e.key).toBe('errors.visit_minimal');
    expect(e.issues!.map((i) => i.key)).toEqual(['validation.visit_missing_result']);
    const u = fail(await t.call(jan, 'visits:update', { id: d.visit.id, patch: { subject: '' } }));
    expect(u.issues!.map((i) => i.key)).toEqual(['validation.visit_missing_subject']);
    const done = await t.ok<VisitDetail>(jan, 'visits:complete', { id: d.visit.id, result: 'Zamówione' });
    expect(done.visit).toMatchObject({ status: 'done', result: 'Zamówione' });
    expect(done.visit.completedAt).toBeTruthy();
  });
});

describe('planning', () => {
  it('series dates: every 2 weeks, monthly clamped to the month end', () => {
    expect(seriesDates('2026-11-24', '2026-12-22', '2w')).toEqual(['2026-11-24', '2026-12-08', '2026-12-22']);
    expect(seriesDates('2027-01-31', '2027-05-31', '1m')).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
    ]);
    expect(seriesDates('2027-12-15', '2028-02-14', '1m')).toEqual(['2027-12-15', '2028-01-15']);
  });

  it('plans a series in one transaction with one seriesId', async () => {
    const r = await t.ok<{ visits: VisitRow[] }>(jan, 'visits:planSeries', {
      clientId: ids.janClient2,
      contactId: ids.contact2,
      from: '2027-01-31',
      until: '2027-04-30',
      every: '1m',
      subject: 'Wizyta cykliczna',
    });
    expect(r.visits.map((v) => v.date)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    const series = r.visits.map(
      (v) => t.core.store.get<{ id: string; seriesId: string }>('visits', v.id)!.seriesId,
    );
    expect(new Set(series).size).toBe(1);
    expect(series[0]).toBeTruthy();
  });

  it('refuses a series over 60 visits, and one without a subject', async () => {
    const before = t.core.store.seq;
    const base = { clientId: ids.janClient2, contactId: ids.contact2, from: '2026-12-01', every: '1w' };
    const e = fail(await t.call(jan, 'visits:planSeries', { ...base, until: '2028-12-01', subject: 'X' }));
    expect(e.key).toBe('errors.visit_series_too_long');
    const m = fail(await t.call(jan, 'visits:planSeries', { ...base, until: '2026-12-31' }));
    expect(m.issues!.map((i) => i.key)).toEqual(['validation.visit_missing_subject']);
    expect(t.core.store.seq).toBe(before);
  });

  it("a manager plans for the client's rep; a rep cannot plan for another rep's client", async () => {
    const d = await plan(marek, { date: '2026-11-27' });
    expect(d.visit.repId).toBe(ids.jan);
    const e = fail(
      await t.call(piotr, 'visits:plan', {
        clientId: ids.janClient,
        contactId: ids.contact,
        date: '2026-11-27',
        subject: 'X',
      }),
    );
    expect(e.code).toBe('forbidden');
  });

  it('reschedules a planned visit; a done or cancelled one refuses edits', async () => {
    const d = await plan(jan, {
      clientId: ids.janClient2,
      contactId: ids.contact2,
      date: '2026-11-24',
      time: '10:00',
    });
    const moved = await t.ok<VisitDetail>(jan, 'visits:update', {
      id: d.visit.id,
      patch: { date: '2026-11-25', time: '12:30' },
    });
    expect(moved.visit).toMatchObject({ date: '2026-11-25', time: '12:30', status: 'planned' });
    expect(moved.can).toEqual({ edit: true, complete: true });
    const e = fail(await t.call(jan, 'visits:cancel', { id: d.visit.id, reason: '' }));
    expect(e.code).toBe('validation');
    const c = await t.ok<VisitDetail>(jan, 'visits:cancel', { id: d.visit.id, reason: 'Sklep zamknięty' });
    expect(c.visit).toMatchObject({ status: 'cancelled', cancelReason: 'Sklep zamknięty' });
    expect(c.can).toEqual({ edit: false, complete: false });
    for (const [cmd, input] of [
      ['visits:update', { id: d.visit.id, patch: { date: '2026-11-26' } }],
      ['visits:complete', { id: d.visit.id, result: 'x' }],
      ['visits:cancel', { id: d.visit.id, reason: 'x' }],
    ] as const)
      expect(fail(await t.call(jan, cmd, input)).key).toBe('errors.visit_not_planned');
  });

  it('missed is derived from the clock, never stored; a missed visit can still be completed', async () => {
    const d = await plan(jan, { clientId: ids.janClient2, contactId: ids.contact2, date: '2026-11-24' });
    const save = t.clock.now();
    try {
      t.clock.set('2026-11-25T23:30:00Z'); // 00:30 on the 26th in Warsaw
      const row = (
        await t.ok<VisitRow[]>(jan, 'visits:agenda', { from: '2026-11-24', to: '2026-11-24' })
      ).find((r) => r.id === d.visit.id);
      expect(row?.status).toBe('missed');
      expect((await t.ok<VisitDetail>(jan, 'visits:get', { id: d.visit.id })).visit.status).toBe('missed');
      expect(t.core.store.get<{ id: string; status: string }>('visits', d.visit.id)!.status).toBe('planned');
      const done = await t.ok<VisitDetail>(jan, 'visits:complete', {
        id: d.visit.id,
        result: 'Późno, ale jest',
      });
      expect(done.visit.status).toBe('done');
    } finally {
      t.clock.set(save);
    }
  });
});

describe('tasks', () => {
  it('a visit carries the standard’s steps in order; completion waits for the mandatory one', async () => {
    const d = await plan(jan, { date: '2026-11-23' });
    expect(d.tasks.map((x) => [x.title, x.mandatory, x.status])).toEqual([
      ['Półka', true, 'open'],
      ['Rozmowa', false, 'open'],
    ]);
    expect(d.can).toEqual({ edit: true, complete: false });
    const e = fail(await t.call(jan, 'visits:complete', { id: d.visit.id, result: 'OK' }));
    expect(e).toMatchObject({
      code: 'conflict',
      key: 'errors.visit_mandatory_open',
      details: { tasks: ['Półka'] },
    });
    expect(e.issues!.map((i) => i.message)).toEqual(['Półka']);

    const shelf = d.tasks[0]!;
    expect(
      fail(
        await t.call(jan, 'tasks:update', {
          id: shelf.id,
          status: 'done',
          result: { checklist: [{ item: 'Nie ma', met: true }] },
        }),
      ).issues![0]!.key,
    ).toBe('validation.task_checklist_item');
    expect(fail(await t.call(piotr, 'tasks:update', { id: shelf.id, status: 'done' })).code).toBe(
      'forbidden',
    );
    const upd = await t.ok<Task>(jan, 'tasks:update', {
      id: shelf.id,
      status: 'done',
      result: {
        checklist: [
          { item: 'Cena', met: true },
          { item: 'Facing', met: false },
        ],
        note: 'Brak facingu',
      },
    });
    expect(upd.result).toMatchObject({ note: 'Brak facingu', count: null, photoIds: [] });
    // A status change that sends only some parts of the result keeps the others (the screen's
    // "done" button sends what its editors hold; the checklist was saved on each tick).
    const again = await t.ok<Task>(jan, 'tasks:update', { id: shelf.id, status: 'done', result: {} });
    expect(again.result.checklist).toHaveLength(2);
    expect(again.result.note).toBe('Brak facingu');
    const noteOnly = await t.ok<Task>(jan, 'tasks:update', {
      id: shelf.id,
      status: 'done',
      result: { note: 'Facing uzupełniony' },
    });
    expect(noteOnly.result.checklist).toEqual([
      { item: 'Cena', met: true },
      { item: 'Facing', met: false },
    ]);
    const done = await t.ok<VisitDetail>(jan, 'visits:complete', {
      id: d.visit.id,
      result: 'Zamówienie 20 szt.',
    });
    expect(done.visit.status).toBe('done');
    // The optional task stays open; a done visit's tasks are read-only.
    expect(done.tasks[1]!.status).toBe('open');
    expect(fail(await t.call(jan, 'tasks:update', { id: done.tasks[1]!.id, status: 'done' })).key).toBe(
      'errors.task_read_only',
    );
  });

  it('a reschedule regenerates the tasks and keeps a task holding a result', async () => {
    const d = await plan(jan, { date: '2026-12-10' });
    const talk = d.tasks.find((x) => x.title === 'Rozmowa')!;
    await t.ok<Task>(jan, 'tasks:update', { id: talk.id, status: 'done', result: { note: 'Rozmawialiśmy' } });
    const moved = await t.ok<VisitDetail>(jan, 'visits:update', {
      id: d.visit.id,
      patch: { date: '2027-01-12' },
    });
    const titles = moved.tasks.map((x) => x.title);
    expect(titles).toEqual(expect.arrayContaining(['Półka 2027', 'Zapas', 'Rozmowa']));
    expect(moved.tasks.find((x) => x.id === talk.id)?.result.note).toBe('Rozmawialiśmy');
    expect(moved.tasks.filter((x) => x.title.startsWith('Półka'))).toHaveLength(1);
    // Idempotent: reading it again changes nothing.
    const seq = t.core.store.seq;
    const again = await t.ok<VisitDetail>(jan, 'visits:get', { id: d.visit.id });
    expect(again.tasks.map((x) => x.id)).toEqual(moved.tasks.map((x) => x.id));
    expect(t.core.store.seq).toBe(seq);
  });

  it('a changed standard reaches planned future visits lazily, not done or past ones', async () => {
    const future = await plan(jan, { date: '2026-12-15' });
    const today = await plan(jan, { date: '2026-11-23' });
    const past = await plan(jan, { date: '2026-11-20' });
    expect(past.visit.status).toBe('missed');
    expect(future.tasks).toHaveLength(2);
    // A new version of standard A with an extra mandatory step.
    await t.core.store.transact({ userId: 'test' }, (tx) => {
      const cur = [
        ...t.core.store.all<{ id: string; lineageId: string; current: boolean }>('visitStandards'),
      ].find((s) => s.lineageId === ids.stdA && s.current)!;
      tx.patch('visitStandards', cur.id, { current: false });
      tx.insert('visitStandards', {
        lineageId: ids.stdA,
        version: 2,
        current: true,
        name: 'Standard A v2',
        segmentIds: [ids.segA],
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        steps: [
          {
            key: 'shelf',
            title: 'Półka',
            details: '',
            kind: 'checklist',
            mandatory: true,
            items: ['Cena', 'Facing'],
          },
          { key: 'talk', title: 'Rozmowa', details: '', kind: 'note', mandatory: false, items: [] },
          { key: 'photo', title: 'Zdjęcie', details: '', kind: 'photo', mandatory: true, items: [] },
        ],
      });
    });
    const rows = await t.ok<VisitRow[]>(jan, 'visits:agenda', { from: '2026-11-20', to: '2026-12-31' });
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row(future.visit.id).tasks).toEqual({ open: 3, total: 3, mandatoryOpen: 2 });
    expect(row(today.visit.id).tasks.total).toBe(3);
    expect(row(past.visit.id).tasks.total).toBe(2);
    const fresh = await t.ok<VisitDetail>(jan, 'visits:get', { id: future.visit.id });
    expect(fresh.tasks.map((x) => x.title)).toEqual(['Półka', 'Rozmowa', 'Zdjęcie']);
  });

  it('changing the client’s segment regenerates on the next read', async () => {
    const d = await plan(jan, { clientId: ids.janClient2, contactId: ids.contact2, date: '2026-12-03' });
    expect(d.tasks).toHaveLength(0);
    await t.ok(op, 'clients:update', { id: ids.janClient2, patch: { segmentId: ids.segA } });
    const again = await t.ok<VisitDetail>(jan, 'visits:get', { id: d.visit.id });
    expect(again.tasks.map((x) => x.title)).toContain('Półka');
    await t.ok(op, 'clients:update', { id: ids.janClient2, patch: { segmentId: null } });
  });
});

// Minimal valid-looking headers: a 3×2 PNG and a 640×480 JPEG (only what the sniffing reads).
function png(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('attachments', () => {
  it('reads the type from the magic bytes and the size from the header', () => {
    expect(sniffImage(png(3, 2))).toBe('image/png');
    expect(imageSize(png(3, 2), 'image/png')).toEqual({ width: 3, height: 2 });
    expect(sniffImage(jpeg(640, 480))).toBe('image/jpeg');
    expect(imageSize(jpeg(640, 480), 'image/jpeg')).toEqual({ width: 640, height: 480 });
    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8X', 8, 'latin1');
    webp.writeUIntLE(99, 24, 3);
    webp.writeUIntLE(49, 27, 3);
    expect(sniffImage(webp)).toBe('image/webp');
    expect(imageSize(webp, 'image/webp')).toEqual({ width: 100, height: 50 });
    expect(sniffImage(Buffer.from('GIF89a......'))).toBeNull();
  });

  it('stores a photo in the data folder, links it to the result, and keeps it across a reopen', async () => {
    const d = await plan(jan, { date: '2026-11-30' });
    const task = d.tasks[0]!;
    const a = await t.ok<Attachment>(jan, 'attachments:add', {
      taskId: task.id,
      fileName: 'polka.png',
      data: png(3, 2).toString('base64'),
    });
    expect(a).toMatchObject({ ownerId: task.id, mimeType: 'image/png', bytes: 33, width: 3, height: 2 });
    const file = path.join(t.dir, 'attachments', `${a.id}.png`);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).equals(png(3, 2))).toBe(true);
    const j = await t.ok<Attachment>(jan, 'attachments:add', {
      taskId: task.id,
      fileName: 'polka2.jpg',
      data: jpeg(640, 480).toString('base64'),
      thumbnail: jpeg(320, 240).toString('base64'),
    });
    expect(j).toMatchObject({ mimeType: 'image/jpeg', width: 640, height: 480, thumbMimeType: 'image/jpeg' });
    expect(readFileSync(path.join(t.dir, 'attachments', `${j.id}.thumb.jpg`)).equals(jpeg(320, 240))).toBe(
      true,
    );
    // A thumbnail that is not an image is refused with the photo, and nothing is written.
    const seq = t.core.store.seq;
    const files = readdirSync(path.join(t.dir, 'attachments')).length;
    expect(
      fail(
        await t.call(jan, 'attachments:add', {
          taskId: task.id,
          fileName: 'polka3.jpg',
          data: jpeg(640, 480).toString('base64'),
          thumbnail: Buffer.from('not an image').toString('base64'),
        }),
      ).key,
    ).toBe('errors.attachment_thumbnail');
    expect(t.core.store.seq).toBe(seq);
    expect(readdirSync(path.join(t.dir, 'attachments'))).toHaveLength(files);

    expect(
      fail(await t.call(jan, 'tasks:update', { id: task.id, status: 'open', result: { photoIds: ['nope'] } }))
        .issues![0]!.key,
    ).toBe('validation.task_photo_unknown');
    await t.ok<Task>(jan, 'tasks:update', {
      id: task.id,
      status: 'open',
      result: { photoIds: [a.id, j.id] },
    });
    const detail = await t.ok<VisitDetail>(jan, 'visits:get', { id: d.visit.id });
    expect(detail.attachments.map((x) => x.id)).toEqual([a.id, j.id]);

    await t.reopen();
    jan = await t.session('jan', 'xxxxxxxx');
    piotr = await t.session('piotr', 'xxxxxxxx');
    marek = await t.session('marek', 'xxxxxxxx');
    op = await t.session('olga', 'xxxxxxxx');
    const got = await t.ok<FileOut>(jan, 'attachments:get', { id: a.id });
    expect(got).toEqual({ fileName: 'polka.png', mimeType: 'image/png', data: png(3, 2).toString('base64') });
    // The manager sees the thumbnail; a photo stored without one serves itself.
    const thumb = await t.ok<FileOut>(marek, 'attachments:get', { id: j.id, thumbnail: true });
    expect(thumb).toMatchObject({ mimeType: 'image/jpeg', data: jpeg(320, 240).toString('base64') });
    const full = await t.ok<FileOut>(marek, 'attachments:get', { id: j.id });
    expect(full.data).toBe(jpeg(640, 480).toString('base64'));
    const noThumb = await t.ok<FileOut>(jan, 'attachments:get', { id: a.id, thumbnail: true });
    expect(noThumb.data).toBe(png(3, 2).toString('base64'));
    expect(fail(await t.call(piotr, 'attachments:get', { id: a.id })).code).toBe('forbidden');
  });

  it('refuses other types and files over the limit, writing nothing', async () => {
    const d = await plan(jan, { date: '2026-12-01' });
    const before = t.core.store.seq;
    const gif = fail(
      await t.call(jan, 'attachments:add', {
        taskId: d.tasks[0]!.id,
        fileName: 'x.png',
        data: Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64'),
      }),
    );
    expect(gif.key).toBe('errors.attachment_type');
    const big = Buffer.alloc(8 * 1024 * 1024 + 1);
    png(1, 1).copy(big, 0);
    const tooBig = fail(
      await t.call(jan, 'attachments:add', {
        taskId: d.tasks[0]!.id,
        fileName: 'big.png',
        data: big.toString('base64'),
      }),
    );
    expect(tooBig.key).toBe('errors.attachment_too_big');
    expect(t.core.store.seq).toBe(before);
  });
});

describe('agenda and scope', () => {
  it('a rep sees their own, a manager the team, the admin everyone; out of scope is refused', async () => {
    const mine = await plan(jan, { date: '2026-12-02', time: '09:00' });
    const theirs = await t.ok<VisitDetail>(piotr, 'visits:plan', {
      clientId: ids.piotrClient,
      contactId: ids.piotrContact,
      date: '2026-12-02',
      subject: 'Oferta',
    });
    const range = { from: '2026-12-02', to: '2026-12-02' };
    const idsOf = (rows: VisitRow[]) => rows.map((r) => r.id);
    expect(idsOf(await t.ok<VisitRow[]>(jan, 'visits:agenda', range))).toEqual([mine.visit.id]);
    expect(idsOf(await t.ok<VisitRow[]>(piotr, 'visits:agenda', range))).toEqual([theirs.visit.id]);
    expect(idsOf(await t.ok<VisitRow[]>(marek, 'visits:agenda', range))).toEqual([mine.visit.id]);
    expect(idsOf(await t.ok<VisitRow[]>(marek, 'visits:agenda', { ...range, repId: ids.jan }))).toEqual([
      mine.visit.id,
    ]);
    expect(fail(await t.call(marek, 'visits:agenda', { ...range, repId: ids.piotr })).code).toBe('forbidden');
    expect(fail(await t.call(jan, 'visits:agenda', { ...range, repId: ids.piotr })).code).toBe('forbidden');
    admin = await t.session('admin', 'admin-123');
    expect(idsOf(await t.ok<VisitRow[]>(admin, 'visits:agenda', range)).sort()).toEqual(
      [mine.visit.id, theirs.visit.id].sort(),
    );
    expect(fail(await t.call(jan, 'visits:get', { id: theirs.visit.id })).code).toBe('forbidden');
    expect(fail(await t.call(jan, 'visits:agenda', { from: '2026-12-01', to: '2027-02-15' })).key).toBe(
      'errors.agenda_range',
    );
  });

  it('sorts by date, time (untimed last), client name', async () => {
    const a = await plan(jan, {
      clientId: ids.janClient2,
      contactId: ids.contact2,
      date: '2027-03-02',
      time: '11:00',
    });
    const b = await plan(jan, { date: '2027-03-02', time: '08:00' });
    const c = await plan(jan, { date: '2027-03-02', time: null });
    const dd = await plan(jan, {
      clientId: ids.janClient2,
      contactId: ids.contact2,
      date: '2027-03-02',
      time: null,
    });
    const rows = await t.ok<VisitRow[]>(jan, 'visits:agenda', { from: '2027-03-02', to: '2027-03-02' });
    expect(rows.map((r) => r.id)).toEqual([b.visit.id, a.visit.id, dd.visit.id, c.visit.id]);
    expect(rows[0]).toMatchObject({ clientName: 'Sklep Jana', contactName: 'Ewa Nowak' });
  });
});

describe('counters', () => {
  it("counts today's visits, open tasks on today's and recently overdue visits, and today's calls", async () => {
    const t2 = await testCore({ now: '2026-11-23T09:00:00Z' });
    try {
      const adm = await t2.setUpOffice();
      const rep = await t2.ok<PublicUser>(adm, 'users:create', {
        login: 'jan',
        displayName: 'Jan',
        role: 'rep',
        password: 'xxxxxxxx',
        repCode: 'JKO',
      });
      await t2.ok(adm, 'users:create', {
        login: 'olga',
        displayName: 'O',
        role: 'operator',
        password: 'xxxxxxxx',
      });
      const o = await t2.session('olga', 'xxxxxxxx');
      const s = await t2.session('jan', 'xxxxxxxx');
      const seg = (await t2.ok<Array<{ id: string; kind: string }>>(adm, 'dictionaries:list', {})).find(
        (d) => d.kind === 'segment',
      )!.id;
      const clientId = (
        await t2.ok<ClientCard>(o, 'clients:create', {
          name: 'Sklep',
          repId: rep.id,
          segmentId: seg,
          address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
        })
      ).client.id;
      const contactId = (
        await t2.ok<Contact>(o, 'contacts:create', {
          clientId,
          firstName: 'A',
          surname: 'B',
          phones: ['601 111 222'],
        })
      ).id;
      await t2.core.store.transact({ userId: 'test' }, (tx) =>
        tx.insert('visitStandards', {
          lineageId: 'l',
          version: 1,
          current: true,
          name: 'S',
          segmentIds: [seg],
          validFrom: '2026-01-01',
          validTo: null,
          steps: [
            { key: 'a', title: 'A', details: '', kind: 'note', mandatory: false, items: [] },
            { key: 'b', title: 'B', details: '', kind: 'note', mandatory: false, items: [] },
          ],
        }),
      );
      const p = (date: string) =>
        t2.ok<VisitDetail>(s, 'visits:plan', { clientId, contactId, date, subject: 'X' });
      const done = await p('2026-11-23');
      await t2.ok(s, 'visits:complete', { id: done.visit.id, result: 'OK' }); // 2 open tasks, not counted
      await p('2026-11-23'); // 2 open
      const cancelled = await p('2026-11-23');
      await t2.ok(s, 'visits:cancel', { id: cancelled.visit.id, reason: 'Zamknięte' }); // dropped
      await p('2026-11-20'); // overdue within the grace window: 2 open
      await p('2026-11-02'); // missed long ago: dropped
      await p('2026-11-24'); // tomorrow: not counted
      const statuses = (
        await t2.ok<Array<{ id: string; kind: string }>>(adm, 'dictionaries:list', {})
      ).filter((d) => d.kind === 'callStatus');
      const st = statuses[0]!.id;
      await t2.core.store.transact({ userId: 'test' }, (tx) => {
        const call = (startedAt: string, statusId: string | null) =>
          tx.insert('calls', {
            clientId,
            contactId,
            userId: rep.id,
            startedAt,
            direction: 'out',
            number: '+48601111222',
            statusId,
            durationSec: 10,
            source: 'manual',
            externalId: null,
            note: '',
            triage: null,
            candidates: [],
          });
        call('2026-11-23T08:00:00Z', st);
        call('2026-11-22T23:30:00Z', st); // 00:30 on the 23rd in Warsaw: today
        call('2026-11-22T22:30:00Z', st); // 23:30 on the 22nd in Warsaw: yesterday
        call('2026-11-23T10:00:00Z', null);
      });
      const c = await t2.ok<RepCounters>(s, 'home:repCounters', {});
      expect(c).toEqual({
        today: '2026-11-23',
        visitsToday: { done: 1, total: 2 },
        openTasks: 4,
        callsToday: [
          { statusId: st, count: 2 },
          { statusId: null, count: 1 },
        ],
      });
    } finally {
      await t2.dispose();
    }
  });
});
