import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../core/api/contract-sync.js';
import type { Catalog } from '../../core/catalog/schema.js';
import { silentLogger, systemClock, type Clock, type Logger } from '../../core/ports.js';
import type { AppliedPage } from './apply.js';
import { Backoff, DEFAULT_BACKOFF } from './backoff.js';
import { BlobUploader, type BlobSource } from './blobs.js';
import { asFailure, SyncStopped, type SyncFailure } from './failure.js';
import { CentralApi, type FetchLike } from './http.js';
import { listenForPokes } from './pokes.js';
import { pullAll } from './pull.js';
import { drainOutbox } from './push.js';
import { checkState, recoverIfBehind } from './recover.js';
import { clearError, readCheckpoint, readEnrollment, readSyncStatus, saveError, saveSyncOk, type Enrollment } from './state.js';
import { realTimers, type TimerHandle, type Timers } from './timers.js';
import { plainSealer, type CredentialSealer } from './sealer.js';

export interface SyncClientOptions {
  /** The terminal's store (main/db/open.ts), enrolled: migration 005's `sync_state` has its row. */
  db: Database;
  /** Opens the stored credential (sealer.ts); plain when not given. */
  sealer?: CredentialSealer;
  /** Where blob bytes come from (the app's BlobStore). */
  blobs: BlobSource;
  clock?: Clock;
  fetch?: FetchLike;
  timers?: Timers;
  /** Uniform in [0, 1) for the backoff's jitter. */
  random?: () => number;
  /** Pull (and push) this often even without a poke. Default 5 minutes. */
  pullEveryMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  requestTimeoutMs?: number;
  chunkTimeoutMs?: number;
  /** An event stream silent this long is reconnected. Default 90 s (the server beats every 25 s). */
  eventsIdleMs?: number;
  /** Listen to the centre's pokes (GET /v1/events). Default true. */
  listenForPokes?: boolean;
  pushBatchSize?: number;
  pullPageSize?: number;
  /** Commands per recover request (recover.ts). */
  recoverPageSize?: number;
  /** Bytes per blob PUT (the protocol's 4 MB unless given). */
  blobChunkBytes?: number;
  /** A pulled catalog was committed to the store: load it into memory. */
  onCatalog?: (catalog: Catalog) => void;
  /** The centre's status of these cases changed (committed). */
  onCasesChanged?: (caseNos: string[]) => void;
  /** The status changed (counts, connection, error, syncing). */
  onStatus?: (status: SyncStatus) => void;
  /**
   * Subscribes to "a command was queued" (the app passes its `cases.changed` events), so a new case is
   * pushed at once rather than at the next timer; returns the unsubscribe, called by `stop()`.
   */
  watchOutbox?: (onQueued: () => void) => () => void;
  /** The app's logger; each line carries this terminal's id and code. Silent unless given. */
  log?: Logger;
}

export const DEFAULT_PULL_EVERY_MS = 5 * 60_000;

/**
 * The terminal's side of sync, in the main process. One loop, one cycle at a time: push (drain the
 * outbox, blobs first) then pull (pages of changes, each committed with its checkpoint). Cycles run
 * on start, when a command is queued (`requestPush`), on a poke, every `pullEveryMs`, and on
 * `syncNow`. A transient failure (network, timeout, 5xx, the protocol's retryable codes) is retried
 * after an exponential backoff with full jitter; any other stops the loop with the status saying why
 * (`error.needsAttention`) until a person calls `syncNow` or the app restarts.
 *
 * Every wait goes through the injected timers, every request is bounded in time, and `stop()` aborts
 * what is in flight and clears every timer: nothing is left running, and no store access follows it.
 */
export class SyncClient {
  readonly enrollment: Enrollment;
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly api: CentralApi;
  private readonly uploader: BlobUploader;
  private readonly backoff: Backoff;
  private readonly pokeBackoff: Backoff;
  private readonly pullEveryMs: number;
  private readonly log: Logger;

