import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../core/api/contract.js';
import { enqueueCommand } from '../db/outbox.js';
import type { SyncTuning } from '../handlers/context.js';
import { ADMIN, acceptInput, CLERK, person, receivedMarks, RESIDENCE_PERMIT, signedInTerminal, type SignedIn } from '../../tests/support/intake.js';
import { PROTOCOL_HEADER } from '../../sync/protocol/index.js';
import { buildServer } from '../../sync/server/app.js';
import type { Db } from '../../sync/server/db/types.js';
import { createOfficeToken } from '../../sync/server/office-auth.js';
import { BACKENDS } from '../../sync/server/testing/backends.js';
import { call } from '../../sync/server/testing/harness.js';
import { sampleCatalog } from '../../sync/server/testing/intake-commands.js';
import type { SyncClient } from './client.js';
import type { FetchLike } from './http.js';
import { readCheckpoint } from './state.js';

/**
 * The sync client in a real terminal (SQLite store, handlers) against the real central service
 * (sync/server on PGlite, and PostgreSQL when OW_TEST_DATABASE_URL is set) on 127.0.0.1. Every wait
 * is bounded; backoffs are shortened so retries happen within the test.
 */

const FAST: SyncTuning = { backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 5_000, eventsIdleMs: 5_000 };

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (performance.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

const newTerminalCode = (): string => `T${randomBytes(4).toString('hex').toUpperCase()}`;

/** A database that can be made to fail like a PostgreSQL shutting down (the service answers 503 `unavailable`). */
interface FlakyDb extends Db {
  down: boolean;
}
function flaky(inner: Db): FlakyDb {
  const refuse = (): Promise<never> => Promise.reject(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
  const db: FlakyDb = {
    down: false,
    engine: inner.engine,
    query: (sql, params) => (db.down ? refuse() : inner.query(sql, params)),
    exec: (sql) => (db.down ? refuse() : inner.exec(sql)),
    transaction: (fn) => (db.down ? refuse() : inner.transaction(fn)),
    close: () => inner.close(),
  };
  return db;
}

/** The central service on 127.0.0.1 that a test can stop and start again on the same port. */
interface Central {
  readonly url: string;
  readonly db: FlakyDb;
  officeToken: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes the blob folder. */
  close(): Promise<void>;
  office<T = Record<string, unknown>>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }>;
}

async function startCentral(inner: Db): Promise<Central> {
  const db = flaky(inner);
  // Its own folder, not tempDir(): that one is emptied after each test, and the centre outlives tests.
  const blobsDir = mkdtempSync(join(tmpdir(), 'ow-central-blobs-'));
  let app: Awaited<ReturnType<typeof buildServer>> | null = null;
  let port = 0;
  const officeToken = await createOfficeToken(db, { nowIso: () => new Date().toISOString() }, 'client tests');
  const central: Central = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    db,
    officeToken,
    async start() {
      const next = await buildServer({ db, blobsDir, heartbeatMs: 500 });
      for (let attempt = 0; ; attempt += 1) {
        try {
          await next.listen({ port, host: '127.0.0.1' });
          break;
        } catch (err) {
          // The port was ours a moment ago; the OS may take a moment to free it.
          if ((err as { code?: string }).code !== 'EADDRINUSE' || attempt > 50) throw err;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      const address = next.server.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      port = address.port;
      app = next;
    },
    async stop() {
      const current = app;
      app = null;
      await current?.close();
    },
    async close() {
      await central.stop();
      rmSync(blobsDir, { recursive: true, force: true });
    },
    async office<T>(method: string, path: string, json?: unknown) {
      const r = await call<T>(central.url, method, path, { token: officeToken, ...(json === undefined ? {} : { json }) });
      return { status: r.status, body: r.body };
    },
  };
  await central.start();
  return central;
}

/** A PNG page as a scanner file import would bring it. */
async function png(text: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="420"><rect width="100%" height="100%" fill="white"/><text x="20" y="60" font-size="40">${text}</text><rect x="20" y="100" width="200" height="150" fill="black"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

/** Records the requests a client makes, and lets a test break them on purpose. */
function recordingFetch(rewrite?: (url: string, init: RequestInit) => Promise<Response | null>): FetchLike & { log: string[] } {
  const log: string[] = [];
  const f = async (url: string, init: RequestInit): Promise<Response> => {
    log.push(`${init.method ?? 'GET'} ${new URL(url).pathname}`);
    const replaced = rewrite ? await rewrite(url, init) : null;
    return replaced ?? fetch(url, init);
  };
  return Object.assign(f, { log });
}

describe.each(BACKENDS)('sync client against the central service ($name)', (backend) => {
  let db: Db;
  let central: Central;
  const running: SyncClient[] = [];

  beforeAll(async () => {
    db = await backend.open();
    central = await startCentral(db);
    const r = await central.office('POST', '/office/catalog', sampleCatalog());
    expect(r.status).toBe(200);
  });
  afterAll(async () => {
    await central?.close();
    await db?.close();
  });
  afterEach(async () => {
    central.db.down = false;
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });

  async function officeCode(terminalCode: string): Promise<string> {
    const r = await central.office<{ code: string }>('POST', '/office/enrollments', { terminalCode, windowNo: '5', hall: '市民中心', district: '黄浦区' });
    expect(r.status).toBe(200);
    return r.body.code;
  }

  /** A set-up terminal, enrolled through `sync.enroll` as IT would, the clerk signed in again. */
  async function enrolled(tuning: SyncTuning = {}): Promise<SignedIn & { client: SyncClient; terminalCode: string; events: AppEvent[] }> {
    const t = await signedInTerminal({ sync: { ...FAST, ...tuning } });
    const events: AppEvent[] = [];
    t.ctx.events.subscribe((e) => events.push(e));
    const terminalCode = newTerminalCode();
    const code = await officeCode(terminalCode);
    await t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const r = await t.call('sync.enroll', { serverUrl: central.url, code, label: 'test' });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    await t.call('auth.signIn', { login: CLERK.login, password: CLERK.password });
    const client = t.ctx.sync;
    if (!client) throw new Error('no sync client after enrolling');
    running.push(client);
    await client.idle();
    return { ...t, client, terminalCode, events };
  }

  async function accept(t: SignedIn): Promise<string> {
    const r = await t.call('cases.accept', await acceptInput(t.call));
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    return r.value.caseNo;
  }

  /** An accepted intake with two scanned pages on its first material: the outbox command names the PDF. */
  async function acceptScanned(t: SignedIn): Promise<{ caseNo: string; pdf: string; pages: string[] }> {
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const materials = await receivedMarks(t.call, target);
    const intakeId = randomUUID();
    for (const n of ['1', '2']) {
      // Unique pages: the centre deduplicates blobs, and each test must upload its own.
      const r = await t.call('scans.import', { intakeId, source: 'file', fileName: `${n}.png`, dataBase64: await png(`${n} ${randomBytes(3).toString('hex')}`) });
      if (!r.ok) throw new Error(r.error.message);
    }
    const batch = await t.call('scans.batch', { intakeId });
    if (!batch.ok) throw new Error(batch.error.message);
    const assigned = await t.call('scans.assign', { intakeId, pageIds: batch.value.pages.map((p) => p.id), entryId: materials[0]!.entryId });
    if (!assigned.ok) throw new Error(assigned.error.message);
    const r = await t.call('cases.accept', { intakeId, applicant: person(), target, materials });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    const row = t.ctx.store.db.prepare('SELECT blobs FROM outbox ORDER BY seq DESC LIMIT 1').get() as { blobs: string } | undefined;
    const pdf = (JSON.parse(row?.blobs ?? '[]') as string[])[0];
    if (!pdf) throw new Error('the scanned intake names no PDF');
    return { caseNo: r.value.caseNo, pdf, pages: batch.value.pages.map((p) => p.sha256) };
  }

  const outbox = (t: SignedIn): number => (t.ctx.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  const serverCommands = (terminalId: string) =>
    db.query<{ seq: number; name: string; status: string; case_no: string | null; code: string | null }>('SELECT seq, name, status, case_no, code FROM commands WHERE terminal_id = $1 ORDER BY seq', [terminalId]);
  const centralOf = (t: SignedIn, caseNo: string) =>
    t.ctx.store.db.prepare('SELECT status, decision, note FROM central_case_status WHERE case_no = ?').get(caseNo) as { status: string; decision: string | null; note: string | null } | undefined;

  it('pushes intake commands exactly once and in order, and empties the outbox (a new case is pushed by itself)', async () => {
    const t = await enrolled();
    const caseNos: string[] = [];
    for (let i = 0; i < 3; i += 1) caseNos.push(await accept(t));
    const status = await t.client.syncNow();
    expect(status).toMatchObject({ enrolled: true, waiting: 0, error: null, connection: 'online', terminalCode: t.terminalCode });
    expect(status.lastSyncAt).not.toBeNull();
    expect(outbox(t)).toBe(0);
    const rows = await serverCommands(t.client.enrollment.terminalId);
    expect(rows.map((r) => [r.seq, r.name, r.status, r.case_no])).toEqual(caseNos.map((no, i) => [i + 1, 'acceptCase', 'applied', no]));

    // No syncNow: queuing the command is enough.
    const fourth = await accept(t);
    await waitFor('the fourth case at the centre', async () => (await serverCommands(t.client.enrollment.terminalId)).length === 4);
    await waitFor('the outbox empty', () => outbox(t) === 0);
    expect((await serverCommands(t.client.enrollment.terminalId)).at(-1)).toMatchObject({ seq: 4, case_no: fourth, status: 'applied' });
    // The centre's first word on an accepted case came down with the pull: received.
    await waitFor('the centre status of the cases', () => caseNos.every((no) => centralOf(t, no)?.status === 'received'));
  });

  it('uploads a scanned intake’s blobs before the command that names them', async () => {
    const recorder = recordingFetch();
    const t = await enrolled({ fetch: recorder });
    await t.client.stop();
    const scanned = await acceptScanned(t);
    recorder.log.length = 0;
    t.client.start();
    await waitFor('the outbox empty', () => outbox(t) === 0);
    await t.client.idle();
    const firstPush = recorder.log.indexOf('POST /v1/push');
    const pdfPut = recorder.log.indexOf(`PUT /v1/blobs/${scanned.pdf}`);
    expect(pdfPut).toBeGreaterThanOrEqual(0);
    expect(pdfPut).toBeLessThan(firstPush);
    // Only the material's PDF travels: the page images it was made from stay on the terminal, and the
    // centre never had to answer `blocked`.
    for (const page of scanned.pages) expect(recorder.log).not.toContain(`PUT /v1/blobs/${page}`);
    expect(recorder.log.filter((l) => l === 'POST /v1/push')).toHaveLength(1);
    const held = await db.query<{ size: number }>('SELECT size FROM blobs WHERE sha256 = $1', [scanned.pdf]);
    expect(held[0]?.size).toBe(t.ctx.blobs.get(scanned.pdf).byteLength);
    expect(await serverCommands(t.client.enrollment.terminalId)).toMatchObject([{ seq: 1, case_no: scanned.caseNo, status: 'applied' }]);
  });

  it('a blob the centre turns out not to have: the push is blocked, the blob uploaded, the push repeated', async () => {
    let lie = true;
    // The first HEAD answers "complete" without asking: the client believes the centre has the blob.
    const recorder = recordingFetch(async (_url, init) => {
      if (init.method !== 'HEAD' || !lie) return null;
      lie = false;
      return new Response(null, { status: 200 });
    });
    const t = await enrolled({ fetch: recorder });
    await t.client.stop();
    const scanned = await acceptScanned(t);
    recorder.log.length = 0;
    t.client.start();
    await waitFor('the outbox empty', () => outbox(t) === 0);
    const pushes = recorder.log.map((l, i) => [l, i] as const).filter(([l]) => l === 'POST /v1/push');
    expect(pushes).toHaveLength(2);
    // The blob went up between the blocked push and the repeated one.
    const reupload = recorder.log.findIndex((l, i) => i > pushes[0]![1] && l.startsWith('PUT /v1/blobs/'));
    expect(reupload).toBeGreaterThan(pushes[0]![1]);
    expect(reupload).toBeLessThan(pushes[1]![1]);
    expect(await serverCommands(t.client.enrollment.terminalId)).toMatchObject([{ seq: 1, case_no: scanned.caseNo, status: 'applied' }]);
  });

  it('uploads in chunks that resume where the centre’s copy ends, and sends again what arrived damaged', async () => {
    const puts: string[] = [];
    let failSecondChunk = true;
    let damageNext = false;
    const recorder = recordingFetch(async (url, init) => {
      if (init.method !== 'PUT') return null;
      const offset = new Headers(init.headers).get('upload-offset') ?? '?';
      puts.push(`${new URL(url).pathname.slice(-6)}@${offset}`);
      if (failSecondChunk && offset !== '0') {
        // The connection drops before this chunk reaches the centre.
        failSecondChunk = false;
        damageNext = true;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      if (damageNext && offset !== '0') {
        // One flipped bit on the way: the centre hashes the whole at the end and refuses it.
        damageNext = false;
        const body = new Uint8Array(init.body as Uint8Array);
        body[0] = (body[0] ?? 0) ^ 0x01;
        return fetch(url, { ...init, body });
      }
      return null;
    });
    const t = await enrolled({ fetch: recorder, blobChunkBytes: 4096 });
    await t.client.stop();
    const scanned = await acceptScanned(t);
    const pdfSize = t.ctx.blobs.get(scanned.pdf).byteLength;
    expect(pdfSize).toBeGreaterThan(2 * 4096);
    t.client.start();
    await waitFor('the outbox empty', () => outbox(t) === 0);
    const pdf = scanned.pdf.slice(-6);
    const pdfPuts = puts.filter((p) => p.startsWith(pdf));
    // Chunk 0, chunk 1 lost; after the backoff the HEAD says 4096 are there: on from 4096, not from 0.
    expect(pdfPuts.slice(0, 3)).toEqual([`${pdf}@0`, `${pdf}@4096`, `${pdf}@4096`]);
    // The damaged chunk made the whole fail at its end; it was all sent again from 0.
    expect(pdfPuts.filter((p) => p === `${pdf}@0`).length).toBe(2);
    const [held] = await db.query<{ size: number }>('SELECT size FROM blobs WHERE sha256 = $1', [scanned.pdf]);
    expect(held?.size).toBe(pdfSize);
    await waitFor('the cycle over, no error', () => t.client.status().error === null);
  });

  it('an answer lost after the centre committed: the push is repeated, answered duplicate, nothing applied twice', async () => {
    let lose = 1;
    const answers: unknown[] = [];
    const recorder = recordingFetch(async (url, init) => {
      if (!url.endsWith('/v1/push')) return null;
      const res = await fetch(url, init);
      answers.push(await res.clone().json());
      if (lose > 0) {
        lose -= 1;
        await res.arrayBuffer();
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: 'socket hang up' } });
      }
      return res;
    });
    const t = await enrolled({ fetch: recorder });
    await t.client.stop();
    const caseNos = [await accept(t), await accept(t), await accept(t)];
    t.client.start();
    await waitFor('the outbox empty', () => outbox(t) === 0);
    await t.client.idle();
    expect(answers).toMatchObject([
      { lastSeq: 3, results: [{ seq: 1, status: 'applied' }, { seq: 2, status: 'applied' }, { seq: 3, status: 'applied' }] },
      { lastSeq: 3, results: [{ seq: 1, status: 'duplicate' }, { seq: 2, status: 'duplicate' }, { seq: 3, status: 'duplicate' }] },
    ]);
    expect((await serverCommands(t.client.enrollment.terminalId)).map((r) => r.case_no)).toEqual(caseNos);
    const cases = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE case_no = ANY($1::text[])', [caseNos]);
    expect(cases[0]?.n).toBe(3);
    expect(t.client.status()).toMatchObject({ error: null, connection: 'online', waiting: 0 });
  });

  it('backs off while the centre answers 503 or is gone, and recovers when it is back', async () => {
    // Each attempt starts with asking the centre for the terminal's state (recover.ts).
    const pushTimes: number[] = [];
    const recorder = recordingFetch(async (url) => {
      if (url.endsWith('/v1/state')) pushTimes.push(performance.now());
      return null;
    });
    // random 1: the longest wait each time, so the growth is visible: 40, 80, 160, 320, 320 … ms.
    const t = await enrolled({ fetch: recorder, random: () => 0.999, backoffBaseMs: 40, backoffMaxMs: 320 });

    central.db.down = true;
    pushTimes.length = 0; // the first cycle's, when the centre was fine
    await accept(t);
    await waitFor('five attempts refused', () => pushTimes.length >= 5, 15_000);
    // Between two attempts (not during one): a retry is scheduled.
    const status = await waitFor('a retry scheduled', () => {
      const s = t.client.status();
      return s.nextRetryAt !== null && s;
    });
    expect(status).toMatchObject({ connection: 'offline', waiting: 1, error: { code: 'unavailable', needsAttention: false } });
    const gaps = pushTimes.slice(1, 5).map((at, i) => at - pushTimes[i]!);
    expect(gaps[0]!).toBeGreaterThanOrEqual(35);
    expect(gaps[1]!).toBeGreaterThanOrEqual(75);
    expect(gaps[2]!).toBeGreaterThanOrEqual(150);
    expect(gaps[3]!).toBeGreaterThanOrEqual(300);
    central.db.down = false;
    await waitFor('the outbox empty once the database is back', () => outbox(t) === 0);
    await waitFor('no error', () => t.client.status().error === null);

    // The whole service gone (connection refused), then back on the same address.
    await central.stop();
    await accept(t);
    await waitFor('a refused connection reported', () => t.client.status().error?.code === 'network');
    expect(t.client.status()).toMatchObject({ connection: 'offline', waiting: 1, error: { needsAttention: false } });
    await central.start();
    await waitFor('the outbox empty once the service is back', () => outbox(t) === 0);
    await waitFor('online again', () => t.client.status().connection === 'online' && t.client.status().error === null);
    expect((await serverCommands(t.client.enrollment.terminalId)).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('stops on 426 upgrade_required and 403 terminal_revoked, saying why, and retries nothing until asked', async () => {
    let wrongVersion = false;
    const recorder = recordingFetch(async (url, init) => {
      if (!wrongVersion) return null;
      const headers = new Headers(init.headers);
      headers.set(PROTOCOL_HEADER, '99');
      return fetch(url, { ...init, headers });
    });
    const t = await enrolled({ fetch: recorder });
    wrongVersion = true;
    await accept(t);
    await waitFor('upgrade_required reported', () => t.client.status().error?.code === 'upgrade_required');
    expect(t.client.status()).toMatchObject({ waiting: 1, error: { needsAttention: true, code: 'upgrade_required' } });
    // Retrying nothing is a state: no cycle running and no retry scheduled (a timer would be a retry).
    await t.client.idle();
    expect(t.client.status()).toMatchObject({ syncing: false, nextRetryAt: null });
    const asked = recorder.log.length;
    // Neither new work nor a poke starts it again: only a person (sync.now, below) does.
    t.client.requestPush();
    t.client.requestPull();
    await t.client.idle();
    expect(recorder.log.length).toBe(asked);

    // Someone installed the right version: sync.now (a person) gets it going again.
    wrongVersion = false;
    const now = await t.call('sync.now', {});
    expect(now.ok && now.value).toMatchObject({ waiting: 0, error: null });

    const revoke = await central.office('POST', `/office/terminals/${t.client.enrollment.terminalId}/revoke`, {});
    expect(revoke.status).toBe(200);
    await accept(t);
    await waitFor('terminal_revoked reported', () => t.client.status().error?.code === 'terminal_revoked');
    expect(t.client.status()).toMatchObject({ waiting: 1, error: { needsAttention: true } });
    await t.client.idle();
    expect(t.client.status()).toMatchObject({ syncing: false, nextRetryAt: null });
    const before = recorder.log.length;
    t.client.requestPush();
    t.client.requestPull();
    await t.client.idle();
    expect(recorder.log.length).toBe(before);
    expect(t.events.some((e) => e.name === 'sync.changed' && (e.payload as { error: { code: string } | null }).error?.code === 'terminal_revoked')).toBe(true);
  });

  it('applies a pulled page (catalog, case status, rejection) and its checkpoint in one transaction', async () => {
    // No poke-driven pull may land between the steps below.
    const t = await enrolled({ pullEveryMs: 3_600_000, listenForPokes: false });
    const caseNo = await accept(t);
    await t.client.syncNow();
    expect(centralOf(t, caseNo)?.status).toBe('received');
    // A command the centre refuses for a business reason: a notice of a case it does not know.
    enqueueCommand(t.ctx.store.db, t.ctx.clock, 'printNotice', { caseNo: `${t.terminalCode}-20261126-9999`, documentNo: 'SL-x', kind: 'accepted', printNo: 0, staff: 'wang', printedAt: 'n' });
    await t.client.syncNow();

    const db3 = t.ctx.store.db;
    const version = (): string => (JSON.parse((db3.prepare('SELECT data FROM catalog_meta').get() as { data: string }).data) as { catalogVersion: string }).catalogVersion;
    const before = { checkpoint: readCheckpoint(db3), version: version() };
    expect(t.ctx.catalog?.catalog.catalogVersion).toBe(before.version);
    expect((await central.office('POST', '/office/catalog', { ...sampleCatalog(), catalogVersion: '2026.2-test' })).status).toBe(200);
    expect((await central.office('POST', `/office/cases/${caseNo}/status`, { status: 'in_review', note: '材料齐全' })).status).toBe(200);

    db3.exec("CREATE TRIGGER fail_status BEFORE UPDATE ON central_case_status BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    const failed = await t.client.syncNow();
    expect(failed.error).toMatchObject({ code: 'apply_failed', needsAttention: false });
    // Nothing of the page: not the catalog written before the failing row, not the checkpoint.
    expect({ checkpoint: readCheckpoint(db3), version: version() }).toEqual(before);
    expect(t.ctx.catalog?.catalog.catalogVersion).toBe(before.version);
    expect(centralOf(t, caseNo)?.status).toBe('received');

    db3.exec('DROP TRIGGER fail_status');
    t.events.length = 0;
    const ok = await t.client.syncNow();
    expect(ok.error).toBeNull();
    expect(readCheckpoint(db3)).toBeGreaterThan(before.checkpoint);
    expect(version()).toBe('2026.2-test');
    expect(t.ctx.catalog?.catalog.catalogVersion).toBe('2026.2-test');
    expect(centralOf(t, caseNo)).toEqual({ status: 'in_review', decision: null, note: '材料齐全' });
    expect(t.events.filter((e) => e.name === 'cases.changed').map((e) => (e.payload as { caseNo: string }).caseNo)).toContain(caseNo);
    const detail = await t.call('cases.get', { caseNo });
    expect(detail.ok && detail.value.central).toMatchObject({ status: 'in_review', note: '材料齐全', by: 'client tests', resultDocument: null });
    const rejections = await t.call('sync.rejections', { include: 'open', limit: 10 });
    expect(rejections.ok && rejections.value).toMatchObject([{ seq: 2, name: 'printNotice', code: 'case_unknown', handledAt: null }]);
    expect(ok.rejectionsToHandle).toBe(1);
    const key = db3.prepare('SELECT public_key, revoked_at FROM known_terminal_keys WHERE terminal_code = ?').get(t.terminalCode);
    expect(key).toMatchObject({ revoked_at: null });
  });

  it('a poke from the centre makes it pull at once', async () => {
    const t = await enrolled({ pullEveryMs: 3_600_000 });
    const caseNo = await accept(t);
    await waitFor('the case received at the centre', () => centralOf(t, caseNo)?.status === 'received');
    await t.client.idle();
    expect((await central.office('POST', `/office/cases/${caseNo}/status`, { status: 'in_review' })).status).toBe(200);
    await waitFor('the in_review status pulled', () => centralOf(t, caseNo)?.status === 'in_review', 5_000);
    const day = `${caseNo.split('-')[1]!.slice(0, 4)}-${caseNo.split('-')[1]!.slice(4, 6)}-${caseNo.split('-')[1]!.slice(6)}`;
    const list = await t.call('cases.list', { day, query: caseNo });
    expect(list.ok && list.value.map((c) => [c.caseNo, c.central?.status])).toEqual([[caseNo, 'in_review']]);
  });

  it('a gap in the seqs (a command lost on this disk) needs a person', async () => {
    const t = await enrolled();
    await accept(t);
    await waitFor('the outbox empty', () => outbox(t) === 0);
    await t.client.stop();
    await accept(t);
    await accept(t);
    t.ctx.store.db.prepare('DELETE FROM outbox WHERE seq = (SELECT min(seq) FROM outbox)').run();
    t.client.start();
    await waitFor('seq_gap reported', () => t.client.status().error?.code === 'seq_gap');
    expect(t.client.status()).toMatchObject({ waiting: 1, error: { needsAttention: true } });
    expect((await serverCommands(t.client.enrollment.terminalId)).map((r) => r.seq)).toEqual([1]);
  });

  it('a terminal clock a day wrong changes nothing: the centre orders by seq', async () => {
    const t = await enrolled();
    await t.client.stop();
    const clock = t.ctx.clock as unknown as { set(iso: string): void };
    const caseNos: string[] = [];
    for (const at of ['2026-11-27T03:00:00.000Z', '2026-11-25T03:00:00.000Z', '2026-11-26T03:00:00.000Z']) {
      clock.set(at);
      // The idle lock counts by this clock too: a day ahead, the screen is locked.
      await t.call('auth.signIn', { login: CLERK.login, password: CLERK.password });
      caseNos.push(await accept(t));
    }
    t.client.start();
    await waitFor('the outbox empty', () => outbox(t) === 0);
    const rows = await serverCommands(t.client.enrollment.terminalId);
    expect(rows.map((r) => [r.seq, r.case_no, r.status])).toEqual(caseNos.map((no, i) => [i + 1, no, 'applied']));
  });
});
