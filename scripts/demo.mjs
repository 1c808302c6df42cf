// Runs the demo builder from source (tsx): a developer tool, not part of the shipped app.
import { spawnSync } from 'node:child_process';
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'main/core/demo/demo.cli.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
