import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import { rendererDir } from './clients-browser';
import type { BrowserOp, DedupeBrowserResult } from './dedupe-bench.types';

// The window while the core works: the renderer in Chromium (Debian's, through playwright-core),
// the host from source on the data folder. The operator scans the base on the Duplicates screen,
// then chooses the import file and runs the dry run on the Import screen. Meanwhile the page
// records every long task (PerformanceObserver 'longtask': a main-thread task over 50 ms) and the
// longest gap between two animation frames; both are read inside the page.

const ROOT = path.resolve(import.meta.dirname, '../..');
const URL_LINE = /^Regio is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

/** Installed before the app's scripts: long tasks and animation-frame gaps, kept on window. */
const RECORDER = `
window.__name = (f) => f;
window.__bench = { tasks: [], from: 0, on: false, last: 0, maxGap: 0 };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
} catch (e) { window.__bench.unsupported = String(e); }
const tick = (t) => {
  const b = window.__bench;
  if (b.on && b.last) b.maxGap = Math.max(b.maxGap, t - b.last);
  b.last = t;
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
`;

interface Host {
  url: string;
  startedAt: number;
  stop(): Promise<void>;
}

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
    startedAt,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
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

/** Starts recording; resolves with the page's clock at the start. */
function begin(page: Page): Promise<number> {
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: { from: number; on: boolean; last: number; maxGap: number } })
      .__bench;
    b.from = performance.now();
    b.on = true;
    b.last = 0;
    b.maxGap = 0;
    return b.from;
  });
}

async function end(page: Page, label: string, from: number, detail: string): Promise<BrowserOp> {
  const r = await page.evaluate(() => {
    const b = (
      window as unknown as {
        __bench: {
          tasks: Array<[number, number]>;
          from: number;
          on: boolean;
          maxGap: number;
          unsupported?: string;
        };
      }
    ).__bench;
    b.on = false;
    return {
      tasks: b.tasks.filter(([t]) => t >= b.from),
      now: performance.now(),
      maxGap: b.maxGap,
      unsupported: b.unsupported,
    };
  });
  if (r.unsupported) throw new Error(`no long-task observer in this Chromium: ${r.unsupported}`);
  const durations = r.tasks.map(([, d]) => d);
  return {
    label,
    ms: r.now - from,
    longTasks: durations.length,
    longTaskMaxMs: durations.length ? Math.max(...durations) : 0,
    longTasksOver100: durations.filter((d) => d > 100).length,
    rafMaxGapMs: r.maxGap,
    detail,
  };
}

export async function measureDedupeBrowser(opts: {
  dataDir: string;
  login: string;
  password: string;
  csv: Uint8Array;
  log: (m: string) => void;
}): Promise<DedupeBrowserResult> {
  const { log } = opts;
  const renderer = await rendererDir(log);
  const host = await startHost(opts.dataDir, renderer.dir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pl-PL' });
    await context.addInitScript({ content: RECORDER });
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    await page.goto(host.url);
    const form = page.getByTestId('sign-in-form');
    await form.locator('input[autocomplete="username"]').fill(opts.login);
    await form.locator('input[type="password"]').fill(opts.password);
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('screen-home').waitFor();
    while (!(await historyLoaded(page))) await page.waitForTimeout(200);
    const hostLoadedMs = performance.now() - host.startedAt;
    log(`host loaded the data ${(hostLoadedMs / 1000).toFixed(1)} s after its start`);
    const ops: BrowserOp[] = [];

    // The scan: Duplicates screen, "scan", until the count of pairs shows.
    await page.evaluate(() => {
      window.location.hash = '#/clients/duplicates';
    });
    await page.getByTestId('dup-scan').waitFor();
    await page.waitForTimeout(500);
    let from = await begin(page);
    await page.getByTestId('dup-scan').click();
    await page.locator('[data-testid="dup-count"], [data-testid="dup-empty"]').first().waitFor();
    // The list renders its pairs after the count: two frames later the work of showing them is done.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const shown = await page.locator('[data-testid="dup-pair"]').count();
    const count =
      (await page
        .getByTestId('dup-count')
        .textContent()
        .catch(() => '')) ?? '';
    ops.push(
      await end(
        page,
        'scan the base (Duplicates screen: click → the pairs listed)',
        from,
        `${count.trim()}; ${shown} pairs on the page`,
      ),
    );
    log(
      `scan in the browser: ${ops[0]!.ms.toFixed(0)} ms, longest task ${ops[0]!.longTaskMaxMs.toFixed(0)} ms`,
    );

    // The import: choose the file (read and sent by the renderer, parsed by the core), then the dry run.
    await page.evaluate(() => {
      window.location.hash = '#/clients/import';
    });
    await page.getByTestId('import-file').waitFor();
    await page.waitForTimeout(500);
    // A file on disk, as a person picks it: Playwright hands a path to Chromium directly, while a
    // buffer would be rebuilt inside the page by an injected script (a long task of the harness's
    // own, ~390 ms for 1.6 MB, that the app never causes).
    const csvFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'regio-bench-csv-')), 'klienci.csv');
    writeFileSync(csvFile, Buffer.from(opts.csv));
    from = await begin(page);
    await page.getByTestId('import-file').setInputFiles(csvFile);
    await page.getByTestId('import-mapping').waitFor();
    await page.getByTestId('import-dry-run').waitFor();
    ops.push(
      await end(
        page,
        `choose the file (${(opts.csv.length / 1e6).toFixed(1)} MB CSV: read, sent, parsed) → the mapping shown`,
        from,
        '',
      ),
    );
    await page.waitForTimeout(300);
    from = await begin(page);
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-counts').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const counts = (await page.getByTestId('import-counts').innerText()).replace(/\s+/g, ' ').trim();
    const rows = await page.locator('[data-testid="import-row"]').count();
    ops.push(
      await end(
        page,
        'dry run (click → the counts and the row results shown)',
        from,
        `${counts}; ${rows} rows listed`,
      ),
    );
    log(
      `dry run in the browser: ${ops[2]!.ms.toFixed(0)} ms, longest task ${ops[2]!.longTaskMaxMs.toFixed(0)} ms`,
    );
    await context.close();
    return { renderer: renderer.label, buildMs: renderer.buildMs, hostLoadedMs, ops };
  } finally {
    await browser.close();
    await host.stop();
    renderer.cleanup();
  }
}
