import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Result } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { Clock } from '../../../shared/domain/dates';
import { systemClock, todayIn } from '../../../shared/domain/dates';
import { uuidv7 } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/contract/errors';
import { DEFAULT_COST } from '../auth/password';
import type { ScryptCost } from '../auth/password';
import { PERMISSIONS } from '../auth/permissions';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { currentOffice } from '../office/office.service';
import type { UserRecord } from '../users/users.service';
import type { FileLayer } from '../store/file-layer';
import { nodeFileLayer, writeFileAtomic } from '../store/file-layer';
import { Store } from '../store/store';
import type { StoreOptions } from '../store/store';
import { dispatch } from './dispatcher';
import type { CoreConfig, HandlerContext, Session } from './handler-context';
import { handlers } from './handler-table';
import type { Handlers } from './handler-table';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  fs?: FileLayer;
  appVersion?: string;
  /** Time zone used before an office exists (first run). */
  defaultTimeZone?: string;
  history?: 'eager' | 'background';
  checkOutput?: boolean;
  store?: Partial<StoreOptions>;
  handlers?: Handlers;
  log?: (msg: string, err?: unknown) => void;
  /** Lower only in tests: scrypt at full cost makes every created user take ~50 ms. */
  scryptCost?: ScryptCost;
  failedSignInDelayMs?: number;
}

type Listener = (event: EventName, payload: unknown) => void;

export interface Core {
  readonly store: Store;
  readonly clock: Clock;
  openSession(): Session;
  getSession(id: string): Session | undefined;
  closeSession(id: string): void;
  /** The one entry point of every transport. Never throws. */
  dispatch(sessionId: string, command: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(l: Listener): () => void;
  close(): Promise<void>;
}

/** The device id names this desk in every journal record (for sync later); made once per data folder. */
async function deviceIdFor(fs: FileLayer, dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'device.json');
  const buf = await fs.readFile(file);
  if (buf) {
    try {
      const v = JSON.parse(buf.toString('utf8')) as { deviceId?: unknown };
      if (typeof v.deviceId === 'string' && v.deviceId) return v.deviceId;
    } catch {
      /* a damaged device file gets a new id below */
    }
  }
  const deviceId = `${os.hostname().slice(0, 24)}-${randomBytes(4).toString('hex')}`;
  await fs.mkdirp(dataDir);
  await writeFileAtomic(
    fs,
    file,
    Buffer.from(JSON.stringify({ deviceId, createdAt: new Date().toISOString() })),
  );
  return deviceId;
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const fs = opts.fs ?? nodeFileLayer;
  const clock = opts.clock ?? systemClock;
  const deviceId = await deviceIdFor(fs, opts.dataDir);
  const store = await Store.open({
    dir: opts.dataDir,
    deviceId,
    fs,
    clock,
    history: opts.history ?? 'background',
    ...opts.store,
  });
  const sessions = new Map<string, Session>();
  const listeners = new Set<Listener>();
  const emit = <K extends EventName>(event: K, payload: EventPayload<K>) => {
    for (const l of listeners) l(event, payload);
  };
  store.onCommit((c) => emit('data:changed', { entities: c.entities, seq: c.seq }));
  store.onHistoryLoaded(() => emit('store:loaded', { historyLoaded: true }));
  const timeZone = () => currentOffice(store)?.timeZone ?? opts.defaultTimeZone ?? 'Europe/Warsaw';
  const throttle = new SignInThrottle(() => clock.now().getTime());
  const config: CoreConfig = {
    appVersion: opts.appVersion ?? '0.0.0',
    scryptCost: opts.scryptCost ?? DEFAULT_COST,
    failedSignInDelayMs: opts.failedSignInDelayMs ?? 400,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
  const activeUser = (session: Session): UserRecord | null => {
    if (!session.userId) return null;
    const u = store.get<UserRecord>('users', session.userId);
    // A user deactivated while signed in loses the session at their next call.
    return u && u.active !== false ? u : null;
  };

  const run = (session: Session, command: string, input: unknown): Promise<Result<unknown>> => {
    const context = (): HandlerContext => ({
      store,
      clock,
      session,
      config,
      throttle,
      maybeUser: () => activeUser(session),
      user: () => {
        const u = activeUser(session);
        if (!u) throw new AppError('unauthenticated', 'Not signed in');
        return u;
      },
      today: () => todayIn(clock, timeZone()),
      timeZone,
      actorId: () => session.userId ?? 'system',
      emit,
      callAs: (userId, cmd, inp) =>
        run({ id: `as-${userId}`, userId, createdAt: clock.now().toISOString() }, cmd, inp),
    });
    return dispatch(
      {
        handlers: opts.handlers ?? handlers,
        permissions: PERMISSIONS,
        context,
        historyLoaded: () => store.historyLoaded,
        whenHistoryLoaded: () => store.whenHistoryLoaded(),
        checkOutput: opts.checkOutput,
        log: opts.log,
      },
      command,
      input,
    );
  };

  const core: Core = {
    store,
    clock,
    openSession() {
      const s: Session = { id: uuidv7(), userId: null, createdAt: clock.now().toISOString() };
      sessions.set(s.id, s);
      return s;
    },
    getSession: (id) => sessions.get(id),
    closeSession: (id) => void sessions.delete(id),
    dispatch(sessionId, command, input) {
      const session = sessions.get(sessionId);
      if (!session) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unauthenticated', key: 'errors.session_expired', message: 'No such session' },
        });
      }
      return run(session, command, input);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      listeners.clear();
      await store.close();
    },
  };
  return core;
}
