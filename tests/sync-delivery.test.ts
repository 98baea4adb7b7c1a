import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Db } from '../sync/server/db/types.js';
import { BACKENDS } from '../sync/server/testing/backends.js';
import { faultSeed, passAll, randomPolicy, startFaultProxy, type FaultProxy, type RequestInfo } from './support/fault-proxy.js';
import { acceptedCase, ID_RENEWAL } from './support/after-intake.js';
import { RESIDENCE_PERMIT, VALID_ID } from './support/intake.js';
import { enrolledTerminal, outboxSize, publishSampleCatalog, serverLastSeq, startCentral, waitFor, type Central, type Terminal } from './support/sync-scenario.js';

/**
 * Deliveries and payments through real terminals (app contexts on their own stores, the handlers, the
 * SyncClient) and the real central service, through the fault proxy (drops, delays, duplicates, cut
 * answers, refusals) and a crash of the service mid-push. Two windows of one hall: A takes the cases and
 * the fees, the back office marks them ready, and both windows hand results over; some cases both hand
 * over while neither has pushed. Whatever the faults, the centre ends with every payment once, every
 * delivery once (the first to arrive), a rejection for each second delivery at the window that lost, and
 * both windows showing each case delivered where it really was. A separate file from sync-faults.test.ts
 * (its 3 × 2,000 scenario is being reworked on another branch); OW_FAULT_SEED replays a run.
 */
const CASES = Number(process.env.OW_DELIVERY_CASES ?? 40);
const WAIT_MS = 60_000;

const faultable = (r: RequestInfo): boolean => /^\/v1\/(push|pull|blobs\/)/.test(r.path);

