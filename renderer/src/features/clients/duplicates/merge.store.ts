import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  Client,
  MergeField,
  MergeOut,
  MergePreview,
  MergeResult,
  UndoMergeResult,
} from '../../../../../shared/contract/clients.schema';
import type { z } from 'zod';
import type { RegioApi } from '../../../api/regio-api';

// The merge dialog and the card's merge banner. The dialog asks the core what merging would do
// (the fields that differ, what would move), lets the operator pick per field whose value stays,
// and merges. A choice is remembered by the client whose value it keeps, so swapping survivor and
// merged does not silently flip what the operator picked.

export type Side = 'survivor' | 'merged';
export type MergeStatus = 'loading' | 'ready' | 'failed' | 'merging';

type MergeResultOut = z.infer<typeof MergeResult>;

export interface MergeDialogState {
  status: MergeStatus;
  /** Why the preview could not be loaded. */
  error: unknown;
  /** Why the last merge attempt was refused (shown in the dialog, which stays open). */
  mergeError: unknown;
  survivorId: string;
  mergedId: string;
  preview: MergePreview | null;
  /** Per field: the client whose value the operator picked (by id, so a swap keeps the pick). */
  picked: Partial<Record<MergeField, string>>;
  /** Parent companies' names by id, for the parentId row (ids alone mean nothing to people). */
  parentNames: Record<string, string>;

  /** Loads the preview of the pair; the older client survives by default. */
  open: () => Promise<void>;
  /** Exchanges survivor and merged (a new preview: what moves depends on the direction). */
  swap: () => Promise<void>;
  choose: (field: MergeField, side: Side) => void;
  /** Merges; the result, or null when the core refused (the reason in `mergeError`). */
  merge: () => Promise<MergeResultOut | null>;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Whose value a field keeps when the operator did not pick: the survivor's, unless it has none. */
export function defaultSide(preview: MergePreview, field: MergeField): Side {
  return isEmpty(preview.survivor[field]) && !isEmpty(preview.merged[field]) ? 'merged' : 'survivor';
}

/** Whose value the field keeps: the operator's pick, else the default. */
export function sideOf(
  s: Pick<MergeDialogState, 'preview' | 'picked' | 'survivorId'>,
  field: MergeField,
): Side {
  const pick = s.picked[field];
  if (pick !== undefined) return pick === s.survivorId ? 'survivor' : 'merged';
  return s.preview ? defaultSide(s.preview, field) : 'survivor';
}

/** The fields whose value is taken from the merged client: what `merges:merge` is told. */
export function takeOf(s: Pick<MergeDialogState, 'preview' | 'picked' | 'survivorId'>): MergeField[] {
  return (s.preview?.differing ?? []).filter((f) => sideOf(s, f) === 'merged');
}

/** Created before the other (by the record's creation time; the ids break a tie). */
function older(x: Client, y: Client): boolean {
  return x.createdAt < y.createdAt || (x.createdAt === y.createdAt && x.id < y.id);
}

export function createMergeDialogStore(api: RegioApi, a: string, b: string): StoreApi<MergeDialogState> {
  let generation = 0;

  return createStore<MergeDialogState>()((set, get) => {
    const loadParents = async (preview: MergePreview, mine: number) => {
      if (!preview.differing.includes('parentId')) return;
      const ids = [preview.survivor.parentId, preview.merged.parentId].filter(
        (id): id is string => !!id && !get().parentNames[id],
      );
      for (const id of ids) {
        try {
          const card = await api.call('clients:get', { id });
          if (mine !== generation) return;
          set((s) => ({ parentNames: { ...s.parentNames, [id]: card.client.name } }));
        } catch {
          // Only a nicer label: without it the row shows the id.
        }
      }
    };

    const load = async (survivorId: string, mergedId: string, preferOlder: boolean) => {
      const mine = ++generation;
      set({ status: 'loading', error: null, mergeError: null, survivorId, mergedId });
      try {
        let preview = await api.call('merges:preview', { survivorId, mergedId });
        if (mine !== generation) return;
        if (preferOlder && older(preview.merged, preview.survivor)) {
          // The older record is the one people have been working with: it survives by default.
          preview = await api.call('merges:preview', { survivorId: mergedId, mergedId: survivorId });
          if (mine !== generation) return;
        }
        set({
          status: 'ready',
          preview,
          survivorId: preview.survivor.id,
          mergedId: preview.merged.id,
        });
        // Ready already; open() resolves once the names are in (or given up on).
        await loadParents(preview, mine);
      } catch (error) {
        if (mine !== generation) return;
        set({ status: 'failed', error });
      }
    };

    return {
      status: 'loading',
      error: null,
      mergeError: null,
      survivorId: a,
      mergedId: b,
      preview: null,
      picked: {},
      parentNames: {},

      open: () => load(a, b, true),

      async swap() {
        const s = get();
        if (s.status === 'merging' || s.status === 'loading') return;
        await load(s.mergedId, s.survivorId, false);
      },

      choose(field, side) {
        const s = get();
        set({ picked: { ...s.picked, [field]: side === 'survivor' ? s.survivorId : s.mergedId } });
      },

      async merge() {
        const s = get();
        if (s.status !== 'ready' || !s.preview) return null;
        const mine = ++generation;
        set({ status: 'merging', mergeError: null });
        try {
          const result = await api.call('merges:merge', {
            survivorId: s.survivorId,
            mergedId: s.mergedId,
            take: takeOf(s),
          });
          if (mine === generation) set({ status: 'ready' });
          return result;
        } catch (mergeError) {
          if (mine === generation) set({ status: 'ready', mergeError });
          return null;
        }
      },
    };
  });
}

// ---- the card's banner: the merges this client took part in ----

export interface MergeBannerState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  clientId: string;
  merges: MergeOut[];
  /** An undo under way (merge id). */
  undoing: string | null;
  /** What the last undo left as it was, because it changed after the merge. */
  undone: UndoMergeResult | null;

