import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForCupsPdfOutput } from '../../main/printing/cups-pdf.js';
import { launchBrowser } from '../support/browser.js';
import { focusedTestId, hostApi, press as pressKeys, seeText as seeTextIn, typeEnter as typeAndEnter, WAIT } from '../support/page-keys.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';

/**
 * Notices in Chromium through the real host and a real CUPS queue (cups-pdf, `PDF`): a supervisor
 * chooses the printer per kind on the terminal page; a case accepted by keyboard shows its notice
 * drawn by pdf.js on canvas (measured: pages, size, ink); P prints it to the queue, and again as a
 * reprint; the reprint is voided, first with a wrong supervisor password (refused next to the
 * field), then signed; a printer that does not exist is refused with the printing system's own words,
 * and printing again on a real printer works; a character no font has is named before printing. No
 * console error (CSP violation included) is allowed.
 *
 * The tests run in order on one page and one store, as a clerk's day does. Every wait is bounded.
 * Every PDF the queue writes for these prints is removed at the end.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const ID = '11010519491231002X';
const NAME = '王𠮷';
const ADMIN = { login: 'wang', displayName: NAME, password: 'counter2026' };
const SUPERVISOR = { login: 'li', displayName: '李䶮', role: 'supervisor', password: 'super-pass-1' };
/** cupsd waits until the job has left the queue (cups-pdf turns it into a PDF) before `print` answers. */
const PRINT_WAIT = { timeout: 40_000 };

