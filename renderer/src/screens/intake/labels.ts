import type { IdDocType } from '../../../../core/applicant/index.js';
import type { MaterialForm } from '../../../../core/catalog/schema.js';
import { keyOf, type Key } from '../../i18n/keys.js';
import type { ApplicantKind } from './applicantForm.js';
import type { Hit, MaterialStatus, OutcomeChoice, STEPS } from './types.js';

/**
 * The text of each value of the intake's lists, one map per list: typed by the list, so a value
 * without its text does not compile, and each key spelled out, so the key test sees it used.
 */

export const ID_TYPE_LABEL: Readonly<Record<IdDocType, Key>> = {
  resident_id: 'idTypes.resident_id',
  passport_cn: 'idTypes.passport_cn',
  passport_foreign: 'idTypes.passport_foreign',
  hk_macao_permit: 'idTypes.hk_macao_permit',
  taiwan_permit: 'idTypes.taiwan_permit',
  hmt_residence_permit: 'idTypes.hmt_residence_permit',
  foreign_permanent_residence: 'idTypes.foreign_permanent_residence',
};

/** A document type as stored (any string; '' means the default, the resident ID): its text. */
export function idTypeLabel(idType: string): Key {
  return keyOf(ID_TYPE_LABEL, idType) ?? ID_TYPE_LABEL.resident_id;
}

export const SEX_LABEL: Readonly<Record<'male' | 'female', Key>> = { male: 'applicant.sex_male', female: 'applicant.sex_female' };

export const APPLICANT_KIND_LABEL: Readonly<Record<ApplicantKind, Key>> = { person: 'applicant.kind_person', organisation: 'applicant.kind_organisation' };

export const HIT_KIND_LABEL: Readonly<Record<Hit['kind'], Key>> = { item: 'item.kind_item', bundle: 'item.kind_bundle' };

export const STEP_LABEL: Readonly<Record<(typeof STEPS)[number], Key>> = {
  item: 'intake.steps.item',
  applicant: 'intake.steps.applicant',
  materials: 'intake.steps.materials',
  outcome: 'intake.steps.outcome',
  summary: 'intake.steps.summary',
};

export const MATERIAL_STATUS_LABEL: Readonly<Record<MaterialStatus, Key>> = {
  received: 'materials.status_received',
  exempt: 'materials.status_exempt',
  missing: 'materials.status_missing',
  to_correct: 'materials.status_to_correct',
};

export const MATERIAL_FORM_LABEL: Readonly<Record<MaterialForm, Key>> = {
  original: 'materials.form_original',
  copy: 'materials.form_copy',
  original_and_copy: 'materials.form_original_and_copy',
};

/** The detail fields of a material's mark. */
export const MARK_FIELD_LABEL = { copies: 'materials.copies', pages: 'materials.pages', reason: 'materials.reason', problem: 'materials.problem' } as const satisfies Record<string, Key>;

export const OUTCOME_LABEL: Readonly<Record<OutcomeChoice, Key>> = {
  accept: 'outcome.accept',
  gaps: 'outcome.gaps',
  correction: 'outcome.correction',
  reject: 'outcome.reject',
  complete: 'outcome.complete',
};

export const OUTCOME_DESC: Readonly<Record<OutcomeChoice, Key>> = {
  accept: 'outcome.accept_desc',
  gaps: 'outcome.gaps_desc',
  correction: 'outcome.correction_desc',
  reject: 'outcome.reject_desc',
  complete: 'outcome.complete_desc',
};
