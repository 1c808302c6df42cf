import type { ReportColumn } from '../../../shared/contract/reports.schema';
import { callStatuses } from '../calls/calls.service';
import type { CallRec } from '../calls/calls.service';
import { monthInstants } from '../plans/plans.service';
import type { VisitRec } from '../visits/task-sync.service';
import type { Computed, ReportDef } from './report-kit';
import { column, lastDayOf, ratio, RecordSink, row, sumColumns, ticker } from './report-kit';

// Rep workload (PRODUCT.md §6.4): meetings per day and calls by status. "Per day" is per day in the
// field — a day with at least one visit done — because a rep's office days (planning, calls) would
// otherwise dilute the figure a manager compares across reps. Calls count in the office-local
// period (a call at 23:30 UTC on 31 October is November's in Warsaw), by the status from the
// office's dictionary; calls without one have their own column.

export const workloadReport: ReportDef = {
  kind: 'workload',
  reads: ['visits', 'calls', 'dictionaries'],
  *compute({ store, scope, progress }): Generator<void, Computed> {
    const sink = new RecordSink();
    // In the dictionary's order; a status switched off still names the calls that carry it.
    const statuses = [...callStatuses(store)].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
    const known = new Set(statuses.map((s) => s.id));
    const first = `${scope.from}-01`;
    const last = lastDayOf(scope.to);
    const from = monthInstants(scope.from, scope.timeZone).from;
    const to = monthInstants(scope.to, scope.timeZone).to;
    const statusCols = [...statuses.map((s) => `call_${s.id}`), 'call_none'];
    const rows = [];
    const tick = ticker();
    let done = 0;
    for (const rep of scope.reps) {
      const visits = sink.cell(rep.id, 'visitsDone');
      const days = new Set<string>();
      for (const v of store.byIndexShared<VisitRec>('visits', 'repId', rep.id)) {
        if (tick()) yield;
        if (v.archived || v.status !== 'done' || v.date < first || v.date > last) continue;
        days.add(v.date);
        visits.ids.push(v.id);
      }
      const visitsDone = visits.ids.length;
      const total = sink.cell(rep.id, 'callsTotal');
      const byCol = new Map(statusCols.map((c) => [c, sink.cell(rep.id, c)]));
      for (const c of store.byIndexShared<CallRec>('calls', 'userId', rep.id)) {
        if (tick()) yield;
        if (c.archived) continue;
        const at = Date.parse(c.startedAt);
        if (at < from || at >= to) continue;
        const col = c.statusId && known.has(c.statusId) ? `call_${c.statusId}` : 'call_none';
        byCol.get(col)!.ids.push(c.id);
        total.ids.push(c.id);
      }
      const calls = total.ids.length;
      const byStatus = Object.fromEntries(statusCols.map((c) => [c, byCol.get(c)!.ids.length]));
      rows.push(
        row(
          rep.id,
          rep.displayName,
          {
            visitsDone,
            fieldDays: days.size,
            meetingsPerDay: ratio(visitsDone, days.size),
            callsTotal: calls,
            ...byStatus,
          },
          { repId: rep.id },
        ),
      );
      progress(++done, scope.reps.length);
    }
    const sums = sumColumns(rows, ['visitsDone', 'fieldDays', 'callsTotal', ...statusCols]);
    const columns: ReportColumn[] = [
      column('visitsDone', 'int', 'visit'),
      column('fieldDays', 'int'),
      column('meetingsPerDay', 'decimal'),
      column('callsTotal', 'int', 'call'),
      ...statuses.map((s) => column(`call_${s.id}`, 'int', 'call', { labels: { ...s.labels } })),
      column('call_none', 'int', 'call'),
    ];
    return {
      columns,
      rows,
      // The team's meetings per field day: all visits over all reps' field days (not an average of averages).
      totals: { ...sums, meetingsPerDay: ratio(sums.visitsDone!, sums.fieldDays!) },
      notes: ['workload_field_days'],
      records: sink.map,
    };
  },
};
