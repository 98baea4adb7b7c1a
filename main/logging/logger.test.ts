import { describe, expect, it } from 'vitest';
import { captureLogs } from '../../tests/support/logs.js';
import { logLevelFrom } from './logger.js';

const ID = '11010519491231002X';
const PHONE = '13812345678';
const NAME = '王𠮷';

describe('the terminal logger (pino with core/logging’s policy)', () => {
  it('reduces errors wherever they are, redacts personal keys, scrubs messages', () => {
    const c = captureLogs();
    const sqlError = Object.assign(new Error(`invalid input syntax for type uuid: "${ID}"`), { severity: 'ERROR', code: '22P02', params: [{ name: NAME, phone: PHONE }], detail: `Key (id_number)=(${ID})` });
    c.log.error({ err: sqlError, handler: 'cases.accept' }, 'handler failed');
    c.log.warn({ failure: sqlError, applicant: { name: NAME, idNumber: ID }, note: `rang ${PHONE}` }, `about ${ID}`);
    const text = c.text();
    for (const secret of [ID, PHONE, NAME, 'id_number']) expect(text).not.toContain(secret);
    const [a, b] = c.entries();
    expect(a).toMatchObject({ level: 'error', handler: 'cases.accept', err: { type: 'DatabaseError', code: '22P02' }, msg: 'handler failed' });
    expect(b).toMatchObject({ failure: { type: 'DatabaseError' }, applicant: '[redacted]', note: 'rang [phone]', msg: 'about [id-number]' });
  });

  it('a child’s ids are on every line it writes', () => {
    const c = captureLogs();
    c.log.child({ terminalId: 'abc', displayName: NAME }).info({ seq: 1 }, 'x');
    expect(c.entries()[0]).toMatchObject({ terminalId: 'abc', displayName: '[redacted]', seq: 1 });
  });

  it('levels: the named ones, a default, and a clear refusal of a typo', () => {
    expect(logLevelFrom(undefined)).toBe('info');
    expect(logLevelFrom('debug')).toBe('debug');
    expect(() => logLevelFrom('verbose')).toThrow(/one of debug, info, warn, error, silent/);
  });
});
