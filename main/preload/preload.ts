// The sandboxed preload (bundled to one CJS file, dist/main/preload.cjs): it may use only
// 'electron' and bundled code. It gives the page exactly three things on window.regio and never
// ipcRenderer itself, nor the IpcRendererEvent (whose `sender` is ipcRenderer).
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge';
import type { InvokeRequest, RegioBridge } from '../../shared/contract/bridge';
import { isCommandName } from '../../shared/contract/commands';
import type { Result } from '../../shared/contract/errors';
import { events } from '../../shared/contract/events';
import type { EventName } from '../../shared/contract/events';

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

function refused(code: 'unknown_command' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, key: `errors.${code}`, message } };
}

export function createBridge(): RegioBridge {
  const bridge = {
    invoke(command: unknown, input?: unknown): Promise<Result<unknown>> {
      // Refused here already so a page cannot even probe main with made-up channels or names;
      // main and the core check again.
      if (!isCommandName(command))
        return Promise.resolve(refused('unknown_command', `Unknown command ${String(command)}`));
      const req: InvokeRequest = { command, input: input ?? {} };
      return (ipcRenderer.invoke(IPC_INVOKE_CHANNEL, req) as Promise<Result<unknown>>).catch((e: unknown) =>
        refused('internal', e instanceof Error ? e.message : String(e)),
      );
    },
    on(event: unknown, listener: unknown): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const wrapped = (_e: IpcRendererEvent, msg: unknown) => {
        const m = msg as { event?: unknown; payload?: unknown } | null;
        if (m?.event === event) (listener as (payload: unknown) => void)(m.payload);
      };
      ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
      return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    },
    platform: 'electron' as const,
  };
  // The page calls through contextBridge, so nothing it passes is trusted: the methods take
  // `unknown` and narrow, and the object is typed against the contract here once.
  return bridge as RegioBridge;
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge());