  private abort: AbortController | null = null;
  private stopped = true;
  private stopping: Promise<void> | null = null;
  private wantPush = false;
  private wantPull = false;
  private running: Promise<void> | null = null;
  private started = 0;
  private finished = 0;
  private waiters: { until: number; resolve: () => void }[] = [];
  private retryTimer: TimerHandle | null = null;
  private retryAt: string | null = null;
  private periodicTimer: TimerHandle | null = null;
  private attention = false;
  private connection: SyncStatus['connection'] = 'unknown';
  private syncing = false;
  private pokes: { abort: AbortController; done: Promise<void> } | null = null;
  private lastLogged = '';
  private unwatch: (() => void) | null = null;

  constructor(private readonly opts: SyncClientOptions) {
    this.db = opts.db;
    const enrollment = readEnrollment(opts.db);
    if (!enrollment) throw new Error('this terminal is not enrolled with a central service');
    this.enrollment = enrollment;
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? realTimers;
    const random = opts.random ?? Math.random;
    const backoff = { baseMs: opts.backoffBaseMs ?? DEFAULT_BACKOFF.baseMs, maxMs: opts.backoffMaxMs ?? DEFAULT_BACKOFF.maxMs, random };
    this.backoff = new Backoff(backoff);
    this.pokeBackoff = new Backoff(backoff);
    this.pullEveryMs = opts.pullEveryMs ?? DEFAULT_PULL_EVERY_MS;
    this.log = (opts.log ?? silentLogger).child({ terminalId: enrollment.terminalId, terminalCode: enrollment.terminalCode });
    this.api = new CentralApi({
      baseUrl: enrollment.serverUrl,
      credential: (opts.sealer ?? plainSealer).open(enrollment.credential),
      fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
      timers: this.timers,
      timeoutMs: opts.requestTimeoutMs ?? 30_000,
      chunkTimeoutMs: opts.chunkTimeoutMs ?? 120_000,
    });
    this.uploader = new BlobUploader(this.api, opts.blobs, opts.blobChunkBytes);
  }

  /** Starts the loop: a push and a pull now, the periodic timer, the poke listener. Idempotent. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    // A problem that needed a person before a restart gets one more try: restarting is a person's act.
    this.attention = false;
    this.wantPush = true;
    this.wantPull = true;
    this.armPeriodic();
    this.startPokes();
    this.unwatch = this.opts.watchOutbox?.(() => this.requestPush()) ?? null;
    this.schedule();
  }

  /** Ends everything promptly: aborts requests in flight, clears timers, closes the event stream. */
  stop(): Promise<void> {
    if (this.stopped) return this.stopping ?? Promise.resolve();
    this.stopped = true;
    this.abort?.abort(new SyncStopped());
    this.unwatch?.();
    this.unwatch = null;
    this.clearRetry();
    if (this.periodicTimer !== null) this.timers.clearTimeout(this.periodicTimer);
    this.periodicTimer = null;
    for (const w of this.waiters.splice(0)) w.resolve();
    const pending = [this.running, this.pokes?.done].filter((p): p is Promise<void> => p !== null && p !== undefined);
    this.pokes = null;
    this.stopping = Promise.allSettled(pending).then(() => undefined);
    return this.stopping;
  }

  /** A command was queued: push soon (now, unless waiting out a backoff or stopped for a person). */
  requestPush(): void {
    if (this.stopped) return;
    this.wantPush = true;
    if (!this.schedule()) this.emit();
  }

  /** Pull soon (a poke said the centre has news). */
  requestPull(): void {
    if (this.stopped) return;
    this.wantPull = true;
    this.schedule();
  }

