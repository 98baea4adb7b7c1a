import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueCommand } from '../db/outbox.js';
import { openStore, type Store } from '../db/open.js';
import { steppingClock } from '../../tests/support/clock.js';
import { captureLogs } from '../../tests/support/logs.js';
import { tempDir } from '../../tests/support/temp.js';
import { SyncClient, type SyncClientOptions } from './client.js';
import type { Timers } from './timers.js';

/**
 * The client's loop against a scripted fetch and timers driven by hand: which waits it schedules,
 * that it gives up on what needs a person, and that stop() leaves no timer and no request behind.
 * (sync.test.ts runs it against the real central service.)
 */
class ManualTimers implements Timers {
  private t = 0;
  private seq = 0;
  readonly pending = new Map<number, { at: number; ms: number; fn: () => void }>();

  setTimeout(fn: () => void, ms: number): number {
    this.seq += 1;
    this.pending.set(this.seq, { at: this.t + ms, ms, fn });
    return this.seq;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  now(): number {
    return this.t;
  }

  /** The waits scheduled right now, shortest first. */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms).sort((a, b) => a - b);
  }

  /** Fires the earliest timer (moving the clock to it). */
  fire(): number {
    const [id, next] = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]!;
    this.pending.delete(id);
    this.t = next.at;
    next.fn();
    return next.ms;
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 30; i += 1) await new Promise((r) => setImmediate(r));
};

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let clients: SyncClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  clients = [];
});

function enrolledStore(commands = 2): Store {
  const store = openStore(join(tempDir(), 's.sqlite'));
  store.db
    .prepare("INSERT INTO sync_state (id, server_url, terminal_id, terminal_code, credential, seq_offset, enrolled_at) VALUES (1, 'http://central.invalid', ?, 'T1', 'ow1.x.y', 0, 'n')")
    .run('9c1f3a52-6f0e-4c6b-9a51-2b8f1d8f7e10');
  for (let i = 0; i < commands; i += 1) enqueueCommand(store.db, steppingClock(), 'printNotice', { caseNo: `T1-20261126-000${i + 1}`, documentNo: 'SL-x', kind: 'accepted', printNo: 0, staff: 'wang', printedAt: 'n' });
  return store;
}

type Handler = (url: string, init: RequestInit) => Promise<Response>;

function client(store: Store, timers: ManualTimers, handler: { current: Handler }, extra: Partial<SyncClientOptions> = {}): SyncClient {
  const c = new SyncClient({
    db: store.db,
    blobs: { has: () => false, get: () => Buffer.alloc(0) },
    clock: steppingClock(),
    timers,
    random: () => 0.5,
    backoffBaseMs: 1_000,
    backoffMaxMs: 8_000,
    pullEveryMs: 300_000,
    listenForPokes: false,
    fetch: (url, init) => handler.current(url, init),
    ...extra,
  });
  clients.push(c);
  return c;
}

/** A centre that applies every command and has nothing to send down. */
const healthy: Handler = async (url, init) => {
  if (url.endsWith('/v1/push')) {
    const { commands } = JSON.parse(String(init.body)) as { commands: { seq: number }[] };
    return json(200, { lastSeq: commands.at(-1)!.seq, results: commands.map((c) => ({ seq: c.seq, status: 'applied' })) });
  }
  if (url.endsWith('/v1/pull')) return json(200, { changes: [], checkpoint: 0, more: false });
  return json(404, { error: { code: 'not_found', message: url } });
};

describe('SyncClient loop (scripted fetch, timers by hand)', () => {
  it('retries network failures after exponential full-jitter waits, then drains when the centre answers', async () => {
    const store = enrolledStore();
    const timers = new ManualTimers();
    const calls: string[] = [];
    const handler = {
      current: (async (url) => {
        calls.push(url);
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      }) as Handler,
    };
    const c = client(store, timers, handler);
    c.start();
    await settle();
    // random 0.5 of min(8000, 1000·2ⁿ): 500, 1000, 2000, 4000, then capped at 4000.
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      expect(timers.delays()).toEqual([waits.length === 0 ? 500 : Math.min(500 * 2 ** waits.length, 4000), 300_000]);
      expect(c.status()).toMatchObject({ connection: 'offline', error: { code: 'network', needsAttention: false }, waiting: 2 });
      waits.push(timers.fire());
      await settle();
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(calls).toHaveLength(6);

    handler.current = healthy;
    timers.fire();
    await settle();
    expect(c.status()).toMatchObject({ connection: 'online', error: null, waiting: 0, nextRetryAt: null });
    // Only the periodic pull is left; stop() clears it too.
    expect(timers.delays()).toEqual([300_000]);
    await c.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('on a full disk (the store cannot even record the failure) keeps retrying instead of rejecting unhandled, which ends the app', async () => {
    const store = enrolledStore();
    // A real SQLITE_FULL: recording the error needs a page the store may no longer have.
    store.db.exec(`CREATE TABLE filler (x BLOB);
      CREATE TRIGGER no_room BEFORE UPDATE ON sync_state BEGIN INSERT INTO filler VALUES (zeroblob(200000)); END;`);
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
    const timers = new ManualTimers();
    const logs = captureLogs();
    const handler = { current: (async () => { throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }); }) as Handler };
    const c = client(store, timers, handler, { log: logs.log });
    c.start();
    await settle();
    expect(logs.text()).toMatch(/disk is full/);
    // The retry is there as after any network failure, and the next attempt runs.
    expect(timers.delays()).toEqual([500, 300_000]);
    timers.fire();
    await settle();
    expect(c.status()).toMatchObject({ connection: 'offline', waiting: 2 });
    await c.stop();
  });

  it('stops on a 4xx that needs a person, retries nothing (not even on its timer), and tries again when asked', async () => {
    const store = enrolledStore();
    const timers = new ManualTimers();
    let calls = 0;
    const handler = {
      current: (async () => {
        calls += 1;
        return json(403, { error: { code: 'terminal_revoked', message: 'this terminal was revoked by IT' } });
      }) as Handler,
    };
    const c = client(store, timers, handler);
    c.start();
    await settle();
    expect(c.status()).toMatchObject({ connection: 'online', error: { code: 'terminal_revoked', needsAttention: true }, waiting: 2 });
    expect(timers.delays()).toEqual([300_000]);
    timers.fire();
    c.requestPush();
    await settle();
    expect(calls).toBe(1);

    handler.current = healthy;
    const after = await c.syncNow();
    expect(after).toMatchObject({ error: null, waiting: 0 });
  });

  it('stop() aborts a request in flight and clears every timer, promptly', async () => {
    const store = enrolledStore();
    const timers = new ManualTimers();
    let seen: AbortSignal | undefined;
    const handler = {
      current: ((_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          seen = init.signal ?? undefined;
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        })) as Handler,
    };
    const c = client(store, timers, handler, { listenForPokes: true });
    c.start();
    await settle();
    // The push (timeout timer) and the event stream (timeout timer) are in flight, plus the periodic pull.
    expect(timers.pending.size).toBeGreaterThanOrEqual(2);
    // Promptly: the timers are manual, so a stop() that waited for one of them would never return.
    await c.stop();
    expect(seen?.aborted).toBe(true);
    expect(timers.pending.size).toBe(0);
    // Nothing it does after stop() touches the store, so the app may close it at once.
    store.close();
    expect(() => c.requestPush()).not.toThrow();
    await settle();
    expect(timers.pending.size).toBe(0);
  });
});
