import type { Client } from '../../../shared/contract/clients.schema';
import type { ScanPair } from '../../../shared/domain/duplicate-scan';
import { qualityOf } from '../clients/clients.service';
import { suspectedPairs } from '../clients/duplicate-scan.service';
import type { VisitRec } from '../visits/task-sync.service';
import type { CellRecords, Computed, ComputeEnv, ReportDef } from './report-kit';
import { column, lastDayOf, pct, RecordSink, row, sumColumns, ticker } from './report-kit';

// Data quality per owner (PRODUCT.md §4, §6.5): for each rep's clients — and the clients nobody
// owns — the gaps of the minimal data set, each with who closes it: no tax id, no contact person,
// contact persons without a phone or e-mail, e-mails without a consent decision (the operator's);
// suspected duplicates (the operator's, from the duplicate scan: the same rules as the Duplicates
// screen, dismissed pairs left out); meetings done without a result (the rep's, in the period).
// The flags are the client list's own (`qualityOf`), so a figure equals the list filtered by it.

type ClientRec = Client & { archived?: boolean };

const GAPS = [
  'noTaxId',
  'noContact',
  'contactNoChannel',
  'noConsent',
  'duplicates',
  'meetingsNoResult',
] as const;
const FLAG_COLUMN = {
  no_tax_id: 'noTaxId',
  no_contact: 'noContact',
  contact_no_channel: 'contactNoChannel',
  no_consent: 'noConsent',
} as const;

/** Clients in a suspected pair nobody has dismissed. */
function suspects(env: ComputeEnv, pairs: ScanPair[]): Set<string> {
  const out = new Set<string>();
  for (const p of pairs) {
    if (env.store.byIndex('duplicateDismissals', 'pairKey', `${p.a}|${p.b}`).length) continue;
    out.add(p.a);
    out.add(p.b);
  }
  return out;
}

export const dataQualityReport: ReportDef = {
  kind: 'dataQuality',
  reads: ['clients', 'contacts', 'duplicateDismissals', 'visits'],
  // The scan is the slow part (seconds at L); it is kept while clients and contacts are unchanged,
  // and its progress is the report's.
  prepare: (env) => suspectedPairs(env.store, (done, total) => env.progress(done, total * 2)),
  *compute(env, prepared): Generator<void, Computed> {
    const { store, scope } = env;
    const dup = suspects(env, prepared as ScanPair[]);
    const sink = new RecordSink();
    const first = `${scope.from}-01`;
    const last = lastDayOf(scope.to);
    const tick = ticker();
    const owners: Array<{ key: string; label: string; repId: string | null; clients: readonly ClientRec[] }> =
      scope.reps.map((r) => ({
        key: r.id,
        label: r.displayName,
        repId: r.id,
        clients: store.byIndexShared<ClientRec>('clients', 'repId', r.id),
      }));
    if (scope.unowned) {
      // Clients without a rep are in no index bucket: one pass over the base, keeping only them.
      const clients: ClientRec[] = [];
      for (const c of store.all<ClientRec>('clients')) if (!c.repId) clients.push(c);
      owners.push({ key: 'none', label: '', repId: null, clients });
    }
    const total = owners.reduce((n, o) => n + o.clients.length, 0);
    let done = 0;
    const rows = [];
    for (const o of owners) {
      // Each column's records of this owner, looked up once: an office has 50 000 clients.
      const cell: Record<string, CellRecords> = {};
      for (const col of ['clients', 'complete', ...GAPS]) cell[col] = sink.cell(o.key, col);
      for (const c of o.clients) {
        done++;
        if (tick()) {
          env.progress(total + done, total * 2);
          yield;
        }
        if (c.archived) continue;
        cell.clients!.ids.push(c.id);
        let gaps = 0;
        for (const q of qualityOf(store, c)) {
          gaps++;
          if (q.flag !== 'no_rep') cell[FLAG_COLUMN[q.flag]]!.ids.push(q.contactId ?? c.id);
        }
        if (dup.has(c.id)) {
          gaps++;
          cell.duplicates!.ids.push(c.id);
        }
        if (!gaps) cell.complete!.ids.push(c.id);
      }
      if (o.repId)
        for (const v of store.byIndexShared<VisitRec>('visits', 'repId', o.repId)) {
          if (tick()) yield;
          if (v.archived || v.status !== 'done' || v.date < first || v.date > last || v.result.trim())
            continue;
          cell.meetingsNoResult!.ids.push(v.id);
        }
      const cells: Record<string, number | null> = {};
      for (const col of ['clients', 'complete', ...GAPS]) cells[col] = cell[col]!.ids.length;
      cells.completePct = pct(cells.complete!, cells.clients!);
      rows.push(row(o.key, o.label, cells, o.repId ? { repId: o.repId } : { labelKey: 'owner.none' }));
    }
    const sums = sumColumns(rows, ['clients', 'complete', ...GAPS]);
    return {
      columns: [
        column('clients', 'int', 'client'),
        column('complete', 'int', 'client'),
        column('completePct', 'percent'),
        column('noTaxId', 'int', 'client', { owner: 'operator' }),
        column('noContact', 'int', 'client', { owner: 'operator' }),
        column('contactNoChannel', 'int', 'contact', { owner: 'operator' }),
        column('noConsent', 'int', 'contact', { owner: 'operator' }),
        column('duplicates', 'int', 'client', { owner: 'operator' }),
        column('meetingsNoResult', 'int', 'visit', { owner: 'rep' }),
      ],
      rows,
      totals: { ...sums, completePct: pct(sums.complete!, sums.clients!) },
      notes: scope.unowned ? ['duplicates_from_scan', 'owner_none'] : ['duplicates_from_scan'],
      records: sink.map,
    };
  },
};
