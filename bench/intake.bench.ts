import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandlerInput, HandlerName, HandlerResult } from '../core/api/contract.js';
import { idCardCheckChar, usccCheckChar } from '../core/applicant/index.js';
import { systemClock } from '../core/ports.js';
import { createAppContext } from '../main/app-context.js';
import type { HandlerContext } from '../main/handlers/context.js';
import { checkpoint } from '../main/db/checkpoint.js';
import { BASE_SYNCHRONOUS, setDurableLevelForBench } from '../main/db/durable.js';
import { dispatch } from '../main/handlers/dispatch.js';
import { summarize } from './stats.js';
import type { Benchmark, BenchResult } from './types.js';
import { pick, prng } from '../sync/server/testing/random.js';

const N = 10_000;
const WARM_UP = 200;
/** Share of intakes whose applicant came before (the rest are new applicants). */
const RETURNING_SHARE = 0.35;
/** A few items of both kinds and several departments: 承诺件 and 即办件, persons' and companies' matters. */
const PERSON_ITEMS = ['310101-SH-JM-004', '310101-SH-JM-003', '310101-SH-JM-006', '310101-SH-SB-001', '310101-SH-SB-005'];
const ORGANISATION_ITEMS = ['310101-SH-QY-001', '310101-SH-QY-002', '310101-SH-SB-008'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '欧阳', '上官'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '𠮷', '䶮'];
const DISTRICTS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310115', '320102', '330106', '110105', '440305'];