describe.each(BACKENDS)('deliveries and payments under faults, central on $name', (backend) => {
  let db: Db;
  let central: Central;
  let proxy: FaultProxy;
  const open: Terminal[] = [];
  const seed = faultSeed();

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

  const drained = (ts: Terminal[]) =>
    waitFor(async () => {
      for (const t of ts) {
        if (outboxSize(t) > 0) return false;
        const offset = (t.ctx.store.db.prepare('SELECT seq_offset FROM sync_state').get() as { seq_offset: number }).seq_offset;
        const made = (t.ctx.store.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined)?.seq ?? 0;
        if ((await serverLastSeq(db, t.terminalId)) !== made - offset) return false;
      }
      return true;
    }, WAIT_MS, 100);
  const pulled = (ts: Terminal[]) =>
    waitFor(async () => {
      for (const t of ts) {
        const [row] = await db.query<{ m: number | null }>("SELECT max(seq) AS m FROM changes WHERE scope IN ($1, '*')", [t.terminalId]);
        const local = (t.ctx.store.db.prepare('SELECT checkpoint FROM sync_state').get() as { checkpoint: number }).checkpoint;
        if (local < Number(row?.m ?? 0)) return false;
      }
      return true;
    }, WAIT_MS, 100);
  const must = async <T>(what: string, p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };

  it(`${CASES} cases paid and handed over at two windows of a hall, through faults and a crash: each payment and delivery applied once; the second delivery of a case refused, seen by both`, async () => {
    onTestFailed(() => console.error(`[sync-delivery] failed with seed ${seed}; replay with OW_FAULT_SEED=${seed}`));
    proxy.setPolicy(passAll);
    const a = await enrolledTerminal(central, proxy.url, 'T3101020201', { label: 'A' });
    open.push(a);
    const b = await enrolledTerminal(central, proxy.url, 'T3101020202', { label: 'B' });
    open.push(b);
    proxy.setPolicy(randomPolicy(seed, { mix: { pass: 10, drop: 2, delay: 2, duplicate: 2, cut: 2, refuse: 1 }, maxDelayMs: 30, only: faultable }));

    // A takes the cases: half with the ID card fee (paid in cash at intake), half without a fee.
    const cases: string[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const caseNo = await acceptedCase(a.call, i % 2 === 0 ? ID_RENEWAL : RESIDENCE_PERMIT);
      if (i % 2 === 0) await must('A takes the fee', a.call('fees.pay', { caseNo, stage: 'intake', amountFen: 2000, method: { kind: 'cash', tenderedFen: 5000 } }));
      cases.push(caseNo);
    }
    expect(await drained([a]), 'A pushed its intakes and payments').toBe(true);
    // The back office brings every case to ready for delivery, while the proxy keeps faulting the pulls.
    for (const caseNo of cases) {
      for (const [status, extra] of [['in_review', {}], ['decided', { decision: 'approved' }], ['ready_for_delivery', {}]] as const) {
        const r = await central.office('POST', `/office/cases/${encodeURIComponent(caseNo)}/status`, { status, ...extra });
        expect(r.status, `${caseNo} → ${status}`).toBe(200);
      }
    }
    expect(await pulled([a, b]), 'both windows pulled the ready cases').toBe(true);
    const listed = async (t: Terminal) => (await must(`${t.label} lists`, t.call('deliveries.list', { limit: 200 }))).rows.map((r) => r.caseNo).sort();
    expect(await listed(a)).toEqual([...cases].sort());
    expect(await listed(b)).toEqual([...cases].sort());

    // Both windows hand results over: A the first third, B the second, both the last third (offline of each other).
    const handover = (t: Terminal, caseNo: string) => must(`${t.label} delivers ${caseNo} (${JSON.stringify(t.ctx.store.db.prepare('SELECT status, settled_elsewhere_fen, hall_case IS NOT NULL AS hall FROM central_case_status WHERE case_no = ?').get(caseNo))})`, t.call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: { kind: 'applicant', idType: 'resident_id', idNumber: idOf(t, caseNo) }, handedOver: ['result'] }));
    const idOf = (t: Terminal, caseNo: string): string => {
      const r = t.ctx.store.db.prepare("SELECT coalesce((SELECT applicant_id_number FROM cases WHERE case_no = ?), json_extract(hall_case, '$.applicant.idNumber')) AS id FROM central_case_status WHERE case_no = ?").get(caseNo, caseNo) as { id: string };
      return r.id ?? VALID_ID;
    };
    const third = Math.ceil(CASES / 3);
    const both = cases.slice(2 * third);
    // Neither window may push the contested ones before both have handed them over.
    await proxy.setDown(true, { resetActive: true });
    for (const caseNo of cases.slice(0, third)) await handover(a, caseNo);
    for (const caseNo of cases.slice(third, 2 * third)) await handover(b, caseNo);
    for (const caseNo of both) {
      await handover(a, caseNo);
      await handover(b, caseNo);
    }
    // The service crashes while the pushes start again.
    await proxy.setDown(false);
    await central.crash();
    await new Promise((r) => setTimeout(r, 200));
    await central.start();
    expect(await drained([a, b]), 'both outboxes drained').toBe(true);
    expect(await pulled([a, b]), 'both windows pulled the outcome').toBe(true);

    // The centre: every payment once, every case delivered once.
    const [fees] = await db.query<{ n: number; sum: number }>('SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::int AS sum FROM fee_entries WHERE case_no = ANY($1::text[])', [cases]);
    expect(fees).toEqual({ n: CASES / 2, sum: (CASES / 2) * 2000 });
    const delivered = await db.query<{ case_no: string; terminal_id: string }>('SELECT case_no, terminal_id FROM deliveries WHERE case_no = ANY($1::text[])', [cases]);
    expect(delivered).toHaveLength(CASES);
    const winner = new Map(delivered.map((d) => [d.case_no, d.terminal_id === a.terminalId ? a : b]));
    for (const caseNo of cases.slice(0, third)) expect(winner.get(caseNo)).toBe(a);
    for (const caseNo of cases.slice(third, 2 * third)) expect(winner.get(caseNo)).toBe(b);
    const statuses = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_no = ANY($1::text[]) AND status = 'delivered'", [cases]);
    expect(statuses[0]?.n).toBe(CASES);

    // Each contested case: the window that lost has its rejection with the winner's window in it; both show the winner.
    for (const caseNo of both) {
      const w = winner.get(caseNo)!;
      const loser = w === a ? b : a;
      const rejected = loser.ctx.store.db.prepare("SELECT code, reason FROM sync_rejections WHERE case_no = ? AND name = 'deliverResult'").all(caseNo) as { code: string; reason: string }[];
      expect(rejected).toEqual([{ code: 'already_delivered', reason: expect.stringContaining(`(${w.terminalCode})`) }]);
      expect(w.ctx.store.db.prepare('SELECT count(*) AS n FROM sync_rejections WHERE case_no = ?').get(caseNo)).toEqual({ n: 0 });
    }
    for (const t of [a, b]) {
      const rows = t.ctx.store.db.prepare('SELECT case_no, status, json_extract(delivery, \'$.terminalCode\') AS at FROM central_case_status WHERE case_no IN (SELECT value FROM json_each(?))').all(JSON.stringify(cases)) as { case_no: string; status: string; at: string }[];
      expect(rows).toHaveLength(CASES);
      for (const r of rows) expect(r, `${t.label} ${r.case_no}`).toEqual({ case_no: r.case_no, status: 'delivered', at: winner.get(r.case_no)?.terminalCode });
    }
    const log = proxy.log();
    const pushes = log.filter((e) => e.method === 'POST' && e.path === '/v1/push');
    console.info(`[sync-delivery] ${JSON.stringify({ backend: backend.name, seed, cases: CASES, pushes: pushes.length, faulted: pushes.filter((e) => e.fault.kind !== 'pass').length, stats: proxy.stats() })}`);
    expect(pushes.filter((e) => e.fault.kind !== 'pass').length, 'pushes were faulted').toBeGreaterThan(0);
  });
});
