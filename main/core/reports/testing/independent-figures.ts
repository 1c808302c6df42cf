import type {
  DrillEntity,
  ReportCell,
  ReportFilters,
  ReportKind,
  ReportLabels,
  ReportResult,
  ValueKind,
} from '../../../../shared/contract/reports.schema';

// The six reports of PRODUCT.md §6, computed a second time from the raw records for tests only
// (issue 8 must-have 4: "reports equal the data"). Written from PRODUCT.md §3/§4/§6 and the report
// spec, deliberately WITHOUT the core's helpers (reports/*, holdsOf, budgetFigures, stageOf,
// qualityOf, monthInstants…): a shared helper with a bug would make both sides agree on a wrong
// figure. Dates are reckoned here with plain UTC calendar arithmetic and Intl in the office's zone.

type Loose = Record<string, unknown> & { id: string; archived?: boolean };

export interface UserLike extends Loose {
  role: string;
  displayName: string;
  teamId?: string | null;
  officeWide?: boolean;
}
interface TeamLike extends Loose {
  managerId: string | null;
  active?: boolean;
}
interface ActionLike extends Loose {
  number: string;
  title: string;
  repId: string;
  clientId: string;
  state: string;
  startDate: string | null;
  endDate: string | null;
  agreedAmount: number | null;
  approvedAmount: number | null;
  finalAmount: number | null;
  budgetMonth: string | null;
  productIds: string[];
  closeReasonId: string | null;
  createdAt: string;
}
interface VisitLike extends Loose {
  repId: string;
  clientId: string;
  date: string;
  status: string;
  result?: string | null;
}
interface CallLike extends Loose {
  userId: string | null;
  startedAt: string;
  statusId: string | null;
}
interface DealLike extends Loose {
  repId: string;
  closedAt: string;
  value: number;
  outcome: string;
}
interface LineLike extends Loose {
  clientId: string;
  date: string;
  productId: string;
  netValue: number;
}
interface ClientLike extends Loose {
  name: string;
  taxId: string | null;
  parentId?: string | null;
  repId?: string | null;
}
interface ContactLike extends Loose {
  clientId: string;
  phones: string[];
  emails: string[];
  consents?: Record<string, unknown>;
  erased?: boolean;
}
interface DictLike extends Loose {
  kind: string;
  code: string;
  labels: ReportLabels;
  order: number;
}

/** Everything the reports read, as raw records (archived ones left out), plus the duplicate scan. */
export interface Snapshot {
  today: string;
  timeZone: string;
  users: UserLike[];
  teams: TeamLike[];
  budgets: Map<string, number>;
  plans: Map<string, { contacts: number; meetings: number; deals: number }>;
  actions: ActionLike[];
  visits: VisitLike[];
  calls: CallLike[];
  deals: DealLike[];
  lines: LineLike[];
  clients: ClientLike[];
  contacts: ContactLike[];
  callStatuses: DictLike[];
  failureReasons: Map<string, DictLike>;
  /** Client ids in a suspected duplicate pair (the `duplicates:scan` answer: dismissed ones excluded). */
  suspects: Set<string>;
}

export type ReadAll = (collection: string) => Iterable<unknown>;

const live = <T extends Loose>(xs: Iterable<unknown>): T[] =>
  [...(xs as Iterable<T>)].filter((r) => !r.archived);

// ---- dates, with Intl only ----

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The office-local calendar day of an instant. */
export function localDay(instant: string | number | Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

const dayNo = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const dayOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
export const plusDays = (d: string, n: number) => dayOf(dayNo(d) + n);

export function monthList(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); ;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > to) return out;
    out.push(s);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}
function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return dayOf(Date.UTC(y, m, 1) / 86_400_000 - 1);
}

// ---- the snapshot ----

