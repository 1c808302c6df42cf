import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import type {
  ExportFile,
  MailingListCounts,
  MailingListFilter,
  MailingListOptions,
} from '../../../../../shared/contract/exports.schema';
import type { DirectoryEntry } from '../../../../../shared/contract/users.schema';
import type { RegioApi } from '../../../api/regio-api';
import { createExportJobStore } from '../export-job.store';
import type { ExportJobState } from '../export-job.store';

// The mailing list for a sale announcement (issue 9 must-have 2): what the filters may name (the
// office's segments, cities, reps and parent companies), the filter, and the core's count of who
// would be on the list and who is left out and why. Every change of the filter asks again after a
// short pause, so ticking five cities costs one count, not five; an answer to an older filter that
// arrives late is dropped, so the panel never shows the counts of a filter no longer on screen.

/** The pause after the last change of the filter before the core is asked. */
export const PREVIEW_DELAY_MS = 250;

/** The rep filter's value for "clients without a rep" (the contract's literal). */
export const NO_REP = 'none';

export type FilterKey = keyof MailingListFilter;

export const EMPTY_FILTER: MailingListFilter = { segmentIds: [], cities: [], repIds: [], parentIds: [] };

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface MailingListState {
  /** The filters' choices: options from the core, segments, reps. */
  optionsStatus: LoadStatus;
  options: MailingListOptions | null;
  segments: DictionaryItem[];
  reps: DirectoryEntry[];
  optionsError: unknown;

  filter: MailingListFilter;
  /** The preview of the filter on screen: 'loading' while a count is due or under way. */
  previewStatus: LoadStatus;
  /** The last counts that answered the filter on screen (kept while the next count runs). */
  counts: MailingListCounts | null;
  previewError: unknown;

  /** The export's progress, cancel and saved file. */
  job: StoreApi<ExportJobState>;

  loadOptions: () => Promise<void>;
  /** Replaces one filter's values; the preview follows after the pause. */
  setFilter: (key: FilterKey, values: readonly string[]) => void;
  /** Ticks or unticks one value of a filter. */
  toggle: (key: FilterKey, value: string) => void;
  clear: (key?: FilterKey) => void;
  /** Asks for the counts now (a retry, data changed elsewhere). */
  preview: () => Promise<void>;
  /** Writes the CSV of the filter on screen; resolves with whether a file was saved. */
  exportList: (label?: string) => Promise<boolean>;
  /** Refetches on `data:changed` (clients, contacts, dictionaries, users); returns the stop function. */
  connect: () => () => void;
  /** Drops a pending count (the screen closed). */
  dispose: () => void;
}

export interface MailingListStoreOptions {
  delayMs?: number;
  /** Where a finished file goes (tests keep it; the app downloads it). */
  save?: (file: ExportFile) => void;
}

/** The filter as the core takes it: values in a stable order, so equal filters read the same. */
export function previewInput(filter: MailingListFilter): { filter: MailingListFilter } {
  const sorted = (values: readonly string[]) => [...new Set(values)].sort();
  return {
    filter: {
      segmentIds: sorted(filter.segmentIds),
      cities: sorted(filter.cities),
      repIds: sorted(filter.repIds),
      parentIds: sorted(filter.parentIds),
    },
  };
}

export function hasFilter(filter: MailingListFilter): boolean {
  return Object.values(filter).some((v: readonly string[]) => v.length > 0);
}

/** Reps first by active, then by name (an inactive rep may still hold clients). */
function repsOf(entries: readonly DirectoryEntry[]): DirectoryEntry[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  return entries
    .filter((e) => e.role === 'rep')
    .sort((a, b) => Number(b.active) - Number(a.active) || collator.compare(a.displayName, b.displayName));
}

function segmentsOf(items: readonly DictionaryItem[]): DictionaryItem[] {
  return items
    .filter((d) => d.kind === 'segment')
    .sort((a, b) => Number(b.active) - Number(a.active) || a.order - b.order);
}

