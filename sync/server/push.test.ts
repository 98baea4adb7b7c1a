import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Catalog } from '../../core/catalog/schema.js';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { call, command, enrollTerminal, publishSample, startCentral, type TestCentral, type TestTerminal } from './testing/harness.js';
import { intakeArgs, RESIDENCE_PERMIT, RESIDENCE_REGISTRATION, sampleCatalog } from './testing/intake-commands.js';

const DAY = '2026-11-26';

describe.each(BACKENDS)('push on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  let catalog: Catalog;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db);
    catalog = sampleCatalog();
    await publishSample(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  const accept = (t: TestTerminal, n: number, extra: Partial<Parameters<typeof intakeArgs>[0]> = {}) => intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n, ...extra });
  const caseCount = async (t: TestTerminal) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE terminal_id = $1', [t.terminalId]))[0]?.n;

  it('applies commands in order, once; a re-sent batch comes back duplicate', async () => {
    const t = await enrollTerminal(c);
    const batch = [1, 2, 3].map((n) => command(n, 'acceptCase', accept(t, n)));
    const first = await t.push(batch);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ lastSeq: 3, results: [1, 2, 3].map((seq) => ({ seq, status: 'applied' })) });
    const again = await t.push(batch);
    expect(again.body).toEqual({ lastSeq: 3, results: [1, 2, 3].map((seq) => ({ seq, status: 'duplicate' })) });
    // Overlapping batch: 2 and 3 are skipped, 4 applied.
    const overlap = await t.push([...batch.slice(1), command(4, 'acceptCase', accept(t, 4))]);
    expect(overlap.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied']);
    expect(overlap.body.lastSeq).toBe(4);
    expect(await caseCount(t)).toBe(4);
    const rows = await db.query<{ status: string; checked: boolean; catalog_version: string }>('SELECT status, checked, catalog_version FROM cases WHERE terminal_id = $1', [t.terminalId]);
    expect(rows.every((r) => r.status === 'received' && r.checked && r.catalog_version === catalog.catalogVersion)).toBe(true);
    // Each accepted case is sent down as received.
    const pulled = await t.pull(0);
    const statuses = pulled.body.changes.filter((ch) => ch.kind === 'case_status');
    expect(statuses).toHaveLength(4);
    expect(statuses[0]?.data).toMatchObject({ status: 'received', decision: null, by: 'central' });
  });

  it('refuses a seq gap with 409 and the expected seq, and stores nothing', async () => {
    const t = await enrollTerminal(c);
    await t.push([command(1, 'acceptCase', accept(t, 1))]);
    const gap = await t.push([command(3, 'acceptCase', accept(t, 3))]);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: { code: 'seq_gap', expected: 2 } });
    // A gap inside a batch refuses the whole batch.
    const inner = await t.push([command(2, 'acceptCase', accept(t, 2)), command(4, 'acceptCase', accept(t, 4))]);
    expect(inner.status).toBe(409);
    expect(inner.body).toMatchObject({ error: { code: 'seq_gap', expected: 2 } });
    expect(await caseCount(t)).toBe(1);
    const [row] = await db.query<{ last_seq: number }>('SELECT last_seq FROM terminals WHERE id = $1', [t.terminalId]);
    expect(row?.last_seq).toBe(1);
  });

  it('stores a business rejection, advances lastSeq, and sends it down as a rejection', async () => {
    const t = await enrollTerminal(c);
    const wrongFee = accept(t, 1);
    (wrongFee.derived as { feeFen: number }).feeFen += 100;
    const badApplicant = accept(t, 2);
    (badApplicant.input as { applicant: { idNumber: string } }).applicant.idNumber = '110105194912310021'; // wrong check character
    const otherPrefix = { ...accept(t, 3), caseNo: `ZZ99-20261126-0003` };
    const unknownItem = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 4 });
    (unknownItem.input as { target: { itemCodes: string[] } }).target.itemCodes = ['999999-NO-SUCH-1'];
    const good = accept(t, 5);
    const r = await t.push([
      command(1, 'acceptCase', wrongFee),
      command(2, 'acceptCase', badApplicant),
      command(3, 'acceptCase', otherPrefix),
      command(4, 'acceptCase', unknownItem),
      command(5, 'acceptCase', good),
      command(6, 'acceptCase', { ...accept(t, 6), caseNo: good.caseNo }),
      command(7, 'completeCase', accept(t, 7)),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.lastSeq).toBe(7);
    expect(r.body.results.map((x) => [x.seq, x.status, x.code])).toEqual([
      [1, 'rejected', 'plan_mismatch'],
      [2, 'rejected', 'id_checksum'],
      [3, 'rejected', 'case_no_prefix'],
      [4, 'rejected', 'item_unknown'],
      [5, 'applied', undefined],
      [6, 'rejected', 'case_no_duplicate'],
      [7, 'rejected', 'invalid_args'], // completeCase with outcome "accepted"
    ]);
    expect(r.body.results[0]?.reason).toMatch(/feeFen/);
    expect(await caseCount(t)).toBe(1);
    const journal = await db.query<{ seq: number; status: string }>('SELECT seq, status FROM commands WHERE terminal_id = $1 ORDER BY seq', [t.terminalId]);
    expect(journal.map((j) => j.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'applied', 'rejected', 'rejected']);
    const rejections = (await t.pull(0)).body.changes.filter((ch) => ch.kind === 'rejection');
    expect(rejections.map((x) => x.key)).toEqual(['1', '2', '3', '4', '6', '7']);
    expect(rejections[0]?.data).toMatchObject({ seq: 1, name: 'acceptCase', caseNo: wrongFee.caseNo, code: 'plan_mismatch' });
  });

  it('accepts an on-the-spot case and the notices of a case it holds; refuses notices of unknown cases', async () => {
    const t = await enrollTerminal(c);
    const done = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 1, itemCodes: [RESIDENCE_REGISTRATION], outcome: 'completed' });
    const print = { caseNo: done.caseNo, printedAt: `${DAY}T02:01:00.000Z`, staff: 'wang', documentNo: 'X1', kind: 'completed', printNo: 0, layout: 'a4', language: 'zh-CN', printer: 'PDF', jobId: '7' };
    const voided = { caseNo: done.caseNo, voidedAt: `${DAY}T02:02:00.000Z`, staff: 'wang', documentNo: 'X1', kind: 'completed', printNo: 0, reason: '打印错误', supervisor: 'li' };
    const r = await t.push([
      command(1, 'completeCase', done),
      command(2, 'printNotice', print),
      command(3, 'voidNotice', voided),
      command(4, 'printNotice', { ...print, caseNo: `${t.terminalCode}-20261126-0099` }),
      command(5, 'printNotice', { caseNo: done.caseNo }),
    ]);
    expect(r.body.results.map((x) => [x.status, x.code])).toEqual([['applied', undefined], ['applied', undefined], ['applied', undefined], ['rejected', 'case_unknown'], ['rejected', 'invalid_args']]);
    const [row] = await db.query<{ status: string | null; outcome: string }>('SELECT status, outcome FROM cases WHERE case_no = $1', [done.caseNo]);
    expect(row).toEqual({ status: null, outcome: 'completed' });
    const notices = await db.query<{ action: string }>('SELECT action FROM notices WHERE case_no = $1 ORDER BY id', [done.caseNo]);
    expect(notices.map((n) => n.action)).toEqual(['print', 'void']);
    // Another terminal cannot print this terminal's case.
    const other = await enrollTerminal(c);
    const foreign = await other.push([command(1, 'printNotice', print)]);
    expect(foreign.body.results[0]).toMatchObject({ status: 'rejected', code: 'case_unknown' });
  });

  it('refuses a command of an unknown name on its own (command_unknown): lastSeq advances and the batch goes on', async () => {
    const t = await enrollTerminal(c);
    const later = accept(t, 5);
    const r = await t.push([
      command(1, 'acceptCase', accept(t, 1)),
      command(2, 'dropTable', { caseNo: `${t.terminalCode}-20261126-0002` }),
      // Names an object has by inheritance are not commands either.
      command(3, 'toString', {}),
      command(4, 'constructor', {}),
      command(5, 'acceptCase', later),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.lastSeq).toBe(5);
    expect(r.body.results.map((x) => [x.seq, x.status, x.code])).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'command_unknown'],
      [3, 'rejected', 'command_unknown'],
      [4, 'rejected', 'command_unknown'],
      [5, 'applied', undefined],
    ]);
    expect(r.body.results[1]?.reason).toContain('dropTable');
    expect(await caseCount(t)).toBe(2);
    const journal = await db.query<{ seq: number; name: string; status: string; code: string | null }>('SELECT seq, name, status, code FROM commands WHERE terminal_id = $1 ORDER BY seq', [t.terminalId]);
    expect(journal.map((j) => [j.name, j.status, j.code])).toEqual([
      ['acceptCase', 'applied', null], ['dropTable', 'rejected', 'command_unknown'], ['toString', 'rejected', 'command_unknown'], ['constructor', 'rejected', 'command_unknown'], ['acceptCase', 'applied', null],
    ]);
    const rejections = (await t.pull(0)).body.changes.filter((ch) => ch.kind === 'rejection');
    expect(rejections[0]?.data).toMatchObject({ seq: 2, name: 'dropTable', caseNo: `${t.terminalCode}-20261126-0002`, code: 'command_unknown' });
  });

  it("refuses args that fail their name's schema on their own (invalid_args; invalid_input inside the clerk's input)", async () => {
    const t = await enrollTerminal(c);
    const done = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 1, itemCodes: [RESIDENCE_REGISTRATION], outcome: 'completed' });
    const print = { caseNo: done.caseNo, printedAt: `${DAY}T02:01:00.000Z`, staff: 'wang', documentNo: 'X1', kind: 'completed', printNo: 0 };
    const lostMaterial = accept(t, 3);
    (lostMaterial.input as { materials: { status: string }[] }).materials[0]!.status = 'lost';
    const badScans = accept(t, 4, { scans: [{ entryId: 'x#id', pdf: 'not-a-hash', pageCount: 1, pages: [] }] });
    const r = await t.push([
      command(1, 'completeCase', done),
      command(2, 'printNotice', { ...print, printNo: 'first' }),
      command(3, 'acceptCase', lostMaterial),
      command(4, 'acceptCase', badScans),
      // A correction needs a deadline, and its outcome is "correction".
      command(5, 'requestCorrection', accept(t, 5)),
      command(6, 'voidNotice', { ...print, voidedAt: `${DAY}T02:02:00.000Z`, supervisor: 'li' }), // no reason
      command(7, 'printNotice', print),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.lastSeq).toBe(7);
    expect(r.body.results.map((x) => [x.seq, x.status, x.code])).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'invalid_args'],
      [3, 'rejected', 'invalid_input'],
      [4, 'rejected', 'invalid_args'],
      [5, 'rejected', 'invalid_args'],
      [6, 'rejected', 'invalid_args'],
      [7, 'applied', undefined],
    ]);
    expect(r.body.results.map((x) => x.reason?.split(':')[0])).toEqual([undefined, 'printNo', 'input.materials.0.status', 'scans.0.pdf', 'outcome', 'reason', undefined]);
    expect(await caseCount(t)).toBe(1);
    const notices = await db.query<{ seq: number }>('SELECT seq FROM notices WHERE case_no = $1', [done.caseNo]);
    expect(notices.map((n) => Number(n.seq))).toEqual([7]);
  });

  it('stops at a command whose blobs are missing (blocked) and goes on once they arrive', async () => {
    const t = await enrollTerminal(c);
    const page = Buffer.from(`page of ${t.terminalCode}`);
    const hash = createHash('sha256').update(page).digest('hex');
    const scanned = accept(t, 2, { scans: [{ entryId: 'x#id', pdf: hash, pageCount: 1, pages: [] }] });
    const batch = [command(1, 'acceptCase', accept(t, 1)), command(2, 'acceptCase', scanned), command(3, 'acceptCase', accept(t, 3))];
    const blocked = await t.push(batch);
    expect(blocked.body).toEqual({ lastSeq: 1, results: [{ seq: 1, status: 'applied' }], blocked: { seq: 2, code: 'blob_missing', hashes: [hash] } });
    const put = await call(c.url, 'PUT', `/v1/blobs/${hash}`, { token: t.credential, body: page, headers: { 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(page.length) } });
    expect(put.status).toBe(201);
    const resumed = await t.push(batch);
    expect(resumed.body.results.map((x) => x.status)).toEqual(['duplicate', 'applied', 'applied']);
    expect(resumed.body.blocked).toBeUndefined();
    // Listed in `blobs` works the same way.
    const h2 = createHash('sha256').update('other').digest('hex');
    const viaList = await t.push([command(4, 'acceptCase', accept(t, 4), [h2])]);
    expect(viaList.body).toMatchObject({ lastSeq: 3, results: [], blocked: { seq: 4, hashes: [h2] } });
  });

  it('a window enrolled again after a revocation keeps its cases: their notices are accepted and their statuses come down', async () => {
    const t = await enrollTerminal(c);
    const first = accept(t, 1);
    expect((await t.push([command(1, 'acceptCase', first)])).body.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect((await call(c.url, 'POST', `/office/terminals/${t.terminalId}/revoke`, { token: c.officeToken, json: {} })).status).toBe(200);
    const again = await enrollTerminal(c, t.terminalCode);
    const print = { caseNo: first.caseNo, printedAt: `${DAY}T03:00:00.000Z`, staff: 'wang', documentNo: 'SL-1', kind: 'accepted', printNo: 1, layout: 'a4', language: 'zh-CN', printer: 'PDF', jobId: '9' };
    expect((await again.push([command(1, 'printNotice', print)])).body.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect((await call(c.url, 'POST', `/office/cases/${first.caseNo}/status`, { token: c.officeToken, json: { status: 'in_review' } })).status).toBe(200);
    const statuses = (await again.pull(0)).body.changes.filter((ch) => ch.kind === 'case_status' && ch.key === first.caseNo);
    expect(statuses.map((ch) => (ch.data as { status: string }).status)).toEqual(['in_review']);
  });

  it('applies two concurrent pushes of the same batch once', async () => {
    const t = await enrollTerminal(c);
    const batch = Array.from({ length: 20 }, (_, i) => command(i + 1, 'acceptCase', accept(t, i + 1)));
    const [a, b] = await Promise.all([t.push(batch), t.push(batch)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const statuses = [a.body.results, b.body.results].map((rs) => [...new Set(rs.map((r) => r.status))].join());
    expect(statuses.sort()).toEqual(['applied', 'duplicate']);
    expect(a.body.lastSeq).toBe(20);
    expect(b.body.lastSeq).toBe(20);
    expect(await caseCount(t)).toBe(20);
    const journal = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM commands WHERE terminal_id = $1', [t.terminalId]);
    expect(journal[0]?.n).toBe(20);
  });
});

describe.each(BACKENDS)('push without a published catalog on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  it('keeps the case, marked unchecked, rather than lose it', async () => {
    const t = await enrollTerminal(c);
    const args = intakeArgs({ catalog: sampleCatalog(), terminalCode: t.terminalCode, day: DAY, n: 1, itemCodes: [RESIDENCE_PERMIT] });
    const r = await t.push([command(1, 'acceptCase', args)]);
    expect(r.body.results).toEqual([{ seq: 1, status: 'applied' }]);
    const [row] = await db.query<{ checked: boolean; catalog_version: string | null }>('SELECT checked, catalog_version FROM cases WHERE case_no = $1', [args.caseNo]);
    expect(row).toEqual({ checked: false, catalog_version: null });
    // The applicant is still checked.
    const bad = intakeArgs({ catalog: sampleCatalog(), terminalCode: t.terminalCode, day: DAY, n: 2 });
    (bad.input as { applicant: { phone: string } }).applicant.phone = '12';
    const refused = await t.push([command(2, 'acceptCase', bad)]);
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected' });
  });
});
