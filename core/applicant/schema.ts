import { z } from 'zod';
import type { ApplicantReason, Check, Invalid } from './check.js';
import { assertToday } from './dates.js';
import { ID_DOC_TYPES, validateIdDocument } from './documents.js';
import type { IdDocType } from './documents.js';
import { validateOrgName, validatePersonName } from './names.js';
import { normalizeDocumentNumber } from './normalize.js';
import { validatePhone } from './phone.js';
import { checkText } from './text.js';
import { validateUscc } from './uscc.js';

/**
 * The applicant as the intake sends it, validated with the validators of this folder.
 *
 * Every failure is a zod `custom` issue on the exact field path (`['agent', 'idNumber']`), with the
 * validator's message and `params` holding `{ code, overridable }` (plus `position` when known); the
 * code is one of core/reasons.ts. Field-level checks and the two checks that
 * need a sibling (the ID number needs `idType`; the credit code needs `usccOverride`) all run in
 * one pass, so the window is told about every bad field at once.
 *
 * A failed credit-code check character is reported with `params.overridable: true`. When the
 * organisation carries `usccOverride` (a supervisor's name and a reason of at least 4 characters),
 * that failure is accepted; a format error (length, characters) never is. The parsed output keeps
 * `usccOverride` only when it was actually needed, so whoever stores the case journals exactly the
 * overrides that happened.
 *
 * Parsing also normalises: document numbers and credit codes come out in canonical form
 * (full-width folded, separators removed, uppercase), phones as validatePhone stores them, names
 * and addresses trimmed (an empty address is dropped). Use `z.input` for the intake's type and
 * `z.output` (`Applicant`) for what is stored.
 */

export const ADDRESS_MAX = 300;

export interface FailureParams {
  code: ApplicantReason;
  overridable: boolean;
  position?: number;
}

function report(ctx: z.RefinementCtx, failure: Invalid<ApplicantReason>, path?: PropertyKey[]): void {
  const params: FailureParams = { code: failure.code, overridable: failure.overridable };
  if (failure.position !== undefined) params.position = failure.position;
  ctx.addIssue({
    code: 'custom',
    message: failure.message,
    params: { ...params },
    ...(path === undefined ? {} : { path }),
  });
}

/** A string field checked on its own by `validate`. */
function checked(validate: (raw: string) => Check<unknown, ApplicantReason>) {
  return z.string().superRefine((raw, ctx) => {
    const r = validate(raw);
    if (!r.ok) report(ctx, r);
  });
}

const personName = () => checked(validatePersonName);
const phone = () => checked(validatePhone);
const checkAddress = (raw: string) =>
  checkText(raw, { prefix: 'address', label: 'address', maxCodePoints: ADDRESS_MAX, optional: true });
const address = () => checked(checkAddress);

/**
 * Lets an object-level check run even when other fields failed (so every bad field is reported in
 * one pass), but only on an object whose `keys` themselves parsed: zod v4 also calls a check with
 * `when` for input that is not an object at all (`agent: null`), which must not reach the check.
 */
function whenParsed(...keys: string[]) {
  return {
    when: (payload: { value: unknown; issues: readonly { path?: readonly PropertyKey[] }[] }) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !Array.isArray(payload.value) &&
      !payload.issues.some((issue) => keys.includes(String(issue.path?.[0]))),
  };
}

function identityFields() {
  return {
    idType: z.enum(ID_DOC_TYPES),
    idNumber: z.string(),
    name: personName(),
  };
}

function checkIdNumber(today: string) {
  return (v: { idType: IdDocType; idNumber: string }, ctx: z.RefinementCtx): void => {
    const r = validateIdDocument(v.idType, v.idNumber, today);
    if (!r.ok) report(ctx, r, ['idNumber']);
  };
}

const usccOverrideSchema = z.strictObject({
  reason: z.string().trim().min(4, 'uscc_override_reason: give a reason of at least 4 characters'),
  supervisor: z.string().trim().min(1, 'uscc_override_supervisor: name the supervisor who overrides'),
});

export type UsccOverride = z.output<typeof usccOverrideSchema>;

function schemas(today: string) {
  const legalRep = z.strictObject(identityFields()).superRefine(checkIdNumber(today), whenParsed('idType', 'idNumber'));

  const agent = z
    .strictObject({ ...identityFields(), phone: phone(), address: address().optional(), powerOfAttorney: z.boolean() })
    .superRefine(checkIdNumber(today), whenParsed('idType', 'idNumber'));

  const person = z
    .strictObject({
      kind: z.literal('person'),
      ...identityFields(),
      phone: phone(),
      address: address().optional(),
      agent: agent.optional(),
    })
    .superRefine(checkIdNumber(today), whenParsed('idType', 'idNumber'));

  const organisation = z
    .strictObject({
      kind: z.literal('organisation'),
      name: checked(validateOrgName),
      uscc: z.string(),
      usccOverride: usccOverrideSchema.optional(),
      legalRep,
      phone: phone().optional(),
      address: address().optional(),
      agent: agent.optional(),
    })
    .superRefine(
      (v, ctx) => {
        const r = validateUscc(v.uscc);
        // An override that failed its own checks (reason too short…) does not count, and the
        // checksum failure is reported next to its problems.
        const overridden =
          v.usccOverride !== undefined && !ctx.issues.some((issue) => issue.path?.[0] === 'usccOverride');
        if (!r.ok && !(r.overridable && overridden)) report(ctx, r, ['uscc']);
      },
      whenParsed('uscc'),
    );

  return { person, organisation, agent, legalRep };
}

