import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg } from './db/pg.js';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { call, command, enrollTerminal, publishSample, startCentral, startCentralWithoutToken, type Reply, type TestCentral, type TestTerminal } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

const DAY = '2026-11-26';
const catalog = sampleCatalog();
const MB = 1024 * 1024;

/**
 * A raw HTTP/1.1 request streaming `chunks` with chunked encoding (no content-length), as a client
 * that ignores limits would; the server's answer is read off the socket even when it cuts us off.
 */
function rawChunked(url: string, path: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = '';
    const timer = setTimeout(() => socket.destroy(new Error('timeout')), 20_000);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server has answered and closed
    socket.on('close', () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.1 (\d{3})[^]*?\r\n\r\n([^]*)$/.exec(received);
      if (!m) return reject(new Error(`no HTTP answer: ${JSON.stringify(received.slice(0, 200))}`));
      resolve({ status: Number(m[1]), body: JSON.parse(m[2] ?? 'null') as unknown });
    });
    socket.on('connect', () => {
      void (async () => {
        const head = Object.entries({ host: `${hostname}:${port}`, 'transfer-encoding': 'chunked', connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`).join('\r\n');
        socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n`);
        for (const chunk of chunks) {
          if (socket.destroyed || received) return;
          socket.write(`${chunk.length.toString(16)}\r\n`);
          socket.write(chunk);
          if (!socket.write('\r\n')) await new Promise((r) => socket.once('drain', r).once('close', r));
        }
        if (!socket.destroyed) socket.end('0\r\n\r\n');
      })();
    });
  });
}

