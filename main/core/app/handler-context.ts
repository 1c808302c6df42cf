import type { Result } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { Clock } from '../../../shared/domain/dates';
import type { ScryptCost } from '../auth/password';
import type { BackupInfo, BackupReason } from '../backups/backup.service';
import type { SignInThrottle } from '../auth/sign-in-throttle';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';

/** One window (Electron) or one browser session (host). `userId` is set by sign-in. */
export interface Session {
  id: string;
  userId: string | null;
  createdAt: string;
}

export interface CoreConfig {
  appVersion: string;
  scryptCost: ScryptCost;
  /** Added to every failed sign-in, so guessing is slow even below the throttle. */
  failedSignInDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Operations on the data folder as a whole: they may replace the open store. */
export interface DataOps {
  backup(reason: BackupReason): Promise<BackupInfo>;
  listBackups(): Promise<BackupInfo[]>;
  restore(id: string): Promise<void>;
  exportAll(): Promise<{ fileName: string; records: number; bytes: number }>;
  importAll(fileName: string): Promise<void>;
}

export interface HandlerContext {
  store: Store;
  clock: Clock;
  session: Session;
  config: CoreConfig;
  throttle: SignInThrottle;
  data: DataOps;
  /** The signed-in, active user; throws `unauthenticated` when there is none. */
  user(): UserRecord;
  /** The signed-in, active user, or null. */
  maybeUser(): UserRecord | null;
  /** The office's calendar date, from the injected clock and the office's time zone. */
  today(): string;
  timeZone(): string;
  /** Id written into createdBy/updatedBy: the session user, or 'system' before any user exists. */
  actorId(): string;
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  /** Runs a command as another user through the full dispatch (rights included): the demo builder. */
  callAs(userId: string, command: string, input: unknown): Promise<Result<unknown>>;
  /**
   * The demo builder only: runs `fn` with the core's clock moved to `isoInstant` (time running on
   * from there), restored when `fn` ends, so its commands record the days they "happened" on.
   * Moves the whole core's clock: nothing else may run meanwhile (the demo is built on a fresh
   * office, before anyone signs in). Optional: contexts made in tests need not have it.
   */
  atDate?: <T>(isoInstant: string, fn: () => Promise<T>) => Promise<T>;
}
