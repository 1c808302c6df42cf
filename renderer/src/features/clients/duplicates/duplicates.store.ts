import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { DuplicatePair, MergeOut, UndoMergeResult } from '../../../../../shared/contract/clients.schema';
import type { RegioApi } from '../../../api/regio-api';

// The scan of the whole base for suspected duplicates. The core takes a few seconds on a large
// base and serves other calls meanwhile; cancelling only stops waiting (a generation counter makes
// the late answer be ignored), the core finishes on its own. One store per screen mount.
// Each scan names itself with a fresh job id so the core's `job:progress` events of this scan (and
// not of an earlier, cancelled one still running) drive the progress bar.
//
// After a merge the pairs involving the merged (now archived) client leave the list; they are kept
// aside so that undoing the merge from this screen puts them back where they were.

export type ScanStatus = 'idle' | 'scanning' | 'ready' | 'failed';

/** How many pairs one scan asks for: the contract's maximum. */
export const SCAN_LIMIT = 1000;

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface DuplicatesState {
  status: ScanStatus;
  error: unknown;
  /** When the scan under way started (Date.now()), for the elapsed seconds; null when none. */
  startedAt: number | null;
  pairs: DuplicatePair[];
  /** Suspected pairs in all (not dismissed), minus those dismissed since the scan. */
  total: number;
  /** Pairs the operator dismissed (as the scan counted them, plus those dismissed since). */
  dismissed: number;
  /** Per pair key: a dismissal under way. */
  busy: Record<string, true>;
  /** Per pair key: why the last dismissal failed. */
  pairErrors: Record<string, unknown>;
  /** How far the scan under way is (0..1), from the core's progress events; 0 until the first. */
  progress: number;
  /** The last merge done from this screen (undoable here), with the pairs it took off the list. */
  lastMerge: { merge: MergeOut; removed: DuplicatePair[] } | null;
  /** An undo of `lastMerge` under way. */
  undoing: boolean;

  scan: () => Promise<void>;
  /** Stops waiting for the scan under way; its answer, when it comes, is ignored. */
  cancel: () => void;
  /** Marks the pair as not a duplicate for good; false if the core refused (kept on the pair). */
  dismiss: (a: string, b: string, note?: string) => Promise<boolean>;
  /** A merge went through: drops every pair with the merged client and remembers it for undo. */
  merged: (merge: MergeOut) => void;
  /** Undoes `lastMerge`; the pairs come back. Rejects with the core's error (the merge stays). */
  undoMerge: () => Promise<UndoMergeResult | null>;
}

/** The scan's order: strongest first, then by the ids (as the core sorts). */
function byStrength(x: DuplicatePair, y: DuplicatePair): number {
  if (x.score !== y.score) return y.score - x.score;
  return pairKey(x.a.id, x.b.id) < pairKey(y.a.id, y.b.id) ? -1 : 1;
}

export function createDuplicatesStore(
  api: RegioApi,
  now: () => number = Date.now,
): StoreApi<DuplicatesState> {
  let generation = 0;
  // The progress subscription of the scan under way; at most one at a time.
  let stopListening: (() => void) | null = null;
  const stopProgress = () => {
    stopListening?.();
    stopListening = null;
  };
  return createStore<DuplicatesState>()((set, get) => ({
    status: 'idle',
    error: null,
    startedAt: null,
    pairs: [],
    total: 0,
    dismissed: 0,
    busy: {},
    pairErrors: {},
    progress: 0,
    lastMerge: null,
    undoing: false,

    async scan() {
      const mine = ++generation;
      const startedAt = now();
      // Unique across windows too: another window's scan has its own events.
      const jobId = `dup-scan-${startedAt.toString(36)}-${mine}-${Math.random().toString(36).slice(2, 8)}`;
      stopProgress();
      stopListening = api.on('job:progress', (p) => {
        if (p.jobId !== jobId || mine !== generation || p.total <= 0) return;
        const progress = Math.min(1, Math.max(0, p.done / p.total));
        // Events may arrive out of order: the bar never goes back.
        if (progress > get().progress) set({ progress });
      });
      set({ status: 'scanning', error: null, startedAt, progress: 0 });
      try {
        const result = await api.call('duplicates:scan', { limit: SCAN_LIMIT, jobId });
        if (mine !== generation) return;
        stopProgress();
        set({
          status: 'ready',
          startedAt: null,
          pairs: result.pairs,
          total: result.total,
          dismissed: result.dismissed,
          busy: {},
          pairErrors: {},
          progress: 1,
          // A fresh scan lists what is there now: an earlier merge's pairs are no longer kept aside.
          lastMerge: null,
        });
      } catch (error) {
        if (mine !== generation) return;
        stopProgress();
        set({ status: 'failed', error, startedAt: null });
      }
    },

    cancel() {
      if (get().status !== 'scanning') return;
      generation++;
      stopProgress();
      // Back to what was shown before the scan: the previous results, or nothing yet.
      set((s) => ({ status: s.pairs.length || s.total ? 'ready' : 'idle', startedAt: null }));
    },

    async dismiss(a, b, note) {
      const key = pairKey(a, b);
      if (get().busy[key]) return false;
      set((s) => {
        const pairErrors = { ...s.pairErrors };
        delete pairErrors[key];
        return { busy: { ...s.busy, [key]: true }, pairErrors };
      });
      const done = (s: DuplicatesState) => {
        const busy = { ...s.busy };
        delete busy[key];
        return busy;
      };
      try {
        await api.call('duplicates:dismiss', note ? { a, b, note } : { a, b });
        set((s) => {
          const had = s.pairs.some((p) => pairKey(p.a.id, p.b.id) === key);
          return {
            busy: done(s),
            pairs: s.pairs.filter((p) => pairKey(p.a.id, p.b.id) !== key),
            total: had ? Math.max(0, s.total - 1) : s.total,
            dismissed: had ? s.dismissed + 1 : s.dismissed,
          };
        });
        return true;
      } catch (error) {
        set((s) => ({ busy: done(s), pairErrors: { ...s.pairErrors, [key]: error } }));
        return false;
      }
    },

    merged(merge) {
      const gone = (p: DuplicatePair) => p.a.id === merge.mergedId || p.b.id === merge.mergedId;
      set((s) => {
        const removed = s.pairs.filter(gone);
        return {
          pairs: s.pairs.filter((p) => !gone(p)),
          total: Math.max(0, s.total - removed.length),
          lastMerge: { merge, removed },
        };
      });
    },

    async undoMerge() {
      const last = get().lastMerge;
      if (!last || get().undoing) return null;
      set({ undoing: true });
      try {
        const result = await api.call('merges:undo', { id: last.merge.id });
        set((s) => {
          if (s.lastMerge !== last) return { undoing: false };
          const have = new Set(s.pairs.map((p) => pairKey(p.a.id, p.b.id)));
          const back = last.removed.filter((p) => !have.has(pairKey(p.a.id, p.b.id)));
          return {
            undoing: false,
            lastMerge: null,
            pairs: [...s.pairs, ...back].sort(byStrength),
            total: s.total + back.length,
          };
        });
        return result;
      } catch (error) {
        set({ undoing: false });
        throw error;
      }
    },
  }));
}
