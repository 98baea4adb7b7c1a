import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db/types.js';
import { OFFICE_SCRIPT } from './office-page.js';
import { BACKENDS } from './testing/backends.js';
import { systemClock } from '../../core/ports.js';
import { createOfficeToken, listOfficeTokens, officeTokenId, revokeOfficeToken } from './office-auth.js';
import { call, command, enrollTerminal, publishSample, startCentral, startCentralWithoutToken, type TestCentral, type TestTerminal } from './testing/harness.js';
import { intakeArgs, RESIDENCE_REGISTRATION, sampleCatalog } from './testing/intake-commands.js';

const DAY = '2026-11-26';
const catalog = sampleCatalog();

describe.each(BACKENDS)('back office on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db);
    await publishSample(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  const office = <T = Record<string, unknown>>(method: string, path: string, json?: unknown) => call<T>(c.url, method, path, { token: c.officeToken, ...(json === undefined ? {} : { json }) });
  const move = (caseNo: string, json: unknown) => office(`POST`, `/office/cases/${caseNo}/status`, json);
  const acceptOne = async (t: TestTerminal, seq: number) => {
    const args = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: seq });
    expect((await t.push([command(seq, 'acceptCase', args)])).body.results[0]?.status).toBe('applied');
    return args.caseNo as string;
  };

  it('moves a case along the one order, refusing skips, going back and missing decisions; the terminal pulls each step', async () => {
    const t = await enrollTerminal(c);
    const caseNo = await acceptOne(t, 1);
    const refusals: [unknown, string][] = [
      [{ status: 'decided', decision: 'approved' }, 'status_transition'], // skips in_review
      [{ status: 'received' }, 'status_transition'],
      [{ status: 'delivered' }, 'status_transition'],
    ];
    for (const [body, reason] of refusals) {
      const r = await move(caseNo, body);
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ error: { code: 'invalid_request', reason, from: 'received' } });
    }
    expect((await move(caseNo, { status: 'in_review', decision: 'approved' })).body).toMatchObject({ error: { reason: 'decision_not_here' } });
    expect((await move(caseNo, { status: 'in_review', note: '材料齐全' })).status).toBe(200);
    expect((await move(caseNo, { status: 'decided' })).body).toMatchObject({ error: { reason: 'decision_required' } });
    expect((await move(caseNo, { status: 'decided', decision: 'maybe' })).body).toMatchObject({ error: { code: 'invalid_request' } });

    const pdf = Buffer.from(`%PDF result of ${caseNo}`);
    const hash = createHash('sha256').update(pdf).digest('hex');
    const doc = { name: '居住证.pdf', sha256: hash };
    expect((await move(caseNo, { status: 'decided', decision: 'approved', resultDocument: doc })).body).toMatchObject({ error: { reason: 'result_document_missing' } });
    const up = await call(c.url, 'PUT', `/office/blobs/${hash}`, { token: c.officeToken, body: pdf, headers: { 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(pdf.length) } });
    expect(up.status).toBe(201);
    const decided = await move(caseNo, { status: 'decided', decision: 'approved', resultDocument: doc });
    expect(decided.body).toMatchObject({ caseNo, status: 'decided', decision: 'approved', resultDocument: doc, by: 'test office' });
    expect((await move(caseNo, { status: 'ready_for_delivery' })).status).toBe(200);
    expect((await move(caseNo, { status: 'delivered' })).body).toMatchObject({ status: 'delivered', decision: 'approved', resultDocument: doc });
    expect((await move(caseNo, { status: 'delivered' })).body).toMatchObject({ error: { reason: 'status_transition', allowed: null } });

    const pulled = (await t.pull(0)).body.changes.filter((ch) => ch.key === caseNo);
    expect(pulled).toEqual([expect.objectContaining({ kind: 'case_status', data: expect.objectContaining({ status: 'delivered', decision: 'approved', resultDocument: doc }) })]);
    const history = await db.query<{ status: string }>('SELECT status FROM case_events WHERE case_no = $1 ORDER BY id', [caseNo]);
    expect(history.map((h) => h.status)).toEqual(['in_review', 'decided', 'ready_for_delivery', 'delivered']);
    // The terminal can fetch the result document.
    const got = await fetch(`${c.url}/v1/blobs/${hash}`, { headers: { 'x-ow-protocol': '1', authorization: `Bearer ${t.credential}` } });
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('refuses steps for unknown cases and for cases outside the workflow', async () => {
    const t = await enrollTerminal(c);
    expect((await move('NOPE-20261126-0001', { status: 'in_review' })).status).toBe(404);
    const args = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 1, itemCodes: [RESIDENCE_REGISTRATION], outcome: 'completed' });
    await t.push([command(1, 'completeCase', args)]);
    expect((await move(args.caseNo as string, { status: 'in_review' })).body).toMatchObject({ error: { reason: 'not_in_workflow' } });
    expect((await move(args.caseNo as string, { status: 'in_review', extra: 1 })).body).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('lists cases by window and status, newest first', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const a1 = await acceptOne(a, 1);
    const a2 = await acceptOne(a, 2);
    await acceptOne(b, 1);
    await move(a1, { status: 'in_review' });
    const list = async (q: string) => (await office<{ cases: { caseNo: string; status: string; applicantName: string; itemCodes: string[] }[] }>('GET', `/office/cases?${q}`)).body.cases;
    expect((await list(`terminalCode=${a.terminalCode}`)).map((x) => x.caseNo)).toEqual([a2, a1]);
    expect((await list(`terminalCode=${a.terminalCode.toLowerCase()}&status=in_review`)).map((x) => x.caseNo)).toEqual([a1]);
    const [first] = await list(`terminalCode=${a.terminalCode}&limit=1`);
    expect(first).toMatchObject({ caseNo: a2, status: 'received', itemCodes: ['310101-SH-JM-004'] });
    expect(first?.applicantName).toMatch(/\S/);
    expect((await office('GET', '/office/cases?status=lost')).body).toMatchObject({ error: { code: 'invalid_request' } });
    const terminals = (await office<{ terminals: { terminalCode: string; lastSeq: number }[] }>('GET', '/office/terminals')).body.terminals;
    expect(terminals.find((x) => x.terminalCode === a.terminalCode)?.lastSeq).toBe(2);
  });

  it('publishes a valid catalog for every terminal, and refuses an invalid one with every error', async () => {
    const t = await enrollTerminal(c);
    const next = { ...catalog, catalogVersion: '2026.2-test' };
    const r = await office<{ catalogVersion: string; seq: number }>('POST', '/office/catalog', next);
    expect(r.status).toBe(200);
    expect(r.body.catalogVersion).toBe('2026.2-test');
    const pulled = (await t.pull(0)).body.changes.filter((ch) => ch.kind === 'catalog');
    expect(pulled).toEqual([{ seq: r.body.seq, kind: 'catalog', key: 'current', data: next }]);
    const broken = { ...catalog, items: [{ ...catalog.items[0], code: 'bad code' }, ...catalog.items.slice(1)], extra: true };
    const refused = await office<{ error: { code: string; issues: unknown[] } }>('POST', '/office/catalog', broken);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_request');
    expect(refused.body.error.issues.length).toBeGreaterThanOrEqual(2);
    expect((await t.pull(r.body.seq)).body.changes.filter((ch) => ch.kind === 'catalog')).toEqual([]);
  });

  it('serves the back-office page, and keeps the API behind the token', async () => {
    const page = await fetch(`${c.url}/office`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await page.text();
    expect(html).toContain('一窗通 后台');
    expect(html).toContain('/office/cases/');
    expect(html).not.toMatch(/innerHTML/);
    expect(() => new Function(OFFICE_SCRIPT)).not.toThrow(); // the inline script at least parses
    expect(html).toContain(`<script>${OFFICE_SCRIPT}</script>`);
    for (const [method, path] of [['GET', '/office/cases'], ['POST', '/office/catalog'], ['POST', '/office/enrollments'], ['GET', '/office/terminals']] as const) {
      expect((await call(c.url, method, path, { token: 'owo.wrong', ...(method === 'POST' ? { json: {} } : {}) })).status).toBe(403);
    }
  });

  it('accepts the token the service was started with (OW_OFFICE_TOKEN) besides the stored ones, until it is revoked', async () => {
    const fromEnv = 'owo.from-env-9f3Kq7ZtW2xVb8LmN4pR6sYd';
    const second = await startCentral(db, { officeToken: fromEnv });
    try {
      expect((await call(second.url, 'GET', '/office/terminals', { token: fromEnv })).status).toBe(200);
      expect((await call(second.url, 'GET', '/office/terminals', { token: `${fromEnv}x` })).status).toBe(403);
      expect((await call(second.url, 'GET', '/office/terminals', { token: c.officeToken })).status).toBe(200);
      await revokeOfficeToken(db, systemClock, { token: fromEnv });
      // Still set in the environment, refused all the same.
      expect((await call(second.url, 'GET', '/office/terminals', { token: fromEnv })).body).toMatchObject({ error: { code: 'unauthenticated', message: expect.stringMatching(/revoked/) } });
    } finally {
      await second.stop();
    }
  });

  it('refuses to start with a short or repetitive OW_OFFICE_TOKEN, saying what it needs', async () => {
    for (const weak of ['a', 'owo.from-the-environment', 'a'.repeat(64), 'abababababababababababababababab']) {
      await expect(startCentralWithoutToken(db, { officeToken: weak })).rejects.toThrow(/OW_OFFICE_TOKEN is too weak: .*at least/);
    }
  });

  it('refuses a stored token once it has expired or was revoked (401: ask for a new one)', async () => {
    let now = Date.parse('2026-11-26T01:00:00.000Z');
    const clock = { nowIso: () => new Date(now).toISOString() };
    const timed = await startCentral(db, { clock });
    try {
      const short = await createOfficeToken(db, clock, 'a week', 7);
      expect((await call(timed.url, 'GET', '/office/terminals', { token: short })).status).toBe(200);
      now += 7 * 86_400_000;
      expect((await call(timed.url, 'GET', '/office/terminals', { token: short })).body).toMatchObject({ error: { code: 'unauthenticated', message: expect.stringMatching(/expired/) } });

      const revoked = await createOfficeToken(db, clock, 'to revoke');
      expect((await call(timed.url, 'GET', '/office/terminals', { token: revoked })).status).toBe(200);
      const r = await revokeOfficeToken(db, clock, { id: officeTokenId(revoked) });
      expect(r).toEqual({ id: officeTokenId(revoked), revokedAt: clock.nowIso() });
      expect((await call(timed.url, 'GET', '/office/terminals', { token: revoked })).body).toMatchObject({ error: { code: 'unauthenticated', message: expect.stringMatching(/revoked/) } });
      expect((await listOfficeTokens(db)).find((t) => t.id === officeTokenId(revoked))).toMatchObject({ label: 'to revoke', revokedAt: clock.nowIso() });
      await expect(createOfficeToken(db, clock, 'forever', 100_000)).rejects.toThrow(/valid-days/);
    } finally {
      await timed.stop();
    }
  });
});
