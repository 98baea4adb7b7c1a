import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { HandlerInput, HandlerName, HandlerResult } from '../../core/api/contract.js';
import { STORE_FILE_NAME } from '../../main/app-context.js';
import type { SyncTuning } from '../../main/handlers/context.js';
import { dispatch } from '../../main/handlers/dispatch.js';
import type { Printer, PrintJob } from '../../main/printing/printer.js';
import type { SyncClient } from '../../main/sync/index.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync/protocol/index.js';
import { buildServer } from '../../sync/server/app.js';
import type { Db } from '../../sync/server/db/types.js';
import { createOfficeToken } from '../../sync/server/office-auth.js';
import { prng, residentId, sampleCatalog } from '../../sync/server/testing/intake-commands.js';
import { testApp } from './app.js';
import { steppingClock } from './clock.js';
import { captureLogs } from './logs.js';
import { ADMIN, CLERK, person, receivedMarks, RESIDENCE_PERMIT, RESIDENCE_REGISTRATION, signedInTerminal, type Call, type SignedIn } from './intake.js';

/**
 * The central service for the fault scenario: a Fastify instance over a database the test owns, that
 * can be stopped and built again on the same port and database (a restart of the service process;
 * PostgreSQL, or PGlite's data, lives on). The office calls go straight to it, never through the proxy.
 */
export interface Central {
  readonly port: number;
  readonly url: string;
  /** The database the service runs on now (another one after `swapDatabase`). */
  readonly db: Db;
  readonly officeToken: string;
  readonly restarts: number;
  readonly running: boolean;
  /** Stops the Fastify instance (in-flight requests finish, event streams end). */
  stop(): Promise<void>;
  /**
   * Stops it the hard way: every open connection is destroyed at once, so a push in flight loses its
   * answer (its transaction commits or not, as a crash would leave it), then the instance closes.
   */
  crash(): Promise<void>;
  /** Builds a fresh instance over the same database and blob folder, listening on the same port. */
  start(): Promise<void>;
  /** Stops and removes the blob folder (the database is the caller's to close). */
  close(): Promise<void>;
  /** Stops, and starts again over `db` (a database restored from a backup), with the same blob folder and port. */
  swapDatabase(db: Db): Promise<void>;
  office<T = Record<string, unknown>>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }>;
}