export function snapshot(read: ReadAll, now: Date, suspects: Set<string>): Snapshot {
  const office = live<Loose & { timeZone: string }>(read('offices'))[0]!;
  const timeZone = office.timeZone;
  const dicts = live<DictLike>(read('dictionaries'));
  const budgets = new Map<string, number>();
  for (const b of live<Loose & { repId: string; month: string; amount: number }>(read('budgets')))
    budgets.set(`${b.repId}|${b.month}`, b.amount);
  const plans = new Map<string, { contacts: number; meetings: number; deals: number }>();
  for (const p of live<
    Loose & { repId: string; month: string; targets: { contacts: number; meetings: number; deals: number } }
  >(read('salesPlans')))
    plans.set(`${p.repId}|${p.month}`, p.targets);
  return {
    today: localDay(now, timeZone),
    timeZone,
    users: live<UserLike>(read('users')),
    teams: live<TeamLike>(read('teams')),
    budgets,
    plans,
    actions: live<ActionLike>(read('localActions')),
    visits: live<VisitLike>(read('visits')),
    calls: live<CallLike>(read('calls')),
    deals: live<DealLike>(read('deals')),
    lines: live<LineLike>(read('orderLines')),
    clients: live<ClientLike>(read('clients')),
    contacts: live<ContactLike>(read('contacts')),
    callStatuses: dicts.filter((d) => d.kind === 'callStatus'),
    failureReasons: new Map(dicts.filter((d) => d.kind === 'failureReason').map((d) => [d.id, d])),
    suspects,
  };
}

// ---- who is in the report ----

export interface Viewer {
  id: string;
  role: string;
  officeWide?: boolean;
}

/** The reps a report covers for this viewer and these filters (PRODUCT.md §1 roles, spec "scope"). */
export function repsOf(s: Snapshot, viewer: Viewer, f: Pick<ReportFilters, 'teamId' | 'repId'>): UserLike[] {
  let reps = s.users.filter((u) => u.role === 'rep');
  if (viewer.role === 'rep') reps = reps.filter((u) => u.id === viewer.id);
  else if (viewer.role === 'manager' && !viewer.officeWide) {
    const mine = new Set(
      s.teams.filter((t) => t.managerId === viewer.id && t.active !== false).map((t) => t.id),
    );
    reps = reps.filter((u) => !!u.teamId && mine.has(u.teamId));
  }
  if (f.teamId) reps = reps.filter((u) => u.teamId === f.teamId);
  if (f.repId) reps = reps.filter((u) => u.id === f.repId);
  return reps;
}

const officeWide = (v: Viewer) => v.role === 'admin' || v.role === 'operator' || !!v.officeWide;

// ---- the expected report ----

export interface XColumn {
  key: string;
  kind: ValueKind;
  drill: DrillEntity | null;
}
export interface XRow {
  key: string;
  group: string | null;
  label: string;
  labelKey: string | null;
  labels: ReportLabels | null;
  repId: string | null;
  link: { entity: DrillEntity; id: string } | null;
  cells: Record<string, ReportCell>;
}
export interface XReport {
  kind: ReportKind;
  columns: XColumn[];
  rows: XRow[];
  totals: Record<string, ReportCell>;
  /** row key → column → record id → what it adds to the figure (1 for a count). */
  records: Map<string, Map<string, Map<string, number>>>;
  /** The rows the totals row sums (the drill of `rowKeys: []`). */
  totalsRows: string[];
}

class Cells {
  readonly map = new Map<string, Map<string, Map<string, number>>>();
  put(row: string, col: string, id: string, amount = 1): void {
    let c = this.map.get(row);
    if (!c) this.map.set(row, (c = new Map<string, Map<string, number>>()));
    let ids = c.get(col);
    if (!ids) c.set(col, (ids = new Map<string, number>()));
    ids.set(id, (ids.get(id) ?? 0) + amount);
  }
}

const row = (key: string, label: string, cells: Record<string, ReportCell>, o: Partial<XRow> = {}): XRow => ({
  key,
  group: null,
  label,
  labelKey: null,
  labels: null,
  repId: null,
  link: null,
  cells,
  ...o,
});
const col = (key: string, kind: ValueKind, drill: DrillEntity | null = null): XColumn => ({
  key,
  kind,
  drill,
});

/** Exact percentage (the report may round it to a decimal). */
const percent = (a: number, b: number): number | null => (b > 0 ? (a * 100) / b : null);
const sumOf = (rows: XRow[], k: string) => rows.reduce((n, r) => n + ((r.cells[k] as number | null) ?? 0), 0);

