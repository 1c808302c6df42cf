import type { LocalAction } from '../../../shared/contract/actions.schema';
import { holdsOf } from '../../../shared/domain/local-actions';
import { budgetRecord } from '../actions/budgets.service';
import type { Computed, ReportDef } from './report-kit';
import { column, pct, RecordSink, row, sumColumns } from './report-kit';

// Budget use per rep and month (PRODUCT.md §6.1): the same figures as the budget screen —
// reserved, committed (a settled action's final amount included), settled and available — summed
// from the rep's actions charged to each month, never from a stored running total.

const MONEY = ['budget', 'reserved', 'committed', 'settled', 'available'] as const;

export const budgetUseReport: ReportDef = {
  kind: 'budgetUse',
  reads: ['budgets', 'localActions'],
  *compute({ store, scope, progress }): Generator<void, Computed> {
    const sink = new RecordSink();
    const rows = [];
    const months = new Set(scope.months);
    let done = 0;
    for (const rep of scope.reps) {
      const byMonth = new Map<string, { reserved: number; committed: number; settled: number }>();
      for (const m of scope.months) byMonth.set(m, { reserved: 0, committed: 0, settled: 0 });
      for (const a of store.byIndexShared<LocalAction & { archived?: boolean }>(
        'localActions',
        'repId',
        rep.id,
      )) {
        if (a.archived || !a.budgetMonth || !months.has(a.budgetMonth)) continue;
        const h = holdsOf(a);
        const f = byMonth.get(a.budgetMonth)!;
        const key = `${rep.id}|${a.budgetMonth}`;
        if (h.reserved) {
          f.reserved += h.reserved;
          sink.add(key, 'reserved', a.id, h.reserved);
        }
        if (h.committed) {
          f.committed += h.committed;
          sink.add(key, 'committed', a.id, h.committed);
        }
        if (h.settled) {
          f.settled += h.settled;
          sink.add(key, 'settled', a.id, h.settled);
        }
      }
      for (const m of scope.months) {
        const f = byMonth.get(m)!;
        const budget = budgetRecord(store, rep.id, m)?.amount ?? 0;
        // A month with neither a budget nor an action charged to it says nothing: no row.
        if (!budget && !f.reserved && !f.committed) continue;
        rows.push(
          row(
            `${rep.id}|${m}`,
            rep.displayName,
            {
              month: m,
              budget,
              ...f,
              available: budget - f.reserved - f.committed,
              usedPct: pct(f.reserved + f.committed, budget),
            },
            { repId: rep.id },
          ),
        );
      }
      progress(++done, scope.reps.length);
      yield;
    }
    const sums = sumColumns(rows, MONEY);
    return {
      columns: [
        column('month', 'month'),
        column('budget', 'money'),
        column('reserved', 'money', 'action'),
        column('committed', 'money', 'action'),
        column('settled', 'money', 'action'),
        column('available', 'money'),
        column('usedPct', 'percent'),
      ],
      rows,
      totals: { month: null, ...sums, usedPct: pct(sums.reserved! + sums.committed!, sums.budget!) },
      notes: [],
      records: sink.map,
    };
  },
};
