// `npm start`: build, then run the app in Electron — or, where Electron's binary was never
// downloaded (no internet at install time, or install scripts not allowed), say so plainly and
// point at `npm run web`, which serves the same app to a browser.
//
// The binary is located the way node_modules/electron/index.js does it, but without its side
// effect: that file *downloads* Electron when the binary is missing, which here would hang on a
// blocked network before failing. So require('electron') is only called once the file is known
// to exist, and its answer is checked as well (it may also throw, or name a missing file).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const DEFAULT_EXECUTABLE = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/** @returns {{ path: string } | { path: null, reason: string }} */
function findElectron() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed (node_modules/electron is missing)' };
  }
  const pathTxt = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let candidate;
  if (override) {
    candidate = path.join(override, relative || DEFAULT_EXECUTABLE[process.platform] || 'electron');
    if (!existsSync(candidate))
      return { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${candidate} does not exist` };
  } else {
    if (!relative)
      return {
        path: null,
        reason: `${path.relative(root, pkgDir)}/path.txt is missing: the binary was never downloaded`,
      };
    candidate = path.join(pkgDir, 'dist', relative);
    if (!existsSync(candidate))
      return { path: null, reason: `${path.relative(root, candidate)} does not exist` };
  }
  // Safe now: with the file present, the electron package only reports its path.
  try {
    const reported = require('electron');
    if (typeof reported !== 'string' || !existsSync(reported)) {
      return {
        path: null,
        reason: `the electron package names a binary that does not exist (${String(reported)})`,
      };
    }
    return { path: reported };
  } catch (e) {
    return {
      path: null,
      reason: `loading the electron package failed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

function explainMissing(reason) {
  const version = (() => {
    try {
      return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
    } catch {
      return 'the version in package.json';
    }
  })();
  console.error(`
Regio cannot start as a desktop app: Electron's binary is not installed.
  Why: ${reason}.
  Its download was skipped when the dependencies were installed, e.g. because this machine
  has no internet access or because install scripts are not allowed for electron.

To get it:
  - on a machine with internet access, run:  node node_modules/electron/install.js
  - or set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an Electron ${version} binary,
    e.g.  ELECTRON_OVERRIDE_DIST_PATH=/opt/electron-${version} npm start

Meanwhile the same app runs in your browser:  npm run web
`);
}

const electron = findElectron();
// Checked before building: the build replaces dist/main and dist/host, which a running
// `npm run web` may be using, and there is no point in it when Electron cannot start.
if (!electron.path) {
  explainMissing(electron.reason);
  process.exit(1);
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

// A stray ELECTRON_RUN_AS_NODE in the shell would start Electron as plain Node instead of the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
child.on('error', (e) => {
  console.error(`Could not run ${electron.path}: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
