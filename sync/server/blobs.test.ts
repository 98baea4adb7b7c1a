import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { centralOf } from './app.js';
import { call, enrollTerminal, startCentral, type TestCentral, type TestTerminal } from './testing/harness.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const CHUNK_LIMIT = 64 * 1024;

describe.each(BACKENDS)('blobs on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  let t: TestTerminal;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db, { blobChunkLimit: CHUNK_LIMIT });
    t = await enrollTerminal(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  const head = (hash: string, token = t.credential) => call(c.url, 'HEAD', `/v1/blobs/${hash}`, { token });
  const put = (hash: string, bytes: Buffer, offset: number, length: number, token = t.credential, base = '/v1/blobs') =>
    call(c.url, 'PUT', `${base}/${hash}`, { token, body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream', 'upload-offset': String(offset), 'upload-length': String(length) } });
  const uploads = () => readdirSync(join(c.blobsDir, 'uploads'));

  it('takes an upload in chunks, resumes where the server says, verifies and serves it', async () => {
    const blob = randomBytes(150_000);
    const hash = sha(blob);
    expect((await head(hash)).status).toBe(404);
    expect((await head(hash)).headers.get('upload-offset')).toBe('0');

    const first = await put(hash, blob.subarray(0, 60_000), 0, blob.length);
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe('60000');
    // The client lost track (say it restarted): HEAD tells where to go on.
    const h = await head(hash);
    expect([h.status, h.headers.get('upload-offset'), h.headers.get('upload-length')]).toEqual([404, '60000', String(blob.length)]);
    // A chunk that does not start where the server's copy ends is refused with the right offset.
    const wrong = await put(hash, blob.subarray(30_000, 90_000), 30_000, blob.length);
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ error: { code: 'blob_offset', offset: 60_000 } });
    expect((await put(hash, blob.subarray(60_000, 120_000), 60_000, blob.length)).status).toBe(204);
    const done = await put(hash, blob.subarray(120_000), 120_000, blob.length);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ sha256: hash, size: blob.length });

    const complete = await head(hash);
    expect([complete.status, complete.headers.get('upload-offset')]).toEqual([200, String(blob.length)]);
    const res = await fetch(`${c.url}/v1/blobs/${hash}`, { headers: { 'x-ow-protocol': '1', authorization: `Bearer ${t.credential}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(blob)).toBe(true);
    expect(readFileSync(join(c.blobsDir, 'blobs', hash.slice(0, 2), hash)).equals(blob)).toBe(true);
    expect(uploads().filter((f) => f.startsWith(hash))).toEqual([]);
  });

  it('refuses bytes that do not match their name, forgets them, and takes the right ones after', async () => {
    const blob = randomBytes(10_000);
    const hash = sha(blob);
    const corrupt = Buffer.from(blob);
    corrupt[5_000] = (corrupt[5_000] ?? 0) ^ 0xff;
    expect((await put(hash, corrupt.subarray(0, 5_000), 0, blob.length)).status).toBe(204);
    const bad = await put(hash, corrupt.subarray(5_000), 5_000, blob.length);
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: 'blob_mismatch' } });
    expect((await head(hash)).headers.get('upload-offset')).toBe('0');
    expect(uploads().filter((f) => f.startsWith(hash))).toEqual([]);
    expect(await db.query('SELECT 1 FROM blobs WHERE sha256 = $1', [hash])).toEqual([]);
    expect((await put(hash, blob, 0, blob.length)).status).toBe(201);
  });

  it('deduplicates the bytes, not the right to them: another terminal proves it holds a stored blob by sending it, and owns it then', async () => {
    const blob = randomBytes(2_000);
    const hash = sha(blob);
    expect((await put(hash, blob, 0, blob.length)).status).toBe(201);
    expect((await put(hash, blob, 0, blob.length)).status).toBe(200);
    const other = await enrollTerminal(c);
    // To the other terminal it is not there: it learns nothing of what this one sent.
    expect((await head(hash, other.credential)).status).toBe(404);
    expect((await call(c.url, 'GET', `/v1/blobs/${hash}`, { token: other.credential })).status).toBe(404);
    // Claiming it with other bytes does not work; sending the bytes does.
    expect((await put(hash, Buffer.from('anything'), 0, 8, other.credential)).body).toMatchObject({ error: { code: 'blob_mismatch' } });
    const proved = await put(hash, blob, 0, blob.length, other.credential);
    expect(proved.status).toBe(200);
    expect(proved.body).toMatchObject({ sha256: hash, size: blob.length });
    expect((await head(hash, other.credential)).status).toBe(200);
    expect(readFileSync(join(c.blobsDir, 'blobs', hash.slice(0, 2), hash)).equals(blob)).toBe(true);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1', [hash]);
    expect(rows[0]?.n).toBe(1);
    const owners = await db.query<{ terminal_code: string }>('SELECT terminal_code FROM blob_owners WHERE sha256 = $1 ORDER BY terminal_code', [hash]);
    expect(owners.map((o) => o.terminal_code)).toEqual([t.terminalCode, other.terminalCode].sort());
  });

  it("holds a terminal to its quota (507 blob_quota_exceeded), counting only what it sent", async () => {
    const small = await startCentral(db, { blobQuotaBytes: 5_000 });
    try {
      const a = await enrollTerminal(small);
      const send = (bytes: Buffer, token: string) =>
        call(small.url, 'PUT', `/v1/blobs/${sha(bytes)}`, { token, body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(bytes.length) } });
      expect((await send(randomBytes(3_000), a.credential)).status).toBe(201);
      const over = await send(randomBytes(3_000), a.credential);
      expect(over.status).toBe(507);
      expect(over.body).toMatchObject({ error: { code: 'blob_quota_exceeded', quotaBytes: 5_000, usedBytes: 3_000 } });
      const b = await enrollTerminal(small);
      expect((await send(randomBytes(3_000), b.credential)).status).toBe(201);
    } finally {
      await small.stop();
    }
  });

  it('sweeps uploads left unfinished for a day; the terminal starts that blob again at 0', async () => {
    const blob = randomBytes(60_000);
    const hash = sha(blob);
    expect((await put(hash, blob.subarray(0, 30_000), 0, blob.length)).status).toBe(204);
    const store = centralOf(c.app).blobs;
    expect(await store.sweep(Date.now() + 3_600_000)).toMatchObject({ parts: 0 });
    expect((await head(hash)).headers.get('upload-offset')).toBe('30000');
    expect(await store.sweep(Date.now() + 25 * 3_600_000)).toMatchObject({ parts: 1 });
    expect(uploads().filter((f) => f.startsWith(hash))).toEqual([]);
    expect((await head(hash)).headers.get('upload-offset')).toBe('0');
    expect((await put(hash, blob, 0, blob.length)).status).toBe(201);
  });

  it('refuses what is not an upload: bad names, headers, oversize chunks, overruns, other content types, no credential', async () => {
    const blob = randomBytes(1_000);
    const hash = sha(blob);
    expect((await put('not-a-hash', blob, 0, blob.length)).status).toBe(404);
    const noHeaders = await call(c.url, 'PUT', `/v1/blobs/${hash}`, { token: t.credential, body: blob, headers: { 'content-type': 'application/octet-stream' } });
    expect(noHeaders.body).toMatchObject({ error: { code: 'invalid_request' } });
    const tooBig = await put(sha(randomBytes(8)), randomBytes(CHUNK_LIMIT + 1), 0, CHUNK_LIMIT + 1);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ error: { code: 'body_too_large' } });
    expect((await put(hash, blob, 0, 10)).body).toMatchObject({ error: { code: 'invalid_request' } });
    const json = await call(c.url, 'PUT', `/v1/blobs/${hash}`, { token: t.credential, json: { bytes: 'x' }, headers: { 'upload-offset': '0', 'upload-length': '1000' } });
    expect(json.body).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await put(hash, blob, 0, blob.length, 'ow1.00000000-0000-0000-0000-000000000000.xxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).status).toBe(401);
    expect((await call(c.url, 'GET', `/v1/blobs/${hash}`, { token: t.credential })).status).toBe(404);
    expect(uploads().filter((f) => f.startsWith(hash))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('keeps scanned documents the service’s alone: folders 0700, files 0600', async () => {
    const blob = randomBytes(3_000);
    expect((await put(sha(blob), blob, 0, blob.length)).status).toBe(201);
    const parted = randomBytes(100_000);
    expect((await put(sha(parted), parted.subarray(0, 50_000), 0, parted.length)).status).toBe(204);
    const entries = readdirSync(c.blobsDir, { recursive: true, withFileTypes: true });
    expect(entries.some((e) => e.isFile() && e.name.endsWith('.part'))).toBe(true);
    const wrong = entries.map((e) => ({ path: join(e.parentPath, e.name), mode: statSync(join(e.parentPath, e.name)).mode & 0o777, dir: e.isDirectory() })).filter((e) => e.mode !== (e.dir ? 0o700 : 0o600));
    expect(wrong).toEqual([]);
    expect(statSync(c.blobsDir).mode & 0o777).toBe(0o700);
  });

  it('lets the back office upload with its token (result documents), and not without; a terminal reads one only once it is its case\'s', async () => {
    const pdf = Buffer.from('%PDF-1.7 result');
    const hash = sha(pdf);
    expect((await put(hash, pdf, 0, pdf.length, t.credential, '/office/blobs')).status).toBe(403);
    expect((await put(hash, pdf, 0, pdf.length, c.officeToken, '/office/blobs')).status).toBe(201);
    const get = (token: string, base = '/v1/blobs') => fetch(`${c.url}${base}/${hash}`, { headers: { 'x-ow-protocol': '1', authorization: `Bearer ${token}` } });
    expect((await get(c.officeToken, '/office/blobs')).status).toBe(200);
    expect((await get(t.credential)).status).toBe(404);
    await db.query(
      `INSERT INTO cases (case_no, terminal_id, terminal_code, intake_id, day, outcome, status, checked, data, received_at, result_document)
       VALUES ($1, $2, $3, gen_random_uuid(), '2026-11-26', 'accepted', 'decided', true, '{}'::jsonb, now(), jsonb_build_object('name', 'r.pdf', 'sha256', $4::text))`,
      [`${t.terminalCode}-20261126-0001`, t.terminalId, t.terminalCode, hash],
    );
    const got = await get(t.credential);
    expect(Buffer.from(await got.arrayBuffer()).toString()).toBe('%PDF-1.7 result');
  });
});
