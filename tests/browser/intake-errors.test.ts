import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type ApiAnswer, hostApi, press as pressKeys, seeText as seeTextIn, WAIT } from '../support/page-keys.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';

/**
 * Every bad input the counter meets, each shown on screen next to its field, in Chromium through the
 * real host: ID numbers (check digit, impossible and future birth dates, the old 15-digit form),
 * credit codes (forbidden letters, a failed check character let through by a supervisor), an empty
 * name, accepting with a required material missing, a correction with nothing to correct; and a
 * double Enter on the summary that must not make two cases.
 */
const ID = '11010519491231002X';

describe('intake errors in Chromium through the host', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-intake-errors-'));
  const problems: string[] = [];

  const text = async (testId: string): Promise<string> => (await page.getByTestId(testId).textContent(WAIT)) ?? '';
  const focused = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be'): Promise<void> => seeTextIn(page, testId, expected, how, WAIT);
  const press = (...keys: string[]): Promise<void> => pressKeys(page, ...keys);
  const api = <T = unknown>(name: string, input: object = {}): Promise<ApiAnswer<T>> => hostApi(host.url, browser).api<T>(name, input);
  /** A fresh intake of one item, up to the applicant step. */
  async function startIntake(query: string, code: string): Promise<void> {
    await page.goto(host.url);
    await page.getByTestId('item-search').waitFor({ timeout: 10_000 });
    await page.keyboard.type(query);
    await page.getByTestId(`hit-${code}`).waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
  }
  async function validPerson(): Promise<void> {
    await page.getByTestId('applicant-idNumber').fill(ID);
    await page.getByTestId('applicant-name').fill('王𠮷');
    await page.getByTestId('applicant-phone').fill('13812345678');
  }

  beforeAll(async () => {
    host = await startHostProcess(['--data', dataDir]);
    // The browser first: the API calls below sign it in (the host binds the session to it).
    browser = await launchBrowser();
    const init = await api('setup.init', {
      terminalCode: 'T3101040009',
      windowNo: '3',
      district: '徐汇区',
      admin: { login: 'admin', displayName: '管理员', password: 'counter2026' },
      loadSampleCatalog: true,
    });
    expect(init.ok).toBe(true);
    expect((await api('auth.signIn', { login: 'admin', password: 'counter2026' })).ok).toBe(true);
    expect((await api('staff.create', { login: 'boss', displayName: '值班长', role: 'supervisor', password: 'super2026' })).ok).toBe(true);
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows ID number errors next to the field as they are typed', async () => {
    await startIntake('hkqr', '310101-SH-JM-001');
    const id = page.getByTestId('applicant-idNumber');

    // Wrong check digit: 002X is right, 0021 is not.
    await page.keyboard.type('110105194912310021');
    await seeText('applicant-idNumber-error', '校验码不正确，请核对号码。（第 18 位）');
    expect(await id.getAttribute('aria-invalid')).toBe('true');

    // 30 February does not exist.
    await id.fill('');
    await page.keyboard.type('11010519490230001X');
    await seeText('applicant-idNumber-error', '出生日期不是有效日期。（第 7 位）');

    // Born in 2099.
    await id.fill('');
    await page.keyboard.type('110105209901010011');
    await seeText('applicant-idNumber-error', '出生日期不能晚于今天。（第 7 位）');

    // The old 15-digit form: while typing it is just short; on leaving the field it is refused.
    await id.fill('');
    await page.keyboard.type('110105491231002');
    await seeText('applicant-idNumber-hint', '已输入 15/18 位');
    expect(await page.getByTestId('applicant-idNumber-error').count()).toBe(0);
    await press('Tab');
    await seeText('applicant-idNumber-error', '15 位旧身份证号码已停用，请提供 18 位号码。');

    // An empty name is refused once the clerk leaves it.
    await expect.poll(focused, WAIT).toBe('applicant-name');
    await press('Tab');
    await seeText('applicant-name-error', '请输入姓名或名称。');

    // Trying to go on shows every problem of the step and puts the focus on the first.
    await press('Control+Enter');
    await seeText('applicant-phone-error', '请输入联系电话。');
    await expect.poll(focused, WAIT).toBe('applicant-idNumber');
    expect(await page.getByTestId('material-0').count()).toBe(0);

    // In English too (the language is the terminal's: wait for each switch to land before the next).
    await page.getByTestId('lang-en').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached', ...WAIT });
    await seeText('applicant-idNumber-error', '15-digit ID numbers are no longer in use; ask for the 18-digit number.');
    await page.getByTestId('lang-zh-CN').click();
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached', ...WAIT });
    await seeText('applicant-idNumber-error', '15 位旧身份证号码已停用，请提供 18 位号码。');

    // A valid number clears the error and shows what it encodes.
    await id.fill(ID);
    expect(await page.getByTestId('applicant-idNumber-error').count()).toBe(0);
    await seeText('applicant-idNumber-derived', '出生日期 1949-12-31 · 女');
  });

  it('refuses credit codes with I, O, S, V or Z as typed; a failed check character needs a supervisor', async () => {
    await startIntake('QY-009', '310101-SH-QY-009');
    await press('Alt+o');
    const uscc = page.getByTestId('applicant-uscc');
    await uscc.waitFor(WAIT);
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      await uscc.fill(`91350100M000100${letter}43`);
      await seeText('applicant-uscc-error', '统一社会信用代码不使用字母 I、O、S、V、Z，也不能含其他符号。（第 16 位）');
    }

    // 91350100M000100Y43 is valid; ending in 44 it fails the check character only.
    await uscc.fill('91350100M000100Y44');
    await seeText('applicant-uscc-error', '校验位不符', 'contain');
    await page.getByTestId('applicant-name').fill('上海<b>𠮷祥</b>商贸有限公司');
    await page.getByTestId('applicant-legalRep-idNumber').fill(ID);
    await page.getByTestId('applicant-legalRep-name').fill('王𠮷');
    await press('Alt+s');
    await page.getByTestId('uscc-override').waitFor(WAIT);
    await expect.poll(focused, WAIT).toBe('applicant-usccOverride-supervisor');
    expect(await page.getByTestId('applicant-uscc-error').count()).toBe(0);
    await page.keyboard.type('boss');
    await press('Enter');
    await page.keyboard.type('wrong-2026');
    await press('Enter');
    await page.keyboard.type('登记机关核发的历史代码');
    await press('Control+Enter');

    // 即办: every item of this one is done on the spot.
    await page.getByTestId('material-0').waitFor(WAIT);
    await press('Control+Enter');
    await page.getByTestId('outcome-accept').waitFor(WAIT);
    expect(await page.getByTestId('outcome-complete').isDisabled()).toBe(false);
    await press('j', 'Enter');
    await page.getByTestId('summary').waitFor(WAIT);
    await seeText('summary-id', '91350100M000100Y44 (值班长授权放行)');
    await press('Enter');

    // The server checks the supervisor's password: back to the applicant, the error next to it.
    await seeText('supervisorPassword-error', '值班长登录名或密码不正确，或该账号无授权权限。');
    await expect.poll(focused, WAIT).toBe('supervisorPassword');
    await page.getByTestId('supervisorPassword').fill('super2026');
    expect(await page.getByTestId('supervisorPassword-error').count()).toBe(0);
    await press('Control+Enter', 'Control+Enter');
    await page.getByTestId('outcome-complete').waitFor(WAIT);
    expect(await page.getByTestId('outcome-complete').isChecked()).toBe(true);
    await press('Control+Enter');
    await page.getByTestId('summary-confirm').waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('done').waitFor(WAIT);
    await seeText('done-outcome', '即办 · 仅销售预包装食品备案');
    const caseNo = await text('done-caseNo');
    const detail = await api<{ applicant: { name: string; usccOverride?: { supervisor: string } }; journal: { action: string; actor: string | null }[] }>('cases.get', { caseNo });
    expect(detail.value.applicant.name).toBe('上海<b>𠮷祥</b>商贸有限公司');
    expect(detail.value.applicant.usccOverride?.supervisor).toBe('boss');
  });

  it('will not accept with a required material missing, and says which, next to the choice and the row', async () => {
    await startIntake('hkqr', '310101-SH-JM-001');
    await validPerson();
    await press('Control+Enter');
    await page.getByTestId('material-0').waitFor(WAIT);
    await press('ArrowDown', 'm', 'Control+Enter');
    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await press('Enter');
    await seeText('outcome-problem-materials-1', '「居民户口簿」是必交材料，尚未收取也未免提交，不能受理。可改为容缺受理或补正。');
    expect(await page.getByTestId('summary').count()).toBe(0);

    // 容缺 does not help: it is a key material.
    await page.getByTestId('outcome-accept').focus();
    await press('g', 'Control+Enter');
    await seeText('outcome-problem-materials-1', '「居民户口簿」是关键材料，容缺受理时也不能缺少。');
    await seeText('gaps-commitmentSigned-error', '容缺受理须由申请人签署承诺书。');

    // Back to the materials (Esc): the row says it too.
    await press('Escape');
    await page.getByTestId('material-1').waitFor(WAIT);
    await seeText('material-1-error', '居民户口簿', 'contain');
  });

  it('will not send a correction notice that lists nothing', async () => {
    // Still on the materials step of the last test: receive everything again.
    await page.getByTestId('material-1').focus();
    await press('r', 'Control+Enter');
    await page.getByTestId('outcome-gaps').waitFor(WAIT);
    await page.getByTestId('outcome-gaps').focus();
    await press('b', 'Control+Enter');
    await seeText('outcome-materials-error', '一次性告知书至少要列出一份需补交或更正的材料；当前没有缺少或需更正的材料。');
    // A deadline in the past is refused as well.
    await page.getByTestId('correction-deadline').fill('2020-01-01');
    await seeText('correction-deadline-error', '日期须晚于今天。');
    expect(await page.getByTestId('summary').count()).toBe(0);
  });

  it('Esc backs out one step at a time; a double Enter on the summary makes one case', async () => {
    await startIntake('hkqr', '310101-SH-JM-001');
    await validPerson();
    await press('Control+Enter');
    await page.getByTestId('material-0').waitFor(WAIT);
    await press('Escape');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    expect(await page.getByTestId('applicant-name').inputValue()).toBe('王𠮷');
    await press('Escape');
    await page.getByTestId('item-search').waitFor(WAIT);
    await expect.poll(focused, WAIT).toBe('item-search');
    await page.keyboard.type('hkqr');
    await page.getByTestId('hit-310101-SH-JM-001').waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    expect(await page.getByTestId('applicant-name').inputValue()).toBe('王𠮷');
    await press('Control+Enter');
    await page.getByTestId('material-0').waitFor(WAIT);
    await press('Control+Enter');
    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('summary-confirm').waitFor(WAIT);

    // Two clicks in one task, before React can disable the button: the second must not send.
    const before = await api<unknown[]>('cases.list');
    await page.evaluate(() => {
      const confirm = document.querySelector<HTMLButtonElement>('[data-testid="summary-confirm"]');
      confirm?.click();
      confirm?.click();
    });
    await page.getByTestId('done').waitFor(WAIT);
    // A double Enter as well: the button is disabled while sending, and the server refuses a second case for one intakeId.
    await press('Enter'); // now "next intake"
    await page.getByTestId('item-search').waitFor(WAIT);
    const after = await api<{ caseNo: string }[]>('cases.list');
    expect(after.value.length).toBe(before.value.length + 1);
    expect(problems).toEqual([]);
  });
});
