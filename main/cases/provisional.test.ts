import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptInput, ADMIN, CLERK, RESIDENCE_PERMIT, signedInTerminal, type Call } from '../../tests/support/intake.js';
import { resourcePath } from '../resources.js';

type Json = Record<string, unknown>;
const sample = (): Json => JSON.parse(readFileSync(resourcePath('catalog/sample-catalog.json'), 'utf8')) as Json;

/** The sample with 居住证首次申领 promising 40 working days (due in January 2027) and 2027 in the given status. */
function catalogWith(status: 'provisional' | 'official', version: string): Json {
  const c = sample();
  const items = (c.items as Json[]).map((i) => (i.code === RESIDENCE_PERMIT ? { ...i, legalLimitDays: 60, promisedLimitDays: 40 } : i));
  const calendar = (c.calendar as Json[]).map((y) => (y.year === 2027 ? { ...y, status } : y));
  return { ...c, catalogVersion: version, items, calendar };
}

async function noticeText(call: Call, caseNo: string): Promise<string> {
  const r = await call('notices.preview', { caseNo, layout: 'a4', language: 'zh-CN' });
  if (!r.ok) throw new Error(r.error.message);
  const dir = mkdtempSync(join(tmpdir(), 'ow-provisional-'));
  try {
    writeFileSync(join(dir, 'n.pdf'), Buffer.from(r.value.pdfBase64, 'base64'));
    return execFileSync('pdftotext', [join(dir, 'n.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a due date in a provisional holiday year', () => {
  it('is marked on screen and printed with a note, until the catalog brings the official year', async () => {
    const { call } = await signedInTerminal();
    const asAdmin = async (catalog: Json) => {
      await call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
      const r = await call('catalog.import', { catalog, source: 'centre' });
      await call('auth.signIn', { login: CLERK.login, password: CLERK.password });
      expect(r).toMatchObject({ ok: true, value: { imported: true } });
    };
    await asAdmin(catalogWith('provisional', 'with-2027-provisional'));
    const r = await call('cases.accept', await acceptInput(call));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.dueDate?.startsWith('2027-')).toBe(true);
    expect(r.value.dueDateProvisional).toBe(true);
    const listed = await call('cases.list', {});
    expect(listed.ok && listed.value.find((c) => c.caseNo === r.value.caseNo)?.dueDateProvisional).toBe(true);
    expect(await noticeText(call, r.value.caseNo)).toContain('办结日期按2027年暂定的节假日安排计算');

    // The centre publishes the official 2027 arrangement with its next catalog.
    await asAdmin(catalogWith('official', 'with-2027-official'));
    const after = await call('cases.get', { caseNo: r.value.caseNo });
    expect(after.ok && after.value.dueDateProvisional).toBe(false);
    expect(await noticeText(call, r.value.caseNo)).not.toContain('暂定');
  });
});
