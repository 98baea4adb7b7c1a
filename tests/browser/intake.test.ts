import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type ApiAnswer, focusedTestId, hostApi, press as pressKeys, seeText as seeTextIn, typeEnter as typeAndEnter, WAIT } from '../support/page-keys.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';

/**
 * The counter's day in Chromium through the real host, one terminal from first run on: setup, sign-in,
 * a case accepted by keyboard only, one sent for correction, one rejected, all found again in today's
 * list and opened; the terminal page; the lock screen, by hand and after idling.
 *
 * The tests run in order on one page and one store, as a clerk's day does. Every wait is bounded.
 */
const ID = '11010519491231002X';
const NAME = '王𠮷';
const SCRIPT_NAME = '<script>alert(1)</script>餐饮有限公司';

describe('intake in Chromium through the host', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  // The store outlives single tests (tests/support/temp.ts removes its folders after each test).
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-intake-'));
  const shots = process.env.ONEWINDOW_SCREENSHOTS ?? dataDir;
  const problems: string[] = [];
  const cases: { accepted?: string; correction?: string; rejected?: string } = {};

  const testIdOfFocus = (): Promise<string | null> => focusedTestId(page);
  const text = async (testId: string): Promise<string> => (await page.getByTestId(testId).textContent(WAIT)) ?? '';
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be'): Promise<void> => seeTextIn(page, testId, expected, how, WAIT);
  const press = (...keys: string[]): Promise<void> => pressKeys(page, ...keys);
  const typeEnter = (value: string): Promise<void> => typeAndEnter(page, value);
  const api = <T = unknown>(name: string, input: object = {}): Promise<ApiAnswer<T>> => hostApi(host.url, browser).api<T>(name, input);

  beforeAll(async () => {
    host = await startHostProcess(['--data', dataDir]);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      // A refusal (wrong password, locked…) is an HTTP 4xx that Chromium logs; the test checks each on screen.
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // A name typed as markup must never run: any dialog is a failure.
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('first run: the setup screen creates the terminal and its admin, by keyboard', async () => {
    await page.goto(host.url);
    await page.getByTestId('setup-terminalCode').waitFor({ timeout: 10_000 });
    await expect.poll(testIdOfFocus, WAIT).toBe('setup-terminalCode');
    await typeEnter('t3101040007');
    await typeEnter('12');
    await typeEnter('徐汇区行政服务中心');
    await typeEnter('徐汇区');
    await typeEnter('wang');
    await typeEnter(NAME);
    await typeEnter('short');
    await typeEnter('short');
    await expect.poll(testIdOfFocus, WAIT).toBe('setup-sample');
    expect(await page.getByTestId('setup-sample').isChecked()).toBe(true);
    await press('Enter');
    // The server's password rule, shown next to the password.
    await seeText('setup-admin-password-error', '密码至少 8 位，且须同时包含字母和数字。');

    await page.getByTestId('setup-admin-password').fill('counter2026');
    await page.getByTestId('setup-repeat').fill('counter2025');
    await page.getByTestId('setup-repeat').press('Enter');
    await page.getByTestId('setup-sample').press('Enter');
    await seeText('setup-repeat-error', '两次输入的密码不一致。');
    await page.getByTestId('setup-repeat').fill('counter2026');
    await page.getByTestId('setup-repeat').press('Enter');
    await page.getByTestId('setup-sample').press('Enter');

    await page.getByTestId('signin-password').waitFor(WAIT);
    expect(await page.getByTestId('signin-login').inputValue()).toBe('wang');
    await expect.poll(testIdOfFocus, WAIT).toBe('signin-password');
  });

  it('sign in: a wrong password shows an error next to it; the right one opens the intake', async () => {
    await typeEnter('wrong-password1');
    await seeText('signin-password-error', '登录名或密码不正确。');
    expect(await page.getByTestId('signin-password').inputValue()).toBe('');
    await typeEnter('counter2026');
    await page.getByTestId('item-search').waitFor(WAIT);
    await seeText('who', `${NAME}（管理员）`);
    await expect.poll(testIdOfFocus, WAIT).toBe('item-search');
  });

  it('accepts a case with its materials by keyboard only', async () => {
    // Step 1: pinyin initials find 户口迁入登记; Enter chooses.
    await page.keyboard.type('hkqr');
    await page.getByTestId('hit-310101-SH-JM-001').waitFor(WAIT);
    expect(await page.getByTestId('hit-310101-SH-JM-001').getAttribute('aria-selected')).toBe('true');
    await press('Enter');

    // Step 2: the focus is on the ID number; Enter walks name → phone → address → agent → next step.
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-idNumber');
    await typeEnter(ID);
    await seeText('applicant-idNumber-derived', '出生日期 1949-12-31 · 女');
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-name');
    await typeEnter(NAME);
    await typeEnter('138 1234 5678');
    await typeEnter('上海市徐汇区漕溪北路 336 号');
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-hasAgent');
    await press('Enter');

    // Step 3: rows start received; the first row gets 3 pages, the optional fifth is marked missing.
    await page.getByTestId('material-0').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('material-0');
    expect(await page.getByTestId('material-0').getAttribute('data-status')).toBe('received');
    await press('Tab', 'Tab', 'Tab');
    await expect.poll(testIdOfFocus, WAIT).toBe('materials-0-pages');
    await press('Control+A');
    await page.keyboard.type('3');
    await press('Escape');
    await expect.poll(testIdOfFocus, WAIT).toBe('material-0');
    await press('ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown');
    await expect.poll(testIdOfFocus, WAIT).toBe('material-4');
    await press('m');
    expect(await page.getByTestId('material-4').getAttribute('data-status')).toBe('missing');
    await press('r', 'm'); // a change of mind: R then M again
    expect(await page.getByTestId('material-4').getAttribute('data-status')).toBe('missing');
    await page.screenshot({ path: `${shots}/intake-materials.png`, fullPage: true });
    await press('Enter'); // to row 6
    await expect.poll(testIdOfFocus, WAIT).toBe('material-5');
    await press('Enter'); // past the last row: the outcome step

    // Step 4: 受理 is chosen and focused; Enter goes to the summary.
    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('outcome-accept');
    expect(await page.getByTestId('outcome-complete').isDisabled()).toBe(true);
    await press('Enter');

    // Step 5: the summary reads everything back; Enter commits.
    await page.getByTestId('summary').waitFor(WAIT);
    await seeText('summary-name', NAME);
    await seeText('summary-phone', '138 1234 5678');
    await seeText('summary-outcome', '受理', 'contain');
    await expect.poll(testIdOfFocus, WAIT).toBe('summary-confirm');
    await page.screenshot({ path: `${shots}/intake-summary.png`, fullPage: true });
    await press('Enter');

    await page.getByTestId('done').waitFor(WAIT);
    const caseNo = await text('done-caseNo');
    expect(caseNo).toMatch(/^T3101040007-\d{8}-0001$/);
    await seeText('done-outcome', '受理 · 户口迁入登记');
    await seeText('done-dueDate', /^承诺办结日期 \d{4}-\d{2}-\d{2}$/);
    await expect.poll(testIdOfFocus, WAIT).toBe('new-intake');
    await page.screenshot({ path: `${shots}/intake-done.png`, fullPage: true });
    cases.accepted = caseNo;

    // What was stored is what was typed: rare character intact, pages and the missing optional material.
    const detail = (await api('cases.get', { caseNo })) as { ok: true; value: { applicant: { name: string; phone: string }; materials: { status: string; pages: number | null }[] } };
    expect(detail.ok).toBe(true);
    expect(detail.value.applicant.name).toBe(NAME);
    expect(detail.value.applicant.phone).toBe('13812345678');
    expect(detail.value.materials.map((m) => m.status)).toEqual(['received', 'received', 'received', 'received', 'missing', 'received']);
    expect(detail.value.materials[0]?.pages).toBe(3);
  });

  it('sends a case for correction: a returning applicant is filled in, the notice lists what to supply', async () => {
    await press('Enter'); // 受理下一件
    await page.getByTestId('item-search').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('item-search');
    await page.keyboard.type('居住证首次');
    await page.getByTestId('hit-310101-SH-JM-004').waitFor(WAIT);
    await press('Enter');

    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    await page.keyboard.type(ID.toLowerCase()); // a lowercase x is the same number
    await page.getByTestId('applicant-returning').waitFor(WAIT);
    expect(await page.getByTestId('applicant-name').inputValue()).toBe(NAME);
    expect(await page.getByTestId('applicant-phone').inputValue()).toBe('13812345678');
    await press('Control+Enter');

    await page.getByTestId('material-2').waitFor(WAIT);
    await press('ArrowDown', 'ArrowDown', 'c');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'materials-2-problem', undefined, WAIT);
    await typeEnter('复印件不清晰');
    await expect.poll(testIdOfFocus, WAIT).toBe('material-3');
    await press('ArrowDown', 'm', 'Control+Enter');

    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await press('b');
    expect(await page.getByTestId('outcome-correction').isChecked()).toBe(true);
    await seeText('to-supply', '复印件不清晰', 'contain');
    await press('Enter');
    await expect.poll(testIdOfFocus, WAIT).toBe('correction-deadline');
    const deadline = await page.getByTestId('correction-deadline').inputValue();
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await press('Enter');
    await page.getByTestId('summary').waitFor(WAIT);
    await seeText('summary-outcome', `补正期限 ${deadline}`, 'contain');
    await press('Enter');

    await page.getByTestId('done').waitFor(WAIT);
    cases.correction = await text('done-caseNo');
    expect(cases.correction).toMatch(/-0002$/);
    await seeText('done-outcome', '补正', 'contain');
    await seeText('done-deadline', `补正期限 ${deadline}`);
  });

  it('rejects a case for an organisation; a name typed as markup stays text', async () => {
    await press('Enter');
    await page.getByTestId('item-search').waitFor(WAIT);
    await page.keyboard.type('开办餐饮店');
    await page.getByTestId('hit-310101-SH-YJS-002').waitFor(WAIT);
    await seeText('hit-310101-SH-YJS-002', '一件事', 'contain');
    await press('Enter');

    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    await press('Alt+o');
    await page.getByTestId('applicant-uscc').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-uscc');
    await typeEnter('91350100M000100Y43');
    await typeEnter(SCRIPT_NAME);
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-legalRep-idType');
    await press('Enter');
    await typeEnter('440524188001010014');
    await typeEnter('李䶮');
    await press('Control+Enter');

    // A bundle: shared materials (the legal representative's ID, the premises, the licence) appear once.
    await page.getByTestId('material-0').waitFor(WAIT);
    const names = await page.locator('.material-name').allTextContents();
    expect(names.filter((n) => n === '法定代表人居民身份证')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    await press('Control+Enter');

    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await press('n', 'Enter');
    await expect.poll(testIdOfFocus, WAIT).toBe('reject-reason');
    await typeEnter('申请事项不属于本机关职权范围');
    await typeEnter('上海市市场监督管理局');
    await page.getByTestId('summary').waitFor(WAIT);
    await seeText('summary-name', SCRIPT_NAME);
    await press('Enter');

    await page.getByTestId('done').waitFor(WAIT);
    cases.rejected = await text('done-caseNo');
    await seeText('done-outcome', '不予受理 · 开办餐饮店一件事');
    expect(await page.locator('script:not([src])').count()).toBe(0);
  });

  it("finds the cases in today's list by case number and by name, and opens one", async () => {
    await press('Alt+Digit2');
    await page.getByTestId('cases-query').waitFor(WAIT);
    await page.getByTestId('cases-list').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('cases-query');
    // Newest first.
    const rows = page.locator('[data-testid^="case-row-"]');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().getAttribute('data-testid')).toBe(`case-row-${cases.rejected}`);
    await seeText(`case-row-${cases.rejected}`, SCRIPT_NAME, 'contain');

    await page.keyboard.type(cases.accepted!);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="case-row-"]').length === 1, undefined, WAIT);
    await page.getByTestId(`case-row-${cases.accepted}`).waitFor(WAIT);
    await press('Enter');

    await page.getByTestId('case-detail').waitFor(WAIT);
    await seeText('detail-caseNo', cases.accepted!);
    await seeText('detail-outcome', '受理');
    await seeText('detail-applicant', NAME);
    await seeText('detail-idNumber', ID);
    await seeText('detail-birth', '1949-12-31 · 女');
    await seeText('detail-materials', '户口迁移申请表', 'contain');
    await seeText('detail-materials', '原件 1 份，3 页', 'contain');
    await seeText('detail-journal', 'case.accepted', 'contain');
    await page.screenshot({ path: `${shots}/case-detail.png`, fullPage: true });
    await press('Escape');

    await page.getByTestId('cases-query').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('cases-query');
    await page.getByTestId('cases-query').fill(NAME);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="case-row-"]').length === 2, undefined, WAIT);
    await press('ArrowDown', 'Enter'); // the older of the two: the accepted one
    await page.getByTestId('case-detail').waitFor(WAIT);
    await seeText('detail-caseNo', cases.accepted!);
    // No wait: a fast typist's ↑ right after Esc must land in the list (useHashRoute notifies at once).
    await press('Escape');
    await press('ArrowUp', 'Enter'); // the newer: the correction
    await page.getByTestId('case-detail').waitFor(WAIT);
    await seeText('detail-caseNo', cases.correction!);
    await seeText('detail-materials', '复印件不清晰', 'contain');
    await press('Escape');

    // The outcome filter, and the rejected case's name shown as the text it is.
    await page.getByTestId('cases-query').fill('');
    await page.getByTestId('cases-outcome').selectOption('rejected');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="case-row-"]').length === 1, undefined, WAIT);
    await page.getByTestId(`case-row-${cases.rejected}`).click();
    await page.getByTestId('case-detail').waitFor(WAIT);
    await seeText('detail-applicant', SCRIPT_NAME);
    await seeText('detail-legalRep', '李䶮 · 440524188001010014');
    await seeText('detail-rejectReason', '申请事项不属于本机关职权范围');
    await seeText('detail-competentAuthority', '上海市市场监督管理局');
    await press('Escape');
  });

  it('refreshes the list when a case is made elsewhere (cases.changed)', async () => {
    await page.getByTestId('cases-outcome').selectOption('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="case-row-"]').length === 3, undefined, WAIT);
    const made = (await api('cases.complete', {
      intakeId: crypto.randomUUID(),
      applicant: { kind: 'person', idType: 'resident_id', idNumber: ID, name: NAME, phone: '13812345678' },
      target: { itemCodes: ['310101-SH-SB-003'] },
      materials: [{ entryId: '310101-SH-SB-003#applicant_id', status: 'received', form: 'original', copies: 1, pages: 1 }],
    })) as { ok: boolean; value: { caseNo: string } };
    expect(made.ok).toBe(true);
    await page.getByTestId(`case-row-${made.value.caseNo}`).waitFor(WAIT);
    await seeText(`case-row-${made.value.caseNo}`, '即办', 'contain');
  });

  it('keeps the terminal page reachable (Alt+3): terminal info and the audit check', async () => {
    await press('Alt+Digit3');
    await page.getByTestId('info-terminalCode').waitFor(WAIT);
    await seeText('info-terminalCode', 'T3101040007');
    await seeText('info-windowNo', '12');
    await seeText('info-hall', '徐汇区行政服务中心');
    await page.getByTestId('audit-verify').click();
    await seeText('audit-result', /^审计日志完整：已校验 \d+ 条记录。$/);
    await press('Alt+Digit1');
    await page.getByTestId('done').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('new-intake');
  });

  it('locks by hand (Alt+L), keeps the work behind the lock, and unlocks with the password', async () => {
    await press('Enter');
    await page.getByTestId('item-search').waitFor(WAIT);
    await page.keyboard.type('hkqr');
    await page.getByTestId('hit-310101-SH-JM-001').waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    await page.keyboard.type('110105');

    await press('Alt+l');
    await page.getByTestId('lock-screen').waitFor(WAIT);
    await seeText('lock-staff', NAME, 'contain');
    await expect.poll(testIdOfFocus, WAIT).toBe('lock-password');
    await typeEnter('not-it-2026');
    await seeText('lock-password-error', '登录名或密码不正确。');
    // Handlers refuse while locked, whichever door asks.
    expect((await api('cases.list')).error?.code).toBe('locked');
    await typeEnter('counter2026');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    expect(await page.getByTestId('applicant-idNumber').inputValue()).toBe('110105');
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-idNumber');
  });

  it('locks by itself after the idle time, and "someone else" leads to the sign-in screen', async () => {
    await page.clock.install();
    await page.reload();
    await page.getByTestId('item-search').waitFor({ timeout: 10_000 });
    const session = (await api('auth.session')) as { value: { idleLockMinutes: number } };
    await page.clock.fastForward(session.value.idleLockMinutes * 60_000 + 10_000);
    await page.getByTestId('lock-screen').waitFor(WAIT);
    expect((await api('auth.session')) as { value: { locked: boolean } }).toMatchObject({ value: { locked: true } });
    await press('Escape'); // 以其他身份登录
    await page.getByTestId('signin-login').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('signin-login');
    await typeEnter('wang');
    await typeEnter('counter2026');
    await page.getByTestId('item-search').waitFor(WAIT);
    expect(problems).toEqual([]);
  });
});
