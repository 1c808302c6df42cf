import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app:// in Electron and from http://127.0.0.1 by the browser host,
// both under a CSP without 'unsafe-inline': the built index.html must hold no inline script or style.
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs work under any origin and path the two hosts choose.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The polyfill is an inline <script>, which the CSP refuses; every browser we ship to has modulepreload.
    modulePreload: { polyfill: false },
    // data: fonts would break font-src 'self'; keep every asset a file.
    assetsInlineLimit: 0,
    // One chunk read from the local disk (app:// or 127.0.0.1), never over a network: its size is
    // not a download cost, so warn only when it grows well past today's (~0.5 MB with zod and i18n).
    chunkSizeWarningLimit: 1024,
  },
});