/** Where an active action stands by its dates (PRODUCT.md §3); any other state is its own stage. */
export function stageFor(a: ActionLike, today: string): string {
  if (a.state !== 'active') return a.state;
  if (today < a.startDate!) return 'planned';
  if (today <= a.endDate!) return 'running';
  return 'awaiting_assessment';
}

// PRODUCT.md §3 "Budget arithmetic": reserved = agreed of active/recommended/returned; committed =
// approved of approved + final of settled; settled = final of settled.
const RESERVING = new Set(['active', 'recommended', 'returned']);
const reservedBy = (a: ActionLike) => (RESERVING.has(a.state) ? (a.agreedAmount ?? 0) : 0);
const committedBy = (a: ActionLike) =>
  a.state === 'approved' ? (a.approvedAmount ?? 0) : a.state === 'settled' ? (a.finalAmount ?? 0) : 0;
const settledBy = (a: ActionLike) => (a.state === 'settled' ? (a.finalAmount ?? 0) : 0);

function budgetUse(s: Snapshot, reps: UserLike[], months: string[]): XReport {
  const cells = new Cells();
  const rows: XRow[] = [];
  const inPeriod = new Set(months);
  for (const rep of reps) {
    const acc = new Map(months.map((m) => [m, { reserved: 0, committed: 0, settled: 0 }]));
    for (const a of s.actions) {
      if (a.repId !== rep.id || !a.budgetMonth || !inPeriod.has(a.budgetMonth)) continue;
      const k = `${rep.id}|${a.budgetMonth}`;
      const f = acc.get(a.budgetMonth)!;
      if (RESERVING.has(a.state)) {
        f.reserved += reservedBy(a);
        cells.put(k, 'reserved', a.id, reservedBy(a));
      }
      if (a.state === 'approved' || a.state === 'settled') {
        f.committed += committedBy(a);
        cells.put(k, 'committed', a.id, committedBy(a));
      }
      if (a.state === 'settled') {
        f.settled += settledBy(a);
        cells.put(k, 'settled', a.id, settledBy(a));
      }
    }
    for (const m of months) {
      const f = acc.get(m)!;
      const budget = s.budgets.get(`${rep.id}|${m}`) ?? 0;
      if (!budget && !f.reserved && !f.committed) continue;
      rows.push(
        row(
          `${rep.id}|${m}`,
          rep.displayName,
          {
            month: m,
            budget,
            reserved: f.reserved,
            committed: f.committed,
            settled: f.settled,
            available: budget - f.reserved - f.committed,
            usedPct: percent(f.reserved + f.committed, budget),
          },
          { repId: rep.id },
        ),
      );
    }
  }
  const t = (k: string) => sumOf(rows, k);
  return {
    kind: 'budgetUse',
    columns: [
      col('month', 'month'),
      col('budget', 'money'),
      col('reserved', 'money', 'action'),
      col('committed', 'money', 'action'),
      col('settled', 'money', 'action'),
      col('available', 'money'),
      col('usedPct', 'percent'),
    ],
    rows,
    totals: {
      month: null,
      budget: t('budget'),
      reserved: t('reserved'),
      committed: t('committed'),
      settled: t('settled'),
      available: t('available'),
      usedPct: percent(t('reserved') + t('committed'), t('budget')),
    },
    records: cells.map,
    totalsRows: rows.map((r) => r.key),
  };
}

const STAGE_ORDER = [
  'draft',
  'planned',
  'running',
  'awaiting_assessment',
  'cancelled',
  'closed_unsettled',
  'recommended',
  'returned',
  'approved',
  'rejected',
  'settled',
];

