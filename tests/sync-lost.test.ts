import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../main/db/audit.js';
import { enqueueCommand } from '../main/db/outbox.js';
import type { Db } from '../sync/server/db/types.js';
import { markRestored } from '../sync/server/centre.js';
import { BACKENDS, copyDatabase } from '../sync/server/testing/backends.js';
import { call as call_, publicKey } from '../sync/server/testing/harness.js';
import { passAll, startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { ADMIN, acceptInput, CLERK, SUPERVISOR, signedInTerminal } from './support/intake.js';
import { enrolledTerminal, enrollmentCode, FAST_SYNC, memoryPrinter, outboxSize, publishSampleCatalog, serverLastSeq, startCentral, waitFor, type Central, type Terminal } from './support/sync-scenario.js';

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
  /** Databases made for backups and restores, closed at the end. */
  const spare: Db[] = [];
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
    for (const d of spare.splice(0)) await d.close();
  });

  /** A terminal enrolled through the proxy, under a new terminal code unless given one. */
  async function terminal(label: string, code?: string): Promise<Terminal> {
    proxy.setPolicy(passAll);
    codes += 1;
    const t = await enrolledTerminal(central, proxy.url, code ?? `T31011100${String(codes).padStart(2, '0')}`, { label });
    open.push(t);
    return t;
  }

  const localCases = (t: Terminal) => (t.ctx.store.db.prepare('SELECT case_no FROM cases ORDER BY case_no').all() as { case_no: string }[]).map((r) => r.case_no);
  const centralStatus = (t: Terminal, caseNo: string) => (t.ctx.store.db.prepare('SELECT status, decision FROM central_case_status WHERE case_no = ?').get(caseNo) as { status: string; decision: string | null } | undefined) ?? null;
  const behind = (t: Terminal) => t.ctx.store.db.prepare('SELECT recover_until FROM sync_state').pluck().get() as number | null;
  async function decide(caseNo: string, decision: 'approved' | 'not_approved'): Promise<void> {
    for (const body of [{ status: 'in_review' }, { status: 'decided', decision }]) {
      const r = await central.office('POST', `/office/cases/${encodeURIComponent(caseNo)}/status`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  }
  async function applied(t: Terminal, caseNo: string): Promise<string[]> {
    const rows = await central.db.query<{ status: string }>('SELECT c.status FROM commands c JOIN terminals t ON t.id = c.terminal_id WHERE t.terminal_code = $1 AND c.case_no = $2 ORDER BY c.seq', [t.terminalCode, caseNo]);
    return rows.map((r) => r.status);
  }
  async function caughtUp(t: Terminal, cases: readonly string[]): Promise<void> {
    const ok = await waitFor(() => behind(t) === null && cases.every((no) => localCases(t).includes(no)), WAIT_MS);
    if (!ok) throw new Error(`${t.label}: did not recover ${JSON.stringify(cases)}: ${JSON.stringify({ local: localCases(t), behind: behind(t), status: t.sync().status(), logs: t.logs.slice(-6) })}`);
    await t.signIn();
  }

  const t0 = (t: Terminal, i: number) => t.intake(i);
  const rejectionsOf = (t: Terminal) => t.ctx.store.db.prepare('SELECT seq, name, code FROM sync_rejections ORDER BY outbox_seq').all() as { seq: number; name: string; code: string }[];
  const centreNotices = async (caseNo: string) => Number((await central.db.query<{ n: number }>("SELECT count(*) AS n FROM notices WHERE case_no = $1 AND action = 'print'", [caseNo]))[0]?.n);
  const centreCases = async (caseNo: string) => Number((await central.db.query<{ n: number }>('SELECT count(*) AS n FROM cases WHERE case_no = $1', [caseNo]))[0]?.n);
  const revoke = async (t: Terminal) => expect((await central.office('POST', `/office/terminals/${t.terminalId}/revoke`, {})).status).toBe(200);
  async function drained(t: Terminal): Promise<void> {
    const ok = await waitFor(async () => outboxSize(t) === 0, WAIT_MS);
    if (!ok) throw new Error(`${t.label}: the outbox did not drain: ${JSON.stringify({ status: t.sync().status(), logs: t.logs.slice(-6) })}`);
    await t.sync().idle();
  }

  it('1. a store restored from an older backup gets what it lost from the centre before it takes a case: no number twice, each status on its own case', async () => {
    const t = await terminal('restored');
    const early = [await t.intake(0), await t.intake(1)];
    await drained(t);
    const backup = t.backup();
    const lost = [await t.intake(2), await t.intake(4)];
    await t.print(lost[0]!);
    await drained(t);
    await decide(lost[0]!, 'not_approved');

    // The disk died; IT restores last night's backup. The recovery is held back a moment, so the
    // store is seen behind the centre: it refuses new cases, saying why.
    proxy.setPolicy((r) => (r.path === '/v1/recover' ? { kind: 'refuse' } : { kind: 'pass' }));
    await t.restore(backup);
    expect(localCases(t)).toEqual(early);
    expect(await waitFor(() => behind(t) !== null, WAIT_MS)).toBe(true);
    await expect(t.intake(6)).rejects.toThrow(/store_behind/);
    expect(localCases(t)).toEqual(early);
    proxy.setPolicy(passAll);
    await caughtUp(t, lost);

    // The recovered cases are whole: the notice printed, the journal saying where they came from.
    const detail = await t.call('cases.get', { caseNo: lost[0]! });
    expect(detail.ok && detail.value).toMatchObject({ caseNo: lost[0] });
    expect((await t.call('notices.list', { caseNo: lost[0]! })).ok).toBe(true);
    const notices = await t.call('notices.list', { caseNo: lost[0]! });
    expect(notices.ok && notices.value.map((n) => n.printNo)).toEqual([0]);
    const journal = t.ctx.store.db.prepare("SELECT action FROM audit_journal WHERE subject = ? AND action = 'case.recovered'").all(lost[1]);
    expect(journal).toHaveLength(1);

    const fresh = await t.intake(5);
    expect([...early, ...lost]).not.toContain(fresh);
    await drained(t);
    expect(await applied(t, fresh)).toEqual(['applied']);
    await waitFor(() => centralStatus(t, lost[0]!)?.status === 'decided' && centralStatus(t, fresh) !== null, WAIT_MS);
    expect(centralStatus(t, lost[0]!)).toEqual({ status: 'decided', decision: 'not_approved' });
    expect(centralStatus(t, fresh)).toEqual({ status: 'received', decision: null });
    expect(rejectionsOf(t)).toEqual([]);
    expect(t.sync().status().error).toBeNull();
  }, 60_000);

  it('1. a restored store that took a case before it heard from the centre: its new command under an old seq is a fork, refused, and sync stops saying so', async () => {
    const t = await terminal('forked');
    await t.intake(0);
    await drained(t);
    const backup = t.backup();
    await t.intake(1);
    await drained(t);
    await proxy.setDown(true);
    await t.restore(backup);
    // Offline: the store cannot know yet that it is behind, and the counter works as it must offline.
    const offline = await t.intake(2);
    const intakeId = (t.ctx.store.db.prepare('SELECT intake_id FROM cases WHERE case_no = ?').pluck().get(offline) as string);
    await proxy.setDown(false);
    await t.sync().syncNow();
    expect(t.sync().status().error).toMatchObject({ code: 'store_forked', needsAttention: true });
    // The number was the centre's already (the counter went back with the store): the centre's case stays the one it had.
    const [held] = await central.db.query<{ intake_id: string }>('SELECT intake_id::text FROM cases WHERE case_no = $1', [offline]);
    expect(held?.intake_id).not.toBe(intakeId);
    expect(await serverLastSeq(central.db, t.terminalId)).toBe(2);
    expect(outboxSize(t)).toBe(1);
    const [row] = await central.db.query<{ forked_seq: number | null }>('SELECT forked_seq FROM terminals WHERE id = $1', [t.terminalId]);
    expect(Number(row?.forked_seq)).toBe(2);
    // It stays stopped: no push goes out until someone acts.
    const pushes = proxy.log().filter(isPush).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(proxy.log().filter(isPush).length).toBe(pushes);
  }, 60_000);

  /** A backup of the centre's database as it is now (what pg_dump would hold), restorable any number of times. */
  async function centreBackup(): Promise<() => Promise<Db>> {
    const snapshot = await backend.open();
    await copyDatabase(central.db, snapshot);
    spare.push(snapshot);
    return async () => {
      const restored = await backend.open();
      await copyDatabase(snapshot, restored);
      spare.push(restored);
      return restored;
    };
  }

  it('2. the centre restored from a backup gets again from the terminal what it lost, and the terminal hears it again', async () => {
    const t = await terminal('centre restored');
    const before = [await t.intake(0), await t.intake(1)];
    await drained(t);
    const restore = await centreBackup();
    const lost = [await t.intake(2), await t.intake(4)];
    await drained(t);
    await decide(lost[0]!, 'approved');
    await waitFor(() => centralStatus(t, lost[0]!)?.status === 'decided', WAIT_MS);

    // The centre's disk died; IT restores last night's backup (and says nothing to the terminals).
    await central.swapDatabase(await restore());
    expect(await applied(t, lost[0]!)).toEqual([]);
    const next = await t.intake(5);
    await drained(t);
    // What the centre lost came back from the terminal, under the seqs it had, before the new case.
    const seqs = await central.db.query<{ seq: number; case_no: string; status: string }>('SELECT seq, case_no, status FROM commands WHERE terminal_id = $1 ORDER BY seq', [t.terminalId]);
    expect(seqs.map((r) => [Number(r.seq), r.case_no, r.status])).toEqual([...before, ...lost, next].map((no, i) => [i + 1, no, 'applied']));
    expect(rejectionsOf(t)).toEqual([]);
    // And the terminal hears the centre again: the restored centre's newer steps come down.
    const r = await central.office('POST', `/office/cases/${encodeURIComponent(next)}/status`, { status: 'in_review' });
    expect(r.status).toBe(200);
    expect(await waitFor(() => centralStatus(t, next)?.status === 'in_review', WAIT_MS)).toBe(true);
    // The decision taken after the backup is gone from the centre; the terminal shows the centre's word.
    expect(await waitFor(() => centralStatus(t, lost[0]!)?.status === 'received', WAIT_MS)).toBe(true);
    expect(t.sync().status().error).toBeNull();
  }, 60_000);

  it('2. a centre restored and marked so by IT (a new epoch): the terminal pulls from the start, missing none of the steps taken since', async () => {
    const t = await terminal('new epoch');
    const cases = [await t.intake(0), await t.intake(1)];
    await drained(t);
    const restore = await centreBackup();
    await decide(cases[0]!, 'approved');
    await waitFor(() => centralStatus(t, cases[0]!)?.status === 'decided', WAIT_MS);
    await t.sync().idle();

    await t.sync().stop();
    const restored = await restore();
    await markRestored(restored, { nowIso: () => new Date().toISOString() });
    await central.swapDatabase(restored);
    // Office steps on the restored centre: more of them than the terminal saw, so the centre's newest
    // change is past the terminal's checkpoint again, and only the epoch tells the history apart.
    await decide(cases[1]!, 'not_approved');
    await decide(cases[0]!, 'not_approved');
    const [{ head }] = (await central.db.query<{ head: number }>('SELECT max(seq) AS head FROM changes')) as [{ head: number }];
    expect(Number(head)).toBeGreaterThanOrEqual(t.ctx.store.db.prepare('SELECT checkpoint FROM sync_state').pluck().get() as number);
    t.sync().start();
    expect(await waitFor(() => centralStatus(t, cases[1]!)?.decision === 'not_approved' && centralStatus(t, cases[0]!)?.decision === 'not_approved', WAIT_MS)).toBe(true);
    expect(t.sync().status().error).toBeNull();
  }, 60_000);

  it('3. a replacement machine enrolled under the same terminal code goes on numbering where the old one stopped, and holds its cases', async () => {
    const old = await terminal('old machine');
    const made = [await t0(old, 0), await t0(old, 1), await t0(old, 2)];
    await old.print(made[0]!);
    await drained(old);
    await decide(made[1]!, 'approved');
    await old.close();
    open.splice(open.indexOf(old), 1);
    await revoke(old);

    const fresh = await terminal('replacement', old.terminalCode);
    await caughtUp(fresh, made);
    const next = await fresh.intake(4);
    expect(made).not.toContain(next);
    expect(Number(next.split('-')[2])).toBe(Math.max(...made.map((n) => Number(n.split('-')[2]))) + 1);
    await drained(fresh);
    expect(await applied(fresh, next)).toEqual(['applied']);
    expect(rejectionsOf(fresh)).toEqual([]);
    await waitFor(() => centralStatus(fresh, made[1]!)?.status === 'decided', WAIT_MS);
    expect(centralStatus(fresh, made[1]!)).toEqual({ status: 'decided', decision: 'approved' });
    const notices = await fresh.call('notices.list', { caseNo: made[0]! });
    expect(notices.ok && notices.value.map((n) => n.printNo)).toEqual([0]);
    // A reprint on the new machine is print 1, not a second print 0.
    expect(await fresh.print(made[0]!)).toBe(1);
  }, 60_000);

  it('9. an enrollment whose answer was lost: the same code and key get it again (a new credential), and nobody else does', async () => {
    const { ctx, call } = await signedInTerminal({ sync: FAST_SYNC, printer: memoryPrinter() });
    try {
      expect((await call('auth.signIn', { login: ADMIN.login, password: ADMIN.password })).ok).toBe(true);
      const terminalCode = 'T3101119901';
      const code = await enrollmentCode(central, terminalCode);
      let cuts = 0;
      proxy.setPolicy((r) => (r.path === '/v1/enroll' && cuts++ === 0 ? { kind: 'cut' } : { kind: 'pass' }));
      const lost = await call('sync.enroll', { serverUrl: proxy.url, code, label: 'lost answer' });
      expect(lost).toMatchObject({ ok: false, error: { reason: 'server_unreachable' } });
      const [made] = await central.db.query<{ id: string }>('SELECT id FROM terminals WHERE terminal_code = $1', [terminalCode]);
      expect(made?.id).toBeDefined();

      // Someone else with the code (another key) is refused, as for any used code.
      const other = await call_(central.url, 'POST', '/v1/enroll', { json: { code, publicKey: publicKey(), label: 'thief' } });
      expect(other.body).toMatchObject({ error: { code: 'enrollment_invalid' } });
      // The machine asks again with the same code: the same terminal, linked now.
      const again = await call('sync.enroll', { serverUrl: proxy.url, code, label: 'lost answer' });
      expect(again.ok && again.value.terminalId).toBe(made?.id);
      expect(Number((await central.db.query<{ n: number }>('SELECT count(*) AS n FROM terminals WHERE terminal_code = $1', [terminalCode]))[0]?.n)).toBe(1);

      expect((await call('auth.signIn', { login: CLERK.login, password: CLERK.password })).ok).toBe(true);
      const r = await call('cases.accept', await acceptInput(call));
      expect(r.ok).toBe(true);
      await ctx.sync?.syncNow();
      expect(ctx.sync?.status()).toMatchObject({ waiting: 0, error: null });
      expect(await serverLastSeq(central.db, made!.id)).toBe(1);
    } finally {
      await ctx.sync?.stop();
      ctx.store.close();
    }
  }, 60_000);

  it('7. a NUL in a text: refused at the counter with a code; one that got into the outbox anyway is refused by the centre on its own, and the rest goes on', async () => {
    const t = await terminal('nul');
    const first = await t.intake(0);
    const input = await acceptInput(t.call);
    const refusal = await t.call('cases.reject', { ...input, reason: '不属于\u0000本机关职权范围', competentAuthority: '区民政局' });
    expect(refusal).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'text_unstorable', field: 'reason' } });
    const lone = await t.call('cases.accept', { ...input, applicant: { ...input.applicant, usccOverride: undefined, name: '王\ud800' } });
    expect(lone).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await drained(t);

    // An older terminal's command, or a store edited behind the app's back: the NUL reaches the outbox.
    await t.sync().stop();
    enqueueCommand(t.ctx.store.db, t.ctx.clock, 'printNotice', { caseNo: first, documentNo: 'SL-1', kind: 'accepted', printNo: 0, staff: 'wang', printedAt: '2026-11-26T02:00:00.000Z', printer: 'P\u0000DF' });
    const after = await t.intake(1);
    t.sync().start();
    await drained(t);
    expect(rejectionsOf(t)).toEqual([{ seq: 2, name: 'printNotice', code: 'text_unstorable' }]);
    expect(await applied(t, after)).toEqual(['applied']);
    const [row] = await central.db.query<{ status: string; code: string; printer: string }>("SELECT status, code, args->>'printer' AS printer FROM commands WHERE terminal_id = $1 AND seq = 2", [t.terminalId]);
    expect(row).toEqual({ status: 'rejected', code: 'text_unstorable', printer: 'P\ufffdDF' });
    expect(t.sync().status().error).toBeNull();
  }, 60_000);

  it('13. the newest journal entries removed with their case: the chain still verifies, but the next sync sees it and pushes nothing more', async () => {
    const t = await terminal('truncated');
    const cases = [await t.intake(0), await t.intake(1), await t.intake(2)];
    await drained(t);
    const cut = t.ctx.store.db.prepare("SELECT seq FROM audit_journal WHERE subject = ? AND action = 'case.accepted'").pluck().get(cases[2]) as number;
    await t.tamper((raw) => {
      raw.exec('DROP TRIGGER audit_journal_no_delete');
      raw.prepare('DELETE FROM audit_journal WHERE seq >= ?').run(cut);
      const id = raw.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(cases[2]);
      for (const table of ['case_items', 'case_materials']) raw.prepare(`DELETE FROM ${table} WHERE case_id = ?`).run(id);
      raw.prepare('DELETE FROM cases WHERE id = ?').run(id);
      raw.exec("CREATE TRIGGER audit_journal_no_delete BEFORE DELETE ON audit_journal BEGIN SELECT RAISE(ABORT, 'audit_journal is append-only'); END");
    });
    expect(verifyAudit(t.ctx.store.db)).toMatchObject({ ok: true });

    const status = await t.sync().syncNow();
    expect(status.error).toMatchObject({ code: 'journal_truncated', needsAttention: true });
    const next = await t.intake(4);
    await t.sync().syncNow();
    expect(await applied(t, next)).toEqual([]);
    expect(await serverLastSeq(central.db, t.terminalId)).toBe(3);
    expect(t.sync().status()).toMatchObject({ waiting: 1, error: { code: 'journal_truncated' } });
  }, 60_000);

  /** A scanned intake's material PDF and the page images it was made from, as its waiting command names them. */
  function scanOf(t: Terminal, caseNo: string): { pdf: string; pages: string[] } {
    const rows = t.ctx.store.db.prepare('SELECT args FROM outbox').pluck().all() as string[];
    const args = rows.map((a) => JSON.parse(a) as { caseNo: string; scans?: { pdf: string; pages: string[] }[] }).find((a) => a.caseNo === caseNo);
    const scan = args?.scans?.[0];
    if (!scan) throw new Error(`no waiting scanned command for ${caseNo}`);
    return scan;
  }

  it('6. a material PDF damaged on disk is made again from its page images; one that cannot be is sent without it by a supervisor, flagged at the centre, journaled', async () => {
    const t = await terminal('damaged pdf');
    await t.sync().stop();
    const mended = await t.scannedIntake('made again');
    const { pdf } = scanOf(t, mended);
    writeFileSync(t.ctx.blobs.pathOf(pdf), 'not a PDF any more');
    t.sync().start();
    await drained(t);
    expect(await applied(t, mended)).toEqual(['applied']);
    expect(t.ctx.blobs.get(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(t.ctx.store.db.prepare("SELECT count(*) FROM audit_journal WHERE action = 'scan.pdf_rebuilt' AND subject = ?").pluck().get(mended)).toBe(1);

    // Now the PDF AND a page image it was made from are gone: nothing can make it again.
    await t.sync().stop();
    const lost = await t.scannedIntake('lost for good');
    const behindIt = await t.intake(1);
    const scan = scanOf(t, lost);
    writeFileSync(t.ctx.blobs.pathOf(scan.pdf), 'damaged');
    rmSync(t.ctx.blobs.pathOf(scan.pages[0]!));
    t.sync().start();
    expect(await waitFor(() => t.sync().status().error?.code === 'blob_unavailable', WAIT_MS)).toBe(true);
    expect(t.sync().status().error?.needsAttention).toBe(true);
    expect(outboxSize(t)).toBe(2);
    const listed = await t.call('sync.unavailableBlobs', {});
    expect(listed.ok && listed.value).toEqual([{ sha256: scan.pdf, caseNo: lost, entryId: expect.any(String), material: expect.any(String) }]);
    // A clerk may not decide it; a supervisor does, saying why.
    expect(await t.call('sync.waiveBlob', { sha256: scan.pdf, note: '扫描件损坏，已请申请人补交' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await t.call('auth.signIn', { login: SUPERVISOR.login, password: SUPERVISOR.password })).ok).toBe(true);
    expect(await t.call('sync.waiveBlob', { sha256: scan.pdf, note: '扫描件损坏，已请申请人补交' })).toMatchObject({ ok: true, value: { commands: 1 } });
    await drained(t);
    expect(await applied(t, lost)).toEqual(['applied']);
    expect(await applied(t, behindIt)).toEqual(['applied']);
    const [row] = await central.db.query<{ missing: { pdf: string; by: string; note: string }[] }>('SELECT missing_documents AS missing FROM cases WHERE case_no = $1', [lost]);
    expect(row?.missing).toMatchObject([{ pdf: scan.pdf, by: SUPERVISOR.login, note: '扫描件损坏，已请申请人补交' }]);
    const listing = await central.office<{ cases: { caseNo: string; missingDocuments: unknown[] | null }[] }>('GET', `/office/cases?terminalCode=${t.terminalCode}`);
    expect(listing.body.cases.find((c) => c.caseNo === lost)?.missingDocuments).toHaveLength(1);
    expect(t.ctx.store.db.prepare("SELECT actor FROM audit_journal WHERE action = 'sync.blob_waived' AND subject = ?").pluck().all(lost)).toEqual([SUPERVISOR.login]);
    expect(t.sync().status().error).toBeNull();
  }, 90_000);

  it('4. enrolled again after a lost acknowledgement: the commands it re-sends are the ones the centre has (no false case_no_duplicate, no print applied twice)', async () => {
    const t = await terminal('lost ack');
    // Every push answer is lost after the centre committed it.
    proxy.setPolicy((r) => (isPush(r) ? { kind: 'cut' } : { kind: 'pass' }));
    const caseNo = await t.intake(0);
    await t.print(caseNo);
    expect(await waitFor(async () => (await serverLastSeq(central.db, t.terminalId)) === 2, WAIT_MS)).toBe(true);
    expect(outboxSize(t)).toBe(2);
    // IT gives up on the link and enrolls the window again; the answers get through now.
    await revoke(t);
    proxy.setPolicy(passAll);
    await t.enrollAgain();
    await drained(t);

    expect(rejectionsOf(t)).toEqual([]);
    expect(await centreCases(caseNo)).toBe(1);
    expect(await centreNotices(caseNo)).toBe(1);
    const [{ n }] = (await central.db.query<{ n: number }>("SELECT count(*) AS n FROM commands WHERE terminal_id = $1 AND status <> 'duplicate'", [t.terminalId])) as [{ n: number }];
    expect(Number(n)).toBe(0);
    expect(t.sync().status().error).toBeNull();
  }, 60_000);
});