  /**
   * A person asked: push and pull now, whatever stopped the loop (a problem that needed them, a
   * backoff), and answer with the status after that one attempt.
   */
  async syncNow(): Promise<SyncStatus> {
    // Let a running cycle end first, so a failure of ITS doing cannot put ours behind a backoff.
    // Bounded: cycles queued by new commands meanwhile simply take our wishes along.
    for (let i = 0; i < 3 && this.running; i += 1) await this.running;
    if (this.stopped) return this.status();
    this.attention = false;
    this.clearRetry();
    this.backoff.reset();
    this.startPokes();
    this.wantPush = true;
    this.wantPull = true;
    // The next cycle to start takes these wishes: the one after the running one, or one starting now.
    const mine = this.started + 1;
    const done = new Promise<void>((resolve) => this.waiters.push({ until: mine, resolve }));
    this.schedule();
    await done;
    return this.status();
  }

  /** Resolves once no cycle runs and none is due now (one may be waiting for a retry, or for a person). */
  async idle(): Promise<void> {
    while (!this.stopped && this.running) {
      const next = this.started;
      await new Promise<void>((resolve) => this.waiters.push({ until: next, resolve }));
    }
  }

  status(): SyncStatus {
    return readSyncStatus(this.db, { connection: this.connection, syncing: this.syncing, nextRetryAt: this.retryAt });
  }

  /** Starts a cycle if one is wanted and nothing holds it back; true when it started one. */
  private schedule(): boolean {
    if (this.stopped || this.running || this.attention || this.retryTimer !== null) return false;
    if (!this.wantPush && !this.wantPull) return false;
    this.started += 1;
    this.running = this.cycle().finally(() => {
      this.running = null;
      this.finished += 1;
      const ready = this.waiters.filter((w) => w.until <= this.finished);
      this.waiters = this.waiters.filter((w) => w.until > this.finished);
      for (const w of ready) w.resolve();
      this.schedule();
    });
    return true;
  }

  private async cycle(): Promise<void> {
    const push = this.wantPush;
    const pull = this.wantPull;
    this.wantPush = false;
    this.wantPull = false;
    if (!this.abort) return;
    const { signal } = this.abort;
    this.syncing = true;
    this.emit();
    const deps = { db: this.db, api: this.api, clock: this.clock, enrollment: this.enrollment, signal };
    try {
      // What the centre holds of this terminal first: a store behind it stops taking cases at once.
      await checkState(deps);
      if (push) {
        const pushed = await drainOutbox({ db: this.db, api: this.api, uploader: this.uploader, clock: this.clock, enrollment: this.enrollment, signal, batchSize: this.opts.pushBatchSize, onBatch: () => this.online() });
        if (pushed.batches > 0) this.log.info({ ...pushed }, 'outbox pushed');
      }
      // After the push (what waited is a duplicate, or a fork the centre refused): what the store lacks.
      const recovered = await recoverIfBehind({ ...deps, pageSize: this.opts.recoverPageSize });
      if (recovered.recovered > 0) {
        this.log.info({ commands: recovered.recovered, cases: recovered.cases.length }, 'recovered from the centre');
        this.casesChanged(recovered.cases);
      }
      if (pull) {
        const changes = await pullAll({ db: this.db, api: this.api, clock: this.clock, enrollment: this.enrollment, signal, pageSize: this.opts.pullPageSize, onPage: (p) => this.pageApplied(p) });
        if (changes > 0) this.log.info({ changes }, 'changes pulled');
      }
      if (this.stopped) return;
      this.backoff.reset();
      this.connection = 'online';
      if (push && pull) saveSyncOk(this.db, this.clock.nowIso());
      else clearError(this.db);
      this.lastLogged = '';
    } catch (err) {
      if (this.stopped || err instanceof SyncStopped) return;
      this.wantPush ||= push;
      this.wantPull ||= pull;
      this.fail(asFailure(err));
    } finally {
      this.syncing = false;
      if (!this.stopped) this.emit();
    }
  }

