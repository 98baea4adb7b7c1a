import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Db } from '../sync/server/db/types.js';
import { BACKENDS } from '../sync/server/testing/backends.js';
import { faultSeed, passAll, prng, randomPolicy, startFaultProxy, type Fault, type FaultPolicy, type FaultProxy, type RequestInfo } from './support/fault-proxy.js';
import {
  enrolledTerminal,
  localStatuses,
  outboxSize,
  publishSampleCatalog,
  serverCommands,
  serverCommandsOfCode,
  serverLastSeq,
  serverStatuses,
  startCentral,
  waitFor,
  type Central,
  type Terminal,
} from './support/sync-scenario.js';

/**
 * Sync under faults (issue 6, "Faults"): real terminals (app contexts on their own SQLite stores, cases
 * made through the handlers, the SyncClient the app starts at enrollment) talk to the real central
 * service (Fastify over PGlite, or PostgreSQL when OW_TEST_DATABASE_URL is set) through a TCP proxy
 * that drops, delays, duplicates and cuts requests; the server is crashed and restarted mid-push.
 * Whatever happens on the way, the end state must be exact. A failing run prints its seed; replay it
 * with OW_FAULT_SEED=<seed> (faults are a function of (seed, connection number), so a replay is exact
 * up to the interleaving of the three terminals).
 */

/** Commands per terminal (the 2,000; OW_FAULT_COMMANDS shrinks it while working on this file). */
const N = Number(process.env.OW_FAULT_COMMANDS ?? 2000);
/** Upper bounds of the waits; a healthy run needs a fraction of them, a loaded machine (stress-ng) more. */
const SYNC_WAIT_MS = 180_000;
const PULL_WAIT_MS = 90_000;

/** Requests that may get faults: the terminal's sync traffic. Enrollment and the event stream pass. */
const faultable = (r: RequestInfo): boolean => /^\/v1\/(push|pull|state|recover|blobs\/)/.test(r.path);

const isPush = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path === '/v1/push';

/**
 * The scenario's faults: the first pushes get one fault of each kind in turn (so every kind surely
 * happens to a push, whatever the seed), then push, pull and blob requests get a seeded random mix.
 * `onPush(n)` is told of the n-th push as it arrives (the chaos schedule hangs on it).
 */
function scenarioPolicy(seed: number, onPush: (n: number) => void): FaultPolicy {
  const random = randomPolicy(seed, { mix: { pass: 12, drop: 2, delay: 3, duplicate: 2, cut: 2, refuse: 1 }, maxDelayMs: 40, only: faultable });
  const script: Fault[] = [
    { kind: 'drop', afterBytes: 300 },
    { kind: 'cut' },
    { kind: 'duplicate', mode: 'parallel' },
    { kind: 'duplicate', mode: 'after' },
    { kind: 'cut', afterBytes: 120 },
    { kind: 'delay', ms: 0, perChunkMs: 2, chunkBytes: 2048 },
    { kind: 'refuse' },
    { kind: 'drop', afterBytes: 100_000 },
  ];
  let pushes = 0;
  return (req) => {
    if (isPush(req)) {
      pushes += 1;
      onPush(pushes);
      const scripted = script[pushes - 2];
      if (scripted) return scripted;
    }
    return random(req);
  };
}

function describeState(ts: readonly Terminal[], proxy: FaultProxy, seed: number, extra: Record<string, unknown> = {}): string {
  const terminals = ts.map((t) => ({ label: t.label, outbox: outboxSize(t), status: t.sync().status(), logs: t.logs.slice(-8) }));
  return JSON.stringify({ seed, replay: `OW_FAULT_SEED=${seed}`, ...extra, proxy: proxy.stats(), terminals }, null, 1);
}

