import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const HOST_CLI = path.join(REPO_ROOT, 'dist', 'host', 'cli.mjs');
export const RENDERER_INDEX = path.join(REPO_ROOT, 'dist', 'renderer', 'index.html');

/** The suites drive the built app, exactly what `npm run web` ships; they never build it themselves. */
export function assertBuilt(): void {
  const missing = [HOST_CLI, RENDERER_INDEX].filter((f) => !existsSync(f));
  if (missing.length) {
    throw new Error(
      `The app is not built (missing ${missing.map((f) => path.relative(REPO_ROOT, f)).join(', ')}): run npm run build first.`,
    );
  }
}
