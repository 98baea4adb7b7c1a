import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergedChecklist } from '../core/catalog/checklist.js';
import { parseCatalog, type Catalog, type CatalogItem } from '../core/catalog/schema.js';
import { formatCaseNumber } from '../core/intake/case-number.js';
import { STORE_FILE_NAME } from '../main/app-context.js';
import { findCases } from '../main/cases/queries.js';
import { openStore } from '../main/db/open.js';
import { SAMPLE_CATALOG } from '../main/handlers/setup.js';
import { resourcePath } from '../main/resources.js';
import { pick, prng } from '../sync/server/testing/random.js';
import { mobile, personName, residentId, uscc } from './intake.bench.js';
import { summarize } from './stats.js';
import type { Benchmark, BenchResult } from './types.js';

/** BENCH_SEARCH_CASES makes a smaller store for a quick try; the figures are for 1,000,000. */
const CASES = Number(process.env.BENCH_SEARCH_CASES ?? 1_000_000);
/** About 3 in 10 cases are a new applicant: ~300,000 applicants for a million cases. */
const APPLICANTS_SHARE = 0.3;
/** Companies and agents who come back often: 30% of returning visits are theirs. */
const FREQUENT = 2_000;
const TERMINALS = Array.from({ length: 60 }, (_, i) => `T31${String(101 + (i % 12)).padStart(4, '0')}${String(1 + Math.floor(i / 12)).padStart(4, '0')}`);
const LOOKUPS = 2_000;
const WARM_UP = 100;
/** Cases to a transaction while filling (whole days). */
const BATCH = 50_000;
const TARGET_US = 5_000;

const OUTCOMES = [
  ['accepted', 0.7],
  ['completed', 0.18],
  ['correction', 0.09],
  ['rejected', 0.03],
] as const;

interface ItemTemplate {
  item: CatalogItem;
  title: string;
  marks: { entryId: string; status: 'received'; form: string; copies: number; pages: number }[];
  materials: Record<string, unknown>[];
}

/** Per item, the checklist a real intake would have marked (every entry received) and planned. */
function templates(catalog: Catalog): ItemTemplate[] {
  return catalog.items.map((item) => {
    const entries = mergedChecklist(catalog, [item.code]).entries;
    const marks = entries.map((e) => ({ entryId: e.id, status: 'received' as const, form: e.form, copies: e.copies, pages: 2 }));
    const materials = entries.map((e) => ({ entryId: e.id, name: e.name, required: e.required, key: e.key, status: 'received', form: e.form, copies: e.copies, pages: 2 }));
    return { item, title: JSON.stringify(item.name), marks, materials };
  });
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function* workingDays(from: string): Generator<string> {
  for (let day = from; ; day = addDays(day, 1)) {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) yield day;
  }
}

interface Applicant {
  id: number;
  kind: 'person' | 'organisation';
  idType: string;
  idNumber: string;
  name: string;
  json: string;
}

/**
 * Fills the store with CASES cases (and their applicants) by direct INSERTs, ~BATCH to a transaction, on a
 * fill-only connection setting (no journal, no sync, a big cache); the store is put back to WAL afterwards.
 * Values look like the handler's: 60 terminals' numbers over about two years of working days, ~33 cases a
 * terminal a day, applicants' ID numbers and credit codes with valid check characters, and the full
 * command JSON in `data` (about 2 KB, as submitIntake stores it).
 */
