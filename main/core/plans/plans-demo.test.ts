import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DealRow, PlanCounters, PlanRow } from '../../../shared/contract/plans.schema';
import { Deal, SalesPlan } from '../../../shared/contract/plans.schema';
import { generateDataset } from '../demo/dataset.generator';
import type { TestCore } from '../testing/test-core';
import { testCore } from '../testing/test-core';

// The demo office's plans and deals (issue 8, demo-plans.builder.ts), built by "Open the demo
// office" on a core that checks every answer against the contract, on the Monday 2 March 2026
// (last month is February's 28 days); and the generated datasets' plans and deals in the shapes
// the core reads.

describe('the demo office’s plans and deals', () => {
  const NOW = '2026-03-02T09:00:00Z';
  let t: TestCore;
  let rep: string;
  let manager: string;
  let repId: string;

  beforeAll(async () => {
    t = await testCore({ now: NOW });
    await t.ok(await t.session(), 'setup:openDemo', { locale: 'pl', scale: 'S' });
    rep = await t.session('rep', 'demo-rep');
    manager = await t.session('manager', 'demo-manager');
    repId = (await t.ok<{ user: { id: string } }>(rep, 'auth:session')).user.id;
  }, 180_000);
  afterAll(() => t.dispose());

  it('leaves the clock where it was', () => {
    expect(t.core.clock.now().toISOString()).toBe(new Date(NOW).toISOString());
  });

  it('plans every rep’s last, this and next month, and the rep’s home counter reads against it', async () => {
    for (const month of ['2026-02', '2026-03', '2026-04']) {
      const rows = await t.ok<PlanRow[]>(manager, 'plans:list', { month });
      expect(rows.length).toBeGreaterThan(1);
      for (const r of rows) {
        expect(r.isSet, `${r.repName} ${month}`).toBe(true);
        expect(r.targets.deals).toBeGreaterThan(0);
        expect(r.targets.contacts).toBeGreaterThanOrEqual(r.targets.meetings);
      }
      if (month === '2026-02')
        for (const r of rows) expect(r.actuals.deals + r.actuals.dealsLost).toBeGreaterThan(0);
    }
    const mine = await t.ok<PlanCounters>(rep, 'home:planCounters');
    expect(mine).toMatchObject({ month: '2026-03', reps: 1, isSet: true });
    expect(mine.actuals.deals + mine.actuals.dealsLost).toBeGreaterThan(0);
    expect(mine.actuals.contacts).toBeGreaterThan(0);
    // The manager's counter is the team's rows summed.
    const rows = await t.ok<PlanRow[]>(manager, 'plans:list', { month: '2026-03' });
    const team = await t.ok<PlanCounters>(manager, 'home:planCounters');
    expect(team.reps).toBe(rows.length);
    expect(team.targets.deals).toBe(rows.reduce((s, r) => s + r.targets.deals, 0));
    expect(team.actuals.wonValue).toBe(rows.reduce((s, r) => s + r.actuals.wonValue, 0));
  });

  it('records the deals on their closing days, for the rep’s own clients', async () => {
    const deals = await t.ok<DealRow[]>(rep, 'deals:list', {});
    expect(deals.length).toBeGreaterThan(3);
    for (const d of deals) {
      expect(d.repId).toBe(repId);
      expect(d.closedAt <= '2026-03-02' && d.closedAt >= '2026-02-01').toBe(true);
      expect(d.createdAt.slice(0, 10)).toBe(d.closedAt);
    }
    expect(new Set(deals.map((d) => d.outcome))).toEqual(new Set(['won', 'lost']));
  });
});

describe('the generated dataset’s plans and deals', () => {
  it('are in the shapes and under the keys the core reads', () => {
    let plans = 0;
    let deals = 0;
    for (const { collection, record } of generateDataset({ scale: 'S', seed: 3, today: '2026-11-23' })) {
      if (collection === 'salesPlans') {
        const p = SalesPlan.parse(record);
        expect(p.key).toBe(`${p.repId}|${p.month}`);
        expect(p.targets.contacts).toBeGreaterThanOrEqual(p.targets.meetings);
        plans++;
      } else if (collection === 'deals') {
        const d = Deal.parse(record);
        expect(d.closedAt <= '2026-11-23').toBe(true);
        deals++;
      }
    }
    expect(plans).toBeGreaterThan(0);
    expect(deals).toBeGreaterThan(0);
  });
});
