import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ClientCard,
  CorrectionRequest,
  ProposedContactRow,
  QualityFlag,
} from '../../../../../shared/contract/clients.schema';
import type { CommandOutput } from '../../../../../shared/contract/commands';
import { ApiError } from '../../../api/regio-api';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';

// The operator's queue (correction requests and proposed contacts, oldest first) and the counters
// that point to it from the tabs and the home screen; for reps and managers, the requests they
// filed. Each part loads on first use only (a rep may not ask for the office's queue) and is
// fetched again when the core says corrections, contacts or clients changed.

export type QueueCounts = CommandOutput<'corrections:counts'>;
/** 'office': the whole office's open queue (operator, admin); 'mine': the requests I filed. */
export type QueueScope = 'office' | 'mine';
export type ItemAction = 'accept' | 'reject' | 'confirm';

/** A client's card, fetched for the names and current values the corrections refer to. */
export type CardEntry =
  { status: 'loading' } | { status: 'ready'; card: ClientCard } | { status: 'failed'; error: unknown };

export interface QueueState {
  /** Open corrections and unconfirmed contacts (operator, admin); null until loaded. */
  counts: QueueCounts | null;
  countsError: unknown;

  /** The queue itself (or, for scope 'mine', the requests I filed). */
  scope: QueueScope | null;
  status: LoadStatus;
  error: unknown;
  corrections: CorrectionRequest[];
  proposed: ProposedContactRow[];
  /** Client cards by client id, for the corrections shown. */
  cards: Record<string, CardEntry>;

  /** Per item (correction or contact id): the action under way, and why the last one failed. */
  busy: Record<string, ItemAction>;
  itemErrors: Record<string, unknown>;

  /** Clients per data-quality flag (the home's "clients to complete"); absent until loaded. */
  quality: Partial<Record<QualityFlag, number>>;
  qualityStatus: LoadStatus;
  qualityError: unknown;

  loadCounts: () => Promise<void>;
  load: (scope: QueueScope) => Promise<void>;
  /** Fetches the cards of these clients that are not there yet (or all of them with force). */
  ensureCards: (clientIds: readonly string[], force?: boolean) => Promise<void>;
  loadQuality: (flags: readonly QualityFlag[]) => Promise<void>;
  /** Applies the change; false if the core refused (the reason stays on the item). */
  accept: (id: string) => Promise<boolean>;
  /** Sends the note back to the rep; throws what the core said (the dialog shows it). */
  reject: (id: string, note: string) => Promise<void>;
  /** Confirms a proposed contact as it is; false if the core refused (kept on the item). */
  confirm: (contactId: string) => Promise<boolean>;
  clearItemError: (id: string) => void;
  /** Forgets everything (someone signed out: the next person may not see it). */
  reset: () => void;
  /** Subscribes to the core's events; returns the stop function. */
  connect: () => () => void;
}

const QUEUE_ENTITIES = new Set(['correctionRequests', 'contacts', 'clients']);
const CARD_ENTITIES = new Set(['clients', 'contacts']);
/** How many cards are fetched at once: the queue is tens of items, the host one process. */
const CARD_PARALLEL = 4;

/** The state without its actions. */
type QueueData = {
  [K in keyof QueueState as QueueState[K] extends (...args: never[]) => unknown ? never : K]: QueueState[K];
};

/** Nothing loaded: the store's first state, and what reset() goes back to. */
function emptyState(): QueueData {
  return {
    counts: null,
    countsError: null,
    scope: null,
    status: 'idle',
    error: null,
    corrections: [],
    proposed: [],
    cards: {},
    busy: {},
    itemErrors: {},
    quality: {},
    qualityStatus: 'idle',
    qualityError: null,
  };
}

function without<T>(rec: Record<string, T>, key: string): Record<string, T> {
  if (!(key in rec)) return rec;
  const next = { ...rec };
  delete next[key];
  return next;
}

/** Keeps only the entries whose key is still shown. */
function keep<T>(rec: Record<string, T>, ids: ReadonlySet<string>): Record<string, T> {
  const entries = Object.entries(rec).filter(([k]) => ids.has(k));
  return entries.length === Object.keys(rec).length ? rec : Object.fromEntries(entries);
}

/** A request the operator decided meanwhile (or that vanished): the queue is stale, not the item. */
function isStale(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'conflict' || e.code === 'not_found');
}