export function fill(file: string, cases = CASES): { seconds: number; days: number } {
  const started = Date.now();
  const wanted = Math.round(cases * APPLICANTS_SHARE);
  const rand = prng(42);
  const catalogJson = JSON.parse(readFileSync(resourcePath(SAMPLE_CATALOG), 'utf8')) as unknown;
  const parsed = parseCatalog(catalogJson);
  if (!parsed.ok) throw new Error('sample catalog does not parse');
  const all = templates(parsed.catalog);
  const orgItems = all.filter((t) => t.item.category === 'enterprises' || t.item.category === 'construction' || t.item.category === 'transport');
  const personItems = all.filter((t) => !orgItems.includes(t));

  const store = openStore(file);
  const { db } = store;
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -524288'); // 512 MiB while filling
    const staff = db.prepare("INSERT INTO staff (login, display_name, role, password_hash, created_at) VALUES (?, ?, 'clerk', NULL, '2024-01-01T00:00:00Z')");
    const staffIds: number[] = [];
    for (let i = 0; i < 40; i += 1) staffIds.push(Number(staff.run(`clerk${i}`, personName(rand)).lastInsertRowid));
    const insertApplicant = db.prepare(
      'INSERT INTO applicants (id, kind, id_type, id_number, name, phone, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertCase = db.prepare(
      `INSERT INTO cases (case_no, intake_id, day, outcome, with_gaps, applicant_id, applicant_name, applicant_id_number, bundle_code, title,
         staff_id, window_no, received_at, decided_at, due_date, deadline, fee_fen, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const counter = db.prepare('INSERT INTO case_counters (day, last_seq) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)');

    const applicants: Applicant[] = [];
    const newApplicant = (at: string): Applicant => {
      const id = applicants.length + 1;
      const phone = mobile(rand);
      let a: Applicant;
      if (rand() < 0.12) {
        const name = `上海${pick(rand, ['徐汇', '静安', '浦东', '黄浦', '长宁'])}${pick(rand, ['科技', '贸易', '餐饮', '物业', '建设', '运输'])}${pick(rand, ['', '发展', '服务'])}有限公司`;
        const code = uscc(rand);
        const legalRep = { idType: 'resident_id', idNumber: residentId(rand), name: personName(rand) };
        a = { id, kind: 'organisation', idType: 'uscc', idNumber: code, name, json: JSON.stringify({ kind: 'organisation', name, uscc: code, legalRep, phone }) };
      } else {
        const idNumber = residentId(rand);
        const name = personName(rand);
        a = { id, kind: 'person', idType: 'resident_id', idNumber, name, json: JSON.stringify({ kind: 'person', idType: 'resident_id', idNumber, name, phone }) };
      }
      try {
        insertApplicant.run(id, a.kind, a.idType, a.idNumber, a.name, phone, a.json, at, at);
      } catch (err) {
        // The same random ID number drawn twice (a few in 300,000): draw another.
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return newApplicant(at);
        throw err;
      }
      applicants.push(a);
      return a;
    };
    const chooseApplicant = (at: string): Applicant => {
      if (applicants.length === 0 || (applicants.length < wanted && rand() < wanted / cases)) return newApplicant(at);
      const among = rand() < 0.3 ? Math.min(FREQUENT, applicants.length) : applicants.length;
      return applicants[Math.floor(rand() * among)] ?? newApplicant(at);
    };

    let made = 0;
    let days = 0;
    const calendar = workingDays('2024-11-01');
    const fillDay = (day: string): void => {
      // One day of every terminal, its numbers 1..n; cases of the terminals interleaved as they happen.
      const perTerminal = TERMINALS.map(() => 15 + Math.floor(rand() * 37));
      const most = Math.max(...perTerminal);
      for (let seq = 1; seq <= most && made < cases; seq += 1) {
        for (const [t, terminal] of TERMINALS.entries()) {
          if (seq > (perTerminal[t] ?? 0) || made >= CASES) continue;
          const at = new Date(Date.parse(`${day}T01:00:00Z`) + seq * 480_000 + t * 1000).toISOString();
          const applicant = chooseApplicant(at);
          const tpl = pick(rand, applicant.kind === 'organisation' ? orgItems : personItems);
          const r = rand();
          let acc = 0;
          const outcome = OUTCOMES.find(([, share]) => (acc += share) > r)?.[0] ?? 'accepted';
          const caseNo = formatCaseNumber(terminal, day, seq);
          const intakeId = randomUUID();
          const dueDate = outcome === 'accepted' ? addDays(day, Math.ceil(tpl.item.promisedLimitDays * 1.4)) : null;
          const deadline = outcome === 'correction' ? addDays(day, 14) : null;
          const staffLogin = `clerk${t % 40}`;
          const data = JSON.stringify({
            caseNo, terminalCode: terminal, day, decidedAt: at, staff: staffLogin, windowNo: String(1 + (t % 20)), outcome,
            input: { intakeId, applicant: JSON.parse(applicant.json) as unknown, target: { itemCodes: [tpl.item.code] }, materials: tpl.marks },
            plan: {
              outcome, withGaps: false, itemCodes: [tpl.item.code], title: tpl.item.name, materials: tpl.materials, feeFen: tpl.item.fee.amountFen,
              legalLimitDays: tpl.item.legalLimitDays, promisedLimitDays: tpl.item.promisedLimitDays, ...(dueDate ? { dueDate } : {}), ...(deadline ? { deadline } : {}),
            },
          });
          insertCase.run(caseNo, intakeId, day, outcome, 0, applicant.id, applicant.name, applicant.idNumber, tpl.title, staffIds[t % staffIds.length] ?? 1, String(1 + (t % 20)), at, at, dueDate, deadline, tpl.item.fee.amountFen, data);
          made += 1;
        }
      }
      counter.run(day, most);
      days += 1;
    };
    // About 2,000 cases a day: BATCH / 2,000 days to a transaction.
    const fillDays = db.transaction((n: number) => {
      for (let i = 0; i < n && made < cases; i += 1) fillDay(calendar.next().value as string);
    });
    let reported = 0;
    while (made < cases) {
      fillDays(Math.max(1, Math.round(BATCH / 2_000)));
      if (made - reported >= 100_000 || made >= CASES) {
        reported = made;
        process.stderr.write(`  filling: ${made.toLocaleString('en')} / ${cases.toLocaleString('en')} cases, ${applicants.length.toLocaleString('en')} applicants, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      }
    }
    db.pragma('journal_mode = WAL');
    return { seconds: (Date.now() - started) / 1000, days };
  } finally {
    store.close();
  }
}

