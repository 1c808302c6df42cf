import type { EventPayload } from '../../../../shared/contract/events';
import type {
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  ImportUpload,
} from '../../../../shared/contract/imports.schema';
import { fold } from '../../../../shared/domain/text';

// The store logic every "mapped file import" shares (clients, orders): a file read once in the
// renderer and uploaded to the core, which parses it and keeps it for the session; options re-upload
// the same bytes; a column mapping edited here, with saved presets; a dry run and a commit that
// report progress; a history whose imports can be reverted. Each import's store composes these
// pieces with its own commands and types and keeps what differs (what a dry run is sent, when a
// commit may go). Each piece gets the store's `set` and `get` narrowed to the fields it touches;
// it writes with plain patches (no updater functions) so a store with more fields can hand its own
// `set` straight in.

export type Encoding = (typeof IMPORT_ENCODINGS)[number];
export type Delimiter = (typeof IMPORT_DELIMITERS)[number];

export interface ParseOptions {
  encoding: Encoding;
  delimiter: Delimiter;
  headerRow: boolean;
  /** XLSX: the worksheet; null = the first one. */
  sheet: string | null;
}

export const DEFAULT_OPTIONS: ParseOptions = {
  encoding: 'auto',
  delimiter: 'auto',
  headerRow: true,
  sheet: null,
};

export type Status = 'idle' | 'busy' | 'ready' | 'failed';

export interface Progress {
  kind: 'dryRun' | 'commit';
  jobId: string;
  done: number;
  total: number;
}

/** An upload as the core describes it; only the suggested mapping's targets differ per import. */
export type UploadLike<T extends string> = Omit<ImportUpload, 'suggested'> & { suggested: (T | null)[] };

export interface PresetLike<T extends string> {
  id: string;
  name: string;
  columns: { header: string; index: number; target: T }[];
}

type Setter<W> = (patch: Partial<W>) => void;

function foldHeader(h: string): string {
  return fold(h).trim().replace(/\s+/g, ' ');
}

/**
 * A preset laid over a file's columns: by the column's (folded) name first, then, for the preset's
 * columns whose name is not in the file (or a file without a header row), by position. A column and
 * a target are each used once. It knows nothing of what the targets mean, hence generic.
 */
export function mappingFromPreset<T extends string>(
  preset: PresetLike<T>,
  headers: readonly string[],
): (T | null)[] {
  const mapping: (T | null)[] = headers.map(() => null);
  const used = new Set<T>();
  const folded = headers.map(foldHeader);
  const left: PresetLike<T>['columns'] = [];
  for (const c of preset.columns) {
    const name = foldHeader(c.header);
    const at = name ? folded.findIndex((h, i) => h === name && mapping[i] === null) : -1;
    if (at >= 0 && !used.has(c.target)) {
      mapping[at] = c.target;
      used.add(c.target);
    } else left.push(c);
  }
  for (const c of left) {
    if (used.has(c.target) || c.index >= mapping.length || mapping[c.index] !== null) continue;
    mapping[c.index] = c.target;
    used.add(c.target);
  }
  return mapping;
}

/** What a dry run was made of: the upload (new bytes or options make a new one) and the mapping. */
export function signature(uploadId: string, mapping: readonly (string | null)[]): string {
  return `${uploadId}|${mapping.map((t) => t ?? '').join(',')}`;
}

function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

/** The results a new file or a re-read makes out of date. */
const SPENT = {
  dryRun: null,
  dryRunSignature: null,
  dryRunError: null,
  result: null,
  commitError: null,
} as const;

interface UploadFields<T extends string, U extends UploadLike<T>> {
  fileName: string | null;
  options: ParseOptions;
  uploadStatus: Status;
  uploadError: unknown;
  upload: U | null;
  mapping: (T | null)[];
  presetId: string | null;
}

export interface UploadInput {
  fileName: string;
  data: string;
  options: { encoding: Encoding; delimiter: Delimiter; headerRow: boolean; sheet?: string };
}

