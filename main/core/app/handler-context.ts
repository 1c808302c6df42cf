import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { Clock } from '../../../shared/domain/dates';
import type { Store } from '../store/store';

/** Who is calling. Until sign-in exists (issue 3) a session has no user. */
export interface Session {
  id: string;
  userId: string | null;
  createdAt: string;
}

export interface HandlerContext {
  store: Store;
  clock: Clock;
  session: Session;
  appVersion: string;
  /** The office's calendar date, from the injected clock and the office's time zone. */
  today(): string;
  timeZone(): string;
  /** Id written into createdBy/updatedBy: the session user, or 'system' before any user exists. */
  actorId(): string;
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
}