function actions(s: Snapshot, reps: UserLike[], months: string[]): XReport {
  const cells = new Cells();
  const inPeriod = new Set(months);
  const mine = new Set(reps.map((r) => r.id));
  type F = { count: number; agreed: number; spent: number };
  const stages = new Map<string, F>();
  const reasons = new Map<string, F>();
  const add = (m: Map<string, F>, key: string, a: ActionLike) => {
    let f = m.get(key);
    if (!f) m.set(key, (f = { count: 0, agreed: 0, spent: 0 }));
    const agreed = a.agreedAmount ?? 0;
    // Spent: the final amount of a settled action, the approved amount of an approved one.
    const spent = committedBy(a);
    f.count++;
    f.agreed += agreed;
    f.spent += spent;
    cells.put(key, 'count', a.id);
    cells.put(key, 'agreed', a.id, agreed);
    if (a.state === 'approved' || a.state === 'settled') cells.put(key, 'spent', a.id, spent);
  };
  for (const a of s.actions) {
    if (!mine.has(a.repId)) continue;
    // An action counts in its budget month; a draft without one in the month it was created.
    const month = a.budgetMonth ?? localDay(a.createdAt, s.timeZone).slice(0, 7);
    if (!inPeriod.has(month)) continue;
    add(stages, `stage:${stageFor(a, s.today)}`, a);
    // Reasons of failure (spec): closed without settlement and rejected, by the reason given.
    // Rejected ones are a row of their own: the manager's refusal, not a reason the rep gave.
    if (a.state === 'closed_unsettled') add(reasons, `reason:${a.closeReasonId ?? 'none'}`, a);
    else if (a.state === 'rejected') add(reasons, 'reason:rejected', a);
  }
  const total = (m: Map<string, F>) => [...m.values()].reduce((n, f) => n + f.count, 0);
  const stageTotal = total(stages);
  const reasonTotal = total(reasons);
  const rows: XRow[] = [];
  for (const st of STAGE_ORDER) {
    const f = stages.get(`stage:${st}`);
    if (!f) continue;
    rows.push(
      row(
        `stage:${st}`,
        st,
        { count: f.count, agreed: f.agreed, spent: f.spent, share: percent(f.count, stageTotal) },
        { group: 'stage', labelKey: `stage.${st}` },
      ),
    );
  }
  for (const [key, f] of reasons) {
    const item = s.failureReasons.get(key.slice('reason:'.length));
    rows.push(
      row(
        key,
        item?.code ?? '',
        { count: f.count, agreed: f.agreed, spent: f.spent, share: percent(f.count, reasonTotal) },
        item
          ? { group: 'reason', labels: { ...item.labels } }
          : { group: 'reason', labelKey: key === 'reason:rejected' ? 'reason.rejected' : 'reason.none' },
      ),
    );
  }
  const stageRows = rows.filter((r) => r.group === 'stage');
  return {
    kind: 'actions',
    columns: [
      col('count', 'int', 'action'),
      col('agreed', 'money', 'action'),
      col('spent', 'money', 'action'),
      col('share', 'percent'),
    ],
    rows,
    totals: {
      count: sumOf(stageRows, 'count'),
      agreed: sumOf(stageRows, 'agreed'),
      spent: sumOf(stageRows, 'spent'),
      share: percent(stageTotal, stageTotal),
    },
    records: cells.map,
    totalsRows: stageRows.map((r) => r.key),
  };
}