describe('notices in Chromium through the host, printed to CUPS', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  let cupsPdfDir: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-notices-'));
  const shots = process.env.ONEWINDOW_SCREENSHOTS ?? dataDir;
  const problems: string[] = [];
  /** The refused print makes one HTTP 503 that Chromium logs; it is expected exactly while this is > 0. */
  let expected503 = 0;
  const jobs: string[] = [];
  let caseNo = '';
  /** Where the notice panel is looked for: the done view first, later the case detail (the done view stays mounted, hidden). */
  let scope: Page | Locator;
  const byId = (testId: string): Locator => scope.getByTestId(testId);

  const testIdOfFocus = (): Promise<string | null> => focusedTestId(page);
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be', wait = WAIT): Promise<void> =>
    seeTextIn(scope, testId, expected, how, wait);
  const press = (...keys: string[]): Promise<void> => pressKeys(page, ...keys);
  const typeEnter = (value: string): Promise<void> => typeAndEnter(page, value);
  const must = (name: string, input: object = {}): Promise<unknown> => hostApi(host.url, browser).must(name, input);
  /** The printed job's id on screen; its PDF must come out of the queue (and is removed at the end). */
  async function printedJob(): Promise<string> {
    const jobId = (await byId('notice-printed-job').textContent(WAIT)) ?? '';
    expect(jobId).toMatch(/^PDF-\d+$/);
    jobs.push(jobId);
    const file = await waitForCupsPdfOutput(cupsPdfDir, jobId);
    expect(statSync(file).size).toBeGreaterThan(1_000);
    return jobId;
  }
  /** Every preview canvas: its size, and how many of its pixels carry ink (not white). */
  const canvases = (): Promise<{ width: number; height: number; cssWidth: number; ink: number; pixels: number }[]> =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid="done"] [data-testid="notice-preview"] canvas')).map((c) => {
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let ink = 0;
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) ink++;
        return { width: c.width, height: c.height, cssWidth: c.getBoundingClientRect().width, ink, pixels: c.width * c.height };
      }),
    );

  beforeAll(async () => {
    // Idempotent: starts cupsd and the PDF queue if they are not there, and says where cups-pdf writes.
    const said = execFileSync('bash', [join(ROOT, 'scripts', 'start-cups.sh')], { encoding: 'utf8', timeout: 60_000 });
    cupsPdfDir = /cups-pdf output: (.+)/.exec(said)?.[1]?.trim() ?? '';
    expect(cupsPdfDir).not.toBe('');

    host = await startHostProcess(['--data', dataDir]);
    // The browser first: the API calls below sign it in (the host binds the session to it).
    browser = await launchBrowser();
    await must('setup.init', { terminalCode: 'T3101040007', windowNo: '12', hall: '徐汇区行政服务中心', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
    await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    await must('staff.create', SUPERVISOR);

    page = await browser.newPage();
    scope = page;
    // A CSP violation in the page is also reported as a console error, whatever Chromium logs itself.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = m.text();
      // A refusal (wrong password…) is an HTTP 4xx that Chromium logs; the test checks each on screen.
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      if (expected503 > 0 && /^Failed to load resource: the server responded with a status of 503/.test(text)) {
        expected503--;
        return;
      }
      problems.push(text);
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    // The PDFs cups-pdf wrote for this test's jobs (also those a failed assertion left behind).
    for (const jobId of jobs) {
      const n = /-(\d+)$/.exec(jobId)?.[1];
      if (!n || !cupsPdfDir || !existsSync(cupsPdfDir)) continue;
      for (const f of readdirSync(cupsPdfDir)) {
        if (f.endsWith(`-job_${n}.pdf`) || f === `job_${n}.pdf`) rmSync(join(cupsPdfDir, f), { force: true });
      }
    }
  });

  it('the terminal page shows the printers and their state; a supervisor chooses the printer per kind', async () => {
    await page.goto(host.url);
    await page.getByTestId('item-search').waitFor({ timeout: 10_000 });
    await press('Alt+Digit3');
    await page.getByTestId('printer-settings').waitFor(WAIT);
    await page.getByTestId('printer-PDF').waitFor(WAIT);
    await seeText('printer-PDF-state', /^(空闲|正在打印)$/);
    expect(await page.getByTestId('printer-kind-accepted').inputValue()).toBe('');
    await page.getByTestId('printer-kind-accepted').focus();
    await page.getByTestId('printer-kind-accepted').selectOption('PDF');
    await seeText('printers-saved', '已保存：受理通知书使用 PDF。');
    const list = (await must('printers.list')) as { chosen: Record<string, string> };
    expect(list.chosen.accepted).toBe('PDF');
    await page.screenshot({ path: `${shots}/notices-printers.png`, fullPage: true });
  });

  it('accepts a case by keyboard; the done view draws its notice with pdf.js on canvas', async () => {
    await press('Alt+Digit1');
    await page.getByTestId('item-search').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('item-search');
    await page.keyboard.type('hkqr');
    await page.getByTestId('hit-310101-SH-JM-001').waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('applicant-idNumber').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-idNumber');
    await typeEnter(ID);
    await expect.poll(testIdOfFocus, WAIT).toBe('applicant-name');
    await typeEnter(NAME);
    await typeEnter('13812345678');
    await typeEnter('上海市徐汇区漕溪北路 336 号');
    await press('Control+Enter');
    await page.getByTestId('material-0').waitFor(WAIT);
    await press('Control+Enter');
    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('summary').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('summary-confirm');
    await press('Enter');

    await page.getByTestId('done').waitFor(WAIT);
    caseNo = (await page.getByTestId('done-caseNo').textContent(WAIT)) ?? '';
    expect(caseNo).toMatch(/^T3101040007-\d{8}-0001$/);
    // The focus stays on "next intake": Enter still starts the next one; P prints.
    await expect.poll(testIdOfFocus, WAIT).toBe('new-intake');

    scope = page.getByTestId('done');
    await byId('notice-panel').waitFor(WAIT);
    await seeText('notice-documentNo', `SL-${caseNo}`);
    await seeText('notice-next-which', '下次打印：首次打印');
    await scope.locator('[data-testid="notice-preview"][aria-busy="false"]').waitFor({ timeout: 15_000 });
    const pages = Number(await byId('notice-preview').getAttribute('data-rendered'));
    expect(pages).toBeGreaterThanOrEqual(1);
    await seeText('notice-pages', `共 ${pages} 页`);
    const drawn = await canvases();
    expect(drawn).toHaveLength(pages);
    for (const c of drawn) {
      // An A4 page 460 CSS pixels wide, in proportion (297/210), neither blank nor half black.
      expect(c.cssWidth).toBeGreaterThanOrEqual(440);
      expect(c.height / c.width).toBeCloseTo(297 / 210, 1);
      expect(c.ink / c.pixels).toBeGreaterThan(0.01);
      expect(c.ink / c.pixels).toBeLessThan(0.4);
    }
    expect(await byId('notice-missing-glyphs').count()).toBe(0);
    // The printer set for 受理通知书 is preselected, with its state.
    expect(await byId('notice-printer').inputValue()).toBe('PDF');
    await seeText('notice-prints-none', '尚未打印。');
    await page.screenshot({ path: `${shots}/notices-preview.png`, fullPage: true });
  });

  it('the 80 mm roll and the English notice preview too', async () => {
    await byId('notice-layout-receipt').check();
    await byId('notice-language-en').check();
    await expect.poll(async () => (await canvases())[0]?.cssWidth ?? 0, { timeout: 15_000 }).toBeLessThan(320);
    await scope.locator('[data-testid="notice-preview"][aria-busy="false"]').waitFor({ timeout: 15_000 });
    const roll = await canvases();
    expect(roll.length).toBeGreaterThanOrEqual(1);
    expect(roll[0]!.height).toBeGreaterThan(roll[0]!.width); // a slip as long as its content
    expect(roll[0]!.ink / roll[0]!.pixels).toBeGreaterThan(0.01);
    await page.screenshot({ path: `${shots}/notices-preview-roll-en.png`, fullPage: true });
    // Back to the official A4 in Chinese, by keyboard (arrow keys move a radio choice).
    await byId('notice-layout-receipt').focus();
    await press('ArrowLeft');
    expect(await byId('notice-layout-a4').isChecked()).toBe(true);
    await byId('notice-language-en').focus();
    await press('ArrowLeft');
    expect(await byId('notice-language-zh-CN').isChecked()).toBe(true);
    await byId('new-intake').focus();
    await expect.poll(async () => (await canvases())[0]?.cssWidth ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(440);
  });

  it('P prints the notice to the PDF queue and says so; the list shows the print', async () => {
    await expect.poll(testIdOfFocus, WAIT).toBe('new-intake');
    await press('p');
    await seeText('notice-printed-documentNo', `已打印 SL-${caseNo}`, 'be', PRINT_WAIT);
    expect(await byId('notice-printed-reprint').count()).toBe(0);
    await printedJob();
    await seeText('notice-print-0-state', '有效');
    // The preview now shows the next print: the first reprint, a 副本.
    await seeText('notice-next-which', '下次打印：第 1 次补打（页面印“副本”）', 'be', { timeout: 15_000 });
    await seeText('notice-print', '补打（第 1 次，副本） P');
    await expect.poll(testIdOfFocus, WAIT).toBe('new-intake');
  });

  it('Enter on the print button prints again: reprint 1', async () => {
    await byId('notice-print').focus();
    await press('Enter');
    await seeText('notice-printed-reprint', '第 1 次补打', 'be', PRINT_WAIT);
    await seeText('notice-printed-documentNo', `已打印 SL-${caseNo}`);
    await printedJob();
    await seeText('notice-print-1-state', '有效');
    await seeText('notice-next-which', '下次打印：第 2 次补打（页面印“副本”）', 'be', { timeout: 15_000 });
  });

  it('voids reprint 1: a wrong supervisor password is refused next to the field, the right one signs', async () => {
    await byId('notice-void-1').focus();
    await press('Enter');
    await byId('void-dialog').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('void-reason');
    // Enter walks reason → login → password; Enter in the password signs.
    await typeEnter('卡纸，重新打印');
    await expect.poll(testIdOfFocus, WAIT).toBe('void-supervisor');
    await typeEnter(SUPERVISOR.login);
    await expect.poll(testIdOfFocus, WAIT).toBe('void-password');
    await typeEnter('not-the-password-1');
    await seeText('void-password-error', '值班长登录名或密码不正确，或该账号无授权权限。');
    await expect.poll(testIdOfFocus, WAIT).toBe('void-password');
    expect(await byId('void-password').inputValue()).toBe('');
    await seeText('notice-print-1-state', '有效');
    await page.screenshot({ path: `${shots}/notices-void-refused.png`, fullPage: true });

    await typeEnter(SUPERVISOR.password);
    await byId('void-dialog').waitFor({ state: 'detached', ...WAIT });
    await seeText('notice-print-1-state', '已作废：卡纸，重新打印');
    expect(await byId('notice-print-1').getAttribute('data-voided')).toBe('true');
    await seeText('notice-print-0-state', '有效');
    expect(await byId('notice-void-1').count()).toBe(0);
    await expect.poll(testIdOfFocus, WAIT).toBe('notice-print');
    // Journaled under the clerk, signed by the supervisor.
    const detail = (await must('cases.get', { caseNo })) as { journal: { action: string; details: string }[] };
    const voided = detail.journal.find((j) => j.action === 'notice.void');
    expect(voided?.details).toContain('"supervisor":"li"');
  });

  it('a printer that does not exist: the printing system says so on screen; printing again elsewhere works', async () => {
    await must('settings.setPrinter', { kind: 'accepted', printer: 'NoSuchPrinter' });
    await press('Alt+Digit2');
    await page.getByTestId(`case-row-${caseNo}`).waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('cases-query');
    await press('Enter');
    await page.getByTestId('case-detail').waitFor(WAIT);
    scope = page.getByTestId('case-detail');
    await byId('notice-panel').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('detail-back');
    await expect.poll(() => byId('notice-printer').inputValue(), WAIT).toBe('NoSuchPrinter');
    await seeText('notice-printer', 'NoSuchPrinter（本机没有这台打印机）', 'contain');
    await seeText('notice-print-1-state', '已作废：卡纸，重新打印');

    expected503 = 1;
    await press('p');
    await byId('notice-print-error').waitFor(PRINT_WAIT);
    await seeText('notice-print-error-text', '没有这台打印机。');
    // The printing system's own words (CUPS: lpstat: Invalid destination name in list "NoSuchPrinter").
    await seeText('notice-printer-said', 'NoSuchPrinter', 'contain');
    await seeText('notice-printer-said', /Invalid destination|does not exist|not found/i);
    expect(expected503).toBe(0);
    await page.screenshot({ path: `${shots}/notices-print-error.png`, fullPage: true });
    // Nothing was recorded for the refused job: the next print is still reprint 2.
    expect(await scope.locator('[data-testid^="notice-print-"][data-voided]').count()).toBe(2);

    await byId('notice-printer').selectOption('PDF');
    await byId('notice-print-again').focus();
    await press('Enter');
    await seeText('notice-printed-reprint', '第 2 次补打', 'be', PRINT_WAIT);
    await printedJob();
    await seeText('notice-print-2-state', '有效');
  });

  it('Esc closes the void dialog without leaving the case; Esc again goes back to the list', async () => {
    await byId('notice-void-2').focus();
    await press('Enter');
    await byId('void-dialog').waitFor(WAIT);
    await expect.poll(testIdOfFocus, WAIT).toBe('void-reason');
    await press('p'); // typing in the reason, P is a letter, not a print
    expect(await byId('void-reason').inputValue()).toBe('p');
    await press('Escape');
    await byId('void-dialog').waitFor({ state: 'detached', ...WAIT });
    expect(await page.getByTestId('case-detail').count()).toBe(1);
    await expect.poll(testIdOfFocus, WAIT).toBe('notice-void-2');
    await seeText('notice-print-2-state', '有效');
    await press('Escape');
    await page.getByTestId('cases-query').waitFor(WAIT);
  });

  it('a character no bundled font has is named before printing', async () => {
    // 𱍊 (CJK Extension G) is in neither Noto Sans CJK SC nor HanaMinB: it would print blank.
    const target = { itemCodes: ['310101-SH-JM-004'] };
    const checklist = (await must('catalog.checklist', { target })) as { entries: { id: string; form: string; copies: number }[] };
    const made = (await must('cases.accept', {
      intakeId: crypto.randomUUID(),
      applicant: { kind: 'person', idType: 'resident_id', idNumber: ID, name: '王𱍊', phone: '13812345678' },
      target,
      materials: checklist.entries.map((e) => ({ entryId: e.id, status: 'received', form: e.form, copies: e.copies, pages: 1 })),
    })) as { caseNo: string };
    await page.getByTestId(`case-row-${made.caseNo}`).waitFor(WAIT);
    await page.getByTestId(`case-row-${made.caseNo}`).click();
    scope = page.getByTestId('case-detail');
    await seeText('notice-missing-glyphs', '以下字符没有字体可以打印，会印成空白：𱍊 (U+3134A)。请联系信息管理员。', 'be', { timeout: 15_000 });
    await seeText('notice-prints-none', '尚未打印。');
    await press('Escape');
    await page.getByTestId('cases-query').waitFor(WAIT);
    expect(problems).toEqual([]);
  });
});
