import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { z } from 'zod';
import type {
  AuditEntryOut,
  ClientCard,
  ClientRow,
  Contact,
  CorrectionRequest,
  DuplicateSuspect,
  PersonalExportFile,
} from '../../../../../shared/contract/clients.schema';
import type { CommandInput } from '../../../../../shared/contract/commands';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';

// One client's card: the client, its chain, contact persons, data-quality gaps and timeline, as the
// core answers clients:get for the signed-in person (the core decides what they may see and edit).
// Kept fresh while the card is open; every save goes through here and reloads what it changed.
// Also the history view of the client or one of its contacts, and (for reps and managers) the
// correction requests they filed about this client, with the operator's answers.

export type AuditEntry = z.infer<typeof AuditEntryOut>;

export interface HistoryState {
  entityId: string | null;
  status: LoadStatus;
  entries: AuditEntry[];
  error: unknown;
}

export type ContactSave =
  | { mode: 'create' | 'propose'; input: CommandInput<'contacts:create'> }
  | { mode: 'edit'; id: string; patch: CommandInput<'contacts:update'>['patch'] }
  | { mode: 'confirm'; id: string; patch?: CommandInput<'contacts:update'>['patch'] };

export interface ClientCardState {
  /** The client on screen (or last on screen: its card stays for a quick return). */
  clientId: string | null;
  /** True while the card screen is mounted: only then do the core's events refetch it. */
  active: boolean;
  status: LoadStatus;
  card: ClientCard | null;
  error: unknown;
  /** For reps and managers: the correction requests they filed about this client, newest first. */
  myCorrections: CorrectionRequest[];
  history: HistoryState;

  /** Shows a client: loads it (a different client starts from an empty card). */
  open: (clientId: string) => Promise<void>;
  /** The screen went away: stop following changes. */
  close: () => void;
  load: () => Promise<void>;

  saveClient: (
    id: string | null,
    input: CommandInput<'clients:create'> | CommandInput<'clients:update'>['patch'],
  ) => Promise<ClientCard>;
  /** Clients the one being entered may duplicate (same tax ID, phone, e-mail, or similar name and address). */
  checkDuplicates: (input: CommandInput<'clients:checkDuplicates'>) => Promise<DuplicateSuspect[]>;
  saveContact: (save: ContactSave) => Promise<Contact>;
  fileCorrection: (input: CommandInput<'corrections:create'>) => Promise<CorrectionRequest>;
  setConsent: (input: CommandInput<'contacts:setConsent'>) => Promise<Contact>;
  exportData: (input: CommandInput<'contacts:exportData'>) => Promise<PersonalExportFile>;
  erase: (input: CommandInput<'contacts:erase'>) => Promise<Contact>;
  /** Clients that can be a parent company (no parent of their own), not the client itself. */
  searchParents: (query: string, selfId: string | null) => Promise<ClientRow[]>;

  openHistory: (entityId: string) => Promise<void>;
  loadHistory: () => Promise<void>;
  closeHistory: () => void;

  /** Forgets everything (someone signed out: the next person may not see it). */
  reset: () => void;
  /** Subscribes to the core's events; returns the stop function. */
  connect: () => () => void;
}

/** What the card shows: the client and its contacts, the rep's requests, and the timeline's records. */
const CARD_ENTITIES = new Set([
  'clients',
  'contacts',
  'correctionRequests',
  'visits',
  'calls',
  'localActions',
  'orderLines',
  'deals',
  'merges',
]);
const HISTORY_ENTITIES = new Set(['audit']);

const emptyHistory = (): HistoryState => ({ entityId: null, status: 'idle', entries: [], error: null });

/** No client: the store's first state, and what reset() goes back to. */
const emptyCard = (): Pick<
  ClientCardState,
  'clientId' | 'active' | 'status' | 'card' | 'error' | 'myCorrections' | 'history'
> => ({
  clientId: null,
  active: false,
  status: 'idle',
  card: null,
  error: null,
  myCorrections: [],
  history: emptyHistory(),
});

