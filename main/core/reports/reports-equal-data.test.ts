import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDetail } from '../../../shared/contract/actions.schema';
import type { Result } from '../../../shared/contract/errors';
import type { ImportCommitResult, ImportUpload } from '../../../shared/contract/imports.schema';
import type { OrderCommitResult, OrderUpload } from '../../../shared/contract/orders.schema';
import type {
  ReportDrillResult,
  ReportFilters,
  ReportKind,
  ReportResult,
  ReportScope,
} from '../../../shared/contract/reports.schema';
import { REPORT_KINDS } from '../../../shared/contract/reports.schema';
import { seededRng } from '../../../shared/domain/rng';
import { makeNip } from '../../../shared/domain/tax-ids';
import { hashPassword } from '../auth/password';
import type { DatasetItem, DemoRecord } from '../demo/dataset.generator';
import { generateDataset } from '../demo/dataset.generator';
import { buildCsv } from '../imports/testing/fixture-files';
import { Store } from '../store/store';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import type { Snapshot, UserLike, Viewer, XReport } from './testing/independent-figures';
import {
  compareReport,
  drillIds,
  expectedReport,
  localDay,
  plusDays,
  repsOf,
  snapshot,
} from './testing/independent-figures';

// Issue 8 must-have 4, "reports equal the data": a generated office (the demo generator at S, with
// gaps, duplicates, month-edge calls and order lines around the actions added here), every report
// run through the real core as the admin, a manager, a rep and the operator, and every figure,
// totals row and drill-down compared with an independent calculation from the raw records
// (testing/independent-figures.ts: PRODUCT.md §3/§4/§6 written again, none of the core's helpers).
// Then the data changes through the real commands — a call, a visit, deals, actions, a merge, an
// orders import and its revert, a clients import, the next day — and everything is compared again:
// the cache must never serve figures of a state that is gone.

const SEED = 'reports-equal-data';
const TODAY = '2026-11-23';
const PASSWORD = 'reports-test-1';
const PERIOD = { from: '2026-09', to: '2026-11' } as const;
const DRILL_LIMIT = 1000;

let t: TestCore;
let dir: string;
const sessions = new Map<string, string>();
let users: UserLike[] = [];
const byLogin = (login: string) => users.find((u) => u.login === login)!;

async function sessionOf(u: UserLike): Promise<string> {
  let s = sessions.get(u.id);
  if (!s) sessions.set(u.id, (s = await t.session(u.login as string, PASSWORD)));
  return s;
}

// ---- the dataset: the generator's office, with what a real base also holds ----

