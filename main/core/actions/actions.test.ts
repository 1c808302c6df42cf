import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDetail, ActionRow, BudgetRow } from '../../../shared/contract/actions.schema';
import type { ClientCard, Contact } from '../../../shared/contract/clients.schema';
import type { Result } from '../../../shared/contract/errors';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import type { Attachment, Task, VisitDetail } from '../../../shared/contract/visits.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { pdfText } from '../testing/pdf-text';

// The local action's whole life through the real core (PRODUCT.md §3, issue 7): budgets, the
// reservation, verification tasks on visits, assessment, the manager's decision, the settlement
// order and HQ's confirmation, with the guards on every step. Today is Monday 2026-11-23 (Warsaw).

let t: TestCore;
let admin: string;
let op: string;
let jan: string; // rep in Marek's team
let piotr: string; // rep in Ewa's team
let marek: string;
let ewa: string;
type Id =
  | 'client'
  | 'client2'
  | 'contact'
  | 'contact2'
  | 'ewa'
  | 'jan'
  | 'marek'
  | 'mode'
  | 'otherTeam'
  | 'piotr'
  | 'piotrClient'
  | 'planned'
  | 'product'
  | 'reason'
  | 'story'
  | 'team';
const ids = {} as Record<Id, string>;

function fail(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

const DAY = 24 * 3600 * 1000;
/** Moves the office's clock to 10:00 Warsaw time of `date`. */
const setToday = (date: string) => t.clock.set(`${date}T09:00:00Z`);

const budget = async (sid: string, repId: string, month: string) =>
  (await t.ok<BudgetRow[]>(sid, 'budgets:list', { month, repId }))[0]!;

const fields = (o: Record<string, unknown> = {}) => ({
  clientId: ids.client,
  title: 'Gazetka Lewiatan',
  startDate: '2026-11-25',
  endDate: '2026-12-05',
  modeId: ids.mode,
  description: 'Gazetka sklepu z naszymi produktami, ekspozycja przy kasie.',
  conditions: ['Produkt wyeksponowany przy kasie', 'Gazetka ze zdjęciami produktów'],
  settlementMethod: 'products',
  agreedAmount: 150_000,
  budgetMonth: '2026-11',
  productIds: [ids.product],
  ...o,
});

const register = (o: Record<string, unknown> = {}, sid = jan) =>
  t.call(sid, 'actions:create', { fields: fields(o), register: true });

const planVisit = (date: string, clientId = ids.client, contactId = ids.contact) =>
  t.ok<VisitDetail>(jan, 'visits:plan', { clientId, contactId, date, subject: 'Wizyta handlowa' });

const actionTasks = (visitId: string, actionId: string) =>
  t.core.store
    .byIndex<Task & { archived?: boolean }>('tasks', 'visitId', visitId)
    .filter((x) => !x.archived && x.actionId === actionId);

beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
  const mk = (u: object) => t.ok<PublicUser>(admin, 'users:create', { password: 'xxxxxxxx', ...u });
  ids.marek = (await mk({ login: 'marek', displayName: 'Marek Kierownik', role: 'manager' })).id;
  ids.ewa = (await mk({ login: 'ewa', displayName: 'Ewa Kierowniczka', role: 'manager' })).id;
  ids.team = (await t.ok<Team>(admin, 'teams:create', { name: 'Północ', managerId: ids.marek })).id;
  ids.otherTeam = (await t.ok<Team>(admin, 'teams:create', { name: 'Południe', managerId: ids.ewa })).id;
  ids.jan = (
    await mk({ login: 'jan', displayName: 'Jan Kowalski', role: 'rep', teamId: ids.team, repCode: 'JKO' })
  ).id;
  ids.piotr = (
    await mk({
      login: 'piotr',
      displayName: 'Piotr Żółw',
      role: 'rep',
      teamId: ids.otherTeam,
      repCode: 'PZO',
    })
  ).id;
  await mk({ login: 'olga', displayName: 'Olga', role: 'operator' });
  op = await t.session('olga', 'xxxxxxxx');
  jan = await t.session('jan', 'xxxxxxxx');
  piotr = await t.session('piotr', 'xxxxxxxx');
  marek = await t.session('marek', 'xxxxxxxx');
  ewa = await t.session('ewa', 'xxxxxxxx');
  const dicts = await t.ok<Array<{ id: string; kind: string }>>(admin, 'dictionaries:list', {});
  ids.mode = dicts.find((d) => d.kind === 'actionMode')!.id;
  ids.reason = dicts.find((d) => d.kind === 'failureReason')!.id;
  const client = async (name: string, repId: string) =>
    (
      await t.ok<ClientCard>(op, 'clients:create', {
        name,
        repId,
        taxId: null,
        address: { street: 'ul. 3 Maja 121', city: 'Łęczyca', postalCode: '99-100', country: 'PL' },
      })
    ).client.id;
  ids.client = await client('Sklep Spożywczy „Lewiatan” nr 86 Żółkiewskiego', ids.jan);
  ids.client2 = await client('Delikatesy Pod Zegarem', ids.jan);
  ids.piotrClient = await client('Sklep Piotra', ids.piotr);
  const contact = async (clientId: string) =>
    (
      await t.ok<Contact>(op, 'contacts:create', {
        clientId,
        firstName: 'Ewa',
        surname: 'Nowak',
        phones: ['601 111 222'],
      })
    ).id;
  ids.contact = await contact(ids.client);
  ids.contact2 = await contact(ids.client2);
  ids.product = (
    await t.ok<{ id: string }>(admin, 'products:create', {
      code: 'KAW-250',
      name: 'Kawa mielona Złota 250 g',
      unit: 'szt.',
      unitValue: 1_450,
    })
  ).id;
  await t.ok(marek, 'budgets:set', { repId: ids.jan, month: '2026-11', amount: 500_000 });
  await t.ok(marek, 'budgets:set', { repId: ids.jan, month: '2026-12', amount: 300_000 });
  await t.ok(ewa, 'budgets:set', { repId: ids.piotr, month: '2026-11', amount: 100_000 });
});
afterAll(async () => {
  await t.dispose();
});