async function waitPushed(db: Db, ts: readonly Terminal[], expected: ReadonlyMap<Terminal, number>, proxy: FaultProxy, seed: number): Promise<void> {
  const done = await waitFor(async () => {
    for (const t of ts) {
      if (outboxSize(t) > 0 || (await serverLastSeq(db, t.terminalId)) !== expected.get(t)) return false;
    }
    return true;
  }, SYNC_WAIT_MS, 100);
  if (!done) {
    const lastSeqs = Object.fromEntries(await Promise.all(ts.map(async (t) => [t.label, await serverLastSeq(db, t.terminalId)] as const)));
    throw new Error(`the outboxes did not drain within ${SYNC_WAIT_MS} ms: ${describeState(ts, proxy, seed, { expected: Object.fromEntries([...expected].map(([t, n]) => [t.label, n])), serverLastSeq: lastSeqs })}`);
  }
}

/** Waits until every terminal has pulled up to the last change the server holds for it. */
async function waitPulled(db: Db, ts: readonly Terminal[], proxy: FaultProxy, seed: number): Promise<void> {
  const behind = async (): Promise<string[]> => {
    const out: string[] = [];
    for (const t of ts) {
      const [row] = await db.query<{ m: number | null }>("SELECT max(seq) AS m FROM changes WHERE scope IN ($1, '*')", [t.terminalId]);
      const serverSeq = Number(row?.m ?? 0);
      const local = (t.ctx.store.db.prepare('SELECT checkpoint FROM sync_state').get() as { checkpoint: number }).checkpoint;
      if (local < serverSeq) out.push(`${t.label}: checkpoint ${local} < ${serverSeq}`);
    }
    return out;
  };
  const done = await waitFor(async () => (await behind()).length === 0, PULL_WAIT_MS, 100);
  if (!done) throw new Error(`the terminals did not pull everything within ${PULL_WAIT_MS} ms (${(await behind()).join('; ')}): ${describeState(ts, proxy, seed)}`);
}

/** Case numbers of the terminal's cases on the server, in the order their `case_status` change was written. */
async function statusChangeOrder(db: Db, terminalId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ key: string; seq: number }>("SELECT key, seq FROM changes WHERE scope = $1 AND kind = 'case_status'", [terminalId]);
  return new Map(rows.map((r) => [r.key, Number(r.seq)]));
}

/** The back office moves one case a step (decided: with a decision). */
async function moveOneStep(central: Central, caseNo: string, from: string, rand: () => number): Promise<boolean> {
  const next: Record<string, string | undefined> = { received: 'in_review', in_review: 'decided', decided: 'ready_for_delivery', ready_for_delivery: 'delivered' };
  const status = next[from];
  if (!status) return false;
  const body: Record<string, unknown> = { status };
  if (status === 'decided') body.decision = rand() < 0.8 ? 'approved' : 'not_approved';
  const r = await central.office('POST', `/office/cases/${encodeURIComponent(caseNo)}/status`, body);
  return r.status === 200;
}

