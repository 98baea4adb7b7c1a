import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../../core/ports.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type EnrollResponse, type PullResponse, type PushResponse } from '../../protocol/index.js';
import { buildServer, type ServerOptions } from '../app.js';
import type { Db } from '../db/types.js';
import { createOfficeToken } from '../office-auth.js';
import { sampleCatalog } from './intake-commands.js';

/** A running central service on 127.0.0.1 for a test file, with an office token. */
export interface TestCentral {
  url: string;
  db: Db;
  app: FastifyInstance;
  blobsDir: string;
  officeToken: string;
  /** Stops the server (the database stays open: the caller owns it). */
  stop(): Promise<void>;
}

export async function startCentral(db: Db, opts: Partial<Omit<ServerOptions, 'db'>> & { clock?: Clock } = {}): Promise<TestCentral> {
  const c = await startCentralWithoutToken(db, opts);
  return { ...c, officeToken: await createOfficeToken(db, opts.clock ?? { nowIso: () => new Date().toISOString() }, 'test office') };
}

/** The same without touching the database first (it may be unreachable on purpose). */
export async function startCentralWithoutToken(db: Db, opts: Partial<Omit<ServerOptions, 'db'>> = {}): Promise<TestCentral> {
  const blobsDir = opts.blobsDir ?? mkdtempSync(join(tmpdir(), 'ow-central-blobs-'));
  const app = await buildServer({ ...opts, db, blobsDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    db,
    app,
    blobsDir,
    officeToken: '', // none made
    async stop() {
      // In-flight requests finish first; then connections a client opened but never used (undici
      // opens spares) would hold close() until their keep-alive timeout: they are cut.
      const grace = setTimeout(() => app.server.closeAllConnections(), 200);
      await app.close();
      clearTimeout(grace);
      if (!opts.blobsDir) rmSync(blobsDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  token?: string;
  /** Leave the protocol header out (or send another version). */
  protocol?: string | null;
}

/** One HTTP call, bounded in time; JSON bodies parsed, errors returned (not thrown) for the test to check. */
export async function call<T = Record<string, unknown>>(base: string, method: string, path: string, o: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.protocol !== null) headers[PROTOCOL_HEADER] = o.protocol ?? String(PROTOCOL_VERSION);
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body = o.body;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body: body ?? null, signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text itself
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export const uniqueTerminalCode = (): string => `T${randomBytes(5).toString('hex').toUpperCase()}`;
export const publicKey = (): string => randomBytes(32).toString('hex');

/** A terminal enrolled through the office API and the enrollment route, as IT would. */
export interface TestTerminal extends EnrollResponse {
  push(commands: unknown[]): Promise<Reply<PushResponse>>;
  pull(checkpoint: number, limit?: number): Promise<Reply<PullResponse>>;
}

export async function enrollTerminal(c: TestCentral, terminalCode = uniqueTerminalCode(), extra: { continueNumbering?: boolean } = {}): Promise<TestTerminal> {
  const code = await call<{ code: string }>(c.url, 'POST', '/office/enrollments', { token: c.officeToken, json: { terminalCode, windowNo: '3', hall: '市民中心', district: '黄浦区' } });
  if (code.status !== 200) throw new Error(`enrollment code: ${code.status} ${JSON.stringify(code.body)}`);
  const r = await call<EnrollResponse>(c.url, 'POST', '/v1/enroll', { json: { code: code.body.code, publicKey: publicKey(), label: 'test', ...extra } });
  if (r.status !== 200) throw new Error(`enroll: ${r.status} ${JSON.stringify(r.body)}`);
  const t = r.body;
  return {
    ...t,
    push: (commands) => call<PushResponse>(c.url, 'POST', '/v1/push', { token: t.credential, json: { terminalId: t.terminalId, commands } }),
    pull: (checkpoint, limit = 1000) => call<PullResponse>(c.url, 'POST', '/v1/pull', { token: t.credential, json: { checkpoint, limit } }),
  };
}

/** Publishes the sample catalog through the office API. */
export async function publishSample(c: TestCentral): Promise<void> {
  const r = await call(c.url, 'POST', '/office/catalog', { token: c.officeToken, json: sampleCatalog() });
  if (r.status !== 200) throw new Error(`publish: ${r.status} ${JSON.stringify(r.body)}`);
}

/** A command as the outbox sends it. */
export const command = (seq: number, name: string, args: Record<string, unknown>, blobs: string[] = []) => ({ seq, name, args, blobs, createdAt: new Date().toISOString() });

/** A terminal's event stream, read frame by frame. */
export interface EventStream {
  /** The next frame (`event: poke\ndata: …` or `: heartbeat`) that satisfies `want`, within `timeoutMs`. */
  next(want: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Every frame received so far. */
  frames: string[];
  close(): void;
}

export async function openEvents(base: string, credential: string): Promise<EventStream & { status: number }> {
  const abort = new AbortController();
  const res = await fetch(`${base}/v1/events`, { headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${credential}` }, signal: abort.signal });
  const frames: string[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  if (res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            frames.push(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
          for (const w of waiters.splice(0)) w();
        }
      } catch {
        // aborted
      } finally {
        ended = true;
        for (const w of waiters.splice(0)) w();
      }
    })();
  }
  let seen = 0;
  return {
    status: res.status,
    frames,
    async next(want, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (seen < frames.length) {
          const f = frames[seen++] as string;
          if (want(f)) return f;
        }
        if (ended) throw new Error(`the event stream ended; frames: ${JSON.stringify(frames)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no such frame within ${timeoutMs} ms; frames: ${JSON.stringify(frames)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    close: () => abort.abort(),
  };
}

/** The checkpoint of a poke frame, or null for any other frame. */
export function pokeCheckpoint(frame: string): number | null {
  const m = /^event: poke\ndata: (.*)$/m.exec(frame);
  return m?.[1] ? (JSON.parse(m[1]) as { checkpoint: number }).checkpoint : null;
}