function effectiveness(s: Snapshot, reps: UserLike[], months: string[]): XReport {
  const cells = new Cells();
  const first = `${months[0]}-01`;
  const last = monthEnd(months[months.length - 1]!);
  const byClient = new Map<string, LineLike[]>();
  for (const l of s.lines) {
    let xs = byClient.get(l.clientId);
    if (!xs) byClient.set(l.clientId, (xs = []));
    xs.push(l);
  }
  const clients = new Map(s.clients.map((c) => [c.id, c]));
  const rows: XRow[] = [];
  let costed = 0;
  for (const rep of reps)
    for (const a of s.actions) {
      if (a.repId !== rep.id || a.state === 'draft' || a.state === 'cancelled') continue;
      if (!a.startDate || !a.endDate) continue;
      // The period has ended (today is past the end day) and its end falls in the report's period.
      if (!(a.endDate < s.today) || a.endDate < first || a.endDate > last) continue;
      const days = dayNo(a.endDate) - dayNo(a.startDate) + 1;
      const beforeFrom = plusDays(a.startDate, -days);
      const beforeTo = plusDays(a.startDate, -1);
      const promoted = a.productIds.length ? new Set(a.productIds) : null;
      let before = 0;
      let during = 0;
      for (const l of byClient.get(a.clientId) ?? []) {
        if (promoted && !promoted.has(l.productId)) continue;
        if (l.date >= a.startDate && l.date <= a.endDate) {
          during += l.netValue;
          cells.put(a.id, 'during', l.id, l.netValue);
        }
        if (l.date >= beforeFrom && l.date <= beforeTo) {
          before += l.netValue;
          cells.put(a.id, 'before', l.id, l.netValue);
        }
      }
      const cost = a.state === 'settled' ? a.finalAmount : a.state === 'approved' ? a.approvedAmount : null;
      const uplift = during - before;
      if (cost !== null) costed += cost;
      rows.push(
        row(
          a.id,
          a.number,
          {
            title: a.title,
            client: clients.get(a.clientId)?.name ?? '',
            rep: rep.displayName,
            start: a.startDate,
            end: a.endDate,
            days,
            before,
            during,
            uplift,
            upliftPct: before > 0 ? (uplift * 100) / before : null,
            cost,
            upliftPerCost: cost ? uplift / cost : null,
          },
          { repId: rep.id, link: { entity: 'action', id: a.id } },
        ),
      );
    }
  const before = sumOf(rows, 'before');
  const during = sumOf(rows, 'during');
  const uplift = sumOf(rows, 'uplift');
  return {
    kind: 'effectiveness',
    columns: [
      col('title', 'text'),
      col('client', 'text'),
      col('rep', 'text'),
      col('start', 'date'),
      col('end', 'date'),
      col('days', 'int'),
      col('before', 'money', 'orderLine'),
      col('during', 'money', 'orderLine'),
      col('uplift', 'money'),
      col('upliftPct', 'percent'),
      col('cost', 'money'),
      col('upliftPerCost', 'decimal'),
    ],
    rows,
    totals: {
      title: null,
      client: null,
      rep: null,
      start: null,
      end: null,
      days: null,
      before,
      during,
      uplift,
      upliftPct: before > 0 ? (uplift * 100) / before : null,
      cost: costed,
      // Per unit of cost over the actions that cost something: a free action's uplift has no cost
      // to be divided by (PRODUCT.md §6.3 shows it "alone").
      upliftPerCost: costed
        ? rows.reduce((n, r) => n + (r.cells.cost ? (r.cells.uplift as number) : 0), 0) / costed
        : null,
    },
    records: cells.map,
    totalsRows: rows.map((r) => r.key),
  };
}

function workload(s: Snapshot, reps: UserLike[], months: string[]): XReport {
  const cells = new Cells();
  const first = `${months[0]}-01`;
  const last = monthEnd(months[months.length - 1]!);
  const statuses = [...s.callStatuses].sort((a, b) => a.order - b.order);
  const known = new Set(statuses.map((x) => x.id));
  const statusCols = [...statuses.map((x) => `call_${x.id}`), 'call_none'];
  const rows: XRow[] = [];
  for (const rep of reps) {
    const days = new Set<string>();
    let visitsDone = 0;
    for (const v of s.visits) {
      if (v.repId !== rep.id || v.status !== 'done' || v.date < first || v.date > last) continue;
      visitsDone++;
      days.add(v.date);
      cells.put(rep.id, 'visitsDone', v.id);
    }
    const by: Record<string, number> = Object.fromEntries(statusCols.map((c) => [c, 0]));
    let calls = 0;
    for (const c of s.calls) {
      if (c.userId !== rep.id) continue;
      const day = localDay(c.startedAt, s.timeZone);
      if (day < first || day > last) continue;
      const k = c.statusId && known.has(c.statusId) ? `call_${c.statusId}` : 'call_none';
      by[k]!++;
      calls++;
      cells.put(rep.id, k, c.id);
      cells.put(rep.id, 'callsTotal', c.id);
    }
    rows.push(
      row(
        rep.id,
        rep.displayName,
        {
          visitsDone,
          fieldDays: days.size,
          meetingsPerDay: days.size ? visitsDone / days.size : null,
          callsTotal: calls,
          ...by,
        },
        { repId: rep.id },
      ),
    );
  }
  const totals: Record<string, ReportCell> = {};
  for (const k of ['visitsDone', 'fieldDays', 'callsTotal', ...statusCols]) totals[k] = sumOf(rows, k);
  totals.meetingsPerDay = totals.fieldDays
    ? (totals.visitsDone as number) / (totals.fieldDays as number)
    : null;
  return {
    kind: 'workload',
    columns: [
      col('visitsDone', 'int', 'visit'),
      col('fieldDays', 'int'),
      col('meetingsPerDay', 'decimal'),
      col('callsTotal', 'int', 'call'),
      ...statusCols.map((k) => col(k, 'int', 'call')),
    ],
    rows,
    totals,
    records: cells.map,
    totalsRows: rows.map((r) => r.key),
  };
}

