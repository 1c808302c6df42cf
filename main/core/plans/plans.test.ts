import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientCard, Contact } from '../../../shared/contract/clients.schema';
import type { Result } from '../../../shared/contract/errors';
import type { DealRow, PlanActuals, PlanCounters, PlanRow } from '../../../shared/contract/plans.schema';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import type { VisitDetail } from '../../../shared/contract/visits.schema';
import { seededRng } from '../../../shared/domain/rng';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// Sales plans and deals through the real core (issue 8 must-have 1), with several desks open at
// once: two reps of Marek's team (Jan, Ola), a rep of Ewa's (Piotr), the managers, the head of the
// office and the admin. Today is Monday 2026-11-23 in Warsaw. The month's actuals are compared with
// a count the test keeps itself while it makes the records, never with the core's own counting.

let t: TestCore;
let admin: string;
let op: string;
let jan: string;
let ola: string;
let piotr: string;
let marek: string;
let ewa: string;
let head: string;
type Id = 'jan' | 'ola' | 'piotr' | 'marek' | 'ewa' | 'head' | 'janClient' | 'olaClient' | 'piotrClient';
const ids = {} as Record<Id, string>;
const contacts: Record<string, string> = {};
let callStatus: string;

const TODAY = '2026-11-23';
const NOW = `${TODAY}T09:00:00Z`;
const TARGETS = { contacts: 120, meetings: 40, deals: 8 };

