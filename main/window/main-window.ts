import * as path from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import type {
  DownloadItem,
  Event,
  FileFilter,
  HandlerDetails,
  Session,
  WebContents,
  WebPreferences,
  WindowOpenHandlerResponse,
} from 'electron';
import { APP_ENTRY_URL, isAppUrl } from '../platform/app-origin';

// The one window, locked down per Electron's security checklist: the page gets no Node, runs
// sandboxed in an isolated world, can only navigate inside app://regio and opens nothing itself.

export function buildWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    webSecurity: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** will-navigate / will-redirect: only within our own origin; a dropped file or a link elsewhere is stopped. */
export function guardNavigation(event: Pick<Event, 'preventDefault'>, url: string): void {
  if (!isAppUrl(url)) event.preventDefault();
}

/** Only https links leave the app, and only into the user's browser; plain http, file:, custom schemes never. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** window.open and target=_blank: never a new Electron window. */
export function windowOpenHandler(
  openExternal: (url: string) => unknown,
): (details: Pick<HandlerDetails, 'url'>) => WindowOpenHandlerResponse {
  return ({ url }) => {
    if (isExternalLinkAllowed(url)) void Promise.resolve(openExternal(url)).catch(() => undefined);
    return { action: 'deny' };
  };
}

/** No camera, microphone, notifications, geolocation, … : a CRM needs none of them. */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** The save dialog's file type for an export, by its extension (issue 9 exports). */
export function saveFilters(fileName: string): FileFilter[] {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const named: Record<string, string> = {
    pdf: 'PDF',
    ics: 'iCalendar',
    xlsx: 'Excel',
    csv: 'CSV',
    json: 'JSON',
  };
  return ext ? [{ name: named[ext] ?? ext.toUpperCase(), extensions: [ext] }] : [];
}

/**
 * Every file the page saves (an export the core made, handed over as a download) goes where the
 * user chooses: no save path is set, so Electron asks with its native save dialog, opened at the
 * user's Downloads folder under the file's own name. Cancelling the dialog cancels the download.
 */
export function askWhereToSave(
  session: Pick<Session, 'on'>,
  downloadsDir: () => string = () => app.getPath('downloads'),
): void {
  session.on('will-download', (_event: Event, item: DownloadItem) => {
    const name = item.getFilename();
    item.setSaveDialogOptions({
      defaultPath: path.join(downloadsDir(), name),
      filters: saveFilters(name),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });
}

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function installGuards(
  contents: GuardedContents,
  openExternal: (url: string) => unknown = (u) => shell.openExternal(u),
): void {
  contents.on('will-navigate', (e) => guardNavigation(e, e.url));
  contents.on('will-redirect', (e) => guardNavigation(e, e.url));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(openExternal));
}

export interface MainWindowOptions {
  preloadPath: string;
  /** Shown in the window until the page sets its own title. */
  title?: string;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: opts.title ?? 'Regio',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: buildWebPreferences(opts.preloadPath),
  });
  denyAllPermissions(win.webContents.session);
  askWhereToSave(win.webContents.session);
  installGuards(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => console.error('main-window: loading the app failed', e));
  return win;
}
