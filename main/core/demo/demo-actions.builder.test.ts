import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActionAlerts,
  ActionDetail,
  ActionRow,
  BudgetRow,
  LocalAction,
} from '../../../shared/contract/actions.schema';
import { ACTION_STAGES } from '../../../shared/contract/actions.schema';
import type { PublicUser } from '../../../shared/contract/users.schema';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import { holdsOf } from '../../../shared/domain/local-actions';
import type { TestCore } from '../testing/test-core';
import { testCore } from '../testing/test-core';

// The demo office's budgets and local actions (issue 7), built by "Open the demo office" on a core
// that checks every answer against the contract. Two offices on awkward days: a Czech one on a
// Saturday two days into a new year (last month is December of the year before), and an English
// (Polish data) one on the 1st of March (last month is February's 28 days).

const monthShift = (month: string, n: number): string => {
  const m = Number(month.slice(5, 7)) - 1 + n;
  const y = Number(month.slice(0, 4)) + Math.floor(m / 12);
  return `${y}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
};

function demoOffice(locale: 'cs' | 'en', now: string) {
  const today = now.slice(0, 10);
  const month = today.slice(0, 7);
  const months = [monthShift(month, -1), month, monthShift(month, 1)];
  let t: TestCore;
  let rep: string;
  let manager: string;
  let repId: string;
  let reps: PublicUser[];

  beforeAll(async () => {
    t = await testCore({ now });
    await t.ok(await t.session(), 'setup:openDemo', { locale, scale: 'S' });
    rep = await t.session('rep', 'demo-rep');
    manager = await t.session('manager', 'demo-manager');
    const admin = await t.session('admin', 'demo-admin');
    reps = (await t.ok<PublicUser[]>(admin, 'users:list')).filter((u) => u.role === 'rep');
    repId = reps.find((u) => u.login === 'rep')!.id;
  }, 180_000);
  afterAll(() => t.dispose());

  it('leaves the clock where it was', () => {
    expect(t.core.clock.now().toISOString()).toBe(new Date(now).toISOString());
  });

  it('gives the demo rep an action in every stage, numbered with his code', async () => {
    const mine = await t.ok<ActionRow[]>(rep, 'actions:list', { stages: [...ACTION_STAGES] });
    expect(new Set(mine.map((r) => r.stage))).toEqual(new Set(ACTION_STAGES));
    for (const r of mine) expect(r.number).toMatch(/^LA\/\d{4}\/\d{2}\/JKO\/\d{4}$/);
    // Recommended in full and in part; approved by invoice and in products.
    const recommended = mine.filter((r) => r.stage === 'recommended');
    expect(recommended.some((r) => r.recommendedAmount === r.agreedAmount)).toBe(true);
    expect(recommended.some((r) => r.recommendedAmount! < r.agreedAmount!)).toBe(true);
    const approved = mine.filter((r) => r.stage === 'approved');
    expect(new Set(approved.map((r) => r.settlementMethod))).toEqual(new Set(['invoice', 'products']));
    const closed = await t.ok<ActionDetail>(rep, 'actions:get', {
      id: mine.find((r) => r.stage === 'closed_unsettled')!.id,
    });
    expect(closed.closeReasonLabel).toBeTruthy();
    // The whole team has actions, and the manager's desk has recommendations from several reps.
    const team = await t.ok<ActionRow[]>(manager, 'actions:list', {});
    expect(new Set(team.map((r) => r.repId)).size).toBe(reps.length);
    const queue = await t.ok<ActionRow[]>(manager, 'actions:queue', {});
    expect(new Set(queue.map((r) => r.repId)).size).toBeGreaterThan(2);
  });

  it('keeps every budget figure equal to the one recomputed from the stored actions, within the budget', async () => {
    const actions = [...t.core.store.all<LocalAction & { archived?: boolean }>('localActions')];
    let checked = 0;
    for (const m of months) {
      const rows = await t.ok<BudgetRow[]>(manager, 'budgets:list', { month: m });
      expect(rows).toHaveLength(reps.length);
      for (const row of rows) {
        let reserved = 0;
        let committed = 0;
        for (const a of actions) {
          if (a.archived || a.repId !== row.repId || a.budgetMonth !== m) continue;
          const h = holdsOf(a);
          reserved += h.reserved;
          committed += h.committed;
        }
        expect(row.isSet, `${row.repName} ${m}`).toBe(true);
        expect(row).toMatchObject({ reserved, committed, available: row.budget - reserved - committed });
        expect(reserved + committed).toBeLessThanOrEqual(row.budget);
        checked++;
      }
    }
    expect(checked).toBe(3 * reps.length);
    // The demo rep's month is nearly used up; last month holds committed and settled money.
    const [last, current] = await Promise.all(
      months.slice(0, 2).map(async (m) => (await t.ok<BudgetRow[]>(rep, 'budgets:list', { month: m }))[0]!),
    );
    expect(current!.used).toBeGreaterThanOrEqual(0.9);
    expect(current!.used).toBeLessThanOrEqual(1);
    expect(last!.committed).toBeGreaterThan(last!.settled);
    expect(last!.settled).toBeGreaterThan(0);
  });

  it('dates every step on the day it happened: a settled action registered weeks ago, in order', async () => {
    const mine = await t.ok<ActionRow[]>(rep, 'actions:list', { stages: ['settled'] });
    const settled = await t.ok<ActionDetail>(rep, 'actions:get', { id: mine[0]!.id });
    const h = settled.action.history;
    expect(h.map((x) => x.event)).toEqual(['create', 'register', 'recommend', 'approve', 'settle']);
    const day = (at: string) => at.slice(0, 10);
    expect(daysBetween(day(settled.action.registeredAt!), today)).toBeGreaterThanOrEqual(28);
    expect(day(h[0]!.at) <= settled.action.startDate!).toBe(true);
    // Assessed after the end, decided after the assessment, settled after the decision, before today.
    expect(day(h[2]!.at) > settled.action.endDate!).toBe(true);
    for (let k = 1; k < h.length; k++) expect(h[k]!.at >= h[k - 1]!.at).toBe(true);
    expect(day(h[4]!.at) < today).toBe(true);
    // Its number carries the month it was registered in, not today's.
    expect(settled.action.number.slice(3, 10)).toBe(day(h[1]!.at).slice(0, 7).replace('-', '/'));
    // Its verification visits were worked on their own days, in the period.
    expect(settled.verifications.length).toBeGreaterThanOrEqual(1);
    for (const v of settled.verifications) {
      expect(v.visitStatus).toBe('done');
      expect(v.date >= settled.action.startDate! && v.date <= settled.action.endDate!).toBe(true);
    }
    // Across the office, no step is dated after today.
    for (const a of t.core.store.all<LocalAction>('localActions'))
      for (const x of a.history) expect(day(x.at) <= today, `${a.number} ${x.event}`).toBe(true);
  });

  it('has an action awaiting assessment with a real verification summary and a photo', async () => {
    const waiting = await t.ok<ActionRow[]>(rep, 'actions:list', { stages: ['awaiting_assessment'] });
    const details = await Promise.all(
      waiting.map((r) => t.ok<ActionDetail>(rep, 'actions:get', { id: r.id })),
    );
    const rich = details.find((d) => d.summary.some((s) => s.notMet > 0) && d.summary.some((s) => s.met > 0));
    expect(rich).toBeDefined();
    const conditions = rich!.verifications.flatMap((v) => v.conditions);
    expect(conditions.every((c) => c.met !== null && c.note !== '')).toBe(true);
    expect(conditions.some((c) => c.photoIds.length > 0)).toBe(true);
    expect(rich!.can.recommend).toBe(true);
    // A running action's later visit carries its open verification task.
    const running = await t.ok<ActionRow[]>(rep, 'actions:list', { stages: ['running'] });
    const open = await Promise.all(running.map((r) => t.ok<ActionDetail>(rep, 'actions:get', { id: r.id })));
    expect(open.some((d) => d.verifications.some((v) => v.date >= today && v.taskStatus === 'open'))).toBe(
      true,
    );
  });

  it('shows home alerts to the rep and the manager', async () => {
    const mine = await t.ok<ActionAlerts>(rep, 'home:actionAlerts', {});
    expect(mine.today).toBe(today);
    expect(mine.endingSoon.length).toBeGreaterThan(0);
    for (const r of mine.endingSoon) expect(daysBetween(today, r.endDate!)).toBeLessThanOrEqual(2);
    expect(mine.assessmentOverdue.length).toBeGreaterThan(0);
    for (const r of mine.assessmentOverdue) expect(r.endDate! < addDays(today, -7)).toBe(true);
    expect(mine.budgetsNearlyUsed.map((b) => [b.repId, b.month])).toContainEqual([repId, month]);
    const team = await t.ok<ActionAlerts>(manager, 'home:actionAlerts', {});
    expect(team.awaitingDecision.length).toBeGreaterThan(1);
    expect(team.endingSoon.length).toBeGreaterThan(mine.endingSoon.length);
    expect(team.budgetsNearlyUsed.some((b) => b.repId === repId)).toBe(true);
  });
}

describe('the demo office’s actions (Czech, on a Saturday two days into the year)', () => {
  demoOffice('cs', '2027-01-02T10:00:00Z');
});

describe('the demo office’s actions (English, on the 1st of March)', () => {
  demoOffice('en', '2026-03-01T10:00:00Z');
});
