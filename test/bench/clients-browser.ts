import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import type { BrowserResult } from './clients-bench.types';

// The client list as a person sees it: the renderer in Chromium (Debian's, through playwright-core,
// as the e2e suite runs it), the host and core on a data folder holding the dataset. Times are taken
// inside the page (performance.now()), from the navigation to the frame that shows the first row.

const ROOT = path.resolve(import.meta.dirname, '../..');
const URL_LINE = /^Regio is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

/**
 * The built renderer: dist/renderer when it is newer than every renderer and shared source (so the
 * bench measures the code in the tree), else a private build into a temporary folder. dist/ is never
 * written: other people's builds and e2e runs use it.
 */
export async function rendererDir(log: (m: string) => void): Promise<{
  dir: string;
  label: string;
  buildMs: number | null;
  cleanup: () => void;
}> {
  const dist = path.join(ROOT, 'dist', 'renderer');
  const index = path.join(dist, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'renderer')),
    newestMtime(path.join(ROOT, 'shared')),
    newestMtime(path.join(ROOT, 'package-lock.json')),
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources)
    return { dir: dist, label: 'dist/renderer (newer than its sources)', buildMs: null, cleanup: () => {} };
  const out = mkdtempSync(path.join(os.tmpdir(), 'regio-bench-renderer-'));
  log(`building the renderer into ${out} (dist/renderer is missing or older than its sources)`);
  const t0 = performance.now();
  const { build } = await import('vite');
  try {
    await build({
      configFile: path.join(ROOT, 'renderer', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: out, emptyOutDir: true, sourcemap: false },
    });
  } catch (e) {
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
  return {
    dir: out,
    label: 'a private build of the renderer for this run',
    buildMs: performance.now() - t0,
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  };
}

interface Host {
  url: string;
  origin: string;
  startedAt: number;
  stop(): Promise<void>;
}

