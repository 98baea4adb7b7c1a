import type { Database } from 'better-sqlite3';
import type { HandlerResult } from '../../core/api/contract.js';
import type { Localized } from '../../core/catalog/schema.js';
import { DomainError } from '../../core/result.js';
import { daysBetween } from '../../core/time.js';
import { stmt } from '../db/statements.js';
import { caseDetail } from './queries.js';

/** 补正: correction cases not answered by a resubmission yet, by their deadline. */
export function listCorrections(db: Database, today: string, state: 'awaiting' | 'overdue', limit: number): HandlerResult<'corrections.list'> {
  const range = state === 'awaiting' ? 'c.deadline >= @today ORDER BY c.deadline, c.case_no' : 'c.deadline < @today ORDER BY c.deadline, c.case_no';
  const rows = db
    .prepare(
      `SELECT c.id, c.case_no, c.title, c.applicant_name, c.applicant_id_number, c.received_at, c.deadline,
              (SELECT group_concat(m.name, char(31)) FROM case_materials m WHERE m.case_id = c.id AND (m.status = 'to_correct' OR (m.required = 1 AND m.status = 'missing'))) AS to_supply
         FROM cases c
        WHERE c.outcome = 'correction' AND c.deadline IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM resubmissions r WHERE r.original_case_id = c.id)
          AND ${range} LIMIT @limit`,
    )
    .all({ today, limit }) as { case_no: string; title: string; applicant_name: string; applicant_id_number: string; received_at: string; deadline: string; to_supply: string | null }[];
  return rows.map((r) => ({
    caseNo: r.case_no, title: JSON.parse(r.title) as Localized, applicantName: r.applicant_name, applicantIdNumber: r.applicant_id_number, receivedAt: r.received_at,
    deadline: r.deadline, daysLeft: daysBetween(today, r.deadline), toSupply: r.to_supply ? r.to_supply.split('\u001f') : [],
  }));
}

/** What a resubmission starts from; the checks that need the new applicant run again at submission. */
export function carryOver(db: Database, caseNo: string): HandlerResult<'corrections.carryOver'> {
  const detail = caseDetail(db, caseNo.trim().toUpperCase());
  if (!detail) throw new DomainError('not_found', `no case ${caseNo}`, 'caseNo', 'case_unknown');
  if (detail.outcome !== 'correction') throw new DomainError('invalid_input', `case ${detail.caseNo} is not a correction case (补正)`, 'caseNo', 'resubmission_not_correction');
  const id = stmt<{ id: number }>(db, 'SELECT id FROM cases WHERE case_no = ?').get(detail.caseNo)?.id;
  if (stmt(db, 'SELECT 1 FROM resubmissions WHERE original_case_id = ?').get(id)) {
    throw new DomainError('conflict', `case ${detail.caseNo} was already resubmitted`, 'caseNo', 'resubmission_closed');
  }
  return {
    caseNo: detail.caseNo,
    applicant: detail.applicant,
    target: detail.bundleCode ? { bundleCode: detail.bundleCode } : { itemCodes: detail.itemCodes },
    received: detail.materials.filter((m) => m.status === 'received').map((m) => ({ entryId: m.entryId, form: m.form, copies: m.copies, pages: m.pages, scannedPages: m.scannedPages })),
    toSupply: detail.materials.filter((m) => m.status === 'to_correct' || (m.required && m.status === 'missing')).map((m) => ({ entryId: m.entryId, name: m.name, note: m.note })),
  };
}
