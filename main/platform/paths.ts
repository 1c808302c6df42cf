import * as path from 'node:path';

// Where Regio keeps its data. The default lives under Electron's userData; an explicit folder
// (a second test profile, a USB stick, an end-to-end run) comes from `--data DIR` or REGIO_DATA_DIR,
// the argument winning because it is the more deliberate of the two.

export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') {
      const next = argv[i + 1];
      if (next && !next.startsWith('--')) return next;
    } else if (a?.startsWith('--data=')) {
      const v = a.slice('--data='.length);
      if (v) return v;
    }
  }
  return undefined;
}

export function resolveDataDir(opts: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  userData: string;
  cwd?: string;
}): string {
  const chosen = dataDirFromArgs(opts.argv) ?? (opts.env.REGIO_DATA_DIR || undefined);
  return chosen ? path.resolve(opts.cwd ?? process.cwd(), chosen) : path.join(opts.userData, 'data');
}