/** The browser host from source (tsx): the same core the rest of the bench measures. */
async function startHost(dataDir: string, staticDir: string): Promise<Host> {
  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'main/host/cli.ts'),
      '--data',
      dataDir,
      '--port',
      '0',
      '--static',
      staticDir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const m = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host printed no URL in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const x = URL_LINE.exec(out);
      if (x) {
        clearTimeout(timer);
        resolve(x);
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the host exited before printing its URL:\n${out}`));
    });
  });
  return {
    url: m[1]!,
    origin: `http://127.0.0.1:${m[2]!}`,
    startedAt,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const ROW_WITH_NAME = '[data-testid="client-row"]:not([aria-busy]) [data-testid="client-link"]';

/** Sets the hash and resolves with the ms until a frame in which a client row shows a name. */
function timeNavigation(page: Page, hash: string): Promise<number> {
  return page.evaluate(
    ({ hash, sel }) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const deadline = t0 + 60_000;
        window.location.hash = hash;
        const check = () => {
          const el = document.querySelector(sel);
          if (el?.textContent?.trim() && el.getBoundingClientRect().height > 0)
            resolve(performance.now() - t0);
          else if (performance.now() > deadline) reject(new Error('no client row within 60 s'));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { hash, sel: ROW_WITH_NAME },
  );
}

/**
 * Types the query key by key, then resolves with the ms from the last keystroke's input event to
 * the frame in which the total is the query's (`expected`, as the core counts it) and a row shows
 * a name.
 */
async function timeTyping(page: Page, query: string, expected: number): Promise<number> {
  const box = page.getByTestId('client-search');
  await page.evaluate((q) => {
    const w = window as unknown as { __lastInput?: number };
    w.__lastInput = undefined;
    const input = document.querySelector<HTMLInputElement>('[data-testid="client-search"]')!;
    input.addEventListener('input', () => {
      if (input.value === q) w.__lastInput = performance.now();
    });
  }, query);
  await box.pressSequentially(query, { delay: 60 });
  return page.evaluate(
    ({ sel, expected }) =>
      new Promise<number>((resolve, reject) => {
        const w = window as unknown as { __lastInput?: number };
        const deadline = performance.now() + 60_000;
        const check = () => {
          const total = document.querySelector('[data-testid="client-total"]')?.textContent ?? '';
          const row = document.querySelector(sel);
          if (
            w.__lastInput !== undefined &&
            total.replace(/\D/g, '') === expected &&
            row?.textContent?.trim()
          )
            resolve(performance.now() - w.__lastInput);
          else if (performance.now() > deadline) reject(new Error('the list did not update within 60 s'));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { sel: ROW_WITH_NAME, expected: String(expected) },
  );
}

async function waitForTotal(page: Page, total: number): Promise<void> {
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="client-total"]')?.textContent?.replace(/\D/g, '') === t,
    String(total),
  );
}

async function historyLoaded(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const r = await fetch('/api/invoke/system%3AstoreStatus', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const j = (await r.json()) as { ok: boolean; data?: { historyLoaded: boolean } };
    return j.ok && j.data?.historyLoaded === true;
  });
}

function debounceMs(): number | null {
  try {
    const src = readFileSync(
      path.join(ROOT, 'renderer/src/features/clients/list/ClientListScreen.tsx'),
      'utf8',
    );
    const m = /QUERY_DELAY_MS\s*=\s*(\d+)/.exec(src);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export async function measureBrowser(opts: {
  dataDir: string;
  login: string;
  password: string;
  runs: number;
  /** How many clients match "lodz" (the core's count): the search is done when the list says so. */
  lodzTotal: number;
  /** How many clients the list holds without a query. */
  allTotal: number;
  log: (m: string) => void;
}): Promise<BrowserResult> {
  const { log } = opts;
  const renderer = await rendererDir(log);
  const host = await startHost(opts.dataDir, renderer.dir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pl-PL' });
    // tsx compiles with esbuild's keepNames: the functions sent to page.evaluate call its __name().
    await context.addInitScript({ content: 'window.__name = (f) => f;' });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(host.url);
    const form = page.getByTestId('sign-in-form');
    await form.locator('input[autocomplete="username"]').fill(opts.login);
    await form.locator('input[type="password"]').fill(opts.password);
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('screen-home').waitFor();
    while (!(await historyLoaded(page))) await page.waitForTimeout(200);
    const hostLoadedMs = performance.now() - host.startedAt;
    log(`host loaded the data ${(hostLoadedMs / 1000).toFixed(1)} s after its start; measuring the list`);

    // Calls to the core in flight, so that a measurement starts when the page has nothing pending.
    let inFlight = 0;
    const isApi = (r: { url(): string }) => r.url().includes('/api/invoke/');
    const done = (r: { url(): string }) => void (isApi(r) && (inFlight = Math.max(0, inFlight - 1)));
    page.on('request', (r) => void (isApi(r) && inFlight++));
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    /** Nothing asked of the core for 300 ms (at most 20 s: a lost event must not hang the bench). */
    const apiIdle = async () => {
      const until = performance.now() + 20_000;
      for (let quiet = 0; quiet < 3 && performance.now() < until;) {
        await page.waitForTimeout(100);
        quiet = inFlight > 0 ? 0 : quiet + 1;
      }
    };

    const openList: number[] = [];
    const reopenList: number[] = [];
    const typeSearch: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      // A fresh page each time, so nothing of the list is cached in the renderer: a reload, as
      // page.goto() to the same page with only another hash stays in the document.
      await page.evaluate(() => {
        (window as unknown as { __old?: boolean }).__old = true;
        window.location.hash = '#/home';
      });
      await page.reload();
      await page.getByTestId('screen-home').waitFor();
      if (await page.evaluate(() => (window as unknown as { __old?: boolean }).__old === true))
        throw new Error('the page was not reloaded');
      // The home screen's own requests (the operator's data-quality counts) finish first.
      await apiIdle();
      openList.push(await timeNavigation(page, '#/clients'));
      typeSearch.push(await timeTyping(page, 'lodz', opts.lodzTotal));
      // Back to no query (the list remembers its filters), so every run starts the same.
      await page.getByTestId('client-search').fill('');
      await waitForTotal(page, opts.allTotal);
      await page.evaluate(() => {
        window.location.hash = '#/home';
      });
      await page.getByTestId('screen-home').waitFor();
      await apiIdle();
      reopenList.push(await timeNavigation(page, '#/clients'));
      log(
        `run ${i + 1}: list ${openList[i]!.toFixed(0)} ms, search ${typeSearch[i]!.toFixed(0)} ms, back to the list ${reopenList[i]!.toFixed(0)} ms`,
      );
    }
    await context.close();
    return {
      renderer: renderer.label,
      buildMs: renderer.buildMs,
      hostLoadedMs,
      openList,
      reopenList,
      typeSearch,
      debounceMs: debounceMs(),
    };
  } finally {
    await browser.close();
    await host.stop();
    renderer.cleanup();
  }
}