export function createClientCardStore(api: RegioApi): StoreApi<ClientCardState> {
  let generation = 0;
  let correctionsGeneration = 0;
  let historyGeneration = 0;

  return createStore<ClientCardState>()((set, get) => {
    const loadCorrections = async (clientId: string) => {
      const mine = ++correctionsGeneration;
      try {
        const all = await api.call('corrections:list', {});
        if (mine !== correctionsGeneration || get().clientId !== clientId) return;
        set({
          myCorrections: all
            .filter((r) => r.clientId === clientId)
            .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)),
        });
      } catch {
        // The list is a courtesy beside the card; the queue screen shows its own errors.
      }
    };

    /** After a save: the card as the core now has it (the event will ask again; the guard keeps one). */
    const reloadIf = async (clientId: string | null) => {
      if (clientId && clientId === get().clientId) await get().load();
    };

    return {
      ...emptyCard(),

      open: async (clientId) => {
        if (clientId !== get().clientId) {
          generation++;
          correctionsGeneration++;
          historyGeneration++;
          set({
            clientId,
            status: 'loading',
            card: null,
            error: null,
            myCorrections: [],
            history: emptyHistory(),
          });
        }
        set({ active: true });
        await get().load();
      },

      close: () => {
        historyGeneration++;
        set({ active: false, history: emptyHistory() });
      },

      load: async () => {
        const id = get().clientId;
        if (!id) return;
        const mine = ++generation;
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const card = await api.call('clients:get', { id });
          if (mine !== generation) return;
          set({ status: 'ready', card, error: null });
          if (!card.canEdit.contactData) await loadCorrections(id);
        } catch (error) {
          if (mine === generation) set({ status: 'failed', error });
        }
      },

      checkDuplicates: (input) => api.call('clients:checkDuplicates', input),

      saveClient: async (id, input) => {
        const card = id
          ? await api.call('clients:update', { id, patch: input })
          : await api.call('clients:create', input as CommandInput<'clients:create'>);
        const savedId = card.client.id;
        if (savedId === get().clientId) {
          generation++;
          set({ status: 'ready', card, error: null });
        } else if (!id) {
          // A new client: its card is what opens next, without a second wait.
          generation++;
          correctionsGeneration++;
          historyGeneration++;
          set({
            clientId: savedId,
            status: 'ready',
            card,
            error: null,
            myCorrections: [],
            history: emptyHistory(),
          });
        }
        return card;
      },

      saveContact: async (save) => {
        let contact: Contact;
        switch (save.mode) {
          case 'create':
            contact = await api.call('contacts:create', save.input);
            break;
          case 'propose':
            contact = await api.call('contacts:propose', save.input);
            break;
          case 'edit':
            contact = await api.call('contacts:update', { id: save.id, patch: save.patch });
            break;
          case 'confirm':
            contact = await api.call(
              'contacts:confirm',
              save.patch ? { id: save.id, patch: save.patch } : { id: save.id },
            );
            break;
        }
        await reloadIf(contact.clientId);
        return contact;
      },

      fileCorrection: async (input) => {
        const request = await api.call('corrections:create', input);
        if (input.clientId === get().clientId) await loadCorrections(input.clientId);
        return request;
      },

      setConsent: async (input) => {
        const contact = await api.call('contacts:setConsent', input);
        await reloadIf(contact.clientId);
        return contact;
      },

      exportData: (input) => api.call('contacts:exportData', input),

      erase: async (input) => {
        const contact = await api.call('contacts:erase', input);
        await reloadIf(contact.clientId);
        return contact;
      },

      searchParents: async (query, selfId) => {
        const { rows } = await api.call('clients:list', { query, limit: 10 });
        return rows.filter((r) => r.id !== selfId && r.parentId === null);
      },

      openHistory: async (entityId) => {
        historyGeneration++;
        set({ history: { entityId, status: 'loading', entries: [], error: null } });
        await get().loadHistory();
      },

      loadHistory: async () => {
        const { entityId } = get().history;
        if (!entityId) return;
        const mine = ++historyGeneration;
        try {
          const entries = await api.call('audit:history', { entityId });
          if (mine !== historyGeneration) return;
          // Newest first: the question is usually "who changed this last?".
          const sorted = [...entries].sort((a, b) =>
            a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1,
          );
          set({ history: { entityId, status: 'ready', entries: sorted, error: null } });
        } catch (error) {
          if (mine === historyGeneration) set({ history: { ...get().history, status: 'failed', error } });
        }
      },

      closeHistory: () => {
        historyGeneration++;
        set({ history: emptyHistory() });
      },

      reset: () => {
        generation++;
        correctionsGeneration++;
        historyGeneration++;
        set(emptyCard());
      },

      connect: () =>
        api.on('data:changed', ({ entities }) => {
          const s = get();
          if (!s.active || !s.clientId) return;
          if (entities.some((e) => CARD_ENTITIES.has(e))) void s.load();
          if (s.history.entityId && entities.some((e) => HISTORY_ENTITIES.has(e) || CARD_ENTITIES.has(e)))
            void s.loadHistory();
        }),
    };
  });
}