const GAPS = ['noTaxId', 'noContact', 'contactNoChannel', 'noConsent', 'duplicates', 'meetingsNoResult'];

function dataQuality(s: Snapshot, reps: UserLike[], months: string[], unowned: boolean): XReport {
  const cells = new Cells();
  const first = `${months[0]}-01`;
  const last = monthEnd(months[months.length - 1]!);
  const contactsOf = new Map<string, ContactLike[]>();
  for (const p of s.contacts) {
    let xs = contactsOf.get(p.clientId);
    if (!xs) contactsOf.set(p.clientId, (xs = []));
    xs.push(p);
  }
  const owners: Array<{ key: string; rep: UserLike | null }> = reps.map((r) => ({ key: r.id, rep: r }));
  if (unowned) owners.push({ key: 'none', rep: null });
  const rows: XRow[] = [];
  for (const o of owners) {
    const c: Record<string, number> = { clients: 0, complete: 0 };
    for (const g of GAPS) c[g] = 0;
    const count = (col: string, id: string) => {
      c[col]!++;
      cells.put(o.key, col, id);
    };
    for (const cl of s.clients) {
      if (o.rep ? cl.repId !== o.rep.id : !!cl.repId) continue;
      count('clients', cl.id);
      let gaps = 0;
      const gap = (col: string, id: string) => {
        gaps++;
        count(col, id);
      };
      // The minimal data set (PRODUCT.md §4): a tax id (an outlet has its parent's), a rep.
      if (!cl.taxId && !cl.parentId) gap('noTaxId', cl.id);
      if (!cl.repId) gaps++;
      const people = contactsOf.get(cl.id) ?? [];
      if (!people.length) gap('noContact', cl.id);
      for (const p of people) {
        if (p.erased) continue;
        if (!p.phones.length && !p.emails.length) gap('contactNoChannel', p.id);
        if (p.emails.length && typeof p.consents?.email !== 'boolean') gap('noConsent', p.id);
      }
      if (s.suspects.has(cl.id)) gap('duplicates', cl.id);
      if (!gaps) count('complete', cl.id);
    }
    if (o.rep)
      for (const v of s.visits)
        if (
          v.repId === o.rep.id &&
          v.status === 'done' &&
          v.date >= first &&
          v.date <= last &&
          !(v.result ?? '').trim()
        )
          count('meetingsNoResult', v.id);
    rows.push(
      row(
        o.key,
        o.rep?.displayName ?? '',
        { ...c, completePct: percent(c.complete!, c.clients!) },
        o.rep ? { repId: o.rep.id } : { labelKey: 'owner.none' },
      ),
    );
  }
  const totals: Record<string, ReportCell> = {};
  for (const k of ['clients', 'complete', ...GAPS]) totals[k] = sumOf(rows, k);
  totals.completePct = percent(totals.complete as number, totals.clients as number);
  return {
    kind: 'dataQuality',
    columns: [
      col('clients', 'int', 'client'),
      col('complete', 'int', 'client'),
      col('completePct', 'percent'),
      col('noTaxId', 'int', 'client'),
      col('noContact', 'int', 'client'),
      col('contactNoChannel', 'int', 'contact'),
      col('noConsent', 'int', 'contact'),
      col('duplicates', 'int', 'client'),
      col('meetingsNoResult', 'int', 'visit'),
    ],
    rows,
    totals,
    records: cells.map,
    totalsRows: rows.map((r) => r.key),
  };
}

