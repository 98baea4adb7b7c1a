import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { prng } from '../../sync/server/testing/random.js';

/**
 * A TCP proxy on 127.0.0.1 in front of an HTTP/1.1 server, for fault-injection tests. The test picks a
 * fault for every request, by a policy function or a seeded random mix, and reads back what was done.
 *
 * One request per connection. The proxy reads a whole request (head + body, framed by content-length or
 * chunked encoding), rewrites its `Connection` header to `close`, and only then applies the fault. The
 * upstream therefore closes after its response, and the proxy rewrites the response head's `Connection`
 * to `close` as well (an upstream may insist on keep-alive, as an event stream does). So the client never
 * reuses a socket: a fault always belongs to exactly one request, never to "a later request on the same
 * socket", and the end of a response is simply the upstream's EOF, so the proxy never parses response
 * bodies. The price is a new TCP connection per request on loopback, which is cheap; the alternative,
 * parsing requests AND responses on kept-alive sockets (content-length, chunked, HEAD, 1xx, 204/304), is
 * more code to get wrong in the very thing that is supposed to be trusted. Bytes a client sends after
 * its first request on a socket (it should not, having been told `close`) are ignored and counted as
 * `strayBytes`; a test can assert there were none.
 *
 * Every timer is tracked and cleared by `close()`, every socket destroyed; idle sockets time out.
 */

export type Fault =
  /** Forward the request, stream the response back. */
  | { kind: 'pass' }
  /** Reset the client's connection without sending anything upstream (a crash before the server read it). */
  | { kind: 'refuse' }
  /**
   * Forward only the first `afterBytes` of the request (clamped to at most length − 1: the upstream never
   * has a whole request), then close the upstream and reset the client.
   */
  | { kind: 'drop'; afterBytes: number }
  /**
   * Wait `ms` before forwarding; then, if `perChunkMs` is set, send the request in `chunkBytes` pieces
   * (default 16 KiB) and every response chunk with that pause in between.
   */
  | { kind: 'delay'; ms: number; perChunkMs?: number; chunkBytes?: number }
  /**
   * Send the request to the upstream twice on two connections and give the client the first answer.
   * `parallel`: both copies at once (races the server against itself); `after`: the copy goes once the first
   * answer has fully arrived, and the client gets the first answer only after the copy's answer came too.
   */
  | { kind: 'duplicate'; mode: 'parallel' | 'after' }
  /**
   * Forward the request, wait for the upstream's whole response (so the server has done its work and
   * committed), give the client only its first `afterBytes` (clamped to at most length − 1), then reset.
   */
  | { kind: 'cut'; afterBytes?: number }
  /** Flip the bits of one body byte (at `at`, modulo the body length; default the middle). No body: a pass. */
  | { kind: 'corrupt'; at?: number };

export type FaultKind = Fault['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['pass', 'refuse', 'drop', 'delay', 'duplicate', 'cut', 'corrupt'];

export interface RequestInfo {
  /** 1-based number of the connection (= request) at this proxy. */
  connection: number;
  method: string;
  /** The request target as sent, e.g. `/v1/push`. */
  path: string;
  /** Header names lower-cased; repeated headers joined with ', '. */
  headers: Readonly<Record<string, string>>;
  /** Size of the request as forwarded (rewritten head + body). */
  bytes: number;
  bodyBytes: number;
}

export type FaultPolicy = (req: RequestInfo) => Fault;

export interface ProxyStats {
  /** Connections accepted. */
  connections: number;
  /** Whole requests read (a connection that closed early has none). */
  requests: number;
  /** Faults applied, by kind (`pass` included). */
  faults: Record<FaultKind, number>;
  /** Copies sent upstream by `duplicate` faults that got a complete answer. */
  duplicateAnswers: number;
  /** Requests the proxy could not deliver because the upstream refused or reset the connection. */
  upstreamErrors: number;
  /** Client connections that closed before sending a whole request. */
  clientAborts: number;
  /** Bytes a client sent after its request on the same socket (ignored). */
  strayBytes: number;
  /** Requests that could not be framed (no head within 64 KiB, bad content-length); the client was reset. */
  unparsable: number;
  /** Times `setDown(true)` took the listener away. */
  downPeriods: number;
}

export interface LogEntry {
  connection: number;
  method: string;
  path: string;
  fault: Fault;
  /** Status line of the answer the upstream gave (first copy), when one arrived. */
  upstreamStatus?: number;
}

export interface FaultProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  setPolicy(policy: FaultPolicy): void;
  setUpstream(port: number, host?: string): void;
  /**
   * Down: the listening socket is closed, so new connections get ECONNREFUSED (a server that is not
   * there). `resetActive` also resets the connections in flight. Up: listen again on the same port.
   */
  setDown(down: boolean, opts?: { resetActive?: boolean }): Promise<void>;
  stats(): ProxyStats;
  /** The last `logLimit` requests with the fault each got. */
  log(): readonly LogEntry[];
  /** Connections (client or upstream side) currently open. */
  openSockets(): number;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  upstreamPort: number;
  upstreamHost?: string;
  policy?: FaultPolicy;
  /** Port to listen on (0: any free one). */
  port?: number;
  /** A socket idle this long is destroyed. Default 30 s. */
  idleTimeoutMs?: number;
  /** A `cut` waits at most this long for the upstream's answer to finish before cutting anyway. Default 10 s. */
  cutWaitMs?: number;
  /** Entries kept by `log()`. Default 20,000. */
  logLimit?: number;
}

