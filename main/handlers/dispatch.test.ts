import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../core/result.js';
import { testApp } from '../../tests/support/app.js';
import { captureLogs } from '../../tests/support/logs.js';
import { createAppContext } from '../app-context.js';
import { verifyAudit } from '../db/audit.js';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.js';
import { dispatch } from './dispatch.js';
import { handlers } from './table.js';

const host = { door: 'host' } as const;

describe('dispatch', () => {
  it('answers app.info from the store', async () => {
    const ctx = testApp();
    const r = await dispatch(ctx, host, 'app.info', {});
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ terminalCode: 'T3101010001', windowNo: '07', schemaVersion: LATEST_SCHEMA_VERSION, language: 'zh-CN', door: 'host', dbPath: ctx.store.file }),
    });
  });

  it('returns unknown_handler for a name not in the table', async () => {
    const r = await dispatch(testApp(), host, 'cases.deleteEverything', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
  });

  it('does not treat Object.prototype members as handlers', async () => {
    const r = await dispatch(testApp(), host, 'constructor', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
  });

  it('returns invalid_input naming the field, for a wrong value and for an extra key', async () => {
    const ctx = testApp();
    expect(await dispatch(ctx, host, 'settings.setLanguage', { language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'language' },
    });
    expect(await dispatch(ctx, host, 'settings.setLanguage', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'language' } });
    expect(await dispatch(ctx, host, 'app.info', { surprise: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'surprise' } });
    expect(await dispatch(ctx, host, 'app.info', 'a string')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turns a DomainError into its code and a crash into internal, never throwing (and logs the crash)', async () => {
    const logs = captureLogs();
    const ctx = testApp({ log: logs.log });
    const spy = vi.spyOn(handlers, 'audit.verify').mockImplementationOnce(() => {
      throw new DomainError('conflict', 'already done', 'x');
    });
    expect(await dispatch(ctx, host, 'audit.verify', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'already done', field: 'x' } });
    spy.mockImplementationOnce(() => {
      throw new TypeError('a bug');
    });
    expect(await dispatch(ctx, host, 'audit.verify', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logs.entries().filter((e) => e.handler === 'audit.verify').map((e) => [e.level, e.msg, e.code ?? (e.err as { type: string } | undefined)?.type])).toEqual([
      ['info', 'refused', 'conflict'],
      ['error', 'handler failed', 'TypeError'],
    ]);
    spy.mockRestore();
  });

  it('settings.setLanguage persists across a restart, is journaled, and emits an event', async () => {
    const ctx = testApp();
    const events: unknown[] = [];
    ctx.events.subscribe((e) => events.push(e));
    expect(await dispatch(ctx, host, 'settings.setLanguage', { language: 'en' })).toEqual({ ok: true, value: { language: 'en' } });
    expect(events).toEqual([{ name: 'settings.changed', payload: { key: 'language' } }]);
    expect(verifyAudit(ctx.store.db)).toMatchObject({ ok: true, total: 1 });
    ctx.store.close();

    const again = createAppContext({ dataDir: ctx.dataDir });
    expect(await dispatch(again, host, 'app.info', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(await dispatch(again, host, 'audit.verify', {})).toEqual({ ok: true, value: { ok: true, checked: 1, total: 1 } });
    again.store.close();
  });

  it('keeps settings already in the store over start-up defaults', async () => {
    const ctx = testApp();
    ctx.store.close();
    const again = createAppContext({ dataDir: ctx.dataDir, defaults: { terminal_code: 'OTHER' } });
    expect(await dispatch(again, host, 'app.info', {})).toMatchObject({ ok: true, value: { terminalCode: 'T3101010001' } });
    again.store.close();
  });
});
