import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import type { CoreEventMessage } from './core-client';

// ipcMain and webContents are stand-ins: the bridge's job is the checks around them.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>>();
const allContents: FakeContents[] = [];
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>) =>
      handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  webContents: { getAllWebContents: () => allContents },
}));

const { registerIpcBridge } = await import('./ipc.bridge');

class FakeContents extends EventEmitter {
  sent: Array<[string, unknown]> = [];
  destroyed = false;
  constructor(
    readonly id: number,
    public url: string,
  ) {
    super();
  }
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  send(channel: string, msg: unknown) {
    this.sent.push([channel, msg]);
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

function fakeCore() {
  const listeners = new Set<(e: CoreEventMessage) => void>();
  let n = 0;
  return {
    openSession: vi.fn(() => Promise.resolve<Result<string>>({ ok: true, data: `session-${++n}` })),
    invoke: vi.fn((sessionId: string, command: string, input: unknown) =>
      Promise.resolve<Result<unknown>>({ ok: true, data: { sessionId, command, input } }),
    ),
    closeSession: vi.fn(),
    onEvent: (l: (e: CoreEventMessage) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    emit: (e: CoreEventMessage) => listeners.forEach((l) => l(e)),
  };
}

const call = (sender: FakeContents, frameUrl: string | null, req: unknown) => {
  const fn = handlers.get('regio:invoke');
  if (!fn) throw new Error('no handler registered');
  return fn({ sender, senderFrame: frameUrl === null ? null : { url: frameUrl } }, req);
};

let core: ReturnType<typeof fakeCore>;
beforeEach(() => {
  handlers.clear();
  allContents.length = 0;
  core = fakeCore();
});

describe('ipc bridge', () => {
  it('forwards a call from our own page to the core in that window’s session', async () => {
    registerIpcBridge(core);
    const wc = new FakeContents(1, 'app://regio/index.html');
    const r = await call(wc, 'app://regio/index.html', { command: 'system:info', input: {} });
    expect(r).toEqual({ ok: true, data: { sessionId: 'session-1', command: 'system:info', input: {} } });
  });

  it.each([
    ['https://evil.example/', 'another site'],
    ['http://localhost:5173/', 'a dev server'],
    ['file:///etc/passwd', 'a file page'],
    ['app://evil/index.html', 'another app host'],
    ['app://user@regio/index.html', 'credentials in the URL'],
    ['', 'an empty URL'],
  ])('refuses %s (%s) with forbidden and never reaches the core', async (url) => {
    registerIpcBridge(core);
    const r = await call(new FakeContents(1, url), url, { command: 'system:info', input: {} });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.openSession).not.toHaveBeenCalled();
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('refuses a call whose frame is gone', async () => {
    registerIpcBridge(core);
    const r = await call(new FakeContents(1, 'app://regio/'), null, { command: 'system:info', input: {} });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('checks the frame, not the window: an evil subframe in our window is refused', async () => {
    registerIpcBridge(core);
    const r = await call(new FakeContents(1, 'app://regio/index.html'), 'https://evil.example/frame', {
      command: 'system:info',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers a malformed request with validation, not a throw', async () => {
    registerIpcBridge(core);
    for (const bad of [undefined, 'system:info', { input: {} }, { command: 42 }]) {
      const r = await call(new FakeContents(1, 'app://regio/'), 'app://regio/', bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('turns a core that throws into an internal error result', async () => {
    core.invoke.mockImplementationOnce(() => Promise.reject(new Error('boom')));
    registerIpcBridge(core);
    const r = await call(new FakeContents(1, 'app://regio/'), 'app://regio/', {
      command: 'system:info',
      input: {},
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('keeps one session per webContents and closes it when the webContents is destroyed', async () => {
    registerIpcBridge(core);
    const a = new FakeContents(1, 'app://regio/');
    const b = new FakeContents(2, 'app://regio/');
    await Promise.all([
      call(a, 'app://regio/', { command: 'system:info' }),
      call(a, 'app://regio/', { command: 'office:get' }),
    ]);
    await call(b, 'app://regio/', { command: 'system:info' });
    expect(core.openSession).toHaveBeenCalledTimes(2);
    expect(core.invoke.mock.calls.map((c) => c[0])).toEqual(['session-1', 'session-1', 'session-2']);
    a.destroy();
    await new Promise((r) => setImmediate(r));
    expect(core.closeSession).toHaveBeenCalledWith('session-1');
    expect(core.closeSession).not.toHaveBeenCalledWith('session-2');
  });

  it('retries opening a session after a failed open', async () => {
    core.openSession.mockImplementationOnce(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'not_ready', key: 'errors.not_ready', message: 'starting' },
      }),
    );
    registerIpcBridge(core);
    const wc = new FakeContents(1, 'app://regio/');
    expect(await call(wc, 'app://regio/', { command: 'system:info' })).toMatchObject({
      ok: false,
      error: { code: 'not_ready' },
    });
    expect(await call(wc, 'app://regio/', { command: 'system:info' })).toMatchObject({ ok: true });
  });

  it('broadcasts core events to our pages only', () => {
    registerIpcBridge(core);
    const ours = new FakeContents(1, 'app://regio/index.html');
    const other = new FakeContents(2, 'devtools://devtools/bundled/inspector.html');
    const gone = new FakeContents(3, 'app://regio/index.html');
    gone.destroyed = true;
    allContents.push(ours, other, gone);
    core.emit({ event: 'data:changed', payload: { entities: ['offices'], seq: 3 } });
    expect(ours.sent).toEqual([
      ['regio:event', { event: 'data:changed', payload: { entities: ['offices'], seq: 3 } }],
    ]);
    expect(other.sent).toEqual([]);
    expect(gone.sent).toEqual([]);
  });

  it('unregisters its handler and event forwarding when disposed', () => {
    const dispose = registerIpcBridge(core);
    expect(handlers.has('regio:invoke')).toBe(true);
    dispose();
    expect(handlers.has('regio:invoke')).toBe(false);
    const wc = new FakeContents(1, 'app://regio/');
    allContents.push(wc);
    core.emit({ event: 'data:changed', payload: {} });
    expect(wc.sent).toEqual([]);
  });
});
