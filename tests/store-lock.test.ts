import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE_NAME } from '../main/app-context.js';
import { StoreError } from '../main/db/errors.js';
import { LOCK_HOLDER_FILE_NAME } from '../main/db/lock.js';
import { openStore } from '../main/db/open.js';
import { startStoreHost, type StoreHost } from './support/store-host.js';
import { tempDir } from './support/temp.js';

const running: StoreHost[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.kill();
});

async function mustStart(dataDir: string): Promise<StoreHost> {
  const r = await startStoreHost(dataDir);
  if ('refused' in r) throw new Error(`the host was refused (exit ${r.refused.code}): ${r.refused.stderr}`);
  running.push(r.host);
  return r.host;
}

describe('one store, one process: the data folder is locked (child processes)', () => {
  it('a second process on the same data folder refuses to start and names the holder: pid, door, start time', async () => {
    const dataDir = tempDir('onewindow-lock-');
    const first = await mustStart(dataDir);
    const second = await startStoreHost(dataDir);
    if ('host' in second) running.push(second.host);
    expect('refused' in second, 'the second process started on a data folder in use').toBe(true);
    if (!('refused' in second)) return;
    expect(second.refused.code).toBe(3);
    expect(second.refused.stderr).toContain('store_locked');
    expect(second.refused.stderr).toContain(join(dataDir, STORE_FILE_NAME));
    const holder = JSON.parse(readFileSync(join(dataDir, LOCK_HOLDER_FILE_NAME), 'utf8')) as { pid: number; door: string; startedAt: string };
    expect(holder.pid).toBe(first.pid);
    expect(second.refused.stderr).toContain(`process ${first.pid} (host, started ${holder.startedAt}`);
    // The first one still works.
    expect(await first.call('setup.status', {})).toMatchObject({ ok: true });
  }, 40_000);

  it('a lock left by a killed process (dead pid) is taken over by the next one', async () => {
    const dataDir = tempDir('onewindow-lock-');
    const first = await mustStart(dataDir);
    await first.kill();
    const holderBefore = JSON.parse(readFileSync(join(dataDir, LOCK_HOLDER_FILE_NAME), 'utf8')) as { pid: number };
    expect(holderBefore.pid).toBe(first.pid); // SIGKILL left it behind
    const next = await mustStart(dataDir);
    const holder = JSON.parse(readFileSync(join(dataDir, LOCK_HOLDER_FILE_NAME), 'utf8')) as { pid: number; door: string };
    expect(holder).toMatchObject({ pid: next.pid, door: 'host' });
    expect(await next.call('setup.status', {})).toMatchObject({ ok: true, value: { needsSetup: true } });
  }, 40_000);

  it('in one process too: a second open with the lock is refused, and the lock is free again after close', () => {
    const file = join(tempDir('onewindow-lock-'), STORE_FILE_NAME);
    const a = openStore(file, { lock: { door: 'host' } });
    try {
      expect(() => openStore(file, { lock: { door: 'electron' } })).toThrow(StoreError);
      try {
        openStore(file, { lock: { door: 'electron' } });
      } catch (err) {
        expect((err as StoreError).code).toBe('store_locked');
        expect((err as StoreError).message).toContain(`process ${process.pid} (host`);
      }
    } finally {
      a.close();
    }
    // Taken again on a lock file that exists already (nothing to write in it): still exclusive.
    const b = openStore(file, { lock: { door: 'electron' } });
    try {
      expect(() => openStore(file, { lock: { door: 'host' } })).toThrow(/in use by OneWindow process/);
    } finally {
      b.close();
    }
  });
});
