import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,main,preload,renderer,sync,tests,scripts,bench}/**/*.test.{ts,tsx}'],
    // better-sqlite3 is a native addon: separate processes keep each file's handles its own.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
  },
});
