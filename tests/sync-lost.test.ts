import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../sync/server/db/types.js';
import { BACKENDS } from '../sync/server/testing/backends.js';
import { passAll, startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { enrolledTerminal, outboxSize, publishSampleCatalog, serverLastSeq, startCentral, waitFor, type Central, type Terminal } from './support/sync-scenario.js';

/**
 * Issue 11, "Nothing lost, nothing twice": what a backup, a replacement machine, a lost answer or one
 * bad command did to the exactly-once sync of issue 6, each as it happens in a hall. Real terminals
 * (app contexts on SQLite files, cases through the handlers), the real central service (PGlite, and
 * PostgreSQL with OW_TEST_DATABASE_URL), the fault proxy between them.
 */

const WAIT_MS = 20_000;
const isPush = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path === '/v1/push';

describe.each(BACKENDS)('nothing lost, nothing twice (central on $name)', (backend) => {
  let db: Db;
  let central: Central;
  let proxy: FaultProxy;
  const open: Terminal[] = [];
  let codes = 0;

  beforeAll(async () => {
    db = await backend.open();
    central = await startCentral(db);
    await publishSampleCatalog(central);
    proxy = await startFaultProxy({ upstreamPort: central.port });
  });
  afterAll(async () => {
    for (const t of open.splice(0)) await t.close();
    await proxy?.close();
    await central?.close();
    await db?.close();
  });

  async function terminal(label: string): Promise<Terminal> {
    proxy.setPolicy(passAll);
    codes += 1;
    const t = await enrolledTerminal(central, proxy.url, `T31011100${String(codes).padStart(2, '0')}`, { label });
    open.push(t);
    return t;
  }

  const rejectionsOf = (t: Terminal) => t.ctx.store.db.prepare('SELECT seq, name, code FROM sync_rejections ORDER BY outbox_seq').all() as { seq: number; name: string; code: string }[];
  const centreNotices = async (caseNo: string) => Number((await db.query<{ n: number }>("SELECT count(*) AS n FROM notices WHERE case_no = $1 AND action = 'print'", [caseNo]))[0]?.n);
  const centreCases = async (caseNo: string) => Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM cases WHERE case_no = $1', [caseNo]))[0]?.n);
  const revoke = async (t: Terminal) => expect((await central.office('POST', `/office/terminals/${t.terminalId}/revoke`, {})).status).toBe(200);
  async function drained(t: Terminal): Promise<void> {
    const ok = await waitFor(async () => outboxSize(t) === 0, WAIT_MS);
    if (!ok) throw new Error(`${t.label}: the outbox did not drain: ${JSON.stringify({ status: t.sync().status(), logs: t.logs.slice(-6) })}`);
    await t.sync().idle();
  }

  it('4. enrolled again after a lost acknowledgement: the commands it re-sends are the ones the centre has (no false case_no_duplicate, no print applied twice)', async () => {
    const t = await terminal('lost ack');
    // Every push answer is lost after the centre committed it.
    proxy.setPolicy((r) => (isPush(r) ? { kind: 'cut' } : { kind: 'pass' }));
    const caseNo = await t.intake(0);
    await t.print(caseNo);
    expect(await waitFor(async () => (await serverLastSeq(db, t.terminalId)) === 2, WAIT_MS)).toBe(true);
    expect(outboxSize(t)).toBe(2);
    // IT gives up on the link and enrolls the window again; the answers get through now.
    await revoke(t);
    proxy.setPolicy(passAll);
    await t.enrollAgain();
    await drained(t);

    expect(rejectionsOf(t)).toEqual([]);
    expect(await centreCases(caseNo)).toBe(1);
    expect(await centreNotices(caseNo)).toBe(1);
    const [{ n }] = (await db.query<{ n: number }>("SELECT count(*) AS n FROM commands WHERE terminal_id = $1 AND status <> 'duplicate'", [t.terminalId])) as [{ n: number }];
    expect(Number(n)).toBe(0);
    expect(t.sync().status().error).toBeNull();
  }, 60_000);
});
