import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const REPORTER = join(ROOT, 'tests', 'support', 'closing-line-reporter.ts');

/** Runs Vitest with the closing-line reporter on the given test files (in a folder of their own). */
function runVitest(files: Record<string, string>, env: Record<string, string | undefined> = {}, args: string[] = []): { out: string; status: number | null } {
  const dir = tempDir('onewindow-reporter-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--reporter', REPORTER, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  return { out: `${r.stdout}${r.stderr}`, status: r.status };
}

const MIXED = `
import { beforeAll, describe, expect, it } from 'vitest';
describe('a suite whose set-up fails', () => {
  beforeAll(() => { throw new Error('no scanner'); });
  it('never runs', () => expect(1).toBe(1));
  it('never runs either', () => expect(1).toBe(1));
});
describe('the rest', () => {
  it('passes', () => expect(1).toBe(1));
  it('fails', () => expect(1).toBe(2));
  it('skips with its reason', (ctx) => { ctx.skip(process.env.REASON_SKIP === '1', 'the Electron binary is installed here'); });
});
`;

describe('the closing-line reporter', () => {
  it('counts tests whose suite never set up as failed, and lists each skip with its reason after the closing line', () => {
    const { out, status } = runVitest({ 'mixed.test.ts': MIXED }, { REASON_SKIP: '1', OW_TEST_DATABASE_URL: 'postgres://x@127.0.0.1:1/db' });
    expect(status).toBe(1);
    const lines = out.split('\n');
    const closing = lines.findIndex((l) => l.startsWith('tests: '));
    expect(lines[closing]).toBe('tests: 1 passed, 3 failed, 1 skipped');
    expect(lines.slice(closing + 1)).toEqual(
      expect.arrayContaining(['  skipped: mixed.test.ts > the rest > skips with its reason: the Electron binary is installed here', expect.stringMatching(/^ {2}not run, counted as failed .*: 2, first mixed\.test\.ts > a suite whose set-up fails > never runs$/)]),
    );
    expect(out).not.toContain('OW_TEST_DATABASE_URL is not set');
  });

  it('fails a run whose only fault is a skip without a reason, and says which; and notes a run without PostgreSQL', () => {
    const { out, status } = runVitest({ 'silent.test.ts': "import { it } from 'vitest';\nit('passes', () => undefined);\nit.runIf(false)('hides', () => undefined);\n" }, { OW_TEST_DATABASE_URL: undefined });
    expect(out).toContain('tests: 1 passed, 0 failed, 1 skipped');
    expect(out).toContain('  skipped: silent.test.ts > hides: NO REASON GIVEN (a skip must say why: ctx.skip(reason))');
    expect(out).toContain('1 skipped without a reason: the run fails');
    expect(out).toContain("note: OW_TEST_DATABASE_URL is not set, so the central service's suites ran on PGlite only");
    expect(status).toBe(1);
  });

  it('lets a name filter (-t) leave tests out without failing the run', () => {
    const { out, status } = runVitest({ 'two.test.ts': "import { it } from 'vitest';\nit('wanted', () => undefined);\nit('other', () => undefined);\n" }, {}, ['-t', 'wanted']);
    expect(out).toContain('tests: 1 passed, 0 failed, 1 skipped');
    expect(out).toContain('  skipped: 1 left out by the name filter (-t)');
    expect(status).toBe(0);
  });
});
