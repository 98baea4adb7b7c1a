import { isIsoDate } from '../../../../core/calendar/dates.js';
import type { MaterialMark } from '../../../../core/intake/schema.js';
import { codePointLength } from '../../../../core/applicant/index.js';
import { addDays } from '../../ui/today.js';
import type { Checklist, Issues, MarkForm, OutcomeForm } from './types.js';

/**
 * Materials and outcome: defaults, the checks the clerk sees before committing, and the marks as the
 * intake input takes them. The outcome checks mirror core/intake/plan.ts (which needs the catalog and
 * calendar, so it runs on the server); they use the same reason codes and field paths, and the server
 * stays the judge: whatever it still refuses is shown the same way.
 */

/** Received, in the form and number of copies the checklist asks for, one page: the common case. */
export function defaultMarks(checklist: Checklist): MarkForm[] {
  return checklist.entries.map((e) => ({ status: 'received', form: e.form, copies: String(e.copies), pages: '1', reason: '', problem: '' }));
}

/** Promised date for 容缺 and deadline for 补正 start a week out; the clerk changes them as agreed. */
export function defaultOutcome(today: string): OutcomeForm {
  return { choice: 'accept', promisedDate: addDays(today, 7), commitmentSigned: false, deadline: addDays(today, 7), reasonType: 'not_competent', reason: '', competentAuthority: '' };
}

const wholeIn = (raw: string, min: number, max: number): boolean => /^\d+$/.test(raw.trim()) && Number(raw) >= min && Number(raw) <= max;
const textIn = (raw: string, min: number, max: number): boolean => codePointLength(raw.trim()) >= min && codePointLength(raw.trim()) <= max;

export function markIssues(marks: readonly MarkForm[]): Issues {
  const issues: Issues = {};
  marks.forEach((m, i) => {
    const at = `materials.${i}`;
    if (m.status === 'received') {
      if (!wholeIn(m.copies, 1, 99)) issues[`${at}.copies`] = { reason: 'copies_range' };
      if (!wholeIn(m.pages, 0, 9999)) issues[`${at}.pages`] = { reason: 'pages_range' };
    } else if (m.status === 'exempt' && !textIn(m.reason, 2, 200)) {
      issues[`${at}.reason`] = { reason: 'exempt_reason_short' };
    } else if (m.status === 'to_correct' && !textIn(m.problem, 2, 500)) {
      issues[`${at}.problem`] = { reason: 'problem_short' };
    }
  });
  return issues;
}

export function buildMarks(checklist: Checklist, marks: readonly MarkForm[]): MaterialMark[] {
  return checklist.entries.map((e, i): MaterialMark => {
    const m = marks[i];
    const entryId = e.id;
    switch (m?.status) {
      case 'received':
        return { entryId, status: 'received', form: m.form, copies: Number(m.copies), pages: Number(m.pages) };
      case 'exempt':
        return { entryId, status: 'exempt', reason: m.reason.trim() };
      case 'to_correct':
        return { entryId, status: 'to_correct', problem: m.problem.trim() };
      default:
        return { entryId, status: 'missing' };
    }
  });
}

const fulfilled = (m: MarkForm | undefined): boolean => m?.status === 'received' || m?.status === 'exempt';

function laterThan(date: string, today: string, field: string, issues: Issues): void {
  if (!isIsoDate(date.trim())) issues[field] = { reason: 'date_invalid' };
  else if (date.trim() <= today) issues[field] = { reason: 'date_not_future' };
}

/** §32(一) (no licence needed) applies only when every item is a 行政许可. */
export function allLicensing(checklist: Checklist): boolean {
  return checklist.items.length > 0 && checklist.items.every((i) => i.itemType === 'administrative_licensing');
}

/** Outcomes the checklist allows at all: 即办 only when every item is done on the spot. */
export function allImmediate(checklist: Checklist): boolean {
  return checklist.items.every((i) => i.kind === 'immediate');
}

export function outcomeIssues(checklist: Checklist, marks: readonly MarkForm[], o: OutcomeForm, today: string): Issues {
  const issues: Issues = {};
  const entries = checklist.entries;
  const requiredMissing = entries.flatMap((e, i) => (e.required && !fulfilled(marks[i]) ? [i] : []));
  const toCorrect = marks.flatMap((m, i) => (m.status === 'to_correct' ? [i] : []));
  switch (o.choice) {
    case 'accept':
    case 'gaps':
    case 'complete': {
      for (const i of toCorrect) issues[`materials.${i}`] = { reason: 'material_needs_correction' };
      if (o.choice === 'complete' && !allImmediate(checklist)) issues.target = { reason: 'not_immediate' };
      if (o.choice !== 'gaps') {
        for (const i of requiredMissing) issues[`materials.${i}`] ??= { reason: 'required_material_missing' };
        break;
      }
      if (requiredMissing.length === 0) issues.gaps = { reason: 'gaps_without_missing' };
      for (const i of requiredMissing) if (entries[i]?.key) issues[`materials.${i}`] ??= { reason: 'key_material_missing' };
      laterThan(o.promisedDate, today, 'gaps.promisedDate', issues);
      if (!o.commitmentSigned) issues['gaps.commitmentSigned'] = { reason: 'commitment_unsigned' };
      break;
    }
    case 'correction': {
      const toSupply = entries.some((e, i) => marks[i]?.status === 'to_correct' || (e.required && marks[i]?.status === 'missing'));
      if (!toSupply) issues.materials = { reason: 'correction_empty' };
      laterThan(o.deadline, today, 'deadline', issues);
      break;
    }
    case 'reject': {
      // The reason is the clerk's own words for `other`; for §32(一)/(二) the notice states the law's, and words are optional.
      const reason = o.reason.trim();
      if ((o.reasonType === 'other' || reason !== '') && !textIn(reason, 4, 1000)) issues.reason = { reason: o.reasonType === 'other' && reason === '' ? 'reject_reason_missing' : 'reject_reason_short' };
      const authority = o.competentAuthority.trim();
      if (o.reasonType === 'no_licence_needed') {
        if (!allLicensing(checklist)) issues.reasonType = { reason: 'reject_type_not_licensing' };
        if (authority !== '') issues.competentAuthority = { reason: 'competent_authority_not_applicable' };
      } else if (o.reasonType === 'not_competent' && authority === '') issues.competentAuthority = { reason: 'competent_authority_missing' };
      else if (authority !== '' && !textIn(authority, 2, 200)) issues.competentAuthority = { reason: 'authority_short' };
      break;
    }
  }
  return issues;
}
