import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCentralLogs, type LogEntry } from '../../tests/support/logs.js';
import type { Db, Queryable } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { call, command, enrollTerminal, publishSample, startCentral, type TestCentral, type TestTerminal } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

/**
 * What the central service logs when a request fails inside SQL: the error's SQLSTATE and masked
 * message with the request's ids, never the statement's parameters (a push batch: names, ID
 * numbers, phones), PostgreSQL's detail, or the body. On PGlite, and PostgreSQL when configured.
 */

const DAY = '2026-11-26';
const catalog = sampleCatalog();
/** The keys a logged error may have (core/logging/errors.ts): anything else came from the error itself. */
const ERROR_KEYS = ['type', 'message', 'code', 'status', 'reason', 'severity', 'routine', 'table', 'column', 'constraint', 'stack', 'cause'];

interface Applicant {
  idNumber: string;
  name: string;
  phone: string;
  address: string;
}
const applicantOf = (args: Record<string, unknown>): Applicant => (args.input as { applicant: Applicant }).applicant;

/** A database whose statements fail, while `armed`, whenever their parameters hold `needle`, with PostgreSQL's own error quoting them. */
function failingOn(inner: Db, needle: string): Db & { armed: boolean } {
  const maybe = (q: Queryable) => async <R>(sql: string, params?: readonly unknown[]): Promise<R[]> => {
    const text = JSON.stringify(params ?? []);
    // invalid input syntax for type uuid: "<the parameters>" (22P02), carrying them in message and params.
    if (db.armed && text.includes(needle)) return q.query<R>('SELECT $1::text::uuid AS x', [text]);
    return q.query<R>(sql, params);
  };
  const db: Db & { armed: boolean } = {
    armed: false,
    engine: inner.engine,
    query: (sql, params) => maybe(inner)(sql, params),
    exec: (sql) => inner.exec(sql),
    transaction: (fn) => inner.transaction((tx) => fn({ query: (sql, params) => maybe(tx)(sql, params), exec: (sql) => tx.exec(sql) })),
    close: () => inner.close(),
  };
  return db;
}

describe.each(BACKENDS)('central logs on $name: ids and codes, never parameters or bodies', (backend) => {
  const logs = captureCentralLogs('info');
  let inner: Db;
  let db: Db & { armed: boolean };
  let c: TestCentral;
  let t: TestTerminal;
  const NEEDLE = '31010119';
  beforeAll(async () => {
    inner = await backend.open();
    db = failingOn(inner, NEEDLE);
    c = await startCentral(db, { log: logs.log });
    await publishSample(c);
    t = await enrollTerminal(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  /** The lines written while `act` ran. */
  async function linesDuring(act: () => Promise<void>): Promise<{ text: string; entries: LogEntry[] }> {
    const before = logs.entries().length;
    const beforeText = logs.text().length;
    await act();
    return { text: logs.text().slice(beforeText), entries: logs.entries().slice(before) };
  }

  function expectClean(text: string, entries: LogEntry[], secrets: string[]): void {
    expect(entries.length).toBeGreaterThan(0);
    for (const s of secrets) expect(text, `the log holds "${s}"`).not.toContain(s);
    for (const e of entries) {
      if (e.err) expect(ERROR_KEYS, JSON.stringify(e.err)).toEqual(expect.arrayContaining(Object.keys(e.err as object)));
    }
  }

  it('a push whose SQL fails with the batch in the error: one error line with SQLSTATE and ids, no parameter', async () => {
    const args = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 1 });
    const a = applicantOf(args);
    expect(a.idNumber).toContain(NEEDLE); // residentId() makes Shanghai numbers: the trigger fires on this batch
    db.armed = true;
    let status = 0;
    const { text, entries } = await linesDuring(async () => {
      status = (await t.push([command(1, 'acceptCase', args)])).status;
    });
    db.armed = false;
    expect(status).toBe(500);
    expectClean(text, entries, [a.idNumber, a.name, a.phone, a.address, 'SELECT', 'acceptCase', t.credential]);
    const failed = entries.find((e) => e.level === 'error');
    expect(failed).toMatchObject({ msg: 'internal error', terminalId: t.terminalId, reqId: expect.any(String), err: { type: 'DatabaseError', code: '22P02', message: 'invalid input syntax for type uuid: "…"' } });
  });

  it('a text field with a NUL character: whatever the answer, the log has no part of the batch', async () => {
    const args = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n: 1 });
    const a = applicantOf(args);
    (args.input as { applicant: Applicant }).applicant = { ...a, name: `${a.name}\u0000` };
    let status = 0;
    let code: string | undefined;
    const { text, entries } = await linesDuring(async () => {
      const r = await t.push([command(1, 'acceptCase', args)]);
      status = r.status;
      code = r.body.results?.[0]?.code;
    });
    // The command's own refusal (issue 11), not a 500 for the batch.
    expect([status, code]).toEqual([200, 'text_unstorable']);
    expectClean(text, entries, [a.idNumber, a.name, a.phone, a.address, '\\u0000', 'JSON data', t.credential]);
    expect(entries.some((e) => e.terminalId === t.terminalId && (e.res as { statusCode?: number } | undefined)?.statusCode === status)).toBe(true);
  });

  it('a malformed bearer credential: neither the credential nor a query with it reaches the log', async () => {
    const credential = `ow1.${'-'.repeat(36)}.${'S'.repeat(32)}`;
    let status = 0;
    const { text, entries } = await linesDuring(async () => {
      status = (await call(c.url, 'POST', '/v1/pull', { token: credential, json: { checkpoint: 0, limit: 10 } })).status;
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expectClean(text, entries, ['-'.repeat(36), 'S'.repeat(32), 'SELECT', 'Bearer']);
    expect(entries.some((e) => (e.req as { url?: string } | undefined)?.url === '/v1/pull')).toBe(true);
  });
});
