import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../core/ports.js';
import type { EnrollResponse } from '../protocol/index.js';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { call, enrollTerminal, openEvents, publicKey, startCentral, uniqueTerminalCode, type TestCentral } from './testing/harness.js';

/** The server's clock, movable: enrollment codes expire. */
function movableClock(): Clock & { advanceDays(n: number): void } {
  let offset = 0;
  return { nowIso: () => new Date(Date.now() + offset).toISOString(), advanceDays: (n) => void (offset += n * 86_400_000) };
}

describe.each(BACKENDS)('enrollment, credentials and revocation on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  const clock = movableClock();
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db, { clock, heartbeatMs: 100 });
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  const newCode = async (terminalCode: string, extra: Record<string, unknown> = {}) => {
    const r = await call<{ code: string; terminalCode: string; expiresAt: string }>(c.url, 'POST', '/office/enrollments', { token: c.officeToken, json: { terminalCode, windowNo: '3', ...extra } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const redeem = (code: string, key = publicKey()) => call<EnrollResponse>(c.url, 'POST', '/v1/enroll', { json: { code, publicKey: key, label: 'PC-07' } });

  it('redeems a code once, keeps only hashes, and publishes the terminal key', async () => {
    const terminalCode = uniqueTerminalCode();
    const { code, expiresAt } = await newCode(terminalCode.toLowerCase(), { hall: '市民中心', district: '黄浦区' });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const key = publicKey();
    // Typed by a person: case and dashes do not matter.
    const r = await redeem(code.toLowerCase().replaceAll('-', ' '), key);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ terminalCode, windowNo: '3', hall: '市民中心', district: '黄浦区' });
    expect(r.body.credential).toMatch(new RegExp(`^ow1\\.${r.body.terminalId}\\.[A-Za-z0-9_-]{43}$`));
    const again = await redeem(code);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: 'enrollment_invalid' } });

    const secret = r.body.credential.split('.')[2]!;
    const stored = JSON.stringify(await db.query('SELECT * FROM terminals WHERE id = $1', [r.body.terminalId]));
    expect(stored).not.toContain(secret);
    expect(JSON.stringify(await db.query('SELECT * FROM enrollment_codes'))).not.toContain(code);

    const pulled = await call<{ changes: { kind: string; key: string; data: unknown }[] }>(c.url, 'POST', '/v1/pull', { token: r.body.credential, json: { checkpoint: 0 } });
    expect(pulled.body.changes).toContainEqual(expect.objectContaining({ kind: 'terminal_key', key: terminalCode, data: { terminalCode, publicKey: key, revokedAt: null } }));
  });

  it('refuses unknown and expired codes, malformed terminal codes, and a second live terminal for one code', async () => {
    expect((await redeem('AAAA-BBBB-CCCC-DDDD')).body).toMatchObject({ error: { code: 'enrollment_invalid' } });
    const { code } = await newCode(uniqueTerminalCode());
    clock.advanceDays(8);
    try {
      expect((await redeem(code)).body).toMatchObject({ error: { code: 'enrollment_invalid' } });
    } finally {
      clock.advanceDays(-8);
    }
    const bad = await call(c.url, 'POST', '/office/enrollments', { token: c.officeToken, json: { terminalCode: '310101-01' } });
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request' } });
    const t = await enrollTerminal(c);
    const held = await call(c.url, 'POST', '/office/enrollments', { token: c.officeToken, json: { terminalCode: t.terminalCode } });
    expect(held.body).toMatchObject({ error: { code: 'invalid_request', terminalId: t.terminalId } });
    expect((await redeem('x')).body).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await call(c.url, 'POST', '/v1/enroll', { json: { code: 'AAAA-BBBB', publicKey: 'zz' } })).body).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('authenticates every terminal route', async () => {
    const t = await enrollTerminal(c);
    const routes: [string, string, unknown][] = [
      ['POST', '/v1/push', { terminalId: t.terminalId, commands: [] }],
      ['POST', '/v1/pull', { checkpoint: 0 }],
      ['GET', '/v1/events', undefined],
      ['HEAD', `/v1/blobs/${'a'.repeat(64)}`, undefined],
      ['GET', `/v1/blobs/${'a'.repeat(64)}`, undefined],
    ];
    const [, , secret] = t.credential.split('.');
    const forged = `ow1.${t.terminalId}.${secret!.slice(0, -2)}AA`;
    for (const [method, path, json] of routes) {
      for (const token of [undefined, forged, 'ow1.garbage', c.officeToken]) {
        const r = await call(c.url, method, path, { token, ...(json === undefined ? {} : { json }) });
        expect(r.status, `${method} ${path} with ${token}`).toBe(401);
        if (method !== 'HEAD') expect(r.body).toMatchObject({ error: { code: 'unauthenticated' } });
      }
    }
    // The office API takes no terminal credential.
    const asTerminal = await call(c.url, 'GET', '/office/cases', { token: t.credential });
    expect(asTerminal.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await call(c.url, 'GET', '/office/cases')).body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('refuses a revoked terminal everywhere, ends its event stream, and tells every window', async () => {
    const t = await enrollTerminal(c);
    const witness = await enrollTerminal(c);
    const events = await openEvents(c.url, t.credential);
    await events.next((f) => f.startsWith('event: poke'));
    const r = await call<{ revokedAt: string }>(c.url, 'POST', `/office/terminals/${t.terminalId}/revoke`, { token: c.officeToken, json: {} });
    expect(r.status).toBe(200);
    await expect(events.next(() => false, 3000)).rejects.toThrow(/ended/);
    for (const [method, path, json] of [['POST', '/v1/push', { terminalId: t.terminalId, commands: [{ seq: 1, name: 'acceptCase', args: {}, createdAt: '' }] }], ['POST', '/v1/pull', { checkpoint: 0 }], ['GET', '/v1/events', undefined]] as const) {
      const refused = await call(c.url, method, path, { token: t.credential, ...(json === undefined ? {} : { json }) });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'terminal_revoked' } });
    }
    const keys = (await witness.pull(0)).body.changes.filter((ch) => ch.kind === 'terminal_key' && ch.key === t.terminalCode);
    expect(keys).toEqual([expect.objectContaining({ data: expect.objectContaining({ revokedAt: r.body.revokedAt }) })]);
    // Revoking twice changes nothing; the window's code can be enrolled again on a new machine.
    expect((await call<{ revokedAt: string }>(c.url, 'POST', `/office/terminals/${t.terminalId}/revoke`, { token: c.officeToken, json: {} })).body.revokedAt).toBe(r.body.revokedAt);
    const replacement = await enrollTerminal(c, t.terminalCode);
    expect(replacement.terminalId).not.toBe(t.terminalId);
    expect((await call(c.url, 'POST', '/office/terminals/00000000-0000-0000-0000-000000000000/revoke', { token: c.officeToken, json: {} })).status).toBe(404);
  });

  it('answers a peer of another protocol version 426 upgrade_required with its own, before anything else', async () => {
    const t = await enrollTerminal(c);
    for (const protocol of [null, '2', '0', 'abc']) {
      for (const [method, path] of [['POST', '/v1/push'], ['POST', '/v1/enroll'], ['POST', '/v1/pull'], ['GET', '/v1/events'], ['PUT', `/v1/blobs/${'b'.repeat(64)}`]] as const) {
        const r = await call(c.url, method, path, { protocol, token: t.credential, ...(method === 'GET' ? {} : { json: {} }) });
        expect(r.status, `${method} ${path} ${protocol}`).toBe(426);
        expect(r.body).toMatchObject({ error: { code: 'upgrade_required', serverVersion: 1 } });
      }
    }
  });
});
