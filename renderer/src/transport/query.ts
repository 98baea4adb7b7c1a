import type { EventName, EventPayload } from '../../../core/api/contract.js';
import type { AppError, Result } from '../../../core/result.js';
import type { Transport } from './types.js';

/**
 * The state machine behind `useHandler`, free of React so it can be tested with a fake transport:
 * one value read from the back end, asked again when its input changes, when `reload` is called or
 * when an event says it changed. Only the newest ask's answer is taken in: an answer that comes back
 * after a newer ask (the clerk typed on, the page went away) is dropped, which is what every
 * hand-written effect with a `live` flag did before.
 */

/** Numbers the asks; only the newest one may deliver. */
export class Newest {
  private seq = 0;

  /** Starts an ask; the function says whether it is still the newest when its answer comes. */
  next(): () => boolean {
    const mine = ++this.seq;
    return () => mine === this.seq;
  }

  /** Whatever is on its way now is stale. */
  drop(): void {
    this.seq++;
  }
}

export interface QueryState<I, T> {
  /** The identity asked for last; null when nothing is asked (no input, or stopped). */
  key: string | null;
  /** An answer for `key` is on its way, or waiting out the delay. */
  pending: boolean;
  /** The last good answer, the key it answers and the input it was asked with. */
  data: T | null;
  dataKey: string | null;
  answered: I | null;
  /** The last answer's refusal (null once an answer succeeds), and its key. */
  error: AppError | null;
  errorKey: string | null;
}

export interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (run, ms) => globalThis.setTimeout(run, ms),
  clear: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

const EMPTY: QueryState<never, never> = { key: null, pending: false, data: null, dataKey: null, answered: null, error: null, errorKey: null };

export class Query<I, T> {
  private current: QueryState<I, T> = EMPTY;
  private readonly listeners = new Set<() => void>();
  private readonly newest = new Newest();
  private asked: { input: I; fetch: (input: I) => Promise<Result<T>> } | null = null;
  private timer: unknown = null;

  /** `delayMs`: every ask waits this long, and asks within it make one call (search as you type, a burst of events). */
  constructor(
    private readonly delayMs = 0,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The snapshot for useSyncExternalStore: the same object until something changes. */
  readonly getState = (): QueryState<I, T> => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks for `key` (null: nothing). The same key again asks nothing; `reload` does. */
  ask(key: string | null, input: I | null, fetch: (input: I) => Promise<Result<T>>): void {
    if (key === this.current.key && key !== null) return;
    this.cancel();
    if (key === null || input === null) {
      this.asked = null;
      this.update({ key: null, pending: false });
      return;
    }
    this.asked = { input, fetch };
    this.update({ key, pending: true });
    this.schedule();
  }

  /** Asks the current key again; what is shown stays until the answer. */
  reload(): void {
    if (this.current.key === null || !this.asked) return;
    if (!this.current.pending) this.update({ pending: true });
    this.schedule();
  }

  /** A value from elsewhere (an event's payload, another handler's answer): newer than any read on its way. */
  set(value: T): void {
    this.newest.drop();
    const asked = this.asked;
    this.update({ data: value, dataKey: this.current.key, answered: asked ? asked.input : null, error: null, errorKey: null, pending: this.timer !== null });
  }

  /** Stops: drops what is on its way and forgets the key (the next `ask` asks again); the last answer stays. */
  stop(): void {
    this.cancel();
    this.asked = null;
    if (this.current.key !== null || this.current.pending) this.update({ key: null, pending: false });
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.newest.drop();
  }

  private schedule(): void {
    if (this.delayMs <= 0) return this.send();
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.send();
    }, this.delayMs);
  }

  private send(): void {
    const asked = this.asked;
    const key = this.current.key;
    if (!asked || key === null) return;
    const stillNewest = this.newest.next();
    void asked.fetch(asked.input).then(
      (r) => {
        if (!stillNewest()) return;
        const pending = this.timer !== null;
        if (r.ok) this.update({ pending, data: r.value, dataKey: key, answered: asked.input, error: null, errorKey: null });
        else this.update({ pending, error: r.error, errorKey: key });
      },
      (err: unknown) => {
        // A transport resolves with {ok:false} on every failure; a rejection is a bug, shown as one.
        if (stillNewest()) this.update({ pending: this.timer !== null, error: { code: 'internal', message: String(err) }, errorKey: key });
      },
    );
  }

  private update(patch: Partial<QueryState<I, T>>): void {
    this.current = { ...this.current, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

/** What a component shows of a query's state, for the key it renders with (which the query may not have been asked yet). */
export interface QueryView<I, T> {
  data: T | null;
  /** The input `data` answers: with `keep`, possibly an older one than asked. */
  answered: I | null;
  error: AppError | null;
  loading: boolean;
}

/**
 * Without `keep`, only an answer for this very key is shown (a new page shows nothing of the last
 * one's); with it, the last answer stays while the next is on its way (a list that does not blink).
 */
export function viewOf<I, T>(s: QueryState<I, T>, key: string | null, keep: boolean): QueryView<I, T> {
  const mine = keep || (key !== null && s.dataKey === key);
  return {
    data: mine ? s.data : null,
    answered: mine ? s.answered : null,
    error: key !== null && s.errorKey === key ? s.error : null,
    loading: key !== null && (s.key !== key || s.pending),
  };
}

/** An event after which the value is read again; with `when`, only for the payloads it accepts. */
export type RefreshOn = EventName | { [E in EventName]: { event: E; when: (payload: EventPayload<E>) => boolean } }[EventName];

/** Whether an event, as it came, asks for a fresh read. */
export function wants(refreshOn: readonly RefreshOn[], event: EventName, payload: unknown): boolean {
  return refreshOn.some((r) => {
    if (typeof r === 'string') return r === event;
    // The payload came for `event`, and `r.when` takes that event's payload.
    return r.event === event && (r.when as (p: unknown) => boolean)(payload);
  });
}

/** The events named in `refreshOn`, once each, in a stable order (an effect's dependency). */
export function eventsOf(refreshOn: readonly RefreshOn[]): EventName[] {
  return [...new Set(refreshOn.map((r) => (typeof r === 'string' ? r : r.event)))].sort();
}

/** Follows `events`; each one that comes goes to `onEvent` with its name. Returns the unsubscribe. */
export function follow(transport: Pick<Transport, 'on'>, events: readonly EventName[], onEvent: (event: EventName, payload: unknown) => void): () => void {
  const offs = events.map((e) => transport.on(e, (payload) => onEvent(e, payload)));
  return () => {
    for (const off of offs) off();
  };
}
