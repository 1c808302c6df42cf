import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';
import type { PingStats } from './dedupe-bench.types';

// What the visits benchmark (visits-child.ts) measures at scale, issue 6's three targets: task
// generation for one calendar month of the office's visits (the pure shared/domain function, then
// the core's re-sync path writing them), a rep's month agenda through a real core (beside the same
// rows found by the date index or a full scan), and a headerless telephony file imported through
// the core, then imported again. The child prints one RESULT line with a VisitsResult.

export interface CatalogSetup {
  segments: number;
  standards: Array<{ name: string; segments: number; steps: number; mandatory: number; validFrom: string }>;
  promotions: Array<{ name: string; validFrom: string; validTo: string; segments: number; products: number }>;
  /** Each admin command (visitStandards:save, promotions:create) through the core. */
  saveMs: Stat;
}

export interface GenerationResult {
  /** The calendar month, 'YYYY-MM'. */
  month: string;
  visits: number;
  /** Stored status → visits of the month. */
  byStatus: Record<string, number>;
  /** Distinct (date, segment) pairs: all the generation's output depends on. */
  distinctInputs: number;
  tasks: number;
  tasksPerVisit: { min: number; mean: number; max: number };
  /** Tasks per source over the month. */
  bySource: Record<string, number>;
  pure: {
    /** wantedTasks + reconcileTasks against no tasks, every visit of the month, per run (ms). */
    fresh: number[];
    /** The same against the tasks the fresh run made: nothing to change (idempotence). */
    again: number[];
    /** Changes the second pass asked for (0 is right). */
    againChanges: number;
    /** wantedTasks alone. */
    wantedOnly: number[];
    /** Alternative: wantedTasks once per distinct (date, segment), reconcile per visit. */
    memo: number[];
  };
  core:
    | {
        /** syncVisitTasks for every visit of the month in one transaction (every task inserted). */
        first: CoreWrite;
        /** A new version of a standard saved (visitStandards:save through the core). */
        standardSaveMs: number;
        /** Then syncVisitTasks for every visit of the month again: only what changed is written. */
        resyncAll: CoreWrite;
        /** A promotion edited (promotions:update), then the lazy path the app runs: syncPlannedTasks. */
        promotionUpdateMs: number;
        lazy: { ms: number; synced: number; records: number; eligible: number };
        /** syncPlannedTasks again with nothing changed: the check every agenda call pays. */
        noopMs: number;
        /** The checkpoint the first write triggers (awaited before anything else is timed). */
        checkpointMs: number;
      }
    | { error: string };
}

export interface CoreWrite {
  /** From transact() to the commit being durable. */
  ms: number;
  /** The synchronous part: generating and writing into memory (the core answers nothing meanwhile). */
  inMemoryMs: number;
  /** Journal append + fsync. */
  commitMs: number;
  visits: number;
  /** Journal records: task inserts and patches, visit patches (the sync key). */
  records: number;
  tasksAfter: number;
}

export interface AgendaResult {
  reps: number;
  months: string[];
  rows: { mean: number; max: number; min: number };
  /** The first call per rep and month: it regenerates the tasks of planned visits that need it. */
  first: Stat;
  /** Tasks written by those first calls (the lazy re-sync), and the calls that wrote any. */
  firstSync: { tasksWritten: number; callsThatSynced: number };
  /** visits:agenda through core.dispatch, signed in as the rep, repeated. */
  repeat: Stat;
  /** The same rows found directly, three ways (each: select, toRow, sort). */
  direct: { repIndex: Stat; dateIndex: Stat; fullScan: Stat };
  /** Selection alone (no rows built), per way. */
  select: { repIndex: Stat; dateIndex: Stat; fullScan: Stat };
  /** Whether every direct way found the rows the core returned. */
  sameRows: boolean;
  /** A manager's team for the current month (no repId: his whole team). */
  manager: { reps: number; rows: number; stat: Stat };
  /** The admin's office view of the current month (every rep: the date index). */
  office: { rows: number; stat: Stat };
}

export interface ImportRun {
  ms: number;
  rows: number;
  added: number;
  skipped: number;
  matched: number;
  toTriage: number;
  errors: number;
  ping: PingStats;
}

export interface CallsResult {
  rows: number;
  bytes: number;
  /** The file's columns by position, as described in the report. */
  columns: string[];
  mapping: Record<string, string>;
  /** What calls:preview guessed from the values (no header row). */
  suggested: Record<string, string>;
  suggestedAgrees: string[];
  suggestedDiffers: string[];
  previewMs: number;
  planned: {
    contactNumbers: number;
    clientNumbers: number;
    sharedNumbers: number;
    unknown: number;
    bad: number;
    formats: Record<string, number>;
  };
  /** readCallFile directly: decoding and parsing the CSV alone. */
  parseMs: number;
  first: ImportRun;
  again: ImportRun;
  callsBefore: number;
  callsAfter: number;
  triageList: { ms: number; rows: number };
}

export interface VisitsResult {
  scale: DatasetScale;
  today: string;
  records: number;
  loadMs: number;
  coreOpenMs: number;
  counts: { visits: number; clients: number; contacts: number; calls: number; reps: number };
  catalog: CatalogSetup;
  generation: GenerationResult;
  agenda: AgendaResult;
  calls: CallsResult;
  loadAverage: number[];
  peakRssMb: number;
  wallMs: number;
}
