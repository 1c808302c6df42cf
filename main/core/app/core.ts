import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { Result } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { startCallWatch } from '../calls/call-watch.service';
import type { Clock } from '../../../shared/domain/dates';
import { systemClock, todayIn, zonedParts } from '../../../shared/domain/dates';
import { uuidv7 } from '../../../shared/domain/ids';
import { DEFAULT_COST } from '../auth/password';
import type { ScryptCost } from '../auth/password';
import { PERMISSIONS } from '../auth/permissions';
import { SignInThrottle } from '../auth/sign-in-throttle';
import type { BackupInfo, BackupReason } from '../backups/backup.service';
import { createBackup, listBackups, restoreFiles, rotateBackups } from '../backups/backup.service';
import { exportAll, importAll } from '../backups/export.service';
import { currentOffice } from '../office/office.service';
import type { FileLayer } from '../store/file-layer';
import { nodeFileLayer, writeFileAtomic } from '../store/file-layer';
import { SCHEMA_VERSION } from '../store/schema';
import { Store } from '../store/store';
import { warmClientSearch } from '../clients/client-search.index';
import type { StoreOptions } from '../store/store';
import type { UserRecord } from '../users/users.service';
import { dispatch } from './dispatcher';
import type { CoreConfig, DataOps, HandlerContext, Session } from './handler-context';
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
  /** Automatic backups: on start and once a day; `keep` rotating ones are kept. Off in most tests. */
  backups?: { automatic: boolean; keep?: number };
  /** Polling of the watched call folder; off in tests that run passes by hand. */
  callWatch?: { intervalMs?: number } | false;
}

type Listener = (event: EventName, payload: unknown) => void;

export interface Core {
  /** The open store (a restore or an import replaces it). */
  readonly store: Store;
  readonly clock: Clock;
  readonly dataDir: string;
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

/** A clock that can be moved for the duration of one piece of work (see HandlerContext.atDate). */
export interface ShiftableClock extends Clock {
  /**
   * Runs `fn` with the clock reading as if it were `isoInstant` when `fn` starts (time keeps
   * running from there), and puts it back when `fn` ends, however it ends. One at a time: the
   * shift is the whole core's, so the caller must not run anything else meanwhile.
   */
  atInstant<T>(isoInstant: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Wraps the injected clock in a movable offset. Only the demo builder moves it: the demo office
 * is made through the real commands, and its history (an action registered five weeks ago,
 * assessed, approved, settled) can only carry those dates if the commands run "on" those days.
 */
export function shiftableClock(base: Clock): ShiftableClock {
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    async atInstant(isoInstant, fn) {
      const target = Date.parse(isoInstant);
      if (Number.isNaN(target)) throw new RangeError(`not an instant: ${isoInstant}`);
      const before = offset;
      offset = target - base.now().getTime();
      try {
        return await fn();
      } finally {
        offset = before;
      }
    },
  };
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const fs = opts.fs ?? nodeFileLayer;
  // Every reader of time (the store's transactions, today(), sessions, backups) reads this one.
  const clock = shiftableClock(opts.clock ?? systemClock);
  const deviceId = await deviceIdFor(fs, opts.dataDir);
  const storeOptions: StoreOptions = {
    dir: opts.dataDir,
    deviceId,
    fs,
    clock,
    history: opts.history ?? 'background',
    ...opts.store,
  };
  const sessions = new Map<string, Session>();
  const listeners = new Set<Listener>();
  const emit = <K extends EventName>(event: K, payload: EventPayload<K>) => {
    for (const l of listeners) l(event, payload);
  };

  // A burst of commits (the demo office, an import: thousands of commands) must not become a burst
  // of events — every open screen refetches on data:changed, and a browser flooded with requests
  // starts failing them. The first commit after a quiet spell is announced at once; the ones that
  // follow within CHANGE_WINDOW_MS are merged into one event at the end of the window.
  const CHANGE_WINDOW_MS = 100;
  let pendingChange: { entities: Set<string>; seq: number } | null = null;
  let changeTimer: ReturnType<typeof setTimeout> | null = null;
  const flushChanges = () => {
    if (!pendingChange) {
      changeTimer = null;
      return;
    }
    const p = pendingChange;
    pendingChange = null;
    emit('data:changed', { entities: [...p.entities], seq: p.seq });
    changeTimer = setTimeout(flushChanges, CHANGE_WINDOW_MS);
    changeTimer.unref?.();
  };
  const announceChange = (entities: string[], seq: number) => {
    if (!changeTimer) {
      emit('data:changed', { entities, seq });
      changeTimer = setTimeout(flushChanges, CHANGE_WINDOW_MS);
      changeTimer.unref?.();
      return;
    }
    pendingChange ??= { entities: new Set(), seq };
    for (const e of entities) pendingChange.entities.add(e);
    pendingChange.seq = seq;
  };

  let store!: Store;
  const attach = (s: Store) => {
    store = s;
    s.onCommit((c) => announceChange(c.entities, c.seq));
    s.onHistoryLoaded(() => emit('store:loaded', { historyLoaded: true }));
    // The client search's haystacks and orders, built in the background once the data is in.
    warmClientSearch(s);
  };
  attach(await Store.open(storeOptions));

  // Restores and imports replace the store: calls wait at this gate meanwhile, and the calls
  // already inside finish first (their commits are drained by store.close()).
  let gate: Promise<void> = Promise.resolve();
  let inFlight = 0;
  // Called from inside a handler: that call itself is one of the calls in flight.
  const othersDone = async () => {
    while (inFlight > 1) await new Promise((r) => setTimeout(r, 5));
  };
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    let release!: () => void;
    const prev = gate;
    gate = new Promise<void>((r) => (release = r));
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  };
  const replaceStore = async (change: () => Promise<void>) => {
    await store.close({ checkpoint: false });
    try {
      await change();
    } finally {
      attach(await Store.open(storeOptions));
      await store.whenHistoryLoaded();
    }
    // Whoever was signed in may not exist in the data that is there now.
    for (const s of sessions.values()) s.userId = null;
    emit('data:changed', { entities: store.collectionNames(), seq: store.seq });
  };

