import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The lifecycle in index.ts against a stand-in electron: which steps happen, in which order, and
// what happens when the lock, the core or the quit go their unhappy ways.

const calls: string[] = [];

class FakeContents extends EventEmitter {
  session = {
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    on() {},
  };
  setWindowOpenHandler() {}
}
class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  webContents = new FakeContents();
  minimized = false;
  constructor(readonly options: { webPreferences: { preload: string } }) {
    super();
    FakeWindow.all.push(this);
    calls.push('window');
  }
  loadURL = vi.fn(() => Promise.resolve());
  isDestroyed = () => false;
  isMinimized = () => this.minimized;
  restore = vi.fn(() => (this.minimized = false));
  show = vi.fn();
  focus = vi.fn();
}
class FakeChild extends EventEmitter {
  static all: FakeChild[] = [];
  posted: unknown[] = [];
  constructor(
    readonly modulePath: string,
    readonly args: string[],
  ) {
    super();
    FakeChild.all.push(this);
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  kill = vi.fn(() => true);
}

const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(() => void calls.push('quit')),
  exit: vi.fn(),
  enableSandbox: vi.fn(() => void calls.push('enableSandbox')),
  whenReady: vi.fn(() => {
    calls.push('whenReady');
    return Promise.resolve();
  }),
  getPath: vi.fn(() => '/home/u/.config/Regio'),
  getVersion: () => '0.1.0',
  isPackaged: false,
  name: 'Regio',
});
const dialog = { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) };
const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[]) => {
    calls.push('fork');
    return new FakeChild(modulePath, args);
  }),
};

vi.mock('electron', () => ({
  app,
  dialog,
  utilityProcess,
  BrowserWindow: FakeWindow,
  protocol: {
    registerSchemesAsPrivileged: () => void calls.push('registerScheme'),
    handle: () => void calls.push('protocol.handle'),
  },
  ipcMain: { handle: () => void calls.push('ipcMain.handle'), removeHandler() {} },
  webContents: { getAllWebContents: () => [] },
  Menu: { setApplicationMenu: () => void calls.push('menu'), buildFromTemplate: (t: unknown) => t },
  shell: { openExternal: vi.fn() },
}));

const { startApp } = await import('./index');

const MAIN_DIR = '/opt/regio/dist/main';
const start = (argv: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  startApp({
    mainDir: MAIN_DIR,
    argv: ['electron', '.', ...argv],
    env,
    shutdownTimeoutMs: 50,
    log: () => {},
  });
const tick = () => new Promise((r) => setImmediate(r));

beforeEach(() => {
  calls.length = 0;
  FakeWindow.all = [];
  FakeChild.all = [];
  app.removeAllListeners();
  app.requestSingleInstanceLock.mockReturnValue(true);
  app.quit.mockClear();
  dialog.showErrorBox.mockClear();
  utilityProcess.fork.mockClear();
});

describe('single instance', () => {
  it('a second instance quits at once: no window, no core', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    expect(await start()).toBeNull();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(FakeWindow.all).toEqual([]);
    expect(utilityProcess.fork).not.toHaveBeenCalled();
    expect(calls).not.toContain('whenReady');
  });

  it('the first instance restores and focuses its window when a second one starts', async () => {
    await start();
    const win = FakeWindow.all[0]!;
    win.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(FakeWindow.all).toHaveLength(1);
  });
});

describe('start-up', () => {
  it('enables the sandbox and the scheme before ready, then forks the core and opens one window', async () => {
    const running = await start();
    expect(running).not.toBeNull();
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls.indexOf('registerScheme')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls.indexOf('fork')).toBeGreaterThan(calls.indexOf('whenReady'));
    expect(calls).toEqual(expect.arrayContaining(['protocol.handle', 'ipcMain.handle', 'menu', 'window']));
    const child = FakeChild.all[0]!;
    expect(child.modulePath).toBe(path.join(MAIN_DIR, 'core.process.cjs'));
    expect(FakeWindow.all).toHaveLength(1);
    expect(FakeWindow.all[0]!.options.webPreferences.preload).toBe(path.join(MAIN_DIR, 'preload.cjs'));
    expect(FakeWindow.all[0]!.loadURL).toHaveBeenCalledWith('app://regio/index.html');
  });

  it('puts data under userData by default, or where --data or REGIO_DATA_DIR say (argument first)', async () => {
    const dataArg = async (argv: string[], env: NodeJS.ProcessEnv) => {
      const r = await start(argv, env);
      const args = FakeChild.all.at(-1)!.args;
      expect(r?.dataDir).toBe(args[args.indexOf('--data-dir') + 1]);
      return r?.dataDir;
    };
    expect(await dataArg([], {})).toBe(path.join('/home/u/.config/Regio', 'data'));
    expect(await dataArg([], { REGIO_DATA_DIR: '/srv/env' })).toBe('/srv/env');
    expect(await dataArg(['--data', '/srv/arg'], { REGIO_DATA_DIR: '/srv/env' })).toBe('/srv/arg');
    expect(await dataArg(['--data=/srv/eq'], {})).toBe('/srv/eq');
  });
});

describe('quitting', () => {
  it('holds the quit until the core has closed its store and exited', async () => {
    await start();
    const child = FakeChild.all[0]!;
    child.emit('message', { type: 'ready' });
    const e = { preventDefault: vi.fn() };
    app.emit('before-quit', e);
    expect(e.preventDefault).toHaveBeenCalled();
    await tick();
    expect(child.posted).toContainEqual({ type: 'shutdown' });
    expect(app.quit).not.toHaveBeenCalled();
    child.emit('message', { type: 'shutdown-complete' });
    child.emit('exit', 0);
    await tick();
    expect(app.quit).toHaveBeenCalledOnce();
    // The repeated before-quit now passes through.
    const again = { preventDefault: vi.fn() };
    app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('stops waiting after the bound and kills a core that hangs', async () => {
    await start();
    const child = FakeChild.all[0]!;
    child.emit('message', { type: 'ready' });
    app.emit('before-quit', { preventDefault() {} });
    await new Promise((r) => setTimeout(r, 120));
    expect(child.kill).toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalledOnce();
  });
});

describe('core failures', () => {
  it('a core that crashes shows an error and quits', async () => {
    await start();
    const child = FakeChild.all[0]!;
    child.emit('message', { type: 'ready' });
    child.emit('exit', 139);
    await tick();
    expect(dialog.showErrorBox).toHaveBeenCalledOnce();
    expect(String(dialog.showErrorBox.mock.calls[0]?.[1])).toMatch(/safe/);
    expect(app.quit).toHaveBeenCalled();
  });

  it('a core that cannot open the data folder says why, once', async () => {
    await start();
    const child = FakeChild.all[0]!;
    child.emit('message', {
      type: 'fatal',
      error: {
        code: 'store_locked',
        key: 'errors.store_locked',
        message: 'The data folder is open in another Regio',
      },
    });
    await tick();
    child.emit('exit', 1);
    await tick();
    expect(dialog.showErrorBox).toHaveBeenCalledOnce();
    expect(String(dialog.showErrorBox.mock.calls[0]?.[1])).toContain('open in another Regio');
    expect(app.quit).toHaveBeenCalled();
  });
});