function fail(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

/** The call is refused and the store did not move (no record, no audit entry). */
async function refused(sid: string, command: string, input: unknown) {
  const seq = t.core.store.seq;
  const e = fail(await t.call(sid, command, input));
  expect(t.core.store.seq).toBe(seq);
  return e;
}

const plans = (sid: string, month: string, repId?: string) =>
  t.ok<PlanRow[]>(sid, 'plans:list', repId ? { month, repId } : { month });
const deal = (o: Record<string, unknown> = {}) => ({
  clientId: ids.janClient,
  title: 'Kontrakt roczny – kawa i herbata',
  closedAt: '2026-11-20',
  value: 1_250_000,
  outcome: 'won',
  ...o,
});

/** One signed-in window per person: the desks the tests switch between. */
async function openDesks() {
  const desk = (login: string) => t.session(login, 'xxxxxxxx');
  [jan, ola, piotr, marek, ewa, head] = [
    await desk('jan'),
    await desk('ola'),
    await desk('piotr'),
    await desk('marek'),
    await desk('ewa'),
    await desk('head'),
  ];
}

beforeAll(async () => {
  t = await testCore({ now: NOW });
  admin = await t.setUpOffice();
  const mk = (u: object) => t.ok<PublicUser>(admin, 'users:create', { password: 'xxxxxxxx', ...u });
  ids.marek = (await mk({ login: 'marek', displayName: 'Marek Kierownik', role: 'manager' })).id;
  ids.ewa = (await mk({ login: 'ewa', displayName: 'Ewa Kierowniczka', role: 'manager' })).id;
  ids.head = (
    await mk({ login: 'head', displayName: 'Halina Dyrektorka', role: 'manager', officeWide: true })
  ).id;
  const team = (await t.ok<Team>(admin, 'teams:create', { name: 'Północ', managerId: ids.marek })).id;
  const other = (await t.ok<Team>(admin, 'teams:create', { name: 'Południe', managerId: ids.ewa })).id;
  ids.jan = (
    await mk({ login: 'jan', displayName: 'Jan Kowalski', role: 'rep', teamId: team, repCode: 'JKO' })
  ).id;
  ids.ola = (
    await mk({ login: 'ola', displayName: 'Ola Nowak', role: 'rep', teamId: team, repCode: 'ONO' })
  ).id;
  ids.piotr = (
    await mk({ login: 'piotr', displayName: 'Piotr Żółw', role: 'rep', teamId: other, repCode: 'PZO' })
  ).id;
  await mk({ login: 'olga', displayName: 'Olga Operatorka', role: 'operator' });
  op = await t.session('olga', 'xxxxxxxx');
  await openDesks();
  const client = async (name: string, repId: string) => {
    const id = (
      await t.ok<ClientCard>(op, 'clients:create', {
        name,
        repId,
        address: { street: 'ul. Piotrkowska 12', city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client.id;
    contacts[id] = (
      await t.ok<Contact>(op, 'contacts:create', {
        clientId: id,
        firstName: 'Ewa',
        surname: 'Nowak',
        phones: ['601 111 222'],
      })
    ).id;
    return id;
  };
  ids.janClient = await client('Sklep Spożywczy „Lewiatan” nr 86', ids.jan);
  ids.olaClient = await client('Delikatesy Pod Zegarem', ids.ola);
  ids.piotrClient = await client('Sklep Piotra', ids.piotr);
  const dicts = await t.ok<Array<{ id: string; kind: string }>>(admin, 'dictionaries:list', {});
  callStatus = dicts.find((d) => d.kind === 'callStatus')!.id;
});
afterAll(async () => {
  await t.dispose();
});

describe('targets', () => {
  it('a manager sets a rep’s month; setting it again changes the one plan, audited', async () => {
    const row = await t.ok<PlanRow>(marek, 'plans:set', {
      repId: ids.jan,
      month: '2026-11',
      targets: TARGETS,
    });
    expect(row).toMatchObject({
      repId: ids.jan,
      repCode: 'JKO',
      month: '2026-11',
      isSet: true,
      targets: TARGETS,
    });
    const again = await t.ok<PlanRow>(marek, 'plans:set', {
      repId: ids.jan,
      month: '2026-11',
      targets: { ...TARGETS, deals: 10 },
      note: 'Po odprawie',
    });
    expect(again).toMatchObject({ targets: { ...TARGETS, deals: 10 }, note: 'Po odprawie' });
    const recs = t.core.store.byIndex<{ id: string }>('salesPlans', 'repId', ids.jan);
    expect(recs).toHaveLength(1);
    const audit = t.core.store.byIndex<{ id: string; action: string; field: string | null }>(
      'audit',
      'entityId',
      recs[0]!.id,
    );
    expect(audit.map((a) => `${a.action}:${a.field ?? ''}`).sort()).toEqual(
      ['create:', 'update:note', 'update:targets'].sort(),
    );
    // Next month may be planned ahead; the rep reads it.
    await t.ok(marek, 'plans:set', { repId: ids.jan, month: '2026-12', targets: TARGETS });
    expect((await plans(jan, '2026-12'))[0]).toMatchObject({ isSet: true, targets: TARGETS });
  });

  it('refuses last month (history), a rep of another team, a rep’s own pen and bad targets — changing nothing', async () => {
    const past = await refused(marek, 'plans:set', { repId: ids.jan, month: '2026-10', targets: TARGETS });
    expect(past).toMatchObject({
      code: 'validation',
      key: 'errors.plan_month_past',
      details: { month: '2026-10' },
    });
    expect(past.issues).toEqual([
      expect.objectContaining({ path: ['month'], key: 'validation.plan_month_past' }),
    ]);
    expect(
      await refused(marek, 'plans:set', { repId: ids.piotr, month: '2026-11', targets: TARGETS }),
    ).toMatchObject({ code: 'forbidden', key: 'errors.rep_out_of_scope' });
    expect(
      await refused(jan, 'plans:set', { repId: ids.jan, month: '2026-11', targets: TARGETS }),
    ).toMatchObject({
      code: 'forbidden',
    });
    expect(
      await refused(marek, 'plans:set', { repId: ids.marek, month: '2026-11', targets: TARGETS }),
    ).toMatchObject({ key: 'errors.rep_not_found' });
    for (const targets of [
      { ...TARGETS, deals: -1 },
      { ...TARGETS, contacts: 1.5 },
      { ...TARGETS, meetings: 100_001 },
      { contacts: 1, meetings: 1 },
      { ...TARGETS, orders: 3 },
    ])
      expect((await refused(marek, 'plans:set', { repId: ids.ola, month: '2026-11', targets })).code).toBe(
        'validation',
      );
    expect(
      (await refused(marek, 'plans:set', { repId: ids.ola, month: '2026-13', targets: TARGETS })).code,
    ).toBe('validation');
    // More meetings than contacts cannot be: every meeting is a contact. Said at the field.
    expect(
      (
        await refused(marek, 'plans:set', {
          repId: ids.ola,
          month: '2026-11',
          targets: { contacts: 30, meetings: 31, deals: 2 },
        })
      ).issues,
    ).toEqual([
      expect.objectContaining({
        path: ['targets', 'meetings'],
        key: 'validation.plan_meetings_over_contacts',
      }),
    ]);
    expect((await plans(marek, '2026-11', ids.ola))[0]).toMatchObject({
      isSet: false,
      targets: { deals: 0 },
    });
  });

  it('the head of the office plans any team; each desk lists its own scope', async () => {
    await t.ok(head, 'plans:set', { repId: ids.piotr, month: '2026-11', targets: { ...TARGETS, deals: 5 } });
    const reps = async (sid: string) => (await plans(sid, '2026-11')).map((r) => r.repId).sort();
    expect(await reps(jan)).toEqual([ids.jan]);
    expect(await reps(piotr)).toEqual([ids.piotr]);
    expect(await reps(marek)).toEqual([ids.jan, ids.ola].sort());
    expect(await reps(ewa)).toEqual([ids.piotr]);
    expect(await reps(head)).toEqual([ids.jan, ids.ola, ids.piotr].sort());
    expect(await reps(admin)).toEqual(await reps(head));
    expect(fail(await t.call(jan, 'plans:list', { month: '2026-11', repId: ids.ola }))).toMatchObject({
      code: 'forbidden',
      key: 'errors.rep_out_of_scope',
    });
    expect(fail(await t.call(ewa, 'plans:list', { month: '2026-11', repId: ids.jan })).code).toBe(
      'forbidden',
    );
  });
});

describe('deals', () => {
  it('a rep records, edits and archives their own deals; every write audited and announced', async () => {
    const events: string[][] = [];
    const off = t.core.subscribe((e, p) => {
      if (e === 'data:changed') events.push((p as { entities: string[] }).entities);
    });
    const d = await t.ok<DealRow>(jan, 'deals:create', deal({ note: '  Dostawa w piątek ' }));
    expect(d).toMatchObject({
      repId: ids.jan,
      clientId: ids.janClient,
      clientName: 'Sklep Spożywczy „Lewiatan” nr 86',
      repName: 'Jan Kowalski',
      value: 1_250_000,
      outcome: 'won',
      note: 'Dostawa w piątek',
    });
    await vi.waitFor(() => expect(events.some((e) => e.includes('deals'))).toBe(true));
    off();
    const edited = await t.ok<DealRow>(jan, 'deals:edit', {
      id: d.id,
      patch: { value: 990_000, outcome: 'lost', closedAt: '2026-11-21' },
    });
    expect(edited).toMatchObject({ value: 990_000, outcome: 'lost', closedAt: '2026-11-21', title: d.title });
    expect(await t.ok<DealRow>(marek, 'deals:get', { id: d.id })).toEqual(edited);
    const fields = t.core.store
      .byIndex<{ id: string; field: string | null }>('audit', 'entityId', d.id)
      .map((a) => a.field);
    expect(fields.sort()).toEqual([null, 'closedAt', 'outcome', 'value'].sort());

    expect(await t.ok(jan, 'deals:archive', { id: d.id })).toEqual({ id: d.id });
    expect(fail(await t.call(jan, 'deals:get', { id: d.id })).key).toBe('errors.deal_not_found');
    expect(await refused(jan, 'deals:edit', { id: d.id, patch: { title: 'x' } })).toMatchObject({
      key: 'errors.deal_not_found',
    });
    expect(await refused(jan, 'deals:archive', { id: d.id })).toMatchObject({ key: 'errors.deal_not_found' });
    expect((await t.ok<DealRow[]>(jan, 'deals:list', {})).map((r) => r.id)).not.toContain(d.id);
  });

  it('refuses another rep’s client, a future day and bad fields — changing nothing', async () => {
    expect(await refused(jan, 'deals:create', deal({ clientId: ids.olaClient }))).toMatchObject({
      code: 'forbidden',
      key: 'errors.client_out_of_scope',
    });
    expect(await refused(jan, 'deals:create', deal({ clientId: 'no-such-client' }))).toMatchObject({
      key: 'errors.client_not_found',
    });
    const future = await refused(jan, 'deals:create', deal({ closedAt: '2026-11-24' }));
    expect(future).toMatchObject({ code: 'validation', key: 'errors.deal_invalid' });
    expect(future.issues).toEqual([
      expect.objectContaining({ path: ['closedAt'], key: 'validation.date_future' }),
    ]);
    for (const bad of [
      { title: '   ' },
      { value: -1 },
      { value: 10.5 },
      { outcome: 'pending' },
      { closedAt: '2026-02-30' },
      { repId: ids.ola },
    ])
      expect((await refused(jan, 'deals:create', deal(bad))).code).toBe('validation');
    // Managers and the admin read deals, they do not record them.
    for (const sid of [marek, admin, op])
      expect((await refused(sid, 'deals:create', deal())).code).toBe('forbidden');

    const mine = await t.ok<DealRow>(jan, 'deals:create', deal({ title: 'Listing ciastek' }));
    expect(
      await refused(jan, 'deals:edit', { id: mine.id, patch: { closedAt: '2026-12-01' } }),
    ).toMatchObject({
      key: 'errors.deal_invalid',
    });
    expect((await refused(jan, 'deals:edit', { id: mine.id, patch: { title: '' } })).code).toBe('validation');
    expect((await refused(jan, 'deals:edit', { id: mine.id, patch: { clientId: ids.olaClient } })).code).toBe(
      'validation',
    );
    expect(await refused(ola, 'deals:edit', { id: mine.id, patch: { value: 1 } })).toMatchObject({
      code: 'forbidden',
      key: 'errors.deal_not_yours',
    });
    expect(await refused(ola, 'deals:archive', { id: mine.id })).toMatchObject({
      key: 'errors.deal_not_yours',
    });
    expect(await t.ok<DealRow>(jan, 'deals:get', { id: mine.id })).toMatchObject({
      title: 'Listing ciastek',
    });
  });

  it('a rep reads their own deals, a manager the team’s, the admin all; the filters narrow', async () => {
    const olaDeal = await t.ok<DealRow>(
      ola,
      'deals:create',
      deal({ clientId: ids.olaClient, outcome: 'lost' }),
    );
    const piotrDeal = await t.ok<DealRow>(
      piotr,
      'deals:create',
      deal({ clientId: ids.piotrClient, closedAt: '2026-10-05' }),
    );
    const repsOf = async (sid: string, input: object = {}) =>
      [...new Set((await t.ok<DealRow[]>(sid, 'deals:list', input)).map((r) => r.repId))].sort();
    expect(await repsOf(jan)).toEqual([ids.jan]);
    expect(await repsOf(marek)).toEqual([ids.jan, ids.ola].sort());
    expect(await repsOf(ewa)).toEqual([ids.piotr]);
    expect(await repsOf(admin)).toEqual([ids.jan, ids.ola, ids.piotr].sort());
    expect(await repsOf(marek, { clientId: ids.piotrClient })).toEqual([]);
    expect(await repsOf(admin, { outcome: 'lost' })).toEqual([ids.ola]);
    expect(await repsOf(admin, { to: '2026-10-31' })).toEqual([ids.piotr]);
    expect(await repsOf(admin, { from: '2026-11-01', repId: ids.jan })).toEqual([ids.jan]);
    expect(fail(await t.call(jan, 'deals:get', { id: olaDeal.id }))).toMatchObject({
      code: 'forbidden',
      key: 'errors.deal_out_of_scope',
    });
    expect(fail(await t.call(marek, 'deals:get', { id: piotrDeal.id })).key).toBe('errors.deal_out_of_scope');
    expect(fail(await t.call(jan, 'deals:list', { repId: ids.ola })).code).toBe('forbidden');
    // Archived for the next test: only what the generator below makes counts there.
    for (const [sid, id] of [
      [ola, olaDeal.id],
      [piotr, piotrDeal.id],
    ] as const)
      await t.ok(sid, 'deals:archive', { id });
    for (const r of await t.ok<DealRow[]>(jan, 'deals:list', {}))
      await t.ok(jan, 'deals:archive', { id: r.id });
    expect(await t.ok<DealRow[]>(admin, 'deals:list', {})).toEqual([]);
  });
});

describe('actuals, counted from the records', () => {
  const MONTHS = ['2026-09', '2026-10', '2026-11'];
  const REPS = ['jan', 'ola', 'piotr'] as const;
  /** The test's own ledger: rep → month → what it made. */
  const ledger = new Map<string, PlanActuals>();
  const zero = (): PlanActuals => ({ contacts: 0, meetings: 0, deals: 0, dealsLost: 0, wonValue: 0 });
  const entry = (rep: string, month: string) => {
    const k = `${rep}|${month}`;
    if (!ledger.has(k)) ledger.set(k, zero());
    return ledger.get(k)!;
  };
  // Warsaw's calendar month of an instant, from Intl directly (the core goes through UTC bounds).
  const warsawMonth = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit' })
      .format(new Date(iso))
      .slice(0, 7);
  const sid = (rep: (typeof REPS)[number]) => ({ jan, ola, piotr })[rep];
  const clientOf = (rep: (typeof REPS)[number]) =>
    ({ jan: ids.janClient, ola: ids.olaClient, piotr: ids.piotrClient })[rep];
  const deals: Array<{ rep: (typeof REPS)[number]; id: string; month: string; won: boolean; value: number }> =
    [];
  const planned: Array<{ rep: (typeof REPS)[number]; id: string; date: string }> = [];

  const expectActuals = async () => {
    for (const month of [...MONTHS, '2026-12']) {
      const rows = await plans(admin, month);
      for (const rep of REPS) {
        const row = rows.find((r) => r.repId === ids[rep])!;
        expect(row.actuals, `${rep} ${month}`).toEqual(ledger.get(`${rep}|${month}`) ?? zero());
      }
    }
    const sum = (reps: readonly (typeof REPS)[number][]) => {
      const s = zero();
      for (const r of reps) {
        const a = ledger.get(`${r}|2026-11`) ?? zero();
        for (const k of Object.keys(s) as Array<keyof PlanActuals>) s[k] += a[k];
      }
      return s;
    };
    const counters = (s: string) => t.ok<PlanCounters>(s, 'home:planCounters');
    expect(await counters(jan)).toEqual({
      month: '2026-11',
      reps: 1,
      isSet: true,
      targets: { ...TARGETS, deals: 10 },
      actuals: sum(['jan']),
    });
    expect(await counters(ola)).toEqual({
      month: '2026-11',
      reps: 1,
      isSet: false,
      targets: { contacts: 0, meetings: 0, deals: 0 },
      actuals: sum(['ola']),
    });
    // A manager: targets of the reps with a plan (only Jan), actuals of the whole team.
    expect(await counters(marek)).toMatchObject({
      reps: 2,
      isSet: true,
      targets: { ...TARGETS, deals: 10 },
      actuals: sum(['jan', 'ola']),
    });
    expect(await counters(head)).toMatchObject({
      reps: 3,
      targets: { contacts: 240, meetings: 80, deals: 15 },
      actuals: sum(REPS),
    });
  };

  it('equal an independent count over calls, visits and deals across months and reps', async () => {
    const rng = seededRng('plans-test');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    // Calls at random instants, plus the boundary: 23:30 UTC on 31 October is 1 November in Warsaw.
    const instants = ['2026-10-31T23:30:00Z', '2026-09-30T21:59:00Z', '2026-09-30T22:00:00Z'];
    for (let k = 0; k < 30; k++) {
      const day = 1 + Math.floor(rng() * 28);
      const month = pick(MONTHS);
      instants.push(
        `${month}-${String(day).padStart(2, '0')}T${String(Math.floor(rng() * 24)).padStart(2, '0')}:15:00Z`,
      );
    }
    for (const at of instants) {
      if (at > NOW) continue;
      const rep = pick(REPS);
      t.clock.set(at);
      await t.ok(sid(rep), 'calls:log', {
        clientId: clientOf(rep),
        contactId: contacts[clientOf(rep)],
        statusId: callStatus,
      });
      entry(rep, warsawMonth(at)).contacts++;
    }
    // Visits: planned on a day, most done on that day, some cancelled, some left planned.
    for (let k = 0; k < 24; k++) {
      const rep = pick(REPS);
      const month = pick(MONTHS);
      const date = `${month}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
      if (date > TODAY) continue;
      t.clock.set(`${date}T08:00:00Z`);
      const v = await t.ok<VisitDetail>(sid(rep), 'visits:plan', {
        clientId: clientOf(rep),
        contactId: contacts[clientOf(rep)],
        date,
        subject: 'Wizyta handlowa',
      });
      const fate = rng();
      if (fate < 0.7) {
        await t.ok(sid(rep), 'visits:complete', { id: v.visit.id, result: 'Zamówienie złożone' });
        entry(rep, month).contacts++;
        entry(rep, month).meetings++;
      } else if (fate < 0.85)
        await t.ok(sid(rep), 'visits:cancel', { id: v.visit.id, reason: 'Sklep zamknięty' });
      else planned.push({ rep, id: v.visit.id, date });
    }
    // Deals, won and lost, recorded on (or after) their day.
    t.clock.set(NOW);
    for (let k = 0; k < 20; k++) {
      const rep = pick(REPS);
      const month = pick(MONTHS);
      const closedAt = `${month}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
      if (closedAt > TODAY) continue;
      const won = rng() < 0.6;
      const value = 1_000 * Math.floor(1 + rng() * 500);
      const d = await t.ok<DealRow>(sid(rep), 'deals:create', {
        clientId: clientOf(rep),
        title: `Umowa ${k}`,
        closedAt,
        value,
        outcome: won ? 'won' : 'lost',
      });
      deals.push({ rep, id: d.id, month, won, value });
      const e = entry(rep, month);
      if (won) {
        e.deals++;
        e.wonValue += value;
      } else e.dealsLost++;
    }
    t.clock.set(NOW);
    expect(ledger.get('jan|2026-11')?.contacts ?? 0).toBeGreaterThan(0);
    await expectActuals();
  });

  it('follow edits, archives and a visit done later, on every desk, and a reopened store', async () => {
    // A won deal turned lost and moved to another month; one archived.
    const [a, b] = deals;
    const moveTo = a!.month === '2026-10' ? '2026-09' : '2026-10';
    await t.ok(sid(a!.rep), 'deals:edit', {
      id: a!.id,
      patch: { outcome: 'lost', closedAt: `${moveTo}-15` },
    });
    const ea = entry(a!.rep, a!.month);
    if (a!.won) {
      ea.deals--;
      ea.wonValue -= a!.value;
    } else ea.dealsLost--;
    entry(a!.rep, moveTo).dealsLost++;
    await t.ok(sid(b!.rep), 'deals:archive', { id: b!.id });
    const eb = entry(b!.rep, b!.month);
    if (b!.won) {
      eb.deals--;
      eb.wonValue -= b!.value;
    } else eb.dealsLost--;
    await expectActuals();
    // A visit left planned is done now: it counts on its own date's month.
    const p = planned[0];
    if (p) {
      await t.ok(sid(p.rep), 'visits:complete', { id: p.id, result: 'Uzupełniona wizyta' });
      entry(p.rep, p.date.slice(0, 7)).contacts++;
      entry(p.rep, p.date.slice(0, 7)).meetings++;
    }
    await expectActuals();
    await t.reopen();
    admin = await t.session('admin', 'admin-123');
    await openDesks();
    await expectActuals();
  });
});
