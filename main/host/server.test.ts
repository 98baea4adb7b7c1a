import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../handlers/context.js';
import { testApp } from '../../tests/support/app.js';
import { CLERK, signedInTerminal, SUPERVISOR } from '../../tests/support/intake.js';
import { tempDir } from '../../tests/support/temp.js';
import { startHost } from './server.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function host(ctx: HandlerContext = testApp()): Promise<string> {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>stub</title>');
  const { app, url } = await startHost({ ctx, rendererDir, port: 0 });
  stops.push(() => app.close());
  return url;
}

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch would not let a test set Host), answered in full. */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const hostOf = (url: string): string => new URL(url).host;
const json = (url: string, extra: Record<string, string> = {}): Record<string, string> => ({ host: hostOf(url), 'content-type': 'application/json', ...extra });

/** Signs in over the host door as a browser would; returns the cookie header to send back. */
async function signIn(url: string, who: { login: string; password: string }): Promise<string> {
  const r = await raw(url, 'POST', '/api/auth.signIn', json(url), JSON.stringify({ login: who.login, password: who.password }));
  expect(r.status).toBe(200);
  const set = [r.headers['set-cookie'] ?? []].flat();
  expect(set).toHaveLength(1);
  return set[0]!.split(';')[0]!;
}

/** Opens /api/events and collects what arrives, until `until` is seen or the server ends it. */
async function events(url: string, cookie: string): Promise<{ status: number; text: () => string; ended: Promise<void>; close: () => void }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let text = '';
    let ended: () => void = () => undefined;
    const endedP = new Promise<void>((r) => (ended = r));
    const req = request({ host: hostname, port, method: 'GET', path: '/api/events', headers: { host: hostOf(url), cookie } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', ended);
      res.on('close', ended);
      resolve({ status: res.statusCode ?? 0, text: () => text, ended: endedP, close: () => req.destroy() });
    });
    req.on('error', (err) => (text ? ended() : reject(err)));
    req.end();
  });
}

