import type { LocalAction } from '../../../shared/contract/actions.schema';
import type { Client } from '../../../shared/contract/clients.schema';
import type { OrderLine } from '../../../shared/contract/orders.schema';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import type { Computed, ReportDef } from './report-kit';
import { column, lastDayOf, pct, ratio, RecordSink, row, sumColumns, ticker } from './report-kit';

// Action effectiveness (PRODUCT.md §6.3): the client's net sales during the action against an
// equal period just before it, from the imported orders — only the promoted products where the
// action names them. Uplift = during − before; per unit of cost = uplift ÷ cost, where the cost is
// the final amount (settled) or else the approved one; an action that cost nothing shows the
// uplift alone. Only actions whose period is over count (the orders of its last day are in), in
// the month their period ended.

type ActionRec = LocalAction & { archived?: boolean };
type LineRec = OrderLine & { archived?: boolean };

/** Actions that ran: registered once, not cancelled before they started, and not a draft. */
const RAN = new Set([
  'active',
  'closed_unsettled',
  'recommended',
  'returned',
  'approved',
  'rejected',
  'settled',
]);

/** What the action cost the budget in the end (null: nothing yet, or nothing at all). */
export function costOf(a: Pick<LocalAction, 'state' | 'approvedAmount' | 'finalAmount'>): number | null {
  if (a.state === 'settled') return a.finalAmount;
  if (a.state === 'approved') return a.approvedAmount;
  return null;
}

const MONEY = ['before', 'during', 'uplift'] as const;

export const effectivenessReport: ReportDef = {
  kind: 'effectiveness',
  reads: ['localActions', 'orderLines', 'clients'],
  *compute({ store, scope, progress }): Generator<void, Computed> {
    const sink = new RecordSink();
    const rows = [];
    const first = `${scope.from}-01`;
    const last = lastDayOf(scope.to);
    const tick = ticker(200);
    let done = 0;
    let costSum = 0;
    let upliftWithCost = 0;
    for (const rep of scope.reps) {
      for (const a of store.byIndexShared<ActionRec>('localActions', 'repId', rep.id)) {
        if (tick()) yield;
        if (a.archived || !RAN.has(a.state) || !a.startDate || !a.endDate) continue;
        // Over means over: the end day's orders are complete the day after it.
        if (a.endDate >= scope.today || a.endDate < first || a.endDate > last) continue;
        const days = daysBetween(a.startDate, a.endDate) + 1;
        const beforeFrom = addDays(a.startDate, -days);
        const products = a.productIds.length ? new Set(a.productIds) : null;
        let before = 0;
        let during = 0;
        for (const l of store.byIndexShared<LineRec>('orderLines', 'clientId', a.clientId)) {
          if (l.archived || (products && !products.has(l.productId))) continue;
          if (l.date >= a.startDate && l.date <= a.endDate) {
            during += l.netValue;
            sink.add(a.id, 'during', l.id, l.netValue);
          } else if (l.date >= beforeFrom && l.date < a.startDate) {
            before += l.netValue;
            sink.add(a.id, 'before', l.id, l.netValue);
          }
        }
        const cost = costOf(a);
        const uplift = during - before;
        if (cost) {
          costSum += cost;
          upliftWithCost += uplift;
        }
        const client = store.get<Client>('clients', a.clientId);
        rows.push(
          row(
            a.id,
            a.number,
            {
              title: a.title,
              client: client?.name ?? '',
              rep: rep.displayName,
              start: a.startDate,
              end: a.endDate,
              days,
              before,
              during,
              uplift,
              upliftPct: before > 0 ? pct(uplift, before) : null,
              cost,
              upliftPerCost: cost ? ratio(uplift, cost) : null,
            },
            { repId: rep.id, link: { entity: 'action', id: a.id } },
          ),
        );
      }
      progress(++done, scope.reps.length);
    }
    // The newest ends first, then by number: the order a manager reads last month's actions in.
    rows.sort((x, y) =>
      x.cells.end !== y.cells.end
        ? (x.cells.end as string) < (y.cells.end as string)
          ? 1
          : -1
        : x.label < y.label
          ? -1
          : 1,
    );
    const sums = sumColumns(rows, MONEY);
    return {
      columns: [
        column('title', 'text'),
        column('client', 'text'),
        column('rep', 'text'),
        column('start', 'date'),
        column('end', 'date'),
        column('days', 'int'),
        column('before', 'money', 'orderLine'),
        column('during', 'money', 'orderLine'),
        column('uplift', 'money'),
        column('upliftPct', 'percent'),
        column('cost', 'money'),
        column('upliftPerCost', 'decimal'),
      ],
      rows,
      totals: {
        title: null,
        client: null,
        rep: null,
        start: null,
        end: null,
        days: null,
        ...sums,
        upliftPct: sums.before! > 0 ? pct(sums.uplift!, sums.before!) : null,
        cost: costSum,
        // Per unit of cost only over the actions that cost something: the free ones have no ratio.
        upliftPerCost: costSum ? ratio(upliftWithCost, costSum) : null,
      },
      notes: ['effectiveness_products', 'effectiveness_period'],
      records: sink.map,
    };
  },
};