describe('the source article’s story', () => {
  it('registers, verifies on two visits, recommends partly, is approved in products, printed and settled', async () => {
    setToday('2026-11-23');
    const v1 = await planVisit('2026-11-26');
    const before = await budget(jan, ids.jan, '2026-11');
    expect(before).toMatchObject({ budget: 500_000, reserved: 0, committed: 0, available: 500_000 });

    const created = await register();
    expect(created.ok).toBe(true);
    const d = (created as { data: ActionDetail }).data;
    ids.story = d.action.id;
    expect(d.action.number).toBe('LA/2026/11/JKO/0001');
    expect(d.stage).toBe('planned');
    expect((await budget(jan, ids.jan, '2026-11')).available).toBe(350_000);

    // A visit planned before the registration carries the task; one planned after it too.
    const v2 = await planVisit('2026-12-03');
    const outside = await planVisit('2026-12-10');
    for (const v of [v1, v2]) {
      const tasks = actionTasks(v.visit.id, ids.story);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        kind: 'checklist',
        mandatory: true,
        items: fields().conditions,
        title: 'LA/2026/11/JKO/0001 · Gazetka Lewiatan',
      });
    }
    expect(actionTasks(outside.visit.id, ids.story)).toHaveLength(0);

    // The rep records on both visits: displayed (met), the leaflet without photos (not met).
    setToday('2026-11-26');
    for (const v of [v1, v2]) {
      const task = actionTasks(v.visit.id, ids.story)[0]!;
      const photo = await t.ok<Attachment>(jan, 'attachments:add', {
        taskId: task.id,
        fileName: 'kasa.png',
        data: PNG,
      });
      await t.ok(jan, 'tasks:update', {
        id: task.id,
        status: 'done',
        result: {
          checklist: [
            { item: 'Produkt wyeksponowany przy kasie', met: true, note: 'Dwie półki', photoIds: [photo.id] },
            { item: 'Gazetka ze zdjęciami produktów', met: false, note: 'Gazetka bez zdjęć' },
          ],
        },
      });
    }
    // A manager cannot decide before the rep's assessment; the rep cannot assess before the end.
    expect(
      fail(await t.call(jan, 'actions:recommend', { id: ids.story, amount: 1, justification: 'x' })).code,
    ).toBe('illegal_transition');

    setToday('2026-12-06');
    let detail = await t.ok<ActionDetail>(jan, 'actions:get', { id: ids.story });
    expect(detail.stage).toBe('awaiting_assessment');
    expect(detail.verifications.map((v) => v.date)).toEqual(['2026-11-26', '2026-12-03']);
    expect(detail.summary).toEqual([
      { item: 'Produkt wyeksponowany przy kasie', met: 2, notMet: 0 },
      { item: 'Gazetka ze zdjęciami produktów', met: 0, notMet: 2 },
    ]);
    expect(detail.verifications[0]!.conditions[0]!.photoIds).toHaveLength(1);
    expect(detail.can).toMatchObject({ recommend: true, close: true, decide: false });

    // More than agreed is refused; the partial recommendation goes through.
    expect(
      fail(await t.call(jan, 'actions:recommend', { id: ids.story, amount: 150_001, justification: 'x' }))
        .key,
    ).toBe('errors.action_amount_too_high');
    await t.ok(jan, 'actions:recommend', {
      id: ids.story,
      amount: 100_000,
      justification: 'Ekspozycja była, gazetka bez zdjęć: dwie trzecie kwoty.',
    });
    // Reserved stays the agreed amount until the manager decides.
    expect(await budget(marek, ids.jan, '2026-11')).toMatchObject({ reserved: 150_000, committed: 0 });

    const queue = await t.ok<ActionRow[]>(marek, 'actions:queue', {});
    expect(queue.map((r) => r.id)).toEqual([ids.story]);
    expect(await t.ok<ActionRow[]>(ewa, 'actions:queue', {})).toEqual([]);

    // The order must follow the agreed method and stay within the approval.
    const wrongMethod = fail(
      await t.call(marek, 'actions:approve', {
        id: ids.story,
        amount: 90_000,
        order: { kind: 'invoice', invoiceNumber: 'FV 1', invoiceDate: '2026-12-05', netAmount: 90_000 },
      }),
    );
    expect(wrongMethod.issues?.map((i) => i.key)).toContain('validation.order_method_mismatch');
    const over = fail(
      await t.call(marek, 'actions:approve', {
        id: ids.story,
        amount: 90_000,
        order: { kind: 'products', lines: [{ productId: ids.product, quantity: 63, unitValue: 1_450 }] },
      }),
    );
    expect(over.issues?.map((i) => i.key)).toContain('validation.order_over_approved');
    detail = await t.ok<ActionDetail>(marek, 'actions:approve', {
      id: ids.story,
      amount: 90_000,
      order: { kind: 'products', lines: [{ productId: ids.product, quantity: 62, unitValue: 1_450 }] },
      note: 'Zatwierdzam w produktach.',
    });
    expect(detail.stage).toBe('approved');
    // Approval commits the approved amount and releases the rest of the reservation.
    expect(await budget(jan, ids.jan, '2026-11')).toMatchObject({
      reserved: 0,
      committed: 90_000,
      available: 410_000,
    });

    const file = await t.ok<{ fileName: string; mime: string; base64: string }>(
      marek,
      'actions:settlementOrder',
      {
        id: ids.story,
      },
    );
    expect(file.fileName).toBe('LA-2026-11-JKO-0001.pdf');
    const text = await pdfText(Buffer.from(file.base64, 'base64'));
    expect(text).toContain('Polecenie rozliczenia — LA/2026/11/JKO/0001');
    expect(text).toContain('Sklep Spożywczy „Lewiatan” nr 86 Żółkiewskiego, Łęczyca');
    expect(text).toContain('Kawa mielona Złota 250 g');
    expect(text).toContain('Zatwierdził(a) Marek Kierownik');
    expect(text).toMatch(/899,00\s*zł/);

    detail = await t.ok<ActionDetail>(marek, 'actions:settle', {
      id: ids.story,
      finalAmount: 89_900,
      reference: 'Centrala: nota 17/12',
    });
    expect(detail.stage).toBe('settled');
    expect(await budget(jan, ids.jan, '2026-11')).toMatchObject({
      committed: 89_900,
      settled: 89_900,
      available: 410_100,
    });
    expect(detail.action.history.map((h) => h.event)).toEqual([
      'create',
      'register',
      'recommend',
      'approve',
      'settle',
    ]);
    expect(detail.action.history.every((h) => h.by && h.at)).toBe(true);

    // On the client's timeline and in the audit log.
    const card = await t.ok<ClientCard>(jan, 'clients:get', { id: ids.client });
    // One line per step, newest first, each by whoever took it.
    const steps = card.timeline.filter((x) => x.kind === 'action' && x.id === ids.story);
    expect(steps.map((x) => x.status)).toEqual([
      'settled',
      'approved',
      'recommended',
      'registered',
      'created',
    ]);
    expect(new Set(steps.map((x) => x.userId)).size).toBe(2);
    const audit = t.core.store.byIndex<{ id: string; field: string | null; new: unknown }>(
      'audit',
      'entityId',
      ids.story,
    );
    expect(audit.filter((a) => a.field === 'state').map((a) => a.new)).toEqual([
      'active',
      'recommended',
      'approved',
      'settled',
    ]);
  });
});

