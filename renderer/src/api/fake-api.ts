import type { z } from 'zod';
import { contract } from '../../../shared/contract/commands';
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  ParsedInput,
} from '../../../shared/contract/commands';
import { AppError, issuesFromZod } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { Office, OfficeInput } from '../../../shared/contract/office.schema';
import type { StoreStatus, SystemInfo } from '../../../shared/contract/system.schema';
import type { PublicUser, SessionState } from '../../../shared/contract/users.schema';
import { ApiError } from './regio-api';
import type { RegioApi } from './regio-api';

// A stand-in for the core in renderer tests. Inputs go through the contract's real schemas, so a
// component sees the same validation errors (with the same issue paths and keys) as in the app.

export type FakeHandlers = {
  [K in CommandName]?: (input: ParsedInput<K>) => CommandOutput<K> | Promise<CommandOutput<K>>;
};

export interface FakeApi extends RegioApi {
  /** Every call, in order: what the component sent. */
  readonly calls: { command: CommandName; input: unknown }[];
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  listenerCount(event?: EventName): number;
  /** Replaces a handler mid-test (e.g. to make the next call fail). */
  handle<K extends CommandName>(command: K, handler: NonNullable<FakeHandlers[K]>): void;
}

export function createFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const table: FakeHandlers = { ...handlers };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: { command: CommandName; input: unknown }[] = [];
  return {
    platform: 'web',
    calls,
    async call<K extends CommandName>(command: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
      calls.push({ command, input });
      const parsed = (contract[command].input as z.ZodType).safeParse(input ?? {});
      if (!parsed.success) {
        throw new ApiError(
          new AppError('validation', `Invalid input for ${command}`, {
            issues: issuesFromZod(parsed.error),
          }).toData(),
        );
      }
      const handler = table[command] as
        ((i: unknown) => CommandOutput<K> | Promise<CommandOutput<K>>) | undefined;
      if (!handler)
        throw new ApiError({
          code: 'unknown_command',
          key: 'errors.unknown_command',
          message: `The fake has no ${command}`,
        });
      try {
        // Resolve on a later tick, as a real transport does, so components must handle pending state.
        await Promise.resolve();
        return await handler(parsed.data);
      } catch (e) {
        if (e instanceof AppError) throw new ApiError(e.toData());
        throw e;
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<(payload: unknown) => void>();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    emit(event, payload) {
      for (const l of [...(listeners.get(event) ?? [])]) l(payload);
    },
    listenerCount(event) {
      if (event) return listeners.get(event)?.size ?? 0;
      return [...listeners.values()].reduce((n, s) => n + s.size, 0);
    },
    handle(command, handler) {
      (table as Record<string, unknown>)[command] = handler;
    },
  };
}

/**
 * A tiny in-memory office for store tests: first run (create or demo), sign-in with the core's error
 * keys, the language preference, office settings. The store status and prefs answer only a
 * signed-in caller, as in the core.
 */
export function fakeOfficeCore(opts: { today?: string; office?: Office | null } = {}) {
  let office: Office | null = opts.office ?? null;
  const users: (PublicUser & { password: string })[] = [];
  let userId: string | null = null;
  let seq = office ? 1 : 0;
  let demo = false;
  const api = createFakeApi();
  const at = '2026-11-24T08:00:00.000Z';
  const meta = (id: string) => ({
    id,
    createdAt: at,
    createdBy: 'system',
    updatedAt: at,
    updatedBy: 'system',
  });
  const me = () => users.find((u) => u.id === userId && u.active) ?? null;
  const publicUser = ({ password: _pw, ...u }: PublicUser & { password: string }): PublicUser => u;
  const changed = (entities: string[]) => {
    seq += 1;
    api.emit('data:changed', { entities, seq });
  };
  const info = (): SystemInfo => ({
    appVersion: '0.0.0-test',
    schemaVersion: 1,
    deviceId: 'fake-device',
    today: opts.today ?? '2026-11-24',
    timeZone: office?.timeZone ?? 'Europe/Warsaw',
    officeConfigured: office !== null,
    historyLoaded: true,
  });
  const session = (): SessionState => {
    const u = me();
    return {
      user: u ? publicUser(u) : null,
      firstRun: office === null,
      demoLogins: demo
        ? [{ login: 'admin', password: 'demo-admin', role: 'admin', displayName: 'Anna Administratorka' }]
        : null,
      officeName: office?.name ?? null,
      locale: office?.locale ?? null,
    };
  };
  const signedIn = () => {
    const u = me();
    if (!u) throw new AppError('unauthenticated', 'Not signed in');
    return u;
  };
  const addUser = (login: string, displayName: string, password: string) => {
    const u = {
      ...meta(`user-${users.length + 1}`),
      login,
      displayName,
      role: 'admin' as const,
      teamId: null,
      repCode: null,
      officeWide: false,
      active: true,
      language: null,
      password,
    };
    users.push(u);
    return u;
  };
  const makeOffice = (input: OfficeInput) => {
    if (office)
      throw new AppError('conflict', 'The office is set up already', { key: 'errors.office_exists' });
    office = { ...meta('office-1'), ...input };
  };
  api.handle('system:info', info);
  api.handle('system:storeStatus', (): StoreStatus => {
    signedIn();
    return {
      seq,
      checkpointSeq: 0,
      generation: 1,
      journalBytes: seq * 100,
      records: {},
      repairs: [],
      historyLoaded: true,
    };
  });
  api.handle('office:get', () => office);
  api.handle('office:update', ({ office: input }) => {
    signedIn();
    if (!office) throw new AppError('not_found', 'No office yet', { key: 'errors.office_missing' });
    office = { ...office, ...input };
    changed(['offices']);
    return office;
  });
  api.handle('auth:session', session);
  api.handle('auth:signIn', ({ login, password }) => {
    const u = users.find((x) => x.login === login);
    if (!u) throw new AppError('unauthenticated', 'No such login', { key: 'errors.sign_in_unknown_login' });
    if (u.password !== password)
      throw new AppError('unauthenticated', 'Wrong password', { key: 'errors.sign_in_wrong_password' });
    userId = u.id;
    return session();
  });
  api.handle('auth:signOut', () => {
    userId = null;
    return session();
  });
  api.handle('prefs:setLanguage', ({ language }) => {
    const u = signedIn();
    u.language = language;
    changed(['users']);
    return publicUser(u);
  });
  api.handle('setup:createOffice', ({ office: input, admin }) => {
    makeOffice(input);
    userId = addUser(admin.login, admin.displayName, admin.password).id;
    changed(['offices', 'users']);
    return session();
  });
  api.handle('setup:openDemo', ({ locale }) => {
    makeOffice({ name: 'Regio Demo', code: 'DEMO', currency: 'PLN', locale, timeZone: 'Europe/Warsaw' });
    addUser('admin', 'Anna Administratorka', 'demo-admin');
    demo = true;
    changed(['offices', 'users']);
    return session();
  });
  return api;
}