/** `officeLabel` names the office token: it is who the back office's changes are "by". */
export async function startCentral(firstDb: Db, officeLabel = 'fault test'): Promise<Central> {
  let db = firstDb;
  const blobsDir = mkdtempSync(join(tmpdir(), 'ow-central-blobs-'));
  const officeToken = await createOfficeToken(db, { nowIso: () => new Date().toISOString() }, officeLabel);
  let app: FastifyInstance | null = null;
  let port = 0;
  let restarts = -1;

  const start = async (): Promise<void> => {
    if (app) return;
    const next = await buildServer({ db, blobsDir, heartbeatMs: 1000 });
    // The port was ours a moment ago; the OS may take a few ms to free it.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await next.listen({ port, host: '127.0.0.1' });
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'EADDRINUSE' || attempt >= 50) {
          await next.close();
          throw err;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const address = next.server.address();
    if (!address || typeof address === 'string') throw new Error('central: no address');
    port = address.port;
    app = next;
    restarts += 1;
  };
  const stop = async (): Promise<void> => {
    const current = app;
    app = null;
    if (!current) return;
    // Event streams never end by themselves: cut what is still open after a moment.
    const grace = setTimeout(() => current.server.closeAllConnections(), 200);
    await current.close();
    clearTimeout(grace);
  };
  const crash = async (): Promise<void> => {
    const current = app;
    app = null;
    if (!current) return;
    current.server.closeAllConnections();
    await current.close();
  };
  await start();

  const central: Central = {
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get db() {
      return db;
    },
    officeToken,
    get restarts() {
      return restarts;
    },
    get running() {
      return app !== null;
    },
    stop,
    crash,
    start,
    close: async () => {
      await stop();
      rmSync(blobsDir, { recursive: true, force: true });
    },
    swapDatabase: async (next) => {
      await stop();
      db = next;
      await start();
    },
    office: async <T>(method: string, path: string, json?: unknown) => {
      const headers: Record<string, string> = { authorization: `Bearer ${officeToken}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
      if (json !== undefined) headers['content-type'] = 'application/json';
      const send = () => fetch(`${central.url}${path}`, { method, headers, body: json === undefined ? null : JSON.stringify(json), signal: AbortSignal.timeout(20_000) });
      // After swapDatabase the centre listens anew on the same port: fetch's pool may still hold a keep-alive
      // socket to the stopped instance, which fails once with UND_ERR_SOCKET. One more try, on a fresh socket.
      const res = await send().catch((err: unknown) => {
        if ((err as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET') return send();
        throw err;
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
  return central;
}

/** Publishes the sample catalog (the one `setup.init` loads on the terminals), so the server re-validates against it. */
export async function publishSampleCatalog(c: Central): Promise<void> {
  const r = await c.office('POST', '/office/catalog', sampleCatalog());
  if (r.status !== 200) throw new Error(`publish catalog: ${r.status} ${JSON.stringify(r.body)}`);
}

/** A one-time enrollment code for a terminal code, as IT makes it. */
export async function enrollmentCode(c: Central, terminalCode: string): Promise<string> {
  const r = await c.office<{ code: string }>('POST', '/office/enrollments', { terminalCode, windowNo: '7', hall: '市民中心', district: '黄浦区' });
  if (r.status !== 200) throw new Error(`enrollment code: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.code;
}

// ---- Terminals ----

/** Sync tuned for tests: quick retries, small batches (more requests, so more faults), frequent pulls. */
export const FAST_SYNC: SyncTuning = {
  backoffBaseMs: 5,
  backoffMaxMs: 150,
  pushBatchSize: 40,
  pullPageSize: 400,
  pullEveryMs: 500,
  requestTimeoutMs: 15_000,
  chunkTimeoutMs: 15_000,
  eventsIdleMs: 5_000,
};

/** A printer that takes every job at once (the print path runs; nothing reaches paper). */
export function memoryPrinter(): Printer & { jobs: PrintJob[] } {
  const jobs: PrintJob[] = [];
  return {
    jobs,
    list: async () => [{ name: 'PDF', description: 'memory', isDefault: true, state: 'idle', acceptingJobs: true }],
    print: async (job) => {
      jobs.push(job);
      return { jobId: `PDF-${jobs.length}` };
    },
  };
}

/** A real terminal (app context on its own SQLite store), set up, enrolled through `sync.enroll`, the clerk signed in. */
export interface Terminal {
  label: string;
  /** The app context now open on the store (a new one after `restore`). */
  readonly ctx: SignedIn['ctx'];
  readonly call: Call;
  clock: ReturnType<typeof steppingClock>;
  /** The terminal id of the current enrollment. */
  readonly terminalId: string;
  terminalCode: string;
  /** What the sync client logged (its retries and stops), for failure messages. */
  logs: string[];
  sync(): SyncClient;
  /**
   * One intake through the handlers, by `i`: mostly 受理 of a 承诺件, one in ten 即办, one in ten 不予受理,
   * and (`i % 250 === 125`) a 受理 with a scanned page, whose PDF and page travel as blobs. Returns its case number.
   */
  intake(i: number): Promise<string>;
  /** Sets the terminal's clock (and signs the clerk in again: a jump past the idle timeout locks the screen). */
  setClock(iso: string): Promise<void>;
  /** Signs the clerk in again (a recovery's journal entries move the stepping clock past the idle lock). */
  signIn(): Promise<void>;
  /** A 受理 with one scanned page (a PNG drawn with `text`) assigned to the first material. */
  scannedIntake(text: string): Promise<string>;
  /** Prints the case's notice (through `notices.print`, on the memory printer): a printNotice command. */
  print(caseNo: string): Promise<number>;
  /** A consistent copy of the store as it is now (what a nightly backup would hold); returns its path. */
  backup(): string;
  /**
   * The store replaced by a backup, as IT would restore it: the app stops, the file is put back (its
   * WAL gone with the old one), and the app starts again on it (its sync client too); the clerk signs in.
   */
  restore(backupFile: string): Promise<void>;
  /**
   * The app stops, `edit` runs on the store file with a connection of its own (someone with the file and
   * another tool), and the app starts again on it; the clerk signs in.
   */
  tamper(edit: (db: Database.Database) => void): Promise<void>;
  /** Enrolled again under its terminal code with a new code from IT (after a revocation); the clerk signs in. */
  enrollAgain(): Promise<void>;
  /** Stops the sync client and closes the store. */
  close(): Promise<void>;
}

export interface TerminalOptions {
  label: string;
  clockStart?: string;
  sync?: SyncTuning;
}

export async function enrolledTerminal(central: Central, serverUrl: string, terminalCode: string, o: TerminalOptions): Promise<Terminal> {
  const clock = steppingClock(o.clockStart);
  const captured = captureLogs('info');
  const printer = memoryPrinter();
  const appOptions = { clock, log: captured.log, printer, sync: { ...FAST_SYNC, ...o.sync } };
  let { ctx, call } = await signedInTerminal(appOptions);
  const must = async <N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<HandlerResult<N>> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${o.label}: ${name} failed: ${r.error.code}${r.error.reason ? ` (${r.error.reason})` : ''} ${r.error.message}`);
    return r.value;
  };
  const enroll = async (): Promise<string> => {
    await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const enrolled = await must('sync.enroll', { serverUrl, code: await enrollmentCode(central, terminalCode), label: o.label });
    await must('auth.signIn', { login: CLERK.login, password: CLERK.password });
    if (!ctx.sync) throw new Error(`${o.label}: enrolled, but no sync client runs`);
    return enrolled.terminalId;
  };
  let terminalId = await enroll();

  let marks = new Map<string, Awaited<ReturnType<typeof receivedMarks>>>();
  const marksOf = async (item: string) => {
    let m = marks.get(item);
    if (!m) marks.set(item, (m = await receivedMarks(call, { itemCodes: [item] })));
    return m;
  };
  const rand = prng(terminalCode.split('').reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261));
  const applicantFor = (i: number) => person({ idNumber: residentId(rand), name: `测试${[...String(i)].map((d) => "零一二三四五六七八九"[Number(d)]).join("")}` });
  const plain = async (i: number): Promise<string> => {
    const applicant = applicantFor(i);
    const kind = i % 10;
    if (kind === 3) {
      const target = { itemCodes: [RESIDENCE_REGISTRATION] };
      return (await must('cases.complete', { intakeId: randomUUID(), applicant, target, materials: await marksOf(RESIDENCE_REGISTRATION) })).caseNo;
    }
    const base = { intakeId: randomUUID(), applicant, target: { itemCodes: [RESIDENCE_PERMIT] }, materials: await marksOf(RESIDENCE_PERMIT) };
    if (kind === 7) return (await must('cases.reject', { ...base, reason: '不属于本机关职权范围', competentAuthority: '区民政局' })).caseNo;
    return (await must('cases.accept', base)).caseNo;
  };
  let scans = 0;
  const scanned = async (text: string): Promise<string> => {
    const intakeId = randomUUID();
    await must('scans.import', { intakeId, source: 'file', fileName: 'page.png', dataBase64: await pngBase64(text) });
    const { pages } = await must('scans.batch', { intakeId });
    const materials = await marksOf(RESIDENCE_PERMIT);
    await must('scans.assign', { intakeId, pageIds: pages.map((p) => p.id), entryId: materials[0]!.entryId });
    scans += 1;
    return (await must('cases.accept', { intakeId, applicant: applicantFor(10_000 + scans), target: { itemCodes: [RESIDENCE_PERMIT] }, materials })).caseNo;
  };
  let backups = 0;
  const close = async (): Promise<void> => {
    await ctx.sync?.stop();
    ctx.store.close();
  };
  return {
    label: o.label,
    get ctx() {
      return ctx;
    },
    get call() {
      return call;
    },
    clock,
    get terminalId() {
      return terminalId;
    },
    terminalCode,
    get logs() {
      // The sync client's lines (they carry the terminal's id): its pushes, retries and stops.
      return captured
        .entries()
        .filter((e) => 'terminalId' in e)
        .map((e) => `${String(e.time)} ${e.msg}${e.code ? ` ${String(e.code)}: ${String(e.message)}` : ''}`);
    },
    sync: () => {
      if (!ctx.sync) throw new Error(`${o.label}: no sync client`);
      return ctx.sync;
    },
    intake: async (i) => (i % 250 === 125 ? scanned(`${o.label} ${i}`) : plain(i)),
    scannedIntake: (text) => scanned(text),
    print: async (caseNo) => (await must('notices.print', { caseNo, layout: 'a4', language: 'zh-CN', printer: 'PDF' })).printNo,
    signIn: async () => {
      await must('auth.signIn', { login: CLERK.login, password: CLERK.password });
    },
    setClock: async (iso) => {
      clock.set(iso);
      await must('auth.signIn', { login: CLERK.login, password: CLERK.password });
    },
    backup: () => {
      backups += 1;
      const file = join(ctx.dataDir, `backup-${backups}.sqlite`);
      ctx.store.db.prepare('VACUUM INTO ?').run(file);
      return file;
    },
    restore: async (backupFile) => {
      const { dataDir } = ctx;
      await close();
      const storeFile = join(dataDir, STORE_FILE_NAME);
      for (const extra of ['-wal', '-shm']) rmSync(`${storeFile}${extra}`, { force: true });
      copyFileSync(backupFile, storeFile);
      ctx = testApp({ ...appOptions, dataDir });
      call = (name, input) => dispatch(ctx, { door: 'host' }, name, input) as never;
      marks = new Map();
      await must('auth.signIn', { login: CLERK.login, password: CLERK.password });
    },
    tamper: async (edit) => {
      const { dataDir } = ctx;
      await close();
      const raw = new Database(join(dataDir, STORE_FILE_NAME));
      try {
        edit(raw);
      } finally {
        raw.close();
      }
      ctx = testApp({ ...appOptions, dataDir });
      call = (name, input) => dispatch(ctx, { door: 'host' }, name, input) as never;
      marks = new Map();
      await must('auth.signIn', { login: CLERK.login, password: CLERK.password });
    },
    enrollAgain: async () => {
      terminalId = await enroll();
    },
    close,
  };
}

// ---- Reading both sides ----

export interface ServerCommand {
  seq: number;
  name: string;
  status: string;
  caseNo: string | null;
  createdAt: string;
}

export async function serverCommands(db: Db, terminalId: string): Promise<ServerCommand[]> {
  const rows = await db.query<{ seq: number; name: string; status: string; case_no: string | null; created_at: string }>(
    'SELECT seq, name, status, case_no, created_at FROM commands WHERE terminal_id = $1 ORDER BY seq',
    [terminalId],
  );
  return rows.map((r) => ({ seq: Number(r.seq), name: r.name, status: r.status, caseNo: r.case_no, createdAt: r.created_at }));
}

/** The commands of a terminal code (a replacement machine's after its predecessor's), by seq. */
export async function serverCommandsOfCode(db: Db, terminalCode: string): Promise<ServerCommand[]> {
  const rows = await db.query<{ seq: number; name: string; status: string; case_no: string | null; created_at: string }>(
    'SELECT c.seq, c.name, c.status, c.case_no, c.created_at FROM commands c JOIN terminals t ON t.id = c.terminal_id WHERE t.terminal_code = $1 ORDER BY c.seq, t.enrolled_at',
    [terminalCode],
  );
  return rows.map((r) => ({ seq: Number(r.seq), name: r.name, status: r.status, caseNo: r.case_no, createdAt: r.created_at }));
}

export async function serverLastSeq(db: Db, terminalId: string): Promise<number> {
  const [row] = await db.query<{ last_seq: number }>('SELECT last_seq FROM terminals WHERE id = $1', [terminalId]);
  return Number(row?.last_seq ?? -1);
}

/** case number → "status/decision" of every case of the terminal with a back-office status. */
export async function serverStatuses(db: Db, terminalId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ case_no: string; status: string; decision: string | null }>(
    'SELECT case_no, status, decision FROM cases WHERE terminal_id = $1 AND status IS NOT NULL ORDER BY case_no',
    [terminalId],
  );
  return new Map(rows.map((r) => [r.case_no, `${r.status}/${r.decision ?? '-'}`]));
}

export function localStatuses(t: Terminal): Map<string, string> {
  const rows = t.ctx.store.db.prepare('SELECT case_no, status, decision FROM central_case_status ORDER BY case_no').all() as { case_no: string; status: string; decision: string | null }[];
  return new Map(rows.map((r) => [r.case_no, `${r.status}/${r.decision ?? '-'}`]));
}

export function outboxSize(t: Terminal): number {
  return (t.ctx.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

/** The outbox as it stands: protocol seq (outbox seq − offset) → case number, in order. */
export function outboxCaseNumbers(t: Terminal): { seq: number; caseNo: string; name: string; createdAt: string }[] {
  const offset = (t.ctx.store.db.prepare('SELECT seq_offset FROM sync_state').get() as { seq_offset: number }).seq_offset;
  const rows = t.ctx.store.db.prepare('SELECT seq, name, args, created_at FROM outbox ORDER BY seq').all() as { seq: number; name: string; args: string; created_at: string }[];
  return rows.map((r) => ({ seq: r.seq - offset, caseNo: (JSON.parse(r.args) as { caseNo: string }).caseNo, name: r.name, createdAt: r.created_at }));
}

export { waitFor } from './wait.js';

/** A scanned page: a PNG with some text on it, base64 (what `scans.import` takes). */
export async function pngBase64(text: string): Promise<string> {
  const safe = text.replace(/[<&>]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="420"><rect width="100%" height="100%" fill="white"/><text x="20" y="60" font-size="30">${safe}</text><rect x="20" y="100" width="200" height="150" fill="black"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}
