import { execFileSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open as openFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../core/ports.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../sync/protocol/index.js';
import { buildServer } from '../sync/server/app.js';
import { openDb } from '../sync/server/db/open.js';
import type { Db } from '../sync/server/db/types.js';
import { publishCatalog } from '../sync/server/catalogs.js';
import { freshPostgresDatabase } from '../sync/server/testing/backends.js';
import { commandName, intakeArgs, PERSON_ITEMS, prng, RESIDENCE_REGISTRATION, sampleCatalog } from '../sync/server/testing/intake-commands.js';
import { createEnrollmentCode, enroll } from '../sync/server/terminals.js';
import { summarize } from './stats.js';
import type { Benchmark, BenchResult } from './types.js';

const COMMANDS = 10_000;
const BATCH = 500;
const PULL_CHANGES = 100_000;
const PULL_LIMIT = 5_000;
const BLOBS = 50;
const BLOB_BYTES = 1024 * 1024;
const DAY = '2026-11-26';

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** A real PostgreSQL: OW_TEST_DATABASE_URL, else one started with scripts/start-postgres.sh, else none. */
export function postgresUrl(): string | null {
  if (process.env.OW_TEST_DATABASE_URL) return process.env.OW_TEST_DATABASE_URL;
  try {
    return execFileSync('bash', ['scripts/start-postgres.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 }).trim() || null;
  } catch {
    return null;
  }
}

async function post<T>(url: string, path: string, credential: string, json: unknown): Promise<T> {
  const res = await fetch(url + path, { method: 'POST', headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${credential}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The baseline: the same rows into a plain table, 500 per multi-row INSERT, one transaction each. */
async function baselineInserts(db: Db, rows: { caseNo: string; terminalId: string; terminalCode: string; intakeId: string; outcome: string; data: unknown }[]): Promise<number[]> {
  await db.exec('DROP TABLE IF EXISTS bench_cases; CREATE TABLE bench_cases (case_no text PRIMARY KEY, terminal_id uuid NOT NULL, terminal_code text NOT NULL, intake_id uuid NOT NULL UNIQUE, day date NOT NULL, outcome text NOT NULL, status text, data jsonb NOT NULL, received_at timestamptz NOT NULL)');
  const samples: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const params: unknown[] = [];
    const values = batch.map((r) => {
      const at = params.length;
      params.push(r.caseNo, r.terminalId, r.terminalCode, r.intakeId, DAY, r.outcome, 'received', JSON.stringify(r.data), new Date().toISOString());
      return `(${Array.from({ length: 9 }, (_, k) => `$${at + k + 1}`).join(', ')})`;
    });
    const t0 = process.hrtime.bigint();
    await db.transaction((tx) => tx.query(`INSERT INTO bench_cases (case_no, terminal_id, terminal_code, intake_id, day, outcome, status, data, received_at) VALUES ${values.join(', ')}`, params));
    samples.push(ms(t0));
  }
  return samples;
}

/** Each blob written to its own file and fsynced (and renamed into place, as the store does). */
async function rawDiskWrites(dir: string, blobs: Buffer[]): Promise<number[]> {
  const samples: number[] = [];
  for (const [i, b] of blobs.entries()) {
    const t0 = process.hrtime.bigint();
    const f = await openFile(join(dir, `raw-${i}.part`), 'w');
    await f.write(b, 0, b.length, 0);
    await f.sync();
    await f.close();
    await rename(join(dir, `raw-${i}.part`), join(dir, `raw-${i}`));
    samples.push(ms(t0));
  }
  return samples;
}

/**
 * Issue 6's figures, on a real PostgreSQL over loopback HTTP: a day's offline backlog of 10,000
 * intake commands pushed in batches of 500 and re-validated with core (against the baseline of plain
 * batched INSERTs of the same rows), a pull of 100,000 changes, and blob uploads against raw
 * fsynced disk writes of the same bytes.
 */
export const syncCentral: Benchmark = {
  name: 'sync.central',
  description: `central service: push ${COMMANDS} intakes (batches of ${BATCH}) vs plain INSERTs, pull ${PULL_CHANGES} changes, ${BLOBS} × 1 MB blobs vs raw fsynced writes`,
  async run(): Promise<BenchResult[]> {
    const admin = postgresUrl();
    if (!admin) console.error('sync bench: WARNING no PostgreSQL (set OW_TEST_DATABASE_URL or install postgresql); measuring on PGlite instead, figures are not the target\'s');
    const fresh = admin ? await freshPostgresDatabase(admin) : null;
    const engine = fresh ? 'postgres' : 'pglite';
    const db = await openDb(fresh ? { databaseUrl: fresh.url } : {});
    const blobsDir = mkdtempSync(join(tmpdir(), 'ow-bench-blobs-'));
    const app = await buildServer({ db, blobsDir });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      const url = `http://127.0.0.1:${address.port}`;

      const catalog = sampleCatalog();
      await db.transaction((tx) => publishCatalog(tx, catalog, 'bench', systemClock.nowIso()));
      const { code } = await createEnrollmentCode(db, systemClock, { terminalCode: 'B0000001' });
      const { response: terminal } = await enroll(db, systemClock, { code, publicKey: randomBytes(32).toString('hex'), label: 'bench' });

      // A busy day offline: person intakes over several items, 即办件 completed on the spot.
      const rand = prng(6);
      const commands = Array.from({ length: COMMANDS }, (_, i) => {
        const item = PERSON_ITEMS[Math.floor(rand() * PERSON_ITEMS.length)] ?? RESIDENCE_REGISTRATION;
        const outcome = catalog.items.find((it) => it.code === item)?.kind === 'immediate' ? 'completed' : 'accepted';
        const args = intakeArgs({ catalog, terminalCode: terminal.terminalCode, day: DAY, n: i + 1, itemCodes: [item], outcome, rand });
        return { seq: i + 1, name: commandName(outcome), args, blobs: [], createdAt: `${DAY}T03:00:00.000Z` };
      });
      const bodyBytes = JSON.stringify(commands.slice(0, BATCH)).length;

      const pushSamples: number[] = [];
      const started = process.hrtime.bigint();
      for (let i = 0; i < COMMANDS; i += BATCH) {
        const t0 = process.hrtime.bigint();
        const r = await post<PushResponse>(url, '/v1/push', terminal.credential, { terminalId: terminal.terminalId, commands: commands.slice(i, i + BATCH) });
        pushSamples.push(ms(t0));
        const refused = r.results.find((x) => x.status !== 'applied');
        if (refused) throw new Error(`command ${refused.seq} ${refused.status}: ${refused.code} ${refused.reason}`);
      }
      const pushMs = ms(started);
      const baselineSamples = await baselineInserts(
        db,
        commands.map((c) => ({ caseNo: c.args.caseNo as string, terminalId: terminal.terminalId, terminalCode: terminal.terminalCode, intakeId: (c.args.input as { intakeId: string }).intakeId, outcome: c.args.outcome as string, data: c.args })),
      );
      const baselineMs = baselineSamples.reduce((a, b) => a + b, 0);
      const push = summarize(pushSamples);
      const base = summarize(baselineSamples);

      // Pull: 100,000 changes of this terminal seeded in SQL, then pulled from 0 page by page.
      await db.query(
        `INSERT INTO changes (scope, kind, key, seq, data)
         SELECT $1, 'case_status', 'BENCH-' || g, nextval('change_seq'),
                jsonb_build_object('caseNo', 'BENCH-' || g, 'status', 'in_review', 'decision', null, 'note', null, 'resultDocument', null, 'at', now(), 'by', 'bench')
           FROM generate_series(1, $2::int) g`,
        [terminal.terminalId, PULL_CHANGES],
      );
      const pullSamples: number[] = [];
      let checkpoint = 0;
      let pulled = 0;
      const pullStarted = process.hrtime.bigint();
      for (let page = 0; page < 1000; page += 1) {
        const t0 = process.hrtime.bigint();
        const r = await post<PullResponse>(url, '/v1/pull', terminal.credential, { checkpoint, limit: PULL_LIMIT });
        pullSamples.push(ms(t0));
        pulled += r.changes.length;
        checkpoint = r.checkpoint;
        if (!r.more) break;
      }
      const pullMs = ms(pullStarted);
      if (pulled < PULL_CHANGES) throw new Error(`pulled ${pulled} changes, expected at least ${PULL_CHANGES}`);

      // Blobs: 1 MB each in one PUT (one chunk), against the same bytes written raw with fsync.
      const blobs = Array.from({ length: BLOBS }, () => randomBytes(BLOB_BYTES));
      const putBlob = async (b: Buffer, expected: number): Promise<number> => {
        const hash = createHash('sha256').update(b).digest('hex');
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${url}/v1/blobs/${hash}`, {
          method: 'PUT',
          headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${terminal.credential}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(b.length) },
          body: new Uint8Array(b),
        });
        await res.arrayBuffer();
        if (res.status !== expected) throw new Error(`blob PUT: ${res.status}`);
        return ms(t0);
      };
      const blobSamples: number[] = [];
      for (const b of blobs) blobSamples.push(await putBlob(b, 201));
      // The same PUTs again: deduplicated (200), so this is the HTTP transfer alone, for comparison.
      const transport: number[] = [];
      for (const b of blobs) transport.push(await putBlob(b, 200));
      const rawDir = mkdtempSync(join(tmpdir(), 'ow-bench-raw-'));
      const rawSamples = await rawDiskWrites(rawDir, blobs).finally(() => rmSync(rawDir, { recursive: true, force: true }));
      const blob = summarize(blobSamples);
      const raw = summarize(rawSamples);
      const mbPerS = (samples: number[]): number => Number(((BLOBS * BLOB_BYTES) / 2 ** 20 / (samples.reduce((a, b) => a + b, 0) / 1000)).toFixed(1));

      return [
        {
          name: 'sync.push-10k-intakes',
          unit: 'ms/batch',
          ...push,
          baseline: base.median,
          ratio: pushMs / baselineMs,
          target: '≥ 2,000 commands/s (10,000 in ≤ 5 s)',
          extra: { engine, totalMs: Math.round(pushMs), commandsPerSec: Math.round(COMMANDS / (pushMs / 1000)), baselineTotalMs: Math.round(baselineMs), baselineRowsPerSec: Math.round(COMMANDS / (baselineMs / 1000)), batch: BATCH, batchBodyKB: Math.round(bodyBytes / 1024) },
        },
        {
          name: 'sync.pull-100k-changes',
          unit: 'ms/page',
          ...summarize(pullSamples),
          target: '≤ 10 s for 100,000 changes',
          extra: { engine, totalMs: Math.round(pullMs), changes: pulled, pageLimit: PULL_LIMIT, changesPerSec: Math.round(pulled / (pullMs / 1000)) },
        },
        {
          name: 'sync.blob-upload-1mb',
          unit: 'ms/blob',
          ...blob,
          baseline: raw.median,
          ratio: blob.median / raw.median,
          extra: { engine, blobs: BLOBS, uploadMBps: mbPerS(blobSamples), rawFsyncMBps: mbPerS(rawSamples), transferOnlyMedianMs: Number(summarize(transport).median.toFixed(2)) },
        },
      ];
    } finally {
      await app.close();
      await db.close();
      await fresh?.drop();
      rmSync(blobsDir, { recursive: true, force: true });
    }
  },
};
