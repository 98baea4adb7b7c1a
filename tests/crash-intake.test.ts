import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseNumber } from '../core/intake/case-number.js';
import { STORE_FILE_NAME } from '../main/app-context.js';
import { verifyAudit } from '../main/db/audit.js';
import { openStore } from '../main/db/open.js';
import { tempDir } from './support/temp.js';

const root = resolve(import.meta.dirname, '..');
const CHILD = resolve(root, 'tests', 'support', 'crash-intake-child.ts');
/** Per child: from spawn to exit, including tsx start-up and (first run) scrypt hashing at setup; generous for a loaded machine. */
const CHILD_TIMEOUT_MS = 45_000;

/** When to kill: at a random moment after some cases, or at a known point of one intake (the child pauses there). */
type KillPlan = { after: number } | { pauseAt: { intake: number; reading: number } };

interface KilledRun {
  /** Every case number the child printed (each one printed after its transaction committed). */
  printed: string[];
  /** Where the kill landed, for failure messages. */
  how: string;
  /** For a paused kill: 'in-transaction' or 'after-commit'. */
  paused?: string;
}

/**
 * Runs the child on dataDir and SIGKILLs it. `{ after }`: once it has printed that many case numbers, waits
 * a random 0–3 ms (an intake takes about a millisecond, so the kill lands anywhere in the next one) and
 * kills. `{ pauseAt }`: kills as soon as the child says it paused there. Resolves with everything the child
 * printed, read until its stdout closed; bounded by CHILD_TIMEOUT_MS.
 */