export function createMailingListStore(
  api: RegioApi,
  { delayMs = PREVIEW_DELAY_MS, save }: MailingListStoreOptions = {},
): StoreApi<MailingListState> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Each count asked bumps it; an answer is taken only while it is still the latest.
  let generation = 0;
  let optionsGeneration = 0;
  const job = save ? createExportJobStore(api, save) : createExportJobStore(api);

  return createStore<MailingListState>()((set, get) => {
    const schedule = () => {
      if (timer !== null) clearTimeout(timer);
      // The counts on screen belong to the old filter now: the panel says it is counting.
      generation++;
      set({ previewStatus: 'loading' });
      timer = setTimeout(() => {
        timer = null;
        void get().preview();
      }, delayMs);
    };

    return {
      optionsStatus: 'idle',
      options: null,
      segments: [],
      reps: [],
      optionsError: null,
      filter: EMPTY_FILTER,
      previewStatus: 'idle',
      counts: null,
      previewError: null,
      job,

      loadOptions: async () => {
        const mine = ++optionsGeneration;
        if (get().optionsStatus !== 'ready') set({ optionsStatus: 'loading' });
        try {
          const [options, items, entries] = await Promise.all([
            api.call('exports:mailingListOptions', {}),
            api.call('dictionaries:list', { kind: 'segment', includeInactive: true }),
            api.call('users:directory', {}),
          ]);
          if (mine !== optionsGeneration) return;
          set({
            optionsStatus: 'ready',
            options,
            segments: segmentsOf(items),
            reps: repsOf(entries),
            optionsError: null,
          });
        } catch (error) {
          if (mine === optionsGeneration) set({ optionsStatus: 'failed', optionsError: error });
        }
      },

      setFilter: (key, values) => {
        set({ filter: { ...get().filter, [key]: [...new Set(values)] } });
        schedule();
      },

      toggle: (key, value) => {
        const current = get().filter[key];
        get().setFilter(
          key,
          current.includes(value) ? current.filter((v) => v !== value) : [...current, value],
        );
      },

      clear: (key) => {
        const filter = get().filter;
        if (key ? filter[key].length === 0 : !hasFilter(filter)) return;
        set({ filter: key ? { ...filter, [key]: [] } : EMPTY_FILTER });
        schedule();
      },

      preview: async () => {
        if (timer !== null) {
          clearTimeout(timer);
          timer = null;
        }
        const mine = ++generation;
        set({ previewStatus: 'loading' });
        try {
          const counts = await api.call('exports:mailingListPreview', previewInput(get().filter));
          if (mine === generation) set({ previewStatus: 'ready', counts, previewError: null });
        } catch (error) {
          if (mine === generation) set({ previewStatus: 'failed', previewError: error });
        }
      },

      exportList: async (label) => {
        const filter = get().filter;
        const out = await job.getState().start('exports:mailingList', previewInput(filter), label);
        // The file's own counts are the freshest: the panel shows what was written (unless the
        // filter changed meanwhile, and a count of the new one is due).
        if (out && get().filter === filter && timer === null) {
          generation++;
          set({ counts: out.counts, previewStatus: 'ready', previewError: null });
        }
        return out !== null;
      },

      connect: () =>
        api.on('data:changed', ({ entities }) => {
          if (entities.some((e) => e === 'clients' || e === 'contacts')) {
            // Cities and parent companies come from the clients too.
            void get().loadOptions();
            if (get().previewStatus !== 'idle') schedule();
          } else if (entities.some((e) => e === 'dictionaries' || e === 'users' || e === 'teams')) {
            void get().loadOptions();
          }
        }),

      dispose: () => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        generation++;
        optionsGeneration++;
        // What was under way is dropped: a screen opened again on this store asks again.
        if (get().previewStatus === 'loading') set({ previewStatus: 'idle' });
        if (get().optionsStatus === 'loading') set({ optionsStatus: 'idle' });
      },
    };
  });
}
