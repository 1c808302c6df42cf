import { existsSync } from 'node:fs';
import * as path from 'node:path';

// The files Regio ships beside its code (fonts with Polish and Czech letters for PDF files). Where
// they are depends on how the core runs: from the sources (tests, tsx), from dist/ (the browser
// host, Electron's core process) or packaged by electron-builder (assets/** inside the app).

let cached: string | null = null;

/** The assets folder: REGIO_ASSETS_DIR, or the first `assets/` found above the script or the cwd. */
export function assetsDir(): string {
  if (cached) return cached;
  const marker = path.join('fonts', 'NotoSans-Regular.ttf');
  const starts = [
    process.env.REGIO_ASSETS_DIR,
    process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : undefined,
    process.cwd(),
  ].filter((s): s is string => !!s);
  for (const start of starts) {
    if (existsSync(path.join(start, marker))) return (cached = start);
    let dir = start;
    for (let i = 0; i < 6; i++) {
      const candidate = path.join(dir, 'assets');
      if (existsSync(path.join(candidate, marker))) return (cached = candidate);
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(`Regio's assets folder (with ${marker}) was not found; set REGIO_ASSETS_DIR`);
}
