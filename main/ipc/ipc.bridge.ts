import { ipcMain, webContents as allWebContents } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/errors';
import { isAppUrl } from '../platform/app-origin';
import type { CoreClient } from './core-client';
import { errorResult } from './core-protocol';

// The Electron transport of the contract: renderer → ipcMain.handle → utility process → back.
// Every call checks the frame that sent it (only our own app://regio page may reach the core) and
// every failure becomes { ok: false, error }: a throw here would surface in the renderer as an
// unstructured rejection.

const InvokeRequest = z.object({ command: z.string().max(200), input: z.unknown().optional() });

export type CoreLink = Pick<CoreClient, 'openSession' | 'invoke' | 'closeSession' | 'onEvent'>;

export interface IpcBridgeOptions {
  log?: (msg: string, err?: unknown) => void;
}

/** The sender check: the frame must still exist and show a page of our own origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  let url: string | undefined;
  try {
    // senderFrame is null once the frame navigated away or was destroyed; reading it can throw then too.
    url = event.senderFrame?.url;
  } catch {
    return false;
  }
  return isAppUrl(url);
}

export function registerIpcBridge(core: CoreLink, opts: IpcBridgeOptions = {}): () => void {
  // One core session per webContents: a window keeps its sign-in across reloads, and a destroyed
  // window's session is closed in the core.
  const sessions = new Map<number, Promise<Result<string>>>();

  const sessionFor = (sender: WebContents): Promise<Result<string>> => {
    let s = sessions.get(sender.id);
    if (!s) {
      s = core.openSession();
      sessions.set(sender.id, s);
      const id = sender.id;
      sender.once('destroyed', () => {
        const open = sessions.get(id);
        sessions.delete(id);
        void open?.then((r) => r.ok && core.closeSession(r.data));
      });
      // A failed open is not remembered: the next call tries again (e.g. once the core is up).
      void s.then((r) => {
        if (!r.ok && sessions.get(id) === s) sessions.delete(id);
      });
    }
    return s;
  };

  const handler = async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
    try {
      if (!isTrustedSender(event)) {
        opts.log?.(`ipc: refused a call from ${safeUrl(event)}`);
        return errorResult('forbidden', 'This page may not call Regio');
      }
      const req = InvokeRequest.safeParse(raw);
      if (!req.success) return errorResult('validation', 'Malformed call: expected { command, input }');
      const session = await sessionFor(event.sender);
      if (!session.ok) return session;
      return await core.invoke(session.data, req.data.command, req.data.input);
    } catch (e) {
      opts.log?.('ipc: invoke failed', e);
      return errorResult('internal', e instanceof Error ? e.message : String(e));
    }
  };
  ipcMain.handle(IPC_INVOKE_CHANNEL, handler);

  const stopEvents = core.onEvent(({ event, payload }) => {
    for (const wc of allWebContents.getAllWebContents()) {
      // Only our own pages get events: DevTools and anything that navigated elsewhere do not.
      if (wc.isDestroyed() || !isAppUrl(wc.getURL())) continue;
      try {
        wc.send(IPC_EVENT_CHANNEL, { event, payload });
      } catch (e) {
        opts.log?.('ipc: sending an event failed', e);
      }
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    stopEvents();
  };
}

function safeUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string {
  try {
    return event.senderFrame?.url ?? '(no frame)';
  } catch {
    return '(no frame)';
  }
}
