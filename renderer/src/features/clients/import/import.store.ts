import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  ImportCommitResult,
  ImportMapping,
  ImportPreset,
  ImportRecordOut,
  ImportRevertResult,
  ImportSummary,
  ImportTarget,
  ImportUpload,
} from '../../../../../shared/contract/imports.schema';
import type { EventPayload } from '../../../../../shared/contract/events';
import { fold } from '../../../../../shared/domain/text';
import type { RegioApi } from '../../../api/regio-api';

// The import of clients from a CSV/XLSX file: the file is read once in the renderer and uploaded to
// the core, which parses it and keeps it for the session; options (encoding, separator, header row,
// sheet) re-upload the same bytes. The mapping is edited here; a dry run of exactly this upload and
// mapping must precede the commit (the "signature" below), so nobody commits what they did not see.
// One store per screen mount.

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

export interface ImportState {
  fileName: string | null;
  options: ParseOptions;
  uploadStatus: Status;
  uploadError: unknown;
  upload: ImportUpload | null;
  mapping: ImportMapping;
  duplicates: 'skip' | 'import';

  presets: ImportPreset[];
  /** Why the presets could not be loaded. */
  presetsError: unknown;
  /** Why the last save or delete of a preset was refused. */
  presetActionError: unknown;
  /** The preset last applied (the select's value); null when the mapping is the operator's own. */
  presetId: string | null;

  /** The dry run or commit under way, with the core's last progress event. */
  progress: Progress | null;
  dryRun: ImportSummary | null;
  /** What the dry run shown was made of; the commit needs it to match the current upload+mapping. */
  dryRunSignature: string | null;
  dryRunError: unknown;
  result: ImportCommitResult | null;
  commitError: unknown;

  historyStatus: Status;
  history: ImportRecordOut[];
  historyError: unknown;
  /** The import being reverted (its id). */
  reverting: string | null;
  revertResult: ImportRevertResult | null;
  revertError: unknown;

