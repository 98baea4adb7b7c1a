import { pokeSchema } from '../../sync/protocol/index.js';
import type { Backoff } from './backoff.js';
import { asFailure, SyncFailure } from './failure.js';
import type { CentralApi } from './http.js';
import { SseParser } from './sse.js';
import { sleep, type TimerHandle, type Timers } from './timers.js';

export interface PokeListenerOptions {
  api: CentralApi;
  timers: Timers;
  backoff: Backoff;
  /** A stream without a byte for this long is dead (the server sends a heartbeat every 25 s): reconnect. */
  idleMs: number;
  /** The server has changes up to `checkpoint`. */
  onPoke(checkpoint: number): void;
  /** The stream is open (the centre is reachable). */
  onOpen(): void;
  /** A failure: `attention` ends the listener (the client stops); `retry` reconnects after a backoff. */
  onFailure(failure: SyncFailure): void;
}

/**
 * Listens to GET /v1/events and turns each `poke` into "pull now". Reconnects with backoff when the
 * stream fails or falls silent; ends when `signal` aborts or the server answers something that needs
 * a person. A lost poke costs only latency: the client also pulls on start and on a timer.
 */
export async function listenForPokes(opts: PokeListenerOptions, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const conn = new AbortController();
    const s = AbortSignal.any([signal, conn.signal]);
    try {
      const body = await opts.api.openEvents(s);
      opts.onOpen();
      await readStream(opts, body, s, conn);
      if (signal.aborted) return;
    } catch (err) {
      if (signal.aborted) return;
      const failure = asFailure(conn.signal.aborted ? conn.signal.reason : err, 'network');
      opts.onFailure(failure);
      if (failure.kind === 'attention') return;
    } finally {
      conn.abort();
    }
    try {
      await sleep(opts.timers, opts.backoff.next(), signal);
    } catch {
      return;
    }
  }
}

async function readStream(opts: PokeListenerOptions, body: ReadableStream<Uint8Array>, signal: AbortSignal, conn: AbortController): Promise<void> {
  const reader = body.getReader();
  const parser = new SseParser();
  let watchdog: TimerHandle | null = null;
  const disarm = (): void => {
    if (watchdog !== null) opts.timers.clearTimeout(watchdog);
    watchdog = null;
  };
  const arm = (): void => {
    disarm();
    watchdog = opts.timers.setTimeout(() => conn.abort(new SyncFailure('timeout', `the event stream was silent for ${opts.idleMs} ms`, 'retry')), opts.idleMs);
  };
  try {
    arm();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
      arm();
      for (const ev of parser.push(value)) {
        if (ev.event !== 'poke') continue;
        let json: unknown;
        try {
          json = JSON.parse(ev.data);
        } catch {
          continue;
        }
        const poke = pokeSchema.safeParse(json);
        if (!poke.success) continue;
        // The stream works: the next failure starts its backoff from the beginning.
        opts.backoff.reset();
        opts.onPoke(poke.data.checkpoint);
      }
    }
  } finally {
    disarm();
    reader.cancel().catch(() => undefined);
  }
}
