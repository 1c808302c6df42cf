import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  Call,
  CallImportResult,
  CallImportTarget,
  CallPreset,
  CallWatchSettings,
} from '../../../../shared/contract/calls.schema';
import type { CommandInput, CommandOutput } from '../../../../shared/contract/commands';
import type { RegioApi } from '../../api/regio-api';
import { mappingFromTargets, targetsFromMapping } from './call-mapping';
import type { ColumnTargets } from './call-mapping';

// The calls screen (issue 6): the operator's import of telephony exports (preview, column mapping,
// presets), the watched folder, and the triage list of numbers that matched no one or several
// clients; for reps and managers, their recent calls. One store per screen mount.

export type CallFilePreview = CommandOutput<'calls:preview'>;
export type Status = 'idle' | 'busy' | 'ready' | 'failed';

export interface CallsState {
  fileName: string | null;
  headerRow: boolean;
  previewStatus: Status;
  previewError: unknown;
  preview: CallFilePreview | null;
  targets: ColumnTargets;

  presets: CallPreset[];
  presetsError: unknown;
  presetActionError: unknown;
  /** The preset last applied; null once the operator changes the mapping by hand. */
  presetId: string | null;

  importing: boolean;
  result: CallImportResult | null;
  importError: unknown;

  watch: CallWatchSettings | null;
  watchError: unknown;
  watchSaving: boolean;

  triageStatus: Status;
  triage: Call[];
  triageError: unknown;
  /** The row with the keyboard (its call id). */
  focusedId: string | null;
  /** Bumped when the focus should move on screen (a key, an action), not on a mere reload. */
  focusTick: number;
  /** The row being sent to the core: one at a time, so a held key does not fire twice. */
  triageBusy: string | null;
  triageActionError: unknown;

  recentStatus: Status;
  recent: Call[];
  recentError: unknown;

  chooseFile: (fileName: string, data: string) => Promise<void>;
  setHeaderRow: (headerRow: boolean) => Promise<void>;
  /** Maps a column; a target already on another column is taken off it. */
  setTarget: (column: number, target: CallImportTarget | null) => void;
  loadPresets: () => Promise<void>;
  applyPreset: (id: string | null) => Promise<void>;
  savePreset: (name: string) => Promise<boolean>;
  deletePreset: (id: string) => Promise<boolean>;
  runImport: () => Promise<boolean>;

  loadWatch: () => Promise<void>;
  setWatch: (patch: Partial<Pick<CallWatchSettings, 'enabled' | 'presetId'>>) => Promise<boolean>;

  loadTriage: () => Promise<void>;
  focusRow: (id: string) => void;
  moveFocus: (delta: number) => void;
  focusEdge: (edge: 'first' | 'last') => void;
  assign: (id: string, clientId: string, contactId: string | null) => Promise<boolean>;
  assignCandidate: (id: string, index: number) => Promise<boolean>;
  wrongNumber: (id: string) => Promise<boolean>;

  loadRecent: () => Promise<void>;
  /** Reloads the lists when calls change elsewhere (the watched folder, another window). */
  connect: (what: { triage: boolean; recent: boolean }) => () => void;
}

/** The mapping the import would send now. */
export function currentMapping(s: Pick<CallsState, 'preview' | 'targets' | 'headerRow'>) {
  return mappingFromTargets(s.targets, s.preview?.headers ?? [], s.headerRow);
}

