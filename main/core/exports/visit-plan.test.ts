import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalAction } from '../../../shared/contract/actions.schema';
import type { Result } from '../../../shared/contract/errors';
import type { VisitPlanExportResult } from '../../../shared/contract/exports.schema';
import type { DirectoryEntry } from '../../../shared/contract/users.schema';
import type { VisitDetail, VisitRow } from '../../../shared/contract/visits.schema';
import { pdfPages, pdfText } from '../testing/pdf-text';
import { estimatedLines, visitPlanPdf } from './visit-plan.pdf';
import type { PlanTask, PlanVisit } from './visit-plan.service';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// The visit plan export through the real core on the demo office (issue 9 must-haves 1, 4 and 6):
// every file is parsed back (ICS by ical.js, PDF text by pdf.js, XLSX by exceljs, CSV by papaparse)
// and compared with what the visits' own commands (visits:agenda, visits:get) say — never with the
// exporter's own gathering. Also: whose plan a caller may export, refusals that record nothing, a
// cancel that leaves no trace, and the audit entry of every file.

const NOW = '2026-11-23T09:00:00Z'; // a Monday
const NEXT = { from: '2026-11-30', to: '2026-12-06' };
const BUSY_DAY = '2026-12-09';

let t: TestCore;
let rep: string;
let manager: string;
let admin: string;
let repId: string;
let otherRepId: string;
let managerId: string;
let timeZone: string;

