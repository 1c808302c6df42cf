import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';

// What the local-actions benchmark (actions-child.ts) measures at scale, issue 7's targets: a
// registration (reservation + verification tasks on the client's 50 planned visits) through a real
// core, beside the same command without visits and a draft, with the budget figures summed from the
// rep's index or from every action; the manager's queue, budget figures for a team and a rep, a
// rep's list and the home alerts. The child prints one RESULT line with an ActionsResult.

/** One kind of `actions:create`, repeated: the whole command and its one transaction split. */
export interface CreateRun {
  /** core.dispatch from call to answer (validation, transaction, the detail read back). */
  total: Stat;
  /** The transaction's synchronous part: draft insert, decide, reservation, task sync, in memory. */
  inMemory: Stat;
  /** Journal append + fsync of that transaction. */
  commit: Stat;
  /** Everything else: input parsing, rights, client lookup, the detail built for the answer. */
  rest: Stat;
  /** Journal records per transaction (median). */
  records: number;
  /** Planned visits of the client inside the period, per registration (min–max). */
  visits: { min: number; max: number };
  /** Verification tasks found on those visits afterwards (min–max per action; should equal visits). */
  tasks: { min: number; max: number };
}

export interface RegistrationResult {
  repCode: string;
  period: { from: string; to: string };
  budgetMonth: string;
  agreedAmount: number;
  /** How many actions the rep had when the run began, and in the month's budget. */
  repActions: number;
  officeActions: number;
  /** visits:plan for the extra visits the clients needed (setup, not the target). */
  visitPlan: Stat;
  with50: CreateRun;
  noVisits: CreateRun;
  draft: CreateRun;
  /** Direct: the pure decide() for a registration, figures given. */
  decide: Stat;
  /** Direct: the month's figures from the rep's index (figuresOf, what the core does). */
  figuresIndexed: Stat;
  /** Direct: the same figures summed over every action of the office (no index). */
  figuresScan: Stat;
  /** Whether the indexed and the scanned figures agreed. */
  figuresSame: boolean;
}

export interface ReadRun {
  what: string;
  who: string;
  rows: number;
  stat: Stat;
  /** The target for it, ms (null: for information). */
  targetMs: number | null;
}

export interface ActionsResult {
  scale: DatasetScale;
  today: string;
  records: number;
  loadMs: number;
  coreOpenMs: number;
  counts: {
    actions: number;
    budgets: number;
    reps: number;
    visits: number;
    byState: Record<string, number>;
  };
  registration: RegistrationResult;
  reads: ReadRun[];
  loadAverage: number[];
  peakRssMb: number;
  wallMs: number;
}
