import type { CommandInput, CommandName, CommandOutput } from './commands';
import type { Result } from './errors';
import type { EventName, EventPayload } from './events';

// What the Electron preload puts on `window.regio`, typed from the contract so the renderer's api
// layer can call it without knowing the transport. The browser host offers the same shape over
// HTTP (platform 'web').

export const BRIDGE_GLOBAL = 'regio';
/** ipcRenderer.invoke channel: one request object `{ command, input }`, answered with a Result. */
export const IPC_INVOKE_CHANNEL = 'regio:invoke';
/** webContents.send channel: `{ event, payload }` for every core event. */
export const IPC_EVENT_CHANNEL = 'regio:event';

export interface RegioBridge {
  /** Never rejects: refused names, a missing core and handler failures all come back as { ok: false }. */
  invoke<K extends CommandName>(command: K, input?: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /** Subscribes to one contract event; returns the unsubscribe function. Throws on an unknown event name. */
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  readonly platform: 'electron' | 'web';
}

export interface InvokeRequest {
  command: string;
  input: unknown;
}