describe('guards', () => {
  it('refuses a registration over the available budget, showing what is available, and changes nothing', async () => {
    setToday('2026-11-23');
    const seq = t.core.store.seq;
    const avail = (await budget(jan, ids.jan, '2026-12')).available;
    const e = fail(
      await register({ budgetMonth: '2026-12', agreedAmount: avail + 1, startDate: '2026-12-01' }),
    );
    expect(e).toMatchObject({
      code: 'budget_exceeded',
      key: 'errors.budget_exceeded',
      details: { available: avail },
    });
    expect(t.core.store.seq).toBe(seq);
  });

  it('a draft reserves nothing; its registration does', async () => {
    setToday('2026-11-23');
    const d = await t.ok<ActionDetail>(jan, 'actions:create', {
      fields: { clientId: ids.client2, title: 'Degustacja' },
      register: false,
    });
    expect(d.stage).toBe('draft');
    expect(fail(await t.call(jan, 'actions:register', { id: d.action.id })).key).toBe(
      'errors.action_incomplete',
    );
    const before = (await budget(jan, ids.jan, '2026-12')).available;
    const edited = await t.ok<ActionDetail>(jan, 'actions:edit', {
      id: d.action.id,
      patch: (({ clientId: _c, ...rest }) => rest)(
        fields({ agreedAmount: 20_000, budgetMonth: '2026-12', startDate: '2026-12-01' }),
      ),
    });
    expect((await budget(jan, ids.jan, '2026-12')).available).toBe(before);
    const reg = await t.ok<ActionDetail>(jan, 'actions:register', { id: edited.action.id });
    expect(reg.stage).toBe('planned');
    expect((await budget(jan, ids.jan, '2026-12')).available).toBe(before - 20_000);
    ids.planned = reg.action.id;
  });

  it('before the start everything may change (a higher amount within the budget); once running only the end and conditions', async () => {
    setToday('2026-11-23');
    const avail = (await budget(jan, ids.jan, '2026-12')).available;
    expect(
      fail(
        await t.call(jan, 'actions:edit', { id: ids.planned, patch: { agreedAmount: 20_000 + avail + 1 } }),
      ).code,
    ).toBe('budget_exceeded');
    await t.ok(jan, 'actions:edit', {
      id: ids.planned,
      patch: { agreedAmount: 25_000 },
      note: 'Większa półka',
    });
    expect((await budget(jan, ids.jan, '2026-12')).available).toBe(avail - 5_000);

    setToday('2026-12-02');
    const locked = fail(
      await t.call(jan, 'actions:edit', { id: ids.planned, patch: { agreedAmount: 10_000 } }),
    );
    expect(locked.key).toBe('errors.action_field_locked');
    const d = await t.ok<ActionDetail>(jan, 'actions:edit', {
      id: ids.planned,
      patch: { endDate: '2026-12-08', conditions: ['Degustacja w sobotę', 'Plakat w witrynie'] },
      note: 'Dłużej',
    });
    const last = d.action.history.at(-1)!;
    expect(last).toMatchObject({ event: 'edit', note: 'Dłużej' });
    expect(last.changes?.map((c) => c.field)).toEqual(['endDate', 'conditions']);
    // Not before today.
    expect(
      fail(await t.call(jan, 'actions:edit', { id: ids.planned, patch: { endDate: '2026-12-01' } })).code,
    ).toBe('validation');
    // Cancelling is for actions that have not started.
    expect(fail(await t.call(jan, 'actions:cancel', { id: ids.planned })).code).toBe('illegal_transition');
  });

  it('closing without settlement needs a reason and releases the reservation', async () => {
    setToday('2026-12-09');
    const before = await budget(jan, ids.jan, '2026-12');
    expect(fail(await t.call(jan, 'actions:close', { id: ids.planned, reasonId: 'nope' })).code).toBe(
      'validation',
    );
    const d = await t.ok<ActionDetail>(jan, 'actions:close', {
      id: ids.planned,
      reasonId: ids.reason,
      note: 'Klient wycofał degustację',
    });
    expect(d.stage).toBe('closed_unsettled');
    expect(d.closeReasonLabel).toBeTruthy();
    expect((await budget(jan, ids.jan, '2026-12')).available).toBe(before.available + 25_000);
    // A closed action takes no further step.
    expect(
      fail(await t.call(jan, 'actions:recommend', { id: ids.planned, amount: 1, justification: 'x' })).code,
    ).toBe('illegal_transition');
  });

  it('a budget cannot be set below reserved + committed', async () => {
    setToday('2026-11-23');
    const f = await budget(marek, ids.jan, '2026-11');
    const e = fail(
      await t.call(marek, 'budgets:set', {
        repId: ids.jan,
        month: '2026-11',
        amount: f.reserved + f.committed - 1,
      }),
    );
    expect(e).toMatchObject({
      code: 'budget_exceeded',
      key: 'errors.budget_below_used',
      details: { minimum: f.reserved + f.committed },
    });
    // Another team's rep is not Marek's to budget.
    expect(
      fail(await t.call(marek, 'budgets:set', { repId: ids.piotr, month: '2026-11', amount: 1 })).code,
    ).toBe('forbidden');
  });
});

