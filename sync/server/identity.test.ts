import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/schema.js';
import { canonicalJson, commandHash } from '../protocol/index.js';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { call, command, enrollTerminal, publishSample, startCentral, type TestCentral, type TestTerminal } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

const DAY = '2026-11-26';

describe('canonical JSON and the command hash', () => {
  it('does not depend on the order keys were written in, and tells different content apart', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: '𠮷' }], e: undefined })).toBe('{"a":[{"c":"𠮷","d":null}],"b":1}');
    expect(commandHash('printNotice', { a: 1, b: 2 })).toBe(commandHash('printNotice', { b: 2, a: 1 }));
    expect(commandHash('printNotice', { a: 1 })).not.toBe(commandHash('voidNotice', { a: 1 }));
    expect(commandHash('printNotice', { a: 1 })).not.toBe(commandHash('printNotice', { a: '1' }));
    expect(commandHash('x', {})).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.each(BACKENDS)('command ids, hashes and forks on $name', (backend) => {
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

  const accept = (t: TestTerminal, n: number) => intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n });
  const identified = (seq: number, name: string, args: Record<string, unknown>, id = randomUUID()) => ({ ...command(seq, name, args), id, hash: commandHash(name, args) });
  const print = (caseNo: string, printNo = 0) => ({ caseNo, printedAt: `${DAY}T03:00:00.000Z`, staff: 'wang', documentNo: `SL-${printNo}`, kind: 'accepted', printNo });

  it('an id it holds, sent again under another seq, is a duplicate: noted, never applied', async () => {
    const t = await enrollTerminal(c);
    const intake = identified(1, 'acceptCase', accept(t, 1));
    const printed = identified(2, 'printNotice', print(String(intake.args.caseNo)));
    expect((await t.push([intake, printed])).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const again = await t.push([{ ...intake, seq: 3 }, { ...printed, seq: 4 }]);
    expect(again.body).toMatchObject({
      lastSeq: 4,
      results: [{ seq: 3, status: 'duplicate', code: 'command_id_known', duplicateOf: 1 }, { seq: 4, status: 'duplicate', code: 'command_id_known', duplicateOf: 2 }],
    });
    const [notices] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notices WHERE case_no = $1', [intake.args.caseNo]);
    expect(notices?.n).toBe(1);
    const rows = await db.query<{ seq: number; status: string }>('SELECT seq, status FROM commands WHERE terminal_id = $1 ORDER BY seq', [t.terminalId]);
    expect(rows.map((r) => [Number(r.seq), r.status])).toEqual([[1, 'applied'], [2, 'applied'], [3, 'duplicate'], [4, 'duplicate']]);
  });

  it('a seq it holds, sent with other content, is a fork: 409 store_forked, nothing applied, the terminal marked for IT', async () => {
    const t = await enrollTerminal(c);
    const first = identified(1, 'acceptCase', accept(t, 1));
    expect((await t.push([first])).status).toBe(200);
    // The same seq again, the same command: a plain duplicate (a lost answer).
    expect((await t.push([first])).body.results).toEqual([{ seq: 1, status: 'duplicate' }]);
    // A store restored from a backup made another case under seq 1 (and the next one under 2).
    const other = identified(1, 'acceptCase', accept(t, 1));
    const next = identified(2, 'acceptCase', accept(t, 2));
    const forked = await t.push([other, next]);
    expect(forked.status).toBe(409);
    expect(forked.body).toMatchObject({ error: { code: 'store_forked', seq: 1 } });
    const [row] = await db.query<{ last_seq: number; forked_seq: number; forked_at: unknown }>('SELECT last_seq, forked_seq, forked_at FROM terminals WHERE id = $1', [t.terminalId]);
    expect({ lastSeq: Number(row?.last_seq), forkedSeq: Number(row?.forked_seq), marked: row?.forked_at !== null }).toEqual({ lastSeq: 1, forkedSeq: 1, marked: true });
    const listed = await call<{ terminals: { id: string; forkedSeq: number | null; forkedAt: string | null }[] }>(c.url, 'GET', '/office/terminals', { token: c.officeToken });
    expect(listed.body.terminals.find((x) => x.id === t.terminalId)).toMatchObject({ forkedSeq: 1 });
    expect(listed.body.terminals.find((x) => x.id === t.terminalId)?.forkedAt).toEqual(expect.any(String));
  });

  it('refuses a batch whose hash disagrees with its args (400), storing nothing', async () => {
    const t = await enrollTerminal(c);
    const bad = { ...identified(1, 'acceptCase', accept(t, 1)), hash: commandHash('acceptCase', {}) };
    const r = await t.push([bad]);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'invalid_request' } });
    const [row] = await db.query<{ last_seq: number }>('SELECT last_seq FROM terminals WHERE id = $1', [t.terminalId]);
    expect(Number(row?.last_seq)).toBe(0);
  });

  it('keeps the audit journal head a push carries and hands it back, with its database id and epoch, in /v1/state', async () => {
    const t = await enrollTerminal(c);
    const state = () => call<{ lastSeq: number; audit: unknown; databaseId: string; epoch: number; head: number }>(c.url, 'GET', '/v1/state', { token: t.credential });
    expect((await state()).body).toMatchObject({ lastSeq: 0, audit: null, epoch: 1, databaseId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const head = { seq: 41, hash: commandHash('x', { journal: 41 }) };
    const r = await call(c.url, 'POST', '/v1/push', { token: t.credential, json: { terminalId: t.terminalId, commands: [identified(1, 'acceptCase', accept(t, 1))], audit: head } });
    expect(r.status).toBe(200);
    expect((await state()).body).toMatchObject({ lastSeq: 1, audit: head });
  });

  it('enrolled again with continueNumbering: the seqs, and the case counters, go on from the predecessor', async () => {
    const t = await enrollTerminal(c);
    const cmds = [1, 2, 3].map((n) => identified(n, 'acceptCase', accept(t, n)));
    expect((await t.push(cmds)).body.lastSeq).toBe(3);
    expect((await call(c.url, 'POST', `/office/terminals/${t.terminalId}/revoke`, { token: c.officeToken, json: {} })).status).toBe(200);
    const again = await enrollTerminal(c, t.terminalCode, { continueNumbering: true });
    expect(again).toMatchObject({ lastSeq: 3, predecessorId: t.terminalId, caseCounters: { [DAY]: 3 } });
    // What the predecessor sent comes back as duplicates of its commands; other content under them is a fork.
    expect((await again.push(cmds)).body).toMatchObject({ lastSeq: 3, results: [1, 2, 3].map((seq) => ({ seq, status: 'duplicate' })) });
    expect((await again.push([identified(2, 'acceptCase', accept(t, 9))])).body).toMatchObject({ error: { code: 'store_forked', seq: 2 } });
    expect((await again.push([identified(4, 'acceptCase', accept(t, 4))])).body).toMatchObject({ lastSeq: 4, results: [{ seq: 4, status: 'applied' }] });
    // Without it (an older terminal), the seqs start again at 1, as they always did.
    expect((await call(c.url, 'POST', `/office/terminals/${again.terminalId}/revoke`, { token: c.officeToken, json: {} })).status).toBe(200);
    const old = await enrollTerminal(c, t.terminalCode);
    expect(old.lastSeq).toBeUndefined();
    expect((await old.push([identified(1, 'printNotice', print(String(cmds[0]!.args.caseNo)))])).body).toMatchObject({ lastSeq: 1, results: [{ seq: 1, status: 'applied' }] });
  });
});
