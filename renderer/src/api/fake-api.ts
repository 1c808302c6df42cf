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
import type { Office } from '../../../shared/contract/office.schema';
import type { StoreStatus, SystemInfo } from '../../../shared/contract/system.schema';
import type { SessionState } from '../../../shared/contract/users.schema';
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
 * A tiny in-memory office for the first-run and home screens: setup:createOffice creates the office
 * and signs the caller in; the store status answers only a signed-in caller, as in the core.
 */
export function fakeOfficeCore(opts: { today?: string; office?: Office | null } = {}) {
  let office: Office | null = opts.office ?? null;
  let signedIn = false;
  let seq = office ? 1 : 0;
  const api = createFakeApi();
  const info = (): SystemInfo => ({
    appVersion: '0.0.0-test',
    schemaVersion: 1,
    deviceId: 'fake-device',
    today: opts.today ?? '2026-11-24',
    timeZone: office?.timeZone ?? 'Europe/Warsaw',
    officeConfigured: office !== null,
    historyLoaded: true,
  });
  const session = (): SessionState => ({
    user: null,
    firstRun: office === null,
    demoLogins: null,
    officeName: office?.name ?? null,
    locale: office?.locale ?? null,
  });
  api.handle('system:info', info);
  api.handle('system:storeStatus', (): StoreStatus => {
    if (!signedIn) throw new AppError('unauthenticated', 'Not signed in');
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
  api.handle('auth:session', session);
  api.handle('setup:createOffice', ({ office: input }) => {
    if (office)
      throw new AppError('conflict', 'The office is set up already', { key: 'errors.office_exists' });
    const at = '2026-11-24T08:00:00.000Z';
    office = {
      id: 'office-1',
      createdAt: at,
      createdBy: 'system',
      updatedAt: at,
      updatedBy: 'system',
      ...input,
    };
    signedIn = true;
    seq += 1;
    api.emit('data:changed', { entities: ['offices', 'users'], seq });
    return session();
  });
  return api;
}
