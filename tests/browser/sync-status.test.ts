import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../core/catalog/schema.js';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { hostApi, press as pressKeys, seeText as seeTextIn, WAIT } from '../support/page-keys.js';
import { startCentralService, type CentralService } from '../support/sync-central.js';
import { pngBase64 } from '../support/sync-scenario.js';

/**
 * The link to the central service as the counter sees it, in Chromium through the real host, with the
 * real central service (sync/server over PGlite on 127.0.0.1) behind it: an admin enrolls the terminal
 * on the terminal page (the refusals shown in words first), the nav bar's indicator follows the link,
 * "sync now" empties the outbox, the back office's steps appear in the case list and detail as they
 * are made, the service going down shows as offline with the commands waiting, a command the centre
 * refuses is listed with its reason and a link to its case, a clerk may not mark it handled and a
 * supervisor does, and a revoked terminal shows a problem that needs a person while cases taken meanwhile
 * wait, the indicator saying since when once they are old.
 *
 * The tests run in order on one page, one store and one central service. Every wait is bounded.
 */
const TERMINAL = 'T3101040009';
const ID = '11010519491231002X';
/** 居住证首次申领: an accepted case the back office moves along; later withdrawn from the centre's catalog. */
const RESIDENCE_PERMIT = '310101-SH-JM-004';
/** 户口迁入登记. */
const HOUSEHOLD_MOVE_IN = '310101-SH-JM-001';
/** Waits that include the sync client's own steps (a retry, an event stream reconnecting). */
const SYNC_WAIT = { timeout: 30_000 };
const ADMIN = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
const CLERK = { login: 'wang', displayName: '王𠮷', role: 'clerk', password: 'clerk-pass-1' };
const SUPERVISOR = { login: 'li', displayName: '李䶮', role: 'supervisor', password: 'super-pass-1' };