  const timeZone = () => currentOffice(store)?.timeZone ?? opts.defaultTimeZone ?? 'Europe/Warsaw';
  // The telephony's watched folder (incoming/calls/): polled while the core runs, off when disabled.
  const stopCallWatch =
    opts.callWatch === false
      ? () => Promise.resolve()
      : startCallWatch({
          store: () => store,
          dataDir: opts.dataDir,
          timeZone,
          log: opts.log,
          intervalMs: opts.callWatch?.intervalMs,
        });
  const throttle = new SignInThrottle(() => clock.now().getTime());
  const config: CoreConfig = {
    appVersion: opts.appVersion ?? '0.0.0',
    scryptCost: opts.scryptCost ?? DEFAULT_COST,
    failedSignInDelayMs: opts.failedSignInDelayMs ?? 400,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
  const keep = opts.backups?.keep ?? 10;
  const backup = async (reason: BackupReason): Promise<BackupInfo> => {
    const info = await createBackup(fs, store, {
      reason,
      now: clock.now(),
      appVersion: config.appVersion,
      officeName: currentOffice(store)?.name ?? null,
    });
    await rotateBackups(fs, opts.dataDir, keep);
    return info;
  };
  const dataOps: DataOps = {
    // A checkpoint is a consistent cut whatever commits do meanwhile: no need to stop anyone.
    backup: async (reason) => {
      await gate;
      return backup(reason);
    },
    listBackups: () => listBackups(fs, opts.dataDir),
    restore: (id) =>
      exclusive(async () => {
        await othersDone();
        if (!(await listBackups(fs, opts.dataDir)).some((b) => b.id === id)) {
          throw new AppError('not_found', `No backup ${id}`, {
            key: 'errors.backup_not_found',
            details: { id },
          });
        }
        await backup('pre-restore');
        await replaceStore(() => restoreFiles(fs, opts.dataDir, id));
      }),
    exportAll: async () => {
      const office = currentOffice(store);
      const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
      const fileName = `regio-export-${office?.code ?? 'office'}-${stamp}.ndjson`;
      const r = await exportAll(store, path.join(opts.dataDir, 'exports', fileName), {
        schemaVersion: SCHEMA_VERSION,
        appVersion: config.appVersion,
        now: clock.now(),
        officeName: office?.name ?? null,
      });
      return { fileName, ...r };
    },
    importAll: (fileName) =>
      exclusive(async () => {
        await othersDone();
        if (currentOffice(store))
          throw new AppError('conflict', 'Import needs an empty data folder', {
            key: 'errors.import_needs_empty',
          });
        await importAll(store, path.join(opts.dataDir, 'incoming', fileName), SCHEMA_VERSION);
      }),
  };

  const activeUser = (session: Session): UserRecord | null => {
    if (!session.userId) return null;
    const u = store.get<UserRecord>('users', session.userId);
    // A user deactivated while signed in loses the session at their next call.
    return u && u.active !== false ? u : null;
  };

  const run = async (session: Session, command: string, input: unknown): Promise<Result<unknown>> => {
    await gate;
    inFlight++;
    try {
      const context = (): HandlerContext => ({
        store,
        clock,
        session,
        config,
        throttle,
        data: dataOps,
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
        // For the demo builder only (a function on the context, not a command: no transport has it).
        atDate: (isoInstant, fn) => clock.atInstant(isoInstant, fn),
      });
      return await dispatch(
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
    } finally {
      inFlight--;
    }
  };

  // Automatic backups: one when the app starts (once history is in), then one per office day.
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let running: Promise<unknown> = Promise.resolve();
  if (opts.backups?.automatic) {
    const autoBackup = async (reason: 'start' | 'daily') => {
      if (closed || !currentOffice(store)) return;
      running = dataOps.backup(reason).catch((e: unknown) => opts.log?.('automatic backup failed', e));
      await running;
    };
    void store.whenHistoryLoaded().then(() => autoBackup('start'));
    timer = setInterval(() => {
      void (async () => {
        const today = todayIn(clock, timeZone());
        const last = (await listBackups(fs, opts.dataDir)).find(
          (b) => b.reason === 'start' || b.reason === 'daily',
        );
        if (!last || zonedParts(new Date(last.createdAt), timeZone()).date < today) await autoBackup('daily');
      })();
    }, 15 * 60_000);
    timer.unref();
  }

  const core: Core = {
    get store() {
      return store;
    },
    clock,
    dataDir: opts.dataDir,
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
      closed = true;
      await stopCallWatch();
      if (timer) clearInterval(timer);
      if (changeTimer) clearTimeout(changeTimer);
      await running;
      await gate;
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
      listeners.clear();
      await store.close();
    },
  };
  return core;
}