const MAX_HEAD_BYTES = 64 * 1024;
const HOST = '127.0.0.1';

export const passAll: FaultPolicy = () => ({ kind: 'pass' });

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  let upstream = { port: opts.upstreamPort, host: opts.upstreamHost ?? HOST };
  let policy: FaultPolicy = opts.policy ?? passAll;
  const idleMs = opts.idleTimeoutMs ?? 30_000;
  const cutWaitMs = opts.cutWaitMs ?? 10_000;
  const logLimit = opts.logLimit ?? 20_000;

  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const stats: Omit<ProxyStats, 'faults'> = { connections: 0, requests: 0, duplicateAnswers: 0, upstreamErrors: 0, clientAborts: 0, strayBytes: 0, unparsable: 0, downPeriods: 0 };
  const entries: LogEntry[] = [];
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const later = (ms: number, fn: () => void): void => {
    if (closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };
  const track = (s: Socket): Socket => {
    sockets.add(s);
    s.setTimeout(idleMs, () => s.destroy());
    s.on('close', () => {
      sockets.delete(s);
      clients.delete(s);
    });
    // Errors are expected here (resets are the point); each path decides what an error means.
    s.on('error', () => undefined);
    return s;
  };
  const reset = (s: Socket): void => {
    if (!s.destroyed) s.resetAndDestroy();
  };

  /** Connects to the upstream; resolves null (counted) when it refuses. */
  const connectUpstream = (): Promise<Socket | null> =>
    new Promise((resolve) => {
      const up = track(createConnection({ port: upstream.port, host: upstream.host }));
      up.setNoDelay(true);
      const onError = (): void => {
        stats.upstreamErrors += 1;
        resolve(null);
      };
      up.once('error', onError);
      up.once('connect', () => {
        up.off('error', onError);
        resolve(up);
      });
    });

  /** Collects an upstream socket's whole answer (until its EOF, or `maxMs`); `complete` false on error/timeout. */
  const collect = (up: Socket, maxMs?: number): Promise<{ data: Buffer; complete: boolean }> =>
    new Promise((resolve) => {
      const parts: Buffer[] = [];
      let done = false;
      const finish = (complete: boolean): void => {
        if (done) return;
        done = true;
        const head = responseHeadFixer();
        const data = Buffer.concat([head.push(Buffer.concat(parts)) ?? Buffer.alloc(0), head.flush()]);
        resolve({ data, complete });
      };
      up.on('data', (c: Buffer) => {
        parts.push(c);
        if (maxMs !== undefined && parts.length === 1) later(maxMs, () => finish(false));
      });
      up.once('end', () => finish(true));
      up.once('close', () => finish(false));
    });

  const record = (req: RequestInfo, fault: Fault): LogEntry => {
    faults[fault.kind] += 1;
    const entry: LogEntry = { connection: req.connection, method: req.method, path: req.path, fault };
    entries.push(entry);
    if (entries.length > logLimit) entries.splice(0, entries.length - logLimit);
    return entry;
  };

  const statusOf = (data: Buffer): number | undefined => {
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(data.subarray(0, 32).toString('latin1'));
    return m ? Number(m[1]) : undefined;
  };

  /** Streams the upstream's answer to the client (optionally each chunk after a pause), then ends the client. */
  const relay = (up: Socket, client: Socket, entry: LogEntry, perChunkMs = 0): void => {
    const head = responseHeadFixer();
    let queue: Promise<void> = Promise.resolve();
    const pause = (): Promise<void> => new Promise((r) => later(perChunkMs, r));
    const forward = (c: Buffer): void => {
      if (perChunkMs > 0) queue = queue.then(pause).then(() => void (client.destroyed || client.write(c)));
      else if (!client.destroyed) client.write(c);
    };
    up.on('data', (raw: Buffer) => {
      const c = head.push(raw);
      if (c === null) return;
      entry.upstreamStatus ??= statusOf(c);
      forward(c);
    });
    up.once('end', () => {
      const rest = head.flush();
      if (rest.length > 0) forward(rest);
      void queue.then(() => client.end());
    });
    up.once('close', (hadError) => {
      if (hadError) void queue.then(() => reset(client));
    });
    client.once('close', () => up.destroy());
  };

  const writeAll = (s: Socket, data: Buffer): Promise<void> => new Promise((r) => s.write(data, () => r()));

  const apply = async (client: Socket, req: RequestInfo, bytes: Buffer, bodyStart: number): Promise<void> => {
    let fault: Fault;
    try {
      fault = policy(req);
    } catch (e) {
      reset(client);
      throw e;
    }
    const entry = record(req, fault);
    switch (fault.kind) {
      case 'refuse':
        reset(client);
        return;
      case 'pass':
      case 'corrupt': {
        if (fault.kind === 'corrupt' && bytes.length > bodyStart) {
          const bodyLen = bytes.length - bodyStart;
          const at = bodyStart + ((((fault.at ?? Math.floor(bodyLen / 2)) % bodyLen) + bodyLen) % bodyLen);
          bytes[at] = bytes[at]! ^ 0xff;
        }
        const up = await connectUpstream();
        if (!up) return reset(client);
        relay(up, client, entry);
        up.write(bytes);
        return;
      }
      case 'delay': {
        await new Promise<void>((r) => later(Math.max(0, fault.ms), r));
        if (client.destroyed) return;
        const up = await connectUpstream();
        if (!up) return reset(client);
        const perChunk = fault.perChunkMs ?? 0;
        relay(up, client, entry, perChunk);
        if (perChunk <= 0) {
          up.write(bytes);
          return;
        }
        const size = Math.max(1, fault.chunkBytes ?? 16 * 1024);
        for (let off = 0; off < bytes.length; off += size) {
          if (off > 0) await new Promise<void>((r) => later(perChunk, r));
          if (up.destroyed || closed) return;
          up.write(bytes.subarray(off, off + size));
        }
        return;
      }
      case 'drop': {
        const n = Math.min(Math.max(0, Math.floor(fault.afterBytes)), bytes.length - 1);
        const up = await connectUpstream();
        if (up) {
          if (n > 0) await writeAll(up, bytes.subarray(0, n));
          up.destroy();
        }
        reset(client);
        return;
      }
      case 'cut': {
        const up = await connectUpstream();
        if (!up) return reset(client);
        client.once('close', () => up.destroy());
        const answer = collect(up, cutWaitMs);
        up.write(bytes);
        const { data } = await answer;
        entry.upstreamStatus = statusOf(data);
        const n = Math.min(Math.max(0, Math.floor(fault.afterBytes ?? 0)), Math.max(0, data.length - 1));
        if (n > 0 && !client.destroyed) await writeAll(client, data.subarray(0, n));
        reset(client);
        return;
      }
      case 'duplicate': {
        const a = await connectUpstream();
        if (!a) return reset(client);
        client.once('close', () => a.destroy());
        const answerA = collect(a);
        a.write(bytes);
        const sendCopy = async (): Promise<void> => {
          const b = await connectUpstream();
          if (!b) return;
          const answerB = collect(b);
          b.write(bytes);
          if ((await answerB).complete) stats.duplicateAnswers += 1;
        };
        let copy: Promise<void>;
        if (fault.mode === 'parallel') copy = sendCopy();
        else {
          await answerA;
          copy = sendCopy();
        }
        const [{ data, complete }] = await Promise.all([answerA, copy]);
        entry.upstreamStatus = statusOf(data);
        if (client.destroyed) return;
        if (!complete) return reset(client);
        client.end(data);
        return;
      }
    }
  };

  const onConnection = (client: Socket): void => {
    if (closed) return void client.destroy();
    stats.connections += 1;
    const connection = stats.connections;
    track(client);
    clients.add(client);
    client.setNoDelay(true);
    const parts: Buffer[] = [];
    let received = 0;
    let framed = false;
    let head: ParsedHead | null = null;
    /** Where the request ends, once known without the body (content-length); chunked bodies are rescanned. */
    let knownEnd: number | null = null;
    const fail = (): void => {
      stats.unparsable += 1;
      framed = true;
      reset(client);
    };
    const joined = (): Buffer => {
      if (parts.length > 1) parts.splice(0, parts.length, Buffer.concat(parts));
      return parts[0]!;
    };
    client.on('data', (chunk: Buffer) => {
      if (framed) {
        stats.strayBytes += chunk.length;
        return;
      }
      parts.push(chunk);
      received += chunk.length;
      if (head === null) {
        const parsed = parseHead(joined());
        if (parsed === 'invalid' || (parsed === null && received > MAX_HEAD_BYTES)) return fail();
        if (parsed === null) return;
        head = parsed;
        const cl = head.headers['content-length'];
        if (head.headers['transfer-encoding'] === undefined && cl !== undefined && /^\d+$/.test(cl)) knownEnd = head.headBytes + Number(cl);
      }
      if (knownEnd !== null && received < knownEnd) return;
      const buf = joined();
      const end = knownEnd ?? requestEnd(buf, head);
      if (end === 'invalid') return fail();
      if (end === null) return;
      framed = true;
      if (buf.length > end) stats.strayBytes += buf.length - end;
      stats.requests += 1;
      const newHead = Buffer.from(rewriteHead(head), 'latin1');
      const body = buf.subarray(head.headBytes, end);
      const bytes = Buffer.concat([newHead, body]);
      const info: RequestInfo = { connection, method: head.method, path: head.path, headers: head.headers, bytes: bytes.length, bodyBytes: body.length };
      void apply(client, info, bytes, newHead.length).catch(() => reset(client));
    });
    client.on('close', () => {
      if (!framed) stats.clientAborts += 1;
    });
    client.on('end', () => {
      if (!framed) client.destroy();
    });
  };

  let listener: Server = createServer({ allowHalfOpen: true }, onConnection);
  const listen = (s: Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, HOST, () => {
        s.off('error', reject);
        resolve((s.address() as AddressInfo).port);
      });
    });
  const port = await listen(listener, opts.port ?? 0);
  let down = false;

  return {
    port,
    url: `http://${HOST}:${port}`,
    setPolicy: (p) => {
      policy = p;
    },
    setUpstream: (p, host = HOST) => {
      upstream = { port: p, host };
    },
    setDown: async (d, o = {}) => {
      if (closed) return;
      if (d && o.resetActive) for (const c of [...clients]) reset(c);
      if (d === down) return;
      down = d;
      if (d) {
        stats.downPeriods += 1;
        listener.close();
      } else {
        listener = createServer({ allowHalfOpen: true }, onConnection);
        await listen(listener, port);
      }
    },
    stats: () => ({ ...stats, faults: { ...faults } }),
    log: () => entries.slice(),
    openSockets: () => sockets.size,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const gone = [...sockets].map((s) => new Promise<void>((r) => (s.closed ? r() : s.once('close', () => r()))));
      for (const s of sockets) s.destroy();
      await Promise.all(gone);
      if (!down) await new Promise<void>((r) => listener.close(() => r()));
    },
  };
}

