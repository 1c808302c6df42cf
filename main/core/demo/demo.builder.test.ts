import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/contract/calls.schema';
import type { Product, Promotion, VisitStandardRow } from '../../../shared/contract/catalog.schema';
import { STEP_KINDS } from '../../../shared/contract/catalog.schema';
import type { ClientCard, ClientRow, CorrectionRequest } from '../../../shared/contract/clients.schema';
import { ClientFields, normalizeClient, QUALITY_FLAGS } from '../../../shared/contract/clients.schema';
import type { PublicUser } from '../../../shared/contract/users.schema';
import type { RepCounters, VisitDetail, VisitRow } from '../../../shared/contract/visits.schema';
import { TASK_STATUSES, VISIT_STATUSES } from '../../../shared/contract/visits.schema';
import { addDays } from '../../../shared/domain/dates';
import { isValidIco, isValidNip } from '../../../shared/domain/tax-ids';
import type { TestCore } from '../testing/test-core';
import { testCore } from '../testing/test-core';
import { DEMO_DUPLICATES, DEMO_SIZES, planDemoClients } from './demo-clients.plan';
import { DEMO_VISIT_WINDOW } from './demo-visits.builder';
import { LONG_CLIENT_NAMES } from './names.pl-cs';

// The demo office at S, built through the core's commands exactly as "Open the demo office" does,
// on a core that checks every answer against the contract (checkOutput).