/** The file, its parse options and the mapping of its columns. */
export function uploadActions<T extends string, U extends UploadLike<T>>(
  set: Setter<UploadFields<T, U> & { [K in keyof typeof SPENT | 'revertResult']: null }>,
  get: () => UploadFields<T, U>,
  upload: (input: UploadInput) => Promise<U>,
) {
  // The bytes stay here (not in the state: nothing renders them) for re-uploads with other options.
  let bytes: string | null = null;
  let generation = 0;

  const run = async () => {
    const fileName = get().fileName;
    if (bytes === null || fileName === null) return;
    const mine = ++generation;
    const o = get().options;
    set({ uploadStatus: 'busy', uploadError: null });
    try {
      const u = await upload({
        fileName,
        data: bytes,
        options: {
          encoding: o.encoding,
          delimiter: o.delimiter,
          headerRow: o.headerRow,
          ...(o.sheet ? { sheet: o.sheet } : {}),
        },
      });
      if (mine !== generation) return;
      const before = get().upload;
      // Other options that leave the columns as they were (an encoding fix) keep the operator's work.
      const keep = before !== null && sameHeaders(before.headers, u.headers);
      set({
        uploadStatus: 'ready',
        upload: u,
        mapping: keep ? get().mapping : u.suggested.slice(0, u.headers.length),
        presetId: keep ? get().presetId : null,
        ...SPENT,
      });
    } catch (error) {
      if (mine !== generation) return;
      set({ uploadStatus: 'failed', uploadError: error });
    }
  };

  return {
    /** A new file (its bytes as base64): uploaded with the default options. */
    async chooseFile(fileName: string, data: string) {
      bytes = data;
      set({
        fileName,
        options: DEFAULT_OPTIONS,
        upload: null,
        mapping: [],
        presetId: null,
        ...SPENT,
        revertResult: null,
      });
      await run();
    },
    /** Re-reads the same file with other options. */
    async setOptions(options: Partial<ParseOptions>) {
      set({ options: { ...get().options, ...options } });
      await run();
    },
    /** Maps a column; a target already mapped on another column is taken off it. */
    setTarget(column: number, target: T | null) {
      const mapping = get().mapping.map((t, i) => {
        if (i === column) return target;
        return target !== null && t === target ? null : t;
      });
      set({ mapping, presetId: null });
    },
  };
}

interface PresetFields<T extends string, P extends PresetLike<T>> {
  upload: UploadLike<T> | null;
  mapping: (T | null)[];
  presets: P[];
  presetsError: unknown;
  presetActionError: unknown;
  presetId: string | null;
}

export interface PresetCalls<T extends string, P extends PresetLike<T>> {
  list: () => Promise<P[]>;
  save: (input: { name: string; columns: PresetLike<T>['columns'] }) => Promise<P>;
  remove: (id: string) => Promise<unknown>;
}

/** Saved mappings: listed, applied to the current file, saved from it, deleted. */
export function presetActions<T extends string, P extends PresetLike<T>>(
  set: Setter<Omit<PresetFields<T, P>, 'upload'>>,
  get: () => PresetFields<T, P>,
  calls: PresetCalls<T, P>,
) {
  return {
    async loadPresets() {
      try {
        set({ presets: await calls.list(), presetsError: null });
      } catch (error) {
        set({ presetsError: error });
      }
    },
    applyPreset(id: string | null) {
      const { upload, presets } = get();
      const preset = presets.find((p) => p.id === id);
      if (!upload || !preset) {
        set({ presetId: null });
        return;
      }
      set({ mapping: mappingFromPreset(preset, upload.headers), presetId: preset.id });
    },
    /** Saves the current mapping under a name; false if the core refused (presetActionError says why). */
    async savePreset(name: string): Promise<boolean> {
      const { upload, mapping } = get();
      if (!upload) return false;
      set({ presetActionError: null });
      const columns = mapping.flatMap((target, index) =>
        target ? [{ header: (upload.headers[index] ?? '').slice(0, 200), index, target }] : [],
      );
      try {
        const preset = await calls.save({ name, columns });
        set({
          presets: [...get().presets.filter((p) => p.id !== preset.id), preset].sort((a, b) =>
            a.name.localeCompare(b.name),
          ),
          presetId: preset.id,
          presetActionError: null,
        });
        return true;
      } catch (error) {
        set({ presetActionError: error });
        return false;
      }
    },
    async deletePreset(id: string): Promise<boolean> {
      try {
        await calls.remove(id);
        const s = get();
        set({
          presets: s.presets.filter((p) => p.id !== id),
          presetId: s.presetId === id ? null : s.presetId,
          presetActionError: null,
        });
        return true;
      } catch (error) {
        set({ presetActionError: error });
        return false;
      }
    },
  };
}

