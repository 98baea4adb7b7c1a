import type { RejectionType } from '../../../../core/intake/schema.js';
import type { HandlerResult } from '../../../../core/api/contract.js';
import type { MaterialForm } from '../../../../core/catalog/schema.js';
import type { MaterialMark } from '../../../../core/intake/schema.js';

export type Hit = HandlerResult<'catalog.search'>[number];
export type Checklist = HandlerResult<'catalog.checklist'>;
export type ChecklistEntry = Checklist['entries'][number];
export type CaseSummary = HandlerResult<'cases.accept'>;
export type MaterialStatus = MaterialMark['status'];

export const STEPS = ['item', 'applicant', 'materials', 'outcome', 'summary'] as const;
export type Step = (typeof STEPS)[number] | 'done';

/** A problem with one field, before it becomes a sentence: the reason code and what fills it in. */
export interface Issue {
  reason: string;
  position?: number;
  /** Material name and the like, for the sentence. */
  params?: Record<string, string>;
}

/** Problems by dotted field path, the same paths the server uses (`applicant.idNumber`, `materials.2`). */
export type Issues = Record<string, Issue>;

/** The clerk's mark for one checklist entry, as typed (numbers still text). */
export interface MarkForm {
  status: MaterialStatus;
  form: MaterialForm;
  copies: string;
  pages: string;
  /** Exemption: the e-certificate number or reason. */
  reason: string;
  /** To correct: what is wrong with it. */
  problem: string;
}

export const OUTCOMES = ['accept', 'gaps', 'correction', 'reject', 'complete'] as const;
export type OutcomeChoice = (typeof OUTCOMES)[number];

export interface OutcomeForm {
  choice: OutcomeChoice;
  promisedDate: string;
  commitmentSigned: boolean;
  deadline: string;
  /** 不予受理: §32(一) no_licence_needed, §32(二) not_competent, or other (core/intake/schema.ts). */
  reasonType: RejectionType;
  reason: string;
  competentAuthority: string;
}
