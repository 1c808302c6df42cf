import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput, CommandOutput } from '../../../../shared/contract/commands';
import type { ExportFile } from '../../../../shared/contract/exports.schema';
import { toErrorData } from '../../api/regio-api';
import type { RegioApi } from '../../api/regio-api';
import { downloadFile } from '../clients/card/client-card.download';

// One export at a time from one screen (issue 9 must-have 5). The core makes the file in slices and
// reports `job:progress` under the id this store chose; the window stays live meanwhile, "Cancel"
// asks the core to stop (`jobs:cancel`), and a finished file is handed to the platform's save: a
// download that Electron turns into its save dialog and the browser into its download.

export type ExportJobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** The export commands whose answer carries a file (directly or as `file`). */
export type ExportCommand = 'exports:visitPlan' | 'exports:mailingList' | 'exports:report';

export interface ExportJobState {
  status: ExportJobStatus;
  /** What runs, for the progress line ("PDF", a report's title …): the caller's own label. */
  label: string | null;
  progress: { done: number; total: number } | null;
  /** True from "Cancel" until the core's answer ends the job. */
  cancelling: boolean;
  /** The last file saved: its name and how many records it holds. */
  saved: { fileName: string; records: number } | null;
  /** The whole answer of the last finished export (a mailing list's counts, a plan's visits). */
  result: unknown;
  error: unknown;
  start: <K extends ExportCommand>(
    command: K,
    input: Omit<CommandInput<K>, 'jobId'>,
    label?: string,
  ) => Promise<CommandOutput<K> | null>;
  cancel: () => Promise<void>;
  /** Cancels, and if the export finishes anyway (too far along to stop), never saves its file. */
  abandon: () => Promise<void>;
  /** Runs the last export again (after a failure): same command, input and label. */
  retry: () => Promise<unknown>;
  reset: () => void;
}

function fileOf(out: unknown): ExportFile {
  const o = out as { file?: ExportFile } & Partial<ExportFile>;
  return o.file ?? (o as ExportFile);
}

let seq = 0;

export function createExportJobStore(
  api: RegioApi,
  save: (file: ExportFile) => void = (f) => downloadFile(f),
): StoreApi<ExportJobState> {
  let jobId: string | null = null;
  /** The last export started, to run again after a failure. */
  let last: (() => Promise<unknown>) | null = null;
  const abandoned = new Set<string>();
  return createStore<ExportJobState>()((set, get) => ({
    status: 'idle',
    label: null,
    progress: null,
    cancelling: false,
    saved: null,
    result: null,
    error: null,
    async start(command, input, label) {
      if (get().status === 'running') return null;
      // Random: progress events reach every window, and ids must not meet across windows.
      const id = `export-${globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${++seq}`}`;
      jobId = id;
      last = () => get().start(command, input, label);
      set({
        status: 'running',
        label: label ?? null,
        progress: null,
        cancelling: false,
        error: null,
        result: null,
      });
      const stop = api.on('job:progress', (p) => {
        if (p.jobId === id && jobId === id) set({ progress: { done: p.done, total: p.total } });
      });
      try {
        // One call site for three commands: their inputs differ, and each caller typed its own.
        const call = api.call.bind(api) as (
          c: ExportCommand,
          i: object,
        ) => Promise<CommandOutput<typeof command>>;
        const out = await call(command, { ...input, jobId: id });
        if (jobId !== id) return null;
        const file = fileOf(out);
        // Left behind (its screen closed) but too far along to stop: no save dialog out of context.
        if (abandoned.has(id)) {
          abandoned.delete(id);
          set({ status: 'cancelled', progress: null, cancelling: false });
          return null;
        }
        save(file);
        set({
          status: 'done',
          progress: null,
          cancelling: false,
          saved: { fileName: file.fileName, records: file.records },
          result: out,
        });
        return out;
      } catch (e) {
        if (jobId !== id) return null;
        const cancelled = toErrorData(e).code === 'cancelled';
        set({
          status: cancelled ? 'cancelled' : 'failed',
          progress: null,
          cancelling: false,
          error: cancelled ? null : e,
        });
        return null;
      } finally {
        stop();
        abandoned.delete(id);
        if (jobId === id) jobId = null;
      }
    },
    async abandon() {
      const id = jobId;
      if (!id) return;
      abandoned.add(id);
      await get().cancel();
    },
    async cancel() {
      const id = jobId;
      if (!id || get().cancelling) return;
      set({ cancelling: true });
      try {
        await api.call('jobs:cancel', { jobId: id });
      } catch {
        // The export ends on its own either way; its answer sets the state.
      }
    },
    async retry() {
      if (!last || get().status === 'running') return null;
      return last();
    },
    reset() {
      if (get().status !== 'running') set({ status: 'idle', progress: null, error: null, label: null });
    },
  }));
}
