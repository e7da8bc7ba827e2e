import { defineConfig } from 'vitest/config';

// Browser journeys: one real server per file, Debian chromium, no retries.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    retry: 0,
    pool: 'forks',
    fileParallelism: false,
  },
});
