import { defineConfig } from 'vitest/config';

// End-to-end suites drive Debian's chromium (and Electron where a binary exists) against the built app.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