type Schemas = ReturnType<typeof schemas>;
type PersonIn = z.output<Schemas['person']>;
type OrganisationIn = z.output<Schemas['organisation']>;
type AgentIn = z.output<Schemas['agent']>;
type IdentityIn = z.output<Schemas['legalRep']>;

export interface PersonIdentity {
  idType: IdDocType;
  idNumber: string;
  name: string;
  /** 'YYYY-MM-DD', when the document number encodes it. */
  birthDate?: string;
  sex?: 'male' | 'female';
}

export interface Agent extends PersonIdentity {
  phone: string;
  address?: string;
  powerOfAttorney: boolean;
}

export interface PersonApplicant extends PersonIdentity {
  kind: 'person';
  phone: string;
  address?: string;
  agent?: Agent;
}

export interface OrganisationApplicant {
  kind: 'organisation';
  name: string;
  uscc: string;
  /** Present only when the credit code failed its check character and a supervisor accepted it. */
  usccOverride?: UsccOverride;
  legalRep: PersonIdentity;
  phone?: string;
  address?: string;
  agent?: Agent;
}

export type Applicant = PersonApplicant | OrganisationApplicant;

function normIdentity(v: IdentityIn, today: string): PersonIdentity {
  const out: PersonIdentity = { idType: v.idType, idNumber: normalizeDocumentNumber(v.idNumber), name: v.name.trim() };
  const id = validateIdDocument(v.idType, v.idNumber, today);
  if (id.ok) {
    out.idNumber = id.value.number;
    if (id.value.birthDate !== undefined) out.birthDate = id.value.birthDate;
    if (id.value.sex !== undefined) out.sex = id.value.sex;
  }
  const name = validatePersonName(v.name);
  if (name.ok) out.name = name.value.name;
  return out;
}

function normPhone(raw: string): string {
  const r = validatePhone(raw);
  return r.ok ? r.value.number : raw.trim();
}

/** Sets `address` only when it is non-empty after trimming. */
function setAddress(out: { address?: string }, raw: string | undefined): void {
  if (raw === undefined) return;
  const r = checkAddress(raw);
  if (r.ok && r.value !== '') out.address = r.value;
}

function normAgent(v: AgentIn, today: string): Agent {
  const out: Agent = { ...normIdentity(v, today), phone: normPhone(v.phone), powerOfAttorney: v.powerOfAttorney };
  setAddress(out, v.address);
  return out;
}

function normPerson(v: PersonIn, today: string): PersonApplicant {
  const out: PersonApplicant = { kind: 'person', ...normIdentity(v, today), phone: normPhone(v.phone) };
  setAddress(out, v.address);
  if (v.agent !== undefined) out.agent = normAgent(v.agent, today);
  return out;
}

function normOrganisation(v: OrganisationIn, today: string): OrganisationApplicant {
  const name = validateOrgName(v.name);
  const out: OrganisationApplicant = {
    kind: 'organisation',
    name: name.ok ? name.value.name : v.name.trim(),
    uscc: normalizeDocumentNumber(v.uscc),
    legalRep: normIdentity(v.legalRep, today),
  };
  if (!validateUscc(v.uscc).ok && v.usccOverride !== undefined) out.usccOverride = v.usccOverride;
  if (v.phone !== undefined) out.phone = normPhone(v.phone);
  setAddress(out, v.address);
  if (v.agent !== undefined) out.agent = normAgent(v.agent, today);
  return out;
}

/**
 * The applicant schema for a given day ('YYYY-MM-DD', the terminal's date: birth dates after it
 * are refused). A person or an organisation, told apart by `kind`.
 * @throws RangeError when `today` is not a real 'YYYY-MM-DD' date.
 */
export function applicantSchema(today: string) {
  assertToday(today);
  const { person, organisation } = schemas(today);
  return z
    .discriminatedUnion('kind', [person, organisation])
    .transform((v): Applicant => (v.kind === 'person' ? normPerson(v, today) : normOrganisation(v, today)));
}

export type ApplicantSchema = ReturnType<typeof applicantSchema>;
export type ApplicantInput = z.input<ApplicantSchema>;
