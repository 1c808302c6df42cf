// electron-updater wiring. Only a packaged app updates itself: in development there is no
// app-update.yml and nothing to replace. electron-updater is loaded lazily so development runs and
// unit tests never touch it (it reaches for electron's app at load time).

export interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
  debug?(message: string): void;
}

export interface UpdaterOptions {
  isPackaged: boolean;
  logger?: UpdaterLogger;
  /** For tests: stands in for `import('electron-updater')`. */
  load?: () => Promise<{ autoUpdater: UpdaterLike }>;
}

export interface UpdaterLike {
  logger: UpdaterLogger | null;
  on(event: 'error', listener: (err: Error) => void): unknown;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

const consoleLogger: UpdaterLogger = {
  info: (m) => console.log('[updater]', m),
  warn: (m) => console.warn('[updater]', m),
  error: (m) => console.error('[updater]', m),
};

/** Resolves to true when a check was started. Never rejects: an update problem must not stop Regio. */
export async function startUpdater(opts: UpdaterOptions): Promise<boolean> {
  if (!opts.isPackaged) return false;
  const logger = opts.logger ?? consoleLogger;
  try {
    const load = opts.load ?? ((): Promise<{ autoUpdater: UpdaterLike }> => import('electron-updater'));
    const { autoUpdater } = await load();
    autoUpdater.logger = logger;
    // Without an 'error' listener an offline check becomes an unhandled error event.
    autoUpdater.on('error', (err) => logger.error(`update failed: ${err.message}`));
    await autoUpdater.checkForUpdatesAndNotify();
    return true;
  } catch (e) {
    logger.error(`update check failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
