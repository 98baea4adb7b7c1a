import {
  checkNameForDocument,
  codePointLength,
  validateIdDocument,
  validateOrgName,
  validatePersonName,
  validatePhone,
  validateUscc,
  type IdDocType,
  type Invalid,
} from '../../../../core/applicant/index.js';
import type { Issues } from './types.js';

/**
 * The applicant part of the intake form. Values are kept flat, keyed by the very paths the server
 * reports errors under (`applicant.legalRep.idNumber`, `supervisorPassword`), so a server error
 * lands next to its field without any mapping table.
 */
export type ApplicantKind = 'person' | 'organisation';

export interface ApplicantForm {
  kind: ApplicantKind;
  /** One set of values per kind, so switching kind and back loses nothing. */
  values: Record<ApplicantKind, Record<string, string>>;
  hasAgent: boolean;
  powerOfAttorney: boolean;
  /** The supervisor override of a failed credit-code check is open. */
  override: boolean;
}

export const A = 'applicant';
export const LEGAL_REP = 'applicant.legalRep';
export const AGENT = 'applicant.agent';
export const OVERRIDE_SUPERVISOR = 'applicant.usccOverride.supervisor';
export const OVERRIDE_REASON = 'applicant.usccOverride.reason';
export const SUPERVISOR_PASSWORD = 'supervisorPassword';

/** The power of attorney starts unticked: the clerk ticks it after seeing the document (issue 13). */
export function emptyApplicantForm(): ApplicantForm {
  const idTypes = { [`${A}.idType`]: 'resident_id', [`${LEGAL_REP}.idType`]: 'resident_id', [`${AGENT}.idType`]: 'resident_id' };
  return { kind: 'person', values: { person: { ...idTypes }, organisation: { ...idTypes } }, hasAgent: false, powerOfAttorney: false, override: false };
}

export const valueOf = (form: ApplicantForm, path: string): string => form.values[form.kind][path] ?? '';

const idTypeOf = (form: ApplicantForm, prefix: string): IdDocType => (valueOf(form, `${prefix}.idType`) || 'resident_id') as IdDocType;

function put(issues: Issues, path: string, failure: Invalid<string>): void {
  issues[path] = failure.position === undefined ? { reason: failure.code } : { reason: failure.code, position: failure.position };
}

function checkIdentity(form: ApplicantForm, prefix: string, today: string, issues: Issues): void {
  const id = validateIdDocument(idTypeOf(form, prefix), valueOf(form, `${prefix}.idNumber`), today);
  if (!id.ok) put(issues, `${prefix}.idNumber`, id);
  const name = validatePersonName(valueOf(form, `${prefix}.name`));
  if (!name.ok) put(issues, `${prefix}.name`, name);
  else {
    const rule = checkNameForDocument(idTypeOf(form, prefix), name.value.name);
    if (!rule.ok) put(issues, `${prefix}.name`, rule);
  }
}

function checkPhone(form: ApplicantForm, path: string, optional: boolean, issues: Issues): void {
  const raw = valueOf(form, path);
  if (optional && raw.trim() === '') return;
  const r = validatePhone(raw);
  if (!r.ok) put(issues, path, r);
}

function checkAddress(form: ApplicantForm, path: string, issues: Issues): void {
  if (codePointLength(valueOf(form, path).trim()) > 300) issues[path] = { reason: 'address_too_long' };
}

/**
 * Every problem the core validators find in the form, the same checks the server runs with
 * `applicantSchema(today)`, so the clerk sees them while typing instead of after submitting.
 */
export function applicantIssues(form: ApplicantForm, today: string): Issues {
  const issues: Issues = {};
  if (form.kind === 'person') {
    checkIdentity(form, A, today, issues);
    checkPhone(form, `${A}.phone`, false, issues);
  } else {
    const name = validateOrgName(valueOf(form, `${A}.name`));
    if (!name.ok) put(issues, `${A}.name`, name);
    const uscc = validateUscc(valueOf(form, `${A}.uscc`));
    if (!uscc.ok && !(uscc.overridable && form.override)) put(issues, `${A}.uscc`, uscc);
    if (form.override && !uscc.ok && uscc.overridable) {
      if (valueOf(form, OVERRIDE_SUPERVISOR).trim() === '') issues[OVERRIDE_SUPERVISOR] = { reason: 'uscc_override_supervisor' };
      if (valueOf(form, SUPERVISOR_PASSWORD) === '') issues[SUPERVISOR_PASSWORD] = { reason: 'supervisor_password_empty' };
      if (codePointLength(valueOf(form, OVERRIDE_REASON).trim()) < 4) issues[OVERRIDE_REASON] = { reason: 'uscc_override_reason' };
    }
    checkIdentity(form, LEGAL_REP, today, issues);
    checkPhone(form, `${A}.phone`, true, issues);
  }
  checkAddress(form, `${A}.address`, issues);
  if (form.hasAgent) {
    checkIdentity(form, AGENT, today, issues);
    checkPhone(form, `${AGENT}.phone`, false, issues);
    checkAddress(form, `${AGENT}.address`, issues);
    if (!form.powerOfAttorney) issues[`${AGENT}.powerOfAttorney`] = { reason: 'power_of_attorney_missing' };
  }
  return issues;
}

/**
 * Reasons worth showing while the clerk is still typing: they cannot go away by typing more.
 * "Too short" and "empty" wait until the field is left or the step is submitted.
 */
export function isLiveReason(reason: string): boolean {
  return /_(chars|birth_date_invalid|birth_date_future|checksum|area_code|control_chars|invalid_unicode|too_long|digits|markup|not_chinese)$/.test(reason);
}