export function createCallsStore(api: RegioApi): StoreApi<CallsState> {
  // The bytes stay here (nothing renders them) for a re-read with or without the header row.
  let bytes: string | null = null;
  let previewGeneration = 0;
  let triageGeneration = 0;
  let recentGeneration = 0;

  const runPreview = async (
    set: StoreApi<CallsState>['setState'],
    get: () => CallsState,
    thenMapping?: (p: CallFilePreview) => ColumnTargets,
  ) => {
    const fileName = get().fileName;
    if (bytes === null || fileName === null) return;
    const mine = ++previewGeneration;
    const headerRow = get().headerRow;
    set({ previewStatus: 'busy', previewError: null, result: null, importError: null });
    try {
      const preview = await api.call('calls:preview', { fileName, data: bytes, headerRow });
      if (mine !== previewGeneration) return;
      set({
        previewStatus: 'ready',
        preview,
        targets: thenMapping
          ? thenMapping(preview)
          : targetsFromMapping(preview.suggested, preview.headers, headerRow),
      });
    } catch (error) {
      if (mine !== previewGeneration) return;
      set({ previewStatus: 'failed', previewError: error, preview: null, targets: [] });
    }
  };

  /** The row after an action: the one that took the removed row's place, or the new last. */
  const dropRow = (set: StoreApi<CallsState>['setState'], get: () => CallsState, id: string) => {
    const rows = get().triage;
    const at = rows.findIndex((c) => c.id === id);
    const triage = rows.filter((c) => c.id !== id);
    const next = at < 0 ? null : (triage[Math.min(at, triage.length - 1)]?.id ?? null);
    set((s) => ({
      triage,
      focusedId: s.focusedId === id || s.focusedId === null ? next : s.focusedId,
      focusTick: s.focusTick + 1,
    }));
  };

  const triageAction = async (
    set: StoreApi<CallsState>['setState'],
    get: () => CallsState,
    id: string,
    input: CommandInput<'calls:triage'>,
  ) => {
    if (get().triageBusy) return false;
    set({ triageBusy: id, triageActionError: null });
    try {
      await api.call('calls:triage', input);
      // Invalidate a reload already in flight: it may still list this row.
      triageGeneration++;
      set({ triageBusy: null });
      dropRow(set, get, id);
      return true;
    } catch (error) {
      set({ triageBusy: null, triageActionError: error });
      return false;
    }
  };

  return createStore<CallsState>()((set, get) => ({
    fileName: null,
    headerRow: true,
    previewStatus: 'idle',
    previewError: null,
    preview: null,
    targets: [],
    presets: [],
    presetsError: null,
    presetActionError: null,
    presetId: null,
    importing: false,
    result: null,
    importError: null,
    watch: null,
    watchError: null,
    watchSaving: false,
    triageStatus: 'idle',
    triage: [],
    triageError: null,
    focusedId: null,
    focusTick: 0,
    triageBusy: null,
    triageActionError: null,
    recentStatus: 'idle',
    recent: [],
    recentError: null,

    async chooseFile(fileName, data) {
      bytes = data;
      // A chosen preset stays: the office's telephony writes the same columns every time.
      const preset = get().presets.find((p) => p.id === get().presetId);
      set({
        fileName,
        preview: null,
        targets: [],
        ...(preset ? { headerRow: preset.mapping.headerRow } : {}),
      });
      await runPreview(
        set,
        get,
        preset ? (p) => targetsFromMapping(preset.mapping, p.headers, preset.mapping.headerRow) : undefined,
      );
    },

    async setHeaderRow(headerRow) {
      if (headerRow === get().headerRow) return;
      set({ headerRow, presetId: null });
      await runPreview(set, get);
    },

    setTarget(column, target) {
      const targets = get().targets.map((t, i) => {
        if (i === column) return target;
        return target !== null && t === target ? null : t;
      });
      set({ targets, presetId: null, result: null });
    },

    async loadPresets() {
      try {
        set({ presets: await api.call('callPresets:list', {}), presetsError: null });
      } catch (error) {
        set({ presetsError: error });
      }
    },

    async applyPreset(id) {
      const preset = get().presets.find((p) => p.id === id);
      if (!preset) {
        set({ presetId: null });
        return;
      }
      set({ presetId: preset.id, result: null });
      const { headerRow } = preset.mapping;
      const lay = (p: CallFilePreview) => targetsFromMapping(preset.mapping, p.headers, headerRow);
      // A preset describes the file, header row included: read the file again if that differs.
      if (headerRow !== get().headerRow) {
        set({ headerRow });
        await runPreview(set, get, lay);
        return;
      }
      const preview = get().preview;
      if (preview) set({ targets: lay(preview) });
    },

    async savePreset(name) {
      if (!get().preview) return false;
      set({ presetActionError: null });
      try {
        const preset = await api.call('callPresets:save', { name, mapping: currentMapping(get()) });
        set((s) => ({
          presets: [...s.presets.filter((p) => p.id !== preset.id), preset].sort((a, b) =>
            a.name.localeCompare(b.name),
          ),
          presetId: preset.id,
        }));
        return true;
      } catch (error) {
        set({ presetActionError: error });
        return false;
      }
    },

    async deletePreset(id) {
      set({ presetActionError: null });
      try {
        await api.call('callPresets:delete', { id });
        set((s) => ({
          presets: s.presets.filter((p) => p.id !== id),
          presetId: s.presetId === id ? null : s.presetId,
        }));
        // The watched folder may have used it.
        if (get().watch?.presetId === id) void get().loadWatch();
        return true;
      } catch (error) {
        set({ presetActionError: error });
        return false;
      }
    },

    async runImport() {
      const { fileName, preview, importing } = get();
      if (bytes === null || !fileName || !preview || importing) return false;
      set({ importing: true, importError: null, result: null });
      try {
        const result = await api.call('calls:import', {
          fileName,
          data: bytes,
          mapping: currentMapping(get()),
        });
        set({ importing: false, result });
        return true;
      } catch (error) {
        set({ importing: false, importError: error });
        return false;
      }
    },

    async loadWatch() {
      try {
        set({ watch: await api.call('calls:watchGet', {}), watchError: null });
      } catch (error) {
        set({ watchError: error });
      }
    },

    async setWatch(patch) {
      const cur = get().watch;
      if (!cur || get().watchSaving) return false;
      set({ watchSaving: true, watchError: null });
      try {
        const watch = await api.call('calls:watchSet', {
          enabled: patch.enabled ?? cur.enabled,
          presetId: patch.presetId !== undefined ? patch.presetId : cur.presetId,
        });
        set({ watch, watchSaving: false });
        return true;
      } catch (error) {
        set({ watchSaving: false, watchError: error });
        return false;
      }
    },

    async loadTriage() {
      const mine = ++triageGeneration;
      if (get().triageStatus !== 'ready') set({ triageStatus: 'busy' });
      try {
        const triage = await api.call('calls:triageList', {});
        if (mine !== triageGeneration) return;
        const focused = get().focusedId;
        set({
          triageStatus: 'ready',
          triage,
          triageError: null,
          focusedId: triage.some((c) => c.id === focused) ? focused : (triage[0]?.id ?? null),
        });
      } catch (error) {
        if (mine === triageGeneration) set({ triageStatus: 'failed', triageError: error });
      }
    },

    focusRow(id) {
      if (get().focusedId !== id) set({ focusedId: id });
    },

    moveFocus(delta) {
      const rows = get().triage;
      if (rows.length === 0) return;
      const at = rows.findIndex((c) => c.id === get().focusedId);
      const next = Math.max(0, Math.min(rows.length - 1, (at < 0 ? 0 : at) + delta));
      set((s) => ({ focusedId: rows[next]!.id, focusTick: s.focusTick + 1 }));
    },

    focusEdge(edge) {
      const rows = get().triage;
      const row = edge === 'first' ? rows[0] : rows[rows.length - 1];
      if (row) set((s) => ({ focusedId: row.id, focusTick: s.focusTick + 1 }));
    },

    assign(id, clientId, contactId) {
      return triageAction(set, get, id, { id, action: 'assign', clientId, contactId });
    },

    async assignCandidate(id, index) {
      const c = get().triage.find((x) => x.id === id)?.candidates[index];
      if (!c) return false;
      return get().assign(id, c.clientId, c.contactId);
    },

    wrongNumber(id) {
      return triageAction(set, get, id, { id, action: 'wrong_number' });
    },

    async loadRecent() {
      const mine = ++recentGeneration;
      if (get().recentStatus !== 'ready') set({ recentStatus: 'busy' });
      try {
        const recent = await api.call('calls:list', { limit: 50 });
        if (mine === recentGeneration) set({ recentStatus: 'ready', recent, recentError: null });
      } catch (error) {
        if (mine === recentGeneration) set({ recentStatus: 'failed', recentError: error });
      }
    },

    connect(what) {
      return api.on('data:changed', ({ entities }) => {
        if (!entities.includes('calls')) return;
        if (what.triage) void get().loadTriage();
        if (what.recent) void get().loadRecent();
      });
    },
  }));
}
