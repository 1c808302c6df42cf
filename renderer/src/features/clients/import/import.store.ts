import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ImportCommitResult,
  ImportPreset,
  ImportRecordOut,
  ImportRevertResult,
  ImportSummary,
  ImportTarget,
  ImportUpload,
} from '../../../../../shared/contract/imports.schema';
import type { RegioApi } from '../../../api/regio-api';
import {
  DEFAULT_OPTIONS,
  historyActions,
  INITIAL_MAPPED_IMPORT,
  presetActions,
  runActions,
  signature,
  uploadActions,
} from '../../imports-shared/mapped-import.store';
import type { MappedImportState } from '../../imports-shared/mapped-import.store';

// The pieces every mapped import shares live in imports-shared; re-exported for this feature's files.
export { DEFAULT_OPTIONS, signature };
export { mappingFromPreset } from '../../imports-shared/mapped-import.store';
export type {
  Delimiter,
  Encoding,
  ParseOptions,
  Progress,
  Status,
} from '../../imports-shared/mapped-import.store';

// The import of clients from a CSV/XLSX file: the file is read once in the renderer and uploaded to
// the core, which parses it and keeps it for the session; options (encoding, separator, header row,
// sheet) re-upload the same bytes. The mapping is edited here; a dry run of exactly this upload and
// mapping must precede the commit (the "signature" below), so nobody commits what they did not see.
// One store per screen mount.

export interface ImportState extends MappedImportState<
  ImportTarget,
  ImportUpload,
  ImportPreset,
  ImportSummary,
  ImportCommitResult,
  ImportRecordOut,
  ImportRevertResult
> {
  /** Suspected duplicates: left out, or imported as new clients. */
  duplicates: 'skip' | 'import';
  setDuplicates: (mode: 'skip' | 'import') => void;
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

let jobSeq = 0;
function defaultJobId(): string {
  jobSeq += 1;
  return `import-${Date.now().toString(36)}-${jobSeq}`;
}

export function createImportStore(
  api: RegioApi,
  newJobId: () => string = defaultJobId,
): StoreApi<ImportState> {
  return createStore<ImportState>()((set, get) => ({
    ...INITIAL_MAPPED_IMPORT,
    // Fresh, mutable lists of this store's own element types (the shared ones are readonly).
    presets: [],
    mapping: [],
    history: [],
    duplicates: 'skip',

    ...uploadActions<ImportTarget, ImportUpload>(set, get, (input) => api.call('imports:upload', input)),

    setDuplicates(mode) {
      set({ duplicates: mode });
    },

    ...presetActions<ImportTarget, ImportPreset>(set, get, {
      list: () => api.call('importPresets:list', {}),
      save: (input) => api.call('importPresets:save', input),
      remove: (id) => api.call('importPresets:delete', { id }),
    }),

    // Both runs carry the duplicates choice: the dry run counts what the commit will then write.
    ...runActions<ImportTarget, ImportSummary, ImportCommitResult>(set, get, {
      newJobId,
      dryRun: (input) => api.call('imports:dryRun', { ...input, duplicates: get().duplicates }),
      commit: (input) => api.call('imports:commit', { ...input, duplicates: get().duplicates }),
      canCommit: () => canCommit(get()),
      afterCommit: () => void get().loadHistory(),
    }),

    ...historyActions<ImportRecordOut, ImportRevertResult>(set, get, {
      list: () => api.call('imports:list', {}),
      revert: (id) => api.call('imports:revert', { id }),
    }),

    connect() {
      return api.on('job:progress', (e) => get().onProgress(e));
    },
  }));
}