  /** A new file (its bytes as base64): uploaded with the default options. */
  chooseFile: (fileName: string, data: string) => Promise<void>;
  /** Re-reads the same file with other options. */
  setOptions: (options: Partial<ParseOptions>) => Promise<void>;
  /** Maps a column; a target already mapped on another column is taken off it. */
  setTarget: (column: number, target: ImportTarget | null) => void;
  setDuplicates: (mode: 'skip' | 'import') => void;
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

/** What a dry run was made of: the upload (new bytes or options make a new one) and the mapping. */
export function signature(uploadId: string, mapping: ImportMapping): string {
  return `${uploadId}|${mapping.map((t) => t ?? '').join(',')}`;
}

/** Whether the commit may go: a dry run of exactly the current upload and mapping is shown. */
export function canCommit(s: ImportState): boolean {
  return (
    s.upload !== null &&
    s.dryRun !== null &&
    s.progress === null &&
    s.dryRunSignature === signature(s.upload.uploadId, s.mapping)
  );
}

/** The rows the commit will write, by the dry run: new + updated (+ suspected duplicates if chosen). */
export function rowsToImport(summary: ImportSummary, duplicates: 'skip' | 'import'): number {
  const c = summary.counts;
  return c.new + c.updated + (duplicates === 'import' ? c.duplicate : 0);
}

function foldHeader(h: string): string {
  return fold(h).trim().replace(/\s+/g, ' ');
}

/**
 * A preset laid over a file's columns: by the column's (folded) name first, then, for the preset's
 * columns whose name is not in the file (or a file without a header row), by position. A column and
 * a target are each used once.
 */
export function mappingFromPreset(preset: ImportPreset, headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = headers.map(() => null);
  const used = new Set<ImportTarget>();
  const folded = headers.map(foldHeader);
  const left: ImportPreset['columns'] = [];
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

function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

let jobSeq = 0;
function defaultJobId(): string {
  jobSeq += 1;
  return `import-${Date.now().toString(36)}-${jobSeq}`;
}

export function createImportStore(
  api: RegioApi,
  newJobId: () => string = defaultJobId,
): StoreApi<ImportState> {
  // The bytes stay here (not in the state: nothing renders them) for re-uploads with other options.
  let bytes: string | null = null;
  let uploadGeneration = 0;
  let historyGeneration = 0;

  const runUpload = async (set: StoreApi<ImportState>['setState'], get: () => ImportState) => {
    const fileName = get().fileName;
    if (bytes === null || fileName === null) return;
    const mine = ++uploadGeneration;
    const o = get().options;
    set({ uploadStatus: 'busy', uploadError: null });
    try {
      const upload = await api.call('imports:upload', {
        fileName,
        data: bytes,
        options: {
          encoding: o.encoding,
          delimiter: o.delimiter,
          headerRow: o.headerRow,
          ...(o.sheet ? { sheet: o.sheet } : {}),
        },
      });
      if (mine !== uploadGeneration) return;
      const before = get().upload;
      // Other options that leave the columns as they were (an encoding fix) keep the operator's work.
      const keep = before !== null && sameHeaders(before.headers, upload.headers);
      set({
        uploadStatus: 'ready',
        upload,
        mapping: keep ? get().mapping : upload.suggested.slice(0, upload.headers.length),
        presetId: keep ? get().presetId : null,
        dryRun: null,
        dryRunSignature: null,
        dryRunError: null,
        result: null,
        commitError: null,
      });
    } catch (error) {
      if (mine !== uploadGeneration) return;
      set({ uploadStatus: 'failed', uploadError: error });
    }
  };

  return createStore<ImportState>()((set, get) => ({
    fileName: null,
    options: DEFAULT_OPTIONS,
    uploadStatus: 'idle',
    uploadError: null,
    upload: null,
    mapping: [],
    duplicates: 'skip',
    presets: [],
    presetsError: null,
    presetActionError: null,
    presetId: null,
    progress: null,
    dryRun: null,
    dryRunSignature: null,
    dryRunError: null,
    result: null,
    commitError: null,
    historyStatus: 'idle',
    history: [],
    historyError: null,
    reverting: null,
    revertResult: null,
    revertError: null,

    async chooseFile(fileName, data) {
      bytes = data;
      set({
        fileName,
        options: DEFAULT_OPTIONS,
        upload: null,
        mapping: [],
        presetId: null,
        dryRun: null,
        dryRunSignature: null,
        dryRunError: null,
        result: null,
        commitError: null,
        revertResult: null,
      });
      await runUpload(set, get);
    },

    async setOptions(options) {
      set((s) => ({ options: { ...s.options, ...options } }));
      await runUpload(set, get);
    },

    setTarget(column, target) {
      const mapping = get().mapping.map((t, i) => {
        if (i === column) return target;
        return target !== null && t === target ? null : t;
      });
      set({ mapping, presetId: null });
    },

    setDuplicates(mode) {
      set({ duplicates: mode });
    },

    async loadPresets() {
      try {
        set({ presets: await api.call('importPresets:list', {}), presetsError: null });
      } catch (error) {
        set({ presetsError: error });
      }
    },

    applyPreset(id) {
      const { upload, presets } = get();
      const preset = presets.find((p) => p.id === id);
      if (!upload || !preset) {
        set({ presetId: null });
        return;
      }
      set({ mapping: mappingFromPreset(preset, upload.headers), presetId: preset.id });
    },

    async savePreset(name) {
      const { upload, mapping } = get();
      if (!upload) return false;
      set({ presetActionError: null });
      const columns = mapping.flatMap((target, index) =>
        target ? [{ header: (upload.headers[index] ?? '').slice(0, 200), index, target }] : [],
      );
      try {
        const preset = await api.call('importPresets:save', { name, columns });
        set((s) => ({
          presets: [...s.presets.filter((p) => p.id !== preset.id), preset].sort((a, b) =>
            a.name.localeCompare(b.name),
          ),
          presetId: preset.id,
          presetActionError: null,
        }));
        return true;
      } catch (error) {
        set({ presetActionError: error });
        return false;
      }
    },

    async deletePreset(id) {
      try {
        await api.call('importPresets:delete', { id });
        set((s) => ({
          presets: s.presets.filter((p) => p.id !== id),
          presetId: s.presetId === id ? null : s.presetId,
          presetActionError: null,
        }));
        return true;
      } catch (error) {
        set({ presetActionError: error });
        return false;
      }
    },

    async dryRunNow() {
      const { upload, mapping, duplicates, progress } = get();
      if (!upload || progress) return false;
      const jobId = newJobId();
      const sig = signature(upload.uploadId, mapping);
      set({
        progress: { kind: 'dryRun', jobId, done: 0, total: upload.rowCount },
        dryRunError: null,
        result: null,
        commitError: null,
      });
      try {
        const summary = await api.call('imports:dryRun', {
          uploadId: upload.uploadId,
          mapping,
          duplicates,
          jobId,
        });
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

    async commit() {
      const s = get();
      if (!canCommit(s) || !s.upload) return false;
      const jobId = newJobId();
      set({
        progress: { kind: 'commit', jobId, done: 0, total: s.upload.rowCount },
        commitError: null,
        revertResult: null,
        revertError: null,
      });
      try {
        const result = await api.call('imports:commit', {
          uploadId: s.upload.uploadId,
          mapping: s.mapping,
          duplicates: s.duplicates,
          jobId,
        });
        // Committed: the dry run is spent, so the same rows cannot be sent twice by a double press.
        set({ progress: null, result, dryRun: null, dryRunSignature: null });
        void get().loadHistory();
        return true;
      } catch (error) {
        set({ progress: null, commitError: error });
        return false;
      }
    },

    async loadHistory() {
      const mine = ++historyGeneration;
      if (get().historyStatus !== 'ready') set({ historyStatus: 'busy' });
      try {
        const history = await api.call('imports:list', {});
        if (mine === historyGeneration) set({ historyStatus: 'ready', history, historyError: null });
      } catch (error) {
        if (mine === historyGeneration) set({ historyStatus: 'failed', historyError: error });
      }
    },

    async revert(id) {
      if (get().reverting) return false;
      set({ reverting: id, revertError: null, revertResult: null });
      try {
        const revertResult = await api.call('imports:revert', { id });
        set((s) => ({
          reverting: null,
          revertResult,
          history: s.history.map((h) => (h.id === id ? revertResult.import : h)),
        }));
        void get().loadHistory();
        return true;
      } catch (error) {
        set({ reverting: null, revertError: error });
        return false;
      }
    },

    onProgress({ jobId, done, total }) {
      const p = get().progress;
      if (!p || p.jobId !== jobId) return;
      set({ progress: { ...p, done, total } });
    },

    connect() {
      return api.on('job:progress', (e) => get().onProgress(e));
    },
  }));
}
