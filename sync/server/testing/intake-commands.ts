import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applicantSchema, idCardCheckChar } from '../../../core/applicant/index.js';
import { WorkingCalendar } from '../../../core/calendar/working-days.js';
import { mergedChecklist } from '../../../core/catalog/checklist.js';
import { parseCatalog, type Catalog } from '../../../core/catalog/schema.js';
import { formatCaseNumber } from '../../../core/intake/case-number.js';
import { planIntake } from '../../../core/intake/plan.js';
import type { MaterialMark } from '../../../core/intake/schema.js';
import { pick } from './random.js';

/**
 * Intake commands as a terminal's outbox holds them (main/cases/intake.ts builds the same shape),
 * made with core so that the central service's re-validation accepts them. For tests and the bench;
 * sync/server's product code does not use this file.
 */

export function sampleCatalog(): Catalog {
  const path = fileURLToPath(new URL('../../../resources/catalog/sample-catalog.json', import.meta.url));
  const r = parseCatalog(JSON.parse(readFileSync(path, 'utf8')));
  if (!r.ok) throw new Error(`sample catalog: ${r.errors[0]?.message}`);
  return r.catalog;
}

/** 居住证首次申领: 承诺件, 10 working days. */
export const RESIDENCE_PERMIT = '310101-SH-JM-004';
/** 居住登记: 即办件. */
export const RESIDENCE_REGISTRATION = '310101-SH-JM-003';
/** Person items of both kinds (as bench/intake.bench.ts uses). */
export const PERSON_ITEMS = ['310101-SH-JM-004', '310101-SH-JM-003', '310101-SH-JM-006', '310101-SH-SB-001', '310101-SH-SB-005'];

export { pick, prng } from './random.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '强', '磊', '𠮷', '䶮'];

export function residentId(rand: () => number): string {
  const birth = `${1950 + Math.floor(rand() * 50)}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const first17 = `310101${birth}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export interface IntakeOptions {
  catalog: Catalog;
  terminalCode: string;
  /** The terminal's business day. */
  day: string;
  /** The daily case sequence (the 4 digits at the end of the case number). */
  n: number;
  itemCodes?: string[];
  outcome?: 'accepted' | 'completed';
  rand?: () => number;
  /** As main/cases/intake.ts writes it: one assembled PDF per material, with the page hashes it was made from. */
  scans?: { entryId: string; pdf: string; pageCount: number; pages: string[] }[];
  /** 容缺: these entries missing, promised by `promisedDate`. */
  gaps?: { missing: string[]; promisedDate: string };
}

const calendars = new WeakMap<Catalog, WorkingCalendar>();
const applicantSchemas = new Map<string, ReturnType<typeof applicantSchema>>();
function applicantSchemaOf(day: string): ReturnType<typeof applicantSchema> {
  let schema = applicantSchemas.get(day);
  if (!schema) applicantSchemas.set(day, (schema = applicantSchema(day)));
  return schema;
}

/** The args of an `acceptCase` (or `completeCase`) command, every material received. */
export function intakeArgs(o: IntakeOptions): Record<string, unknown> {
  const rand = o.rand ?? Math.random;
  const outcome = o.outcome ?? 'accepted';
  const itemCodes = o.itemCodes ?? [RESIDENCE_PERMIT];
  const target = { itemCodes };
  const materials: MaterialMark[] = mergedChecklist(o.catalog, itemCodes).entries.map((e) =>
    o.gaps?.missing.includes(e.id) ? { entryId: e.id, status: 'missing' } : { entryId: e.id, status: 'received', form: e.form, copies: e.copies, pages: 1 + Math.floor(rand() * 3) },
  );
  const applicant = applicantSchemaOf(o.day).parse({
    kind: 'person', idType: 'resident_id', idNumber: residentId(rand), name: pick(rand, SURNAMES) + pick(rand, GIVEN) + pick(rand, GIVEN), phone: `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
    address: '上海市黄浦区人民大道200号',
  });
  const input = { intakeId: randomUUID(), applicant: { ...applicant }, target, materials, ...(o.gaps ? { gaps: { promisedDate: o.gaps.promisedDate, commitmentSigned: true as const } } : {}) };
  let calendar = calendars.get(o.catalog);
  if (!calendar) calendars.set(o.catalog, (calendar = new WorkingCalendar(o.catalog.calendar)));
  const plan = planIntake({ catalog: o.catalog, calendar, today: o.day }, { outcome, input });
  const { materials: _m, title: _t, ...derived } = plan;
  const caseNo = formatCaseNumber(o.terminalCode, o.day, o.n);
  const args: Record<string, unknown> = {
    caseNo, terminalCode: o.terminalCode, day: o.day, decidedAt: `${o.day}T02:00:00.000Z`, staff: 'wang', windowNo: '3', outcome, input, derived,
  };
  if (o.scans) args.scans = o.scans;
  return args;
}

export const commandName = (outcome: 'accepted' | 'completed'): 'acceptCase' | 'completeCase' => (outcome === 'accepted' ? 'acceptCase' : 'completeCase');
