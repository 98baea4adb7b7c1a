import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../core/api/contract.js';
import { fail, ok, type Result } from '../../../core/result.js';
import { eventsOf, follow, Newest, Query, viewOf, wants, type RefreshOn, type Timers } from './query.js';
import type { Transport } from './types.js';

/** A fake back end: every call waits until the test answers it, so the order of answers is the test's. */
function fakeBackEnd<I, T>() {
  const calls: { input: I; answer: (r: Result<T>) => Promise<void> }[] = [];
  const fetch = (input: I): Promise<Result<T>> =>
    new Promise((resolve) => {
      calls.push({
        input,
        // Resolves after the query's own `.then` ran, so the test sees the state the answer made.
        answer: async (r) => {
          resolve(r);
          await Promise.resolve();
          await Promise.resolve();
        },
      });
    });
  return { calls, fetch };
}

/** Timers the test runs by hand: `due()` fires what is waiting, nothing happens on its own. */
function manualTimers(): Timers & { waiting: () => number; due: () => void } {
  const waiting = new Map<number, () => void>();
  let next = 0;
  return {
    set: (run) => {
      waiting.set(++next, run);
      return next;
    },
    clear: (handle) => void waiting.delete(handle as number),
    waiting: () => waiting.size,
    due: () => {
      const runs = [...waiting.values()];
      waiting.clear();
      for (const run of runs) run();
    },
  };
}

type Input = { q: string };

describe('Query (the core of useHandler)', () => {
  it('asks once per key, and shows the answer for that key', async () => {
    const back = fakeBackEnd<Input, string[]>();
    const q = new Query<Input, string[]>();
    q.ask('a', { q: 'a' }, back.fetch);
    q.ask('a', { q: 'a' }, back.fetch);
    expect(back.calls.map((c) => c.input)).toEqual([{ q: 'a' }]);
    expect(viewOf(q.getState(), 'a', false)).toEqual({ data: null, answered: null, error: null, loading: true });
    await back.calls[0]!.answer(ok(['A']));
    expect(viewOf(q.getState(), 'a', false)).toEqual({ data: ['A'], answered: { q: 'a' }, error: null, loading: false });
  });

  it('drops an answer that comes after a newer ask (the live flag of the old effects)', async () => {
    const back = fakeBackEnd<Input, string>();
    const q = new Query<Input, string>();
    q.ask('a', { q: 'a' }, back.fetch);
    q.ask('ab', { q: 'ab' }, back.fetch);
    await back.calls[1]!.answer(ok('for ab'));
    await back.calls[0]!.answer(ok('for a'));
    expect(q.getState().data).toBe('for ab');
    expect(q.getState().dataKey).toBe('ab');
  });

  it('drops the answer to a reload overtaken by a later reload', async () => {
    const back = fakeBackEnd<Input, number>();
    const q = new Query<Input, number>();
    q.ask('k', { q: 'k' }, back.fetch);
    q.reload();
    await back.calls[1]!.answer(ok(2));
    await back.calls[0]!.answer(ok(1));
    expect(q.getState().data).toBe(2);
    expect(q.getState().pending).toBe(false);
  });

  it('keeps what it shows while reloading; loading says a reload is on its way', async () => {
    const back = fakeBackEnd<Input, number>();
    const q = new Query<Input, number>();
    q.ask('k', { q: 'k' }, back.fetch);
    await back.calls[0]!.answer(ok(1));
    q.reload();
    expect(viewOf(q.getState(), 'k', false)).toMatchObject({ data: 1, loading: true });
    await back.calls[1]!.answer(ok(2));
    expect(viewOf(q.getState(), 'k', false)).toMatchObject({ data: 2, loading: false });
  });

  it('keeps a refusal with its key, keeps the last good answer, and clears the refusal on the next success', async () => {
    const back = fakeBackEnd<Input, number>();
    const q = new Query<Input, number>();
    q.ask('k', { q: 'k' }, back.fetch);
    await back.calls[0]!.answer(ok(1));
    q.reload();
    await back.calls[1]!.answer(fail('unavailable', 'down'));
    expect(viewOf(q.getState(), 'k', false)).toMatchObject({ data: 1, error: { code: 'unavailable' }, loading: false });
    q.reload();
    await back.calls[2]!.answer(ok(3));
    expect(viewOf(q.getState(), 'k', false)).toMatchObject({ data: 3, error: null });
  });

  it('without keep shows nothing of another key; with keep the last answer and the input it answers', async () => {
    const back = fakeBackEnd<Input, string>();
    const q = new Query<Input, string>();
    q.ask('a', { q: 'a' }, back.fetch);
    await back.calls[0]!.answer(ok('A'));
    // The render with the new key comes before the effect that asks for it.
    expect(viewOf(q.getState(), 'b', false)).toEqual({ data: null, answered: null, error: null, loading: true });
    expect(viewOf(q.getState(), 'b', true)).toEqual({ data: 'A', answered: { q: 'a' }, error: null, loading: true });
    q.ask('b', { q: 'b' }, back.fetch);
    await back.calls[1]!.answer(fail('internal', 'x'));
    expect(viewOf(q.getState(), 'b', true)).toMatchObject({ data: 'A', answered: { q: 'a' }, error: { code: 'internal' }, loading: false });
    expect(viewOf(q.getState(), 'a', true).error).toBeNull();
  });

  it('asks nothing for a null key, and is not loading then', () => {
    const back = fakeBackEnd<Input, string>();
    const q = new Query<Input, string>();
    q.ask(null, null, back.fetch);
    q.reload();
    expect(back.calls).toHaveLength(0);
    expect(viewOf(q.getState(), null, false)).toEqual({ data: null, answered: null, error: null, loading: false });
  });

  it('after stop drops what is on its way, and asks again for the same key', async () => {
    const back = fakeBackEnd<Input, string>();
    const q = new Query<Input, string>();
    q.ask('a', { q: 'a' }, back.fetch);
    q.stop();
    await back.calls[0]!.answer(ok('late'));
    expect(q.getState().data).toBeNull();
    q.ask('a', { q: 'a' }, back.fetch);
    expect(back.calls).toHaveLength(2);
    await back.calls[1]!.answer(ok('now'));
    expect(q.getState().data).toBe('now');
  });

  it('set() takes a value from elsewhere and drops the read on its way', async () => {
    const back = fakeBackEnd<Input, string>();
    const q = new Query<Input, string>();
    q.ask('s', { q: 's' }, back.fetch);
    q.set('from the event');
    await back.calls[0]!.answer(ok('older read'));
    expect(viewOf(q.getState(), 's', false)).toMatchObject({ data: 'from the event', loading: false, error: null });
  });

  it('with a delay, asks within it make one call, for the last input', async () => {
    const timers = manualTimers();
    const back = fakeBackEnd<Input, string>();
    const q = new Query<Input, string>(80, timers);
    q.ask('a', { q: 'a' }, back.fetch);
    q.ask('ab', { q: 'ab' }, back.fetch);
    q.ask('abc', { q: 'abc' }, back.fetch);
    expect(back.calls).toHaveLength(0);
    expect(timers.waiting()).toBe(1);
    expect(q.getState()).toMatchObject({ key: 'abc', pending: true });
    timers.due();
    expect(back.calls.map((c) => c.input)).toEqual([{ q: 'abc' }]);
    q.reload();
    q.reload();
    timers.due();
    expect(back.calls).toHaveLength(2);
  });

  it('notifies subscribers on every change and stops when unsubscribed', async () => {
    const back = fakeBackEnd<Input, string>();
    const q = new Query<Input, string>();
    let seen = 0;
    const off = q.subscribe(() => seen++);
    q.ask('a', { q: 'a' }, back.fetch);
    await back.calls[0]!.answer(ok('A'));
    const before = seen;
    expect(before).toBeGreaterThanOrEqual(2);
    const snapshot = q.getState();
    expect(q.getState()).toBe(snapshot); // the same object until something changes (useSyncExternalStore)
    off();
    q.reload();
    expect(seen).toBe(before);
  });

  it('turns a rejected fetch into an internal error instead of losing it', async () => {
    const q = new Query<Input, string>();
    q.ask('a', { q: 'a' }, () => Promise.reject(new Error('bug')));
    await Promise.resolve();
    await Promise.resolve();
    expect(viewOf(q.getState(), 'a', false)).toMatchObject({ error: { code: 'internal' }, loading: false });
  });
});

