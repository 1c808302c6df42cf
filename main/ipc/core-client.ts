import type { AppErrorData, Result } from '../../shared/contract/errors';
import { CoreMessage, errorResult } from './core-protocol';
import type { CoreRequest } from './core-protocol';

// Main's side of the link to the core's utility process, free of Electron: index.ts connects it
// to a UtilityProcess (postMessage / 'message' / 'exit'), tests connect it to a CoreServer.
// Nothing here throws to its callers: a core that is not there yet, has failed or has gone
// becomes an error result, because every failure must reach the renderer as { ok: false }.

export type CoreEventMessage = { event: string; payload: unknown };

export interface CoreClientOptions {
  post: (msg: CoreRequest) => void;
  log?: (msg: string, err?: unknown) => void;
}

type Pending =
  | { kind: 'result'; resolve: (r: Result<unknown>) => void }
  | { kind: 'session'; resolve: (r: Result<string>) => void };

export class CoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(e: CoreEventMessage) => void>();
  private state: 'starting' | 'ready' | 'failed' | 'exited' = 'starting';
  private failure: AppErrorData | null = null;
  private readyWaiters: Array<() => void> = [];
  private exitWaiters: Array<() => void> = [];
  private shutdownRequested = false;

  constructor(private readonly opts: CoreClientOptions) {}

  get status(): 'starting' | 'ready' | 'failed' | 'exited' {
    return this.state;
  }

  /** The error the core reported when it could not start, if it did. */
  get startError(): AppErrorData | null {
    return this.failure;
  }

  /** Resolves once the core is ready, or has failed or exited (check `status`). */
  whenSettled(): Promise<void> {
    if (this.state !== 'starting') return Promise.resolve();
    return new Promise((r) => this.readyWaiters.push(r));
  }

  /** Feed every message the utility process posts. */
  receive(raw: unknown): void {
    const parsed = CoreMessage.safeParse(raw);
    if (!parsed.success) {
      this.opts.log?.('core-client: dropped a malformed message from the core', parsed.error);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.settle('ready');
        return;
      case 'fatal':
        this.failure = msg.error;
        this.settle('failed');
        return;
      case 'session-opened': {
        const p = this.take(msg.reqId);
        if (p?.kind === 'session') p.resolve({ ok: true, data: msg.sessionId });
        return;
      }
      case 'result': {
        const p = this.take(msg.reqId);
        if (p?.kind === 'result') p.resolve(msg.result);
        // An open-session refused (core shutting down) comes back as a result.
        else if (p?.kind === 'session' && !msg.result.ok) p.resolve(msg.result);
        return;
      }
      case 'event':
        for (const l of this.eventListeners) {
          try {
            l({ event: msg.event, payload: msg.payload });
          } catch (e) {
            this.opts.log?.('core-client: an event listener threw', e);
          }
        }
        return;
      case 'shutdown-complete':
        // The exit follows; waiters are released by exited().
        return;
    }
  }

  /** Feed the utility process's 'exit'. Every pending call is answered, so no renderer waits forever. */
  exited(code: number): void {
    const wasRunning = this.state === 'ready' || this.state === 'starting';
    this.state = this.state === 'failed' ? 'failed' : 'exited';
    if (wasRunning && !this.shutdownRequested)
      this.failure ??= {
        code: 'internal',
        key: 'errors.internal',
        message: `The core process exited (code ${code})`,
      };
    for (const w of this.readyWaiters.splice(0)) w();
    for (const [, p] of this.pending) p.resolve(this.unavailable());
    this.pending.clear();
    for (const w of this.exitWaiters.splice(0)) w();
  }

  onEvent(listener: (e: CoreEventMessage) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async openSession(): Promise<Result<string>> {
    await this.whenSettled();
    if (this.state !== 'ready' || this.shutdownRequested) return this.unavailable();
    const reqId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(reqId, { kind: 'session', resolve });
      this.send({ type: 'open-session', reqId }, reqId);
    });
  }

  async invoke(sessionId: string, command: string, input: unknown): Promise<Result<unknown>> {
    await this.whenSettled();
    if (this.state !== 'ready' || this.shutdownRequested) return this.unavailable();
    const reqId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(reqId, { kind: 'result', resolve });
      this.send({ type: 'invoke', reqId, sessionId, command, input }, reqId);
    });
  }

  closeSession(sessionId: string): void {
    if (this.state === 'ready' && !this.shutdownRequested)
      this.safePost({ type: 'close-session', sessionId });
  }

  /**
   * Asks the core to close its store and waits for the process to exit, at most `timeoutMs`.
   * Resolves true when it exited in time. The journal is fsync'd per commit, so a core that has to
   * be abandoned after the timeout loses nothing acknowledged; the clean close only saves the
   * next start a journal replay.
   */
  shutdown(timeoutMs: number): Promise<boolean> {
    if (this.state === 'exited' || this.state === 'failed') return Promise.resolve(true);
    this.shutdownRequested = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.safePost({ type: 'shutdown' });
    });
  }

  private settle(state: 'ready' | 'failed'): void {
    if (this.state !== 'starting') return;
    this.state = state;
    for (const w of this.readyWaiters.splice(0)) w();
  }

  private take(reqId: number): Pending | undefined {
    const p = this.pending.get(reqId);
    this.pending.delete(reqId);
    return p;
  }

  private send(msg: CoreRequest, reqId: number): void {
    if (!this.safePost(msg)) this.take(reqId)?.resolve(this.unavailable());
  }

  private safePost(msg: CoreRequest): boolean {
    try {
      this.opts.post(msg);
      return true;
    } catch (e) {
      this.opts.log?.('core-client: posting to the core failed', e);
      return false;
    }
  }

  private unavailable(): { ok: false; error: AppErrorData } {
    if (this.shutdownRequested) return errorResult('not_ready', 'Regio is closing');
    if (this.failure) return { ok: false, error: this.failure };
    return errorResult('not_ready', 'The core is not running');
  }
}
