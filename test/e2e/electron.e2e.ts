import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegioBridge } from '../../shared/contract/bridge';

// The real desktop app, driven by Playwright's _electron: the built main, preload and core
// process, the app:// protocol and the renderer. It runs wherever an Electron binary exists and
// otherwise skips, saying why (the browser suite covers the renderer against the same core).

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(path.join(ROOT, 'package.json'));

/** Same lookup as scripts/start.mjs, and like it never require('electron') first: that downloads. */
function findElectron(): { path: string; reason?: undefined } | { path: null; reason: string } {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathTxt = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? path.join(pkgDir, 'dist', relative)
      : null;
  if (!candidate || !existsSync(candidate)) {
    return {
      path: null,
      reason:
        'Electron binary not installed: node_modules/electron/dist is missing (its download was skipped or ' +
        'blocked at install); run the browser e2e suite instead, or see `npm start` for how to install it',
    };
  }
  return { path: candidate };
}

const electron = findElectron();
if (!electron.path) console.warn(`[electron.e2e] skipped: ${electron.reason}`);

if (!electron.path) {
  // Also in the report: a skipped test whose name is the reason.
  describe('Electron app', () => {
    it.skip(`not run: ${electron.reason}`, () => {});
  });
}

describe.skipIf(!electron.path)('Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (
      !existsSync(path.join(ROOT, 'dist/main/index.cjs')) ||
      !existsSync(path.join(ROOT, 'dist/renderer/index.html'))
    ) {
      const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
      if (b.status !== 0) throw new Error('build failed');
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'regio-electron-e2e-'));
    const env = Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
    );
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({
      executablePath: electron.path!,
      // The app folder, not dist/main/index.cjs itself: Electron then reads package.json (its
      // "main" is dist/main/index.cjs), so name and version are Regio's, as when packaged.
      args: [ROOT, '--data', dataDir],
      cwd: ROOT,
      env,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  let closed = false;
  afterAll(async () => {
    if (!closed) await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('opens one window titled Regio from app://regio', async () => {
    expect(await page.title()).toMatch(/Regio/);
    expect(page.url()).toMatch(/^app:\/\/regio\//);
    expect(app.windows()).toHaveLength(1);
  });

  it('gives the page window.regio and no Node', async () => {
    const shape = await page.evaluate(() => {
      const w = window as unknown as {
        regio?: RegioBridge;
        require?: unknown;
        process?: unknown;
        module?: unknown;
      };
      return {
        regio: typeof w.regio,
        keys: w.regio ? Object.keys(w.regio).sort() : [],
        platform: w.regio?.platform,
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
      };
    });
    expect(shape).toEqual({
      regio: 'object',
      keys: ['invoke', 'on', 'platform'],
      platform: 'electron',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  it('answers system:info through window.regio, from the core on the --data folder', async () => {
    const info = await page.evaluate(() =>
      (window as unknown as { regio: RegioBridge }).regio.invoke('system:info', {}),
    );
    expect(info.ok).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(info.ok && info.data.appVersion).toBe(pkg.version);
    // The core opened the folder we passed, not the user's real one.
    expect(await readdir(dataDir)).toContain('device.json');
  });

  it('opens the demo office and signs in through the real shell', async () => {
    const demo = await page.evaluate(() =>
      (window as unknown as { regio: RegioBridge }).regio.invoke('setup:openDemo', { locale: 'pl' }),
    );
    expect(demo).toMatchObject({ ok: true, data: { user: null } });
    // Through the sign-in form, as a person would (the same window keeps its core session).
    await page.reload();
    await page.getByLabel(/login/i).fill('admin');
    await page.getByLabel(/has[łl]o|heslo|password/i).fill('demo-admin');
    await page.keyboard.press('Enter');
    await page.waitForFunction(async () => {
      const r = await (window as unknown as { regio: RegioBridge }).regio.invoke('auth:session', {});
      return r.ok && r.data.user?.login === 'admin';
    });
  });

  it('saves an export where the user chooses: the native save dialog, at Downloads, under its name', async () => {
    // Our will-download handler runs first and sets the dialog's options; this one (added after it)
    // records them and cancels, so the test does not sit on a modal dialog.
    await app.evaluate(({ session }) => {
      session.defaultSession.on('will-download', (_e, item) => {
        (globalThis as { lastSave?: unknown }).lastSave = {
          name: item.getFilename(),
          options: item.getSaveDialogOptions(),
          savePath: item.getSavePath(),
        };
        item.cancel();
      });
    });
    const saved = await page.evaluate(async () => {
      const r = await (window as unknown as { regio: RegioBridge }).regio.invoke('exports:report', {
        kind: 'dataQuality',
        filters: { from: '2026-11', to: '2026-11' },
        format: 'csv',
      });
      if (!r.ok) return r;
      const bin = atob(r.data.base64);
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([bytes], { type: r.data.mime }));
      a.download = r.data.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      return { ok: true, fileName: r.data.fileName };
    });
    expect(saved).toMatchObject({ ok: true });
    const fileName = (saved as { fileName: string }).fileName;
    await expect
      .poll(() => app.evaluate(() => (globalThis as { lastSave?: unknown }).lastSave ?? null))
      .toMatchObject({
        name: fileName,
        options: {
          defaultPath: expect.stringContaining(fileName) as unknown,
          filters: [{ extensions: ['csv'] }],
        },
        // No path set: Electron asks the user.
        savePath: '',
      });
  });

  it('refuses a command outside the contract', async () => {
    const r = await page.evaluate(() =>
      (window as unknown as { regio: { invoke(c: string, i: unknown): Promise<unknown> } }).regio.invoke(
        'fs:readFile',
        { path: '/etc/passwd' },
      ),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('sends the strict CSP with the page', async () => {
    const csp = await page.evaluate(async () =>
      (await fetch('/index.html')).headers.get('content-security-policy'),
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('closes the core cleanly on quit: the data folder lock is released', async () => {
    closed = true;
    await app.close();
    expect(await readdir(dataDir)).not.toContain('regio.lock');
  });
});