describe('scope', () => {
  it('a rep sees and acts on their own actions only; a manager on the team’s', async () => {
    setToday('2026-11-23');
    expect(fail(await t.call(piotr, 'actions:get', { id: ids.story })).code).toBe('forbidden');
    expect(fail(await t.call(ewa, 'actions:get', { id: ids.story })).code).toBe('forbidden');
    expect((await t.ok<ActionRow[]>(piotr, 'actions:list', {})).map((r) => r.id)).toEqual([]);
    expect((await t.ok<ActionRow[]>(marek, 'actions:list', {})).map((r) => r.id)).toContain(ids.story);
    // Piotr cannot register for Jan's client.
    expect(fail(await register({ clientId: ids.client }, piotr)).code).toBe('forbidden');
    expect(
      (await t.ok<BudgetRow[]>(piotr, 'budgets:list', { month: '2026-11' })).map((b) => b.repId),
    ).toEqual([ids.piotr]);
  });
});

describe('verification tasks follow the visits and the period', () => {
  it('moving a visit out of the period removes an untouched task, keeps a recorded one; a period change re-evaluates', async () => {
    setToday('2026-11-23');
    const a = await t.ok<ActionDetail>(jan, 'actions:create', {
      fields: fields({
        clientId: ids.client2,
        agreedAmount: 10_000,
        startDate: '2026-11-24',
        endDate: '2026-11-30',
      }),
      register: true,
    });
    const empty = await t.ok<VisitDetail>(jan, 'visits:plan', {
      clientId: ids.client2,
      contactId: ids.contact2,
      date: '2026-11-25',
      subject: 'Wizyta',
    });
    const recorded = await t.ok<VisitDetail>(jan, 'visits:plan', {
      clientId: ids.client2,
      contactId: ids.contact2,
      date: '2026-11-26',
      subject: 'Wizyta',
    });
    const task = actionTasks(recorded.visit.id, a.action.id)[0]!;
    await t.ok(jan, 'tasks:update', {
      id: task.id,
      status: 'open',
      result: { checklist: [{ item: 'Produkt wyeksponowany przy kasie', met: true }] },
    });
    for (const v of [empty, recorded])
      await t.ok(jan, 'visits:update', { id: v.visit.id, patch: { date: '2026-12-15' } });
    expect(actionTasks(empty.visit.id, a.action.id)).toHaveLength(0);
    expect(actionTasks(recorded.visit.id, a.action.id)).toHaveLength(1);

    // Extending the period brings the task back on the untouched visit; one task per (visit, action).
    await t.ok(jan, 'actions:edit', { id: a.action.id, patch: { endDate: '2026-12-20' } });
    expect(actionTasks(empty.visit.id, a.action.id)).toHaveLength(1);
    expect(actionTasks(recorded.visit.id, a.action.id)).toHaveLength(1);
    expect(actionTasks(recorded.visit.id, a.action.id)[0]!.result.checklist).toHaveLength(1);

    // Cancelling (before the start) takes the untouched task away and releases the reservation.
    const before = (await budget(jan, ids.jan, '2026-11')).available;
    await t.ok(jan, 'actions:cancel', { id: a.action.id, note: 'Klient zrezygnował' });
    expect(actionTasks(empty.visit.id, a.action.id)).toHaveLength(0);
    expect(actionTasks(recorded.visit.id, a.action.id)).toHaveLength(1);
    expect((await budget(jan, ids.jan, '2026-11')).available).toBe(before + 10_000);
  });
});