let seq = 0;
const newId = () => `01900000-0000-7000-8000-${(++seq).toString(16).padStart(12, '0')}`;
const meta = (by: string) => {
  const at = '2026-11-20T08:00:00.000Z';
  return { id: newId(), createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
};

/**
 * The generated records, changed here and there so that every data-quality gap occurs (no tax id,
 * no live contact, a contact without a channel, an erased one, unowned clients, shared phones,
 * visits done without a result), plus calls on the office-local month edges and order lines just
 * inside and just outside each action's two windows (promoted and other products, returns).
 */
function* officeData(passwordHash: string): Generator<DatasetItem> {
  let nClient = 0;
  let nContact = 0;
  let nDone = 0;
  let prevPhone: string | null = null;
  const noContact = new Set<string>();
  const codeOf = new Map<string, string>();
  const actions: DemoRecord[] = [];
  const products: DemoRecord[] = [];
  const callOf = new Map<string, DemoRecord>();
  for (const it of generateDataset({ scale: 'S', seed: SEED, today: TODAY })) {
    const r: DemoRecord = { ...it.record };
    switch (it.collection) {
      case 'users':
        r.passwordHash = passwordHash;
        break;
      case 'products':
        products.push(r);
        break;
      case 'clients':
        nClient++;
        if (nClient % 37 === 0 && !r.parentId) r.taxId = null;
        if (nClient % 53 === 0) r.repId = null;
        // The same phone as the client before: a suspected duplicate pair for the scan.
        if (nClient % 401 === 0 && prevPhone) r.phone = prevPhone;
        prevPhone = (r.phone as string | null) ?? null;
        if (nClient % 47 === 0) noContact.add(r.id);
        codeOf.set(r.id, r.externalCode as string);
        break;
      case 'contacts':
        nContact++;
        if (noContact.has(r.clientId as string)) r.archived = true;
        else if (nContact % 29 === 0) Object.assign(r, { phones: [], emails: [] });
        else if (nContact % 31 === 0)
          Object.assign(r, { erased: true, phones: [], emails: [], consents: {} });
        break;
      case 'visits':
        if (r.status === 'done' && ++nDone % 23 === 0) r.result = nDone % 46 === 0 ? '   ' : '';
        break;
      case 'localActions':
        actions.push(r);
        break;
      case 'calls':
        callOf.set(r.userId as string, r);
        break;
    }
    yield { collection: it.collection, record: r };
  }
  // Calls on the edges of office-local months (Warsaw: UTC+2 until 25 October, UTC+1 after).
  const edges: Array<[string, boolean]> = [
    ['2026-08-31T21:30:00.000Z', false], // 31 Aug 23:30 local: August
    ['2026-08-31T22:30:00.000Z', true], // 1 Sep 00:30 local: September
    ['2026-10-31T22:59:00.000Z', true], // 31 Oct 23:59 local: October
    ['2026-10-31T23:30:00.000Z', false], // 1 Nov 00:30 local: November (no status)
  ];
  let k = 0;
  for (const template of [...callOf.values()].slice(0, 4))
    for (const [startedAt, withStatus] of edges)
      yield {
        collection: 'calls',
        record: {
          ...template,
          ...meta(template.userId as string),
          startedAt,
          externalId: `edge-${++k}`,
          statusId: withStatus ? template.statusId : null,
        },
      };
  // Order lines around the actions: on both edges of each window, one day outside each, a product
  // the action does not promote, and a return now and then.
  let n = 0;
  const line = (a: DemoRecord, date: string, productId: string, netValue: number): DatasetItem => ({
    collection: 'orderLines',
    record: {
      ...meta('system'),
      externalKey: `T/${++n}/1`,
      invoiceNo: `T/${n}`,
      clientId: a.clientId,
      clientKey: codeOf.get(a.clientId as string) ?? '',
      date,
      productId,
      quantity: 1,
      netValue,
      importId: null,
    },
  });
  for (const [i, a] of actions.entries()) {
    if (!a.startDate || !a.endDate || a.state === 'draft' || a.state === 'cancelled') continue;
    const start = a.startDate as string;
    const end = a.endDate as string;
    const named = a.productIds as string[];
    const promoted = named[0] ?? products[i % products.length]!.id;
    const other = products.find((p) => !named.includes(p.id))!.id;
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
    const lines: Array<[string, string, number]> = [
      [start, promoted, 12_000 + i],
      [end, promoted, 8_000 + i],
      [end, other, 5_000],
      [plusDays(start, -1), promoted, 4_000 + i],
      [plusDays(start, -days), promoted, 3_000],
      [plusDays(start, -days - 1), promoted, 100_000],
      [plusDays(end, 1), promoted, 100_000],
    ];
    if (i % 5 === 0) lines.push([start, promoted, -2_500]);
    for (const [date, productId, value] of lines) if (date < TODAY) yield line(a, date, productId, value);
  }
}

async function loadOffice(into: string): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  const store = await Store.open({ dir: into, deviceId: 'test', history: 'eager' });
  let batch: DatasetItem[] = [];
  const flush = async () => {
    const b = batch;
    batch = [];
    await store.transact({ userId: 'test' }, (tx) => {
      for (const { collection, record } of b) tx.insert(collection, record);
    });
  };
  for (const item of officeData(passwordHash)) {
    batch.push(item);
    if (batch.length === 1000) await flush();
  }
  await flush();
  await store.checkpoint();
  await store.close();
}

// ---- who looks, with which filters ----

interface Variant {
  name: string;
  user: () => UserLike;
  filters: () => ReportFilters;
  kinds?: readonly ReportKind[];
}
const f = (o: Partial<ReportFilters> = {}): ReportFilters => ({ teamId: null, repId: null, ...PERIOD, ...o });

let teamA: { id: string; managerId: string };
let teamB: { id: string; managerId: string };
let repA: UserLike; // in team A
let repA2: UserLike; // another rep of team A

const variants: Variant[] = [
  { name: 'admin', user: () => byLogin('admin'), filters: () => f() },
  { name: 'admin/team B', user: () => byLogin('admin'), filters: () => f({ teamId: teamB.id }) },
  { name: 'admin/rep A2', user: () => byLogin('admin'), filters: () => f({ repId: repA2.id }) },
  {
    name: 'admin/Nov–Jan',
    user: () => byLogin('admin'),
    filters: () => f({ from: '2026-11', to: '2027-01' }),
    kinds: ['budgetUse', 'actions', 'effectiveness', 'planProgress'],
  },
  { name: 'manager A', user: () => users.find((u) => u.id === teamA.managerId)!, filters: () => f() },
  {
    name: 'manager A/rep A',
    user: () => users.find((u) => u.id === teamA.managerId)!,
    filters: () => f({ repId: repA.id }),
  },
  { name: 'head of office', user: () => byLogin('kierownik'), filters: () => f(), kinds: ['dataQuality'] },
  { name: 'rep A', user: () => repA, filters: () => f() },
  { name: 'operator', user: () => byLogin('operator'), filters: () => f(), kinds: ['dataQuality'] },
];

