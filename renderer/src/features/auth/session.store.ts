import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../../shared/contract/commands';
import type { AppErrorData } from '../../../../shared/contract/errors';
import type { Locale } from '../../../../shared/contract/office.schema';
import type { PublicUser, SessionState } from '../../../../shared/contract/users.schema';
import { toErrorData } from '../../api/regio-api';
import type { RegioApi } from '../../api/regio-api';
import type { Language } from '../../i18n/i18n';

// Who is signed in, in which office, and in which language the UI speaks. A cache of the core's
// auth:session: every data:changed refetches it, so a restore (which signs everyone out) or an
// account deactivated elsewhere shows at once.

export type FirstRunInput = CommandInput<'setup:createOffice'>;

/** Why the sign-in screen is shown, when it is not the first time. */
export type SessionNotice = 'signed_out' | 'restored' | 'expired';

export interface SessionStoreState {
  status: 'loading' | 'ready' | 'failed';
  session: SessionState | null;
  loadError: AppErrorData | null;
  notice: SessionNotice | null;
  /** The language picked on the first-run or sign-in screen (not remembered past a sign-out). */
  chosenLanguage: Language | null;
  refresh: () => Promise<void>;
  /** Throws ApiError (unknown login, wrong password, disabled, throttled) for the form to show. */
  signIn: (login: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  createOffice: (input: FirstRunInput) => Promise<void>;
  openDemo: (locale: Locale) => Promise<void>;
  /** First run: imports an "export everything" file waiting in the data folder's incoming/ folder. */
  importExport: (fileName: string) => Promise<void>;
  changePassword: (current: string, next: string) => Promise<void>;
  /** Switches the UI language; remembered in the core for a signed-in user. */
  setLanguage: (language: Language) => Promise<void>;
  /** Takes a session state a command returned (a restore answers with one). */
  adopt: (session: SessionState, notice?: SessionNotice) => void;
  connect: () => () => void;
}

/**
 * The language the UI should speak: the signed-in user's own choice, else the office's locale;
 * before sign-in, what was picked on screen, else the office's locale, else the browser's.
 */
export function effectiveLanguage(
  s: Pick<SessionStoreState, 'session' | 'chosenLanguage'>,
  browser: Language,
): Language {
  const user = s.session?.user;
  const office = s.session?.locale ?? null;
  if (user) return user.language ?? s.chosenLanguage ?? office ?? browser;
  return s.chosenLanguage ?? office ?? browser;
}

export function createSessionStore(api: RegioApi): StoreApi<SessionStoreState> {
  let generation = 0;
  return createStore<SessionStoreState>()((set, get) => {
    const patchUser = (user: PublicUser) => {
      const session = get().session;
      if (session?.user?.id === user.id) set({ session: { ...session, user } });
    };
    return {
      status: 'loading',
      session: null,
      loadError: null,
      notice: null,
      chosenLanguage: null,

      refresh: async () => {
        const mine = ++generation;
        try {
          const session = await api.call('auth:session', {});
          if (mine !== generation) return;
          const was = get().session?.user;
          // Signed out by someone else (a restore, a deactivation): tell the person why.
          const notice = was && !session.user ? 'expired' : get().notice;
          set({ status: 'ready', session, loadError: null, notice });
        } catch (e) {
          if (mine !== generation) return;
          set(
            get().status === 'ready'
              ? { loadError: toErrorData(e) }
              : { status: 'failed', loadError: toErrorData(e) },
          );
        }
      },

      signIn: async (login, password) => {
        const session = await api.call('auth:signIn', { login, password });
        generation++;
        set({ session, notice: null, status: 'ready' });
      },

      signOut: async () => {
        const session = await api.call('auth:signOut', {});
        generation++;
        // The desk goes back to the office's language for whoever signs in next.
        set({ session, notice: 'signed_out', chosenLanguage: null });
      },

      createOffice: async (input) => {
        const session = await api.call('setup:createOffice', input);
        generation++;
        set({ session, notice: null, status: 'ready' });
      },

      openDemo: async (locale) => {
        const session = await api.call('setup:openDemo', { locale });
        generation++;
        set({ session, notice: null, status: 'ready', chosenLanguage: locale });
      },

      importExport: async (fileName) => {
        const session = await api.call('setup:importAll', { fileName });
        generation++;
        set({ session, notice: null, status: 'ready' });
      },

      changePassword: async (currentPassword, next) => {
        await api.call('auth:changePassword', { current: currentPassword, next });
      },

      setLanguage: async (language) => {
        const user = get().session?.user;
        if (!user) {
          set({ chosenLanguage: language });
          return;
        }
        // Optimistic: the screen switches at once; a refusal puts the old language back.
        patchUser({ ...user, language });
        try {
          patchUser(await api.call('prefs:setLanguage', { language }));
        } catch (e) {
          patchUser(user);
          throw e;
        }
      },

      adopt: (session, notice) => {
        generation++;
        set({ session, status: 'ready', notice: notice ?? get().notice });
      },

      connect: () => api.on('data:changed', () => void get().refresh()),
    };
  });
}

export const selectUser = (s: SessionStoreState) => s.session?.user ?? null;
export const selectRole = (s: SessionStoreState) => s.session?.user?.role ?? null;