/** Birth date and sex a valid resident ID (or other GB 11643 document) carries, for the clerk to compare with the person. */
export function derivedIdentity(form: ApplicantForm, prefix: string, today: string): { birthDate: string; sex: 'male' | 'female' } | null {
  const r = validateIdDocument(idTypeOf(form, prefix), valueOf(form, `${prefix}.idNumber`), today);
  if (!r.ok || r.value.birthDate === undefined || r.value.sex === undefined) return null;
  return { birthDate: r.value.birthDate, sex: r.value.sex };
}

/** The normalised number of a valid main identifier (ID number or credit code), to look the applicant up by. */
export function lookupKey(form: ApplicantForm, today: string): string | null {
  if (form.kind === 'person') {
    const r = validateIdDocument(idTypeOf(form, A), valueOf(form, `${A}.idNumber`), today);
    return r.ok ? r.value.number : null;
  }
  const r = validateUscc(valueOf(form, `${A}.uscc`));
  return r.ok ? r.value.number : null;
}

const optionalText = (raw: string): string | undefined => (raw.trim() === '' ? undefined : raw);

function identity(form: ApplicantForm, prefix: string): { idType: IdDocType; idNumber: string; name: string } {
  return { idType: idTypeOf(form, prefix), idNumber: valueOf(form, `${prefix}.idNumber`), name: valueOf(form, `${prefix}.name`) };
}

/** The applicant exactly as core/applicant/schema.ts takes it (strict: no extra keys). */
export function buildApplicant(form: ApplicantForm): { kind: ApplicantKind } & Record<string, unknown> {
  const address = optionalText(valueOf(form, `${A}.address`));
  const agent = form.hasAgent
    ? {
        ...identity(form, AGENT),
        phone: valueOf(form, `${AGENT}.phone`),
        ...(optionalText(valueOf(form, `${AGENT}.address`)) ? { address: valueOf(form, `${AGENT}.address`) } : {}),
        powerOfAttorney: form.powerOfAttorney,
      }
    : undefined;
  if (form.kind === 'person') {
    return { kind: 'person', ...identity(form, A), phone: valueOf(form, `${A}.phone`), ...(address ? { address } : {}), ...(agent ? { agent } : {}) };
  }
  const uscc = validateUscc(valueOf(form, `${A}.uscc`));
  // The override goes only with a code that fails its check character: the server journals exactly the overrides that happened.
  const override = form.override && !uscc.ok && uscc.overridable;
  const phone = optionalText(valueOf(form, `${A}.phone`));
  return {
    kind: 'organisation',
    name: valueOf(form, `${A}.name`),
    uscc: valueOf(form, `${A}.uscc`),
    ...(override ? { usccOverride: { reason: valueOf(form, OVERRIDE_REASON), supervisor: valueOf(form, OVERRIDE_SUPERVISOR) } } : {}),
    legalRep: identity(form, LEGAL_REP),
    ...(phone ? { phone } : {}),
    ...(address ? { address } : {}),
    ...(agent ? { agent } : {}),
  };
}

export function supervisorPasswordOf(form: ApplicantForm): string | undefined {
  if (form.kind !== 'organisation' || !form.override) return undefined;
  const uscc = validateUscc(valueOf(form, `${A}.uscc`));
  return !uscc.ok && uscc.overridable ? valueOf(form, SUPERVISOR_PASSWORD) : undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Fills the empty fields from a returning applicant's last record (applicants.find); what the clerk
 * already typed is never overwritten.
 */
export function prefill(form: ApplicantForm, stored: Record<string, unknown>): { form: ApplicantForm; filled: string[] } {
  const found: Record<string, string> = {};
  if (form.kind === 'person' && stored.kind === 'person') {
    found[`${A}.name`] = str(stored.name);
    found[`${A}.phone`] = str(stored.phone);
    found[`${A}.address`] = str(stored.address);
  } else if (form.kind === 'organisation' && stored.kind === 'organisation') {
    found[`${A}.name`] = str(stored.name);
    found[`${A}.phone`] = str(stored.phone);
    found[`${A}.address`] = str(stored.address);
    const rep = typeof stored.legalRep === 'object' && stored.legalRep !== null ? (stored.legalRep as Record<string, unknown>) : {};
    if (valueOf(form, `${LEGAL_REP}.idNumber`) === '') {
      found[`${LEGAL_REP}.idType`] = str(rep.idType) || 'resident_id';
      found[`${LEGAL_REP}.idNumber`] = str(rep.idNumber);
    }
    found[`${LEGAL_REP}.name`] = str(rep.name);
  }
  const values = { ...form.values[form.kind] };
  const filled: string[] = [];
  for (const [path, v] of Object.entries(found)) {
    if (v !== '' && (path.endsWith('.idType') || (values[path] ?? '') === '')) {
      values[path] = v;
      filled.push(path);
    }
  }
  return { form: { ...form, values: { ...form.values, [form.kind]: values } }, filled };
}

/** The paths the applicant step shows a field for, as the form stands; a server error on any other path is shown at the foot. */
export function visiblePaths(form: ApplicantForm): string[] {
  const identity = (p: string): string[] => [`${p}.idType`, `${p}.idNumber`, `${p}.name`];
  const paths = [`${A}.phone`, `${A}.address`];
  if (form.kind === 'person') paths.push(...identity(A));
  else paths.push(`${A}.name`, `${A}.uscc`, ...identity(LEGAL_REP));
  if (form.kind === 'organisation' && form.override) paths.push(OVERRIDE_SUPERVISOR, OVERRIDE_REASON, SUPERVISOR_PASSWORD);
  if (form.hasAgent) paths.push(...identity(AGENT), `${AGENT}.phone`, `${AGENT}.address`, `${AGENT}.powerOfAttorney`);
  return paths;
}
