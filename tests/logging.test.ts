import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncTuning } from '../main/handlers/context.js';
import type { Db } from '../sync/server/db/types.js';
import { BACKENDS } from '../sync/server/testing/backends.js';
import { call, publishSample, startCentral, uniqueTerminalCode, type TestCentral } from '../sync/server/testing/harness.js';
import { acceptInput, ADMIN, CLERK, person, signedInTerminal, SUPERVISOR } from './support/intake.js';
import { captureCentralLogs, captureLogs } from './support/logs.js';

/**
 * Issue 10, logging: a real intake through the handler table and its real push to the central
 * service, both logging through the product's loggers into memory. The logs must be there and name
 * what happened by id (case number, intake id, seq, terminal id, request id), and hold nothing of
 * the applicant: not the ID number, the name, the phone or the address, in any line of either side.
 */

const FAST: SyncTuning = { backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 5_000, eventsIdleMs: 5_000, listenForPokes: false };
// An applicant no other part of the fixture uses (the clerk is 王𠮷 too), so a hit can only be theirs.
const ID_NUMBER = '110101199003074477';
const NAME = '欧阳娜娜';
const PHONE = '13912345678';
const ADDRESS = '上海市徐汇区漕溪北路88号';
const APPLICANT = person({ idNumber: ID_NUMBER, name: NAME, phone: PHONE, address: ADDRESS });

describe.each(BACKENDS)('an intake and its push leave ids in the logs and no personal data ($name)', (backend) => {
  const terminalLogs = captureLogs('debug');
  const centralLogs = captureCentralLogs('debug');
  let db: Db;
  let c: TestCentral;

  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db, { log: centralLogs.log });
    await publishSample(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  it('logs the intake, the push and the requests by id; the applicant’s ID number, name, phone and address appear nowhere', async () => {
    const t = await signedInTerminal({ log: terminalLogs.log, sync: FAST });
    const terminalCode = uniqueTerminalCode();
    const code = await call<{ code: string }>(c.url, 'POST', '/office/enrollments', { token: c.officeToken, json: { terminalCode, windowNo: '5' } });
    expect(code.status).toBe(200);
    await t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const enrolled = await t.call('sync.enroll', { serverUrl: c.url, code: code.body.code, label: 'logging' });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    await t.call('auth.signIn', { login: CLERK.login, password: CLERK.password });
    const client = t.ctx.sync;
    if (!client) throw new Error('no sync client');
    try {
      // The clerk looks the applicant up, types a wrong phone once (refused), then accepts the case.
      await t.call('applicants.find', { idNumber: ID_NUMBER });
      const wrong = await t.call('cases.accept', await acceptInput(t.call, undefined, person({ idNumber: ID_NUMBER, name: NAME, phone: `${PHONE}9`, address: ADDRESS })));
      expect(wrong).toMatchObject({ ok: false });
      const accepted = await t.call('cases.accept', await acceptInput(t.call, undefined, APPLICANT));
      if (!accepted.ok) throw new Error(accepted.error.message);
      const { caseNo } = accepted.value;
      const status = await client.syncNow();
      expect(status).toMatchObject({ waiting: 0, error: null });
      // The back office reads the case (its answer has the name; its log line must not).
      const listed = await call<{ cases: { caseNo: string; applicantName: string }[] }>(c.url, 'GET', `/office/cases?terminalCode=${terminalCode}`, { token: c.officeToken });
      expect(listed.body.cases.map((x) => x.caseNo)).toContain(caseNo);

      const terminal = terminalLogs.entries();
      const central = centralLogs.entries();
      expect(terminal.find((e) => e.msg === 'intake committed')).toMatchObject({ caseNo, seq: expect.any(Number), intakeId: expect.any(String), outcome: 'accepted' });
      expect(terminal.find((e) => e.msg === 'input refused' || e.msg === 'refused')).toMatchObject({ handler: 'cases.accept', door: 'host' });
      expect(terminal.find((e) => e.msg === 'outbox pushed')).toMatchObject({ terminalId: client.enrollment.terminalId, terminalCode, applied: 1 });
      expect(central.find((e) => e.msg === 'push')).toMatchObject({ terminalId: client.enrollment.terminalId, applied: 1, lastSeq: 1, reqId: expect.any(String) });
      expect(central.filter((e) => e.msg === 'request completed').length).toBeGreaterThanOrEqual(3);

      const both = terminalLogs.text() + centralLogs.text();
      for (const secret of [ID_NUMBER, NAME, PHONE, ADDRESS, CLERK.password, SUPERVISOR.password, code.body.code, c.officeToken]) {
        expect(both, `a log holds "${secret}"`).not.toContain(secret);
      }
      // The credential's secret part, and the birthday inside the ID number, in any form.
      const credential = String((t.ctx.store.db.prepare('SELECT credential FROM sync_state').get() as { credential: string }).credential);
      expect(both).not.toContain(credential.slice(-20));
      expect(both).not.toContain(ID_NUMBER.slice(6, 14));
    } finally {
      await client.stop();
      t.ctx.store.close();
    }
  });
});
