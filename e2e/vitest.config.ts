/**
 * Browser tests: `npm run e2e`. The global setup builds the web app when dist/web is missing or
 * older than its sources; each test file starts the real server in-process on a free port with a
 * fresh SQLite store and drives Debian's Chromium through playwright-core.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One browser scenario per file, run in order: later steps build on earlier uploads.
    sequence: { concurrent: false },
  },
});
