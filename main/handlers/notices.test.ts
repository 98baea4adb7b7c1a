import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandArgsSchemas, isCommandName } from '../../sync/protocol/index.js';
import { acceptInput, counts, person, signedInTerminal, SUPERVISOR, VALID_ID } from '../../tests/support/intake.js';
import { verifyAudit } from '../db/audit.js';
import { pendingCommands } from '../../tests/support/outbox.js';
import { waitForCupsPdfOutput } from '../printing/cups-pdf.js';

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/**
 * Notices through the handlers, printed for real: CUPS with the cups-pdf queue `PDF`
 * (scripts/start-cups.sh starts it; .ci/run installs it). The PDF that lands in the queue's output
 * folder is read back with pdftotext.
 */
let outputDir = '';
beforeAll(() => {
  const out = execFileSync('bash', ['scripts/start-cups.sh'], { encoding: 'utf8', timeout: 60_000 });
  const m = /output:\s*(\S+)/.exec(out);
  if (!m?.[1]) throw new Error(`scripts/start-cups.sh did not say where cups-pdf writes:\n${out}`);
  outputDir = m[1];
});

async function acceptedCase(name = '王𠮷') {
  const t = await signedInTerminal();
  const r = await t.call('cases.accept', await acceptInput(t.call, undefined, person({ name })));
  if (!r.ok) throw new Error(r.error.message);
  return { ...t, caseNo: r.value.caseNo, dueDate: r.value.dueDate };
}

