import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tests/support/temp.js';

const ROOT = resolve(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'scripts', 'test-setup.sh');
const COMMAND = 'sudo bash scripts/test-setup.sh --system';
/** What the set-up runs once it is done; it must never show when the set-up stopped. */
const RAN = 'THE-TESTS-RAN';
const isRoot = process.getuid?.() === 0;

/**
 * scripts/test-setup.sh as a user who is not root (as root, this runs it as `nobody`, since root
 * may install), with stand-ins first on PATH for what a test must not really do or cannot arrange:
 * dpkg-query reports the packages given as missing, sudo asks for a password (or, given, takes
 * `-n true` and fails everything else, writing what it was asked to `sudo.log`), and the given
 * CUPS tools say the scheduler is not running.
 */
function runSetup(opts: { missing?: string[]; sudo?: 'password' | 'fails'; cupsDown?: boolean; env?: Record<string, string> }, ...args: string[]) {
  const bin = tempDir('onewindow-setup-bin-');
  chmodSync(bin, 0o777); // nobody writes sudo.log here
  const stub = (name: string, lines: string[]): void => {
    writeFileSync(join(bin, name), ['#!/bin/sh', ...lines, ''].join('\n'));
    chmodSync(join(bin, name), 0o755);
  };
  // dpkg-query -W -f='${Status}' PACKAGE
  stub('dpkg-query', ['for last; do :; done', `case " ${(opts.missing ?? []).join(' ')} " in *" $last "*) exit 1 ;; esac`, "printf 'install ok installed'"]);
  if (opts.sudo === 'fails') stub('sudo', [`echo "$*" >>${bin}/sudo.log`, '[ "$*" = "-n true" ] && exit 0', 'echo "E: could not reach the package mirror" >&2', 'exit 100']);
  else stub('sudo', ['echo "sudo: a password is required" >&2', 'exit 1']);
  if (opts.cupsDown) for (const tool of ['lp', 'lpstat', 'lpadmin', 'lpinfo', 'lpoptions', 'cupsenable', 'cupsaccept']) stub(tool, ['exit 1']);

  const env = [`PATH=${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, ...Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`)];
  const argv = ['env', ...env, 'bash', SCRIPT, ...args];
  const r = isRoot ? spawnSync('runuser', ['-u', 'nobody', '--', ...argv], { cwd: '/', encoding: 'utf8', timeout: 60_000 }) : spawnSync(argv[0]!, argv.slice(1), { cwd: '/', encoding: 'utf8', timeout: 60_000 });
  const sudoLog = join(bin, 'sudo.log');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, sudo: existsSync(sudoLog) ? readFileSync(sudoLog, 'utf8') : '' };
}

/** The paragraphs of a text (blocks separated by blank lines). */
const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');

describe('scripts/test-setup.sh (what npm test runs first)', () => {
  it('a missing package, no root and no sudo: stops at once with one paragraph naming the package and the command, and runs no test', () => {
    const r = runSetup({ missing: ['stress-ng', 'sane-utils'] }, 'echo', RAN);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(RAN);
    const said = paragraphs(r.stderr);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^npm test stopped before running any test\. These Debian packages are not installed: sane-utils stress-ng\./);
    expect(said[0]).toContain(COMMAND);
    expect(said[0]!.split('\n')).toHaveLength(1);
  });

  it('with sudo without a password it installs through sudo -n; when that fails it says so and runs no test', () => {
    const r = runSetup({ missing: ['stress-ng'], sudo: 'fails' }, 'echo', RAN);
    expect(r.sudo).toBe('-n true\n-n bash scripts/install-system-deps.sh\n');
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(RAN);
    expect(r.stderr).toContain('test-setup: sudo bash scripts/install-system-deps.sh failed');
  });

  it('CUPS not running and no root: one paragraph that names CUPS and the command, and no test runs', () => {
    const r = runSetup({ cupsDown: true, env: { OW_TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unused' } }, 'echo', RAN);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('test-setup: system packages: all present');
    expect(r.stdout + r.stderr).not.toContain(RAN);
    const said = paragraphs(r.stderr);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^npm test stopped before running any test\. CUPS is not ready \(/);
    expect(said[0]).toContain(COMMAND);
  });

  it('where every part is ready (npm test has set them up), runs the command with OW_TEST_DATABASE_URL and OW_REQUIRE_POSTGRES=1', () => {
    const url = 'postgres://postgres@127.0.0.1:1/given';
    const r = runSetup({ env: { OW_TEST_DATABASE_URL: url } }, 'sh', '-c', `echo ${RAN} "$OW_TEST_DATABASE_URL" "$OW_REQUIRE_POSTGRES"`);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/test-setup: CUPS: ready .*\ntest-setup: SANE: ready .*\ntest-setup: PostgreSQL: the one in OW_TEST_DATABASE_URL\n/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`${RAN} ${url} 1`);
  });
});