describe('sync with the central service, in Chromium through the host', () => {
  let central: CentralService;
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-sync-'));
  const shots = process.env.ONEWINDOW_SCREENSHOTS ?? dataDir;
  const problems: string[] = [];
  const cases: { early?: string; second?: string; moved?: string; refused?: string } = {};

  const api = <T = unknown>(name: string, input: object = {}) => hostApi(host.url, browser).api<T>(name, input);
  const must = <T = unknown>(name: string, input: object = {}) => hostApi(host.url, browser).must<T>(name, input);
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be', wait = WAIT): Promise<void> => seeTextIn(page, testId, expected, how, wait);
  const press = (...keys: string[]): Promise<void> => pressKeys(page, ...keys);
  const attr = (testId: string, name: string) => () => page.getByTestId(testId).getAttribute(name, { timeout: 1_000 }).catch(() => null);

  /** A case accepted at the host's API (the intake screens have their own tests): every material received. */
  async function accept(item: string, name: string): Promise<string> {
    const target = { itemCodes: [item] };
    const list = await must<{ entries: { id: string; form: string; copies: number }[] }>('catalog.checklist', { target });
    const materials = list.entries.map((e) => ({ entryId: e.id, status: 'received', form: e.form, copies: e.copies, pages: 2 }));
    const made = await must<{ caseNo: string }>('cases.accept', {
      intakeId: randomUUID(),
      applicant: { kind: 'person', idType: 'resident_id', idNumber: ID, name, phone: '13812345678' },
      target,
      materials,
    });
    return made.caseNo;
  }

  async function centreCase(caseNo: string): Promise<{ status: string | null } | undefined> {
    const r = await central.office<{ cases: { caseNo: string; status: string | null }[] }>('GET', `/office/cases?terminalCode=${TERMINAL}`);
    return r.body.cases.find((c) => c.caseNo === caseNo);
  }

  async function signInAs(who: { login: string; password: string; displayName: string }): Promise<void> {
    await must('auth.signIn', { login: who.login, password: who.password });
    // A sign-in from this browser (the API shares its cookies). The page's own stream ended with the
    // auth.changed of that sign-in, which may reach it before the new cookie does: it reads the
    // session again on a reload.
    await page.reload();
    await seeText('who', who.displayName, 'contain');
  }

  beforeAll(async () => {
    central = await startCentralService();
    host = await startHostProcess(['--data', dataDir]);
    // The browser first: the API calls below sign it in (the host binds the session to it).
    browser = await launchBrowser();
    await must('setup.init', { terminalCode: TERMINAL, windowNo: '7', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
    await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    await must('staff.create', CLERK);
    await must('staff.create', SUPERVISOR);
    // The last test moves the page's clock on by minutes: the screen must not lock over it.
    await must('settings.setIdleLock', { minutes: 120 });
    page = await browser.newPage();
    page.on('console', (m) => {
      // A refusal is an HTTP 4xx (or 503 for "unavailable") that Chromium logs; the test checks each on screen.
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of (4\d\d|503)/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await central?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('before enrollment: the indicator says the terminal is not linked, and counts the case waiting', async () => {
    cases.early = await accept(HOUSEHOLD_MOVE_IN, '王𠮷');
    await page.goto(host.url);
    await page.getByTestId('sync-indicator').waitFor({ timeout: 10_000 });
    await expect.poll(attr('sync-indicator', 'data-link'), WAIT).toBe('not-enrolled');
    await seeText('sync-indicator-state', '未接入中心');
    await seeText('sync-indicator-waiting', '1 条待上传');

    await press('Alt+Digit4');
    await page.getByTestId('sync-screen').waitFor(WAIT);
    await seeText('sync-not-enrolled', '本终端尚未接入中心服务', 'contain');
    await seeText('sync-status-waiting', '1 条');
    await seeText('rejections-none', '没有待处理的退回。');
    expect(await page.getByTestId('sync-now').count()).toBe(0);
  });

  it('enrolls on the terminal page (admin): refusals in words first, then the terminal is linked and sends the case', async () => {
    await page.getByTestId('sync-to-terminal').click();
    await page.getByTestId('enroll').waitFor(WAIT);
    const fill = async (url: string, code: string): Promise<void> => {
      await page.getByTestId('enroll-serverUrl').fill(url);
      await page.getByTestId('enroll-code').fill(code);
      await page.getByTestId('enroll-label').fill('XH-07-PC');
      await page.getByTestId('enroll-label').press('Enter'); // Enter in the last field links
    };

    // Nothing listens on port 1: the address is at fault.
    await fill('http://127.0.0.1:1', 'ABCD-EFGH-2345');
    await seeText('enroll-serverUrl-error', '无法连接这个中心服务地址，请检查地址和网络。', 'be', { timeout: 15_000 });
    // Not a web address at all.
    await fill('central-server', 'ABCD-EFGH-2345');
    await seeText('enroll-serverUrl-error', '请输入以 http:// 或 https:// 开头的完整地址。');
    // A code the centre never made.
    await fill(central.url, 'ABCD-EFGH-2345');
    await seeText('enroll-code-error', '接入码无效、已使用或已过期，请向信息中心索取新的接入码。');
    // A code for another window's terminal code: this store's case numbers carry T3101040009.
    await fill(central.url, await central.enrollmentCode('T3101049999'));
    await seeText('enroll-error', /^中心分配的终端编码与本机已有办件的编号不一致，本机未作任何更改。/);
    await expect.poll(attr('sync-indicator', 'data-link'), WAIT).toBe('not-enrolled');

    await fill(central.url, await central.enrollmentCode(TERMINAL, { windowNo: '7', hall: '徐汇区行政服务中心', district: '徐汇区' }));
    await seeText('enroll-done', '已接入中心服务：终端编码 T3101040009（窗口 7，大厅 徐汇区行政服务中心，所属区 徐汇区）。', 'be', { timeout: 10_000 });
    await seeText('info-hall', '徐汇区行政服务中心'); // the terminal's info, read again
    await seeText('enroll-current', `本终端已接入 ${central.url}（终端编码 ${TERMINAL}）`, 'contain');
    await page.screenshot({ path: `${shots}/sync-enrolled.png`, fullPage: true });

    // The case taken before enrollment goes up on its own.
    await expect.poll(attr('sync-indicator', 'data-link'), SYNC_WAIT).toBe('online');
    await expect.poll(attr('sync-indicator', 'data-waiting'), SYNC_WAIT).toBe('0');
    expect(await page.getByTestId('sync-indicator-waiting').count()).toBe(0);
    await seeText('sync-indicator-state', '中心在线');
    await expect.poll(async () => (await centreCase(cases.early!))?.status, SYNC_WAIT).toBe('received');
  });

  it('the sync page shows the link in full; "sync now" (Alt+Y) empties the outbox', async () => {
    await press('Alt+Digit4');
    await page.getByTestId('sync-screen').waitFor(WAIT);
    await seeText('sync-status-serverUrl', central.url);
    await seeText('sync-status-terminalCode', TERMINAL);
    await seeText('sync-status-connection', '在线', 'contain');
    await seeText('sync-status-waiting', '无，全部已送达中心');
    await seeText('sync-status-lastSyncAt', /^\d{2}:\d{2}:\d{2}$/, 'be', SYNC_WAIT);
    await seeText('sync-status-rejections', '无');
    expect(await page.getByTestId('sync-problem').count()).toBe(0);
    // The page opens on "sync now", its shortcut on it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null), WAIT).toBe('sync-now');
    await seeText('sync-now', '立即同步 Alt+Y');

    cases.second = await accept(RESIDENCE_PERMIT, '李䶮');
    await press('Alt+KeyY');
    await seeText('sync-now-result', /^同步完成（\d{2}:\d{2}:\d{2}）。$/, 'be', SYNC_WAIT);
    await seeText('sync-status-waiting', '无，全部已送达中心');
    await expect.poll(attr('sync-indicator', 'data-waiting'), WAIT).toBe('0');
    await expect.poll(async () => (await centreCase(cases.second!))?.status, WAIT).toBe('received');
    await page.screenshot({ path: `${shots}/sync-status.png`, fullPage: true });
  });

  it("shows the back office's progress in the case list and the detail as it is made", async () => {
    const caseNo = (cases.moved = cases.second!);
    await press('Alt+Digit2');
    await page.getByTestId('cases-list').waitFor(WAIT);
    await seeText(`case-central-${caseNo}`, '中心已接收', 'be', SYNC_WAIT);
    await seeText(`case-central-${cases.early}`, '中心已接收', 'be', SYNC_WAIT);

    expect((await central.office('POST', `/office/cases/${caseNo}/status`, { status: 'in_review', note: '材料齐全，进入审查' })).status).toBe(200);
    await seeText(`case-central-${caseNo}`, '审查中', 'be', SYNC_WAIT);

    await page.getByTestId(`case-row-${caseNo}`).click();
    await page.getByTestId('case-detail').waitFor(WAIT);
    await seeText('detail-central-status', '审查中');
    await seeText('detail-central-note', '材料齐全，进入审查');
    await seeText('detail-central-by', central.officeLabel);

    // Decided while the detail is open: it follows.
    const doc = await central.uploadDocument(Buffer.from(`%PDF-1.4 居住证 ${caseNo}`));
    const decided = await central.office('POST', `/office/cases/${caseNo}/status`, { status: 'decided', decision: 'approved', note: '准予办理', resultDocument: { name: '居住证签发决定书.pdf', sha256: doc } });
    expect(decided.status).toBe(200);
    await seeText('detail-central-status', '已决定·准予', 'be', SYNC_WAIT);
    await seeText('detail-central-decision', '准予');
    await seeText('detail-central-note', '准予办理');
    await seeText('detail-central-resultDocument', '居住证签发决定书.pdf');
    await seeText('detail-central-at', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.screenshot({ path: `${shots}/sync-case-detail.png`, fullPage: true });
    await press('Escape');
    await seeText(`case-central-${caseNo}`, '已决定·准予');

    await central.office('POST', `/office/cases/${caseNo}/status`, { status: 'ready_for_delivery' });
    await seeText(`case-central-${caseNo}`, '待领取', 'be', SYNC_WAIT);
  });

  it('the service going down: offline, with the new case counted as waiting', async () => {
    await central.stop();
    await expect.poll(attr('sync-indicator', 'data-link'), SYNC_WAIT).toBe('offline');
    await seeText('sync-indicator-state', '离线');

    cases.refused = await accept(RESIDENCE_PERMIT, '欧阳娜');
    await seeText('sync-indicator-waiting', '1 条待上传', 'be', SYNC_WAIT);
    await seeText(`case-central-${cases.refused}`, '未到中心', 'be', SYNC_WAIT);

    await press('Alt+Digit4');
    await page.getByTestId('sync-screen').waitFor(WAIT);
    await seeText('sync-status-waiting', '1 条');
    await seeText('sync-status-connection', '离线：办件保存在本机，恢复连接后自动上传', 'contain');
    await press('Alt+KeyY');
    await seeText('sync-now-result', '本次同步未完成：无法连接中心服务（网络不通或中心服务未运行）。', 'be', SYNC_WAIT);
    await seeText('sync-problem-text', '无法连接中心服务（网络不通或中心服务未运行）。');
    await seeText('sync-problem', '将自动重试。', 'contain');
    await page.screenshot({ path: `${shots}/sync-offline.png`, fullPage: true });
  });

  it('a command the centre refuses is listed with its reason and a link that opens the case', async () => {
    // While this terminal was cut off, the office withdrew 居住证首次申领 from the catalog.
    const sample = parseCatalog(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'catalog', 'sample-catalog.json'), 'utf8')));
    if (!sample.ok) throw new Error('sample catalog');
    await central.publishWhileDown({ ...sample.catalog, catalogVersion: '2026.2-withdrawn-jm004', items: sample.catalog.items.filter((i) => i.code !== RESIDENCE_PERMIT) });
    await central.start();

    await page.getByTestId('sync-now').click();
    await seeText('sync-now-result', /^同步完成/, 'be', SYNC_WAIT);
    await seeText('sync-status-waiting', '无，全部已送达中心');
    await expect.poll(attr('sync-indicator', 'data-link'), WAIT).toBe('online');
    await seeText('sync-indicator-rejections', '1 件被退回');
    await seeText('sync-status-rejections', '1 件');

    const row = page.locator('[data-testid^="rejection-"][data-code]');
    await expect.poll(() => row.count(), WAIT).toBe(1);
    const rowId = (await row.getAttribute('data-testid'))!;
    await seeText(`${rowId}-reason`, '中心现行的事项目录中没有该事项（可能已停办或调整）。');
    await seeText(`${rowId}-said`, RESIDENCE_PERMIT, 'contain');
    await seeText(rowId, '受理', 'contain');
    await seeText(`${rowId}-case`, cases.refused!);
    await page.screenshot({ path: `${shots}/sync-rejection.png`, fullPage: true });

    await page.getByTestId(`${rowId}-case`).click();
    await page.getByTestId('case-detail').waitFor(WAIT);
    await seeText('detail-caseNo', cases.refused!);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/cases/${cases.refused}`);
    await seeText('detail-central-none', '中心尚未收到此件，或其办理进度尚未同步到本机。');
  });

  it('a clerk may not mark a refusal handled; a supervisor does, with a note', async () => {
    await signInAs(CLERK);
    await press('Alt+Digit4');
    await page.getByTestId('rejections-list').waitFor(WAIT);
    const row = page.locator('[data-testid^="rejection-"][data-code]');
    const rowId = (await row.getAttribute('data-testid', WAIT))!;
    expect(await page.getByTestId(`${rowId}-acknowledge`).isDisabled()).toBe(true);
    await seeText(`${rowId}-handling`, '须由值班长或管理员确认已处理。', 'contain');
    // The handler refuses a clerk whatever the screen offers.
    const open = await must<{ id: number }[]>('sync.rejections', {});
    expect((await api('sync.acknowledgeRejection', { id: open[0]!.id })).error?.code).toBe('forbidden');

    await signInAs(SUPERVISOR);
    await press('Alt+Digit4');
    await page.getByTestId(`${rowId}-acknowledge`).click();
    await page.getByTestId(`${rowId}-note`).waitFor(WAIT);
    await page.keyboard.type('已联系申请人改办其他事项');
    await press('Enter');
    await seeText('rejections-acknowledged', `已确认处理：${cases.refused}。`);
    await seeText('rejections-none', '没有待处理的退回。');
    await expect.poll(attr('sync-indicator', 'data-rejections'), WAIT).toBe('0');
    expect(await page.getByTestId('sync-indicator-rejections').count()).toBe(0);

    await page.getByTestId('rejections-all').check();
    await seeText(`${rowId}-handling`, /^已由 li 于 \d{2}:\d{2}:\d{2} 确认$/);
  });

  it('a scanned document lost on this disk with its pages: listed on the sync page, a supervisor sends the case without it', async () => {
    await central.stop();
    await expect.poll(attr('sync-indicator', 'data-link'), SYNC_WAIT).toBe('offline');
    const intakeId = randomUUID();
    await must('scans.import', { intakeId, source: 'file', fileName: 'page.png', dataBase64: await pngBase64('lost page') });
    const batch = await must<{ pages: { id: number }[] }>('scans.batch', { intakeId });
    const target = { itemCodes: [HOUSEHOLD_MOVE_IN] };
    const list = await must<{ entries: { id: string; form: string; copies: number }[] }>('catalog.checklist', { target });
    await must('scans.assign', { intakeId, pageIds: batch.pages.map((p) => p.id), entryId: list.entries[0]!.id });
    const materials = list.entries.map((e) => ({ entryId: e.id, status: 'received', form: e.form, copies: e.copies, pages: 1 }));
    const { caseNo } = await must<{ caseNo: string }>('cases.accept', { intakeId, applicant: { kind: 'person', idType: 'resident_id', idNumber: ID, name: '钱多多', phone: '13812345678' }, target, materials });
    // The disk lost the material's PDF and the page it was made from (the host runs on meanwhile).
    const store = new Database(join(dataDir, 'onewindow.sqlite'), { readonly: true });
    const args = JSON.parse(store.prepare('SELECT args FROM outbox ORDER BY seq DESC LIMIT 1').pluck().get() as string) as { scans: { pdf: string; pages: string[] }[] };
    store.close();
    const { pdf, pages } = args.scans[0]!;
    const blobPath = (h: string) => join(dataDir, 'blobs', h.slice(0, 2), h);
    writeFileSync(blobPath(pdf), 'damaged');
    rmSync(blobPath(pages[0]!));
    await central.start();

    await press('Alt+Digit4');
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('sync-problem').getAttribute('data-code', { timeout: 1_000 }).catch(() => null), SYNC_WAIT).toBe('blob_unavailable');
    const item = `unavailable-${pdf.slice(0, 12)}`;
    await seeText(item, caseNo, 'contain', SYNC_WAIT);
    await seeText('unavailable-documents', '无法上传的材料文件', 'contain');
    await page.getByTestId(`${item}-note`).fill('扫描件损坏，已请申请人补交');
    await page.getByTestId(`${item}-waive`).click();
    await expect.poll(async () => (await centreCase(caseNo)) !== undefined, SYNC_WAIT).toBe(true);
    await expect.poll(() => page.getByTestId('sync-problem').count(), SYNC_WAIT).toBe(0);
    // The confirmation outlives the list it came from (sync went on and the problem is gone).
    await seeText('unavailable-sent', '已不带该文件上传，中心将标记该案件。');
    const listed = await central.office<{ cases: { caseNo: string; missingDocuments: { by: string }[] | null }[] }>('GET', `/office/cases?terminalCode=${TERMINAL}`);
    expect(listed.body.cases.find((c) => c.caseNo === caseNo)?.missingDocuments).toMatchObject([{ by: SUPERVISOR.login }]);
    await expect.poll(() => page.getByTestId('sync-problem').count(), SYNC_WAIT).toBe(0);
    await page.screenshot({ path: `${shots}/sync-document-waived.png`, fullPage: true });
  }, 60_000);

  it('a revoked terminal: a problem that needs a person, in the indicator and on the page', async () => {
    const status = await must<{ terminalId: string }>('sync.status');
    expect((await central.office('POST', `/office/terminals/${status.terminalId}/revoke`)).status).toBe(200);
    await page.getByTestId('sync-now').click();
    await expect.poll(attr('sync-indicator', 'data-attention'), SYNC_WAIT).toBe('true');
    await seeText('sync-indicator-attention', '⚠ 需要处理');
    await seeText('sync-indicator-state', '同步已暂停');
    await seeText('sync-problem-text', '本终端已被信息中心停用，请联系信息中心。');
    await seeText('sync-problem', '同步已暂停，需要人工处理；处理后请点击“立即同步”。', 'contain');
    expect(await page.getByTestId('sync-problem').getAttribute('data-code')).toBe('terminal_revoked');

    // Cases taken meanwhile wait; once the oldest is old, the indicator says since when.
    await accept(HOUSEHOLD_MOVE_IN, '赵敏');
    await seeText('sync-indicator-waiting', '1 条待上传', 'be', SYNC_WAIT);
    await page.clock.setFixedTime(new Date(Date.now() + 11 * 60_000));
    await page.reload();
    await seeText('sync-indicator-waiting', /^1 条待上传 · 最早 \d{2}:\d{2}$/, 'be', { timeout: 10_000 });
    await seeText('sync-status-waiting', /^1 条，最早一条产生于 \d{2}:\d{2}:\d{2}$/);
    await seeText('sync-problem-text', '本终端已被信息中心停用，请联系信息中心。');
    await page.screenshot({ path: `${shots}/sync-revoked.png`, fullPage: true });

    // The same page in English: every text has its translation.
    await page.getByTestId('lang-en').click();
    await seeText('sync-problem-text', 'IT has revoked this terminal; contact IT.');
    await seeText('sync-indicator-attention', '⚠ Needs attention');
    await seeText('sync-indicator-waiting', /^1 to upload · oldest \d{2}:\d{2}$/);
    await seeText('sync-status-waiting', /^1, the oldest made at \d{2}:\d{2}:\d{2}$/);
    await seeText('sync-indicator-state', 'Sync stopped');
    await page.screenshot({ path: `${shots}/sync-revoked-en.png`, fullPage: true });
    await page.getByTestId('lang-zh-CN').click();
    expect(problems).toEqual([]);
  });
});