  load: () => Promise<void>;
  /** Undoes a merge; rejects with the core's refusal. */
  undo: (id: string) => Promise<UndoMergeResult>;
  /** Refetches when merges or clients change (another window undid or merged). */
  connect: () => () => void;
}

const BANNER_ENTITIES = new Set(['merges', 'clients']);

/** The active merges in which the client survived, and the one that archived it (if any). */
export function activeMerges(merges: readonly MergeOut[], clientId: string) {
  const active = merges.filter((m) => m.undoneAt === null);
  return {
    survived: active.filter((m) => m.survivorId === clientId),
    mergedInto: active.find((m) => m.mergedId === clientId) ?? null,
  };
}

export function createMergeBannerStore(api: RegioApi, clientId: string): StoreApi<MergeBannerState> {
  let generation = 0;
  return createStore<MergeBannerState>()((set, get) => ({
    status: 'idle',
    clientId,
    merges: [],
    undoing: null,
    undone: null,

    async load() {
      const mine = ++generation;
      if (get().status === 'idle') set({ status: 'loading' });
      try {
        const merges = await api.call('merges:list', { clientId });
        if (mine === generation) set({ status: 'ready', merges });
      } catch {
        // The banner is extra information: the card works without it.
        if (mine === generation) set({ status: 'failed' });
      }
    },

    async undo(id) {
      set({ undoing: id, undone: null });
      try {
        const undone = await api.call('merges:undo', { id });
        set((s) => ({
          undoing: null,
          undone,
          merges: s.merges.map((m) => (m.id === id ? undone.merge : m)),
        }));
        void get().load();
        return undone;
      } catch (error) {
        set({ undoing: null });
        throw error;
      }
    },

    connect: () =>
      api.on('data:changed', ({ entities }) => {
        if (entities.some((e) => BANNER_ENTITIES.has(e))) void get().load();
      }),
  }));
}