function planProgress(s: Snapshot, reps: UserLike[], months: string[]): XReport {
  const cells = new Cells();
  const inPeriod = new Set(months);
  const rows: XRow[] = [];
  for (const rep of reps) {
    const acc = new Map(months.map((m) => [m, { contacts: 0, meetings: 0, deals: 0, wonValue: 0 }]));
    const key = (m: string) => `${rep.id}|${m}`;
    for (const c of s.calls) {
      if (c.userId !== rep.id) continue;
      const m = localDay(c.startedAt, s.timeZone).slice(0, 7);
      if (!inPeriod.has(m)) continue;
      acc.get(m)!.contacts++;
      cells.put(key(m), 'contacts', c.id);
    }
    for (const v of s.visits) {
      if (v.repId !== rep.id || v.status !== 'done') continue;
      const m = v.date.slice(0, 7);
      if (!inPeriod.has(m)) continue;
      acc.get(m)!.contacts++;
      acc.get(m)!.meetings++;
      cells.put(key(m), 'contacts', v.id);
      cells.put(key(m), 'meetings', v.id);
    }
    for (const d of s.deals) {
      if (d.repId !== rep.id || d.outcome !== 'won') continue;
      const m = d.closedAt.slice(0, 7);
      if (!inPeriod.has(m)) continue;
      acc.get(m)!.deals++;
      acc.get(m)!.wonValue += d.value;
      cells.put(key(m), 'deals', d.id);
      cells.put(key(m), 'wonValue', d.id, d.value);
    }
    for (const m of months) {
      const plan = s.plans.get(key(m));
      const a = acc.get(m)!;
      if (!plan && !a.contacts && !a.meetings && !a.deals) continue;
      const t = plan ?? { contacts: 0, meetings: 0, deals: 0 };
      rows.push(
        row(
          key(m),
          rep.displayName,
          {
            month: m,
            contactsTarget: t.contacts,
            contacts: a.contacts,
            contactsPct: percent(a.contacts, t.contacts),
            meetingsTarget: t.meetings,
            meetings: a.meetings,
            meetingsPct: percent(a.meetings, t.meetings),
            dealsTarget: t.deals,
            deals: a.deals,
            dealsPct: percent(a.deals, t.deals),
            wonValue: a.wonValue,
          },
          { repId: rep.id },
        ),
      );
    }
  }
  const t = (k: string) => sumOf(rows, k);
  return {
    kind: 'planProgress',
    columns: [
      col('month', 'month'),
      col('contactsTarget', 'int'),
      col('contacts', 'int', 'call'),
      col('contactsPct', 'percent'),
      col('meetingsTarget', 'int'),
      col('meetings', 'int', 'visit'),
      col('meetingsPct', 'percent'),
      col('dealsTarget', 'int'),
      col('deals', 'int', 'deal'),
      col('dealsPct', 'percent'),
      col('wonValue', 'money', 'deal'),
    ],
    rows,
    totals: {
      month: null,
      contactsTarget: t('contactsTarget'),
      contacts: t('contacts'),
      contactsPct: percent(t('contacts'), t('contactsTarget')),
      meetingsTarget: t('meetingsTarget'),
      meetings: t('meetings'),
      meetingsPct: percent(t('meetings'), t('meetingsTarget')),
      dealsTarget: t('dealsTarget'),
      deals: t('deals'),
      dealsPct: percent(t('deals'), t('dealsTarget')),
      wonValue: t('wonValue'),
    },
    records: cells.map,
    totalsRows: rows.map((r) => r.key),
  };
}

export function expectedReport(
  kind: ReportKind,
  s: Snapshot,
  viewer: Viewer,
  f: Pick<ReportFilters, 'teamId' | 'repId' | 'from' | 'to'>,
): XReport {
  const reps = repsOf(s, viewer, f);
  const months = monthList(f.from, f.to);
  switch (kind) {
    case 'budgetUse':
      return budgetUse(s, reps, months);
    case 'actions':
      return actions(s, reps, months);
    case 'effectiveness':
      return effectiveness(s, reps, months);
    case 'workload':
      return workload(s, reps, months);
    case 'dataQuality':
      return dataQuality(s, reps, months, !f.teamId && !f.repId && officeWide(viewer));
    case 'planProgress':
      return planProgress(s, reps, months);
  }
}

