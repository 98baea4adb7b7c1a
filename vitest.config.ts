import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files at the same time. Vitest's default for `run` is one less than the cores, which on a
 * 2-core machine (CI's) is 1: every file in a row. Most files wait more than they compute (on
 * Chromium, cupsd and Ghostscript, scanimage, PostgreSQL, child processes), and no two share what
 * they would trip over: ports are free ones, CUPS tests stop only a queue of their own, databases
 * and folders are per file, SANE's test device is per process, timing checks count CPU time or wait
 * on state. So at least two, and one per core above that. OW_TEST_WORKERS overrides it.
 */
const workers = Number(process.env.OW_TEST_WORKERS) || Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    include: ['{core,main,preload,renderer,sync,tests,scripts,bench}/**/*.test.{ts,tsx}'],
    // better-sqlite3 is a native addon: separate processes keep each file's handles its own.
    pool: 'forks',
    maxWorkers: workers,
    // Bounds, not expectations: a test that passes ends when it is done; these only decide how long a
    // stuck one takes to fail. Generous, because a loaded machine (CI, the flake proof under
    // stress-ng) runs the slowest tests, 10–20 s here, several times slower.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
  },
});
