// Electron lifecycle only: one instance, the core in its utility process, the app:// protocol, the
// IPC bridge, the window and the menu. Everything with logic lives in the modules it wires, so this
// file is a list of steps; `startApp` is exported so the steps can be tested with a mocked electron.
//
// Nothing to switch off for the old `remote` module: Electron removed it in v14, and Electron 45
// already defaults contextIsolation, sandbox and nodeIntegration the safe way (set explicitly anyway
// in window/main-window.ts).
import { app, dialog, utilityProcess } from 'electron';
import type { BrowserWindow, UtilityProcess } from 'electron';
import * as path from 'node:path';
import { CoreClient } from './ipc/core-client';
import { coreProcessArgv } from './ipc/core-protocol';
import { registerIpcBridge } from './ipc/ipc.bridge';
import { installAppMenu } from './platform/menu';
import { resolveDataDir } from './platform/paths';
import { startUpdater } from './updater/updater';
import { registerAppProtocol, registerAppScheme } from './window/app-protocol';
import { createMainWindow, installGuards } from './window/main-window';

export interface StartOptions {
  /** Folder of the bundled main files (dist/main): core.process.cjs and preload.cjs sit there, the renderer beside it. */
  mainDir?: string;
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** How long quitting waits for the core to close its store. */
  shutdownTimeoutMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

export interface RunningApp {
  dataDir: string;
  core: CoreClient;
  coreProcess: UtilityProcess;
  window(): BrowserWindow | null;
}

const STOPPED_MESSAGE =
  'Regio has to close because its data service stopped unexpectedly. Every change you saved is safe in the journal and will be there when you start Regio again.';

export async function startApp(opts: StartOptions = {}): Promise<RunningApp | null> {
  const mainDir = opts.mainDir ?? __dirname;
  const log = opts.log ?? ((msg: string, err?: unknown) => console.error(msg, err ?? ''));

  // One writer per data folder: a second start hands its turn to the first window and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Both only take effect before 'ready'.
  app.enableSandbox();
  registerAppScheme();

  let win: BrowserWindow | null = null;
  const dataDir = resolveDataDir({
    argv: opts.argv ?? process.argv,
    env: opts.env ?? process.env,
    userData: app.getPath('userData'),
  });
  const preloadPath = path.join(mainDir, 'preload.cjs');

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  // Every webContents gets the guards, not only our window's: defence in depth if anything ever
  // manages to create another one.
  app.on('web-contents-created', (_e, contents) => installGuards(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();

  // The core never runs on the main thread: a slow store operation must not freeze the window.
  const child = utilityProcess.fork(
    path.join(mainDir, 'core.process.cjs'),
    coreProcessArgv({ dataDir, appVersion: app.getVersion() }),
    {
      serviceName: 'Regio core',
      stdio: 'inherit',
    },
  );
  const core = new CoreClient({ post: (m) => child.postMessage(m), log });
  child.on('message', (m: unknown) => core.receive(m));

  let quitting = false;
  let coreGone = false;
  let reported = false;
  const failAndQuit = (message: string) => {
    if (reported || quitting) return;
    reported = true;
    dialog.showErrorBox('Regio', message);
    app.quit();
  };
  child.on('exit', (code: number) => {
    coreGone = true;
    core.exited(code);
    failAndQuit(
      core.startError?.message && core.startError.code !== 'internal'
        ? core.startError.message
        : STOPPED_MESSAGE,
    );
  });
  void core.whenSettled().then(() => {
    if (core.status === 'failed')
      failAndQuit(
        `Regio could not open its data folder ${dataDir}: ${core.startError?.message ?? 'unknown error'}`,
      );
  });

  // Quitting waits (bounded) for the core to close its journal cleanly; see CoreClient.shutdown.
  app.on('before-quit', (e) => {
    if (coreGone) return;
    e.preventDefault();
    if (quitting) return;
    quitting = true;
    void core.shutdown(opts.shutdownTimeoutMs ?? 5000).then((exited) => {
      if (!exited) {
        log('core did not exit in time; stopping it');
        child.kill();
      }
      coreGone = true;
      app.quit();
    });
  });

  registerAppProtocol(path.join(mainDir, '..', 'renderer'));
  registerIpcBridge(core, { log });
  installAppMenu({
    appName: app.name,
    dev: !app.isPackaged,
    platform: process.platform,
    showAbout: () => {
      void dialog.showMessageBox({
        type: 'info',
        title: `About ${app.name}`,
        message: `${app.name} ${app.getVersion()}`,
        detail: `Electron ${process.versions.electron ?? '?'} · Node ${process.versions.node}\nData folder: ${dataDir}`,
      });
    },
  });

  const openWindow = () => {
    win = createMainWindow({ preloadPath });
    win.on('closed', () => (win = null));
  };
  openWindow();
  app.on('activate', () => {
    if (!win) openWindow();
  });

  void startUpdater({ isPackaged: app.isPackaged });

  return { dataDir, core, coreProcess: child, window: () => win };
}

// Only under Electron: importing this file in a test must not start anything.
if (process.versions.electron) {
  startApp().catch((e: unknown) => {
    console.error('Regio failed to start', e);
    dialog.showErrorBox('Regio', `Regio failed to start: ${e instanceof Error ? e.message : String(e)}`);
    app.exit(1);
  });
}
