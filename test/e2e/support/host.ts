import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_CLI, REPO_ROOT } from './paths';

export interface RunningHost {
  /** The printed link, token included: what a user opens. */
  url: string;
  /** http://127.0.0.1:PORT without path or token. */
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for the exit; returns the exit code (null if it had to be killed). */
  stop(opts?: { keepData?: boolean }): Promise<number | null>;
}

export interface HostRunOptions {
  /** TEST ONLY: freeze the core clock at this ISO instant. */
  clock?: string;
  /** Time zone before an office exists. */
  tz?: string;
  dataDir?: string;
}

const URL_LINE = /^Regio is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

/** Starts the built host (`node dist/host/cli.mjs`) on a random port with its own data folder. */
export async function startBuiltHost(opts: HostRunOptions = {}): Promise<RunningHost> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'regio-e2e-'));
  const args = [HOST_CLI, '--data', dataDir, '--port', '0'];
  if (opts.clock) args.push('--clock', opts.clock);
  if (opts.tz) args.push('--tz', opts.tz);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The host printed no URL within 20 s. Output:\n${out}`));
    }, 20_000);
    const check = () => {
      const m = URL_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(m);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited with ${code} before printing its URL. Output:\n${out}`));
    });
  });

  const [, url, port, token] = match as unknown as [string, string, string, string];
  let stopped: Promise<number | null> | undefined;
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    token,
    dataDir,
    output: () => out,
    stop(stopOpts = {}) {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        const code = await exited;
        clearTimeout(timer);
        if (!stopOpts.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
        return code;
      })();
      return stopped;
    },
  };
}