interface HistoryFields<H extends { id: string }, R extends { import: H }> {
  historyStatus: Status;
  history: H[];
  historyError: unknown;
  /** The import being reverted (its id). */
  reverting: string | null;
  revertResult: R | null;
  revertError: unknown;
}

/** The imports so far and their revert. */
export function historyActions<H extends { id: string }, R extends { import: H }>(
  set: Setter<HistoryFields<H, R>>,
  get: () => HistoryFields<H, R>,
  calls: { list: () => Promise<H[]>; revert: (id: string) => Promise<R> },
) {
  let generation = 0;
  const loadHistory = async () => {
    const mine = ++generation;
    if (get().historyStatus !== 'ready') set({ historyStatus: 'busy' });
    try {
      const history = await calls.list();
      if (mine === generation) set({ historyStatus: 'ready', history, historyError: null });
    } catch (error) {
      if (mine === generation) set({ historyStatus: 'failed', historyError: error });
    }
  };
  return {
    loadHistory,
    async revert(id: string): Promise<boolean> {
      if (get().reverting) return false;
      set({ reverting: id, revertError: null, revertResult: null });
      try {
        const revertResult = await calls.revert(id);
        set({
          reverting: null,
          revertResult,
          history: get().history.map((h) => (h.id === id ? revertResult.import : h)),
        });
        void loadHistory();
        return true;
      } catch (error) {
        set({ reverting: null, revertError: error });
        return false;
      }
    },
  };
}

interface RunFields<T extends string, D, C> {
  upload: UploadLike<T> | null;
  mapping: (T | null)[];
  /** The dry run or commit under way, with the core's last progress event. */
  progress: Progress | null;
  dryRun: D | null;
  /** What the dry run shown was made of; the commit needs it to match the current upload+mapping. */
  dryRunSignature: string | null;
  dryRunError: unknown;
  result: C | null;
  commitError: unknown;
}

export interface RunInput<T extends string> {
  uploadId: string;
  mapping: (T | null)[];
  jobId: string;
}

/** The dry run and the commit, each a job whose progress the core reports by its id. */
export function runActions<T extends string, D, C>(
  set: Setter<RunFields<T, D, C> & { revertResult: null; revertError: null }>,
  get: () => RunFields<T, D, C>,
  calls: {
    newJobId: () => string;
    dryRun: (input: RunInput<T>) => Promise<D>;
    commit: (input: RunInput<T>) => Promise<C>;
    /** Whether the commit may go (each import has its own rule on top of a current dry run). */
    canCommit: () => boolean;
    afterCommit: () => void;
  },
) {
  return {
    async dryRunNow(): Promise<boolean> {
      const { upload, mapping, progress } = get();
      if (!upload || progress) return false;
      const jobId = calls.newJobId();
      const sig = signature(upload.uploadId, mapping);
      set({
        progress: { kind: 'dryRun', jobId, done: 0, total: upload.rowCount },
        dryRunError: null,
        result: null,
        commitError: null,
      });
      try {
        const summary = await calls.dryRun({ uploadId: upload.uploadId, mapping, jobId });
        // A new file chosen meanwhile: this answer is about the old one.
        if (get().upload?.uploadId !== upload.uploadId) {
          set({ progress: null });
          return false;
        }
        set({ progress: null, dryRun: summary, dryRunSignature: sig });
        return true;
      } catch (error) {
        set({ progress: null, dryRunError: error });
        return false;
      }
    },
    async commit(): Promise<boolean> {
      const { upload, mapping } = get();
      if (!calls.canCommit() || !upload) return false;
      const jobId = calls.newJobId();
      set({
        progress: { kind: 'commit', jobId, done: 0, total: upload.rowCount },
        commitError: null,
        revertResult: null,
        revertError: null,
      });
      try {
        const result = await calls.commit({ uploadId: upload.uploadId, mapping, jobId });
        // Committed: the dry run is spent, so the same rows cannot be sent twice by a double press.
        set({ progress: null, result, dryRun: null, dryRunSignature: null });
        calls.afterCommit();
        return true;
      } catch (error) {
        set({ progress: null, commitError: error });
        return false;
      }
    },
    /** The core's `job:progress` event: counted only for the run under way. */
    onProgress({ jobId, done, total }: EventPayload<'job:progress'>) {
      const p = get().progress;
      if (!p || p.jobId !== jobId) return;
      set({ progress: { ...p, done, total } });
    },
  };
}