function fail(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

const exportPlan = (sid: string, input: object) =>
  t.ok<VisitPlanExportResult>(sid, 'exports:visitPlan', input);
const bytesOf = (r: VisitPlanExportResult) => Buffer.from(r.file.base64, 'base64');
const agenda = (sid: string, from: string, to: string, repIdArg?: string) =>
  t.ok<VisitRow[]>(sid, 'visits:agenda', { from, to, ...(repIdArg ? { repId: repIdArg } : {}) });
const detail = (id: string) => t.ok<VisitDetail>(rep, 'visits:get', { id });

interface AuditRec {
  id: string;
  action: string;
  userId: string;
  details?: { kind?: string; count?: number; from?: string; to?: string; format?: string };
}
const exportsOf = (id: string) =>
  t.core.store.byIndex<AuditRec>('audit', 'entityId', id).filter((a) => a.action === 'export');

const flat = (s: string) => s.replace(/\s+/g, ' ');

function countByStatus(rows: readonly VisitRow[]) {
  const c = { planned: 0, done: 0, missed: 0, cancelled: 0 };
  for (const r of rows) c[r.status]++;
  return c;
}

function events(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return { cal, events: cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}

beforeAll(async () => {
  t = await testCore({ now: NOW });
  await t.ok(await t.session(), 'setup:openDemo', { locale: 'pl', scale: 'S' });
  rep = await t.session('rep', 'demo-rep');
  manager = await t.session('manager', 'demo-manager');
  admin = await t.session('admin', 'demo-admin');
  repId = (await t.ok<{ user: { id: string } }>(rep, 'auth:session')).user.id;
  managerId = (await t.ok<{ user: { id: string } }>(manager, 'auth:session')).user.id;
  const dir = await t.ok<DirectoryEntry[]>(admin, 'users:directory');
  otherRepId = dir.find((u) => u.role === 'rep' && u.id !== repId)!.id;
  timeZone = [...t.core.store.all<{ id: string; timeZone: string }>('offices')][0]!.timeZone;

  // Next week gets a cancelled visit and one without a time (an all-day event in the calendar).
  const week = await agenda(rep, NEXT.from, NEXT.to);
  const planned = week.filter((r) => r.status === 'planned');
  await t.ok(rep, 'visits:cancel', {
    id: planned[planned.length - 1]!.id,
    reason: 'Inwentaryzacja w sklepie',
  });
  const d = await detail(planned[0]!.id);
  await t.ok(rep, 'visits:plan', {
    clientId: d.visit.clientId,
    contactId: d.visit.contactId,
    date: '2026-12-03',
    time: null,
    subject: 'Dostawa ekspozytora, gdy przyjdzie',
  });
}, 300_000);
afterAll(async () => {
  await t.dispose();
});

describe('ICS', () => {
  it('holds one event per visit of the week, in the office zone, cancelled ones cancelled, tasks in order', async () => {
    const rows = await agenda(rep, NEXT.from, NEXT.to);
    expect(rows.some((r) => r.status === 'cancelled')).toBe(true);
    expect(rows.some((r) => r.time === null)).toBe(true);
    const before = exportsOf(repId).length;
    const r = await exportPlan(rep, { ...NEXT, format: 'ics' });
    expect(r.file.mime).toBe('text/calendar; charset=utf-8');
    expect(r.file.fileName).toBe('plan-rep-2026-11-30-2026-12-06.ics');
    expect(r.file.records).toBe(rows.length);
    expect(r.visits).toEqual(countByStatus(rows));

    const text = bytesOf(r).toString('utf8');
    const { cal, events: evs } = events(text);
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(timeZone);
    expect(evs.map((e) => e.uid).sort()).toEqual(rows.map((x) => `${x.id}@regio`).sort());
    const byUid = new Map(evs.map((e) => [e.uid, e]));
    for (const row of rows) {
      const e = byUid.get(`${row.id}@regio`)!;
      if (row.time) {
        expect(e.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(timeZone);
        expect(e.startDate.toString()).toBe(`${row.date}T${row.time}:00`);
        const end = new Date(Date.parse(`${row.date}T${row.time}:00Z`) + row.durationMin * 60_000);
        expect(e.endDate.toString()).toBe(end.toISOString().slice(0, 19));
      } else {
        expect(e.startDate.isDate).toBe(true);
        expect(e.startDate.toString()).toBe(row.date);
      }
      expect(e.component.getFirstPropertyValue('status')).toBe(
        row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      );
      expect(e.summary.startsWith(row.clientName)).toBe(true);
      const d = await detail(row.id);
      let at = -1;
      for (const task of d.tasks) {
        const i = e.description.indexOf(task.title, at + 1);
        expect(i, `${row.clientName}: ${task.title}`).toBeGreaterThan(at);
        at = i;
      }
      if (d.contact) expect(e.description).toContain(`${d.contact.firstName} ${d.contact.surname}`);
    }
    // Audited once, with the count.
    const audit = exportsOf(repId);
    expect(audit.length).toBe(before + 1);
    expect(audit[audit.length - 1]).toMatchObject({
      userId: repId,
      details: { kind: 'visit_plan_ics', count: rows.length, from: NEXT.from, to: NEXT.to, format: 'ics' },
    });
  });

  it('keeps the UID of a moved visit and raises its SEQUENCE, with the new start', async () => {
    const rows = await agenda(rep, NEXT.from, NEXT.to);
    const row = rows.find((r) => r.status === 'planned' && r.time !== null)!;
    const first = events(bytesOf(await exportPlan(rep, { ...NEXT, format: 'ics' })).toString('utf8')).events;
    const again = events(bytesOf(await exportPlan(rep, { ...NEXT, format: 'ics' })).toString('utf8')).events;
    const seq = (evs: ICAL.Event[]) => evs.find((e) => e.uid === `${row.id}@regio`)!;
    // Nothing changed: the same SEQUENCE (a re-import is a no-op).
    expect(seq(again).sequence).toBe(seq(first).sequence);

    t.clock.advance(5 * 60_000);
    await t.ok(rep, 'visits:update', { id: row.id, patch: { date: '2026-12-04', time: '15:15' } });
    const moved = events(bytesOf(await exportPlan(rep, { ...NEXT, format: 'ics' })).toString('utf8')).events;
    expect(moved.length).toBe(first.length);
    const e = seq(moved);
    expect(e.sequence).toBeGreaterThan(seq(first).sequence);
    expect(e.startDate.toString()).toBe('2026-12-04T15:15:00');
    const modified = e.component.getFirstPropertyValue('last-modified') as ICAL.Time;
    expect(modified.toJSDate().getTime()).toBe(Math.floor(t.clock.now().getTime() / 1000) * 1000);
  });
});

describe('PDF', () => {
  it('lists each day’s visits with clients, contacts, tasks and the actions’ conditions, in Polish', async () => {
    const rows = await agenda(rep, NEXT.from, NEXT.to);
    const r = await exportPlan(rep, { ...NEXT, format: 'pdf' });
    expect(r.file.mime).toBe('application/pdf');
    expect(r.file.records).toBe(rows.length);
    const text = flat(await pdfText(bytesOf(r)));
    expect(text).toContain('Plan wizyt – Jan Kowalski');
    expect(text).toContain('poniedziałek, 30.11.2026');
    expect(text).toContain('czwartek, 03.12.2026');
    let conditions = 0;
    for (const row of rows) {
      const d = await detail(row.id);
      if (row.status === 'cancelled') {
        expect(text).toContain(`Odwołane wizyty (1): ${flat(row.clientName)}`);
        continue;
      }
      expect(text).toContain(flat(row.clientName));
      expect(text).toContain(row.time ? `${row.time}–` : 'bez godziny');
      for (const task of d.tasks) expect(text).toContain(flat(task.title));
      if (d.contact) expect(text).toContain(`${d.contact.firstName} ${d.contact.surname}`);
      for (const task of d.tasks.filter((k) => k.source === 'action')) {
        const action = t.core.store.get<LocalAction>('localActions', task.sourceId)!;
        expect(text).toContain(`${action.number} · ${flat(action.title)}`);
        expect(text).toContain('Akcja lokalna: ');
        expect(text).toContain('Warunki do sprawdzenia:');
        for (const c of action.conditions) expect(text).toContain(flat(c));
        conditions += action.conditions.length;
      }
    }
    // The demo plans local-action verifications next week.
    expect(conditions).toBeGreaterThan(0);
    expect(text).toMatch(/Strona 1 z \d+/);
  });

  it('writes Czech for a Czech-speaking user', async () => {
    await t.ok(rep, 'prefs:setLanguage', { language: 'cs' });
    try {
      const text = flat(await pdfText(bytesOf(await exportPlan(rep, { ...NEXT, format: 'pdf' }))));
      expect(text).toContain('Plán návštěv – Jan Kowalski');
      expect(text).toContain('pondělí 30. 11. 2026');
      expect(text).toContain('Úkoly:');
      expect(text).toContain('Zrušené návštěvy (1)');
      expect(text).toMatch(/Strana 1 z \d+/);
    } finally {
      await t.ok(rep, 'prefs:setLanguage', { language: 'pl' });
    }
  });

  it('never splits a visit across pages, on a day with many visits and long task lists', async () => {
    const month = await agenda(rep, '2026-11-02', '2026-12-02');
    const pairs = new Map<string, string | null>();
    for (const row of month) {
      if (pairs.size >= 18) break;
      if (pairs.has(row.clientId)) continue;
      const d = await detail(row.id);
      if (d.contact) pairs.set(row.clientId, d.contact.id);
    }
    const pad = (n: number) => String(n).padStart(2, '0');
    let n = 0;
    for (const [clientId, contactId] of pairs) {
      await t.ok(rep, 'visits:plan', {
        clientId,
        contactId,
        date: BUSY_DAY,
        time: `06:${pad(n * 3)}`,
        durationMin: 30,
        subject: `Wizyta testowa nr ${pad(n)}`,
        notes: `Koniec wizyty nr ${pad(n)}`,
      });
      n++;
    }
    const r = await exportPlan(rep, { from: BUSY_DAY, to: BUSY_DAY, format: 'pdf' });
    const pages = (await pdfPages(bytesOf(r))).map(flat);
    expect(pages.length).toBeGreaterThan(2);
    const pageOf = (s: string) => {
      const hits = pages.flatMap((p, i) => (p.includes(s) ? [i] : []));
      expect(hits, s).toHaveLength(1);
      return hits[0]!;
    };
    const used = new Set<number>();
    for (let i = 0; i < n; i++) {
      const start = `06:${pad(i * 3)}`;
      const end = `06:${pad(i * 3 + 30)}`.replace(/06:(\d\d)$/, (_m, mm: string) =>
        Number(mm) >= 60 ? `07:${pad(Number(mm) - 60)}` : `06:${mm}`,
      );
      const first = pageOf(`${start}–${end}`);
      expect(pageOf(`Koniec wizyty nr ${pad(i)}`), `visit ${i}`).toBe(first);
      used.add(first);
    }
    // The test means something only if the visits really fill several pages.
    expect(used.size).toBeGreaterThan(1);
  });
});

describe('XLSX and CSV', () => {
  it('writes one row per visit with real dates, times and numbers', async () => {
    const rows = await agenda(rep, NEXT.from, NEXT.to);
    const r = await exportPlan(rep, { ...NEXT, format: 'xlsx' });
    expect(r.file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.file.fileName).toBe('plan-rep-2026-11-30-2026-12-06.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytesOf(r) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').text).toContain('Jan Kowalski');
    let head = 0;
    ws.eachRow((row, i) => {
      if (!head && row.getCell(1).value === 'Data') head = i;
    });
    expect(head).toBeGreaterThan(1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: head });
    const data: ExcelJS.Row[] = [];
    for (let i = head + 1; i <= ws.rowCount; i++) data.push(ws.getRow(i));
    expect(data.length).toBe(rows.length);
    const statusPl = { planned: 'Zaplanowana', done: 'Wykonana', cancelled: 'Odwołana', missed: 'Zaległa' };
    rows.forEach((row, k) => {
      const x = data[k]!;
      const date = x.getCell(1).value;
      expect(date).toBeInstanceOf(Date);
      expect((date as Date).toISOString().slice(0, 10)).toBe(row.date);
      const time = x.getCell(2).value;
      if (row.time) {
        expect(time).toBeInstanceOf(Date);
        expect((time as Date).toISOString().slice(11, 16)).toBe(row.time);
      } else expect(time ?? null).toBeNull();
      expect(x.getCell(3).value).toBe(row.durationMin);
      expect(x.getCell(4).value).toBe(statusPl[row.status]);
      expect(x.getCell(5).value).toBe(row.clientName);
      expect(x.getCell(8).value).toBe(row.clientCity);
    });
  });

  it('writes the same rows as CSV for spreadsheet programs', async () => {
    const rows = await agenda(rep, NEXT.from, NEXT.to);
    const r = await exportPlan(rep, { ...NEXT, format: 'csv' });
    expect(r.file.mime).toBe('text/csv; charset=utf-8');
    const bytes = bytesOf(r);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), {
      delimiter: ';',
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    const [head, ...body] = parsed.data;
    expect(head!.slice(0, 5)).toEqual(['Data', 'Godzina', 'Czas (min)', 'Status', 'Klient']);
    expect(body.length).toBe(rows.length);
    rows.forEach((row, k) => {
      const x = body[k]!;
      expect(x.slice(0, 3)).toEqual([row.date, row.time ?? '', String(row.durationMin)]);
      expect(x[4]).toBe(row.clientName);
      expect(x[7]).toBe(row.clientCity);
    });
    // The task lists, one a line, name every task of the visit in order.
    const d = await detail(rows[0]!.id);
    expect(
      body[0]![12]!.split('\n').map((l) => l.replace(/^\d+\. /, '').replace(/ \(obowiązkowe\)$/, '')),
    ).toEqual(d.tasks.map((k) => k.title));
  });
});

describe('whose plan', () => {
  it('lets a manager export a rep of the team, naming the rep', async () => {
    const rows = await agenda(manager, NEXT.from, NEXT.to, repId);
    const r = await exportPlan(manager, { ...NEXT, repId, format: 'csv' });
    expect(r.file.records).toBe(rows.length);
    const audit = exportsOf(repId);
    expect(audit[audit.length - 1]).toMatchObject({ userId: managerId, details: { kind: 'visit_plan_csv' } });
  });

  it('refuses another rep’s plan, a manager without a rep, a non-rep, and bad periods, recording nothing', async () => {
    const before = exportsOf(repId).length + exportsOf(otherRepId).length;
    expect(
      fail(await t.call(rep, 'exports:visitPlan', { ...NEXT, repId: otherRepId, format: 'pdf' })),
    ).toMatchObject({
      code: 'forbidden',
      key: 'errors.visit_out_of_scope',
    });
    expect(fail(await t.call(manager, 'exports:visitPlan', { ...NEXT, format: 'pdf' }))).toMatchObject({
      code: 'validation',
      key: 'errors.plan_rep_required',
    });
    expect(
      fail(await t.call(admin, 'exports:visitPlan', { ...NEXT, repId: managerId, format: 'ics' })),
    ).toMatchObject({
      code: 'not_found',
      key: 'errors.rep_not_found',
    });
    const backwards = fail(
      await t.call(rep, 'exports:visitPlan', { from: '2026-12-06', to: '2026-11-30', format: 'ics' }),
    );
    expect(backwards.code).toBe('validation');
    expect(backwards.issues?.map((i) => i.key)).toContain('validation.period_order');
    const long = fail(
      await t.call(rep, 'exports:visitPlan', { from: '2026-11-01', to: '2027-01-02', format: 'ics' }),
    );
    expect(long.code).toBe('validation');
    expect(long.issues?.map((i) => i.key)).toContain('validation.plan_period_too_long');
    expect(exportsOf(repId).length + exportsOf(otherRepId).length).toBe(before);
  });

  it('lets the admin export any rep', async () => {
    const rows = await agenda(admin, NEXT.from, NEXT.to, otherRepId);
    const r = await exportPlan(admin, { ...NEXT, repId: otherRepId, format: 'ics' });
    expect(r.file.records).toBe(rows.length);
    expect(events(bytesOf(r).toString('utf8')).events.length).toBe(rows.length);
  });
});

describe('jobs', () => {
  it('stops an export cancelled right after it started: an error, no file, no audit entry', async () => {
    const before = exportsOf(repId).length;
    const running = t.call(rep, 'exports:visitPlan', {
      from: '2026-10-20',
      to: '2026-12-20',
      format: 'pdf',
      jobId: 'plan-big',
    });
    const cancel = t.call(rep, 'jobs:cancel', { jobId: 'plan-big' });
    expect(await cancel).toEqual({ ok: true, data: { cancelled: true } });
    expect(fail(await running)).toMatchObject({ code: 'cancelled', key: 'errors.job_cancelled' });
    expect(exportsOf(repId).length).toBe(before);
  });

  it('makes a rep’s month at the demo scale, and reports progress', async () => {
    const progress: Array<{ jobId: string; done: number; total: number }> = [];
    const off = t.core.subscribe((event, payload) => {
      if (event === 'job:progress') progress.push(payload as (typeof progress)[number]);
    });
    const from = '2026-11-02';
    const to = '2026-12-02';
    const rows = await agenda(rep, from, to);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await exportPlan(rep, { from, to, format: 'pdf', jobId: 'month' });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const t1 = performance.now();
    await exportPlan(rep, { from, to, format: 'ics' });
    console.log(
      `visit plan, a rep's month (${rows.length} visits): PDF ${ms.toFixed(0)} ms ` +
        `(CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), ICS ${(performance.now() - t1).toFixed(0)} ms`,
    );
    off();
    expect(r.file.records).toBe(rows.length);
    expect(r.visits).toEqual(countByStatus(rows));
    const pages = await pdfPages(bytesOf(r));
    expect(pages.length).toBeGreaterThan(5);
    const mine = progress.filter((e) => e.jobId === 'month');
    expect(mine.length).toBeGreaterThan(1);
    for (const e of mine) expect(e.done).toBeLessThanOrEqual(e.total);
    expect(mine.at(-1)).toMatchObject({ done: 1, total: 1 });
  });
});

describe('PDF of visits taller than usual', () => {
  const longVisit = (id: string, time: string, tasks: number, items: number): PlanVisit => ({
    id,
    date: '2026-12-01',
    time,
    durationMin: 60,
    status: 'planned',
    subject: `Temat ${id}`,
    notes: `Koniec ${id}`,
    cancelReason: null,
    client: {
      name: `Klient ${id}`,
      street: 'ul. Długa 1',
      postalCode: '00-001',
      city: 'Łódź',
      phone: null,
      email: null,
    },
    contact: { name: 'Żaneta Wróbel', position: 'Kierowniczka', phones: ['+48601234567'], emails: [] },
    contacts: [],
    tasks: Array.from({ length: tasks }, (_, k): PlanTask => ({
      title: `Zadanie ${id}-${k + 1}`,
      details: '',
      mandatory: false,
      kind: 'checklist',
      items: Array.from({ length: items }, (_x, j) => `Pozycja ${id}-${k + 1}-${j + 1}`),
      status: 'open',
      action: null,
    })),
    createdAt: '2026-11-01T00:00:00.000Z',
    modifiedAt: '2026-11-01T00:00:00.000Z',
    sequence: 0,
  });
  const render = async (visits: PlanVisit[]) =>
    (
      await pdfPages(
        await visitPlanPdf(
          {
            rep: { id: 'r', name: 'Jan Kowalski', login: 'jan' },
            from: '2026-12-01',
            to: '2026-12-01',
            currency: 'PLN',
            visits,
          },
          { lang: 'pl', now: new Date(NOW), timeZone: 'Europe/Warsaw' },
        ),
      )
    ).map(flat);
  const pageOf = (pages: string[], s: string) => pages.findIndex((p) => p.includes(s));

  it('moves a visit just short of a page whole to the next page, its end included', async () => {
    // A first visit fills part of the page; the second one is as tall as a block may be.
    const a = longVisit('A', '08:00', 4, 4);
    const b = longVisit('B', '09:00', 8, 4);
    expect(estimatedLines(b)).toBeGreaterThan(40);
    expect(estimatedLines(b)).toBeLessThanOrEqual(44);
    const pages = await render([a, b]);
    expect(pageOf(pages, 'Klient B')).toBe(1);
    expect(pageOf(pages, 'Pozycja B-8-4')).toBe(1);
    expect(pageOf(pages, 'Koniec B')).toBe(1);
  });

  it('lets a visit taller than a page run on, losing nothing', async () => {
    const a = longVisit('A', '08:00', 2, 2);
    const huge = longVisit('H', '09:00', 14, 6);
    expect(estimatedLines(huge)).toBeGreaterThan(60);
    const pages = await render([a, huge]);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k <= 14; k++)
      for (let j = 1; j <= 6; j++) expect(pages.join(' ')).toContain(`Pozycja H-${k}-${j} `);
    // It starts on a page of its own.
    expect(pageOf(pages, 'Klient H')).toBe(1);
  });
});