// ---- comparing a round ----

type Round = Map<string, { got: ReportResult; want: XReport }>;
let last: Round = new Map();
let snap: Snapshot;

async function takeSnapshot(): Promise<Snapshot> {
  const scan = await t.ok<{ pairs: Array<{ a: { id: string }; b: { id: string } }>; total: number }>(
    await sessionOf(byLogin('operator')),
    'duplicates:scan',
    { limit: 1000 },
  );
  // Every pair must be in the answer, or the suspects below would be short.
  expect(scan.total).toBe(scan.pairs.length);
  const suspects = new Set(scan.pairs.flatMap((p) => [p.a.id, p.b.id]));
  users = [...t.core.store.all<UserLike>('users')];
  return snapshot((c) => t.core.store.all(c), t.clock.now(), suspects);
}

const viewerOf = (u: UserLike): Viewer => ({ id: u.id, role: u.role, officeWide: !!u.officeWide });
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const figuresOf = (x: { rows: unknown; totals: unknown }) => JSON.stringify([x.rows, x.totals]);

/** What a drill of these rows must sum to: the figure opened (the rows' figures summed). */
function figureOf(want: XReport, rowKeys: string[], column: string): number {
  if (!rowKeys.length) return want.totals[column] as number;
  return rowKeys.reduce(
    (n, k) => n + ((want.rows.find((r) => r.key === k)?.cells[column] as number) ?? 0),
    0,
  );
}

async function checkDrill(
  sid: string,
  kind: ReportKind,
  filters: ReportFilters,
  want: XReport,
  rowKeys: string[],
  column: string,
  tag: string,
): Promise<string[]> {
  const out: string[] = [];
  const c = want.columns.find((x) => x.key === column)!;
  const d = await t.ok<ReportDrillResult>(sid, 'reports:drill', {
    kind,
    filters,
    rowKeys,
    column,
    limit: DRILL_LIMIT,
  });
  const where = `${tag} drill [${rowKeys.join(',') || 'totals'}].${column}`;
  const ids = drillIds(want, rowKeys, column);
  if (d.entity !== c.drill) out.push(`${where}: entity ${d.entity}, expected ${c.drill}`);
  if (d.total !== ids.size) out.push(`${where}: total ${d.total}, expected ${ids.size}`);
  const got = d.records.map((r) => r.id);
  if (new Set(got).size !== got.length) out.push(`${where}: a record listed twice`);
  const extra = got.filter((id) => !ids.has(id));
  if (extra.length) out.push(`${where}: ${extra.length} records not behind the figure, e.g. ${extra[0]}`);
  if (got.length !== Math.min(ids.size, DRILL_LIMIT))
    out.push(`${where}: ${got.length} records listed of ${ids.size} expected`);
  if (c.kind === 'money') {
    const figure = figureOf(want, rowKeys, column);
    if (d.sum !== figure) out.push(`${where}: sum ${d.sum}, the figure is ${figure}`);
    const listed = d.records.reduce((n, r) => n + (r.amount ?? 0), 0);
    if (ids.size <= DRILL_LIMIT && listed !== figure)
      out.push(`${where}: the listed amounts add up to ${listed}, the figure is ${figure}`);
  } else if (d.sum !== null) out.push(`${where}: sum ${d.sum} on a count`);
  return out;
}

/**
 * Runs every report of every variant, compares it with the independent figures, checks the cache
 * (a changed report is computed afresh, an unchanged repeat comes from the cache) and drills into
 * the totals, a few rows (every row with `fullDrill`) and the rows whose figures changed.
 */
