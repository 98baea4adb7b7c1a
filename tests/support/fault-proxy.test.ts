import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAULT_KINDS, prng, randomPolicy, startFaultProxy, type Fault, type FaultProxy, type RequestInfo } from './fault-proxy.js';

/** What the tiny upstream saw of one request. */
interface Seen {
  method: string;
  url: string;
  connection: string | undefined;
  /** The body arrived whole (the handler "committed"). */
  complete: boolean;
  body: Buffer;
  /** How many 'data' events the body came in. */
  chunks: number;
  /** When the request's head arrived (Date.now()). */
  at: number;
  /** The request is over: its body ended, or its connection went away. */
  over: boolean;
}

/** A tiny HTTP server that records every request and answers with the body's length and hash. */
async function startUpstream(): Promise<{ server: Server; port: number; seen: Seen[]; committed: () => number; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer({ keepAlive: true }, (req: IncomingMessage, res) => {
    const entry: Seen = { method: req.method ?? '', url: req.url ?? '', connection: req.headers.connection, complete: false, body: Buffer.alloc(0), chunks: 0, at: Date.now(), over: false };
    seen.push(entry);
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      parts.push(c);
      entry.chunks += 1;
    });
    req.on('error', () => undefined);
    req.on('close', () => (entry.over = true));
    req.on('end', () => {
      entry.complete = true;
      entry.body = Buffer.concat(parts);
      if (req.url === '/stream') {
        // Like an event stream: insists on keep-alive, chunked, ends a moment later.
        res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive' });
        res.write('event: poke\ndata: 1\n\n');
        setTimeout(() => res.end('event: poke\ndata: 2\n\n'), 20);
        return;
      }
      const answer = JSON.stringify({ n: seen.filter((s) => s.complete).length, bytes: entry.body.length, sha: sha(entry.body), pad: 'x'.repeat(200) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    seen,
    committed: () => seen.filter((s) => s.complete).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const body = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => i % 251));

let up: Awaited<ReturnType<typeof startUpstream>>;
let proxy: FaultProxy;
const always =
  (fault: Fault) =>
  (): Fault =>
    fault;

beforeEach(async () => {
  up = await startUpstream();
  proxy = await startFaultProxy({ upstreamPort: up.port });
});
afterEach(async () => {
  await proxy.close();
  await up.close();
});

async function post(payload: Buffer, path = '/thing'): Promise<{ n: number; bytes: number; sha: string; connection: string | null }> {
  const res = await fetch(`${proxy.url}${path}`, { method: 'POST', body: new Uint8Array(payload), headers: { 'content-type': 'application/octet-stream' } });
  const json = (await res.json()) as { n: number; bytes: number; sha: string };
  return { ...json, connection: res.headers.get('connection') };
}

/** Waits (bounded) until `cond` holds; the upstream finishes its side a moment after the client's error. */
async function until(cond: () => boolean, what: string, maxMs = 3000): Promise<void> {
  const end = Date.now() + maxMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('fault proxy', () => {
  it('passes requests through, one per connection: the upstream is told Connection: close, the client never reuses the socket', async () => {
    const a = await post(body(1000));
    const b = await post(body(1_000_000));
    const c = await (await fetch(`${proxy.url}/get`)).json();
    expect(a).toMatchObject({ n: 1, bytes: 1000, sha: sha(body(1000)), connection: 'close' });
    expect(b).toMatchObject({ n: 2, bytes: 1_000_000, sha: sha(body(1_000_000)) });
    expect(c).toMatchObject({ n: 3, bytes: 0 });
    expect(up.seen.map((s) => s.connection)).toEqual(['close', 'close', 'close']);
    const st = proxy.stats();
    expect(st.connections).toBe(3);
    expect(st.requests).toBe(3);
    expect(st.faults.pass).toBe(3);
    expect(proxy.log().map((e) => `${e.method} ${e.path} ${e.upstreamStatus}`)).toEqual(['POST /thing 200', 'POST /thing 200', 'GET /get 200']);
  });

  it('tells the client Connection: close even when the upstream insists on keep-alive, so the next request takes a new socket', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${proxy.url}/stream`);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.text()).toBe('event: poke\ndata: 1\n\nevent: poke\ndata: 2\n\n');
    }
    expect(up.seen).toHaveLength(3);
    expect(proxy.stats()).toMatchObject({ connections: 3, requests: 3, strayBytes: 0 });
  });

  it('refuse: the client sees a reset and nothing reaches the upstream', async () => {
    proxy.setPolicy(always({ kind: 'refuse' }));
    await expect(post(body(10))).rejects.toThrow();
    expect(up.seen).toHaveLength(0);
    expect(proxy.stats().faults.refuse).toBe(1);
  });

  it('drop: the upstream gets a request cut after N bytes (never the whole), the client a reset', async () => {
    let info: RequestInfo | undefined;
    proxy.setPolicy((req) => {
      info = req;
      return { kind: 'drop', afterBytes: req.bytes - 100 };
    });
    await expect(post(body(5000))).rejects.toThrow();
    // The upstream's request is over (its connection gone) without its body having ended.
    await until(() => up.seen.length === 1 && up.seen[0]!.over, 'the upstream to see the partial request end');
    expect(up.seen[0]!.complete).toBe(false);
    expect(up.committed()).toBe(0);
    expect(info!.bodyBytes).toBe(5000);
    // afterBytes beyond the request is clamped: still never a whole request.
    proxy.setPolicy(always({ kind: 'drop', afterBytes: 1e9 }));
    await expect(post(body(5000))).rejects.toThrow();
    await until(() => up.seen.length === 2 && up.seen[1]!.over, 'the second partial request to end');
    expect(up.committed()).toBe(0);
    expect(proxy.stats().faults.drop).toBe(2);
  });

  it('delay: the upstream sees nothing until the delay is over, then the request passes intact', async () => {
    proxy.setPolicy(always({ kind: 'delay', ms: 400 }));
    const started = Date.now();
    expect(await post(body(100))).toMatchObject({ n: 1, sha: sha(body(100)) });
    // When the upstream first saw it: a lower bound, which a slow machine only makes later.
    expect(up.seen).toHaveLength(1);
    expect(up.seen[0]!.at - started).toBeGreaterThanOrEqual(390);
    expect(proxy.stats().faults.delay).toBe(1);
  });

  it('delay per chunk: the request reaches the upstream in pieces, still intact', async () => {
    proxy.setPolicy(always({ kind: 'delay', ms: 0, perChunkMs: 5, chunkBytes: 1000 }));
    expect(await post(body(10_000))).toMatchObject({ n: 1, bytes: 10_000, sha: sha(body(10_000)) });
    expect(up.seen[0]!.chunks).toBeGreaterThanOrEqual(5);
  });

  it.each(['parallel', 'after'] as const)('duplicate (%s): the upstream gets the request twice, the client one answer', async (mode) => {
    proxy.setPolicy(always({ kind: 'duplicate', mode }));
    const answer = await post(body(3000));
    expect(up.committed()).toBe(2);
    expect(up.seen.map((s) => sha(s.body))).toEqual([sha(body(3000)), sha(body(3000))]);
    expect(answer.sha).toBe(sha(body(3000)));
    if (mode === 'after') expect(answer.n).toBe(1);
    const st = proxy.stats();
    expect(st.faults.duplicate).toBe(1);
    expect(st.duplicateAnswers).toBe(1);
    expect(st.connections).toBe(1);
  });

  it('cut: the upstream answered (committed), the client gets a reset or a truncated answer', async () => {
    proxy.setPolicy(always({ kind: 'cut' }));
    await expect(post(body(100))).rejects.toThrow();
    expect(up.committed()).toBe(1);
    // Headers through, body cut: the response starts, reading it fails.
    proxy.setPolicy(always({ kind: 'cut', afterBytes: 150 }));
    const res = await fetch(`${proxy.url}/x`, { method: 'POST', body: new Uint8Array(body(100)) });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    // More bytes than the answer has: clamped, the client still never gets it whole.
    proxy.setPolicy(always({ kind: 'cut', afterBytes: 1e9 }));
    await expect(post(body(100))).rejects.toThrow();
    expect(up.committed()).toBe(3);
    expect(proxy.stats().faults.cut).toBe(3);
    expect(proxy.log().map((e) => e.upstreamStatus)).toEqual([200, 200, 200]);
  });

  it('corrupt: exactly one body byte differs at the upstream', async () => {
    proxy.setPolicy(always({ kind: 'corrupt', at: 7 }));
    const sent = body(64);
    const answer = await post(sent);
    expect(answer.sha).not.toBe(sha(sent));
    const got = up.seen[0]!.body;
    expect(got).toHaveLength(64);
    const diffs = [...got].flatMap((b, i) => (b === sent[i] ? [] : [i]));
    expect(diffs).toEqual([7]);
    expect(proxy.stats().faults.corrupt).toBe(1);
  });

  it('down: new connections are refused (ECONNREFUSED) until it is up again on the same port', async () => {
    const port = proxy.port;
    await proxy.setDown(true);
    const err: unknown = await post(body(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(((err as Error).cause as { code?: string } | undefined)?.code).toBe('ECONNREFUSED');
    expect(up.seen).toHaveLength(0);
    await proxy.setDown(false);
    expect(proxy.port).toBe(port);
    expect(await post(body(1))).toMatchObject({ n: 1 });
    expect(proxy.stats().downPeriods).toBe(1);
  });

  it('an upstream that is not there: the client gets a reset, counted', async () => {
    await up.close();
    await expect(post(body(1))).rejects.toThrow();
    expect(proxy.stats().upstreamErrors).toBe(1);
  });

  it('frames chunked bodies, and ignores what a client pipelines after its first request on a socket', async () => {
    const raw = [
      'POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n',
      '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
      'GET /second HTTP/1.1\r\nHost: x\r\n\r\n',
    ].join('');
    const reply = await new Promise<string>((resolve, reject) => {
      const s = connect(proxy.port, '127.0.0.1', () => s.write(raw));
      let out = '';
      s.setEncoding('latin1');
      s.on('data', (d: string) => (out += d));
      s.on('end', () => resolve(out));
      s.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply.toLowerCase()).toContain('connection: close');
    expect(up.seen.map((s) => `${s.method} ${s.url} ${s.body.toString()}`)).toEqual(['POST /chunked hello world']);
    expect(proxy.stats().strayBytes).toBeGreaterThan(0);
  });

  it('resets a client whose request cannot be framed', async () => {
    await new Promise<void>((resolve) => {
      const s = connect(proxy.port, '127.0.0.1', () => s.write('POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n'));
      s.on('error', () => resolve());
      s.on('close', () => resolve());
    });
    expect(proxy.stats().unparsable).toBe(1);
    expect(up.seen).toHaveLength(0);
  });

  it('close() ends every socket and timer, even with requests held in a delay', async () => {
    proxy.setPolicy(always({ kind: 'delay', ms: 20_000 }));
    const pending = post(body(10)).catch((e: unknown) => e);
    await until(() => proxy.stats().requests === 1, 'the request to be held');
    await proxy.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(proxy.openSockets()).toBe(0);
    expect(up.seen).toHaveLength(0);
    await expect(post(body(1))).rejects.toThrow();
  });
});

describe('random faults', () => {
  const req = (connection: number, over: Partial<RequestInfo> = {}): RequestInfo => ({ connection, method: 'POST', path: '/v1/push', headers: {}, bytes: 1000, bodyBytes: 800, ...over });

  it('the same seed gives the same fault to the same connection, whatever order they are asked in', () => {
    const mix = { pass: 2, refuse: 1, drop: 1, delay: 1, duplicate: 1, cut: 1, corrupt: 1 };
    const a = randomPolicy(42, { mix });
    const b = randomPolicy(42, { mix });
    const forward = Array.from({ length: 200 }, (_, i) => a(req(i + 1)));
    const backward = Array.from({ length: 200 }, (_, i) => b(req(200 - i))).reverse();
    expect(backward).toEqual(forward);
    const other = Array.from({ length: 200 }, (_, i) => randomPolicy(43, { mix })(req(i + 1)));
    expect(other).not.toEqual(forward);
    // Every kind of the mix shows up in 200 draws, roughly in proportion.
    const byKind = Object.fromEntries(FAULT_KINDS.map((k) => [k, forward.filter((f) => f.kind === k).length]));
    for (const k of FAULT_KINDS) expect(byKind[k]).toBeGreaterThan(0);
    expect(byKind.pass).toBeGreaterThan(byKind.cut!);
  });

  it('kinds left out never happen; `only` keeps other requests passing; parameters stay in range', () => {
    const p = randomPolicy(7, { mix: { drop: 1, cut: 1 }, only: (r) => r.path === '/v1/push', maxDelayMs: 10 });
    for (let i = 1; i <= 300; i++) {
      const f = p(req(i));
      expect(['drop', 'cut']).toContain(f.kind);
      if (f.kind === 'drop') expect(f.afterBytes).toBeLessThan(1000);
      expect(p(req(i, { path: '/v1/events', method: 'GET' }))).toEqual({ kind: 'pass' });
    }
    expect(() => randomPolicy(1, { mix: {} })).toThrow();
  });

  it('prng is deterministic and in [0, 1)', () => {
    const a = prng(123);
    const b = prng(123);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it('a random mix through the proxy: every request is answered whole or fails, and the counts add up', async () => {
    const upstream = await startUpstream();
    const seed = 2024;
    const p = await startFaultProxy({ upstreamPort: upstream.port, policy: randomPolicy(seed, { mix: { pass: 3, refuse: 1, drop: 1, delay: 1, duplicate: 1, cut: 1 }, maxDelayMs: 20 }) });
    try {
      let ok = 0;
      let failed = 0;
      for (let i = 0; i < 60; i++) {
        const payload = body(100 + i);
        try {
          const res = await fetch(`${p.url}/r`, { method: 'POST', body: new Uint8Array(payload) });
          const json = (await res.json()) as { sha: string };
          expect(json.sha).toBe(sha(payload));
          ok += 1;
        } catch {
          failed += 1;
        }
      }
      const st = p.stats();
      expect(st.requests).toBe(60);
      expect(Object.values(st.faults).reduce((a, b) => a + b, 0)).toBe(60);
      expect(ok).toBe(st.faults.pass + st.faults.delay + st.faults.duplicate);
      expect(failed).toBe(st.faults.refuse + st.faults.drop + st.faults.cut);
      expect(st.faults.cut).toBeGreaterThan(0);
      // Upstream commits: passes, delays, cuts once each, duplicates twice; drops and refusals never.
      await until(() => upstream.committed() === st.faults.pass + st.faults.delay + st.faults.cut + 2 * st.faults.duplicate, 'upstream commits to add up');
    } finally {
      await p.close();
      await upstream.close();
    }
  });
});