// ---- comparing ----

/** A percent may be shown rounded to one decimal, a ratio to two: equal within half a unit of that. */
function sameCell(kind: ValueKind, got: ReportCell | undefined, want: ReportCell): boolean {
  if (want === null || got === null || got === undefined) return got === want;
  if (kind === 'percent') return typeof got === 'number' && Math.abs(got - (want as number)) <= 0.05 + 1e-9;
  if (kind === 'decimal') return typeof got === 'number' && Math.abs(got - (want as number)) <= 0.005 + 1e-9;
  return got === want;
}

/** Every difference between a report from the core and the independent one, as readable lines. */
export function compareReport(got: ReportResult, want: XReport, tag: string): string[] {
  const out: string[] = [];
  const gotCols = new Map(got.columns.map((c) => [c.key, c]));
  for (const c of want.columns) {
    const g = gotCols.get(c.key);
    if (!g) out.push(`${tag}: column ${c.key} missing`);
    else if (g.kind !== c.kind || g.drill !== c.drill)
      out.push(`${tag}: column ${c.key} is ${g.kind}/${g.drill}, expected ${c.kind}/${c.drill}`);
  }
  for (const k of gotCols.keys())
    if (!want.columns.some((c) => c.key === k)) out.push(`${tag}: unexpected column ${k}`);
  const kinds = new Map(want.columns.map((c) => [c.key, c.kind]));
  const gotRows = new Map(got.rows.map((r) => [r.key, r]));
  if (gotRows.size !== got.rows.length) out.push(`${tag}: duplicate row keys`);
  for (const w of want.rows) {
    const g = gotRows.get(w.key);
    if (!g) {
      out.push(`${tag}: row ${w.key} missing (expected ${JSON.stringify(w.cells)})`);
      continue;
    }
    const rt = `${tag} row ${w.key}`;
    if (g.group !== w.group) out.push(`${rt}: group ${g.group}, expected ${w.group}`);
    if (g.repId !== w.repId) out.push(`${rt}: repId ${g.repId}, expected ${w.repId}`);
    if (JSON.stringify(g.link) !== JSON.stringify(w.link)) out.push(`${rt}: link ${JSON.stringify(g.link)}`);
    if (g.labelKey !== w.labelKey) out.push(`${rt}: labelKey ${g.labelKey}, expected ${w.labelKey}`);
    if (JSON.stringify(g.labels) !== JSON.stringify(w.labels))
      out.push(`${rt}: labels ${JSON.stringify(g.labels)}`);
    if (!w.labelKey && !w.labels && g.label !== w.label)
      out.push(`${rt}: label ${g.label}, expected ${w.label}`);
    for (const [k, v] of Object.entries(w.cells))
      if (!sameCell(kinds.get(k)!, g.cells[k], v))
        out.push(`${rt}: ${k} = ${JSON.stringify(g.cells[k])}, expected ${JSON.stringify(v)}`);
  }
  for (const g of got.rows)
    if (!want.rows.some((w) => w.key === g.key))
      out.push(`${tag}: unexpected row ${g.key} ${JSON.stringify(g.cells)}`);
  for (const [k, v] of Object.entries(want.totals))
    if (!sameCell(kinds.get(k)!, got.totals[k], v))
      out.push(`${tag} totals: ${k} = ${JSON.stringify(got.totals[k])}, expected ${JSON.stringify(v)}`);
  return out;
}

/** The records a drill of these rows must list (rowKeys [] = the totals row's rows). */
export function drillIds(want: XReport, rowKeys: readonly string[], column: string): Set<string> {
  const out = new Set<string>();
  for (const k of rowKeys.length ? rowKeys : want.totalsRows)
    for (const id of want.records.get(k)?.get(column)?.keys() ?? []) out.add(id);
  return out;
}