describe('notices through the handlers', () => {
  it('previews without writing anything, and refuses a notice that does not fit the outcome', async () => {
    const { ctx, call, caseNo } = await acceptedCase();
    const before = counts(ctx);
    const r = await call('notices.preview', { caseNo, layout: 'a4', language: 'zh-CN' });
    expect(r).toMatchObject({ ok: true, value: { kind: 'accepted', printNo: 0, documentNo: `SL-${caseNo}`, missingGlyphs: [] } });
    expect(r.ok && Buffer.from(r.value.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(counts(ctx)).toEqual(before);
    expect(await call('notices.preview', { caseNo, kind: 'rejected', layout: 'a4', language: 'zh-CN' })).toMatchObject({ ok: false, error: { reason: 'notice_kind_mismatch' } });
    expect(await call('notices.preview', { caseNo: 'NOPE-20261126-0001', layout: 'a4', language: 'zh-CN' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('prints through CUPS: the sent PDF holds the rare-character name and due date; the queue’s PDF the case number and item', async () => {
    const { ctx, call, caseNo, dueDate } = await acceptedCase('王𠮷䶮');
    // What is sent is what notices.preview renders: its text must carry every character exactly.
    const preview = await call('notices.preview', { caseNo, layout: 'a4', language: 'zh-CN' });
    if (!preview.ok) throw new Error(preview.error.message);
    const sent = join(mkdtempSync(join(tmpdir(), 'onewindow-notice-')), 'sent.pdf');
    writeFileSync(sent, Buffer.from(preview.value.pdfBase64, 'base64'));
    const sentText = pdfText(sent);
    expect(sentText).toContain('王𠮷䶮');
    expect(sentText).toContain(caseNo);
    expect(sentText).toContain('上海市居住证首次申领');
    expect(dueDate).toBe('2026-12-10');
    expect(sentText).toContain('2026年12月10日');
    rmSync(sent, { force: true });

    const r = await call('notices.print', { caseNo, layout: 'a4', language: 'zh-CN', printer: 'PDF' });
    expect(r).toMatchObject({ ok: true, value: { printNo: 0, printer: 'PDF' } });
    if (!r.ok) return;
    // cups-pdf turns the PDF into PostScript and back with Ghostscript, which loses the text of glyphs
    // outside the BMP (main/printing/cups.test.ts compares the printed 𠮷 by pixels instead).
    const file = await waitForCupsPdfOutput(outputDir, r.value.jobId, 20_000);
    try {
      const text = pdfText(file);
      expect(text).toContain(caseNo);
      expect(text).toContain('王');
      expect(text).toContain('上海市居住证首次申领');
    } finally {
      rmSync(file, { force: true });
    }
    expect(pendingCommands(ctx.store.db).map((c) => c.name)).toEqual(['acceptCase', 'printNotice']);
    expect(verifyAudit(ctx.store.db).ok).toBe(true);
  });

  it('numbers reprints, and voids a print only with a supervisor’s sign-off', async () => {
    const { ctx, call, caseNo } = await acceptedCase();
    for (const printNo of [0, 1]) {
      const r = await call('notices.print', { caseNo, layout: 'receipt', language: 'zh-CN', printer: 'PDF' });
      expect(r).toMatchObject({ ok: true, value: { printNo } });
      if (r.ok) rmSync(await waitForCupsPdfOutput(outputDir, r.value.jobId, 20_000), { force: true });
    }
    const preview = await call('notices.preview', { caseNo, layout: 'a4', language: 'zh-CN' });
    expect(preview).toMatchObject({ ok: true, value: { printNo: 2 } });
    const voidInput = { caseNo, printNo: 1, reason: '打印错位，作废重打', supervisor: SUPERVISOR.login };
    expect(await call('notices.void', { ...voidInput, supervisorPassword: 'wrong-pass-9' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('notices.void', { ...voidInput, supervisor: 'wang', supervisorPassword: 'clerk-pass-1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('notices.void', { ...voidInput, supervisorPassword: SUPERVISOR.password })).toMatchObject({ ok: true, value: { voided: true, printNo: 1 } });
    expect(await call('notices.void', { ...voidInput, supervisorPassword: SUPERVISOR.password })).toMatchObject({ ok: false, error: { reason: 'notice_already_voided' } });
    expect(await call('notices.void', { ...voidInput, printNo: 7, supervisorPassword: SUPERVISOR.password })).toMatchObject({ ok: false, error: { reason: 'notice_unknown' } });
    const list = await call('notices.list', { caseNo });
    expect(list.ok && list.value.map((n) => [n.printNo, n.voided, n.voidReason])).toEqual([
      [0, false, null],
      [1, true, '打印错位，作废重打'],
    ]);
    const actions = (ctx.store.db.prepare('SELECT action FROM audit_journal WHERE subject = ? ORDER BY seq').all(caseNo) as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(['case.accepted', 'notice.print', 'notice.reprint', 'notice.void']);
    expect(pendingCommands(ctx.store.db).map((c) => c.name)).toEqual(['acceptCase', 'printNotice', 'printNotice', 'voidNotice']);
    // What the window queued is what the centre's schemas take (sync/protocol/commands.ts).
    for (const c of pendingCommands(ctx.store.db)) expect(isCommandName(c.name) && commandArgsSchemas[c.name].safeParse(c.args).success, c.name).toBe(true);
  });

  it('checks a void’s sign-off last: for a print that was never made, a right and a wrong password get the same answer', async () => {
    const { ctx, call, caseNo } = await acceptedCase();
    const voidInput = { caseNo, printNo: 5, reason: '打印错位，作废重打', supervisor: SUPERVISOR.login };
    for (const supervisorPassword of ['guess-1234', SUPERVISOR.password]) {
      expect(await call('notices.void', { ...voidInput, supervisorPassword })).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'notice_unknown' } });
    }
    expect(ctx.store.db.prepare("SELECT count(*) AS n FROM audit_journal WHERE action LIKE 'auth.sign_off%'").get()).toEqual({ n: 0 });
  });

  it('reports a printer that does not exist with the printer system’s message, journals it, and prints again after', async () => {
    const { ctx, call, caseNo } = await acceptedCase();
    const r = await call('notices.print', { caseNo, layout: 'a4', language: 'zh-CN', printer: 'NoSuchPrinter' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', reason: 'printer_unknown', field: 'printer' } });
    expect(ctx.store.db.prepare("SELECT count(*) AS n FROM audit_journal WHERE action = 'notice.print_failed'").get()).toEqual({ n: 1 });
    expect(ctx.store.db.prepare('SELECT count(*) AS n FROM notices').get()).toEqual({ n: 0 });
    const again = await call('notices.print', { caseNo, layout: 'a4', language: 'zh-CN', printer: 'PDF' });
    expect(again).toMatchObject({ ok: true, value: { printNo: 0 } });
    if (again.ok) rmSync(await waitForCupsPdfOutput(outputDir, again.value.jobId, 20_000), { force: true });
  });

  it('verifies the QR payload of its own notices offline, and refuses a forged one', async () => {
    const { ctx, call, caseNo } = await acceptedCase();
    const { qrPayloadOf, caseOrRefuse } = await import('../notices/service.js');
    const payload = qrPayloadOf(ctx, caseOrRefuse(ctx, caseNo));
    expect(await call('notices.verify', { payload })).toEqual({
      ok: true,
      value: { valid: true, caseNo, outcome: 'accepted', date: '2026-11-26', issuedHere: true, caseFound: true },
    });
    expect(await call('notices.verify', { payload: payload.replace('|accepted|', '|rejected|') })).toMatchObject({ ok: true, value: { valid: false, reason: 'qr_signature' } });
    expect(await call('notices.verify', { payload: payload.replace('T3101040007', 'T9999999999') })).toMatchObject({ ok: true, value: { valid: false, reason: 'qr_unknown_terminal' } });
    expect(await call('notices.verify', { payload: 'not a code' })).toMatchObject({ ok: true, value: { valid: false, reason: 'qr_malformed' } });
  });

  it("verifies another window's notice with the key pulled from the centre, and refuses one dated after its revocation", async () => {
    const { ctx, call } = await acceptedCase();
    const { keysFromSeed, signQr, applicantHash } = await import('../../core/notices/qr.js');
    const other = keysFromSeed(new Uint8Array(32).fill(7));
    const fields = (date: string) => ({ caseNo: `T5555-${date.replaceAll('-', '')}-0001`, outcome: 'accepted', date, applicantHash: applicantHash(`T5555-${date.replaceAll('-', '')}-0001`, VALID_ID) });
    const payload = signQr(fields('2026-11-20'), other.privateKey);
    expect(await call('notices.verify', { payload })).toMatchObject({ ok: true, value: { valid: false, reason: 'qr_unknown_terminal' } });
    // What a pull of kind terminal_key writes (main/sync/apply.ts).
    ctx.store.db.prepare('INSERT INTO known_terminal_keys (terminal_code, public_key, revoked_at, change_seq) VALUES (?, ?, NULL, 1)').run('T5555', other.publicKey);
    expect(await call('notices.verify', { payload })).toMatchObject({ ok: true, value: { valid: true, caseNo: 'T5555-20261120-0001', issuedHere: false, caseFound: false } });
    expect(await call('notices.verify', { payload: payload.replace('|accepted|', '|rejected|') })).toMatchObject({ ok: true, value: { valid: false, reason: 'qr_signature' } });
    ctx.store.db.prepare("UPDATE known_terminal_keys SET revoked_at = '2026-11-23T02:00:00.000Z' WHERE terminal_code = 'T5555'").run();
    expect(await call('notices.verify', { payload })).toMatchObject({ ok: true, value: { valid: true } });
    const afterRevocation = signQr(fields('2026-11-24'), other.privateKey);
    expect(await call('notices.verify', { payload: afterRevocation })).toMatchObject({ ok: true, value: { valid: false, reason: 'qr_revoked_terminal' } });
  });
});
