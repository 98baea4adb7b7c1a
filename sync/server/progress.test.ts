import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantHash, keysFromSeed, signQr } from '../../core/notices/qr.js';
import { qrContent } from '../../core/notices/qr-url.js';
import type { Db } from './db/types.js';
import { maskName, type ProgressAnswer } from './progress.js';
import { BACKENDS } from './testing/backends.js';
import { call, command, enrollTerminal, publishSample, startCentral, type TestCentral } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

/** The public progress lookup behind the page a notice's QR code opens (the page itself: tests/browser/progress-page.test.ts). */
describe.each(BACKENDS)('the progress lookup ($name)', (backend) => {
  let db: Db;
  let c: TestCentral;
  const keys = keysFromSeed(randomBytes(32));
  const lookup = async (payload: string) => (await call<ProgressAnswer>(c.url, 'POST', '/progress/lookup', { json: { payload } })).body;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db, { publicUrl: 'https://yct.example.gov.cn/' });
    await publishSample(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  it('tells a window at enrollment where the progress page is', async () => {
    const t = await enrollTerminal(c, undefined, keys.publicKey);
    expect(t.progressUrl).toBe('https://yct.example.gov.cn/progress');
  });

  it('verifies a notice’s code and shows status, due date, item and the masked name, and nothing else personal', async () => {
    const t = await enrollTerminal(c, undefined, keys.publicKey);
    const args = intakeArgs({ catalog: sampleCatalog(), terminalCode: t.terminalCode, day: '2026-11-26', n: 1 });
    const input = args.input as { applicant: { idNumber: string; name: string; phone: string } };
    const caseNo = args.caseNo as string;
    const fields = { caseNo, outcome: 'accepted', date: '2026-11-26', applicantHash: applicantHash(caseNo, input.applicant.idNumber) };
    const payload = signQr(fields, keys.privateKey);
    // Genuine but not yet at the centre (the window was offline).
    expect(await lookup(payload)).toMatchObject({ valid: true, synced: false, caseNo });
    expect((await t.push([command(1, 'acceptCase', args)])).status).toBe(200);
    const r = await lookup(qrContent(payload, 'https://yct.example.gov.cn/progress'));
    expect(r).toEqual({
      valid: true, synced: true, caseNo, outcome: 'accepted', date: '2026-11-26', status: 'received', decision: null,
      dueDate: (args.derived as { dueDate: string }).dueDate, applicant: maskName(input.applicant.name), items: [{ 'zh-CN': '上海市居住证首次申领', en: 'Shanghai residence permit: first application' }],
    });
    expect(JSON.stringify(r)).not.toContain(input.applicant.idNumber);
    expect(JSON.stringify(r)).not.toContain(input.applicant.phone);

    // Tampered: another case number under the same signature; a forged signature; a code for another applicant.
    expect(await lookup(payload.replace(caseNo, caseNo.replace(/1$/, '2')))).toEqual({ valid: false, reason: 'qr_signature' });
    expect(await lookup(`${payload.slice(0, -1)}${payload.endsWith('0') ? '1' : '0'}`)).toEqual({ valid: false, reason: 'qr_signature' });
    expect(await lookup(signQr({ ...fields, applicantHash: applicantHash(caseNo, '11010519491231002X') }, keys.privateKey))).toEqual({ valid: false, reason: 'qr_mismatch' });
    expect(await lookup(signQr({ ...fields, outcome: 'rejected' }, keys.privateKey))).toEqual({ valid: false, reason: 'qr_mismatch' });
  });

  it('refuses a foreign code, a malformed one and another version', async () => {
    const stranger = keysFromSeed(randomBytes(32));
    expect(await lookup(signQr({ caseNo: 'TNOBODY-20261126-0001', outcome: 'accepted', date: '2026-11-26', applicantHash: '0'.repeat(16) }, stranger.privateKey))).toEqual({ valid: false, reason: 'qr_unknown_terminal' });
    expect(await lookup('https://phish.example.com/progress#hello')).toEqual({ valid: false, reason: 'qr_malformed' });
    expect(await lookup('https://yct.example.gov.cn/progress#%E0%A4%A')).toEqual({ valid: false, reason: 'qr_malformed' });
    expect(await lookup('OW9|a|b|c|d|e')).toEqual({ valid: false, reason: 'qr_version' });
    expect((await call(c.url, 'POST', '/progress/lookup', { json: { payload: 'x'.repeat(3000) } })).status).toBe(400);
  });

  it('masks names by code point: 王𠮷 → 王*, 王𠮷䶮 → 王**', () => {
    expect([maskName('王𠮷'), maskName('王𠮷䶮'), maskName('王'), maskName(' 欧阳娜娜 ')]).toEqual(['王*', '王**', '王*', '欧***']);
  });
});
