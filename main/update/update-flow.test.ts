import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCa, type TestCa } from '../../tests/support/test-ca.js';
import { tempDir } from '../../tests/support/temp.js';
import { startUpdateServer, type UpdateServer } from '../../tests/support/update-server.js';
import { checkForUpdate, fileUrl } from './check.js';
import { downloadVerified } from './fetch.js';
import { readUpdatePolicy } from './policy.js';
import { chainTrusted } from './trust.js';
import { fileMatches } from './verify.js';

// The update flow that runs without Electron: an internal https server with its own CA serving
// latest.yml and an installer, the checker's decision, and the sha512 gate before installing.
let ca: TestCa;
let server: UpdateServer;
beforeAll(async () => {
  ca = makeTestCa(tempDir('onewindow-ca-'));
  server = await startUpdateServer(ca);
});
afterAll(() => server.close());

const installer = Buffer.from('MZ pretend installer bytes for 1.2.0');
const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('base64');
const LOW = '6f1c2a9e-0000-4000-8000-000000000001';
const HIGH = '6f1c2a9e-0000-4000-8000-0000f0000000';

function publish(version: string, opts: { staging?: number; sha?: string } = {}): void {
  server.files.set('OneWindow-Setup.exe', installer);
  server.files.set(
    'latest.yml',
    [
      `version: ${version}`,
      'files:',
      '  - url: OneWindow-Setup.exe',
      `    sha512: ${opts.sha ?? sha512(installer)}`,
      `    size: ${installer.length}`,
      'path: OneWindow-Setup.exe',
      `releaseDate: '2026-03-01T08:00:00.000Z'`,
      ...(opts.staging === undefined ? [] : [`stagingPercentage: ${opts.staging}`]),
      '',
    ].join('\n'),
  );
}

const check = (stagingId: string, caPem = ca.caPem) =>
  checkForUpdate({ url: server.url, ca: caPem, current: '1.1.0', stagingId, kind: 'nsis', platform: 'win32', arch: 'x64', timeoutMs: 5000 });

describe('checking the internal update server', () => {
  it('finds a newer release, downloads it and accepts it because its sha512 matches', async () => {
    publish('1.2.0');
    const r = await check(LOW);
    expect(r).toMatchObject({ take: true, version: '1.2.0', file: { url: 'OneWindow-Setup.exe' } });
    expect(server.requests).toContain('latest.yml');
    if (!r.take) return;
    const dest = join(tempDir(), 'setup.exe');
    await downloadVerified(fileUrl(server.url, r.file.url), dest, r.file.sha512, { ca: ca.caPem, timeoutMs: 5000 });
    expect(readFileSync(dest)).toEqual(installer);
    expect(await fileMatches(dest, r.file.sha512)).toBe(true);
  });

  it('leaves an installation outside a staged rollout where it is', async () => {
    publish('1.2.0', { staging: 25 });
    expect(await check(HIGH)).toMatchObject({ take: false, why: 'staged_out' });
    expect(await check(LOW)).toMatchObject({ take: true });
  });

  it('refuses an installer whose bytes do not match the manifest’s sha512, and keeps no file', async () => {
    publish('1.2.0', { sha: sha512(Buffer.from('other bytes')) });
    const r = await check(LOW);
    expect(r.take).toBe(true);
    if (!r.take) return;
    const dest = join(tempDir(), 'setup.exe');
    await expect(downloadVerified(fileUrl(server.url, r.file.url), dest, r.file.sha512, { ca: ca.caPem, timeoutMs: 5000 })).rejects.toThrow(/sha512/);
    expect(existsSync(dest)).toBe(false);
    // The same gate on a file another downloader (electron-updater) left: refused.
    writeFileSync(dest, installer);
    expect(await fileMatches(dest, r.file.sha512)).toBe(false);
  });

  it('does not take the version it runs, and refuses a manifest with a fractional staging percentage', async () => {
    publish('1.1.0');
    expect(await check(LOW)).toMatchObject({ take: false, why: 'not_newer' });
    publish('1.2.0', { staging: 12.5 });
    expect(await check(LOW)).toMatchObject({ take: false, why: 'invalid_manifest' });
  });

  it('trusts only the CA IT named: a server whose certificate another CA issued is unreachable', async () => {
    publish('1.2.0');
    expect(await check(LOW, ca.otherCaPem)).toMatchObject({ take: false, why: 'unreachable' });
  });
});

describe('the certificate check Electron’s updater session uses', () => {
  async function presentedChain(): Promise<string[]> {
    const port = Number(new URL(server.url).port);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca: ca.caPem, servername: 'localhost' }, () => {
        const pem = socket.getPeerX509Certificate()?.toString();
        socket.end();
        if (pem) resolve([pem]);
        else reject(new Error('no certificate'));
      });
      socket.on('error', reject);
    });
  }

  it('accepts the server’s certificate for its host under IT’s CA, and nothing else', async () => {
    const chain = await presentedChain();
    const now = new Date();
    expect(chainTrusted({ hostname: '127.0.0.1', chain, caPem: ca.caPem, now })).toBe(true);
    expect(chainTrusted({ hostname: 'localhost', chain, caPem: ca.caPem, now })).toBe(true);
    expect(chainTrusted({ hostname: 'updates.elsewhere.test', chain, caPem: ca.caPem, now })).toBe(false);
    expect(chainTrusted({ hostname: '127.0.0.1', chain, caPem: ca.otherCaPem, now })).toBe(false);
    expect(chainTrusted({ hostname: '127.0.0.1', chain, caPem: ca.caPem, now: new Date(Date.now() + 5 * 86_400_000) })).toBe(false);
    expect(chainTrusted({ hostname: '127.0.0.1', chain: ['not a certificate'], caPem: ca.caPem, now })).toBe(false);
  });
});

describe('the policy file IT deploys', () => {
  function policy(body: unknown, caText = ca.caPem): string {
    const dir = tempDir();
    writeFileSync(join(dir, 'ca.pem'), caText);
    const file = join(dir, 'update.json');
    writeFileSync(file, JSON.stringify(typeof body === 'object' && body ? { caFile: join(dir, 'ca.pem'), ...body } : body));
    return file;
  }

  it('reads the server, the CA and the install hour', () => {
    const r = readUpdatePolicy(policy({ url: server.url, installHour: 20 }));
    expect(r).toMatchObject({ state: 'ok', policy: { url: server.url, installHour: 20, checkEveryMinutes: 240 }, ca: ca.caPem });
  });

  it('is absent when there is no file, and stops updates with a reason when it is wrong', () => {
    expect(readUpdatePolicy(join(tempDir(), 'none.json'))).toEqual({ state: 'absent' });
    expect(readUpdatePolicy(policy({ url: 'http://updates.hall.test/ow/' }))).toMatchObject({ state: 'invalid', problem: expect.stringContaining('https only') });
    expect(readUpdatePolicy(policy({ url: server.url, installHour: 24 }))).toMatchObject({ state: 'invalid', problem: expect.stringContaining('installHour') });
    expect(readUpdatePolicy(policy({ url: server.url, mirror: 'x' }))).toMatchObject({ state: 'invalid' });
    expect(readUpdatePolicy(policy({ url: server.url }, 'not a pem'))).toMatchObject({ state: 'invalid', problem: expect.stringContaining('no PEM') });
  });
});