describe('the demo office (S, Polish)', () => {
  let t: TestCore;
  let op: string;
  let rows: ClientRow[] = [];

  beforeAll(async () => {
    t = await testCore();
    const s = await t.session();
    await t.ok(s, 'setup:openDemo', { locale: 'pl', scale: 'S' });
    op = await t.session('operator', 'demo-operator');
    for (let offset = 0; ; offset += 500) {
      const page = await t.ok<{ rows: ClientRow[]; total: number }>(op, 'clients:list', {
        offset,
        limit: 500,
      });
      rows = rows.concat(page.rows);
      if (rows.length >= page.total) break;
    }
  }, 180_000);
  afterAll(() => t.dispose());

  it('holds the planned client base, in Poland, with valid NIPs and postal codes', () => {
    expect(rows).toHaveLength(DEMO_SIZES.S.clients);
    for (const r of rows) {
      expect(r.country).toBe('PL');
      expect(r.postalCode).toMatch(/^\d{2}-\d{3}$/);
      if (r.taxId) expect(isValidNip(r.taxId), `${r.name} ${r.taxId}`).toBe(true);
      if (r.phone) expect(r.phone).toMatch(/^\+48\d{9}$/);
    }
    expect(new Set(rows.map((r) => r.city)).size).toBeGreaterThan(20);
  });

  it('has planted duplicates that the scan finds, without drowning them in false alarms', async () => {
    const scan = await t.ok<{
      total: number;
      pairs: Array<{ a: { name: string }; b: { name: string }; reasons: string[] }>;
    }>(op, 'duplicates:scan', { limit: 1000 });
    const reasons = new Set(scan.pairs.flatMap((p) => p.reasons));
    expect(reasons).toEqual(new Set(['tax_id', 'phone', 'email', 'name_address']));
    expect(scan.total).toBeGreaterThanOrEqual(DEMO_DUPLICATES.S);
    // Before house numbers counted, one long street gave hundreds of "similar" pairs.
    expect(scan.total).toBeLessThan(DEMO_DUPLICATES.S * 4);
    // A planted copy: the same name typed without diacritics, with its legal form.
    expect(scan.pairs.some((p) => /sp\. z o\.o\.$/.test(p.b.name) || /sp\. z o\.o\.$/.test(p.a.name))).toBe(
      true,
    );
  });

  it('has chains: outlets share their parent company’s tax id', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const outlets = rows.filter((r) => r.parentId);
    const parents = new Set(outlets.map((r) => r.parentId));
    expect(parents.size).toBe(DEMO_SIZES.S.chains);
    for (const o of outlets) {
      const parent = byId.get(o.parentId!)!;
      expect(parent.parentId).toBeNull();
      expect(o.taxId).toBe(parent.taxId);
      expect(o.taxId).not.toBeNull();
    }
    for (const p of parents) {
      const n = outlets.filter((o) => o.parentId === p).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(8);
    }
  });

  it('spreads the clients over the seven reps, a few without a rep', async () => {
    const admin = await t.session('admin', 'demo-admin');
    const reps = (await t.ok<PublicUser[]>(admin, 'users:list')).filter((u) => u.role === 'rep');
    expect(reps).toHaveLength(7);
    for (const rep of reps) expect(rows.filter((r) => r.repId === rep.id).length).toBeGreaterThan(350);
    const none = rows.filter((r) => r.repId === null).length;
    expect(none).toBeGreaterThan(10);
    expect(none).toBeLessThan(150);
    // The demo rep sees his own clients only.
    const jan = reps.find((u) => u.login === 'rep')!;
    const rep = await t.session('rep', 'demo-rep');
    const mine = await t.ok<{ total: number }>(rep, 'clients:list', { limit: 1 });
    expect(mine.total).toBe(rows.filter((r) => r.repId === jan.id).length);
  });

  it('shows every data-quality gap somewhere, and long names', () => {
    for (const flag of QUALITY_FLAGS)
      expect(
        rows.some((r) => r.flags.includes(flag)),
        flag,
      ).toBe(true);
    // Gaps are the exception, not the rule.
    expect(rows.filter((r) => r.flags.length === 0).length).toBeGreaterThan(rows.length / 2);
    const names = new Set(rows.map((r) => r.name));
    for (const long of LONG_CLIENT_NAMES.PL) expect(names.has(long), long).toBe(true);
  });

  it('queues ~10 proposed contacts and ~10 open corrections, with a few decided already', async () => {
    expect(await t.ok(op, 'corrections:counts')).toEqual({ openCorrections: 10, proposedContacts: 10 });
    const accepted = await t.ok<CorrectionRequest[]>(op, 'corrections:list', { status: 'accepted' });
    const rejected = await t.ok<CorrectionRequest[]>(op, 'corrections:list', { status: 'rejected' });
    expect([accepted.length, rejected.length]).toEqual([2, 1]);
    expect(rejected[0]!.decisionNote).not.toBe('');
    // Filed by reps: the demo rep sees his own requests.
    const rep = await t.session('rep', 'demo-rep');
    const his = await t.ok<CorrectionRequest[]>(rep, 'corrections:list', {});
    expect(his.length).toBeGreaterThanOrEqual(3);
    const proposed = await t.ok<Array<{ contact: { status: string } }>>(op, 'contacts:listProposed');
    expect(proposed).toHaveLength(10);
  });

  it('has the admin’s catalogue: products, promotions (one running today) and two visit standards', async () => {
    const rep = await t.session('rep', 'demo-rep');
    const { today } = await t.ok<RepCounters>(rep, 'home:repCounters');
    const products = await t.ok<Product[]>(rep, 'products:list', { includeInactive: true });
    expect(products.length).toBeGreaterThanOrEqual(15);
    for (const p of products) expect(Number.isInteger(p.unitValue) && p.unitValue > 0).toBe(true);
    expect(products.filter((p) => !p.active)).toHaveLength(1);
    const promotions = await t.ok<Promotion[]>(rep, 'promotions:list');
    expect(promotions.length).toBeGreaterThanOrEqual(2);
    const running = promotions.filter((p) => p.validFrom <= today && today <= p.validTo);
    expect(running.some((p) => p.segmentIds.length && p.productIds.length && p.instructions)).toBe(true);
    const standards = await t.ok<VisitStandardRow[]>(rep, 'visitStandards:list');
    expect(standards).toHaveLength(2);
    const detailed = standards.find((s) => s.standard.steps.length >= 4)!.standard;
    expect(new Set(detailed.steps.map((x) => x.kind))).toEqual(new Set(STEP_KINDS));
    expect(new Set(detailed.steps.map((x) => x.mandatory))).toEqual(new Set([true, false]));
  });

  it('has a month of visits in every state, with the minimal data set and tasks in every state', async () => {
    const rep = await t.session('rep', 'demo-rep');
    const { today } = await t.ok<RepCounters>(rep, 'home:repCounters');
    const head = await t.session('head', 'demo-manager');
    const rows = await t.ok<VisitRow[]>(head, 'visits:agenda', {
      from: addDays(today, -DEMO_VISIT_WINDOW.pastDays),
      to: addDays(today, DEMO_VISIT_WINDOW.futureDays),
    });
    expect(rows.length).toBeGreaterThan(200);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(VISIT_STATUSES));
    expect(new Set(rows.map((r) => r.repId)).size).toBe(7);
    for (const r of rows) {
      expect(r.contactName, r.id).toBeTruthy();
      expect(r.subject, r.id).not.toBe('');
      if (r.date > today) expect(r.status).not.toBe('done');
      if (r.date < today) expect(r.status).not.toBe('planned');
    }
    // The demo rep's own agenda: today's visits, one done, one half worked.
    const mine = await t.ok<VisitRow[]>(rep, 'visits:agenda', { from: addDays(today, -7), to: today });
    const todays = mine.filter((r) => r.date === today);
    expect(todays.length).toBeGreaterThanOrEqual(3);
    const details = await Promise.all(mine.map((r) => t.ok<VisitDetail>(rep, 'visits:get', { id: r.id })));
    const todayTasks = details.filter((d) => d.visit.date === today).flatMap((d) => d.tasks);
    expect(todayTasks.some((x) => x.status === 'done')).toBe(true);
    expect(todayTasks.some((x) => x.status === 'open')).toBe(true);
    expect(todays.some((r) => r.status === 'done')).toBe(true);
    expect(todays.some((r) => r.status === 'planned' && r.tasks.open < r.tasks.total)).toBe(true);
    // Every task state somewhere, and completed visits with their result and no open mandatory task.
    expect(new Set(details.flatMap((d) => d.tasks.map((x) => x.status)))).toEqual(new Set(TASK_STATUSES));
    for (const d of details.filter((x) => x.visit.status === 'done')) {
      expect(d.visit.result).not.toBe('');
      expect(d.contact?.surname).toBeTruthy();
      expect(d.tasks.some((x) => x.mandatory && x.status === 'open')).toBe(false);
    }
    // A few recent photo tasks carry a real picture.
    const photo = details.flatMap((d) => d.attachments)[0]!;
    expect(photo.mimeType).toBe('image/png');
    expect(photo.width).toBeGreaterThan(0);
    const file = await t.ok<{ data: string }>(rep, 'attachments:get', { id: photo.id });
    expect(Buffer.from(file.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('has calls: weeks of them imported, today’s logged, and the demo rep’s counters show them', async () => {
    const rep = await t.session('rep', 'demo-rep');
    const counters = await t.ok<RepCounters>(rep, 'home:repCounters');
    expect(counters.visitsToday.total).toBeGreaterThanOrEqual(3);
    expect(counters.visitsToday.done).toBeGreaterThanOrEqual(1);
    expect(counters.openTasks).toBeGreaterThan(0);
    expect(counters.callsToday.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(5);
    expect(counters.callsToday.length).toBeGreaterThanOrEqual(4);
    const calls = await t.ok<Call[]>(rep, 'calls:list', {
      from: addDays(counters.today, -DEMO_VISIT_WINDOW.pastDays),
      limit: 500,
    });
    expect(calls.filter((c) => c.source === 'imported').length).toBeGreaterThan(30);
    expect(new Set(calls.map((c) => c.startedAt.slice(0, 10))).size).toBeGreaterThan(10);
    expect(new Set(calls.map((c) => c.statusId)).size).toBeGreaterThanOrEqual(5);
    // Numbers that reach no client wait for the operator.
    expect((await t.ok<Call[]>(op, 'calls:triageList')).length).toBe(3);
    const manager = await t.ok<RepCounters>(await t.session('manager', 'demo-manager'), 'home:repCounters');
    expect(manager.visitsToday.total).toBeGreaterThan(counters.visitsToday.total);
  });

  it('serves every client’s card within the contract, with contacts and consents', async () => {
    let contacts = 0;
    let withConsent = 0;
    let withdrawn = 0;
    for (const r of rows) {
      // testCore checks every answer against the output schema: a wrong shape fails the call.
      const card = await t.ok<ClientCard>(op, 'clients:get', { id: r.id });
      expect(card.contacts.length).toBeLessThanOrEqual(4);
      for (const p of card.contacts) {
        contacts++;
        if (p.consentHistory.length) withConsent++;
        if (p.consents.email === false) withdrawn++;
        for (const e of p.consentHistory) expect(e.source).not.toBe('');
      }
      if (r.parentId) expect(card.parent?.id).toBe(r.parentId);
    }
    expect(contacts).toBeGreaterThan(5_000);
    expect(withConsent).toBeGreaterThan(contacts / 2);
    expect(withdrawn).toBeGreaterThan(50);
  }, 120_000);
});

describe('planDemoClients', () => {
  it('is deterministic, and plans a Czech office with IČOs and Czech postal codes', () => {
    const a = planDemoClients({ country: 'CZ', scale: 'S', reps: 7 });
    expect(planDemoClients({ country: 'CZ', scale: 'S', reps: 7 })).toEqual(a);
    expect(a.clients).toHaveLength(DEMO_SIZES.S.clients);
    for (const c of a.clients) {
      expect(c.fields.address.country).toBe('CZ');
      if (c.fields.taxId) expect(isValidIco(c.fields.taxId)).toBe(true);
      // What the operator's form would save: nothing for the core to reject or rewrite.
      const { value, issues } = normalizeClient(ClientFields.parse(c.fields));
      expect(issues, c.fields.name).toEqual([]);
      expect(value.address).toEqual(c.fields.address);
      if (c.parent !== null) expect(c.parent).toBeLessThan(a.clients.indexOf(c));
    }
    expect(a.clients.map((c) => c.fields.name)).toEqual(expect.arrayContaining([...LONG_CLIENT_NAMES.CZ]));
    expect(a.proposals).toHaveLength(10);
    expect(a.corrections.filter((c) => !c.decision)).toHaveLength(10);
    // Corrections name distinct clients of a rep, so each can be decided on its own.
    expect(new Set(a.corrections.map((c) => c.client)).size).toBe(a.corrections.length);
    for (const c of [...a.corrections, ...a.proposals]) expect(a.clients[c.client]!.rep).not.toBeNull();
  });
});
