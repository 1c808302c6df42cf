import { describe, expect, it, vi } from 'vitest';
import { startUpdater } from './updater';
import type { UpdaterLike, UpdaterLogger } from './updater';

const silent: UpdaterLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function fakeUpdater(check: () => Promise<unknown>) {
  const listeners: Array<(e: Error) => void> = [];
  const checkForUpdatesAndNotify = vi.fn(check);
  const u: UpdaterLike & { listeners: typeof listeners } = {
    logger: null,
    listeners,
    on: (_event, l) => listeners.push(l),
    checkForUpdatesAndNotify,
  };
  return { u, checkForUpdatesAndNotify };
}

describe('updater', () => {
  it('does nothing in development, not even load electron-updater', async () => {
    const load = vi.fn();
    expect(await startUpdater({ isPackaged: false, load })).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });

  it('checks and notifies when packaged, with our logger and an error listener', async () => {
    const { u, checkForUpdatesAndNotify } = fakeUpdater(() => Promise.resolve(null));
    expect(
      await startUpdater({
        isPackaged: true,
        logger: silent,
        load: () => Promise.resolve({ autoUpdater: u }),
      }),
    ).toBe(true);
    expect(checkForUpdatesAndNotify).toHaveBeenCalledOnce();
    expect(u.logger).toBe(silent);
    expect(u.listeners).toHaveLength(1);
  });

  it('never rejects when the update server is unreachable', async () => {
    const { u } = fakeUpdater(() => Promise.reject(new Error('getaddrinfo ENOTFOUND updates.regio.example')));
    const logger = { ...silent, error: vi.fn() };
    expect(
      await startUpdater({ isPackaged: true, logger, load: () => Promise.resolve({ autoUpdater: u }) }),
    ).toBe(false);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('ENOTFOUND'));
  });
});
