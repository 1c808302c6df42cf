import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCard, Contact } from '../../../shared/contract/clients.schema';
import type { Result } from '../../../shared/contract/errors';
import type { ReportDrillResult, ReportResult, ReportScope } from '../../../shared/contract/reports.schema';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import type { VisitDetail } from '../../../shared/contract/visits.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// The reports' machinery through the real core (issue 8 must-haves 3 and 5): who may run what and
// whose figures they see, the cache (kept while the data is unchanged, dropped by any change to
// what the report read), progress events, drill-down into the records behind a figure, and
// refusals that change nothing. The figures themselves are checked against independent
// calculations on generated data in reports-equal-data.test.ts.

let t: TestCore;
let admin: string;
let op: string;
let jan: string;
let piotr: string;
let marek: string;
const ids: Record<string, string> = {};

const NOW = '2026-11-23T09:00:00Z';
const NOV = { from: '2026-11', to: '2026-11' };

function fail(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

const run = (sid: string, kind: string, filters: object = NOV, jobId?: string) =>
  t.ok<ReportResult>(sid, 'reports:run', { kind, filters, ...(jobId ? { jobId } : {}) });

beforeAll(async () => {
  t = await testCore({ now: NOW });
  admin = await t.setUpOffice();
  const mk = (u: object) => t.ok<PublicUser>(admin, 'users:create', { password: 'xxxxxxxx', ...u });
  ids.marek = (await mk({ login: 'marek', displayName: 'Marek Kierownik', role: 'manager' })).id;
  ids.ewa = (await mk({ login: 'ewa', displayName: 'Ewa Kierowniczka', role: 'manager' })).id;
  ids.north = (await t.ok<Team>(admin, 'teams:create', { name: 'Północ', managerId: ids.marek })).id;
  ids.south = (await t.ok<Team>(admin, 'teams:create', { name: 'Południe', managerId: ids.ewa })).id;
  ids.jan = (
    await mk({ login: 'jan', displayName: 'Jan Kowalski', role: 'rep', teamId: ids.north, repCode: 'JKO' })
  ).id;
  ids.piotr = (
    await mk({ login: 'piotr', displayName: 'Piotr Żółw', role: 'rep', teamId: ids.south, repCode: 'PZO' })
  ).id;
  await mk({ login: 'olga', displayName: 'Olga Operatorka', role: 'operator' });
  op = await t.session('olga', 'xxxxxxxx');
  jan = await t.session('jan', 'xxxxxxxx');
  piotr = await t.session('piotr', 'xxxxxxxx');
  marek = await t.session('marek', 'xxxxxxxx');
  const client = async (name: string, repId: string | null, phones: string[]) => {
    const id = (
      await t.ok<ClientCard>(op, 'clients:create', {
        name,
        repId,
        address: { street: 'ul. Piotrkowska 12', city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client.id;
    ids[`contact:${name}`] = (
      await t.ok<Contact>(op, 'contacts:create', { clientId: id, firstName: 'Ewa', surname: 'Nowak', phones })
    ).id;
    return id;
  };
  ids.janClient = await client('Sklep Spożywczy „Lewiatan” nr 86', ids.jan, ['601 111 222']);
  // A contact person with neither a phone nor an e-mail: one data-quality gap.
  ids.janBare = await client('Kiosk bez telefonu', ids.jan, []);
  ids.piotrClient = await client('Sklep Piotra', ids.piotr, ['602 333 444']);
  ids.nobodys = await client('Hurtownia bez opiekuna', null, ['603 555 666']);
});
afterAll(async () => {
  await t.dispose();
});

describe('scope', () => {
  it('tells each role the teams, reps and reports its filters may name', async () => {
    const m = await t.ok<ReportScope>(marek, 'reports:scope');
    expect(m.teams.map((x) => x.name)).toEqual(['Północ']);
    expect(m.reps.map((r) => r.id)).toEqual([ids.jan]);
    expect(m.kinds).toHaveLength(6);
    const a = await t.ok<ReportScope>(admin, 'reports:scope');
    expect(a.teams.map((x) => x.name)).toEqual(['Południe', 'Północ']);
    expect(a.reps.map((r) => r.id).sort()).toEqual([ids.jan, ids.piotr].sort());
    expect((await t.ok<ReportScope>(op, 'reports:scope')).kinds).toEqual(['dataQuality']);
    const r = await t.ok<ReportScope>(jan, 'reports:scope');
    expect(r.reps.map((x) => x.id)).toEqual([ids.jan]);
    expect(r.teams.map((x) => x.id)).toEqual([ids.north]);
  });

  it('shows a manager their team, a rep themself, the office the admin — clients without a rep only office-wide', async () => {
    const keys = async (sid: string) => (await run(sid, 'dataQuality')).rows.map((r) => r.key).sort();
    expect(await keys(marek)).toEqual([ids.jan]);
    expect(await keys(jan)).toEqual([ids.jan]);
    expect(await keys(admin)).toEqual([ids.jan, ids.piotr, 'none'].sort());
    expect(await keys(op)).toEqual([ids.jan, ids.piotr, 'none'].sort());
    const south = await run(admin, 'dataQuality', { ...NOV, teamId: ids.south });
    expect(south.rows.map((r) => r.key)).toEqual([ids.piotr]);
  });

  it('refuses, translated and changing nothing: the operator’s sales reports, another team, another rep, a bad period', async () => {
    const seq = t.core.store.seq;
    expect(fail(await t.call(op, 'reports:run', { kind: 'budgetUse', filters: NOV })).key).toBe(
      'errors.report_not_allowed',
    );
    expect(
      fail(await t.call(marek, 'reports:run', { kind: 'workload', filters: { ...NOV, teamId: ids.south } }))
        .key,
    ).toBe('errors.team_out_of_scope');
    expect(
      fail(await t.call(marek, 'reports:run', { kind: 'workload', filters: { ...NOV, repId: ids.piotr } }))
        .key,
    ).toBe('errors.rep_out_of_scope');
    expect(
      fail(
        await t.call(jan, 'reports:drill', {
          kind: 'workload',
          filters: { ...NOV, repId: ids.piotr },
          rowKeys: [],
          column: 'visitsDone',
        }),
      ).key,
    ).toBe('errors.rep_out_of_scope');
    const reversed = fail(
      await t.call(admin, 'reports:run', { kind: 'workload', filters: { from: '2026-11', to: '2026-10' } }),
    );
    expect(reversed.issues?.[0]).toMatchObject({ path: ['filters', 'to'], key: 'validation.period_order' });
    const long = fail(
      await t.call(admin, 'reports:run', { kind: 'workload', filters: { from: '2024-01', to: '2026-11' } }),
    );
    expect(long.issues?.[0]).toMatchObject({
      path: ['filters', 'from'],
      key: 'validation.report_period_too_long',
    });
    expect(
      fail(
        await t.call(admin, 'reports:drill', {
          kind: 'workload',
          filters: NOV,
          rowKeys: [],
          column: 'meetingsPerDay',
        }),
      ).key,
    ).toBe('errors.report_not_drillable');
    expect(t.core.store.seq).toBe(seq);
  });
});

describe('data quality and drill-down', () => {
  it('counts each gap once and opens exactly its records', async () => {
    const r = await run(admin, 'dataQuality');
    const janRow = r.rows.find((x) => x.key === ids.jan)!;
    expect(janRow.cells).toMatchObject({ clients: 2, contactNoChannel: 1, noTaxId: 2, complete: 0 });
    const d = await t.ok<ReportDrillResult>(admin, 'reports:drill', {
      kind: 'dataQuality',
      filters: NOV,
      rowKeys: [ids.jan],
      column: 'contactNoChannel',
    });
    expect(d).toMatchObject({ entity: 'contact', total: 1, sum: null });
    expect(d.records[0]).toMatchObject({ entity: 'contact', clientId: ids.janBare, title: 'Ewa Nowak' });
    const all = await t.ok<ReportDrillResult>(admin, 'reports:drill', {
      kind: 'dataQuality',
      filters: NOV,
      rowKeys: [],
      column: 'clients',
    });
    expect(all.total).toBe(r.totals.clients);
    expect(all.records.map((x) => x.id).sort()).toEqual(
      [ids.janClient, ids.janBare, ids.piotrClient, ids.nobodys].sort(),
    );
  });
});

describe('the cache', () => {
  it('serves an unchanged report from the cache, and computes again after any change to what it read', async () => {
    const first = await run(marek, 'workload');
    const again = await run(marek, 'workload');
    expect(again.cached).toBe(true);
    expect(again.rows).toEqual(first.rows);
    expect(again.computedAt).toBe(first.computedAt);
    // A write to a collection the report does not read keeps it …
    await t.ok(admin, 'products:create', { code: 'KAW-1', name: 'Kawa', unit: 'pcs', unitValue: 1_000 });
    expect((await run(marek, 'workload')).cached).toBe(true);
    // … a visit done changes it, at once, for every desk.
    const v = await t.ok<VisitDetail>(jan, 'visits:plan', {
      clientId: ids.janClient,
      contactId: ids['contact:Sklep Spożywczy „Lewiatan” nr 86'],
      date: '2026-11-23',
      subject: 'Wizyta handlowa',
    });
    expect((await run(marek, 'workload')).cached).toBe(false);
    await t.ok(jan, 'visits:complete', { id: v.visit.id, result: 'Zamówienie na grudzień' });
    const after = await run(marek, 'workload');
    expect(after.cached).toBe(false);
    expect(after.rows.find((r) => r.key === ids.jan)!.cells).toMatchObject({ visitsDone: 1, fieldDays: 1 });
    expect((await run(marek, 'workload')).cached).toBe(true);
  });

  it('reports progress for a job id, and a cached answer ends its job at once', async () => {
    const events: Array<{ jobId: string; done: number; total: number }> = [];
    const off = t.core.subscribe((event, payload) => {
      if (event === 'job:progress') events.push(payload as (typeof events)[number]);
    });
    try {
      await run(admin, 'planProgress', { from: '2026-06', to: '2026-11' }, 'job-1');
      const mine = events.filter((e) => e.jobId === 'job-1');
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.at(-1)).toMatchObject({ done: 1, total: 1 });
      for (const e of mine) expect(e.done).toBeLessThanOrEqual(e.total);
    } finally {
      off();
    }
  });

  it('lets the rep see only their own figures, cached apart from the manager’s', async () => {
    const mine = await run(jan, 'planProgress');
    const theirs = await run(piotr, 'planProgress');
    expect(mine.rows.every((r) => r.repId === ids.jan)).toBe(true);
    expect(theirs.rows.every((r) => r.repId === ids.piotr)).toBe(true);
  });
});