// ---- Framing: just enough HTTP/1.1 to know where one request ends ----

interface ParsedHead {
  method: string;
  path: string;
  /** Header lines as received (without the request line). */
  lines: string[];
  requestLine: string;
  headers: Record<string, string>;
  /** Bytes up to and including the blank line. */
  headBytes: number;
}

function parseHead(buf: Buffer): ParsedHead | 'invalid' | null {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const text = buf.subarray(0, end).toString('latin1');
  const [requestLine = '', ...lines] = text.split('\r\n');
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!m) return 'invalid';
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'invalid';
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { method: m[1]!, path: m[2]!, lines, requestLine, headers, headBytes: end + 4 };
}

/** Offset just past the request's body, null when more bytes are needed. */
function requestEnd(buf: Buffer, head: ParsedHead): number | 'invalid' | null {
  const te = head.headers['transfer-encoding'];
  if (te !== undefined) {
    if (!/(^|,)\s*chunked\s*$/i.test(te)) return 'invalid';
    return chunkedEnd(buf, head.headBytes);
  }
  const cl = head.headers['content-length'];
  if (cl === undefined) return head.headBytes;
  if (!/^\d+$/.test(cl)) return 'invalid';
  const end = head.headBytes + Number(cl);
  return buf.length >= end ? end : null;
}