/**
 * The state of a mapped import's store: the fields and actions of the pieces above, typed with the
 * import's own upload (U, of targets T), presets (P), dry run summary (D), commit result (C), history
 * records (H) and revert result (R).
 */
export interface MappedImportState<
  T extends string,
  U extends UploadLike<T>,
  P extends PresetLike<T>,
  D,
  C,
  H extends { id: string },
  R extends { import: H },
>
  extends
    UploadFields<T, U>,
    Omit<PresetFields<T, P>, 'upload'>,
    Omit<RunFields<T, D, C>, 'upload'>,
    HistoryFields<H, R> {
  upload: U | null;
  /** Why the presets could not be loaded. */
  presetsError: unknown;
  /** Why the last save or delete of a preset was refused. */
  presetActionError: unknown;
  /** The preset last applied (the select's value); null when the mapping is the operator's own. */
  presetId: string | null;

  /** A new file (its bytes as base64): uploaded with the default options. */
  chooseFile: (fileName: string, data: string) => Promise<void>;
  /** Re-reads the same file with other options. */
  setOptions: (options: Partial<ParseOptions>) => Promise<void>;
  /** Maps a column; a target already mapped on another column is taken off it. */
  setTarget: (column: number, target: T | null) => void;
  loadPresets: () => Promise<void>;
  applyPreset: (id: string | null) => void;
  /** Saves the current mapping under a name; false if the core refused (presetActionError says why). */
  savePreset: (name: string) => Promise<boolean>;
  deletePreset: (id: string) => Promise<boolean>;
  dryRunNow: () => Promise<boolean>;
  commit: () => Promise<boolean>;
  loadHistory: () => Promise<void>;
  revert: (id: string) => Promise<boolean>;
  /** The core's `job:progress` event: counted only for the run under way. */
  onProgress: (event: EventPayload<'job:progress'>) => void;
  /** Subscribes to progress events; returns the unsubscribe. */
  connect: () => () => void;
}

/** A mapped import's store before any file: spread into each import's initial state. */
export const INITIAL_MAPPED_IMPORT = {
  fileName: null,
  options: DEFAULT_OPTIONS,
  uploadStatus: 'idle',
  uploadError: null,
  upload: null,
  mapping: [],
  presets: [],
  presetsError: null,
  presetActionError: null,
  presetId: null,
  progress: null,
  ...SPENT,
  historyStatus: 'idle',
  history: [],
  historyError: null,
  reverting: null,
  revertResult: null,
  revertError: null,
} as const;

/** The first few non-empty values of a column in the sample rows: what the mapping shows of it. */
export function columnSamples(rows: readonly (readonly string[])[], column: number, max = 3): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const v = row[column]?.trim();
    if (v) out.push(v);
    if (out.length === max) break;
  }
  return out;
}
