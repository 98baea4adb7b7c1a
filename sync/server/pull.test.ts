import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../protocol/index.js';
import { centralOf } from './app.js';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { call, command, enrollTerminal, openEvents, pokeCheckpoint, publishSample, startCentral, type TestCentral, type TestTerminal } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

const DAY = '2026-11-26';
const catalog = sampleCatalog();

describe.each(BACKENDS)('pull and pokes on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db, { heartbeatMs: 150 });
    await publishSample(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  const acceptMany = async (t: TestTerminal, from: number, count: number) => {
    const cmds = Array.from({ length: count }, (_, i) => command(from + i, 'acceptCase', intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: from + i })));
    const r = await t.push(cmds);
    expect(r.body.lastSeq).toBe(from + count - 1);
    return cmds.map((x) => x.args.caseNo as string);
  };

  /** Pulls page by page (bounded) and returns everything with the final checkpoint. */
  const pullAll = async (t: TestTerminal, from: number, limit: number) => {
    const all: Change[] = [];
    let checkpoint = from;
    for (let page = 0; page < 1000; page += 1) {
      const r = await t.pull(checkpoint, limit);
      expect(r.status).toBe(200);
      expect(r.body.changes.length).toBeLessThanOrEqual(limit);
      all.push(...r.body.changes);
      checkpoint = r.body.checkpoint;
      if (!r.body.more) return { all, checkpoint, pages: page + 1 };
    }
    throw new Error('pull did not finish');
  };

  it('pages through changes in seq order, each thing once at its latest state, with tombstones', async () => {
    const t = await enrollTerminal(c);
    const caseNos = await acceptMany(t, 1, 30);
    const whole = await t.pull(0, 5000);
    expect(whole.body.more).toBe(false);
    const paged = await pullAll(t, 0, 7);
    expect(paged.all).toEqual(whole.body.changes);
    expect(paged.pages).toBe(Math.ceil(whole.body.changes.length / 7) + (whole.body.changes.length % 7 === 0 ? 1 : 0));
    const seqs = paged.all.map((ch) => ch.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(paged.all.filter((ch) => ch.kind === 'case_status').map((ch) => ch.key)).toEqual(caseNos);
    expect(paged.all.some((ch) => ch.kind === 'catalog' && ch.key === 'current')).toBe(true);
    expect(paged.all.some((ch) => ch.kind === 'terminal_key' && ch.key === t.terminalCode)).toBe(true);
    // Nothing new: the same checkpoint back, no changes.
    expect((await t.pull(paged.checkpoint)).body).toEqual({ changes: [], checkpoint: paged.checkpoint, more: false });

    // The office moves one case and withdraws another: both come again, at their latest state only.
    const moved = await call(c.url, 'POST', `/office/cases/${caseNos[0]}/status`, { token: c.officeToken, json: { status: 'in_review' } });
    expect(moved.status).toBe(200);
    const journalArgs = async () => (await db.query<{ args: { caseNo: string } | null }>('SELECT args FROM commands WHERE case_no = $1', [caseNos[1]]))[0]?.args;
    expect(await journalArgs()).toBeNull(); // kept once, in the case
    const gone = await call(c.url, 'DELETE', `/office/cases/${caseNos[1]}`, { token: c.officeToken });
    expect(gone.status).toBe(200);
    expect((await journalArgs())?.caseNo).toBe(caseNos[1]); // and back in the journal when the case goes
    const after = await t.pull(paged.checkpoint);
    expect(after.body.changes.map((ch) => [ch.kind, ch.key, ch.data === null ? null : (ch.data as { status: string }).status])).toEqual([
      ['case_status', caseNos[0], 'in_review'],
      ['case_status', caseNos[1], null],
    ]);
    // From the start, the withdrawn case appears once, as a tombstone, and the moved one once, moved.
    const fresh = await t.pull(0, 5000);
    const forCase = (no: string | undefined) => fresh.body.changes.filter((ch) => ch.key === no);
    expect(forCase(caseNos[1])).toEqual([expect.objectContaining({ data: null })]);
    expect(forCase(caseNos[0])).toEqual([expect.objectContaining({ data: expect.objectContaining({ status: 'in_review' }) })]);
  });

  it('keeps terminals apart: each sees its own cases and rejections, and everyone’s catalog and keys', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const aCases = await acceptMany(a, 1, 3);
    await a.push([command(4, 'acceptCase', { caseNo: 'broken' })]);
    const bCases = await acceptMany(b, 1, 2);
    const seenBy = async (t: TestTerminal) => (await t.pull(0, 5000)).body.changes;
    const aSees = await seenBy(a);
    const bSees = await seenBy(b);
    const keys = (changes: Change[], kind: string) => changes.filter((ch) => ch.kind === kind).map((ch) => ch.key);
    expect(keys(aSees, 'case_status')).toEqual(aCases);
    expect(keys(bSees, 'case_status')).toEqual(bCases);
    expect(keys(aSees, 'rejection')).toEqual(['4']);
    expect(keys(bSees, 'rejection')).toEqual([]);
    expect(keys(aSees, 'terminal_key')).toEqual(expect.arrayContaining([a.terminalCode, b.terminalCode]));
    expect(keys(bSees, 'terminal_key')).toEqual(keys(aSees, 'terminal_key'));
    expect(keys(bSees, 'catalog')).toEqual(['current']);
    // A terminal cannot pull another's changes: the scope is the credential's, not something it sends.
    const asB = await call(c.url, 'POST', '/v1/pull', { token: b.credential, json: { checkpoint: 0, limit: 10, terminalId: a.terminalId } });
    expect(asB.status).toBe(400);
  });

  it('pokes a connected terminal after commits it can see, with heartbeats, and forgets closed streams', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const events = await openEvents(c.url, a.credential);
    expect(events.status).toBe(200);
    const first = pokeCheckpoint(await events.next((f) => pokeCheckpoint(f) !== null));
    expect(first).toBe((await a.pull(0, 5000)).body.checkpoint);
    await events.next((f) => f.startsWith(': heartbeat'), 3000);

    // B's case is not A's business: A's next poke is for its own case, at its seq.
    await acceptMany(b, 1, 1);
    const [caseNo] = await acceptMany(a, 1, 1);
    const poke = pokeCheckpoint(await events.next((f) => pokeCheckpoint(f) !== null));
    const own = (await a.pull(first!)).body.changes.find((ch) => ch.key === caseNo);
    expect(poke).toBe(own?.seq);
    expect(events.frames.map(pokeCheckpoint).filter((n) => n !== null)).toEqual([first, poke]);

    // A change for everyone (a catalog) pokes every stream.
    const other = await openEvents(c.url, b.credential);
    await other.next((f) => pokeCheckpoint(f) !== null);
    await publishSample(c);
    const everyone = pokeCheckpoint(await events.next((f) => pokeCheckpoint(f) !== null));
    expect(pokeCheckpoint(await other.next((f) => pokeCheckpoint(f) !== null))).toBe(everyone);

    const hub = centralOf(c.app).hub;
    expect(hub.size).toBe(2);
    events.close();
    other.close();
    // The server notices a closed stream when its socket closes: a state to wait for, bounded.
    await expect.poll(() => hub.size, { timeout: 15_000 }).toBe(0);
  });
});