describe('return, reject, alerts', () => {
  it('returned goes back to the rep; rejected releases; the alerts name what waits', async () => {
    setToday('2026-11-23');
    const mk = async (o: Record<string, unknown>) =>
      (
        await t.ok<ActionDetail>(jan, 'actions:create', {
          fields: fields({ agreedAmount: 5_000, ...o }),
          register: true,
        })
      ).action.id;
    const a = await mk({ startDate: '2026-11-23', endDate: '2026-11-24' });
    const b = await mk({ startDate: '2026-11-23', endDate: '2026-11-24' });
    const ending = await mk({ startDate: '2026-11-23', endDate: '2026-11-27' });
    const alerts = await t.ok<{ endingSoon: ActionRow[] }>(jan, 'home:actionAlerts', {});
    expect(alerts.endingSoon.map((r) => r.id)).toEqual(expect.arrayContaining([a, b]));
    expect(alerts.endingSoon.map((r) => r.id)).not.toContain(ending);

    setToday('2026-11-25');
    for (const id of [a, b])
      await t.ok(jan, 'actions:recommend', { id, amount: 5_000, justification: 'Wykonane' });
    const m = await t.ok<{ awaitingDecision: ActionRow[] }>(marek, 'home:actionAlerts', {});
    expect(m.awaitingDecision.map((r) => r.id)).toEqual([a, b]);
    expect(fail(await t.call(marek, 'actions:return', { id: a, note: '' })).code).toBe('validation');
    const returned = await t.ok<ActionDetail>(marek, 'actions:return', { id: a, note: 'Proszę o zdjęcia' });
    expect(returned.stage).toBe('returned');
    expect(returned.can.decide).toBe(false);
    await t.ok(jan, 'actions:recommend', { id: a, amount: 4_000, justification: 'Zdjęcia dodane' });
    const before = await budget(jan, ids.jan, '2026-11');
    await t.ok(marek, 'actions:reject', { id: b, note: 'Brak dowodów' });
    expect((await budget(jan, ids.jan, '2026-11')).available).toBe(before.available + 5_000);

    setToday('2026-12-10');
    const later = await t.ok<{ assessmentOverdue: ActionRow[] }>(jan, 'home:actionAlerts', {});
    expect(later.assessmentOverdue.map((r) => r.id)).toContain(ending);
  });
});