describe.each(BACKENDS)('sync under faults, central on $name', (backend) => {
  let db: Db;
  let central: Central;
  let proxy: FaultProxy;
  const open: Terminal[] = [];
  const seed = faultSeed();

  beforeAll(async () => {
    db = await backend.open();
    central = await startCentral(db);
    await publishSampleCatalog(central);
    proxy = await startFaultProxy({ upstreamPort: central.port });
  });
  afterAll(async () => {
    for (const t of open.splice(0)) await t.close();
    await proxy?.close();
    await central?.close();
    await db?.close();
  });

  async function terminal(code: string, label: string, clockStart?: string): Promise<Terminal> {
    proxy.setPolicy(passAll);
    const t = await enrolledTerminal(central, proxy.url, code, { label, ...(clockStart ? { clockStart } : {}) });
    open.push(t);
    return t;
  }

  /** Waits until the terminal has nothing waiting and the centre holds every command it made. */
  async function settled(t: Terminal, made: number): Promise<void> {
    const ok = await waitFor(async () => outboxSize(t) === 0 && (await serverLastSeq(db, t.terminalId)) === made, SYNC_WAIT_MS, 100);
    if (!ok) throw new Error(`${t.label} did not settle at ${made}: ${JSON.stringify({ status: t.sync().status(), logs: t.logs.slice(-8) })}`);
  }

  /** Waits until a store that went behind the centre (restored, or new) holds all it had, and takes cases again. */
  async function caughtUp(t: Terminal, cases: readonly string[]): Promise<void> {
    const has = (): boolean => {
      const db3 = t.ctx.store.db;
      if (db3.prepare('SELECT recover_until FROM sync_state').pluck().get() !== null) return false;
      const held = new Set(db3.prepare('SELECT case_no FROM cases').pluck().all() as string[]);
      return cases.every((c) => held.has(c));
    };
    if (!(await waitFor(has, SYNC_WAIT_MS, 100))) throw new Error(`${t.label} did not catch up: ${JSON.stringify({ status: t.sync().status(), logs: t.logs.slice(-8) })}`);
    await t.signIn();
  }

  it(`3 terminals × ${N} commands through drops, delays, duplicates, cut answers, refusals and server restarts, one restored from a backup and one replaced mid-run: each applied once, in order; no number twice; outboxes empty; statuses equal`, async () => {
    onTestFailed(() => console.error(`[sync-faults] failed with seed ${seed}; replay with OW_FAULT_SEED=${seed}`));
    const ts = [
      await terminal('T3101010101', 'A'),
      await terminal('T3101010102', 'B'),
      // A day ahead: its case numbers and createdAt say tomorrow; nothing about ordering may change.
      await terminal('T3101010103', 'C', '2026-11-27T01:00:00.000Z'),
    ];
    const rand = prng(seed);
    const port = central.port;

    // The chaos schedule, driven by the pushes the proxy sees: a crash (connections destroyed, a push
    // in flight loses its answer), the service unreachable for a while, a graceful restart.
    const chaos: Promise<void>[] = [];
    const atChaos: { what: string; push: number; applied: number; backlog: number }[] = [];
    const snapshot = async (what: string, push: number): Promise<void> => {
      const [row] = await db.query<{ n: number }>('SELECT coalesce(sum(last_seq), 0) AS n FROM terminals');
      atChaos.push({ what, push, applied: Number(row?.n ?? 0), backlog: ts.reduce((s, t) => s + outboxSize(t), 0) });
    };
    const onPush = (n: number): void => {
      if (n === 10) {
        chaos.push((async () => {
          await snapshot('crash', n);
          await central.crash();
          await new Promise((r) => setTimeout(r, 300));
          await central.start();
        })());
      } else if (n === 20) {
        chaos.push((async () => {
          await snapshot('down', n);
          await proxy.setDown(true, { resetActive: true });
          await new Promise((r) => setTimeout(r, 300));
          await proxy.setDown(false);
        })());
      } else if (n === 30) {
        chaos.push((async () => {
          await snapshot('restart', n);
          await central.stop();
          await new Promise((r) => setTimeout(r, 200));
          await central.start();
        })());
      }
    };
    proxy.setPolicy(scenarioPolicy(seed, onPush));

    // The back office works meanwhile: cases that reached the centre move along, a step at a time.
    let officeRunning = true;
    const office = { moved: 0, failed: 0 };
    const officeLoop = (async () => {
      for (let round = 0; officeRunning && round < 2000; round += 1) {
        await new Promise((r) => setTimeout(r, 150));
        if (!central.running) continue;
        const rows = await db.query<{ case_no: string; status: string }>("SELECT case_no, status FROM cases WHERE status IS NOT NULL AND status <> 'delivered' ORDER BY case_no LIMIT 300");
        for (let k = 0; k < 6 && rows.length > 0; k += 1) {
          const row = rows[Math.floor(rand() * rows.length)]!;
          try {
            if (await moveOneStep(central, row.case_no, row.status, rand)) office.moved += 1;
            else office.failed += 1;
          } catch {
            office.failed += 1; // the service was going down under it
          }
        }
      }
    })();

    // The counters work: N intakes per terminal, interleaved in blocks; the clients push as they go.
    // Mid-run, B's disk is replaced by last night's backup (taken at a quarter of the way), and C's
    // machine dies and a new one is enrolled under its terminal code: both get their cases back from
    // the centre and go on numbering after them.
    const made = new Map<Terminal, string[]>(ts.map((t) => [t, []]));
    const started = Date.now();
    const BLOCK = 50;
    const at = (share: number): number => Math.floor((N * share) / BLOCK) * BLOCK;
    let backupOfB: string | null = null;
    const events: Record<string, number> = {};
    for (let from = 0; from < N; from += BLOCK) {
      if (from === at(0.25) && from > 0) {
        backupOfB = ts[1]!.backup();
        events.backupAt = made.get(ts[1]!)!.length;
      }
      if (from === at(0.5) && backupOfB) {
        const b = ts[1]!;
        // What B made since the backup reached the centre (else the disk would have taken it along).
        await settled(b, made.get(b)!.length);
        await b.restore(backupOfB);
        events.restoredAt = made.get(b)!.length;
        await caughtUp(b, made.get(b)!);
      }
      if (from === at(0.75) && from > 0) {
        const old = ts[2]!;
        await settled(old, made.get(old)!.length);
        await old.close();
        open.splice(open.indexOf(old), 1);
        expect((await central.office('POST', `/office/terminals/${old.terminalId}/revoke`, {})).status).toBe(200);
        proxy.setPolicy(passAll);
        const replacement = await enrolledTerminal(central, proxy.url, old.terminalCode, { label: 'C2', clockStart: '2026-11-27T06:00:00.000Z' });
        open.push(replacement);
        proxy.setPolicy(scenarioPolicy(seed ^ 0xc2, () => undefined));
        made.set(replacement, made.get(old)!);
        made.delete(old);
        ts[2] = replacement;
        events.replacedAt = made.get(replacement)!.length;
        await caughtUp(replacement, made.get(replacement)!);
      }
      for (const t of ts) {
        const list = made.get(t)!;
        for (let i = from; i < Math.min(N, from + BLOCK); i += 1) list.push(await t.intake(i));
      }
    }
    const intakeMs = Date.now() - started;

    await waitPushed(db, ts, new Map(ts.map((t) => [t, N])), proxy, seed);
    await Promise.all(chaos);
    officeRunning = false;
    await officeLoop;

    // Late moves, after the pushes: these must come down too.
    for (const t of ts) {
      const rows = await db.query<{ case_no: string; status: string }>("SELECT case_no, status FROM cases WHERE terminal_id = $1 AND status = 'received' ORDER BY case_no LIMIT 5", [t.terminalId]);
      for (const r of rows) expect(await moveOneStep(central, r.case_no, r.status, rand)).toBe(true);
    }
    await waitPulled(db, ts, proxy, seed);
    const syncMs = Date.now() - started;

    const stats = proxy.stats();
    const log = proxy.log();
    const pushLog = log.filter(isPush);
    const report = {
      backend: backend.name, seed, commands: 3 * N, intakeMs, syncMs, restarts: central.restarts, atChaos, events, office, proxy: stats,
      blobs: { requests: log.filter((e) => e.path.startsWith('/v1/blobs/')).length, faulted: log.filter((e) => e.path.startsWith('/v1/blobs/') && e.fault.kind !== 'pass').length },
      pulls: { requests: log.filter((e) => e.path === '/v1/pull').length, faulted: log.filter((e) => e.path === '/v1/pull' && e.fault.kind !== 'pass').length },
      pushes: { total: pushLog.length, cutAfterCommit: pushLog.filter((e) => e.fault.kind === 'cut' && e.upstreamStatus === 200).length, duplicated: pushLog.filter((e) => e.fault.kind === 'duplicate').length },
    };
    console.info(`[sync-faults] ${JSON.stringify(report)}`);

    // The faults really happened, to pushes: the end state below is not the fair-weather one.
    for (const kind of ['drop', 'delay', 'duplicate', 'cut', 'refuse'] as const) {
      expect(pushLog.filter((e) => e.fault.kind === kind).length, `${kind} faults on pushes`).toBeGreaterThan(0);
    }
    expect(report.pushes.cutAfterCommit, 'pushes the server committed whose answer the client never got').toBeGreaterThan(0);
    expect(pushLog.filter((e) => e.fault.kind === 'duplicate' && e.upstreamStatus === 200).length, 'pushes applied twice over at the server door').toBeGreaterThan(0);
    expect(central.restarts, 'server restarts').toBeGreaterThanOrEqual(2);
    expect(central.port, 'the restarted service listens where the old one did').toBe(port);
    expect(stats.downPeriods).toBe(1);
    expect(stats.strayBytes, 'requests sent on a socket the proxy had closed for reuse').toBe(0);
    const crash = atChaos.find((c) => c.what === 'crash')!;
    expect(crash.backlog, 'commands waiting when the server crashed (mid-push)').toBeGreaterThan(0);
    expect(office.moved).toBeGreaterThan(0);

    // No number issued twice, and every case the counters made is at the centre once.
    const allMade = ts.flatMap((t) => made.get(t)!);
    expect(new Set(allMade).size, 'case numbers issued').toBe(3 * N);
    const [{ n: centreCases }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM cases')) as [{ n: number }];
    expect(Number(centreCases)).toBe(3 * N);
    expect(events.restoredAt, 'B restored from its backup mid-run').toBeGreaterThan(events.backupAt ?? Infinity);
    expect(events.replacedAt, 'C replaced mid-run').toBeGreaterThan(0);
    expect(await db.query('SELECT case_no FROM cases WHERE case_no = ANY($1::text[]) GROUP BY case_no HAVING count(*) > 1', [allMade])).toEqual([]);

    for (const t of ts) {
      const mine = made.get(t)!;
      // By terminal code: a replacement machine goes on with its predecessor's seqs.
      const commands = await serverCommandsOfCode(db, t.terminalCode);
      // Exactly once, in order: seq 1..N, each applied, seq i carrying the i-th case this terminal made.
      expect(commands.map((c) => c.seq), `${t.label}: seqs at the server`).toEqual(mine.map((_, i) => i + 1));
      expect(commands.filter((c) => c.status !== 'applied'), `${t.label}: commands not applied`).toEqual([]);
      expect(commands.map((c) => c.caseNo), `${t.label}: case of each seq`).toEqual(mine);
      expect(await serverLastSeq(db, t.terminalId)).toBe(N);
      const [cases] = await db.query<{ n: number; intakes: number }>('SELECT count(*) AS n, count(DISTINCT intake_id) AS intakes FROM cases WHERE terminal_id = $1', [t.terminalId]);
      expect({ n: Number(cases!.n), intakes: Number(cases!.intakes) }).toEqual({ n: N, intakes: N });
      // Applied in seq order: the 'received' status of cases the office never touched was written in seq order.
      const order = await statusChangeOrder(db, t.terminalId);
      const [{ touched }] = (await db.query<{ touched: string[] | null }>('SELECT array_agg(DISTINCT case_no) AS touched FROM case_events')) as [{ touched: string[] | null }];
      const untouched = new Set(touched ?? []);
      const seqs = commands.filter((c) => c.name === 'acceptCase' && c.caseNo && !untouched.has(c.caseNo)).map((c) => order.get(c.caseNo!)!);
      expect(seqs.length).toBeGreaterThan(N / 2);
      expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!), `${t.label}: received-changes in seq order`).toBe(true);

      // The terminal: nothing waiting, nothing refused, and the centre's statuses as the centre has them.
      expect(outboxSize(t)).toBe(0);
      expect((t.ctx.store.db.prepare('SELECT count(*) AS n FROM sync_rejections').get() as { n: number }).n).toBe(0);
      const server = await serverStatuses(db, t.terminalId);
      expect(server.size).toBe(commands.filter((c) => c.name === 'acceptCase').length);
      expect(localStatuses(t)).toEqual(server);
    }
    // The terminal with the clock a day ahead (and its replacement): its days say so, its order does not care.
    const c = await serverCommandsOfCode(db, ts[2]!.terminalCode);
    expect(c.every((x) => x.createdAt.startsWith('2026-11-27'))).toBe(true);
    expect(made.get(ts[2]!)!.every((no) => no.includes('-20261127-'))).toBe(true);
  }, 2 * (SYNC_WAIT_MS + PULL_WAIT_MS));

  it('a blob corrupted on the way is refused (blob_mismatch) and sent again; the case that needs it applies after it', async () => {
    onTestFailed(() => console.error(`[sync-faults] failed with seed ${seed}`));
    const t = await terminal('T3101010104', 'D');
    let corrupted = 0;
    proxy.setPolicy((req) => (req.method === 'PUT' && req.path.startsWith('/v1/blobs/') && corrupted++ === 0 ? { kind: 'corrupt' } : { kind: 'pass' }));
    const before = proxy.log().length;
    const caseNo = await t.scannedIntake('corrupted once');
    await waitPushed(db, [t], new Map([[t, 1]]), proxy, seed);

    const puts = proxy.log().slice(before).filter((e) => e.method === 'PUT' && e.path.startsWith('/v1/blobs/'));
    expect(puts[0]?.fault.kind).toBe('corrupt');
    expect(puts[0]?.upstreamStatus).toBe(422);
    const hash = puts[0]!.path.split('/').pop()!;
    const again = puts.filter((e) => e.path === puts[0]!.path && e.fault.kind === 'pass');
    expect(again.map((e) => e.upstreamStatus)).toContain(201);

    // The server holds the right bytes, and had them before it applied the case.
    const fetched = await fetch(`${central.url}/office/blobs/${hash}`, { headers: { authorization: `Bearer ${central.officeToken}` } });
    expect(fetched.status).toBe(200);
    const bytes = Buffer.from(await fetched.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
    expect(bytes.equals(t.ctx.blobs.get(hash))).toBe(true);
    const [cmd] = await serverCommands(db, t.terminalId);
    expect(cmd).toMatchObject({ seq: 1, name: 'acceptCase', status: 'applied', caseNo });
    const [timing] = await db.query<{ ok: boolean }>(
      'SELECT b.stored_at <= c.received_at AS ok FROM blobs b, commands c WHERE b.sha256 = $1 AND c.terminal_id = $2 AND c.seq = 1',
      [hash, t.terminalId],
    );
    expect(timing?.ok).toBe(true);
    expect(t.sync().status().error).toBeNull();
  });

  it('a terminal whose clock is a day wrong (and jumps back and forth): its commands apply in seq order; the server orders', async () => {
    onTestFailed(() => console.error(`[sync-faults] failed with seed ${seed}; replay with OW_FAULT_SEED=${seed}`));
    const right = await terminal('T3101010105', 'E');
    const wrong = await terminal('T3101010106', 'F', '2026-11-25T01:00:00.000Z');
    proxy.setPolicy(randomPolicy(seed ^ 0x5eed, { mix: { pass: 6, drop: 1, cut: 1, duplicate: 1, delay: 1 }, maxDelayMs: 20, only: faultable }));
    const made = new Map<Terminal, string[]>([[right, []], [wrong, []]]);
    const M = 60;
    for (let i = 0; i < M; i += 1) {
      if (i === 20) await wrong.setClock('2026-11-26T05:00:00.000Z'); // someone fixed it …
      if (i === 40) await wrong.setClock('2026-11-25T06:00:00.000Z'); // … and it went wrong again: backwards
      made.get(right)!.push(await right.intake(i));
      made.get(wrong)!.push(await wrong.intake(i));
    }
    await waitPushed(db, [right, wrong], new Map([[right, M], [wrong, M]]), proxy, seed);

    const commands = await serverCommands(db, wrong.terminalId);
    expect(commands.map((c) => c.seq)).toEqual(made.get(wrong)!.map((_, i) => i + 1));
    expect(commands.map((c) => c.caseNo)).toEqual(made.get(wrong)!);
    expect(commands.every((c) => c.status === 'applied')).toBe(true);
    // The terminal's clock went backwards between seq 40 and 41; the server's order did not.
    const created = commands.map((c) => c.createdAt);
    expect(created[0]!.startsWith('2026-11-25')).toBe(true);
    expect(created[40]! < created[39]!).toBe(true);
    const order = await statusChangeOrder(db, wrong.terminalId);
    const seqs = commands.filter((c) => c.name === 'acceptCase').map((c) => order.get(c.caseNo!)!);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    expect(await serverCommands(db, right.terminalId)).toHaveLength(M);
  });
});
