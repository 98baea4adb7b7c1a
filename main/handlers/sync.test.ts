import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../core/api/contract.js';
import { buildServer } from '../../sync/server/app.js';
import type { Db } from '../../sync/server/db/types.js';
import { createOfficeToken } from '../../sync/server/office-auth.js';
import { BACKENDS } from '../../sync/server/testing/backends.js';
import { call } from '../../sync/server/testing/harness.js';
import { sampleCatalog } from '../../sync/server/testing/intake-commands.js';
import { SEALED_PREFIX, type CredentialSealer, type SyncClient } from '../sync/index.js';
import { testApp } from '../../tests/support/app.js';
import { steppingClock } from '../../tests/support/clock.js';
import { ADMIN, acceptInput, CLERK, SUPERVISOR, signedInTerminal, type SignedIn } from '../../tests/support/intake.js';
import { createAppContext } from '../app-context.js';
import { auditEntriesFor } from '../db/audit.js';
import { enqueueCommand } from '../db/outbox.js';
import { dispatch } from './dispatch.js';
import type { SyncTuning } from './context.js';

/**
 * The sync handlers on a real store against the real central service (sync/server over PGlite, on
 * 127.0.0.1): enrollment from the terminal's side, the status, sync now, and rejections a
 * supervisor acknowledges. main/sync/sync.test.ts covers the push and pull loop itself.
 */

const FAST: SyncTuning = { backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 5_000 };
const newTerminalCode = (): string => `T${randomBytes(4).toString('hex').toUpperCase()}`;

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}

async function refusal(p: Promise<{ ok: boolean; error?: { code: string; reason?: string; field?: string } }>): Promise<string> {
  const r = await p;
  return r.ok ? 'ok' : `${r.error?.code}/${r.error?.reason ?? ''}`;
}

