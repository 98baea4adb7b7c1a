import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../core/ports.js';
import { writeCatalog } from '../main/catalog/store.js';
import { openStore } from '../main/db/open.js';
import { CentralApi } from '../main/sync/http.js';
import { recoverIfBehind } from '../main/sync/recover.js';
import { saveRecovery } from '../main/sync/state.js';
import { realTimers } from '../main/sync/timers.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PushResponse } from '../sync/protocol/index.js';
import { buildServer } from '../sync/server/app.js';
import { publishCatalog } from '../sync/server/catalogs.js';
import { openDb } from '../sync/server/db/open.js';
import { freshPostgresDatabase } from '../sync/server/testing/backends.js';
import { commandName, intakeArgs, PERSON_ITEMS, prng, RESIDENCE_REGISTRATION, sampleCatalog } from '../sync/server/testing/intake-commands.js';
import { createEnrollmentCode, enroll } from '../sync/server/terminals.js';
import { postgresUrl } from './sync.bench.js';
import type { Benchmark, BenchResult } from './types.js';

const COMMANDS = 10_000;
const BATCH = 500;
const PAGE = 1_000;
const DAY = '2026-11-26';

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * Issue 11: the centre as the terminal's backup. A terminal code with 10,000 intakes at the centre,
 * and a replacement machine (a new store with the catalog, enrolled under the code) that replays them
 * all from `/v1/recover` (pages of 1,000) into its store: cases with applicants, items and materials,
 * counters, journal entries, and the commands kept as acknowledged. Also what keeping them costs the
 * store (sync_retention_days).
 */
export const syncRecovery: Benchmark = {
  name: 'sync.recovery',
  description: `recovery of a terminal from the centre: ${COMMANDS} commands replayed into a new store`,
  async run(): Promise<BenchResult[]> {
    const admin = postgresUrl();
    if (!admin) console.error('recovery bench: WARNING no PostgreSQL; measuring on PGlite instead');
    const fresh = admin ? await freshPostgresDatabase(admin) : null;
    const engine = fresh ? 'postgres' : 'pglite';
    const db = await openDb(fresh ? { databaseUrl: fresh.url } : {});
    const blobsDir = mkdtempSync(join(tmpdir(), 'ow-bench-blobs-'));
    const storeDir = mkdtempSync(join(tmpdir(), 'ow-bench-store-'));
    const app = await buildServer({ db, blobsDir });
    const store = openStore(join(storeDir, 'onewindow.sqlite'));
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      const url = `http://127.0.0.1:${address.port}`;
      const catalog = sampleCatalog();
      await db.transaction((tx) => publishCatalog(tx, catalog, 'bench', systemClock.nowIso()));
      const { code } = await createEnrollmentCode(db, systemClock, { terminalCode: 'R0000001' });
      const { response: terminal } = await enroll(db, systemClock, { code, publicKey: randomBytes(32).toString('hex'), label: 'bench' });

      const rand = prng(11);
      for (let i = 0; i < COMMANDS; i += BATCH) {
        const commands = Array.from({ length: Math.min(BATCH, COMMANDS - i) }, (_, k) => {
          const n = i + k + 1;
          const item = PERSON_ITEMS[Math.floor(rand() * PERSON_ITEMS.length)] ?? RESIDENCE_REGISTRATION;
          const outcome = catalog.items.find((it) => it.code === item)?.kind === 'immediate' ? 'completed' : 'accepted';
          return { seq: n, name: commandName(outcome), args: intakeArgs({ catalog, terminalCode: terminal.terminalCode, day: DAY, n, itemCodes: [item], outcome, rand }), blobs: [], createdAt: `${DAY}T03:00:00.000Z` };
        });
        const res = await fetch(`${url}/v1/push`, {
          method: 'POST',
          headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${terminal.credential}`, 'content-type': 'application/json' },
          body: JSON.stringify({ terminalId: terminal.terminalId, commands }),
        });
        const r = (await res.json()) as PushResponse;
        if (r.lastSeq !== i + commands.length) throw new Error(`push: lastSeq ${r.lastSeq}`);
      }

      // The replacement machine: set up with the catalog, linked, behind the centre by everything.
      const sdb = store.db;
      writeCatalog(sdb, catalog, 'bench', systemClock.nowIso());
      sdb.prepare("INSERT INTO sync_state (id, server_url, terminal_id, terminal_code, credential, seq_offset, enrolled_at) VALUES (1, ?, ?, ?, ?, 0, ?)").run(url, terminal.terminalId, terminal.terminalCode, terminal.credential, systemClock.nowIso());
      saveRecovery(sdb, { after: 0, until: COMMANDS });
      const sizeBefore = statSync(join(storeDir, 'onewindow.sqlite')).size;
      const api = new CentralApi({ baseUrl: url, credential: terminal.credential, fetch: (u, init) => fetch(u, init), timers: realTimers, timeoutMs: 60_000, chunkTimeoutMs: 60_000 });
      const enrollment = { serverUrl: url, terminalId: terminal.terminalId, terminalCode: terminal.terminalCode, credential: terminal.credential, seqOffset: 0, enrolledAt: systemClock.nowIso() };
      const t0 = process.hrtime.bigint();
      const done = await recoverIfBehind({ db: sdb, api, clock: systemClock, enrollment, signal: new AbortController().signal, pageSize: PAGE });
      const totalMs = ms(t0);
      const cases = sdb.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      if (done.recovered !== COMMANDS || cases !== COMMANDS) throw new Error(`recovered ${done.recovered} commands, ${cases} cases; expected ${COMMANDS}`);
      sdb.pragma('wal_checkpoint(TRUNCATE)');
      const kept = sdb.prepare('SELECT count(*) AS n, sum(length(args) + length(blobs) + 150) AS bytes FROM outbox_sent').get() as { n: number; bytes: number };
      const sizeAfter = statSync(join(storeDir, 'onewindow.sqlite')).size;
      return [
        {
          name: 'sync.recovery',
          unit: 'ms',
          median: totalMs,
          p99: totalMs,
          n: 1,
          target: '≤ 10 s for 10,000 commands',
          extra: {
            engine,
            commands: COMMANDS,
            commandsPerSec: Math.round(COMMANDS / (totalMs / 1000)),
            page: PAGE,
            keptCommandBytes: Math.round(kept.bytes / kept.n),
            storeGrowthMB: Number(((sizeAfter - sizeBefore) / 2 ** 20).toFixed(1)),
          },
        },
      ];
    } finally {
      store.close();
      await app.close();
      await db.close();
      await fresh?.drop();
      rmSync(blobsDir, { recursive: true, force: true });
      rmSync(storeDir, { recursive: true, force: true });
    }
  },
};
