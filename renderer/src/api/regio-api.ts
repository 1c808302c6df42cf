import { BRIDGE_GLOBAL } from '../../../shared/contract/bridge';
import type { RegioBridge } from '../../../shared/contract/bridge';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract/commands';
import type { AppErrorData, Result } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';

// The only code in the renderer that knows how it reaches the core: Electron's preload bridge
// (window.regio) or the browser host over HTTP. Everything else calls `api.call(...)` and gets
// the command's output or an ApiError carrying the core's error (code, translation key, issues).

export interface RegioApi {
  readonly platform: 'electron' | 'web';
  call<K extends CommandName>(command: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.data = data;
  }
  get code(): AppErrorData['code'] {
    return this.data.code;
  }
  get key(): string {
    return this.data.key;
  }
}

function isErrorData(v: unknown): v is AppErrorData {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.code === 'string' && typeof o.key === 'string' && typeof o.message === 'string';
}

/** Any thrown value as the core's error shape: an ApiError's data, or an internal error around it. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof ApiError) return e.data;
  if (isErrorData(e)) return e;
  return { code: 'internal', key: 'errors.internal', message: e instanceof Error ? e.message : String(e) };
}

/** Wraps a bridge (either transport): unwraps { ok: true } and throws { ok: false } as an ApiError. */
export function apiFromBridge(bridge: RegioBridge): RegioApi {
  return {
    platform: bridge.platform,
    async call(command, input) {
      const result = await bridge.invoke(command, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.data;
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}

export interface HttpBridgeOptions {
  /** Injected by tests; the page's own fetch and EventSource otherwise. */
  fetch?: typeof fetch;
  EventSource?: new (url: string) => EventSource;
}

function transportError(
  key: string,
  message: string,
  code: AppErrorData['code'] = 'internal',
): Result<never> {
  return { ok: false, error: { code, key, message } };
}

function isResult(v: unknown): v is Result<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

/**
 * The browser host's side of the bridge. The token travels as an HttpOnly cookie the host set when
 * the printed link was opened, so this code never sees it; same-origin credentials send it along.
 */
export function httpBridge(opts: HttpBridgeOptions = {}): RegioBridge {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const ES = opts.EventSource ?? globalThis.EventSource;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const openStream = () => {
    if (source) return;
    // One stream for every listener; EventSource reconnects by itself after the host's retry delay.
    source = new ES('/api/events');
    source.onmessage = (m: MessageEvent<string>) => {
      let msg: { event?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(m.data) as { event?: unknown; payload?: unknown };
      } catch {
        return;
      }
      if (typeof msg.event !== 'string') return;
      for (const l of [...(listeners.get(msg.event) ?? [])]) l(msg.payload);
    };
  };

  return {
    platform: 'web',
    async invoke(command, input) {
      let res: Response;
      try {
        res = await doFetch(`/api/invoke/${encodeURIComponent(command)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (e) {
        return transportError(
          'errors.transport',
          `The host is not reachable: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      if (res.status === 401)
        return transportError('errors.unauthenticated', 'The host refused the token', 'unauthenticated');
      if (res.status === 413)
        return transportError('errors.too_large', 'The request is too large', 'validation');
      if (!res.ok) return transportError('errors.transport', `The host answered ${res.status}`);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return transportError('errors.transport', 'The host answered something that is not JSON');
      }
      // The renderer trusts its own core's output shapes (the core checks them in tests); only the
      // envelope is checked, so a proxy's error page cannot masquerade as data.
      return isResult(body)
        ? (body as Result<CommandOutput<typeof command>>)
        : transportError('errors.transport', 'The host answered without a result');
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<(payload: unknown) => void>();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      openStream();
      return () => {
        set.delete(l);
        if ([...listeners.values()].every((s) => s.size === 0) && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** Electron's preload bridge when there is one, the browser host otherwise. */
export function createRegioApi(global: object = globalThis): RegioApi {
  const bridge = (global as Record<string, unknown>)[BRIDGE_GLOBAL] as RegioBridge | undefined;
  return apiFromBridge(bridge ?? httpBridge());
}