describe.each(BACKENDS)('sync handlers against the central service ($name)', (backend) => {
  let db: Db;
  let url = '';
  let officeToken = '';
  let blobsDir = '';
  let close: () => Promise<void> = async () => undefined;
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    db = await backend.open();
    blobsDir = mkdtempSync(join(tmpdir(), 'ow-central-blobs-'));
    const app = await buildServer({ db, blobsDir, heartbeatMs: 500 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    url = `http://127.0.0.1:${address.port}`;
    officeToken = await createOfficeToken(db, { nowIso: () => new Date().toISOString() }, 'handler tests');
    expect((await call(url, 'POST', '/office/catalog', { token: officeToken, json: sampleCatalog() })).status).toBe(200);
    close = async () => {
      await app.close();
      rmSync(blobsDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => {
    await close();
    await db?.close();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });

  async function officeCode(terminalCode: string, windowNo = '9'): Promise<string> {
    const r = await call<{ code: string }>(url, 'POST', '/office/enrollments', { token: officeToken, json: { terminalCode, windowNo, hall: '市民中心', district: '黄浦区' } });
    expect(r.status).toBe(200);
    return r.body.code;
  }

  async function asAdmin<T>(t: SignedIn, fn: () => Promise<T>): Promise<T> {
    await must(t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password }));
    try {
      return await fn();
    } finally {
      await must(t.call('auth.signIn', { login: CLERK.login, password: CLERK.password }));
    }
  }

  function track(t: SignedIn): SyncClient {
    if (!t.ctx.sync) throw new Error('no sync client');
    clients.push(t.ctx.sync);
    return t.ctx.sync;
  }

  const outbox = (t: SignedIn): number => (t.ctx.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

  it('enrolls once with IT’s code: the answer sets the terminal, the key is registered, the code is spent, the journal keeps no secret', async () => {
    const t = await signedInTerminal({ sync: FAST });
    const events: AppEvent[] = [];
    t.ctx.events.subscribe((e) => events.push(e));
    expect(await must(t.call('sync.status', {}))).toMatchObject({ enrolled: false, connection: 'unknown', waiting: 0, error: null, serverUrl: null });
    expect(await refusal(t.call('sync.now', {}))).toBe('unavailable/not_enrolled');

    const terminalCode = newTerminalCode();
    const code = await officeCode(terminalCode, '21');
    // Only an admin enrolls.
    expect(await refusal(t.call('sync.enroll', { serverUrl: url, code }))).toBe('forbidden/');
    const r = await asAdmin(t, () => must(t.call('sync.enroll', { serverUrl: `${url}/`, code, label: 'window 21 PC' })));
    track(t);
    expect(r).toMatchObject({ terminalCode, windowNo: '21', hall: '市民中心', district: '黄浦区', status: { enrolled: true, serverUrl: url, terminalCode } });
    expect(await must(t.call('app.info', {}))).toMatchObject({ terminalCode, windowNo: '21', hall: '市民中心', district: '黄浦区' });
    const [registered] = await db.query<{ public_key: string; label: string }>('SELECT public_key, label FROM terminals WHERE id = $1', [r.terminalId]);
    const ownKey = t.ctx.store.db.prepare('SELECT public_key FROM terminal_keys WHERE id = 1').get() as { public_key: string };
    expect(registered).toEqual({ public_key: ownKey.public_key, label: 'window 21 PC' });
    expect(events.some((e) => e.name === 'sync.changed')).toBe(true);

    const journal = t.ctx.store.db.prepare("SELECT details FROM audit_journal WHERE action = 'sync.enroll'").all() as { details: string }[];
    expect(journal).toHaveLength(1);
    expect(JSON.parse(journal[0]!.details)).toMatchObject({ terminalId: r.terminalId, terminalCode, seqOffset: 0 });
    const credential = (t.ctx.store.db.prepare('SELECT credential FROM sync_state').get() as { credential: string }).credential;
    expect(credential).toMatch(/^ow1\./);
    expect((t.ctx.store.db.prepare('SELECT count(*) AS n FROM audit_journal WHERE details LIKE ?').get(`%${credential.split('.')[2]}%`) as { n: number }).n).toBe(0);

    // The same code on another machine: refused by the centre, nothing stored there.
    const other = await signedInTerminal({ sync: FAST });
    expect(await asAdmin(other, () => refusal(other.call('sync.enroll', { serverUrl: url, code })))).toBe('invalid_input/enrollment_invalid');
    expect(await must(other.call('sync.status', {}))).toMatchObject({ enrolled: false });
    expect(other.ctx.sync).toBeNull();

    // Nobody listening at the address: said so, nothing stored.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unused = await officeCode(newTerminalCode());
    expect(await asAdmin(other, () => refusal(other.call('sync.enroll', { serverUrl: `http://127.0.0.1:${port}`, code: unused })))).toBe('unavailable/server_unreachable');
  });

  it('refuses an enrollment whose terminal code would change the prefix of cases already taken; same prefix: its cases are sent', async () => {
    const t = await signedInTerminal({ sync: FAST });
    const caseNo = await must(t.call('cases.accept', await acceptInput(t.call))).then((c) => c.caseNo);
    expect(caseNo.startsWith('T3101040007-')).toBe(true);

    const otherCode = newTerminalCode();
    const wrongCode = await officeCode(otherCode);
    const mismatch = await asAdmin(t, async () => t.call('sync.enroll', { serverUrl: url, code: wrongCode }));
    expect(mismatch.ok ? 'ok' : `${mismatch.error.code}/${mismatch.error.reason}`).toBe('conflict/terminal_code_mismatch');
    // The centre checked before spending: no terminal was made, and the code still works for its own machine.
    expect(await db.query('SELECT id FROM terminals WHERE terminal_code = $1', [otherCode])).toEqual([]);
    const rightful = await signedInTerminal({ sync: FAST });
    await asAdmin(rightful, async () => must(rightful.call('sync.enroll', { serverUrl: url, code: wrongCode })));
    track(rightful);
    expect(t.ctx.sync).toBeNull();
    expect(t.ctx.store.db.prepare('SELECT count(*) AS n FROM sync_state').get()).toEqual({ n: 0 });
    expect(await must(t.call('app.info', {}))).toMatchObject({ terminalCode: 'T3101040007' });
    expect(t.ctx.store.db.prepare("SELECT count(*) AS n FROM audit_journal WHERE action = 'sync.enroll_refused'").get()).toEqual({ n: 1 });

    // Its own code (IT revoked nothing: T3101040007 was never enrolled): the waiting case goes up as seq 1.
    await asAdmin(t, async () => must(t.call('sync.enroll', { serverUrl: url, code: await officeCode('T3101040007') })));
    const client = track(t);
    const status = await client.syncNow();
    expect(status).toMatchObject({ waiting: 0, error: null });
    const rows = await db.query<{ seq: number; case_no: string }>('SELECT seq, case_no FROM commands WHERE terminal_id = $1', [client.enrollment.terminalId]);
    expect(rows).toEqual([{ seq: 1, case_no: caseNo }]);
    // The back office's first step shows in the case list.
    const list = await must(t.call('cases.list', { day: '2026-11-26', query: caseNo }));
    expect(list.map((c) => c.central?.status)).toEqual(['received']);
  });

  it('holds sync.now and a second enrollment while an enrollment is under way (no client on the old link)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let arrived: () => void = () => undefined;
    const atGate = new Promise<void>((r) => (arrived = r));
    const slowEnroll: NonNullable<SyncTuning['fetch']> = async (input, init) => {
      if (String(input).endsWith('/v1/enroll')) {
        arrived();
        await gate;
      }
      return fetch(input, init);
    };
    const t = await signedInTerminal({ sync: { ...FAST, fetch: slowEnroll } });
    const code = await officeCode(newTerminalCode());
    await asAdmin(t, async () => {
      const first = t.call('sync.enroll', { serverUrl: url, code });
      await atGate; // the first enrollment is under way: its request is out, its answer held
      expect(await refusal(t.call('sync.enroll', { serverUrl: url, code }))).toBe('conflict/enrollment_in_progress');
      expect(await must(t.call('sync.now', {}))).toMatchObject({ enrolled: false });
      expect(t.ctx.sync).toBeNull();
      release();
      await must(first);
    });
    track(t);
    expect(await t.ctx.sync?.syncNow()).toMatchObject({ enrolled: true, error: null });
  });

  it('seals the credential with the OS keychain where there is one (a reversing sealer stands in for Electron safeStorage: mock), and a door without it says so', async () => {
    const mockKeychain: CredentialSealer = {
      kind: 'test keychain (mock)',
      seal: (plain) => `${SEALED_PREFIX}${Buffer.from([...plain].reverse().join('')).toString('base64')}`,
      open: (stored) => [...Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64').toString()].reverse().join(''),
    };
    const t = await signedInTerminal({ sync: { ...FAST, sealer: mockKeychain } });
    const terminalCode = newTerminalCode();
    await asAdmin(t, async () => must(t.call('sync.enroll', { serverUrl: url, code: await officeCode(terminalCode) })));
    const client = track(t);
    const stored = (t.ctx.store.db.prepare('SELECT credential FROM sync_state').get() as { credential: string }).credential;
    expect(stored.startsWith(SEALED_PREFIX)).toBe(true);
    expect(stored).not.toMatch(/ow1\./);
    expect(await client.syncNow()).toMatchObject({ error: null, connection: 'online' });
    await client.stop();
    t.ctx.store.close();

    // The same store opened by a door without the keychain (the host): no client, and the status says why.
    const plain = testApp({ dataDir: t.ctx.dataDir, sync: FAST });
    try {
      expect(plain.sync).toBeNull();
      await dispatch(plain, { door: 'host' }, 'auth.signIn', { login: CLERK.login, password: CLERK.password });
      const status = await dispatch(plain, { door: 'host' }, 'sync.now', {});
      expect(status.ok && status.value).toMatchObject({ enrolled: true, error: { code: 'credential_sealed', needsAttention: true } });
    } finally {
      plain.store.close();
    }
  });

  it('numbers protocol seqs from 1 after outbox seqs used before enrollment (the seq offset)', async () => {
    const t = await signedInTerminal({ sync: FAST });
    // Commands made and removed before this enrollment (sent under an earlier one): seqs 1 and 2 are gone for good.
    enqueueCommand(t.ctx.store.db, t.ctx.clock, 'printNotice', { caseNo: 'x', documentNo: 'SL-x', kind: 'accepted', printNo: 0, staff: 'wang', printedAt: 'n' });
    enqueueCommand(t.ctx.store.db, t.ctx.clock, 'printNotice', { caseNo: 'y', documentNo: 'SL-x', kind: 'accepted', printNo: 0, staff: 'wang', printedAt: 'n' });
    t.ctx.store.db.prepare('DELETE FROM outbox').run();
    const terminalCode = newTerminalCode();
    const r = await asAdmin(t, async () => must(t.call('sync.enroll', { serverUrl: url, code: await officeCode(terminalCode) })));
    const client = track(t);
    expect(client.enrollment.seqOffset).toBe(2);
    const caseNo = await must(t.call('cases.accept', await acceptInput(t.call))).then((c) => c.caseNo);
    await client.syncNow();
    expect(outbox(t)).toBe(0);
    expect(await db.query('SELECT seq, case_no FROM commands WHERE terminal_id = $1', [r.terminalId])).toEqual([{ seq: 1, case_no: caseNo }]);
  });

  it('lists rejections with the centre’s reason; a supervisor acknowledges one, journaled, once', async () => {
    const t = await signedInTerminal({ sync: FAST });
    const terminalCode = newTerminalCode();
    await asAdmin(t, async () => must(t.call('sync.enroll', { serverUrl: url, code: await officeCode(terminalCode) })));
    const client = track(t);
    const ghost = `${terminalCode}-20261126-0999`;
    enqueueCommand(t.ctx.store.db, t.ctx.clock, 'voidNotice', { caseNo: ghost, documentNo: 'SL-x', kind: 'accepted', printNo: 0, staff: 'wang', voidedAt: 'n', reason: '打印错误', supervisor: 'li' });
    const status = await client.syncNow();
    expect(status).toMatchObject({ waiting: 0, rejectionsToHandle: 1, error: null });
    const [rejection] = await must(t.call('sync.rejections', { include: 'open', limit: 10 }));
    expect(rejection).toMatchObject({ seq: 1, name: 'voidNotice', caseNo: ghost, code: 'case_unknown', handledAt: null });
    expect(rejection!.reason).toContain(ghost);

    expect(await refusal(t.call('sync.acknowledgeRejection', { id: rejection!.id }))).toBe('forbidden/');
    await must(t.call('auth.signIn', { login: SUPERVISOR.login, password: SUPERVISOR.password }));
    const events: AppEvent[] = [];
    t.ctx.events.subscribe((e) => events.push(e));
    const handled = await must(t.call('sync.acknowledgeRejection', { id: rejection!.id, note: '已电话联系申请人' }));
    expect(handled).toMatchObject({ id: rejection!.id, handledBy: SUPERVISOR.login });
    expect(handled.handledAt).not.toBeNull();
    expect(await refusal(t.call('sync.acknowledgeRejection', { id: rejection!.id }))).toBe('conflict/rejection_handled');
    expect(await refusal(t.call('sync.acknowledgeRejection', { id: 99_999 }))).toBe('not_found/rejection_unknown');
    expect(auditEntriesFor(t.ctx.store.db, ghost).map((e) => [e.action, e.actor])).toEqual([['sync.rejection_acknowledged', SUPERVISOR.login]]);
    expect(events.find((e) => e.name === 'sync.changed')?.payload).toMatchObject({ rejectionsToHandle: 0 });
    expect(await must(t.call('sync.rejections', { include: 'open', limit: 10 }))).toEqual([]);
    expect(await must(t.call('sync.rejections', { include: 'all', limit: 10 }))).toHaveLength(1);
  });

  it('an enrolled store starts syncing by itself when the app starts again', async () => {
    const t = await signedInTerminal({ sync: FAST });
    await asAdmin(t, async () => must(t.call('sync.enroll', { serverUrl: url, code: await officeCode(newTerminalCode()) })));
    await track(t).stop();
    const caseNo = await must(t.call('cases.accept', await acceptInput(t.call))).then((c) => c.caseNo);
    expect(outbox(t)).toBe(1);
    // The app stops before it starts again: the data folder is locked to one process (main/db/lock.ts).
    t.ctx.store.close();

    const again = createAppContext({ dataDir: t.ctx.dataDir, clock: steppingClock('2026-11-26T05:00:00.000Z'), sync: FAST });
    const waiting = (): number => (again.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    try {
      expect(again.sync).not.toBeNull();
      clients.push(again.sync!);
      const deadline = performance.now() + 10_000;
      while (waiting() > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(waiting()).toBe(0);
      const status = await dispatch(again, { door: 'host' }, 'app.info', {});
      expect(status.ok).toBe(true);
      expect(await db.query('SELECT case_no FROM commands WHERE case_no = $1', [caseNo])).toHaveLength(1);
    } finally {
      await again.sync?.stop();
      again.store.close();
    }
  });
});

describe('enrollment over plain http', () => {
  it('is refused for a centre that is not on this machine, before anything is sent; loopback may use http', async () => {
    const sent: string[] = [];
    const fetch: NonNullable<SyncTuning['fetch']> = async (input) => {
      sent.push(String(input));
      throw new Error('no network in this test');
    };
    const t = await signedInTerminal({ sync: { ...FAST, fetch } });
    await must(t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password }));
    for (const serverUrl of ['http://central.example.gov.cn', 'http://10.1.2.3:8787', 'http://[fd00::1]:8787', 'http://127.0.0.1.example.com']) {
      expect(await refusal(t.call('sync.enroll', { serverUrl, code: 'ABCD-EFGH-JKMN-PQRS' }))).toBe('invalid_input/insecure_server_url');
    }
    expect(sent).toEqual([]);
    // This machine over http, and anywhere over https, are tried (and fail here: no network).
    for (const serverUrl of ['http://127.0.0.1:1', 'http://localhost:1', 'http://[::1]:1', 'https://central.example.gov.cn']) {
      expect(await refusal(t.call('sync.enroll', { serverUrl, code: 'ABCD-EFGH-JKMN-PQRS' }))).toBe('unavailable/server_unreachable');
    }
    expect([...new Set(sent.map((u) => new URL(u).origin))]).toEqual(['http://127.0.0.1:1', 'http://localhost:1', 'http://[::1]:1', 'https://central.example.gov.cn']);
  });
});
