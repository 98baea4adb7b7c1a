/**
 * Child process for tests/crash-intake.test.ts:
 * `node --import tsx tests/support/crash-intake-child.ts <dataDir> [--pause-at K:R]`.
 *
 * Opens the store in <dataDir> as the host would, sets the terminal up on the first run only
 * (`setup.status` tells), signs the clerk in, then accepts cases in a loop and prints each committed case
 * number on stdout, one per line, right after its transaction committed. The parent kills it with SIGKILL
 * at a random moment. Anything else goes to stderr.
 *
 * It must not import tests/support/temp.ts (nor intake.ts / app.ts, which pull it in): that registers a
 * vitest hook, and there is no vitest here. Stdout is a pipe, which Node writes synchronously on Linux, so
 * a printed line is in the pipe before the next intake starts and survives the kill.
 *
 * Bounded: stops by itself after MAX_CASES cases or MAX_MS, whichever comes first.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { HandlerInput, HandlerName, HandlerResult } from '../../core/api/contract.js';
import { idCardCheckChar } from '../../core/applicant/index.js';
import { systemClock, type Clock } from '../../core/ports.js';
import { createAppContext } from '../../main/app-context.js';
import { dispatch } from '../../main/handlers/dispatch.js';

const MAX_CASES = 5_000;
const MAX_MS = 25_000;

const ADMIN = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
const CLERK = { login: 'wang', displayName: '王𠮷', role: 'clerk' as const, password: 'clerk-pass-1' };
/** 居住证首次申领 (承诺件), 居住登记 (即办件), and one more of each kind. */
const ITEMS = ['310101-SH-JM-004', '310101-SH-JM-003', '310101-SH-JM-001', '310101-SH-JM-002'];
const NAMES = ['王𠮷', '李䶮', '张伟', '刘洋', '陈静', '欧阳娜娜'];

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: crash-intake-child.ts <dataDir>');
  process.exit(2);
}

/**
 * `--pause-at K:R` (optional): in this run's K-th intake, at the R-th reading of the clock inside its write
 * transaction (submitIntake reads it there for the case, the journal entry and the outbox command), write
 * `paused` on stderr and wait to be killed, so the kill lands at a known point inside the transaction. When
 * that transaction reads the clock fewer than R+1 times, it pauses after the commit instead, before the case
 * number is printed. Bounded: gives up after PAUSE_MS.
 */
const PAUSE_MS = 10_000;
const pauseArg = /^(\d+):(\d+)$/.exec(process.argv[3] === '--pause-at' ? (process.argv[4] ?? '') : '');
const pauseAt = pauseArg ? { intake: Number(pauseArg[1]), reading: Number(pauseArg[2]) } : null;
let intakeNo = 0;
let readingsInTransaction = 0;

function holdForKill(where: string): void {
  process.stderr.write(`paused ${where}\n`);
  const until = Date.now() + PAUSE_MS;
  while (Date.now() < until) {
    // busy-wait: the transaction must stay open, so the event loop must not run
  }
  console.error(`child: not killed within ${PAUSE_MS} ms while paused`);
  process.exit(3);
}

const clock: Clock = {
  nowIso: () => {
    if (pauseAt && intakeNo === pauseAt.intake && ctx.store.db.inTransaction) {
      if (readingsInTransaction === pauseAt.reading) holdForKill('in-transaction');
      readingsInTransaction += 1;
    }
    return systemClock.nowIso();
  },
};

const ctx = createAppContext({ dataDir, clock });

async function must<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<HandlerResult<N>> {
  const r = await dispatch(ctx, { door: 'host' }, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value as HandlerResult<N>;
}

/** A valid resident ID number: a Shanghai area code, a birth date in 1950–1999, a random sequence. */
function randomId(): string {
  const first17 = `310104${1950 + randomInt(50)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

async function main(): Promise<void> {
  const status = await must('setup.status', {});
  if (status.needsSetup) {
    await must('setup.init', { terminalCode: 'T3101040007', windowNo: '12', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
    await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    await must('staff.create', CLERK);
    console.error('child: terminal set up');
  } else {
    console.error('child: terminal already set up, resuming');
  }
  await must('auth.signIn', { login: CLERK.login, password: CLERK.password });

  // Checklist marks once per item: every entry received.
  const marks = new Map<string, HandlerInput<'cases.accept'>['materials']>();
  for (const item of ITEMS) {
    const checklist = await must('catalog.checklist', { target: { itemCodes: [item] } });
    marks.set(item, checklist.entries.map((e) => ({ entryId: e.id, status: 'received' as const, form: e.form, copies: e.copies, pages: 2 })));
  }

  const returning: string[] = [];
  const started = Date.now();
  for (let i = 0; i < MAX_CASES && Date.now() - started < MAX_MS; i += 1) {
    intakeNo = i + 1;
    readingsInTransaction = 0;
    const item = ITEMS[i % ITEMS.length]!;
    const idNumber = returning.length > 0 && randomInt(3) === 0 ? returning[randomInt(returning.length)]! : randomId();
    returning.push(idNumber);
    const summary = await must('cases.accept', {
      intakeId: randomUUID(),
      applicant: { kind: 'person', idType: 'resident_id', idNumber, name: NAMES[i % NAMES.length]!, phone: '13812345678' },
      target: { itemCodes: [item] },
      materials: marks.get(item)!,
    });
    if (pauseAt && intakeNo === pauseAt.intake) holdForKill('after-commit');
    process.stdout.write(`${summary.caseNo}\n`);
  }
  console.error('child: reached its bound without being killed');
  ctx.store.close();
}

main().catch((err: unknown) => {
  console.error('child failed:', err);
  process.exit(1);
});
