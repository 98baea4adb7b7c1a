import type { HandlerResult } from '../../../../core/api/contract.js';
import { CASE_OUTCOMES, type CaseOutcome } from '../../../../core/intake/outcomes.js';
import { businessDateTime } from '../../../../core/time.js';
import type { Key } from '../../i18n/keys.js';

export type CaseSummary = HandlerResult<'cases.list'>[number];
export type CaseDetail = HandlerResult<'cases.get'>;
export { CASE_OUTCOMES };

/** Every outcome's label: a new outcome in core/intake/outcomes.ts does not compile until it has one. */
export const CASE_OUTCOME_LABEL: Readonly<Record<CaseOutcome, Key>> = {
  accepted: 'caseOutcome.accepted',
  correction: 'caseOutcome.correction',
  rejected: 'caseOutcome.rejected',
  completed: 'caseOutcome.completed',
};

/** The i18n key of a case's outcome: 容缺受理 is an accepted case with gaps. */
export function outcomeKey(c: Pick<CaseSummary, 'outcome' | 'withGaps'>): Key {
  return c.outcome === 'accepted' && c.withGaps ? 'caseOutcome.accepted_gaps' : CASE_OUTCOME_LABEL[c.outcome];
}

/** 'HH:MM' of an ISO instant in the hall's time (UTC+8), for a list of today's cases. */
export function timeOfDay(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : businessDateTime(iso).slice(11, 16);
}

/** 'YYYY-MM-DD HH:MM' in the hall's time. */
export function dateTime(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : businessDateTime(iso).slice(0, 16).replace('T', ' ');
}
