import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // One PostgreSQL server for the run (the tests start it themselves; see test/support/global-setup.ts).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
