import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { focusedTestId, hostApi, press, seeText as seeTextIn, typeEnter, WAIT } from '../support/page-keys.js';

/**
 * Issue 13's intake defects, by keyboard at 1366×768 and 1920×1080: a returning applicant's name is
 * never doubled by typing after the prefill (2); an item code's local part finds that item first and
 * a bundle says so on the summary (4); the power of attorney starts unticked (5); a resident's name
 * with digits or markup, or too long, is refused with its reason (7); an immediate item starts as
 * 即办 and its done view says 办结 (13).
 */
const ADMIN = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
const ID = '11010519491231002X';
const NAME = '王𪚥';
const PERMIT = '310101-SH-JM-004';

describe.each([
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
])('intake defects of issue 13 at $width×$height', (viewport) => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-counter-'));
  const problems: string[] = [];
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be'): Promise<void> => seeTextIn(page, testId, expected, how, WAIT);
  const focus = (): Promise<string | null> => focusedTestId(page);
  /** A call from the page itself, so it carries the browser's session like the app's own calls. */
  const inPage = <T,>(name: string, input: object): Promise<{ ok: boolean; value: T }> =>
    page.evaluate(async ([n, i]) => (await fetch(`./api/${n as string}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i) })).json(), [name, input] as const) as Promise<{ ok: boolean; value: T }>;

  beforeAll(async () => {
    host = await startHostProcess(['--data', dataDir]);
    browser = await launchBrowser();
    await hostApi(host.url, browser).must('setup.init', { terminalCode: 'T3101040007', windowNo: '12', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
    page = await browser.newPage();
    await page.setViewportSize(viewport);
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(host.url);
    await page.getByTestId('signin-login').waitFor(WAIT);
    await typeEnter(page, ADMIN.login);
    await typeEnter(page, ADMIN.password);
    await page.getByTestId('item-search').waitFor(WAIT);
    // The applicant comes back: one earlier case with the same ID number.
    const target = { itemCodes: [PERMIT] };
    const checklist = await inPage<{ entries: { id: string; form: string; copies: number }[] }>('catalog.checklist', { target });
    const materials = checklist.value.entries.map((e) => ({ entryId: e.id, status: 'received', form: e.form, copies: e.copies, pages: 1 }));
    const accepted = await inPage('cases.accept', { intakeId: crypto.randomUUID(), applicant: { kind: 'person', idType: 'resident_id', idNumber: ID, name: NAME, phone: '13812345678' }, target, materials });
    expect(accepted.ok).toBe(true);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('defect 2: the prefill answering after Enter is selected, so typing replaces it instead of doubling the name', async () => {
    await page.getByTestId('item-search').focus();
    await page.keyboard.type('居住证首次');
    await page.getByTestId(`hit-${PERMIT}`).waitFor(WAIT);
    await press(page, 'Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    // Hold the lookup until the caret is in the name field: the order a busy counter PC sees.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/applicants.find', async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.keyboard.type(ID);
    await press(page, 'Enter');
    await expect.poll(focus, WAIT).toBe('applicant-name');
    release();
    await page.getByTestId('applicant-returning').waitFor(WAIT);
    expect(await page.getByTestId('applicant-name').inputValue()).toBe(NAME);
    await page.keyboard.type(NAME);
    expect(await page.getByTestId('applicant-name').inputValue()).toBe(NAME);
    await page.unroute('**/api/applicants.find');
    await seeText('applicant-returning', '老用户：已带出该申请人上次登记的信息，请核对。');
  });

  it('defect 5: the power of attorney starts unticked when the agent section opens (Alt+A)', async () => {
    await press(page, 'Alt+A');
    await page.getByTestId('applicant-agent-powerOfAttorney').waitFor(WAIT);
    expect(await page.getByTestId('applicant-agent-powerOfAttorney').isChecked()).toBe(false);
    await press(page, 'Alt+A');
    await press(page, 'Escape');
  });

  it('defect 4: the local part of an item code lists that item first, Enter takes it; a bundle is marked', async () => {
    await press(page, 'Alt+1');
    await page.getByTestId('item-search').waitFor(WAIT);
    await page.getByTestId('item-search').focus();
    await press(page, 'Control+A');
    await page.keyboard.type('JS-002');
    await page.getByTestId('hit-310101-SH-JS-002').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('hit-310101-SH-JS-002').getAttribute('aria-selected'), WAIT).toBe('true');
    await seeText('hit-310101-SH-YJS-002', '一件事', 'contain');
    await press(page, 'Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
  });

  it('defect 7: digits and markup in a resident’s name are refused with a reason; an over-long name is refused, not cut', async () => {
    await expect.poll(focus, WAIT).toBe('applicant-idNumber');
    await typeEnter(page, '110105198001010016');
    await expect.poll(focus, WAIT).toBe('applicant-name');
    await page.keyboard.type('张3');
    await seeText('applicant-name-error', '姓名中不能有数字，请按证件上的姓名填写。（第 2 位）');
    await press(page, 'Control+A');
    await page.keyboard.type('<b>张</b>');
    await seeText('applicant-name-error', /^姓名中不能有 < > & " \/ 等符号/);
    await press(page, 'Control+A');
    await page.keyboard.type('A');
    await press(page, 'Tab');
    await seeText('applicant-name-error', /^居民身份证持有人的姓名应为汉字/);
    await page.getByTestId('applicant-name').fill('王'.repeat(2000));
    await press(page, 'Tab');
    expect((await page.getByTestId('applicant-name').inputValue()).length).toBe(2000);
    await seeText('applicant-name-error', '名称过长。');
  });

  it('defect 13: an immediate item starts as 即办, and the done view says 办结', async () => {
    await press(page, 'Escape');
    await page.getByTestId('item-search').waitFor(WAIT);
    await page.getByTestId('item-search').focus();
    await press(page, 'Control+A');
    await page.keyboard.type('居住登记');
    await page.getByTestId('hit-310101-SH-JM-003').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('hit-310101-SH-JM-003').getAttribute('aria-selected'), WAIT).toBe('true');
    await press(page, 'Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    await page.getByTestId('applicant-idNumber').fill('110105198001010016');
    await page.getByTestId('applicant-name').fill('李四');
    await page.getByTestId('applicant-phone').fill('13900139000');
    await press(page, 'Control+Enter');
    await page.getByTestId('material-0').waitFor(WAIT);
    // Defect 15: E and C move the focus into their field, and the key legend says so.
    await seeText('keys-exempt-field', '（转到电子证照编号）');
    await seeText('keys-correct-field', '（转到问题说明）');
    await press(page, 'Control+Enter');
    await page.getByTestId('outcome-complete').waitFor(WAIT);
    expect(await page.getByTestId('outcome-complete').isChecked()).toBe(true);
    await press(page, 'Control+Enter');
    await page.getByTestId('summary').waitFor(WAIT);
    await page.getByTestId('summary-confirm').press('Enter');
    await page.getByTestId('done').waitFor(WAIT);
    await seeText('done-dueDate', /^办结日期 \d{4}-\d{2}-\d{2}$/);
    await press(page, 'Enter');
  });

  it('defect 15: an optional material left out is not a red gap; the fee shows on the 确认 step', async () => {
    await page.getByTestId('item-search').waitFor(WAIT);
    await page.getByTestId('item-search').focus();
    await page.keyboard.type('hkqr'); // 户口迁入登记: its fifth material is optional
    await page.getByTestId('hit-310101-SH-JM-001').waitFor(WAIT);
    await press(page, 'Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    await page.getByTestId('applicant-idNumber').fill('110105198001010016');
    await page.getByTestId('applicant-name').fill('李四');
    await page.getByTestId('applicant-phone').fill('13900139000');
    await press(page, 'Control+Enter');
    await page.getByTestId('material-0').waitFor(WAIT);
    await expect.poll(focus, WAIT).toBe('material-0');
    await press(page, 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'm');
    await expect.poll(() => page.getByTestId('material-4').getAttribute('data-status'), WAIT).toBe('missing');
    expect(await page.getByTestId('material-4').getAttribute('class')).toContain('optional-left-out');
    await press(page, 'Control+Enter');
    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await press(page, 'Control+Enter');
    await page.getByTestId('summary').waitFor(WAIT);
    await seeText('summary-fee', /^(不收费|¥\d+\.\d{2})$/);
    expect(await page.getByTestId('summary-material-4').getAttribute('class')).toContain('optional-left-out');
    const red = await page.getByTestId('summary-material-4').locator('td').first().evaluate((td) => getComputedStyle(td).color);
    expect(red).not.toBe('rgb(176, 0, 32)'); // --err
    expect(problems).toEqual([]);
  });
});