function chunkedEnd(buf: Buffer, start: number): number | 'invalid' | null {
  let pos = start;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos);
    if (lineEnd < 0) return null;
    const sizeText = buf.subarray(pos, lineEnd).toString('latin1').split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return 'invalid';
    const size = parseInt(sizeText, 16);
    if (size === 0) {
      // Trailers (usually none) end with an empty line.
      const trailersEnd = buf.indexOf('\r\n\r\n', lineEnd);
      if (buf.length >= lineEnd + 4 && buf.subarray(lineEnd, lineEnd + 4).toString('latin1') === '\r\n\r\n') return lineEnd + 4;
      return trailersEnd < 0 ? null : trailersEnd + 4;
    }
    const next = lineEnd + 2 + size + 2;
    if (buf.length < next) return null;
    pos = next;
  }
}

/**
 * Rewrites the first response head the same way as the request's: an upstream may insist on
 * `Connection: keep-alive` (an event stream does), and a client told so would send its next request
 * on a socket the proxy no longer reads. `push` returns the bytes to forward (null: the head is not
 * complete yet); `flush` returns what is held back at the end.
 */
function responseHeadFixer(): { push(chunk: Buffer): Buffer | null; flush(): Buffer } {
  let held: Buffer | null = Buffer.alloc(0);
  return {
    push(chunk) {
      if (held === null) return chunk;
      const buf = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0 && buf.length <= MAX_HEAD_BYTES) {
        held = buf;
        return null;
      }
      held = null;
      if (end < 0) return buf;
      const [statusLine = '', ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
      const kept = lines.filter((l) => !/^(connection|keep-alive)\s*:/i.test(l));
      return Buffer.concat([Buffer.from([statusLine, ...kept, 'Connection: close'].join('\r\n'), 'latin1'), buf.subarray(end)]);
    },
    flush() {
      const rest = held ?? Buffer.alloc(0);
      held = null;
      return rest;
    },
  };
}

