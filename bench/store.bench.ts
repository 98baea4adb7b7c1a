import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../main/db/open.js';
import { summarize, timeEach } from './stats.js';
import type { Benchmark } from './types.js';

const N = 10_000;

/**
 * The floor every write path is compared with: one row inserted and committed on its own, in the real
 * store file (WAL, synchronous=NORMAL) on this machine's disk.
 */
export const storeInsertCommit: Benchmark = {
  name: 'store.insert-commit',
  description: `single-row INSERT + COMMIT in the store, ${N} times`,
  run() {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-'));
    const store = openStore(join(dir, 'bench.sqlite'));
    try {
      const insert = store.db.prepare("INSERT INTO outbox (name, args, created_at, id, hash) VALUES ('bench', ?, '2026-01-01T00:00:00Z', ?, ?)");
      const args = JSON.stringify({ payload: 'x'.repeat(200) });
      const hash = '0'.repeat(64);
      for (let i = 0; i < 200; i += 1) insert.run(args, randomUUID(), hash); // warm-up: page cache, statement, WAL file
      const samples = timeEach(N, () => insert.run(args, randomUUID(), hash));
      return [{ name: this.name, unit: 'µs', ...summarize(samples) }];
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
