import type { Database } from 'better-sqlite3';
import type { HandlerResult } from '../../core/api/contract.js';
import type { Localized } from '../../core/catalog/schema.js';
import { checkFailable, checkPromise, type Promised } from '../../core/lifecycle/rules.js';
import { DomainError } from '../../core/result.js';
import { addDays, businessDay, daysBetween } from '../../core/time.js';
import { appendAudit } from '../db/audit.js';
import { durable } from '../db/durable.js';
import { enqueueCommand } from '../db/outbox.js';
import { getSetting } from '../db/settings.js';
import { stmt } from '../db/statements.js';
import type { HandlerContext } from '../handlers/context.js';
import { batchPdf, closeBatch } from '../scanning/batch-pdf.js';

/** 容缺: the materials promised under accepted-with-gaps cases, and what the counter records of them. */
interface GapCase {
  id: number;
  caseNo: string;
  withGaps: boolean;
  materials: (Promised & { name: string })[];
}

function gapCase(db: Database, caseNo: string): GapCase {
  const c = stmt<{ id: number; case_no: string; with_gaps: number; outcome: string }>(db, 'SELECT id, case_no, with_gaps, outcome FROM cases WHERE case_no = ?').get(caseNo.trim().toUpperCase());
  if (!c) throw new DomainError('not_found', `no case ${caseNo}`, 'caseNo', 'case_unknown');
  const rows = stmt<{ entry_id: string; name: string; status: string; promised_date: string | null; closed: number }>(
    db,
    'SELECT m.entry_id, m.name, m.status, m.promised_date, EXISTS (SELECT 1 FROM promise_records r WHERE r.case_id = m.case_id AND r.entry_id = m.entry_id) AS closed FROM case_materials m WHERE m.case_id = ?',
  ).all(c.id);
  return {
    id: c.id, caseNo: c.case_no, withGaps: c.outcome === 'accepted' && c.with_gaps === 1,
    materials: rows.map((r) => ({ entryId: r.entry_id, name: r.name, status: r.status, promisedDate: r.promised_date, closed: r.closed === 1 })),
  };
}

export function listPromises(db: Database, today: string, state: 'due' | 'overdue', withinDays: number, limit: number): HandlerResult<'promises.list'> {
  const range = state === 'due' ? 'm.promised_date >= @today AND m.promised_date <= @until' : 'm.promised_date < @today';
  const rows = db
    .prepare(
      `SELECT c.case_no, c.title, c.applicant_name, m.entry_id, m.name, m.promised_date
         FROM case_materials m JOIN cases c ON c.id = m.case_id
        WHERE m.status = 'missing' AND m.promised_date IS NOT NULL AND ${range}
          AND c.outcome = 'accepted' AND c.with_gaps = 1
          AND NOT EXISTS (SELECT 1 FROM promise_records r WHERE r.case_id = m.case_id AND r.entry_id = m.entry_id)
        ORDER BY m.promised_date, c.case_no LIMIT @limit`,
    )
    .all({ today, until: addDays(today, withinDays), limit }) as { case_no: string; title: string; applicant_name: string; entry_id: string; name: string; promised_date: string }[];
  return rows.map((r) => ({
    caseNo: r.case_no, title: JSON.parse(r.title) as Localized, applicantName: r.applicant_name, entryId: r.entry_id, material: r.name, promisedDate: r.promised_date, daysLeft: daysBetween(today, r.promised_date),
  }));
}

function terminalOf(db: Database): { terminalCode: string; windowNo: string | null } {
  const terminalCode = getSetting(db, 'terminal_code');
  if (!terminalCode) throw new DomainError('unavailable', 'this terminal has no terminal code yet', undefined, 'terminal_not_set');
  return { terminalCode, windowNo: getSetting(db, 'window_no') };
}

/** A promised material came: its pages (the batch `recordId`) become one PDF of the case, with journal and outbox, in one transaction. */
export async function receivePromise(ctx: HandlerContext, input: { caseNo: string; entryId: string; recordId: string }): Promise<HandlerResult<'promises.receive'>> {
  const staff = ctx.session.requireStaff();
  const { db } = ctx.store;
  const t = terminalOf(db);
  const c = gapCase(db, input.caseNo);
  const m = checkPromise(c.materials, input.entryId, c.withGaps);
  const name = c.materials.find((x) => x.entryId === m.entryId)?.name ?? m.entryId;
  const made = await batchPdf(db, ctx.blobs, input.recordId, `${name} ${c.caseNo}`);
  if (!made) throw new DomainError('invalid_input', 'scan the material into this record first', 'recordId', 'promise_pages_missing');
  durable(db, () => {
    checkPromise(gapCase(db, c.caseNo).materials, m.entryId, c.withGaps);
    const at = ctx.clock.nowIso();
    closeBatch(db, ctx.blobs, made, c.id);
    stmt(db, "INSERT INTO promise_records (case_id, entry_id, state, record_id, pages, pdf_sha256, at, staff_id) VALUES (?, ?, 'received', ?, ?, ?, ?, ?)").run(c.id, m.entryId, input.recordId, made.pageCount, made.pdf, at, staff.id);
    stmt(db, 'INSERT INTO case_scans (case_id, entry_id, pdf_sha256, pages, bytes) VALUES (?, ?, ?, ?, 0) ON CONFLICT (case_id, entry_id) DO UPDATE SET pdf_sha256 = excluded.pdf_sha256, pages = excluded.pages').run(c.id, m.entryId, made.pdf, made.pageCount);
    appendAudit(db, ctx.clock, { actor: staff.login, action: 'promise.received', subject: c.caseNo, details: { entryId: m.entryId, promisedDate: m.promisedDate, pages: made.pageCount, pdf: made.pdf } });
    enqueueCommand(db, ctx.clock, 'recordPromisedMaterial', { caseNo: c.caseNo, ...t, staff: staff.login, at, day: businessDay(at), entryId: m.entryId, recordId: input.recordId, pdf: made.pdf, pageCount: made.pageCount }, [made.pdf]);
  });
  ctx.events.emit('cases.changed', { caseNo: c.caseNo });
  return { caseNo: c.caseNo, entryId: m.entryId, pages: made.pageCount };
}

export function failPromise(ctx: HandlerContext, input: { caseNo: string; entryId: string; recordId: string; reason: string }): HandlerResult<'promises.fail'> {
  const staff = ctx.session.requireStaff();
  const { db } = ctx.store;
  const t = terminalOf(db);
  const today = businessDay(ctx.clock.nowIso());
  db.transaction(() => {
    const c = gapCase(db, input.caseNo);
    const m = checkPromise(c.materials, input.entryId, c.withGaps);
    checkFailable(m, today);
    const at = ctx.clock.nowIso();
    stmt(db, "INSERT INTO promise_records (case_id, entry_id, state, record_id, reason, at, staff_id) VALUES (?, ?, 'failed', ?, ?, ?, ?)").run(c.id, m.entryId, input.recordId, input.reason, at, staff.id);
    appendAudit(db, ctx.clock, { actor: staff.login, action: 'promise.failed', subject: c.caseNo, details: { entryId: m.entryId, promisedDate: m.promisedDate, reason: input.reason } });
    enqueueCommand(db, ctx.clock, 'failPromise', { caseNo: c.caseNo, ...t, staff: staff.login, at, day: businessDay(at), entryId: m.entryId, recordId: input.recordId, reason: input.reason });
  })();
  ctx.events.emit('cases.changed', { caseNo: input.caseNo.trim().toUpperCase() });
  return { caseNo: input.caseNo.trim().toUpperCase(), entryId: input.entryId, failed: true as const };
}