export function createQueueStore(api: RegioApi): StoreApi<QueueState> {
  const gen = { counts: 0, queue: 0, quality: 0, cards: 0 };
  let countsWanted = false;
  let qualityFlags: readonly QualityFlag[] = [];

  return createStore<QueueState>()((set, get) => {
    const setBusy = (id: string, action: ItemAction | null) =>
      set((s) => ({ busy: action ? { ...s.busy, [id]: action } : without(s.busy, id) }));
    const setItemError = (id: string, error: unknown) =>
      set((s) => ({
        itemErrors: error === null ? without(s.itemErrors, id) : { ...s.itemErrors, [id]: error },
      }));

    /** After a decision: the queue and its counters as the core now has them. */
    const refresh = async () => {
      const scope = get().scope;
      await Promise.all([scope ? get().load(scope) : null, countsWanted ? get().loadCounts() : null]);
    };

    const fetchCards = async (ids: readonly string[]) => {
      const mine = gen.cards;
      const queue = [...ids];
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            const card = await api.call('clients:get', { id });
            if (mine === gen.cards) set((s) => ({ cards: { ...s.cards, [id]: { status: 'ready', card } } }));
          } catch (error) {
            if (mine === gen.cards)
              set((s) => ({ cards: { ...s.cards, [id]: { status: 'failed', error } } }));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CARD_PARALLEL, queue.length) }, worker));
    };

    return {
      ...emptyState(),

      loadCounts: async () => {
        countsWanted = true;
        const mine = ++gen.counts;
        try {
          const counts = await api.call('corrections:counts', {});
          if (mine === gen.counts) set({ counts, countsError: null });
        } catch (error) {
          if (mine === gen.counts) set({ countsError: error });
        }
      },

      load: async (scope) => {
        const mine = ++gen.queue;
        if (get().scope !== scope) set({ scope, status: 'loading', corrections: [], proposed: [] });
        else if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const [corrections, proposed] = await Promise.all([
            api.call('corrections:list', scope === 'office' ? { status: 'open' } : {}),
            scope === 'office' ? api.call('contacts:listProposed', {}) : Promise.resolve([]),
          ]);
          if (mine !== gen.queue) return;
          // What is no longer shown loses its busy mark and its error; the rest keep theirs.
          const shown = new Set([...corrections.map((r) => r.id), ...proposed.map((p) => p.contact.id)]);
          set((s) => ({
            status: 'ready',
            error: null,
            corrections,
            proposed,
            itemErrors: keep(s.itemErrors, shown),
            cards: keep(s.cards, new Set(corrections.map((r) => r.clientId))),
            // The office's counts are these lists' lengths: keep the tabs and home in step.
            ...(scope === 'office'
              ? { counts: { openCorrections: corrections.length, proposedContacts: proposed.length } }
              : {}),
          }));
        } catch (error) {
          if (mine === gen.queue) set({ status: 'failed', error });
        }
      },

      ensureCards: async (clientIds, force = false) => {
        const cards = get().cards;
        const ids = [...new Set(clientIds)].filter((id) => {
          const c = cards[id];
          return force ? c?.status !== 'loading' : c === undefined || c.status === 'failed';
        });
        if (ids.length === 0) return;
        set((s) => {
          const next = { ...s.cards };
          // A refetch keeps showing the card it has until the new one arrives.
          for (const id of ids) if (next[id]?.status !== 'ready') next[id] = { status: 'loading' };
          return { cards: next };
        });
        await fetchCards(ids);
      },

      loadQuality: async (flags) => {
        qualityFlags = [...flags];
        const mine = ++gen.quality;
        if (get().qualityStatus !== 'ready') set({ qualityStatus: 'loading' });
        try {
          // limit 1: only the total matters. "No rep" is the cheaper rep filter, not the flag scan.
          const totals = await Promise.all(
            flags.map((flag) =>
              api
                .call(
                  'clients:list',
                  flag === 'no_rep' ? { repId: null, limit: 1 } : { quality: flag, limit: 1 },
                )
                .then((r) => [flag, r.total] as const),
            ),
          );
          if (mine === gen.quality)
            set({ quality: Object.fromEntries(totals), qualityStatus: 'ready', qualityError: null });
        } catch (error) {
          if (mine === gen.quality) set({ qualityStatus: 'failed', qualityError: error });
        }
      },

      accept: async (id) => {
        if (get().busy[id]) return false;
        setBusy(id, 'accept');
        setItemError(id, null);
        try {
          await api.call('corrections:accept', { id });
          await refresh();
          return true;
        } catch (error) {
          setItemError(id, error);
          if (isStale(error)) await refresh();
          return false;
        } finally {
          setBusy(id, null);
        }
      },

      reject: async (id, note) => {
        setBusy(id, 'reject');
        try {
          await api.call('corrections:reject', { id, note });
          setItemError(id, null);
          await refresh();
        } finally {
          setBusy(id, null);
        }
      },

      confirm: async (contactId) => {
        if (get().busy[contactId]) return false;
        setBusy(contactId, 'confirm');
        setItemError(contactId, null);
        try {
          await api.call('contacts:confirm', { id: contactId });
          await refresh();
          return true;
        } catch (error) {
          setItemError(contactId, error);
          if (isStale(error)) await refresh();
          return false;
        } finally {
          setBusy(contactId, null);
        }
      },

      clearItemError: (id) => setItemError(id, null),

      reset: () => {
        gen.counts++;
        gen.queue++;
        gen.quality++;
        gen.cards++;
        countsWanted = false;
        qualityFlags = [];
        set(emptyState());
      },

      connect: () =>
        api.on('data:changed', ({ entities }) => {
          if (!entities.some((e) => QUEUE_ENTITIES.has(e))) return;
          const s = get();
          if (countsWanted) void s.loadCounts();
          if (s.scope) void s.load(s.scope);
          if (qualityFlags.length && entities.some((e) => CARD_ENTITIES.has(e)))
            void s.loadQuality(qualityFlags);
          // The names and current values shown may have changed with the records.
          const held = Object.keys(s.cards);
          if (held.length && entities.some((e) => CARD_ENTITIES.has(e))) void s.ensureCards(held, true);
        }),
    };
  });
}
