// `npm run web`: the core and the built renderer behind the browser host on 127.0.0.1.
// Bundled to dist/host/cli.mjs (ESM); the renderer sits beside it in dist/renderer.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { version } from '../../package.json';
import { fixedClock } from '../../shared/domain/dates';
import { createCore } from '../core/app/core';
import type { Core } from '../core/app/core';
import { CliError, parseCliArgs, USAGE } from './cli-args';
import { startHost } from './http.host';
import type { Host } from './http.host';

function logError(msg: string, err?: unknown): void {
  console.error(
    err === undefined ? msg : `${msg}: ${err instanceof Error ? (err.stack ?? err.message) : inspect(err)}`,
  );
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const staticDir = args.staticDir ?? fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(
      `The renderer is not built: ${path.join(staticDir, 'index.html')} is missing (run npm run build first).`,
    );
    return 1;
  }
  if (args.clock) {
    // Loud on purpose: a frozen clock in real use would date every record wrongly.
    console.error(`WARNING: the clock is frozen at ${args.clock.toISOString()} (--clock is for tests only).`);
  }

  let core: Core;
  try {
    core = await createCore({
      dataDir: args.dataDir,
      appVersion: version,
      ...(args.clock ? { clock: fixedClock(args.clock) } : {}),
      ...(args.timeZone ? { defaultTimeZone: args.timeZone } : {}),
      log: logError,
    });
  } catch (e) {
    console.error(
      `Cannot open the data folder ${args.dataDir}: ${e instanceof Error ? e.message : String(e)}`,
    );
    return 1;
  }

  let host: Host;
  try {
    host = await startHost({ core, port: args.port, staticDir, log: logError });
  } catch (e) {
    console.error(`Cannot listen on 127.0.0.1:${args.port}: ${e instanceof Error ? e.message : String(e)}`);
    await core.close();
    return 1;
  }

  // Tests parse exactly this line; keep its shape.
  console.log(`Regio is running at ${host.url}?token=${host.token}`);
  console.log(`Data folder: ${args.dataDir}`);
  console.log('Press Ctrl+C to stop.');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      // npm and the terminal may both deliver the same Ctrl+C: one shutdown is enough.
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: closing…`);
      // A store that cannot finish in time is still safe (the journal is fsync'd per commit).
      const force = setTimeout(() => {
        console.error('Shutdown took too long; exiting.');
        resolve(1);
      }, 15_000);
      force.unref();
      host
        .close()
        .then(() => core.close())
        .then(
          () => {
            clearTimeout(force);
            resolve(0);
          },
          (e: unknown) => {
            clearTimeout(force);
            logError('Closing the store failed', e);
            resolve(1);
          },
        );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    logError('Regio host failed', e);
    process.exit(1);
  },
);
