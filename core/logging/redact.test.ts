import { describe, expect, it } from 'vitest';
import { reduceError } from './errors.js';
import { censor, isPersonalKey, maskQuoted, REDACTED, scrubText } from './redact.js';

const ID = '11010519491231002X';
const PHONE = '13812345678';

describe('scrubText', () => {
  it('masks ID numbers (18 and 15 characters) and mobile numbers standing alone', () => {
    expect(scrubText(`id ${ID}, old 110105491231002, tel ${PHONE} or +86 ${PHONE}`)).toBe('id [id-number], old [id-number], tel [phone] or [phone]');
    expect(scrubText(`x${ID.toLowerCase()}`)).toBe(`x${ID.toLowerCase()}`); // part of a longer token
  });

  it('leaves ids alone: case numbers, terminal codes, UUIDs, SHA-256, epoch milliseconds', () => {
    const ids = 'T3101040007-20261126-0001 T3101040007 5e0c1b8e-3b7a-4a53-9c2f-0d6c2b1b7e11 a3f1c9e2b7d4f6a8c0e1b2d3f4a5c6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f 1764125400000';
    expect(scrubText(ids)).toBe(ids);
  });
});

describe('maskQuoted', () => {
  it('masks the values PostgreSQL and JSON.parse quote, keeps the names of database objects', () => {
    expect(maskQuoted('invalid input syntax for type uuid: "------------------------------------"')).toBe('invalid input syntax for type uuid: "…"');
    expect(maskQuoted('value "99999999999" is out of range for type integer')).toBe('value "…" is out of range for type integer');
    // PostgreSQL does not escape quotes inside the value it quotes.
    expect(maskQuoted('invalid input syntax for type uuid: "[{"name":"王𠮷","seq":1}]"')).toBe('invalid input syntax for type uuid: "…"');
    expect(maskQuoted('duplicate key value violates unique constraint "cases_pkey"')).toBe('duplicate key value violates unique constraint "cases_pkey"');
    expect(maskQuoted('column "name" of relation "cases" does not exist')).toBe('column "name" of relation "cases" does not exist');
    expect(maskQuoted('Unexpected token \'x\', "{"name":"王𠮷"x" is not valid JSON')).not.toContain('王𠮷');
  });
});

describe('censor', () => {
  const reduce = (e: unknown) => reduceError(e);
  it('redacts personal keys at any depth, in any spelling', () => {
    const out = censor(
      { caseNo: 'T1-20261126-0001', command: { seq: 3, args: { x: 1 } }, people: [{ idNumber: ID, id_number: ID, Phone: PHONE, displayName: '王𠮷', kind: 'person' }] },
      reduce,
    );
    expect(out).toEqual({ caseNo: 'T1-20261126-0001', command: { seq: 3, args: REDACTED }, people: [{ idNumber: REDACTED, id_number: REDACTED, Phone: REDACTED, displayName: REDACTED, kind: 'person' }] });
    expect(['applicant', 'supervisorPassword', 'authorization', 'params', 'detail', 'where'].every(isPersonalKey)).toBe(true);
    expect(['caseNo', 'terminalId', 'seq', 'code', 'handler', 'intakeId'].some(isPersonalKey)).toBe(false);
  });

  it('scrubs strings, reduces errors, names class instances instead of walking them, stays bounded', () => {
    class Request {
      body = { name: '王𠮷' };
    }
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 20; i += 1) at = (at.next = {}) as Record<string, unknown>;
    const out = censor({ note: `call ${PHONE}`, req: new Request(), e: Object.assign(new Error('boom'), { params: [ID] }), deep, many: Array.from({ length: 80 }, (_, i) => i) }, reduce) as Record<string, unknown>;
    expect(out.note).toBe('call [phone]');
    expect(out.req).toBe('[Request]');
    expect(out.e).toMatchObject({ type: 'Error', message: 'boom' });
    expect(JSON.stringify(out)).not.toContain(ID);
    expect(JSON.stringify(out.deep)).toContain('[deep]');
    expect((out.many as unknown[]).length).toBe(51);
  });
});

describe('reduceError', () => {
  /** What pg and PGlite raise: a DatabaseError with the statement, its parameters and where it failed. */
  const pgError = (message: string, code: string) =>
    Object.assign(new Error(message), {
      name: 'error', severity: 'ERROR', code, routine: 'string_to_uuid', table: 'commands', detail: `Key (id_number)=(${ID}) already exists.`,
      where: `unnamed portal parameter $1 = '${ID}'`, query: 'INSERT INTO commands (terminal_id, data) VALUES ($1, $2)', params: ['t', { name: '王𠮷', idNumber: ID, phone: PHONE }],
      internalQuery: 'SELECT 1',
    });

  it('keeps a database error’s SQLSTATE, routine and masked message; drops statement, parameters, detail, where', () => {
    const r = reduceError(pgError(`invalid input syntax for type uuid: "${ID}"`, '22P02'));
    expect(r).toMatchObject({ type: 'DatabaseError', code: '22P02', severity: 'ERROR', routine: 'string_to_uuid', table: 'commands', message: 'invalid input syntax for type uuid: "…"' });
    expect(Object.keys(r).sort()).toEqual(['code', 'message', 'routine', 'severity', 'stack', 'table', 'type']);
    const text = JSON.stringify(r);
    for (const secret of [ID, '王𠮷', PHONE, 'INSERT', 'portal']) expect(text).not.toContain(secret);
  });

  it('any other error: type, code, status, reason, frames; nothing its author attached; causes reduced too', () => {
    const err = Object.assign(new TypeError(`bad phone ${PHONE}`), { code: 'ERR_X', statusCode: 502, reason: 'not_a_token because long text', body: { name: '王𠮷' } });
    const wrapped = new Error('push failed', { cause: pgError('unsupported Unicode escape sequence', '22P05') });
    expect(reduceError(err)).toMatchObject({ type: 'TypeError', message: 'bad phone [phone]', code: 'ERR_X', status: 502 });
    expect(reduceError(err)).not.toHaveProperty('reason');
    expect(JSON.stringify(reduceError(err))).not.toContain('王𠮷');
    const r = reduceError(wrapped);
    expect(r.cause).toMatchObject({ type: 'DatabaseError', code: '22P05' });
    expect(r.stack?.split('\n')[0]).toMatch(/^\s+at /);
    expect(JSON.stringify(r)).not.toContain(ID);
    expect(reduceError(`thrown string with ${ID}`)).toEqual({ type: 'string', message: 'thrown string with [id-number]' });
  });
});
