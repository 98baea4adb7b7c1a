import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseOrRefuse, qrContentOf } from '../../main/notices/service.js';
import { keysFromSeed, signQr } from '../../core/notices/qr.js';
import type { SyncTuning } from '../../main/handlers/context.js';
import type { Db } from '../../sync/server/db/types.js';
import { BACKENDS } from '../../sync/server/testing/backends.js';
import { call, publishSample, startCentral, type TestCentral } from '../../sync/server/testing/harness.js';
import { launchBrowser } from '../support/browser.js';
import { acceptInput, ADMIN, CLERK, person, signedInTerminal, VALID_ID, type SignedIn } from '../support/intake.js';

/**
 * The progress page a notice's QR code opens, in Chromium: a real window (the app's store and
 * handlers) enrolled with the real central service, a case accepted and synced, and the code its
 * notice prints (qrContentOf, what the PDF's QR holds) opened as a phone's camera would. The page
 * verifies it and shows the status, the due date and the masked name; a tampered or foreign code is
 * refused. The same code still verifies offline at a window (notices.verify).
 */
const FAST: SyncTuning = { backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 5_000, log: () => undefined };
const WAIT = { timeout: 15_000 };

describe('the public progress page in Chromium', () => {
  let db: Db;
  let c: TestCentral;
  let browser: BrowserContext;
  let t: SignedIn;
  beforeAll(async () => {
    db = await BACKENDS[0]!.open();
    c = await startCentral(db);
    await publishSample(c);
    browser = await launchBrowser();
    t = await signedInTerminal({ sync: FAST });
  });
  afterAll(async () => {
    await t?.ctx.sync?.stop();
    await browser?.close();
    await c?.stop();
    await db?.close();
  });

  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    await page.locator('#state[data-verdict]').waitFor(WAIT);
    return { page, errors };
  }

  it('shows the status and due date of a real notice’s code, the name masked and nothing else personal', async () => {
    const code = await call<{ code: string }>(c.url, 'POST', '/office/enrollments', { token: c.officeToken, json: { terminalCode: 'T3101040007', windowNo: '12' } });
    await t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const enrolled = await t.call('sync.enroll', { serverUrl: c.url, code: code.body.code });
    expect(enrolled.ok, JSON.stringify(enrolled)).toBe(true);
    await t.call('auth.signIn', { login: CLERK.login, password: CLERK.password });
    const r = await t.call('cases.accept', await acceptInput(t.call, undefined, person({ name: '王𠮷䶮' })));
    if (!r.ok) throw new Error(r.error.message);
    const caseNo = r.value.caseNo;
    // Pushed to the centre (bounded wait on the centre's state, not on time).
    for (let i = 0; i < 50; i += 1) {
      await t.call('sync.now', {});
      if ((await db.query('SELECT 1 FROM cases WHERE case_no = $1', [caseNo])).length > 0) break;
    }
    const qr = qrContentOf(t.ctx, caseOrRefuse(t.ctx, caseNo));
    expect(qr.startsWith(`${c.url}/progress#OW1%7C${caseNo}%7C`)).toBe(true);

    const { page, errors } = await open(qr);
    expect(await page.locator('#state').getAttribute('data-verdict')).toBe('valid');
    expect(await page.locator('#caseNo').textContent()).toBe(caseNo);
    expect(await page.locator('#status').textContent()).toContain('已收件');
    expect(await page.locator('#dueDate').textContent()).toBe(r.value.dueDate);
    expect(await page.locator('#applicant').textContent()).toBe('王**');
    expect(await page.locator('#items').textContent()).toBe('上海市居住证首次申领');
    const shown = (await page.locator('body').textContent()) ?? '';
    for (const personal of [VALID_ID, '13812345678', '王𠮷䶮']) expect(shown).not.toContain(personal);
    expect(errors).toEqual([]);
    await page.close();

    // The same code, scanned at a window, verifies offline.
    expect(await t.call('notices.verify', { payload: qr })).toMatchObject({ ok: true, value: { valid: true, caseNo, issuedHere: true, caseFound: true } });

    // Tampered: one hex digit of the signature changed.
    const last = qr.at(-1) === '0' ? '1' : '0';
    const tampered = await open(`${qr.slice(0, -1)}${last}`);
    expect(await tampered.page.locator('#state').getAttribute('data-verdict')).toBe('refused');
    expect(await tampered.page.locator('#state').getAttribute('data-reason')).toBe('qr_signature');
    expect(await tampered.page.locator('#result').isHidden()).toBe(true);
    await tampered.page.close();
    expect(await t.call('notices.verify', { payload: `${qr.slice(0, -1)}${last}` })).toMatchObject({ ok: true, value: { valid: false, reason: 'qr_signature' } });
  });

  it('refuses a foreign code (a window the centre never enrolled) and a URL with no code', async () => {
    const stranger = keysFromSeed(randomBytes(32));
    const foreign = signQr({ caseNo: 'TSTRANGER1-20261126-0001', outcome: 'accepted', date: '2026-11-26', applicantHash: '0123456789abcdef' }, stranger.privateKey);
    const a = await open(`${c.url}/progress#${encodeURIComponent(foreign)}`);
    expect(await a.page.locator('#state').getAttribute('data-reason')).toBe('qr_unknown_terminal');
    await a.page.close();
    const b = await open(`${c.url}/progress`);
    expect(await b.page.locator('#state').getAttribute('data-verdict')).toBe('refused');
    expect(b.errors).toEqual([]);
    await b.page.close();
  });
});