interface SearchRun {
  caseNumber: BenchResult;
  idNumber: BenchResult;
}

function timeLookups(queries: readonly string[], run: (q: string) => number): { samples: number[]; rows: number[] } {
  const samples: number[] = [];
  const rows: number[] = [];
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const n = run(q);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    rows.push(n);
  }
  return { samples, rows };
}

function runSearch(): SearchRun {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-search-'));
  try {
    const file = join(dir, STORE_FILE_NAME);
    process.stderr.write(`  search: filling a store with ${CASES.toLocaleString('en')} cases (direct batched INSERTs)…\n`);
    const filled = fill(file);
    // Measured through the store as the app opens it (WAL, default cache), not the fill connection.
    const store = openStore(file);
    try {
      const { db } = store;
      db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = statSync(file).size;
      const total = (db.prepare('SELECT max(id) AS n FROM cases').get() as { n: number }).n;
      const applicants = (db.prepare('SELECT count(*) AS n FROM applicants').get() as { n: number }).n;
      const rand = prng(7);
      const byId = db.prepare('SELECT case_no, applicant_id_number FROM cases WHERE id = ?');
      // Random cases; an ID number through a random case, so applicants who come often are searched often.
      const sample = Array.from({ length: WARM_UP + LOOKUPS }, () => byId.get(1 + Math.floor(rand() * total)) as { case_no: string; applicant_id_number: string });
      const caseNos = sample.map((r) => r.case_no);
      const idNumbers = sample.map((r) => r.applicant_id_number);
      const find = (q: string): number => findCases(db, q).length;
      timeLookups(caseNos.slice(0, WARM_UP), find);
      timeLookups(idNumbers.slice(0, WARM_UP), find);
      const byCase = timeLookups(caseNos.slice(WARM_UP), find);
      const byIdNumber = timeLookups(idNumbers.slice(WARM_UP), find);
      if (byCase.rows.some((n) => n !== 1)) throw new Error('a case-number lookup did not find exactly its case');
      if (byIdNumber.rows.some((n) => n < 1)) throw new Error('an ID-number lookup found nothing');
      const extra = (rows: number[]): Record<string, number | string> => ({
        cases: total,
        applicants,
        storeBytes: bytes,
        fillSeconds: Number(filled.seconds.toFixed(1)),
        days: filled.days,
        meanRows: Number((rows.reduce((a, b) => a + b, 0) / rows.length).toFixed(1)),
        maxRows: Math.max(...rows),
      });
      const result = (name: string, s: { samples: number[]; rows: number[] }): BenchResult => {
        const sum = summarize(s.samples);
        return { name, unit: 'µs', ...sum, target: `p99 ≤ ${TARGET_US / 1000} ms`, extra: extra(s.rows) };
      };
      return { caseNumber: result('search.case-number', byCase), idNumber: result('search.id-number', byIdNumber) };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let shared: SearchRun | null = null;
/** One filled store serves both entries. */
const searchRun = (): SearchRun => (shared ??= runSearch());

export const searchCaseNumber: Benchmark = {
  name: 'search.case-number',
  description: `findCases by exact case number, ${LOOKUPS} random lookups in ${CASES.toLocaleString('en')} cases`,
  run: () => [searchRun().caseNumber],
};

export const searchIdNumber: Benchmark = {
  name: 'search.id-number',
  description: `findCases by applicant ID number, ${LOOKUPS} random lookups in ${CASES.toLocaleString('en')} cases`,
  run: () => [searchRun().idNumber],
};
