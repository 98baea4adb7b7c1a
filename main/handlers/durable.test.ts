import { describe, expect, it } from 'vitest';
import type { HandlerName } from '../../core/api/contract.js';
import { steppingClock } from '../../tests/support/clock.js';
import { randomUUID } from 'node:crypto';
import { acceptedCase, ID_RENEWAL, markReady } from '../../tests/support/after-intake.js';
import { acceptInput, signedInTerminal, SUPERVISOR, VALID_ID } from '../../tests/support/intake.js';
import type { Printer } from '../printing/printer.js';
import type { HandlerContext } from './context.js';

/** What PRAGMA synchronous says: 2 FULL (the WAL is synced at commit), 1 NORMAL (synced at checkpoints). */
const FULL = 2;
const NORMAL = 1;

/**
 * The hook: handlers read the clock inside their write transactions (journal entry, outbox command), so a
 * clock that reads PRAGMA synchronous on the same connection at each reading sees the level the commit
 * will run at. A power cut cannot be made in a test; this is what it would test.
 */
function probingClock(): { clock: ReturnType<typeof steppingClock>; attach(ctx: HandlerContext): void; take(): number[] } {
  const base = steppingClock();
  let ctx: HandlerContext | null = null;
  let seen: number[] = [];
  const clock = {
    ...base,
    nowIso: () => {
      const db = ctx?.store.db;
      if (db?.inTransaction) seen.push(db.pragma('synchronous', { simple: true }) as number);
      return base.nowIso();
    },
  };
  return { clock, attach: (c) => (ctx = c), take: () => [seen, (seen = [])][0] as number[] };
}

const fakePrinter: Printer = {
  list: async () => [{ name: 'PDF', description: 'PDF', isDefault: true, state: 'idle', acceptingJobs: true }],
  print: async () => ({ jobId: `PDF-${Math.random().toString(36).slice(2)}` }),
};

describe('durable commits: what hands a person a numbered document is synced before the answer', () => {
  it('intake, print and void commit with synchronous=FULL; other writes keep NORMAL, and the store is NORMAL between calls', async () => {
    const probe = probingClock();
    const t = await signedInTerminal({ clock: probe.clock, printer: fakePrinter });
    probe.attach(t.ctx);
    const levelsOf = async (name: HandlerName, run: () => Promise<{ ok: boolean }>): Promise<number[]> => {
      probe.take();
      const r = await run();
      expect(r.ok, name).toBe(true);
      const seen = probe.take();
      expect(seen.length, `${name} read the clock inside a transaction`).toBeGreaterThan(0);
      expect(t.ctx.store.db.pragma('synchronous', { simple: true }), `after ${name}`).toBe(NORMAL);
      return seen;
    };

    let caseNo = '';
    const accepted = await levelsOf('cases.accept', async () => {
      const r = await t.call('cases.accept', await acceptInput(t.call));
      if (r.ok) caseNo = r.value.caseNo;
      return r;
    });
    expect(accepted).toEqual(accepted.map(() => FULL));
    const printed = await levelsOf('notices.print', () => t.call('notices.print', { caseNo, layout: 'a4', language: 'zh-CN' }));
    expect(printed).toEqual(printed.map(() => FULL));
    const voided = await levelsOf('notices.void', () =>
      t.call('notices.void', { caseNo, printNo: 0, reason: '打印错位，作废重打', supervisor: SUPERVISOR.login, supervisorPassword: SUPERVISOR.password }),
    );
    expect(voided).toEqual(voided.map(() => FULL));

    const language = await levelsOf('settings.setLanguage', () => t.call('settings.setLanguage', { language: 'en' }));
    expect(language).toEqual(language.map(() => NORMAL));
    const signIn = await levelsOf('auth.signIn', () => t.call('auth.signIn', { login: 'wang', password: 'clerk-pass-1' }));
    expect(signIn).toEqual(signIn.map(() => NORMAL));
  }, 30_000);

  it('a payment, a refund and a delivery commit with synchronous=FULL too: the slip and the 领取回执 carry their numbers', async () => {
    const probe = probingClock();
    const t = await signedInTerminal({ clock: probe.clock, printer: fakePrinter });
    probe.attach(t.ctx);
    const caseNo = await acceptedCase(t.call, ID_RENEWAL);
    markReady(t.ctx, caseNo);
    const levels = async (run: () => Promise<{ ok: boolean }>): Promise<number[]> => {
      probe.take();
      expect((await run()).ok).toBe(true);
      const seen = probe.take();
      expect(seen.length).toBeGreaterThan(0);
      expect(t.ctx.store.db.pragma('synchronous', { simple: true })).toBe(NORMAL);
      return [...new Set(seen)];
    };
    let entryNo = '';
    expect(await levels(async () => {
      const r = await t.call('fees.pay', { caseNo, stage: 'intake', amountFen: 2000, method: { kind: 'card', reference: 'POS-1' } });
      if (r.ok) entryNo = r.value.entryNo;
      return r;
    })).toEqual([FULL]);
    expect(await levels(() => t.call('fees.refund', { caseNo, paymentNo: entryNo, amountFen: 100, reason: '多收退回', supervisor: SUPERVISOR.login, supervisorPassword: SUPERVISOR.password }))).toEqual([FULL]);
    await t.call('fees.pay', { caseNo, stage: 'delivery', amountFen: 100, method: { kind: 'cash', tenderedFen: 100 } });
    expect(await levels(() => t.call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: { kind: 'applicant', idType: 'resident_id', idNumber: VALID_ID }, handedOver: ['result'] }))).toEqual([FULL]);
  }, 30_000);
});
