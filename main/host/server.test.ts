import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../../tests/support/app.js';
import { tempDir } from '../../tests/support/temp.js';
import { startHost } from './server.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function host(): Promise<string> {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>stub</title>');
  const { app, url } = await startHost({ ctx: testApp(), rendererDir, port: 0 });
  stops.push(() => app.close());
  return url;
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

  it('streams events over server-sent events', async () => {
    const url = await host();
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 5000);
    const res = await fetch(`${url}api/events`, { signal: ctrl.signal });
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
