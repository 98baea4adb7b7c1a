import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';

/** How many of the slowest files the reporter names (what to split or run in parallel first). */
const SLOWEST = 6;

export interface Tally {
  passed: number;
  /** Failed tests, tests that never ran because their suite's or file's set-up failed, and files that failed to load. */
  failed: number;
  skipped: number;
  /** Every skipped test with the reason it gave (`ctx.skip(reason)`); `null` when it gave none. */
  skips: { test: string; reason: string | null }[];
  /** Tests counted as failed because a hook of their suite (or their file) failed, so they never ran. */
  notRun: string[];
  /** Files by duration, slowest first. */
  durations: { file: string; ms: number }[];
}

/** A test that was due to run (not skip/todo) ends `skipped` without a note when its suite's set-up failed. */
function neverRan(test: TestCase): boolean {
  if (test.options.mode !== 'run') return false;
  let p = test.parent;
  while (p.type === 'suite') {
    if (p.state() === 'failed') return true;
    p = p.parent;
  }
  return p.state() === 'failed';
}

export function tally(modules: ReadonlyArray<TestModule>, root: string): Tally {
  const t: Tally = { passed: 0, failed: 0, skipped: 0, skips: [], notRun: [], durations: [] };
  for (const mod of modules) {
    const file = relative(root, mod.moduleId);
    let count = 0;
    for (const test of mod.children.allTests()) {
      count += 1;
      const result = test.result();
      const name = `${file} > ${test.fullName}`;
      if (result.state === 'passed') t.passed += 1;
      else if (result.state === 'failed') t.failed += 1;
      else if (result.state === 'skipped' && result.note === undefined && neverRan(test)) {
        t.failed += 1;
        t.notRun.push(name);
      } else {
        t.skipped += 1;
        t.skips.push({ test: name, reason: result.state === 'skipped' ? (result.note ?? null) : 'still pending at the end of the run' });
      }
    }
    // A file that failed to load has no tests but must still count as a failure.
    if (mod.state() === 'failed' && count === 0) t.failed += 1;
    t.durations.push({ file, ms: mod.diagnostic().duration });
  }
  t.durations.sort((a, b) => b.ms - a.ms);
  return t;
}

/** The lines the reporter prints: the slowest files, the closing line, then every skip with its reason. */
export function closingLines(t: Tally, opts: { filtered: boolean; postgres: boolean }): { lines: string[]; ruleBroken: boolean } {
  const lines: string[] = [];
  if (t.durations.length > 1) lines.push(`slowest files: ${t.durations.slice(0, SLOWEST).map((d) => `${d.file} ${(d.ms / 1000).toFixed(1)} s`).join(' · ')}`);
  lines.push(`tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  const silent = t.skips.filter((s) => s.reason === null);
  for (const s of t.skips) {
    if (s.reason !== null) lines.push(`  skipped: ${s.test}: ${s.reason}`);
    else if (!opts.filtered) lines.push(`  skipped: ${s.test}: NO REASON GIVEN (a skip must say why: ctx.skip(reason))`);
  }
  if (opts.filtered && silent.length > 0) lines.push(`  skipped: ${silent.length} left out by the name filter (-t)`);
  if (t.notRun.length > 0) lines.push(`  not run, counted as failed (their suite's set-up failed, see above): ${t.notRun.length}, first ${t.notRun[0]}`);
  if (!opts.postgres) lines.push("  note: OW_TEST_DATABASE_URL is not set, so the central service's suites ran on PGlite only (npm test starts a PostgreSQL: scripts/test-setup.sh)");
  const ruleBroken = !opts.filtered && silent.length > 0;
  if (ruleBroken) lines.push(`${silent.length} skipped without a reason: the run fails`);
  return { lines, ruleBroken };
}

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, that any CI log reader can
 * count, after Vitest's own summary; before it the slowest files, after it every skip with its
 * reason. A skip without a reason fails the run (no test may skip silently), unless a name filter
 * (-t) left tests out.
 */
export default class ClosingLineReporter implements Reporter {
  private root = process.cwd();
  private filtered = false;

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    this.filtered = Boolean(vitest.config.testNamePattern);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const { lines, ruleBroken } = closingLines(tally(testModules, this.root), { filtered: this.filtered, postgres: Boolean(process.env.OW_TEST_DATABASE_URL) });
    console.log(`\n${lines.join('\n')}`);
    if (ruleBroken) process.exitCode = 1;
  }
}
