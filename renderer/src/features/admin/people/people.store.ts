import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../../../shared/contract/commands';
import type { PublicUser, Team } from '../../../../../shared/contract/users.schema';
import type { RegioApi } from '../../../api/regio-api';

// The office's users and teams, for Administration and the admin's home. Loaded on first use only
// (other roles may not list users); refetched when the core says users or teams changed.

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface PeopleState {
  status: LoadStatus;
  users: PublicUser[];
  teams: Team[];
  error: unknown;
  load: () => Promise<void>;
  createUser: (input: CommandInput<'users:create'>) => Promise<PublicUser>;
  updateUser: (input: CommandInput<'users:update'>) => Promise<PublicUser>;
  resetPassword: (id: string, password: string) => Promise<void>;
  createTeam: (input: CommandInput<'teams:create'>) => Promise<Team>;
  updateTeam: (input: CommandInput<'teams:update'>) => Promise<Team>;
  /** Forgets everything (someone signed out: the next person may not see it). */
  reset: () => void;
  connect: () => () => void;
}

const WATCHED = new Set(['users', 'teams']);

export function createPeopleStore(api: RegioApi): StoreApi<PeopleState> {
  let generation = 0;
  return createStore<PeopleState>()((set, get) => {
    const after = async <T>(p: Promise<T>): Promise<T> => {
      const result = await p;
      await get().load();
      return result;
    };
    return {
      status: 'idle',
      users: [],
      teams: [],
      error: null,
      load: async () => {
        const mine = ++generation;
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const [users, teams] = await Promise.all([
            api.call('users:list', { includeInactive: true }),
            api.call('teams:list', {}),
          ]);
          if (mine === generation) set({ status: 'ready', users, teams, error: null });
        } catch (error) {
          if (mine === generation) set({ status: 'failed', error });
        }
      },
      createUser: (input) => after(api.call('users:create', input)),
      updateUser: (input) => after(api.call('users:update', input)),
      resetPassword: async (id, password) => {
        await api.call('users:resetPassword', { id, password });
      },
      createTeam: (input) => after(api.call('teams:create', input)),
      updateTeam: (input) => after(api.call('teams:update', input)),
      reset: () => {
        generation++;
        set({ status: 'idle', users: [], teams: [], error: null });
      },
      connect: () =>
        api.on('data:changed', ({ entities }) => {
          if (get().status !== 'idle' && entities.some((e) => WATCHED.has(e))) void get().load();
        }),
    };
  });
}
