import { normalizeDocumentNumber } from '../applicant/normalize.js';
import type { CounterReason } from '../reasons.js';
import { DomainError } from '../result.js';

/**
 * What happens to a case after the counter (issue 14), besides delivery:
 * - 补正: the applicant comes back with the corrections; the new intake names the correction case it
 *   answers, which must be a correction, still open, and the same applicant's. The original is then
 *   closed as resubmitted (by the store, in the intake's transaction).
 * - 容缺: each material promised under an accepted-with-gaps case is recorded when it comes (received,
 *   scanned) or, once overdue, closed as failed (the back office is told).
 */
export interface OriginalCase {
  caseNo: string;
  outcome: string;
  /** Already answered by another intake. */
  resubmitted: boolean;
  /** The applicant's ID document (or credit code) as the original recorded it. */
  idType: string;
  idNumber: string;
}

const refuse = (code: 'invalid_input' | 'conflict', reason: CounterReason, message: string, field: string): DomainError => new DomainError(code, message, field, reason);

export function checkResubmission(original: OriginalCase, applicant: { idType: string; idNumber: string }): void {
  if (original.outcome !== 'correction') throw refuse('invalid_input', 'resubmission_not_correction', `case ${original.caseNo} is not a correction case (补正)`, 'resubmissionOf');
  if (original.resubmitted) throw refuse('conflict', 'resubmission_closed', `case ${original.caseNo} was already resubmitted`, 'resubmissionOf');
  if (original.idType !== applicant.idType || normalizeDocumentNumber(original.idNumber) !== normalizeDocumentNumber(applicant.idNumber)) {
    throw refuse('invalid_input', 'resubmission_other_applicant', `case ${original.caseNo} belongs to another applicant`, 'resubmissionOf');
  }
}

/** A promised material as the case recorded it, and whether a record closes it already. */
export interface Promised {
  entryId: string;
  status: string;
  promisedDate: string | null;
  closed: boolean;
}

/** The material must be one of the case's gaps (missing, with a promised date) and still open. */
export function checkPromise(materials: readonly Promised[], entryId: string, withGaps: boolean): Promised {
  const m = materials.find((x) => x.entryId === entryId);
  if (!withGaps || !m || m.status !== 'missing' || m.promisedDate === null) {
    throw refuse('invalid_input', 'promise_not_a_gap', `"${entryId}" is not a material this case accepted with gaps (容缺)`, 'entryId');
  }
  if (m.closed) throw refuse('conflict', 'promise_closed', `"${entryId}" has been recorded already`, 'entryId');
  return m;
}

/** A promise may be closed as failed only once its date has passed. */
export function checkFailable(m: Promised, today: string): void {
  if (m.promisedDate === null || m.promisedDate >= today) throw refuse('conflict', 'promise_not_overdue', `the promise is due ${m.promisedDate ?? '—'}; it can be closed as failed only after that`, 'entryId');
}