const digits = (rand: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

/** A valid 18-digit resident ID number (GB 11643 check character), born 1940–2005. */
export function residentId(rand: () => number): string {
  const birth = `${1940 + Math.floor(rand() * 66)}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const first17 = `${pick(rand, DISTRICTS)}${birth}${digits(rand, 3)}`;
  return first17 + idCardCheckChar(first17);
}

/** A valid unified social credit code (GB 32100 check character) of a company registered in Shanghai. */
export function uscc(rand: () => number): string {
  const first17 = `9131${pick(rand, ['0101', '0104', '0105', '0115'])}${pick(rand, ['MA1', 'MA7', '607', '132'])}${digits(rand, 6)}`;
  return first17 + usccCheckChar(first17);
}

export const personName = (rand: () => number): string => pick(rand, SURNAMES) + pick(rand, GIVEN) + (rand() < 0.6 ? pick(rand, GIVEN) : '');
export const mobile = (rand: () => number): string => `1${pick(rand, ['38', '39', '58', '86', '89', '77'])}${digits(rand, 8)}`;

type AcceptInput = HandlerInput<'cases.accept'>;

async function must<N extends HandlerName>(ctx: HandlerContext, name: N, input: HandlerInput<N>): Promise<HandlerResult<N>> {
  const r = await dispatch(ctx, { door: 'host' }, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value as HandlerResult<N>;
}

/** A terminal set up through the handlers, on the real system clock, with a clerk signed in. */
export async function benchTerminal(dataDir: string): Promise<HandlerContext> {
  const ctx = createAppContext({ dataDir, clock: systemClock });
  const admin = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
  await must(ctx, 'setup.init', { terminalCode: 'T3101040007', windowNo: '12', district: '徐汇区', admin, loadSampleCatalog: true });
  await must(ctx, 'auth.signIn', { login: admin.login, password: admin.password });
  await must(ctx, 'staff.create', { login: 'wang', displayName: '王𠮷', role: 'clerk', password: 'clerk-pass-1' });
  await must(ctx, 'auth.signIn', { login: 'wang', password: 'clerk-pass-1' });
  return ctx;
}

/**
 * Inputs made before timing: the checklist marks once per item (every entry received), applicants varied
 * (persons with and without an agent, some organisations; about a third returning, the rest new).
 */
export async function prepareInputs(ctx: HandlerContext, count: number, seed = 1): Promise<AcceptInput[]> {
  const rand = prng(seed);
  const marks = new Map<string, AcceptInput['materials']>();
  for (const item of [...PERSON_ITEMS, ...ORGANISATION_ITEMS]) {
    const checklist = await must(ctx, 'catalog.checklist', { target: { itemCodes: [item] } });
    marks.set(item, checklist.entries.map((e) => ({ entryId: e.id, status: 'received' as const, form: e.form, copies: e.copies, pages: 1 + Math.floor(rand() * 4) })));
  }
  const seen: AcceptInput['applicant'][] = [];
  const inputs: AcceptInput[] = [];
  for (let i = 0; i < count; i += 1) {
    let applicant: AcceptInput['applicant'];
    if (seen.length > 0 && rand() < RETURNING_SHARE) {
      applicant = pick(rand, seen);
    } else if (rand() < 0.12) {
      applicant = { kind: 'organisation', uscc: uscc(rand), name: `上海${pick(rand, ['徐汇', '静安', '浦东'])}${pick(rand, ['科技', '贸易', '餐饮', '物业'])}有限公司`, legalRep: { idType: 'resident_id', idNumber: residentId(rand), name: personName(rand) }, phone: mobile(rand) };
      seen.push(applicant);
    } else {
      applicant = { kind: 'person', idType: 'resident_id', idNumber: residentId(rand), name: personName(rand), phone: mobile(rand) };
      if (rand() < 0.15) applicant.agent = { idType: 'resident_id', idNumber: residentId(rand), name: personName(rand), phone: mobile(rand), powerOfAttorney: true };
      seen.push(applicant);
    }
    const item = pick(rand, applicant.kind === 'organisation' ? ORGANISATION_ITEMS : PERSON_ITEMS);
    inputs.push({ intakeId: randomUUID(), applicant, target: { itemCodes: [item] }, materials: marks.get(item) ?? [] });
  }
  return inputs;
}

/**
 * Microseconds of each awaited call. Every `idleEvery` calls, `idle` runs untimed: the app checkpoints
 * the WAL between requests on a timer (main/db/checkpoint.ts), which a tight loop never lets fire,
 * while a real counter has seconds between intakes.
 */
async function timeEachAsync<T>(items: readonly T[], fn: (item: T) => Promise<unknown>, idle: () => void, idleEvery = 20): Promise<number[]> {
  const out = new Array<number>(items.length);
  for (const [i, item] of items.entries()) {
    if (i % idleEvery === 0) idle();
    const t0 = process.hrtime.bigint();
    await fn(item);
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return out;
}

const fileSize = (file: string): number => statSync(file).size;

function checkpointedSize(ctx: HandlerContext): number {
  ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
  return fileSize(ctx.store.file);
}

interface IntakeRun {
  accept: BenchResult;
  size: BenchResult;
}

/**
 * One store, N intakes, against a bare INSERT+COMMIT on the same store at the same safety level.
 * `FULL`: what the app does (intakes commit through durable(), synced before the answer); `NORMAL`: the
 * same intakes committed as every other write (synced at checkpoints), to show what durability costs.
 */
async function runIntake(level: 'FULL' | 'NORMAL'): Promise<IntakeRun> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-intake-'));
  const ctx = await benchTerminal(dir);
  try {
    const { db } = ctx.store;
    setDurableLevelForBench(db, level);
    const inputs = await prepareInputs(ctx, WARM_UP + N);

    // The floor, on this same store file: one row inserted and committed on its own (as store.bench.ts),
    // into a scratch table that is dropped (and the file vacuumed) before the intakes.
    db.exec('CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO bench_scratch (payload) VALUES (?)');
    const payload = JSON.stringify({ payload: 'x'.repeat(200) });
    db.pragma(`synchronous = ${level}`);
    for (let i = 0; i < WARM_UP; i += 1) insert.run(payload);
    const bareSamples = new Array<number>(N);
    for (let i = 0; i < N; i += 1) {
      if (i % 20 === 0) checkpoint(db);
      const t0 = process.hrtime.bigint();
      insert.run(payload);
      bareSamples[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    db.pragma(`synchronous = ${BASE_SYNCHRONOUS}`);
    const bare = summarize(bareSamples);
    db.exec('DROP TABLE bench_scratch');
    db.exec('VACUUM');
    const emptySize = checkpointedSize(ctx);

    const accept = async (input: AcceptInput): Promise<void> => {
      const r = await dispatch(ctx, { door: 'host' }, 'cases.accept', input);
      if (!r.ok) throw new Error(`cases.accept failed: ${r.error.code} ${r.error.field ?? ''} ${r.error.message}`);
    };
    for (const input of inputs.slice(0, WARM_UP)) await accept(input);
    const samples = await timeEachAsync(inputs.slice(WARM_UP), accept, () => checkpoint(db));
    const s = summarize(samples);

    const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    const applicants = (db.prepare('SELECT count(*) AS n FROM applicants').get() as { n: number }).n;
    const size = checkpointedSize(ctx);
    const perCase = (size - emptySize) / cases;
    return {
      accept: {
        name: level === 'FULL' ? 'intake.accept' : 'intake.accept-normal',
        unit: 'µs',
        ...s,
        baseline: bare.p99,
        ratio: s.p99 / bare.p99,
        target: `p99 ≤ 3× bare commit p99 (both synchronous=${level})`,
        extra: { synchronous: level, bareMedian: Number(bare.median.toFixed(1)), bareP99: Number(bare.p99.toFixed(1)), applicants, mean: Number((samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(1)) },
      },
      size: {
        name: 'store.size-per-100k-cases',
        unit: 'bytes',
        median: Math.round(perCase * 100_000),
        p99: Math.round(perCase * 100_000),
        n: cases,
        extra: {
          fileBytes: size,
          emptyStoreBytes: emptySize,
          naivePer100k: Math.round((size / cases) * 100_000),
          bytesPerCase: Math.round(perCase),
          note: 'after wal_checkpoint(TRUNCATE); (file - store before the intakes) / cases; cases, items, materials, applicants, journal, outbox',
        },
      },
    };
  } finally {
    ctx.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = new Map<'FULL' | 'NORMAL', Promise<IntakeRun>>();
/** One run of 10,000 intakes per level serves every entry of that level, whichever runs first. */
const intakeRun = (level: 'FULL' | 'NORMAL'): Promise<IntakeRun> => {
  let run = runs.get(level);
  if (!run) runs.set(level, (run = runIntake(level)));
  return run;
};

export const intakeAccept: Benchmark = {
  name: 'intake.accept',
  description: `cases.accept through dispatch, ${N} intakes committed durably (synchronous=FULL), against a bare INSERT+COMMIT at FULL on the same store`,
  run: async () => [(await intakeRun('FULL')).accept],
};

export const intakeAcceptNormal: Benchmark = {
  name: 'intake.accept-normal',
  description: `the same ${N} intakes committed at synchronous=NORMAL (not durable), against a bare INSERT+COMMIT at NORMAL: what durability costs`,
  run: async () => [(await intakeRun('NORMAL')).accept],
};

export const storeSizePer100k: Benchmark = {
  name: 'store.size-per-100k-cases',
  description: 'store file bytes per 100,000 cases accepted through the handler (reuses the intake.accept run)',
  run: async () => [(await intakeRun('FULL')).size],
};
