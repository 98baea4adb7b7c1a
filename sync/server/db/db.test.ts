import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../testing/backends.js';
import { DataDirLockedError, lockDataDir } from './data-lock.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openDb } from './open.js';
import type { Db } from './types.js';

describe.each(BACKENDS)('the database layer on $name', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('has run every migration once; running them again does nothing', async () => {
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
  });

  it('refuses a database newer than the code, and a list that does not increase', async () => {
    await expect(migrate(db, [])).rejects.toThrow(/newer than this service knows/);
    const m = MIGRATIONS[0]!;
    await expect(migrate(db, [m, m])).rejects.toThrow(/must increase/);
  });

  it('rolls a failed migration back whole', async () => {
    const broken = [...MIGRATIONS, { version: 9001, name: 'half', sql: 'CREATE TABLE half_done (x int); SELECT * FROM no_such_table;' }];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")).toEqual([]);
    expect((await db.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations'))[0]?.v).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('returns the same types from both engines, and rolls back a transaction that throws', async () => {
    const [row] = await db.query<{ n: number; j: unknown; t: unknown }>(`SELECT 9007199254740991::bigint AS n, '{"a":[1]}'::jsonb AS j, now() AS t`);
    expect(row?.n).toBe(Number.MAX_SAFE_INTEGER);
    expect(row?.j).toEqual({ a: [1] });
    expect(row?.t).toBeInstanceOf(Date);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO office_tokens (token_sha256, label, created_at) VALUES ('rolled-back', 'x', now())");
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.query("SELECT 1 FROM office_tokens WHERE token_sha256 = 'rolled-back'")).toEqual([]);
  });
});

describe('PGlite in a data folder', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'ow-central-data-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps its data across a restart, and cannot be opened twice at once', async () => {
    const data = dir();
    const first = await openDb({ dataDir: data });
    try {
      await first.query("INSERT INTO office_tokens (token_sha256, label, created_at) VALUES ('kept', 'x', now())");
      await expect(openDb({ dataDir: data })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
    // A reopen that hung (on its own lock, say) fails at the test's bound.
    const again = await openDb({ dataDir: data });
    try {
      expect(await again.query("SELECT label FROM office_tokens WHERE token_sha256 = 'kept'")).toEqual([{ label: 'x' }]);
    } finally {
      await again.close();
    }
  });

  it.skipIf(process.platform === 'win32')('makes the data folder the service’s alone (0700), an existing one too', () => {
    const fresh = join(dir(), 'central');
    lockDataDir(fresh)();
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const old = dir();
    chmodSync(old, 0o755);
    lockDataDir(old)();
    expect(statSync(old).mode & 0o777).toBe(0o700);
  });

  it('takes over the lock of a process that died', () => {
    const data = dir();
    writeFileSync(join(data, 'central.lock'), '2147483646'); // no such process
    const unlock = lockDataDir(data);
    expect(() => lockDataDir(data)).toThrow(DataDirLockedError);
    unlock();
    lockDataDir(data)();
  });
});
