import type {
  DrillEntity,
  ReportCell,
  ReportColumn,
  ReportKind,
  ReportLabels,
  ReportRow,
  ValueKind,
} from '../../../shared/contract/reports.schema';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';

// What every report is made of. A report is a generator over the store that yields every few
// hundred records (so the core keeps answering other windows while an L-sized report computes,
// see app/sliced.ts) and returns its rows AND, for every drillable figure, the records it summed —
// the drill-down lists exactly those, so a figure and its records can never disagree.

/** What a report is computed for: resolved from the filters and the caller's scope. */
export interface ReportScopeResolved {
  /** The reps whose records count, sorted by name. */
  reps: UserRecord[];
  /** Data quality: also the clients without a rep (the operator's and admin's office-wide view). */
  unowned: boolean;
  from: string;
  to: string;
  /** Every month from `from` to `to`. */
  months: string[];
  today: string;
  timeZone: string;
  currency: string;
}

export interface ComputeEnv {
  store: Store;
  scope: ReportScopeResolved;
  /** Records looked at so far of about `total` (the progress bar). */
  progress: (done: number, total: number) => void;
}

/** The records behind one figure and what each adds to it (money columns: its amount). */
export interface CellRecords {
  ids: string[];
  amounts: number[] | null;
}

export interface Computed {
  columns: ReportColumn[];
  rows: ReportRow[];
  totals: Record<string, ReportCell>;
  notes: string[];
  /** rowKey → column → the records behind that cell. */
  records: Map<string, Map<string, CellRecords>>;
}

export interface ReportDef {
  kind: ReportKind;
  /** The collections the report reads: any change to one of them makes a cached result stale. */
  reads: readonly string[];
  /** Work before the slices (the data-quality report waits for the duplicate scan). */
  prepare?(env: ComputeEnv): Promise<unknown>;
  compute(env: ComputeEnv, prepared: unknown): Generator<void, Computed>;
}

export function column(
  key: string,
  kind: ValueKind,
  drill: DrillEntity | null = null,
  extra: { labels?: ReportLabels | null; owner?: ReportColumn['owner'] } = {},
): ReportColumn {
  return { key, kind, drill, labels: extra.labels ?? null, owner: extra.owner ?? null };
}

export function row(
  key: string,
  label: string,
  cells: Record<string, ReportCell>,
  extra: Partial<Omit<ReportRow, 'key' | 'label' | 'cells'>> = {},
): ReportRow {
  return {
    key,
    group: extra.group ?? null,
    label,
    labelKey: extra.labelKey ?? null,
    labels: extra.labels ?? null,
    repId: extra.repId ?? null,
    link: extra.link ?? null,
    cells,
  };
}

/** Collects the records behind each (row, column) while a report counts them. */
export class RecordSink {
  readonly map = new Map<string, Map<string, CellRecords>>();

  add(rowKey: string, col: string, id: string, amount?: number): void {
    const cell = this.cell(rowKey, col, amount !== undefined);
    cell.ids.push(id);
    if (cell.amounts) cell.amounts.push(amount ?? 0);
  }

  /**
   * The cell itself, for a loop that adds many records to few cells (a rep's calls of a month):
   * looked up once rather than per record. `money`: it keeps each record's amount too.
   */
  cell(rowKey: string, col: string, money = false): CellRecords {
    let byCol = this.map.get(rowKey);
    if (!byCol) this.map.set(rowKey, (byCol = new Map<string, CellRecords>()));
    let cell = byCol.get(col);
    if (!cell) byCol.set(col, (cell = { ids: [], amounts: money ? [] : null }));
    return cell;
  }
}

/** a / b as a percentage with one decimal; null when b is 0 (no target, no budget). */
export function pct(a: number, b: number): number | null {
  return b > 0 ? Math.round((a * 1000) / b) / 10 : null;
}

/** a / b with two decimals; null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b !== 0 ? Math.round((a * 100) / b) / 100 : null;
}

/** Sums the numeric cells of `keys` over the rows (a totals row; ratios are filled by the caller). */
export function sumColumns(rows: ReportRow[], keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = 0;
  for (const r of rows)
    for (const k of keys) {
      const v = r.cells[k];
      if (typeof v === 'number') out[k]! += v;
    }
  return out;
}

/** Every month from `from` to `to` ('2026-11', '2027-01' → 3 months). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > to) break;
    out.push(s);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The last day of a month ('2026-02' → '2026-02-28'). */
export function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

/** Yields to the slicer every `every` steps: `if (tick()) yield;`. */
export function ticker(every = 500): () => boolean {
  let n = 0;
  return () => ++n % every === 0;
}
