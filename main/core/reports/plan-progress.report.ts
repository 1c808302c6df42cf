import type { Deal } from '../../../shared/contract/plans.schema';
import { monthOf } from '../../../shared/domain/dates';
import type { CallRec } from '../calls/calls.service';
import { monthInstants, NO_TARGETS, planRecord } from '../plans/plans.service';
import type { VisitRec } from '../visits/task-sync.service';
import type { Computed, ReportDef } from './report-kit';
import { column, lastDayOf, pct, RecordSink, row, sumColumns, ticker } from './report-kit';

// Plan progress (PRODUCT.md §6.6): each rep's monthly targets against what the records hold — the
// same counting as the live counters (contacts = calls + visits done, meetings = visits done,
// deals won), month by month in the office's time zone, with the records behind every actual.

type DealRec = Deal & { archived?: boolean };

const COUNTS = [
  'contactsTarget',
  'contacts',
  'meetingsTarget',
  'meetings',
  'dealsTarget',
  'deals',
  'wonValue',
] as const;

export const planProgressReport: ReportDef = {
  kind: 'planProgress',
  reads: ['salesPlans', 'calls', 'visits', 'deals'],
  *compute({ store, scope, progress }): Generator<void, Computed> {
    const sink = new RecordSink();
    const bounds = scope.months.map((m) => ({ m, ...monthInstants(m, scope.timeZone) }));
    const monthAt = (ms: number): string | null => bounds.find((b) => ms >= b.from && ms < b.to)?.m ?? null;
    // The period's edges, tested first: most of a rep's year of records lies outside a few months.
    const lo = bounds[0]!.from;
    const hi = bounds[bounds.length - 1]!.to;
    const first = `${scope.from}-01`;
    const last = lastDayOf(scope.to);
    const rows = [];
    const tick = ticker();
    let done = 0;
    for (const rep of scope.reps) {
      const key = (m: string) => `${rep.id}|${m}`;
      // The records of each month's cells, looked up once: a rep has thousands of calls a year.
      const cells = new Map(
        scope.months.map((m) => [
          m,
          {
            contacts: sink.cell(key(m), 'contacts'),
            meetings: sink.cell(key(m), 'meetings'),
            deals: sink.cell(key(m), 'deals'),
            wonValue: sink.cell(key(m), 'wonValue', true),
          },
        ]),
      );
      for (const c of store.byIndexShared<CallRec>('calls', 'userId', rep.id)) {
        if (tick()) yield;
        if (c.archived) continue;
        const at = Date.parse(c.startedAt);
        if (at < lo || at >= hi) continue;
        const m = monthAt(at);
        if (m) cells.get(m)!.contacts.ids.push(c.id);
      }
      for (const v of store.byIndexShared<VisitRec>('visits', 'repId', rep.id)) {
        if (tick()) yield;
        if (v.archived || v.status !== 'done' || v.date < first || v.date > last) continue;
        const cell = cells.get(monthOf(v.date));
        if (!cell) continue;
        cell.meetings.ids.push(v.id);
        cell.contacts.ids.push(v.id);
      }
      for (const d of store.byIndexShared<DealRec>('deals', 'repId', rep.id)) {
        if (d.archived || d.outcome !== 'won') continue;
        const cell = cells.get(monthOf(d.closedAt));
        if (!cell) continue;
        cell.deals.ids.push(d.id);
        cell.wonValue.ids.push(d.id);
        cell.wonValue.amounts!.push(d.value);
      }
      for (const m of scope.months) {
        const plan = planRecord(store, rep.id, m);
        const c = cells.get(m)!;
        const a = {
          contacts: c.contacts.ids.length,
          meetings: c.meetings.ids.length,
          deals: c.deals.ids.length,
          wonValue: c.wonValue.amounts!.reduce((n, x) => n + x, 0),
        };
        // A month with no plan and nothing done is no row: the rep had not started, or had left.
        if (!plan && !a.contacts && !a.deals) continue;
        const t = plan?.targets ?? NO_TARGETS;
        rows.push(
          row(
            key(m),
            rep.displayName,
            {
              month: m,
              contactsTarget: t.contacts,
              contacts: a.contacts,
              contactsPct: pct(a.contacts, t.contacts),
              meetingsTarget: t.meetings,
              meetings: a.meetings,
              meetingsPct: pct(a.meetings, t.meetings),
              dealsTarget: t.deals,
              deals: a.deals,
              dealsPct: pct(a.deals, t.deals),
              wonValue: a.wonValue,
            },
            { repId: rep.id },
          ),
        );
      }
      progress(++done, scope.reps.length);
    }
    const s = sumColumns(rows, COUNTS);
    return {
      columns: [
        column('month', 'month'),
        column('contactsTarget', 'int'),
        column('contacts', 'int', 'call'),
        column('contactsPct', 'percent'),
        column('meetingsTarget', 'int'),
        column('meetings', 'int', 'visit'),
        column('meetingsPct', 'percent'),
        column('dealsTarget', 'int'),
        column('deals', 'int', 'deal'),
        column('dealsPct', 'percent'),
        column('wonValue', 'money', 'deal'),
      ],
      rows,
      totals: {
        month: null,
        ...s,
        contactsPct: pct(s.contacts!, s.contactsTarget!),
        meetingsPct: pct(s.meetings!, s.meetingsTarget!),
        dealsPct: pct(s.deals!, s.dealsTarget!),
      },
      notes: ['plan_contacts'],
      records: sink.map,
    };
  },
};
