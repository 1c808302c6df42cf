import * as os from 'node:os';
import * as path from 'node:path';
import { isValidTimeZone } from '../../shared/domain/dates';

export interface CliArgs {
  dataDir: string;
  port: number;
  /** TEST ONLY: freeze the core's clock at this instant. */
  clock?: Date;
  /** Time zone for "today" before an office exists. */
  timeZone?: string;
  /** Overrides the renderer folder found next to the bundle (running from source). */
  staticDir?: string;
  help: boolean;
}

export const USAGE = `Usage: npm run web -- [--data DIR] [--port N] [--no-open]
  --data DIR     data folder (default: the per-user Regio folder)
  --port N       port on 127.0.0.1 (default 0: a free port)
  --no-open      accepted for symmetry; the browser is never opened automatically
  --static DIR   the built renderer (default: next to the bundle)
Test only:
  --clock ISO    freeze the clock at this instant
  --tz ZONE      time zone before an office exists (e.g. Europe/Warsaw)`;

export class CliError extends Error {}

/** Where each desktop OS keeps per-user application data; the store lives in its data/ subfolder. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  // Built with the target platform's path rules so the answer does not depend on the machine
  // computing it (tests check every platform from Linux).
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Regio', 'data');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Regio', 'data');
  const xdg =
    env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.posix.join(home, '.local', 'share');
  return path.posix.join(xdg, 'regio', 'data');
}

export function parseCliArgs(
  argv: readonly string[],
  defaults: { dataDir: () => string } = { dataDir: () => defaultDataDir() },
): CliArgs {
  let dataDir: string | undefined;
  let port = 0;
  let clock: Date | undefined;
  let timeZone: string | undefined;
  let staticDir: string | undefined;
  let help = false;
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--data':
        dataDir = path.resolve(value());
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535) throw new CliError(`--port must be 0–65535, got ${v}`);
        port = n;
        break;
      }
      case '--no-open':
        break;
      case '--clock': {
        const v = value();
        const d = new Date(v);
        if (Number.isNaN(d.getTime())) throw new CliError(`--clock must be an ISO instant, got ${v}`);
        clock = d;
        break;
      }
      case '--tz': {
        const v = value();
        if (!isValidTimeZone(v)) throw new CliError(`--tz must be an IANA time zone, got ${v}`);
        timeZone = v;
        break;
      }
      case '--static':
        staticDir = path.resolve(value());
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new CliError(`Unknown option ${raw}`);
    }
  }
  return { dataDir: dataDir ?? defaults.dataDir(), port, clock, timeZone, staticDir, help };
}
