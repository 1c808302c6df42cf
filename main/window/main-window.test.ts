import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A BrowserWindow stand-in that records what it was built with, and a webContents that lets the
// test fire the events Chromium would fire.
class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  permissionRequest:
    ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | null =
    null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  deviceCheck: ((...args: unknown[]) => boolean) | null = null;
  session = {
    downloads: new EventEmitter(),
    on(event: string, h: (...args: unknown[]) => void) {
      this.downloads.on(event, h);
      return this;
    },
    setPermissionRequestHandler: (h: FakeContents['permissionRequest']) => (this.permissionRequest = h),
    setPermissionCheckHandler: (h: FakeContents['permissionCheck']) => (this.permissionCheck = h),
    setDevicePermissionHandler: (h: FakeContents['deviceCheck']) => (this.deviceCheck = h),
  };
  setWindowOpenHandler(h: FakeContents['openHandler']) {
    this.openHandler = h;
  }
}
const created: FakeWindow[] = [];
class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  loaded: string[] = [];
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    created.push(this);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
}
const openExternal = vi.fn((_url: string) => Promise.resolve());
vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  shell: { openExternal },
  app: { getPath: (name: string) => (name === 'downloads' ? '/home/ola/Pobrane' : '/tmp') },
}));

const { buildWebPreferences, createMainWindow, guardNavigation, windowOpenHandler } =
  await import('./main-window');

/** Fires a navigation event the way Electron 45 does (details object first) and says whether it was stopped. */
function navigate(wc: FakeContents, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  wc.emit(event, { url, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

beforeEach(() => {
  created.length = 0;
  openExternal.mockClear();
});

describe('webPreferences', () => {
  it('isolates and sandboxes the page and gives it no Node', () => {
    const p = buildWebPreferences('/app/preload.cjs');
    expect(p).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
      spellcheck: false,
    });
  });

  it('is what the window is actually built with', () => {
    const win = createMainWindow({ preloadPath: '/p.cjs' });
    const opts = created[0]?.options;
    expect(opts?.webPreferences).toEqual(buildWebPreferences('/p.cjs'));
    expect(opts).toMatchObject({ title: 'Regio', show: false });
    expect(opts?.minWidth).toBeGreaterThan(0);
    expect(opts?.minHeight).toBeGreaterThan(0);
    expect(win).toBe(created[0]);
  });
});

describe('the main window', () => {
  it('loads the app from app://regio, never file: or http:', () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    expect(created[0]?.loaded).toEqual(['app://regio/index.html']);
  });

  it('stays hidden until ready-to-show', () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const w = created[0]!;
    expect(w.shown).toBe(false);
    w.emit('ready-to-show');
    expect(w.shown).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect'] as const)('%s: stays inside app://regio', (event) => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const wc = created[0]!.webContents;
    expect(navigate(wc, event, 'app://regio/index.html#/clients')).toBe(false);
    expect(navigate(wc, event, 'app://regio/settings')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'http://regio/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(navigate(wc, event, url), url).toBe(true);
    }
  });

  it('denies window.open and opens only https links in the browser', async () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const open = created[0]!.webContents.openHandler!;
    expect(open({ url: 'https://regio.example/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://plain.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://regio/index.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal.mock.calls).toEqual([['https://regio.example/help']]);
  });

  it('prevents attaching a webview', () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const prevent = vi.fn();
    created[0]!.webContents.emit('will-attach-webview', { preventDefault: prevent }, {}, {});
    expect(prevent).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    createMainWindow({ preloadPath: '/p.cjs' });
    const wc = created[0]!.webContents;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const cb = vi.fn();
      wc.permissionRequest!(wc, permission, cb, {});
      expect(cb, permission).toHaveBeenCalledWith(false);
      expect(wc.permissionCheck!(wc, permission, 'app://regio', {})).toBe(false);
    }
    expect(wc.deviceCheck!({})).toBe(false);
  });
});

describe('guards as functions', () => {
  it('guardNavigation prevents only foreign URLs', () => {
    const e = { preventDefault: vi.fn() };
    guardNavigation(e, 'app://regio/x');
    expect(e.preventDefault).not.toHaveBeenCalled();
    guardNavigation(e, 'https://regio/x');
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('windowOpenHandler survives an openExternal that fails', async () => {
    const failing = vi.fn(() => Promise.reject(new Error('no browser')));
    expect(windowOpenHandler(failing)({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    await new Promise((r) => setImmediate(r));
    expect(failing).toHaveBeenCalledOnce();
  });
});

describe('saving an export', () => {
  function download(fileName: string) {
    const item = {
      getFilename: () => fileName,
      options: null as null | Record<string, unknown>,
      setSaveDialogOptions(o: Record<string, unknown>) {
        this.options = o;
      },
      setSavePath: vi.fn(),
    };
    return item;
  }

  it('asks where to save with the native dialog, at Downloads under the file name, typed by extension', async () => {
    const { createMainWindow } = await import('./main-window');
    created.length = 0;
    createMainWindow({ preloadPath: '/app/preload.js' });
    const item = download('plan-jan-2026-11-30-2026-12-06.ics');
    created[0]!.webContents.session.downloads.emit('will-download', {}, item, {});
    expect(item.options).toMatchObject({
      defaultPath: '/home/ola/Pobrane/plan-jan-2026-11-30-2026-12-06.ics',
      filters: [{ name: 'iCalendar', extensions: ['ics'] }],
    });
    // No save path: Electron shows the dialog (a set path would save silently).
    expect(item.setSavePath).not.toHaveBeenCalled();
  });

  it('names the file types of every export format', async () => {
    const { saveFilters } = await import('./main-window');
    expect(saveFilters('a.pdf')).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
    expect(saveFilters('lista.CSV')).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    expect(saveFilters('raport.xlsx')).toEqual([{ name: 'Excel', extensions: ['xlsx'] }]);
    expect(saveFilters('bez-pripony')).toEqual([]);
  });
});