  private fail(failure: SyncFailure): void {
    try {
      saveError(this.db, failure, this.clock.nowIso());
    } catch (err) {
      // A full disk cannot take even this row. Throwing here rejected the cycle with nothing to catch it
      // (that ends the app) and skipped the retry's wait, so cycles followed each other without pause.
      this.log.error({ err }, 'could not record the sync problem in the store; the connection state still says offline');
    }
    if (failure.httpStatus !== null && failure.httpStatus < 500) this.connection = 'online';
    else if (['network', 'timeout'].includes(failure.code) || (failure.httpStatus ?? 0) >= 500) this.connection = 'offline';
    // Once per distinct failure, not per retry: a terminal offline all day writes one line.
    const line = `${failure.kind}:${failure.code}:${failure.message}`;
    if (line !== this.lastLogged) {
      const fields = { code: failure.code, kind: failure.kind, httpStatus: failure.httpStatus, message: failure.message };
      if (failure.kind === 'attention') this.log.warn(fields, 'sync stopped: needs a person');
      else this.log.info(fields, 'sync failed: will retry');
    }
    this.lastLogged = line;
    if (failure.kind === 'attention') {
      this.attention = true;
      this.pokes?.abort.abort(new SyncStopped());
      return;
    }
    const delay = this.backoff.next();
    this.retryAt = new Date(Date.parse(this.clock.nowIso()) + delay).toISOString();
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      this.schedule();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
  }

  private armPeriodic(): void {
    this.periodicTimer = this.timers.setTimeout(() => {
      this.periodicTimer = null;
      if (this.stopped) return;
      this.wantPush = true;
      this.wantPull = true;
      this.schedule();
      this.armPeriodic();
    }, this.pullEveryMs);
  }

  private startPokes(): void {
    if (this.opts.listenForPokes === false || this.stopped || this.pokes || !this.abort) return;
    const abort = new AbortController();
    const signal = AbortSignal.any([this.abort.signal, abort.signal]);
    const done = listenForPokes(
      {
        api: this.api,
        timers: this.timers,
        backoff: this.pokeBackoff,
        idleMs: this.opts.eventsIdleMs ?? 90_000,
        onOpen: () => this.online(),
        onPoke: (checkpoint) => {
          // Behind ours: the centre went back (restored from a backup); the cycle's state check sees to it.
          if (!this.stopped && checkpoint !== readCheckpoint(this.db)) this.requestPull();
        },
        onFailure: (failure) => {
          if (this.stopped) return;
          if (failure.kind === 'attention') {
            this.fail(failure);
            this.emit();
          } else if (failure.code === 'network' || (failure.httpStatus ?? 0) >= 500) {
            this.setConnection('offline');
          }
        },
      },
      signal,
    ).finally(() => {
      if (this.pokes?.abort === abort) this.pokes = null;
    });
    this.pokes = { abort, done };
  }

  private online(): void {
    this.setConnection('online');
  }

  private setConnection(c: SyncStatus['connection']): void {
    if (this.connection === c || this.stopped) return;
    this.connection = c;
    this.emit();
  }

  private pageApplied(page: AppliedPage): void {
    this.connection = 'online';
    try {
      if (page.catalog) this.opts.onCatalog?.(page.catalog);
    } catch (err) {
      // The page is committed; a listener's bug must not make the loop pull it again.
      this.log.error({ err }, 'a listener failed after a pulled page');
    }
    this.casesChanged(page.cases);
    if (page.changes > 0) this.emit();
  }

  private casesChanged(caseNos: string[]): void {
    if (caseNos.length === 0) return;
    try {
      this.opts.onCasesChanged?.(caseNos);
    } catch (err) {
      this.log.error({ err }, 'a listener failed after cases changed');
    }
  }

  private emit(): void {
    if (this.stopped || !this.opts.onStatus) return;
    try {
      this.opts.onStatus(this.status());
    } catch (err) {
      this.log.error({ err }, 'a status listener failed');
    }
  }
}
