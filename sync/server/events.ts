import type { ServerResponse } from 'node:http';
import { EVERYONE, type Written } from './changes.js';

export interface PokeHubOptions {
  /** A comment line this often keeps proxies from closing an idle stream (and finds dead peers). */
  heartbeatMs?: number;
  /** Streams one terminal may hold; a new one beyond it closes its oldest (a restarted client). */
  maxPerTerminal?: number;
  /** Streams in all; beyond it a new stream is refused. */
  maxTotal?: number;
  /** Asked at each heartbeat: which of these terminals were revoked meanwhile (their streams end). */
  revoked?: (terminalIds: string[]) => Promise<string[]>;
}

/** A stream whose unsent bytes pile up past this is a peer that stopped reading: it is closed. */
const MAX_BUFFERED_BYTES = 64 * 1024;

/**
 * The server-sent-events side of pull: each connected terminal gets `event: poke` with the newest
 * checkpoint after a commit that made changes it can see. A poke only says "pull now"; losing one
 * costs nothing but latency, since terminals also pull on start and on a timer. In-process: with
 * several service instances behind a load balancer, a terminal is poked only by the instance that
 * committed (PostgreSQL LISTEN/NOTIFY would carry it across; not needed for one instance).
 */
export class PokeHub {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly heartbeatMs: number;
  private readonly maxPerTerminal: number;
  private readonly maxTotal: number;

  constructor(private readonly opts: PokeHubOptions = {}) {
    this.heartbeatMs = opts.heartbeatMs ?? 25_000;
    this.maxPerTerminal = opts.maxPerTerminal ?? 3;
    this.maxTotal = opts.maxTotal ?? 10_000;
  }

  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  canAccept(): boolean {
    return this.size < this.maxTotal;
  }

  /** Takes over a hijacked response as this terminal's stream. */
  attach(terminalId: string, res: ServerResponse): void {
    let set = this.streams.get(terminalId);
    if (!set) this.streams.set(terminalId, (set = new Set()));
    while (set.size >= this.maxPerTerminal) {
      const oldest = set.values().next().value;
      if (!oldest) break;
      this.drop(terminalId, oldest);
    }
    set.add(res);
    res.on('close', () => this.remove(terminalId, res));
    // retry: how long EventSource-style clients wait before reconnecting.
    this.write(terminalId, res, 'retry: 5000\n\n');
    this.startHeartbeat();
  }

  /** One stream's first poke: the checkpoint it can reach right now. */
  pokeOne(terminalId: string, res: ServerResponse, checkpoint: number): void {
    this.write(terminalId, res, pokeFrame(checkpoint));
  }

  /** After a commit: pokes every stream that can see one of the written scopes. */
  poke(written: Written | null): void {
    if (!written) return;
    const frame = pokeFrame(written.seq);
    const everyone = written.scopes.includes(EVERYONE);
    for (const [terminalId, set] of this.streams) {
      if (!everyone && !written.scopes.includes(terminalId)) continue;
      for (const res of set) this.write(terminalId, res, frame);
    }
  }

  /** Ends a terminal's streams (it was revoked). */
  disconnect(terminalId: string): void {
    for (const res of this.streams.get(terminalId) ?? []) this.drop(terminalId, res);
  }

  closeAll(): void {
    for (const [terminalId, set] of this.streams) for (const res of set) this.drop(terminalId, res);
    this.stopHeartbeat();
  }

  private write(terminalId: string, res: ServerResponse, text: string): void {
    if (res.writableEnded || res.destroyed) return this.remove(terminalId, res);
    if (res.writableLength > MAX_BUFFERED_BYTES) return this.drop(terminalId, res);
    res.write(text);
  }

  private drop(terminalId: string, res: ServerResponse): void {
    this.remove(terminalId, res);
    res.end();
  }

  private remove(terminalId: string, res: ServerResponse): void {
    const set = this.streams.get(terminalId);
    if (!set) return;
    set.delete(res);
    if (set.size === 0) this.streams.delete(terminalId);
    if (this.streams.size === 0) this.stopHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
    this.timer.unref();
  }

  private stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async beat(): Promise<void> {
    for (const [terminalId, set] of this.streams) for (const res of set) this.write(terminalId, res, ': heartbeat\n\n');
    if (!this.opts.revoked || this.streams.size === 0) return;
    try {
      for (const id of await this.opts.revoked([...this.streams.keys()])) this.disconnect(id);
    } catch {
      // The database is away for a moment: check again at the next beat.
    }
  }
}

const pokeFrame = (checkpoint: number): string => `event: poke\ndata: ${JSON.stringify({ checkpoint })}\n\n`;
