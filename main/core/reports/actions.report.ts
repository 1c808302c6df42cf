import type { LocalAction } from '../../../shared/contract/actions.schema';
import { ACTION_STAGES } from '../../../shared/contract/actions.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { monthOf, zonedParts } from '../../../shared/domain/dates';
import { stageOf } from '../../../shared/domain/local-actions';
import type { Computed, ReportDef } from './report-kit';
import { column, pct, RecordSink, row, ticker } from './report-kit';

// Local actions by state and outcome, with the reasons of failure (PRODUCT.md §6.2). An action
// counts in the month its budget is charged to (a draft without one: the month it was created
// in); its stage is read as people read it (a running one is "running" from its dates and today).
// Failures are the actions closed without settlement, by the reason the rep gave.

type ActionRec = LocalAction & { archived?: boolean };
type Figures = { count: number; agreed: number; spent: number };

/** What an action cost: the final amount once settled, the approved amount once approved. */
export function spentOf(a: Pick<LocalAction, 'state' | 'approvedAmount' | 'finalAmount'>): number {
  if (a.state === 'settled') return a.finalAmount ?? 0;
  if (a.state === 'approved') return a.approvedAmount ?? 0;
  return 0;
}

export const actionsReport: ReportDef = {
  kind: 'actions',
  reads: ['localActions', 'dictionaries'],
  *compute({ store, scope, progress }): Generator<void, Computed> {
    const sink = new RecordSink();
    const months = new Set(scope.months);
    const stages = new Map<string, Figures>();
    const reasons = new Map<string, Figures>();
    const tick = ticker();
    let done = 0;
    const add = (m: Map<string, Figures>, key: string, a: ActionRec) => {
      let f = m.get(key);
      if (!f) m.set(key, (f = { count: 0, agreed: 0, spent: 0 }));
      const agreed = a.agreedAmount ?? 0;
      const spent = spentOf(a);
      f.count++;
      f.agreed += agreed;
      f.spent += spent;
      sink.add(key, 'count', a.id);
      sink.add(key, 'agreed', a.id, agreed);
      // Only what was spent: an action still running has spent nothing, and is not behind the figure.
      if (a.state === 'approved' || a.state === 'settled') sink.add(key, 'spent', a.id, spent);
    };
    for (const rep of scope.reps) {
      for (const a of store.byIndexShared<ActionRec>('localActions', 'repId', rep.id)) {
        if (tick()) yield;
        if (a.archived) continue;
        const month = a.budgetMonth ?? monthOf(zonedParts(new Date(a.createdAt), scope.timeZone).date);
        if (!months.has(month)) continue;
        const stage = stageOf(a, scope.today);
        add(stages, `stage:${stage}`, a);
        // Failures: closed without settlement (by the reason the rep gave) and rejected by the manager.
        if (a.state === 'closed_unsettled') add(reasons, `reason:${a.closeReasonId ?? 'none'}`, a);
        else if (a.state === 'rejected') add(reasons, 'reason:rejected', a);
      }
      progress(++done, scope.reps.length);
    }
    const stageRows = ACTION_STAGES.filter((s) => stages.has(`stage:${s}`));
    const byStage = stages;
    const stageTotal = [...byStage.values()].reduce((n, f) => n + f.count, 0);
    const reasonTotal = [...reasons.values()].reduce((n, f) => n + f.count, 0);
    const rows = stageRows.map((s) => {
      const f = byStage.get(`stage:${s}`)!;
      return row(
        `stage:${s}`,
        s,
        { count: f.count, agreed: f.agreed, spent: f.spent, share: pct(f.count, stageTotal) },
        { group: 'stage', labelKey: `stage.${s}` },
      );
    });
    const items = new Map(
      store.byIndex<DictionaryItem>('dictionaries', 'kind', 'failureReason').map((d) => [d.id, d]),
    );
    const reasonRows = [...reasons.entries()]
      .map(([key, f]) => {
        const item = items.get(key.slice('reason:'.length));
        return row(
          key,
          item?.code ?? '',
          { count: f.count, agreed: f.agreed, spent: f.spent, share: pct(f.count, reasonTotal) },
          item
            ? { group: 'reason', labels: { ...item.labels } }
            : { group: 'reason', labelKey: key === 'reason:rejected' ? 'reason.rejected' : 'reason.none' },
        );
      })
      // The most frequent reason first: that is the one a manager acts on.
      .sort((a, b) => (b.cells.count as number) - (a.cells.count as number) || (a.key < b.key ? -1 : 1));
    const sum = (k: 'count' | 'agreed' | 'spent') => [...byStage.values()].reduce((n, f) => n + f[k], 0);
    return {
      columns: [
        column('count', 'int', 'action'),
        column('agreed', 'money', 'action'),
        column('spent', 'money', 'action'),
        column('share', 'percent'),
      ],
      rows: [...rows, ...reasonRows],
      // The totals are the stages' (every action once); the reasons are a breakdown of one stage.
      totals: {
        count: sum('count'),
        agreed: sum('agreed'),
        spent: sum('spent'),
        share: stageTotal ? 100 : null,
      },
      notes: ['actions_month'],
      records: sink.map,
    };
  },
};