describe.each(BACKENDS)('bad input on $name: a clear 4xx with a code, and nothing stored', (backend) => {
  let db: Db;
  let c: TestCentral;
  let t: TestTerminal;
  let other: TestTerminal;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db, { bodyLimit: 8 * MB });
    await publishSample(c);
    t = await enrollTerminal(c);
    other = await enrollTerminal(c);
    // Something already there, so "nothing stored" is measured against a non-empty state.
    await t.push([command(1, 'acceptCase', intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 1 }))]);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  const state = async () => {
    const n = async (sql: string) => (await db.query<{ n: number }>(sql))[0]?.n;
    return {
      commands: await n('SELECT count(*)::int AS n FROM commands'),
      cases: await n('SELECT count(*)::int AS n FROM cases'),
      notices: await n('SELECT count(*)::int AS n FROM notices'),
      changes: await n('SELECT count(*)::int AS n FROM changes'),
      maxChange: await n('SELECT coalesce(max(seq), 0)::int AS n FROM changes'),
      blobs: await n('SELECT count(*)::int AS n FROM blobs'),
      lastSeqs: await n('SELECT coalesce(sum(last_seq), 0)::int AS n FROM terminals'),
      uploads: readdirSync(join(c.blobsDir, 'uploads')).length,
    };
  };
  const refusedWithoutTrace = async (status: number, code: string, send: () => Promise<Reply | { status: number; body: unknown }>) => {
    const before = await state();
    const r = await send();
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(await state()).toEqual(before);
    return r;
  };
  const next = () => command(2, 'acceptCase', intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 2 }));

  it('an unauthenticated push', async () => {
    await refusedWithoutTrace(401, 'unauthenticated', () => call(c.url, 'POST', '/v1/push', { json: { terminalId: t.terminalId, commands: [next()] } }));
  });

  it('a credential of the wrong shape (36 dashes for an id, a short or foreign secret) is 401 before any query, never 500', async () => {
    const secret = 'x'.repeat(43);
    const malformed = [`ow1.${'-'.repeat(36)}.${secret}`, `ow1.${'0'.repeat(36)}.${secret}`, `ow1.${t.terminalId.replace(/-/g, '')}xxxx.${secret}`, `ow1.${t.terminalId}.short`, `ow1.${t.terminalId}`];
    for (const token of malformed) {
      await refusedWithoutTrace(401, 'unauthenticated', () => call(c.url, 'POST', '/v1/pull', { token, json: { checkpoint: 0 } }));
      await refusedWithoutTrace(401, 'unauthenticated', () => call(c.url, 'POST', '/v1/push', { token, json: { terminalId: t.terminalId, commands: [next()] } }));
    }
  });

  it('a push for another terminal than the credential’s', async () => {
    await refusedWithoutTrace(403, 'foreign_terminal', () => call(c.url, 'POST', '/v1/push', { token: other.credential, json: { terminalId: t.terminalId, commands: [next()] } }));
  });

  it('a body of 50 MB, announced or streamed', async () => {
    const big = Buffer.alloc(50 * MB, 0x20);
    await refusedWithoutTrace(413, 'body_too_large', () => call(c.url, 'POST', '/v1/push', { token: t.credential, body: new Uint8Array(big), headers: { 'content-type': 'application/json' } }));
    // Chunked, no content-length: counted as it arrives and cut at the limit.
    const chunks = function* () {
      for (let i = 0; i < 50; i += 1) yield Buffer.alloc(MB, 0x20);
    };
    await refusedWithoutTrace(413, 'body_too_large', () =>
      rawChunked(c.url, '/v1/push', { 'content-type': 'application/json', 'x-ow-protocol': '1', authorization: `Bearer ${t.credential}` }, chunks()),
    );
    // Not even read from someone without a credential.
    await refusedWithoutTrace(401, 'unauthenticated', () => call(c.url, 'POST', '/v1/push', { body: new Uint8Array(big), headers: { 'content-type': 'application/json' } }));
  });

  it('malformed JSON, an empty body, and a body that is not JSON', async () => {
    const send = (body: string, type = 'application/json') => () => call(c.url, 'POST', '/v1/push', { token: t.credential, body, headers: { 'content-type': type } });
    await refusedWithoutTrace(400, 'invalid_request', send('{"terminalId": "x", "commands": [}'));
    await refusedWithoutTrace(400, 'invalid_request', send(''));
    await refusedWithoutTrace(400, 'invalid_request', send('{"__proto__": {"polluted": true}}'));
    await refusedWithoutTrace(415, 'invalid_request', send('seq=2', 'text/html'));
  });

  it('commands of the wrong shape, with the issues named', async () => {
    const valid = next();
    const shapes: unknown[] = [
      { terminalId: t.terminalId, commands: [] },
      { terminalId: t.terminalId, commands: [{ ...valid, seq: 0 }] },
      // Not even a name: a known-shaped but unknown name is refused per command (push.test.ts).
      { terminalId: t.terminalId, commands: [{ ...valid, name: 'drop table;' }] },
      { terminalId: t.terminalId, commands: [{ ...valid, name: '' }] },
      { terminalId: t.terminalId, commands: [{ ...valid, name: 'x'.repeat(65) }] },
      { terminalId: t.terminalId, commands: [{ ...valid, createdAt: undefined }] },
      { terminalId: t.terminalId, commands: [{ ...valid, extra: 1 }] },
      { terminalId: t.terminalId, commands: [{ ...valid, blobs: ['not-a-hash'] }] },
      { terminalId: t.terminalId, commands: [{ ...valid, args: [] }] },
      { terminalId: 'not-a-uuid', commands: [valid] },
      { terminalId: t.terminalId, commands: Array.from({ length: 501 }, (_, i) => ({ ...valid, seq: i + 2 })) },
      { terminalId: t.terminalId, commands: [valid, { ...valid }] }, // seq 2 twice
      [valid],
    ];
    for (const json of shapes) {
      const r = await refusedWithoutTrace(400, 'invalid_request', () => call(c.url, 'POST', '/v1/push', { token: t.credential, json }));
      expect(JSON.stringify(r.body)).toMatch(/issues|increasing/);
    }
    await refusedWithoutTrace(400, 'invalid_request', () => call(c.url, 'POST', '/v1/pull', { token: t.credential, json: { checkpoint: -1 } }));
    await refusedWithoutTrace(400, 'invalid_request', () => call(c.url, 'POST', '/v1/pull', { token: t.credential, json: { checkpoint: 0, limit: 5001 } }));
  });

  it('a seq gap', async () => {
    const gap = { ...next(), seq: 5 };
    const r = await refusedWithoutTrace(409, 'seq_gap', () => t.push([gap]));
    expect(r.body).toMatchObject({ error: { expected: 2 } });
  });

  it('blob bytes that do not match their hash', async () => {
    const bytes = Buffer.from('the real page');
    const hash = createHash('sha256').update('another page').digest('hex');
    await refusedWithoutTrace(422, 'blob_mismatch', () =>
      call(c.url, 'PUT', `/v1/blobs/${hash}`, { token: t.credential, body: bytes, headers: { 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(bytes.length) } }),
    );
  });

  it('unknown routes', async () => {
    await refusedWithoutTrace(404, 'not_found', () => call(c.url, 'POST', '/v1/nothing', { token: t.credential, json: {} }));
    await refusedWithoutTrace(404, 'not_found', () => call(c.url, 'GET', '/elsewhere'));
  });
});

describe('a database that cannot be reached', () => {
  it('answers 503 unavailable (retryable), not 500', async () => {
    // Nothing listens on port 1: every query fails to connect.
    const dead = openPg({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    const c = await startCentralWithoutToken(dead);
    try {
      const r = await call(c.url, 'POST', '/v1/pull', { token: `ow1.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'x'.repeat(43)}`, json: { checkpoint: 0 } });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: { code: 'unavailable' } });
    } finally {
      await c.stop();
      await dead.close();
    }
  });
});
