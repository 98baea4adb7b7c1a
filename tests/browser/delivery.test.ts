import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { focusedTestId, hostApi, press as pressKeys, seeText as seeTextIn, WAIT } from '../support/page-keys.js';
import { startCentralService, type CentralService } from '../support/sync-central.js';

/**
 * 出件 and fees in Chromium through the real host, with the real central service behind it (the back
 * office marks the results ready; the window pulls them) and a real CUPS queue for the slips: by
 * keyboard, a clerk takes a fee in cash with change and by QR payment, a supervisor refunds one, and
 * results go to the applicant, to an agent with a scanned power of attorney, by post, and to a
 * collector whose ID does not match once a supervisor signs it off; a promised 容缺 material is recorded.
 * The tests run in order on one page, one store and one central service. Every wait is bounded.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const TERMINAL = 'T3101040011';
const ID = '11010519491231002X';
const OTHER_ID = '110101199003070011';
/** 居民身份证换领: ¥20.00 at intake. */
const ID_RENEWAL = '310101-SH-JM-006';
/** 不动产转移登记: ¥80.00 before delivery. */
const PROPERTY_TRANSFER = '310101-SH-QT-002';
/** 居住证首次申领: no fee; housing_proof may be promised (容缺). */
const RESIDENCE_PERMIT = '310101-SH-JM-004';
const SYNC_WAIT = { timeout: 30_000 };
const ADMIN = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
const CLERK = { login: 'wang', displayName: '王𠮷', role: 'clerk', password: 'clerk-pass-1' };
const SUPERVISOR = { login: 'li', displayName: '李䶮', role: 'supervisor', password: 'super-pass-1' };

