// `npm run web [-- options]`: builds, then runs the browser host (dist/host/cli.mjs) with the
// options passed through. Signals go to the host so the store closes cleanly; its exit code is ours.
import { spawn, spawnSync } from 'node:child_process';

const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('web: the build failed; not starting the host.');
  process.exit(build.status ?? 1);
}

const host = spawn(process.execPath, ['dist/host/cli.mjs', ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // The terminal also sends Ctrl+C to the host directly; the host treats a repeat as one request.
  process.on(signal, () => {
    if (host.exitCode === null) host.kill(signal);
  });
}
host.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1) : 1));
});
host.on('error', (e) => {
  console.error(`web: cannot start the host: ${e.message}`);
  process.exit(1);
});
