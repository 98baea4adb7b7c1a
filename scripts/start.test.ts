import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tests/support/temp.js';
import { electronBinary } from './electron-setup.js';

const root = resolve(import.meta.dirname, '..');

/**
 * `npm start` on a machine where Electron cannot be fetched (this one, and CI): it must say so in plain
 * words and start the host instead. Where the binary is installed, start launches the real app, which
 * this test must not do, so there it skips, saying why.
 */
describe('npm start without an Electron binary', () => {
  it('explains, then falls back to the host and prints its URL', async (ctx) => {
    ctx.skip(electronBinary() !== null, 'Electron’s binary is installed here, so npm start would open the real app, which this test must not do');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--', '--port', '0', '--data', tempDir()], {
      cwd: root,
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: tempDir(), ONEWINDOW_ELECTRON_FETCH_TIMEOUT_MS: '20000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no host URL within 40 s:\n${out}`)), 40_000);
      const onData = (c: Buffer): void => {
        out += c.toString();
        const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          done(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      // Ended without a URL (no dist/ built, a crash): say so now, not at the bound.
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`npm start ended (code ${code}) without a host URL:\n${out}`));
      });
    });
    try {
      expect(out).toContain('cannot start as a desktop app');
      expect(out).toContain('ELECTRON_MIRROR');
      const res = await fetch(`${url}api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(await res.json()).toMatchObject({ ok: true, value: { door: 'host' } });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
