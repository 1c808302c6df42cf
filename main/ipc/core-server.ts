import type { Core } from '../core/app/core';
import { toErrorData } from '../core/app/dispatcher';
import { CoreRequest, errorResult } from './core-protocol';
import type { CoreMessage } from './core-protocol';

// The core's side of the Electron transport, free of Electron: core.process.ts feeds it what
// arrives on process.parentPort and gives it parentPort.postMessage as `post`. Tests feed it
// directly. Everything it sends is plain data (structured-clone safe).

export interface CoreServerDeps {
  core: Core;
  post: (msg: CoreMessage) => void;
  /** Called once the store is closed after 'shutdown'; the process entry exits there. */
  onShutdown?: () => void;
  log?: (msg: string, err?: unknown) => void;
}

export interface CoreServer {
  /** Handles one incoming message; resolves when its reply (if any) has been posted. */
  handle(raw: unknown): Promise<void>;
  /** True once 'shutdown' arrived: later requests are answered with not_ready. */
  readonly closing: boolean;
}

export function createCoreServer(deps: CoreServerDeps): CoreServer {
  const { core, post } = deps;
  let closing = false;
  let shutdown: Promise<void> | null = null;
  // Events go to main as they happen; main fans them out to every window.
  const unsubscribe = core.subscribe((event, payload) => post({ type: 'event', event, payload }));

  async function handle(raw: unknown): Promise<void> {
    const parsed = CoreRequest.safeParse(raw);
    if (!parsed.success) {
      // A malformed request still gets an answer when it carries a request id, so main's pending
      // call settles instead of waiting forever.
      const reqId = (raw as { reqId?: unknown } | null)?.reqId;
      if (typeof reqId === 'number') {
        post({
          type: 'result',
          reqId,
          result: errorResult('validation', 'Malformed request to the core', {
            issues: parsed.error.issues.length,
          }),
        });
      } else {
        deps.log?.('core: dropped a malformed message', parsed.error);
      }
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'open-session': {
        if (closing) {
          post({
            type: 'result',
            reqId: msg.reqId,
            result: errorResult('not_ready', 'The core is shutting down'),
          });
          return;
        }
        post({ type: 'session-opened', reqId: msg.reqId, sessionId: core.openSession().id });
        return;
      }
      case 'invoke': {
        if (closing) {
          post({
            type: 'result',
            reqId: msg.reqId,
            result: errorResult('not_ready', 'The core is shutting down'),
          });
          return;
        }
        // dispatch never throws by contract; the catch keeps a broken promise from leaving main's
        // request pending forever.
        const result = await core
          .dispatch(msg.sessionId, msg.command, msg.input)
          .catch((e: unknown) => ({ ok: false as const, error: toErrorData(e) }));
        post({ type: 'result', reqId: msg.reqId, result });
        return;
      }
      case 'close-session':
        core.closeSession(msg.sessionId);
        return;
      case 'shutdown': {
        closing = true;
        shutdown ??= (async () => {
          unsubscribe();
          try {
            await core.close();
          } catch (e) {
            deps.log?.('core: closing the store failed', e);
          }
          post({ type: 'shutdown-complete' });
          deps.onShutdown?.();
        })();
        return shutdown;
      }
    }
  }

  return {
    handle,
    get closing() {
      return closing;
    },
  };
}
