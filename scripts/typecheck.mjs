// One tsconfig per runtime: shared (no Node, no DOM), main (Node), preload, renderer (DOM).
// Run them one after another so a failure names the runtime it broke.
import { spawnSync } from 'node:child_process';
const projects = [
  'shared/tsconfig.json',
  'main/tsconfig.json',
  'main/preload/tsconfig.json',
  'renderer/tsconfig.json',
  'tsconfig.json',
];
let failed = false;
for (const p of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', p], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck failed: ${p}`);
    failed = true;
  } else console.log(`typecheck ok: ${p}`);
}
process.exit(failed ? 1 : 0);
