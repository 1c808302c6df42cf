import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { DuplicatePair } from '../../../../../shared/contract/clients.schema';
import type { RegioApi } from '../../../api/regio-api';

// The scan of the whole base for suspected duplicates. The core takes a few seconds on a large
// base and serves other calls meanwhile; cancelling only stops waiting (a generation counter makes
// the late answer be ignored), the core finishes on its own. One store per screen mount.

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

  scan: () => Promise<void>;
  /** Stops waiting for the scan under way; its answer, when it comes, is ignored. */
  cancel: () => void;
  /** Marks the pair as not a duplicate for good; false if the core refused (kept on the pair). */
  dismiss: (a: string, b: string, note?: string) => Promise<boolean>;
}

export function createDuplicatesStore(
  api: RegioApi,
  now: () => number = Date.now,
): StoreApi<DuplicatesState> {
  let generation = 0;
  return createStore<DuplicatesState>()((set, get) => ({
    status: 'idle',
    error: null,
    startedAt: null,
    pairs: [],
    total: 0,
    dismissed: 0,
    busy: {},
    pairErrors: {},

    async scan() {
      const mine = ++generation;
      set({ status: 'scanning', error: null, startedAt: now() });
      try {
        const result = await api.call('duplicates:scan', { limit: SCAN_LIMIT });
        if (mine !== generation) return;
        set({
          status: 'ready',
          startedAt: null,
          pairs: result.pairs,
          total: result.total,
          dismissed: result.dismissed,
          busy: {},
          pairErrors: {},
        });
      } catch (error) {
        if (mine !== generation) return;
        set({ status: 'failed', error, startedAt: null });
      }
    },

    cancel() {
      if (get().status !== 'scanning') return;
      generation++;
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
  }));
}
