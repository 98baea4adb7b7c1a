import type { z } from 'zod';
import { API_PREFIX, errorBodySchema, PROTOCOL_HEADER, PROTOCOL_VERSION, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER } from '../../sync/protocol/index.js';
import { kindOf, SyncFailure } from './failure.js';
import type { Timers } from './timers.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CentralApiOptions {
  /** The central service's origin (and path prefix, if any), without a trailing slash. */
  baseUrl: string;
  /** `ow1.<terminalId>.<secret>`; null only for enrollment. */
  credential: string | null;
  fetch: FetchLike;
  timers: Timers;
  /** Longest wait for one JSON request, response body included. */
  timeoutMs: number;
  /** Longest wait for one blob chunk (4 MB on a slow uplink). */
  chunkTimeoutMs: number;
}

export interface BlobState {
  complete: boolean;
  /** Bytes the server holds of an unfinished upload (the blob's size when complete). */
  offset: number;
}

/** A server URL as stored: parsed, http(s) only, no trailing slash, no query or fragment. */
export function normalizeServerUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`the central service URL must be http or https, not ${url.protocol}`);
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/**
 * The terminal API of the central service (sync/README.md) over fetch: every call carries the
 * protocol version and the credential, is bounded in time, and fails as a SyncFailure saying whether
 * to retry. Responses are parsed with the protocol's schemas; nothing unparsed reaches the store.
 */
export class CentralApi {
  constructor(private readonly opts: CentralApiOptions) {}

  postJson<S extends z.ZodType>(path: string, body: unknown, schema: S, signal: AbortSignal): Promise<z.output<S>> {
    return this.json(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, schema, signal);
  }

  getJson<S extends z.ZodType>(path: string, schema: S, signal: AbortSignal): Promise<z.output<S>> {
    return this.json(path, { method: 'GET' }, schema, signal);
  }

  private async json<S extends z.ZodType>(path: string, init: RequestInit, schema: S, signal: AbortSignal): Promise<z.output<S>> {
    const { res, text } = await this.request(path, init, signal, this.opts.timeoutMs, true);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SyncFailure('bad_response', `${path} answered ${res.status} with a body that is not JSON`, 'retry', res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncFailure('bad_response', `${path} answered ${res.status} with a body of the wrong shape: ${parsed.error.issues[0]?.message ?? ''}`, 'retry', res.status);
    }
    return parsed.data;
  }

  /** HEAD: complete (200), or how much of an unfinished upload the server holds (404 + upload-offset). */
  async headBlob(sha256: string, signal: AbortSignal): Promise<BlobState> {
    const { res } = await this.request(`/blobs/${sha256}`, { method: 'HEAD' }, signal, this.opts.timeoutMs, false);
    if (res.status === 200) return { complete: true, offset: Number(res.headers.get(UPLOAD_LENGTH_HEADER) ?? 0) };
    if (res.status === 404) return { complete: false, offset: byteHeader(res.headers.get(UPLOAD_OFFSET_HEADER)) ?? 0 };
    throw failureOf(res, '', `HEAD /blobs/${sha256}`);
  }

  /** PUT one chunk at `offset` of a blob of `length` bytes. */
  async putChunk(sha256: string, offset: number, length: number, chunk: Uint8Array, signal: AbortSignal): Promise<BlobState> {
    const headers = { 'content-type': 'application/octet-stream', [UPLOAD_OFFSET_HEADER]: String(offset), [UPLOAD_LENGTH_HEADER]: String(length) };
    // The chunk is a view of a Buffer read from disk: backed by a plain ArrayBuffer (never a shared one),
    // which is what fetch's body type asks for; no copy needed.
    const body = chunk as Uint8Array<ArrayBuffer>;
    const { res } = await this.request(`/blobs/${sha256}`, { method: 'PUT', headers, body }, signal, this.opts.chunkTimeoutMs, true);
    if (res.status === 200 || res.status === 201) return { complete: true, offset: length };
    // 204: the chunk is stored; the server says where the next one starts.
    return { complete: false, offset: byteHeader(res.headers.get(UPLOAD_OFFSET_HEADER)) ?? offset + chunk.byteLength };
  }

  /** Opens the event stream; the caller reads (and ends, through `signal`) the body. */
  async openEvents(signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const { res } = await this.request('/events', { method: 'GET', headers: { accept: 'text/event-stream' } }, signal, this.opts.timeoutMs, false, true);
    if (!res.body) throw new SyncFailure('bad_response', 'the event stream has no body', 'retry', res.status);
    return res.body;
  }

  /**
   * One request. `readBody`: the body is read within the same time bound (JSON calls); `stream`: the
   * time bound covers only the headers (the event stream stays open). Non-2xx answers throw, except
   * HEAD's 404, which is an answer about the blob.
   */
  private async request(path: string, init: RequestInit, outer: AbortSignal, timeoutMs: number, readBody: boolean, stream = false): Promise<{ res: Response; text: string }> {
    const timeout = new AbortController();
    const handle = this.opts.timers.setTimeout(() => timeout.abort(new SyncFailure('timeout', `${init.method ?? 'GET'} ${path}: no answer within ${timeoutMs} ms`, 'retry')), timeoutMs);
    const signal = AbortSignal.any([outer, timeout.signal]);
    const headers = new Headers(init.headers);
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    if (this.opts.credential) headers.set('authorization', `Bearer ${this.opts.credential}`);
    try {
      const res = await this.opts.fetch(`${this.opts.baseUrl}${API_PREFIX}${path}`, { ...init, headers, signal });
      if (stream && res.ok) return { res, text: '' };
      const text = readBody || !res.ok ? await res.text() : '';
      if (!res.ok && !(init.method === 'HEAD' && res.status === 404)) throw failureOf(res, text, `${init.method ?? 'GET'} ${path}`);
      return { res, text };
    } catch (err) {
      if (outer.aborted) throw outer.reason as Error;
      if (timeout.signal.aborted) throw timeout.signal.reason as Error;
      if (err instanceof SyncFailure) throw err;
      throw new SyncFailure('network', `${init.method ?? 'GET'} ${path}: ${describeNetworkError(err)}`, 'retry');
    } finally {
      // The event stream's time bound ends with its headers: the listener watches it for silence.
      this.opts.timers.clearTimeout(handle);
    }
  }
}

function byteHeader(value: string | null): number | null {
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** A non-2xx answer as a SyncFailure: the server's code when it sent the protocol's error body. */
function failureOf(res: Response, text: string, what: string): SyncFailure {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: a proxy's or a wrong server's page; the status decides.
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, ...details } = parsed.data.error;
    return new SyncFailure(code, `${what}: ${message}`, kindOf(res.status, code), res.status, details);
  }
  return new SyncFailure(`http_${res.status}`, `${what}: HTTP ${res.status} ${res.statusText}`, kindOf(res.status, null), res.status);
}

/** fetch's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ECONNRESET, ENOTFOUND …). */
function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return `${cause.code}${typeof cause.message === 'string' ? ` (${cause.message})` : ''}`;
  return err instanceof Error ? err.message : String(err);
}