async function verifyRound(label: string, opts: { fullDrill?: boolean } = {}): Promise<Round> {
  snap = await takeSnapshot();
  const problems: string[] = [];
  const round: Round = new Map();
  const computedThisRound = new Set<string>();
  for (const v of variants) {
    const u = v.user();
    const sid = await sessionOf(u);
    const filters = v.filters();
    for (const kind of v.kinds ?? REPORT_KINDS) {
      const tag = `${label} / ${v.name} / ${kind}`;
      const want = expectedReport(kind, snap, viewerOf(u), filters);
      const got = await t.ok<ReportResult>(sid, 'reports:run', { kind, filters });
      problems.push(...compareReport(got, want, tag));
      // The same computation serves every caller with the same reps and period.
      const scopeKey = [
        kind,
        repsOf(snap, viewerOf(u), filters)
          .map((r) => r.id)
          .sort()
          .join(','),
        kind === 'dataQuality' && sameJson(want.rows.at(-1)?.key, 'none'),
        filters.from,
        filters.to,
      ].join('|');
      const before = last.get(`${v.name}/${kind}`);
      if (
        before &&
        figuresOf(before.want) !== figuresOf(want) &&
        !computedThisRound.has(scopeKey) &&
        got.cached
      )
        problems.push(`${tag}: the figures changed but the report came from the cache`);
      computedThisRound.add(scopeKey);
      const again = await t.ok<ReportResult>(sid, 'reports:run', { kind, filters });
      if (!again.cached) problems.push(`${tag}: an unchanged repeat was computed again`);
      if (figuresOf(again) !== figuresOf(got)) problems.push(`${tag}: the cached repeat differs`);
      round.set(`${v.name}/${kind}`, { got, want });

      const drillable = want.columns.filter((c) => c.drill).map((c) => c.key);
      const rows = new Set<string>();
      if (opts.fullDrill && v.name === 'admin') want.rows.forEach((r) => rows.add(r.key));
      else {
        const keys = want.rows.map((r) => r.key);
        for (const k of [keys[0], keys[Math.floor(keys.length / 2)], keys.at(-1)]) if (k) rows.add(k);
        // The rows whose figures changed since the last round: where a stale drill would show.
        const old = new Map(before?.want.rows.map((r) => [r.key, JSON.stringify(r.cells)]) ?? []);
        for (const r of want.rows) if (before && old.get(r.key) !== JSON.stringify(r.cells)) rows.add(r.key);
      }
      const rowSets = [...rows].map((k) => [k]);
      rowSets.push([]); // the totals row
      // A chart bar stands for one rep's rows (every month of the rep).
      const firstRep = want.rows.find((r) => r.repId)?.repId;
      const repRows = want.rows.filter((r) => r.repId === firstRep).map((r) => r.key);
      if (repRows.length > 1) rowSets.push(repRows);
      for (const keys of rowSets)
        for (const column of drillable)
          problems.push(...(await checkDrill(sid, kind, filters, want, keys, column, tag)));
    }
  }
  last = round;
  // Soft: the test's own checks of the change still run, and every difference is listed at once.
  expect.soft(problems, label).toEqual([]);
  return round;
}

const cell = (round: Round, kind: ReportKind, rowKey: string, column: string) =>
  round.get(`admin/${kind}`)!.got.rows.find((r) => r.key === rowKey)?.cells[column] ?? null;
const num = (x: unknown) => (typeof x === 'number' ? x : 0);

// ---- the data's shape: every report has something to show ----

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'regio-reports-'));
  await loadOffice(dir);
  t = await testCore({ dir, now: `${TODAY}T09:00:00Z` });
  users = [...t.core.store.all<UserLike>('users')];
  const teams = [...t.core.store.all<{ id: string; managerId: string }>('teams')].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
  [teamA, teamB] = teams as [typeof teamA, typeof teamB];
  const teamReps = users
    .filter((u) => u.role === 'rep' && u.teamId === teamA.id)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  // Rep A: the one whose month holds an approved action (to settle) — every team has several.
  const approved = (u: UserLike) =>
    [
      ...t.core.store.all<{ id: string; repId: string; state: string; budgetMonth: string }>('localActions'),
    ].some((a) => a.repId === u.id && a.state === 'approved' && a.budgetMonth >= PERIOD.from);
  repA = teamReps.find(approved) ?? teamReps[0]!;
  repA2 = teamReps.find((u) => u !== repA)!;
});

