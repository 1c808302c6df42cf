// Builds everything the app runs: the renderer (Vite) and the Node-side bundles (esbuild).
// Electron's main, preload and core process are CommonJS (a sandboxed preload must be one CJS
// file); the browser host is an ES module run by plain Node.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';

const only = process.argv.includes('--node-only')
  ? 'node'
  : process.argv.includes('--renderer-only')
    ? 'renderer'
    : 'all';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

if (only !== 'renderer') {
  rmSync('dist/main', { recursive: true, force: true });
  rmSync('dist/host', { recursive: true, force: true });
  await esbuild({
    ...common,
    format: 'cjs',
    // pdfmake (pdfkit, fontkit) reads data files relative to its own folder: it stays a package in
    // node_modules (electron-builder ships production dependencies) instead of being bundled.
    external: ['electron', 'pdfmake'],
    entryPoints: {
      index: 'main/index.ts',
      preload: 'main/preload/preload.ts',
      'core.process': 'main/ipc/core.process.ts',
    },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
  });
  await esbuild({
    ...common,
    format: 'esm',
    entryPoints: { cli: 'main/host/cli.ts' },
    external: ['pdfmake'],
    outdir: 'dist/host',
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS dependencies still call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
}
if (only !== 'node') {
  await viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
}
console.log(`build ok (${only})`);