/** The head with every connection-management header replaced by `Connection: close`. */
function rewriteHead(head: ParsedHead): string {
  const kept = head.lines.filter((l) => !/^(connection|keep-alive|proxy-connection)\s*:/i.test(l));
  return `${[head.requestLine, ...kept, 'Connection: close'].join('\r\n')}\r\n\r\n`;
}

// ---- Seeded random faults ----

// The seeded PRNG the faults are drawn with (the same one the scenario's commands are made with).
export { prng };

/** A seed from `OW_FAULT_SEED` (to replay a failed run) or a fresh random one. */
export function faultSeed(env: NodeJS.ProcessEnv = process.env): number {
  const s = env.OW_FAULT_SEED;
  if (s !== undefined && /^\d+$/.test(s)) return Number(s) >>> 0;
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

export type FaultMix = Partial<Record<FaultKind, number>>;

export interface RandomPolicyOptions {
  /** Relative weights per kind; kinds left out never happen. */
  mix: FaultMix;
  /** Upper bound of a `delay` fault's wait (and a tenth of it per chunk). Default 50 ms. */
  maxDelayMs?: number;
  /** Requests this returns false for always pass (e.g. the SSE stream, office calls). */
  only?: (req: RequestInfo) => boolean;
}

/**
 * Faults drawn from `mix` with a PRNG seeded by (seed, connection number): the n-th connection gets the
 * same fault in every run with that seed, whatever the timing of the others, so a sequential client
 * replays exactly.
 */
export function randomPolicy(seed: number, o: RandomPolicyOptions): FaultPolicy {
  const kinds = FAULT_KINDS.filter((k) => (o.mix[k] ?? 0) > 0);
  const total = kinds.reduce((s, k) => s + o.mix[k]!, 0);
  if (total <= 0) throw new Error('randomPolicy: the mix has no positive weight');
  const maxDelay = o.maxDelayMs ?? 50;
  return (req) => {
    if (o.only && !o.only(req)) return { kind: 'pass' };
    const r = prng((seed ^ Math.imul(req.connection, 0x9e3779b1)) >>> 0);
    let x = r() * total;
    let kind: FaultKind = kinds[kinds.length - 1]!;
    for (const k of kinds) {
      x -= o.mix[k]!;
      if (x < 0) {
        kind = k;
        break;
      }
    }
    switch (kind) {
      case 'pass':
      case 'refuse':
        return { kind };
      case 'drop':
        return { kind, afterBytes: Math.floor(r() * req.bytes) };
      case 'delay':
        return r() < 0.5 ? { kind, ms: Math.floor(r() * maxDelay) } : { kind, ms: 0, perChunkMs: Math.max(1, Math.floor((r() * maxDelay) / 10)), chunkBytes: 256 + Math.floor(r() * 4096) };
      case 'duplicate':
        return { kind, mode: r() < 0.5 ? 'parallel' : 'after' };
      case 'cut':
        return { kind, afterBytes: r() < 0.5 ? 0 : Math.floor(r() * 400) };
      case 'corrupt':
        return { kind, at: Math.floor(r() * Math.max(1, req.bodyBytes)) };
    }
  };
}