const post = (url: string, name: string, body: string): Promise<Response> =>
  fetch(`${url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(5000) });

describe('host door', () => {
  it('binds to 127.0.0.1 by default and serves the renderer with a strict CSP', async () => {
    const url = await host();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('stub');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers POST /api/<handler> with the Result shape and a fitting status', async () => {
    const url = await host();
    const info = await post(url, 'app.info', '{}');
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true, value: { terminalCode: 'T3101010001', door: 'host' } });

    const unknown = await post(url, 'no.such', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });

    const bad = await post(url, 'settings.setLanguage', '{"language":42}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'language' } });
  });

  it('answers malformed JSON with invalid_input, not a crash', async () => {
    const url = await host();
    const res = await post(url, 'app.info', '{"oops":');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // The host is still up.
    expect((await post(url, 'app.info', '{}')).status).toBe(200);
  });

  it('streams events over server-sent events to the browser that signed in', async () => {
    const url = await host((await signedInTerminal()).ctx);
    const cookie = await signIn(url, CLERK);
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 5000);
    const res = await fetch(`${url}api/events`, { signal: ctrl.signal, headers: { cookie } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    await reader.read(); // the ": connected" comment: the subscription is live
    await post(url, 'settings.setLanguage', '{"language":"en"}');
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event:'))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain('event: settings.changed\ndata: {"key":"language"}');
    clearTimeout(timer);
    ctrl.abort();
  });

  it('refuses to start without a built renderer, saying what to run', async () => {
    await expect(startHost({ ctx: testApp(), rendererDir: join(tempDir(), 'missing'), port: 0 })).rejects.toThrow(/npm run build/);
  });
});

describe('host door: only this machine’s own pages, only the browser that signed in', () => {
  it('refuses a request that names another host (DNS rebinding): no page, no API, no events', async () => {
    const url = await host((await signedInTerminal()).ctx);
    const { port } = new URL(url);
    const rebound = `rebind.attacker.example:${port}`;
    for (const [method, path, body] of [['GET', '/', undefined], ['POST', '/api/cases.list', '{}'], ['POST', '/api/app.info', '{}'], ['GET', '/api/events', undefined]] as const) {
      const r = await raw(url, method, path, { host: rebound, ...(body ? { 'content-type': 'application/json' } : {}) }, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'host_not_allowed' } });
      expect(r.body).not.toContain('11010519491231002X');
    }
    // A loopback name with another port, or without one, is not this server either.
    for (const other of [`127.0.0.1:${Number(port) + 1}`, '127.0.0.1', 'localhost.']) expect((await raw(url, 'GET', '/', { host: other })).status).toBe(403);
    // Its own names are served.
    for (const own of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) expect((await raw(url, 'GET', '/', { host: own })).status, own).toBe(200);
  });

  it('accepts the name --bind gives besides the loopback ones', async () => {
    const rendererDir = join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), 'stub');
    const { app, url } = await startHost({ ctx: testApp(), rendererDir, port: 0, host: '127.0.0.2' });
    stops.push(() => app.close());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    expect((await raw(url, 'GET', '/', { host: hostOf(url) })).status).toBe(200);
    expect((await raw(url, 'GET', '/', { host: `evil.example:${new URL(url).port}` })).status).toBe(403);
  });

  it('refuses cross-origin calls (Origin, Sec-Fetch-Site), including another port of 127.0.0.1', async () => {
    const url = await host();
    const { port } = new URL(url);
    const refused: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1:${Number(port) + 1}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' },
    ];
    for (const extra of refused) {
      const r = await raw(url, 'POST', '/api/app.info', json(url, extra), '{}');
      expect(r.status, JSON.stringify(extra)).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'forbidden', reason: 'cross_origin' } });
    }
    expect((await raw(url, 'POST', '/api/app.info', json(url, { origin: `http://${hostOf(url)}`, 'sec-fetch-site': 'same-origin' }), '{}')).status).toBe(200);
    expect((await raw(url, 'POST', '/api/app.info', json(url), '{}')).status).toBe(200);
    // A page from elsewhere may still be navigated to (a link to the app); only the API is the app's own.
    expect((await raw(url, 'GET', '/', { host: hostOf(url), 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });

  it('takes only application/json: a body-less or text/plain POST runs no handler (415)', async () => {
    const { ctx } = await signedInTerminal();
    const url = await host(ctx);
    const cookie = await signIn(url, CLERK);
    for (const name of ['auth.lock', 'auth.signOut', 'sync.now', 'auth.activity']) {
      for (const [headers, body] of [[{}, undefined], [{ 'content-type': 'text/plain' }, '{}'], [{ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'], [{ 'content-type': 'multipart/form-data; boundary=x' }, '--x--']] as const) {
        const r = await raw(url, 'POST', `/api/${name}`, { host: hostOf(url), cookie, ...headers }, body);
        expect(r.status, `${name} ${JSON.stringify(headers)}`).toBe(415);
        expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'content_type_unsupported' } });
      }
    }
    expect(ctx.session.staff?.login).toBe(CLERK.login);
    expect(ctx.session.locked).toBe(false);
    expect((await raw(url, 'POST', '/api/auth.lock', json(url, { 'content-type': 'application/json; charset=utf-8', cookie }), '{}')).status).toBe(200);
    expect(ctx.session.locked).toBe(true);
  });

  it('binds the session to the browser that signed in: an HttpOnly SameSite=Strict cookie, needed for every staff call and the events', async () => {
    const { ctx } = await signedInTerminal();
    const url = await host(ctx);
    const r = await raw(url, 'POST', '/api/auth.signIn', json(url), JSON.stringify({ login: CLERK.login, password: CLERK.password }));
    const [setCookie] = [r.headers['set-cookie'] ?? []].flat();
    expect(setCookie).toMatch(new RegExp(`^ow_session_${new URL(url).port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    const mine = setCookie!.split(';')[0]!;

    // Another caller on the machine, without the cookie (or with a made-up one): nobody is signed in, to it.
    for (const cookie of [undefined, `ow_session_${new URL(url).port}=${'A'.repeat(43)}`]) {
      const h = json(url, cookie ? { cookie } : {});
      const list = await raw(url, 'POST', '/api/cases.list', h, '{}');
      expect(list.status).toBe(401);
      expect(JSON.parse(list.body)).toMatchObject({ error: { code: 'unauthenticated' } });
      expect(JSON.parse((await raw(url, 'POST', '/api/auth.session', h, '{}')).body)).toMatchObject({ ok: true, value: { staff: null, locked: false } });
      expect(JSON.parse((await raw(url, 'POST', '/api/auth.lock', h, '{}')).body)).toEqual({ ok: true, value: { locked: false } });
      expect(JSON.parse((await raw(url, 'POST', '/api/auth.signOut', h, '{}')).body)).toEqual({ ok: true, value: { signedOut: false } });
      expect(JSON.parse((await raw(url, 'POST', '/api/auth.unlock', h, JSON.stringify({ password: CLERK.password }))).body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect((await events(url, cookie ?? '')).status).toBe(401);
    }
    expect(ctx.session.staff?.login).toBe(CLERK.login);
    expect(ctx.session.locked).toBe(false);

    // The browser that signed in.
    expect((await raw(url, 'POST', '/api/cases.list', json(url, { cookie: mine }), '{}')).status).toBe(200);
    expect(JSON.parse((await raw(url, 'POST', '/api/auth.session', json(url, { cookie: mine }), '{}')).body)).toMatchObject({ value: { staff: { login: CLERK.login } } });
    const stream = await events(url, mine);
    expect(stream.status).toBe(200);

    // Someone signs in from another browser: the first one's stream ends with the event that says so, and its cookie no longer works.
    const theirs = await signIn(url, SUPERVISOR);
    await stream.ended;
    expect(stream.text()).toContain('event: auth.changed');
    expect((await raw(url, 'POST', '/api/cases.list', json(url, { cookie: mine }), '{}')).status).toBe(401);
    expect((await raw(url, 'POST', '/api/cases.list', json(url, { cookie: theirs }), '{}')).status).toBe(200);

    // Signing out clears the cookie.
    const out = await raw(url, 'POST', '/api/auth.signOut', json(url, { cookie: theirs }), '{}');
    expect(JSON.parse(out.body)).toEqual({ ok: true, value: { signedOut: true } });
    expect([out.headers['set-cookie'] ?? []].flat()[0]).toMatch(/^ow_session_\d+=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
    expect((await raw(url, 'POST', '/api/cases.list', json(url, { cookie: theirs }), '{}')).status).toBe(401);
  });

  it('limits bodies per handler: 1 MiB by default, a file import may carry its 64 MB file', async () => {
    const url = await host();
    const big = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) });
    const r = await raw(url, 'POST', '/api/app.info', json(url), big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'body_too_large' } });
    expect((await raw(url, 'POST', '/api/no.such.handler', json(url), big)).status).toBe(413);
    // scans.import reads it (and refuses it for what it is: nobody signed in), not for its size.
    const file = JSON.stringify({ intakeId: '00000000-0000-4000-8000-000000000000', source: 'file', fileName: 'a.jpg', dataBase64: 'A'.repeat(3 * 1024 * 1024) });
    const imported = await raw(url, 'POST', '/api/scans.import', json(url), file);
    expect(imported.status).toBe(401);
    // 100 MB of text/plain is turned away before it is read.
    const hundred = Buffer.alloc(100 * 1024 * 1024, 0x20);
    expect((await raw(url, 'POST', '/api/scans.import', { host: hostOf(url), 'content-type': 'text/plain' }, hundred)).status).toBe(415);
  });
});