describe('Newest', () => {
  it('lets only the newest ask deliver', () => {
    const n = new Newest();
    const first = n.next();
    const second = n.next();
    expect([first(), second()]).toEqual([false, true]);
    n.drop();
    expect(second()).toBe(false);
  });
});

describe('refreshOn', () => {
  const refreshOn: RefreshOn[] = ['scans.changed', { event: 'cases.changed', when: (p) => p.caseNo === 'C-1' }];

  it('asks again for a named event, and for a filtered one only when its filter takes the payload', () => {
    expect(wants(refreshOn, 'scans.changed', { intakeId: 'x' })).toBe(true);
    expect(wants(refreshOn, 'cases.changed', { caseNo: 'C-1' })).toBe(true);
    expect(wants(refreshOn, 'cases.changed', { caseNo: 'C-2' })).toBe(false);
    expect(wants(refreshOn, 'sync.changed', {})).toBe(false);
  });

  it('follows each event once, through the transport, and unsubscribes all', () => {
    const listeners = new Map<EventName, Set<(p: unknown) => void>>();
    const transport: Pick<Transport, 'on'> = {
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        // Stored untyped; the test calls it with a payload of the event's shape.
        const l = listener as (p: unknown) => void;
        set.add(l);
        listeners.set(event, set);
        return () => void set.delete(l);
      },
    };
    const seen: [EventName, unknown][] = [];
    const events = eventsOf([...refreshOn, 'cases.changed']);
    expect(events).toEqual(['cases.changed', 'scans.changed']);
    const off = follow(transport, events, (e, p) => seen.push([e, p]));
    for (const l of listeners.get('cases.changed') ?? []) l({ caseNo: 'C-9' });
    expect(seen).toEqual([['cases.changed', { caseNo: 'C-9' }]]);
    off();
    expect([...listeners.values()].every((s) => s.size === 0)).toBe(true);
  });
});