describe('the budget never overspends', () => {
  it('concurrent registrations against one budget: only what fits goes through', async () => {
    setToday('2026-11-23');
    await t.ok(ewa, 'budgets:set', { repId: ids.piotr, month: '2026-12', amount: 100_000 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, k) =>
        t.call(piotr, 'actions:create', {
          fields: fields({
            clientId: ids.piotrClient,
            budgetMonth: '2026-12',
            startDate: '2026-12-01',
            agreedAmount: 30_000,
            productIds: [],
            title: `Akcja ${k}`,
          }),
          register: true,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((x) => !x.ok)) expect(fail(r).code).toBe('budget_exceeded');
    expect(await budget(piotr, ids.piotr, '2026-12')).toMatchObject({ reserved: 90_000, available: 10_000 });
    const numbers = results.filter((r) => r.ok).map((r) => (r as { data: ActionDetail }).data.action.number);
    expect(new Set(numbers).size).toBe(3);
  });

  it('after a reopen, every budget figure recomputed from the stored actions equals what the app shows', async () => {
    const months = ['2026-11', '2026-12'];
    const shown = async () => {
      const out: BudgetRow[] = [];
      for (const m of months) out.push(...(await t.ok<BudgetRow[]>(admin, 'budgets:list', { month: m })));
      return out;
    };
    const beforeClose = await shown();
    await t.reopen();
    admin = await t.session('admin', 'admin-123');
    const after = await shown();
    expect(after).toEqual(beforeClose);
    // From scratch, independently of the services: sum the stored actions by the rules of §3.
    const actions = [...t.core.store.all<{ id: string } & Record<string, unknown>>('localActions')];
    for (const row of after) {
      let reserved = 0;
      let committed = 0;
      for (const a of actions) {
        if (a.repId !== row.repId || a.budgetMonth !== row.month) continue;
        if (['active', 'recommended', 'returned'].includes(a.state as string))
          reserved += a.agreedAmount as number;
        if (a.state === 'approved') committed += a.approvedAmount as number;
        if (a.state === 'settled') committed += a.finalAmount as number;
      }
      const b = t.core.store
        .byIndex<{ id: string; amount: number }>('budgets', 'key', `${row.repId}|${row.month}`)
        .reduce((s, x) => s + x.amount, 0);
      expect(row).toMatchObject({ reserved, committed, budget: b, available: b - reserved - committed });
      expect(reserved + committed).toBeLessThanOrEqual(b);
    }
    expect(after.some((r) => r.reserved > 0) && after.some((r) => r.committed > 0)).toBe(true);
  });
});

void DAY;

// A 1×1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