afterAll(async () => {
  await t?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reports equal the data', () => {
  let r0: Round;

  it('every report, row, total and drill-down equals the independent figures', async () => {
    r0 = await verifyRound('generated', { fullDrill: true });
  });

  it('the generated office gives every report non-trivial figures', () => {
    const admin = (k: ReportKind) => r0.get(`admin/${k}`)!.want;
    const reps = (x: XReport) => new Set(x.rows.map((r) => r.repId).filter(Boolean)).size;
    expect(reps(admin('budgetUse'))).toBeGreaterThanOrEqual(3);
    expect(reps(admin('planProgress'))).toBeGreaterThanOrEqual(3);
    expect(admin('budgetUse').totals.settled).toBeGreaterThan(0);
    const stages = admin('actions').rows.filter((r) => r.group === 'stage');
    expect(stages.length).toBeGreaterThanOrEqual(5);
    expect(admin('actions').rows.some((r) => r.group === 'reason')).toBe(true);
    const eff = admin('effectiveness').rows;
    expect(
      eff.filter((r) => num(r.cells.before) > 0 && num(r.cells.during) > 0).length,
    ).toBeGreaterThanOrEqual(3);
    expect(eff.some((r) => r.cells.cost !== null) && eff.some((r) => r.cells.cost === null)).toBe(true);
    const wl = admin('workload').totals;
    expect(num(wl.visitsDone)).toBeGreaterThan(0);
    expect(num(wl.call_none)).toBeGreaterThan(0);
    const dq = admin('dataQuality');
    for (const gap of [
      'noTaxId',
      'noContact',
      'contactNoChannel',
      'noConsent',
      'duplicates',
      'meetingsNoResult',
    ])
      expect(num(dq.totals[gap]), gap).toBeGreaterThan(0);
    expect(dq.rows.at(-1)?.key).toBe('none');
    // The scoped views are narrower than the office's, and the rep's is one rep.
    expect(r0.get('rep A/workload')!.got.rows.map((r) => r.key)).toEqual([repA.id]);
    const mgrReps = new Set(r0.get('manager A/workload')!.got.rows.map((r) => r.repId));
    expect([...mgrReps].every((id) => users.find((u) => u.id === id)?.teamId === teamA.id)).toBe(true);
    expect(mgrReps.size).toBeLessThan(reps(admin('workload')));
    expect(
      r0
        .get('admin/team B/workload')!
        .got.rows.every((r) => users.find((u) => u.id === r.repId)?.teamId === teamB.id),
    ).toBe(true);
  });

  it('calls count in the office-local month of their instant', () => {
    const edgeCalls = snap.calls.filter((c) => String(c.externalId).startsWith('edge-'));
    expect(edgeCalls.map((c) => localDay(c.startedAt, snap.timeZone).slice(0, 7)).slice(0, 4)).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    // Their reps' September/October/November rows hold them; August's is outside the period.
    const rep = edgeCalls[0]!.userId!;
    for (const [id, m] of edgeCalls.slice(1, 4).map((c, i) => [c.id, ['2026-09', '2026-10', '2026-11'][i]!]))
      expect(r0.get('admin/planProgress')!.want.records.get(`${rep}|${m}`)?.get('contacts')?.has(id!)).toBe(
        true,
      );
  });

  it('scopes: the operator reads data quality only, a manager their team, a rep themself', async () => {
    const op = await sessionOf(byLogin('operator'));
    for (const kind of REPORT_KINDS.filter((k) => k !== 'dataQuality')) {
      const r: Result<unknown> = await t.call(op, 'reports:run', { kind, filters: f() });
      expect(r, kind).toMatchObject({ ok: false, error: { key: 'errors.report_not_allowed' } });
      const d: Result<unknown> = await t.call(op, 'reports:drill', {
        kind,
        filters: f(),
        rowKeys: [],
        column: 'count',
      });
      expect(d, kind).toMatchObject({ ok: false, error: { key: 'errors.report_not_allowed' } });
    }
    expect((await t.ok<ReportScope>(op, 'reports:scope')).kinds).toEqual(['dataQuality']);
    const mgr = await sessionOf(users.find((u) => u.id === teamA.managerId)!);
    const scope = await t.ok<ReportScope>(mgr, 'reports:scope');
    expect(scope.teams.map((x) => x.id)).toEqual([teamA.id]);
    expect(scope.reps.map((x) => x.id).sort()).toEqual(
      repsOf(snap, viewerOf(users.find((u) => u.id === teamA.managerId)!), f())
        .map((x) => x.id)
        .sort(),
    );
    expect(
      await t.call(mgr, 'reports:run', { kind: 'workload', filters: f({ teamId: teamB.id }) }),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.team_out_of_scope' },
    });
    const rep = await sessionOf(repA);
    expect(
      await t.call(rep, 'reports:run', { kind: 'workload', filters: f({ repId: repA2.id }) }),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.rep_out_of_scope' },
    });
    expect(
      await t.call(rep, 'reports:drill', {
        kind: 'workload',
        filters: f(),
        rowKeys: [],
        column: 'fieldDays',
      }),
    ).toMatchObject({ ok: false, error: { key: 'errors.report_not_drillable' } });
  });

  it('after a logged call', async () => {
    const rep = await sessionOf(repA);
    const client = snap.clients.find(
      (c) => c.repId === repA.id && snap.contacts.some((p) => p.clientId === c.id && p.phones.length),
    )!;
    const status = [...snap.callStatuses].sort((a, b) => a.order - b.order)[0]!;
    const before = last;
    await t.ok(rep, 'calls:log', { clientId: client.id, statusId: status.id, durationSec: 60 });
    const r = await verifyRound('call logged');
    expect(num(cell(r, 'workload', repA.id, 'callsTotal'))).toBe(
      num(cell(before, 'workload', repA.id, 'callsTotal')) + 1,
    );
    expect(num(cell(r, 'workload', repA.id, `call_${status.id}`))).toBe(
      num(cell(before, 'workload', repA.id, `call_${status.id}`)) + 1,
    );
    expect(num(cell(r, 'planProgress', `${repA.id}|2026-11`, 'contacts'))).toBe(
      num(cell(before, 'planProgress', `${repA.id}|2026-11`, 'contacts')) + 1,
    );
  });

  it('after a visit completed (one without a result is refused and changes nothing)', async () => {
    const rep = await sessionOf(repA);
    const admin = await sessionOf(byLogin('admin'));
    // A client of the rep's with no action running today (its verification task would be
    // mandatory) and a contact person a visit may name.
    const running = new Set(
      snap.actions
        .filter((a) => a.state === 'active' && a.startDate! <= TODAY && a.endDate! >= TODAY)
        .map((a) => a.clientId),
    );
    const contact = snap.contacts.find((p) => {
      const c = snap.clients.find((x) => x.id === p.clientId);
      return c?.repId === repA.id && !running.has(c.id) && !p.erased && p.phones.length > 0;
    })!;
    const visit = await t.ok<{ visit: { id: string } }>(rep, 'visits:plan', {
      clientId: contact.clientId,
      contactId: contact.id,
      date: TODAY,
      subject: 'Wizyta handlowa',
    });
    const refused: Result<unknown> = await t.call(rep, 'visits:complete', { id: visit.visit.id, result: '' });
    expect(refused).toMatchObject({ ok: false, error: { key: 'errors.visit_minimal' } });
    // Nothing counted changed (a planned visit counts nowhere): the same figures, and the
    // reports that read no visits straight from the cache.
    for (const kind of REPORT_KINDS) {
      const again = await t.ok<ReportResult>(admin, 'reports:run', { kind, filters: f() });
      expect(figuresOf(again), kind).toBe(figuresOf(last.get(`admin/${kind}`)!.got));
      if (['budgetUse', 'actions', 'effectiveness'].includes(kind)) expect(again.cached, kind).toBe(true);
    }
    const before = last;
    const done: Result<unknown> = await t.call(rep, 'visits:complete', {
      id: visit.visit.id,
      result: 'Zamówienie przyjęte.',
    });
    expect(done.ok).toBe(true);
    const r = await verifyRound('visit completed');
    expect(num(cell(r, 'workload', repA.id, 'visitsDone'))).toBe(
      num(cell(before, 'workload', repA.id, 'visitsDone')) + 1,
    );
    expect(num(cell(r, 'planProgress', `${repA.id}|2026-11`, 'meetings'))).toBe(
      num(cell(before, 'planProgress', `${repA.id}|2026-11`, 'meetings')) + 1,
    );
  });

  it('after a won deal (and a lost one, which counts nowhere)', async () => {
    const rep = await sessionOf(repA);
    const client = snap.clients.find((c) => c.repId === repA.id)!;
    const before = last;
    for (const outcome of ['won', 'lost'])
      await t.ok(rep, 'deals:create', {
        clientId: client.id,
        title: 'Regał chłodniczy',
        closedAt: TODAY,
        value: 123_400,
        outcome,
      });
    const r = await verifyRound('deals recorded');
    const k = `${repA.id}|2026-11`;
    expect(num(cell(r, 'planProgress', k, 'deals'))).toBe(num(cell(before, 'planProgress', k, 'deals')) + 1);
    expect(num(cell(r, 'planProgress', k, 'wonValue'))).toBe(
      num(cell(before, 'planProgress', k, 'wonValue')) + 123_400,
    );
  });

  it('after an action registered, one settled, one closed and one rejected', async () => {
    const rep = await sessionOf(repA);
    const mgr = await sessionOf(users.find((u) => u.id === teamA.managerId)!);
    const teamRep = new Set(
      repsOf(snap, viewerOf(users.find((u) => u.id === teamA.managerId)!), f()).map((u) => u.id),
    );
    const mode = [...t.core.store.all<{ id: string; kind: string }>('dictionaries')].find(
      (d) => d.kind === 'actionMode',
    )!;
    const reason = [...snap.failureReasons.values()][0]!;
    const client = snap.clients.find((c) => c.repId === repA.id)!;
    const before = last;
    await t.ok<ActionDetail>(rep, 'actions:create', {
      register: true,
      fields: {
        clientId: client.id,
        title: 'Ekspozycja przy kasie',
        startDate: '2026-11-25',
        endDate: '2026-12-05',
        modeId: mode.id,
        description: '',
        conditions: ['Produkt przy kasie'],
        settlementMethod: 'invoice',
        agreedAmount: 10_000,
        budgetMonth: '2026-11',
        productIds: [],
      },
    });
    const inPeriod = (a: { budgetMonth: string | null }) =>
      !!a.budgetMonth && a.budgetMonth >= PERIOD.from && a.budgetMonth <= PERIOD.to;
    const approved = snap.actions.find((a) => a.repId === repA.id && a.state === 'approved' && inPeriod(a))!;
    await t.ok(mgr, 'actions:settle', {
      id: approved.id,
      finalAmount: approved.approvedAmount! - 500,
      reference: 'Centrala: nota 1/12',
    });
    const awaiting = snap.actions.find(
      (a) => teamRep.has(a.repId) && a.state === 'active' && a.endDate! < TODAY && inPeriod(a),
    )!;
    const owner = await sessionOf(users.find((u) => u.id === awaiting.repId)!);
    await t.ok(owner, 'actions:close', { id: awaiting.id, reasonId: reason.id, note: 'Klient zrezygnował.' });
    const recommended = snap.actions.find(
      (a) => teamRep.has(a.repId) && a.state === 'recommended' && inPeriod(a),
    );
    if (recommended) await t.ok(mgr, 'actions:reject', { id: recommended.id, note: 'Brak zdjęć.' });
    const r = await verifyRound('actions changed');
    const k = `${repA.id}|2026-11`;
    expect(num(cell(r, 'budgetUse', k, 'reserved'))).toBe(
      num(cell(before, 'budgetUse', k, 'reserved')) + 10_000,
    );
    const km = `${repA.id}|${approved.budgetMonth}`;
    expect(num(cell(r, 'budgetUse', km, 'settled'))).toBe(
      num(cell(before, 'budgetUse', km, 'settled')) + approved.approvedAmount! - 500,
    );
    expect(num(cell(r, 'actions', `reason:${reason.id}`, 'count'))).toBe(
      num(cell(before, 'actions', `reason:${reason.id}`, 'count')) + 1,
    );
  });

  it('after a merge of a suspected duplicate pair', async () => {
    const op = await sessionOf(byLogin('operator'));
    const scan = await t.ok<{ pairs: Array<{ a: { id: string }; b: { id: string } }> }>(
      op,
      'duplicates:scan',
      { limit: 1000 },
    );
    const weight = (id: string) =>
      snap.actions.filter((a) => a.clientId === id).length +
      snap.lines.filter((l) => l.clientId === id).length;
    const pair = [...scan.pairs].sort((x, y) => weight(y.b.id) - weight(x.b.id))[0]!;
    // Dismissing another pair takes its clients out of the duplicates (unless in a pair still).
    const other = scan.pairs.find((p) => p !== pair)!;
    await t.ok(op, 'duplicates:dismiss', { a: other.a.id, b: other.b.id, note: 'Dwa różne sklepy.' });
    await t.ok(op, 'merges:merge', { survivorId: pair.a.id, mergedId: pair.b.id, take: [] });
    const before = last;
    const r = await verifyRound('merged');
    expect(t.core.store.get<{ id: string; archived?: boolean }>('clients', pair.b.id)?.archived).toBe(true);
    const total = (x: Round) => num(x.get('admin/dataQuality')!.got.totals.clients);
    expect(total(r)).toBe(total(before) - 1);
  });

  let orderImportId = '';
  it('after an orders import (and after its revert)', async () => {
    const op = await sessionOf(byLogin('operator'));
    const eff = last
      .get('admin/effectiveness')!
      .want.rows.filter((r) => num(r.cells.during) > 0)
      .slice(0, 3);
    expect(eff.length).toBe(3);
    const products = new Map(
      [...t.core.store.all<{ id: string; code: string }>('products')].map((p) => [p.id, p.code]),
    );
    const dmy = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
    const rows = [['Nr faktury', 'Lp', 'Data', 'Kod klienta', 'Towar', 'Ilość', 'Wartość netto']];
    eff.forEach((row, i) => {
      const a = snap.actions.find((x) => x.id === row.key)!;
      const code = t.core.store.get<{ id: string; externalCode: string }>(
        'clients',
        a.clientId,
      )!.externalCode;
      const product = products.get(a.productIds[0] ?? [...products.keys()][0]!)!;
      rows.push([`FV/T/${i}`, '1', dmy(a.startDate!), code, product, '2', '1 234,56']);
      rows.push([`FV/T/${i}`, '2', dmy(plusDays(a.startDate!, -1)), code, product, '1', '99,01']);
    });
    const u = await t.ok<OrderUpload>(op, 'orders:upload', {
      fileName: 'faktury.csv',
      data: Buffer.from(buildCsv(rows, { delimiter: ';', encoding: 'windows-1250' })).toString('base64'),
    });
    const done = await t.ok<OrderCommitResult>(op, 'orders:commit', {
      uploadId: u.uploadId,
      mapping: u.suggested,
    });
    expect(done.summary.counts).toMatchObject({ new: 6, error: 0 });
    orderImportId = done.import.id;
    const before = last;
    const r = await verifyRound('orders imported');
    for (const row of eff) {
      expect(num(cell(r, 'effectiveness', row.key, 'during'))).toBe(
        num(cell(before, 'effectiveness', row.key, 'during')) + 123_456,
      );
      expect(num(cell(r, 'effectiveness', row.key, 'before'))).toBe(
        num(cell(before, 'effectiveness', row.key, 'before')) + 9_901,
      );
    }
    await t.ok(op, 'orders:revert', { id: orderImportId });
    const back = await verifyRound('orders import reverted');
    for (const row of eff)
      expect(cell(back, 'effectiveness', row.key, 'during')).toBe(
        cell(before, 'effectiveness', row.key, 'during'),
      );
  });

  it('after a clients import (new clients with gaps, one client moved to another rep)', async () => {
    const op = await sessionOf(byLogin('operator'));
    const rng = seededRng(SEED);
    const moved = snap.clients.find((c) => c.repId === repA2.id && c.externalCode)!;
    const rows = [
      [
        'Kod klienta',
        'Nazwa',
        'NIP',
        'Ulica',
        'Miasto',
        'Kod pocztowy',
        'Handlowiec',
        'Imię',
        'Nazwisko',
        'E-mail osoby kontaktowej',
        'Telefon osoby kontaktowej',
      ],
      [
        'T-IMP-1',
        'Sklep Testowy Żabka Ćwiartka',
        makeNip(rng),
        'ul. Zupełnie Nowa 1',
        'Zgierz',
        '95-100',
        repA.repCode as string,
        'Zofia',
        'Źrebiec',
        'zofia@example.pl',
        '',
      ],
      [
        'T-IMP-2',
        'Kiosk Bez Numeru Podatkowego',
        '',
        'ul. Kwiatowa 77',
        'Kutno',
        '99-300',
        repA.repCode as string,
        'Jerzy',
        'Ąbecki',
        '',
        '',
      ],
      [
        'T-IMP-3',
        'Hurtownia Niczyja',
        makeNip(rng),
        'ul. Fabryczna 5',
        'Sieradz',
        '98-200',
        '',
        '',
        '',
        '',
        '',
      ],
      [moved.externalCode as string, '', '', '', '', '', repA.repCode as string, '', '', '', ''],
    ];
    const u = await t.ok<ImportUpload>(op, 'imports:upload', {
      fileName: 'klienci.csv',
      data: Buffer.from(buildCsv(rows, { delimiter: ';', encoding: 'windows-1250' })).toString('base64'),
    });
    const done = await t.ok<ImportCommitResult>(op, 'imports:commit', {
      uploadId: u.uploadId,
      mapping: u.suggested,
    });
    expect(done.summary.counts).toMatchObject({ new: 3, updated: 1, error: 0 });
    const before = last;
    const r = await verifyRound('clients imported');
    expect(num(cell(r, 'dataQuality', repA.id, 'clients'))).toBe(
      num(cell(before, 'dataQuality', repA.id, 'clients')) + 3,
    );
    expect(num(cell(r, 'dataQuality', repA2.id, 'clients'))).toBe(
      num(cell(before, 'dataQuality', repA2.id, 'clients')) - 1,
    );
    expect(num(cell(r, 'dataQuality', 'none', 'noContact'))).toBe(
      num(cell(before, 'dataQuality', 'none', 'noContact')) + 1,
    );
  });

  it('the next day: stages and effectiveness follow the office date', async () => {
    t.clock.set(`${plusDays(TODAY, 1)}T09:00:00Z`);
    const r = await verifyRound('next day');
    expect(snap.today).toBe(plusDays(TODAY, 1));
    expect(r.get('admin/actions')!.got.cached).toBe(false);
  });
});