function runAndKill(dataDir: string, plan: KillPlan): Promise<KilledRun> {
  const delayMs = randomInt(4);
  const args = ['--import', 'tsx', CHILD, dataDir, ...('pauseAt' in plan ? ['--pause-at', `${plan.pauseAt.intake}:${plan.pauseAt.reading}`] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let how = 'pauseAt' in plan ? `paused at intake ${plan.pauseAt.intake}, clock reading ${plan.pauseAt.reading}` : `after ${plan.after} cases + ${delayMs} ms`;
  let out = '';
  let err = '';
  let killScheduled = false;
  let killed = false;
  let paused: string | undefined;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child was not killed (${how}) within ${CHILD_TIMEOUT_MS} ms; stdout:\n${out}\nstderr:\n${err}`));
    }, CHILD_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if ('after' in plan && !killScheduled && out.split('\n').length - 1 >= plan.after) {
        killScheduled = true;
        setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, delayMs);
      }
    });
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
      const m = /^paused (\S+)$/m.exec(err);
      if ('pauseAt' in plan && m && !killScheduled) {
        killScheduled = true;
        paused = m[1];
        how += ` (${paused})`;
        killed = child.kill('SIGKILL');
      }
    });
    // 'close' comes after 'exit' and after stdout has been read to its end.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (!killed || signal !== 'SIGKILL') {
        reject(new Error(`child ended by itself (code ${code}, signal ${signal}) instead of being killed (${how}); stderr:\n${err}`));
        return;
      }
      const lines = out.split('\n');
      const torn = lines.pop(); // after the last '\n': empty, since a short write to a pipe is atomic
      if (torn) reject(new Error(`child printed a torn line: ${JSON.stringify(torn)}`));
      else resolvePromise({ printed: lines, how, ...(paused ? { paused } : {}) });
    });
  });
}

interface CaseRow {
  id: number;
  case_no: string;
  data: string;
}

/**
 * Two children on one data folder, each killed as planned; then the store is opened here and checked: every
 * printed number committed, numbers unique and 1..n per day without gaps, every case complete, nothing
 * half-written, the audit chain intact.
 */
async function killTwiceAndCheck(firstPlan: KillPlan, secondPlan: KillPlan): Promise<void> {
  const dataDir = tempDir('onewindow-crash-');
  // The first run sets the terminal up; the second must find it set up (setup.status) and carry on numbering.
  const first = await runAndKill(dataDir, firstPlan);
  const second = await runAndKill(dataDir, secondPlan);
  const runs = `first child killed ${first.how}, second ${second.how}`;
  /** Cases a kill may leave committed but unprinted: none inside the transaction, one after the commit. */
  const unprinted = (r: KilledRun): [number, number] => (r.paused === 'in-transaction' ? [0, 0] : r.paused === 'after-commit' ? [1, 1] : [0, 1]);
  for (const [run, plan] of [[first, firstPlan], [second, secondPlan]] as const) {
    const expected = 'pauseAt' in plan ? plan.pauseAt.intake - 1 : plan.after;
    if ('pauseAt' in plan) {
      expect(run.printed.length, runs).toBe(expected);
      // If this fails for reading 0-2, submitIntake reads the clock fewer times inside its transaction now.
      expect(run.paused, runs).toBe(plan.pauseAt.reading < 3 ? 'in-transaction' : 'after-commit');
    }
    else expect(run.printed.length, runs).toBeGreaterThanOrEqual(expected);
  }

  const store = openStore(join(dataDir, STORE_FILE_NAME));
  try {
    const { db } = store;
    expect(db.pragma('integrity_check', { simple: true }), runs).toBe('ok');
    const cases = db.prepare('SELECT id, case_no, data FROM cases ORDER BY id').all() as CaseRow[];
    const stored = new Set(cases.map((c) => c.case_no));

    // Everything a child printed was committed, the last line before each kill included; nothing printed twice.
    const printed = [...first.printed, ...second.printed];
    expect(new Set(printed).size, `a case number was printed twice (${runs})`).toBe(printed.length);
    for (const no of printed) expect(stored.has(no), `${no} was printed but is not in the store (${runs})`).toBe(true);
    expect(stored.has(first.printed.at(-1)!), runs).toBe(true);
    expect(stored.has(second.printed.at(-1)!), runs).toBe(true);
    // Committed without its number printed: at most the one case a kill interrupted after its commit.
    expect(cases.length - printed.length, runs).toBeGreaterThanOrEqual(unprinted(first)[0] + unprinted(second)[0]);
    expect(cases.length - printed.length, runs).toBeLessThanOrEqual(unprinted(first)[1] + unprinted(second)[1]);

    // Numbers: unique, and per terminal and day exactly 1..n, with the day's counter at n.
    expect(stored.size).toBe(cases.length);
    const seqsByDay = new Map<string, number[]>();
    for (const c of cases) {
      const parsed = parseCaseNumber(c.case_no);
      expect(parsed, c.case_no).not.toBeNull();
      const key = `${parsed!.terminalCode} ${parsed!.day}`;
      seqsByDay.set(key, [...(seqsByDay.get(key) ?? []), parsed!.seq]);
    }
    for (const [key, seqs] of seqsByDay) {
      const sorted = [...seqs].sort((a, b) => a - b);
      expect(sorted, `sequence of ${key} (${runs})`).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));
      expect(seqs, `numbers of ${key} are taken in commit order`).toEqual(sorted);
      const counter = db.prepare('SELECT last_seq FROM case_counters WHERE day = ?').get(key.split(' ')[1]) as { last_seq: number } | undefined;
      expect(counter?.last_seq, `counter of ${key}`).toBe(sorted.length);
    }
    // The restarted child went on after the first one's numbers instead of reusing them.
    const seqOf = (no: string): number => parseCaseNumber(no)!.seq;
    expect(seqOf(second.printed[0]!), runs).toBeGreaterThan(seqOf(first.printed.at(-1)!));

    // Each case is complete: items and materials as planned, one case.* journal entry, one outbox command.
    const items = db.prepare('SELECT item_code FROM case_items WHERE case_id = ? ORDER BY pos');
    const materials = db.prepare('SELECT count(*) AS n FROM case_materials WHERE case_id = ?');
    const audit = db.prepare("SELECT count(*) AS n FROM audit_journal WHERE subject = ? AND action LIKE 'case.%'");
    const outbox = db.prepare("SELECT count(*) AS n FROM outbox WHERE json_extract(args, '$.caseNo') = ?");
    const n = (stmt: typeof materials, arg: unknown): number => (stmt.get(arg) as { n: number }).n;
    const commandOf = db.prepare("SELECT args FROM outbox WHERE json_extract(args, '$.caseNo') = ?");
    for (const c of cases) {
      // The queued command says what the case should hold: its items, and one mark per checklist entry.
      const row = commandOf.get(c.case_no) as { args: string } | undefined;
      const command = JSON.parse(row?.args ?? '{}') as { derived?: { itemCodes: string[] }; input?: { materials: unknown[] } };
      const itemCodes = command.derived?.itemCodes ?? [];
      expect((items.all(c.id) as { item_code: string }[]).map((r) => r.item_code), `items of ${c.case_no}`).toEqual(itemCodes);
      expect(itemCodes.length, `items of ${c.case_no}`).toBeGreaterThan(0);
      expect(n(materials, c.id), `materials of ${c.case_no}`).toBe(command.input?.materials.length);
      expect(n(materials, c.id), `materials of ${c.case_no}`).toBeGreaterThan(0);
      expect(n(audit, c.case_no), `case.* journal entries of ${c.case_no}`).toBe(1);
      expect(n(outbox, c.case_no), `outbox commands of ${c.case_no}`).toBe(1);
    }
    // Nothing half-written either way: no item, material, journal entry or command for a case that is not there.
    const orphans = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(orphans('SELECT count(*) AS n FROM case_items WHERE case_id NOT IN (SELECT id FROM cases)')).toBe(0);
    expect(orphans('SELECT count(*) AS n FROM case_materials WHERE case_id NOT IN (SELECT id FROM cases)')).toBe(0);
    expect(orphans("SELECT count(*) AS n FROM audit_journal WHERE action LIKE 'case.%' AND subject NOT IN (SELECT case_no FROM cases)")).toBe(0);
    expect(orphans("SELECT count(*) AS n FROM outbox WHERE json_extract(args, '$.caseNo') NOT IN (SELECT case_no FROM cases)")).toBe(0);
    expect(orphans('SELECT count(*) AS n FROM outbox')).toBe(cases.length);
    // Setup ran once.
    expect(orphans("SELECT count(*) AS n FROM audit_journal WHERE action = 'setup.init'")).toBe(1);

    const verdict = verifyAudit(db);
    expect(verdict, runs).toMatchObject({ ok: true });
    expect(verdict.checked).toBe(verdict.total);
  } finally {
    store.close();
  }
}

const somewhere = (): number => 5 + randomInt(26);
/** Two children, each within its bound. */
const TEST_MS = 2 * CHILD_TIMEOUT_MS + 10_000;

describe('intake killed between and during intakes (child processes, SIGKILL)', () => {
  it('killed twice at random moments: no number reused, no gap, every committed case complete', async () => {
    await killTwiceAndCheck({ after: somewhere() }, { after: somewhere() });
  }, TEST_MS);

  // submitIntake reads the clock three times inside its transaction: for the case, the journal entry, the
  // outbox command. A kill at each of them must roll the whole intake back, and the next run takes its number.
  it.each([0, 1, 2])('killed inside the write transaction at its clock reading %i, then at a random moment: nothing half-written', async (reading) => {
    await killTwiceAndCheck({ pauseAt: { intake: somewhere(), reading } }, { after: somewhere() });
  }, TEST_MS);

  it('killed after a commit but before the number was printed, then at a random moment: that case is complete and its number not reused', async () => {
    await killTwiceAndCheck({ pauseAt: { intake: somewhere(), reading: 99 } }, { after: somewhere() });
  }, TEST_MS);
});