/** The business day `n` days after today (UTC+8), YYYY-MM-DD: the host runs on this machine's clock. */
function dayAfter(n: number): string {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe('出件 and fees, in Chromium through the host', () => {
  let central: CentralService;
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-delivery-'));
  const shots = process.env.ONEWINDOW_SCREENSHOTS ?? dataDir;
  const problems: string[] = [];
  const cases: Record<string, string> = {};

  const must = <T = unknown>(name: string, input: object = {}) => hostApi(host.url, browser).must<T>(name, input);
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be', wait = WAIT): Promise<void> => seeTextIn(page, testId, expected, how, wait);
  const press = (...keys: string[]): Promise<void> => pressKeys(page, ...keys);
  const focused = (): Promise<string | null> => focusedTestId(page);
  /** Types into the field that has the focus (checked by its test id), then Enter to the next. */
  async function fieldEnter(testId: string, value: string): Promise<void> {
    await expect.poll(focused, WAIT).toBe(testId);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  }

  async function accept(item: string, name: string, o: { idNumber?: string; missing?: string[]; promisedDate?: string } = {}): Promise<string> {
    const target = { itemCodes: [item] };
    const list = await must<{ entries: { id: string; form: string; copies: number }[] }>('catalog.checklist', { target });
    const materials = list.entries.map((e) => (o.missing?.includes(e.id) ? { entryId: e.id, status: 'missing' } : { entryId: e.id, status: 'received', form: e.form, copies: e.copies, pages: 2 }));
    const made = await must<{ caseNo: string }>('cases.accept', {
      intakeId: randomUUID(),
      applicant: { kind: 'person', idType: 'resident_id', idNumber: o.idNumber ?? ID, name, phone: '13812345678', address: '上海市徐汇区漕溪北路1号' },
      target,
      materials,
      ...(o.promisedDate ? { gaps: { promisedDate: o.promisedDate, commitmentSigned: true } } : {}),
    });
    return made.caseNo;
  }

  /** The back office brings a case to ready for delivery; the window pulls it (its row shows in the work list). */
  async function ready(caseNo: string): Promise<void> {
    for (const [status, extra] of [['in_review', {}], ['decided', { decision: 'approved' }], ['ready_for_delivery', {}]] as const) {
      const r = await central.office('POST', `/office/cases/${encodeURIComponent(caseNo)}/status`, { status, ...extra });
      expect(r.status, `${caseNo} → ${status}`).toBe(200);
    }
    await expect.poll(async () => (await must<{ rows: { caseNo: string }[] }>('deliveries.list', { query: caseNo })).rows.length, SYNC_WAIT).toBe(1);
  }

  /** From anywhere to one case of the work list, by keyboard: Alt+5, its number in the search box, Enter. */
  async function openForDelivery(caseNo: string): Promise<void> {
    await press('Alt+Digit5');
    await page.getByTestId('delivery-screen').waitFor(WAIT);
    await expect.poll(focused, WAIT).toBe('delivery-query');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(caseNo);
    await page.getByTestId(`delivery-row-${caseNo}`).waitFor(WAIT);
    await expect.poll(() => page.getByTestId('delivery-list').locator('tbody tr').count(), WAIT).toBe(1);
    await press('Enter');
    await seeText('deliver-caseNo', caseNo);
  }

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts', 'start-cups.sh')], { encoding: 'utf8', timeout: 60_000 });
    central = await startCentralService();
    host = await startHostProcess(['--data', dataDir]);
    browser = await launchBrowser();
    await must('setup.init', { terminalCode: TERMINAL, windowNo: '9', district: '徐汇区', hall: '徐汇区行政服务中心', admin: ADMIN, loadSampleCatalog: true });
    await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    await must('staff.create', CLERK);
    await must('staff.create', SUPERVISOR);
    await must('settings.setIdleLock', { minutes: 120 });
    await must('settings.setPrinter', { kind: 'delivery', printer: 'PDF' });
    await must('settings.setPrinter', { kind: 'payment', printer: 'PDF' });
    await must('sync.enroll', { serverUrl: central.url, code: await central.enrollmentCode(TERMINAL, { windowNo: '9', hall: '徐汇区行政服务中心', district: '徐汇区' }), label: 'delivery test' });
    await must('auth.signIn', { login: CLERK.login, password: CLERK.password });
    cases.cash = await accept(ID_RENEWAL, '王𠮷');
    cases.qr = await accept(PROPERTY_TRANSFER, '王𠮷');
    cases.self = await accept(RESIDENCE_PERMIT, '王𠮷');
    cases.agent = await accept(RESIDENCE_PERMIT, '张三', { idNumber: OTHER_ID });
    cases.post = await accept(RESIDENCE_PERMIT, '王𠮷');
    cases.mismatch = await accept(RESIDENCE_PERMIT, '王𠮷');
    cases.gaps = await accept(RESIDENCE_PERMIT, '王𠮷', { missing: [`${RESIDENCE_PERMIT}#housing_proof`], promisedDate: dayAfter(20) });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of (4\d\d|503)/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(host.url);
    await page.getByTestId('who').filter({ hasText: CLERK.displayName }).waitFor(WAIT);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await central?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the fee in cash at the case, shows the change as it is typed, and prints the slip', async () => {
    await press('Alt+Digit2');
    await page.getByTestId('cases-query').waitFor(WAIT);
    await page.keyboard.type(cases.cash!);
    await page.getByTestId(`case-row-${cases.cash}`).waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('fees').waitFor(WAIT);
    await seeText('fee-due', '¥20.00');
    await seeText('fee-lines', '发改价格〔2003〕2322号', 'contain');
    await page.getByTestId('fee-amount').focus();
    await fieldEnter('fee-amount', '20');
    // The method: cash is the first; Enter goes on to what was tendered.
    await expect.poll(focused, WAIT).toBe('fee-method');
    await press('Enter');
    await expect.poll(focused, WAIT).toBe('fee-tendered');
    await page.keyboard.type('50');
    await seeText('fee-tendered-hint', '找零 ¥30.00');
    await press('Enter');
    await seeText('fee-change', '找零 ¥30.00');
    await seeText('fee-outstanding', '¥0.00');
    const entry = (await page.getByTestId('fee-entries').locator('tbody tr td.code').first().textContent(WAIT)) ?? '';
    expect(entry).toMatch(new RegExp(`^SF-${TERMINAL}-\\d{8}-0001$`));
    await page.getByTestId(`fee-print-${entry}`).click();
    await seeText(`fee-printed-${entry}`, '已发送到 PDF');
    await page.screenshot({ path: `${shots}/fee-cash.png`, fullPage: true });
  });

  it('refuses an amount in a wrong form on its field, takes the fee by QR payment, and a supervisor refunds it', async () => {
    await ready(cases.qr!);
    await openForDelivery(cases.qr!);
    await seeText('deliver-readiness', '待缴费');
    await seeText('fee-outstanding', '¥80.00');
    await page.getByTestId('fee-amount').focus();
    await fieldEnter('fee-amount', '80.005');
    await page.getByTestId('fee-method').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // cash → card → QR
    await expect.poll(() => page.getByTestId('fee-method').inputValue(), WAIT).toBe('qr');
    await press('Enter');
    await fieldEnter('fee-reference', 'WX20261126000001');
    await seeText('fee-amount-error', '金额最多精确到分（两位小数）。');
    await page.getByTestId('fee-amount').focus();
    await fieldEnter('fee-amount', '80.00');
    await press('Enter', 'Enter');
    await seeText('fee-outstanding', '¥0.00');
    await seeText('deliver-readiness', '可领取');

    // The refund: a clerk's own password is not a sign-off.
    const entry = (await page.getByTestId('fee-entries').locator('tbody tr td.code').first().textContent(WAIT)) ?? '';
    await page.getByTestId(`fee-refund-${entry}`).click();
    await expect.poll(focused, WAIT).toBe('refund-amount');
    await press('Enter');
    await fieldEnter('refund-reason', '重复收费退回');
    await fieldEnter('refund-supervisor', CLERK.login);
    await fieldEnter('refund-password', CLERK.password);
    await seeText('refund-password-error', '值班长登录名或密码不正确，或该账号无授权权限。');
    await page.getByTestId('refund-supervisor').focus();
    await fieldEnter('refund-supervisor', SUPERVISOR.login);
    await fieldEnter('refund-password', SUPERVISOR.password);
    await seeText('fee-outstanding', '¥80.00');
    await seeText('deliver-readiness', '待缴费');
    await seeText('fee-entries', '退费', 'contain');
    await seeText('fee-entries', `${SUPERVISOR.login} 审批`, 'contain');
  });

  it('hands a result to the applicant by ID and prints the 领取回执', async () => {
    await ready(cases.self!);
    await openForDelivery(cases.self!);
    await seeText('deliver-readiness', '可领取');
    // The form opens on how it is collected (the applicant in person); Enter goes on.
    await expect.poll(focused, WAIT).toBe('deliver-kind');
    await press('Enter', 'Enter');
    await fieldEnter('deliver-idNumber', ID.toLowerCase());
    await page.getByTestId('delivered').waitFor(WAIT);
    await seeText('deliver-readiness', '已领取');
    await seeText('delivered', '申请人本人', 'contain');
    await expect.poll(focused, WAIT).toBe('receipt-print-roll');
    await press('Enter');
    await seeText('receipt-printed', `领取回执 LQ-${cases.self} 已发送到 PDF`);
    // Gone from the work list.
    await press('Escape');
    await page.getByTestId('delivery-query').waitFor(WAIT);
    expect(await page.getByTestId(`delivery-row-${cases.self}`).count()).toBe(0);
  });

  it('refuses a collector whose ID is not the applicant’s; a supervisor’s sign-off with a reason lets it go', async () => {
    await ready(cases.mismatch!);
    await openForDelivery(cases.mismatch!);
    await expect.poll(focused, WAIT).toBe('deliver-kind');
    await press('Enter', 'Enter');
    await fieldEnter('deliver-idNumber', OTHER_ID);
    await seeText('deliver-idNumber-error', '领取人证件与申请人不一致；如确需领取，须值班长核准并说明原因。');
    await page.getByTestId('deliver-override').waitFor(WAIT);
    await page.getByTestId('deliver-override-reason').focus();
    await fieldEnter('deliver-override-reason', '申请人委托其配偶领取，已电话核实');
    await fieldEnter('deliver-override-supervisor', SUPERVISOR.login);
    await fieldEnter('deliver-override-password', SUPERVISOR.password);
    await page.getByTestId('delivered').waitFor(WAIT);
    await seeText('delivered-override', `${SUPERVISOR.login} 核准`);
  });

  it('hands a result to an agent only with the scanned power of attorney', async () => {
    await ready(cases.agent!);
    await openForDelivery(cases.agent!);
    await expect.poll(focused, WAIT).toBe('deliver-kind');
    await page.keyboard.press('ArrowDown'); // the applicant → an agent
    await expect.poll(() => page.getByTestId('deliver-kind').inputValue(), WAIT).toBe('agent');
    await press('Enter', 'Enter');
    await fieldEnter('deliver-name', '李四');
    await fieldEnter('deliver-idNumber', ID);
    await seeText('deliver-poa-state', '代理人办理须核验授权委托书。');
    const poa = join(dataDir, 'poa.png');
    writeFileSync(poa, await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="560"><rect width="100%" height="100%" fill="white"/><text x="20" y="60" font-size="40">授权委托书</text><rect x="20" y="100" width="300" height="200" fill="black"/></svg>')).png().toBuffer());
    await page.getByTestId('deliver-poa-file').setInputFiles(poa);
    await seeText('deliver-poa-state', '已扫描 1 页');
    await page.getByTestId('deliver-idNumber').focus();
    await press('Enter');
    await page.getByTestId('delivered').waitFor(WAIT);
    await seeText('delivered', '受托代理人', 'contain');
    await seeText('delivered', '李四', 'contain');
  });

  it('sends a result by post: courier, tracking number and the applicant’s address', async () => {
    await ready(cases.post!);
    await openForDelivery(cases.post!);
    await expect.poll(focused, WAIT).toBe('deliver-kind');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('deliver-kind').inputValue(), WAIT).toBe('post');
    await press('Enter');
    await fieldEnter('deliver-courier', '中国邮政EMS');
    await fieldEnter('deliver-trackingNo', '12');
    await expect.poll(focused, WAIT).toBe('deliver-address');
    expect(await page.getByTestId('deliver-address').inputValue()).toBe('上海市徐汇区漕溪北路1号');
    await press('Enter');
    await seeText('deliver-trackingNo-error', '快递单号为 6 到 40 位字母、数字或“-”。');
    await page.getByTestId('deliver-trackingNo').focus();
    await fieldEnter('deliver-trackingNo', 'EM123456789CN');
    await press('Enter');
    await seeText('delivered-post', '已交 中国邮政EMS 寄出，单号 EM123456789CN');
  });

  it('the case detail shows the timeline up to the delivery the centre confirmed', async () => {
    await expect.poll(async () => (await central.office<{ cases: { caseNo: string; status: string | null }[] }>('GET', `/office/cases?terminalCode=${TERMINAL}`)).body.cases.find((c) => c.caseNo === cases.self)?.status, SYNC_WAIT).toBe('delivered');
    await press('Alt+Digit2');
    await page.getByTestId('cases-query').waitFor(WAIT);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(cases.self!);
    await page.getByTestId(`case-row-${cases.self}`).waitFor(WAIT);
    await press('Enter');
    await expect.poll(async () => (await page.getByTestId('timeline').locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-step')))), SYNC_WAIT).toEqual([
      'accepted', 'in_review', 'decided', 'ready_for_delivery', 'delivered',
    ]);
    await seeText('timeline-delivered', `${TERMINAL} / 9`, 'contain');
    await press('Escape');
  });

  it('records a promised 容缺 material from the follow-ups', async () => {
    await press('Alt+Digit5');
    await page.getByTestId('follow-ups').waitFor(WAIT);
    // Due in more than three days: not listed yet; the list reads the terminal's day.
    expect(await page.getByTestId(`promise-${cases.gaps}`).count()).toBe(0);
    const soon = await accept(RESIDENCE_PERMIT, '王𠮷', { missing: [`${RESIDENCE_PERMIT}#housing_proof`], promisedDate: dayAfter(2) });
    await page.getByTestId(`promise-${soon}`).waitFor(WAIT);
    await page.getByTestId(`promise-receive-${soon}`).click();
    const scan = join(dataDir, 'house.png');
    writeFileSync(scan, await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="560"><rect width="100%" height="100%" fill="white"/><text x="20" y="60" font-size="40">房产证</text><rect x="20" y="100" width="300" height="200" fill="black"/></svg>')).png().toBuffer());
    await page.getByTestId('promise-file').setInputFiles(scan);
    await seeText('promise-pages', '已扫描 1 页');
    await page.getByTestId('promise-confirm').focus();
    await press('Enter');
    await expect.poll(() => page.getByTestId(`promise-${soon}`).count(), WAIT).toBe(0);
    expect(problems).toEqual([]);
  });
});
