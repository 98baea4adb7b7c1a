/** Validation of applicant identities: ID documents, credit codes, names, phones, and the intake schema. */
export { charAt, invalid, toDomainError, valid } from './check.js';
export type { Check, Invalid, Valid } from './check.js';
export { normalizeDocumentNumber, removeSeparators, toHalfWidth, upperAscii } from './normalize.js';
export { assertToday, compactDateToIso, daysInMonth, isIsoDate, isLeapYear, isRealDate } from './dates.js';
export {
  EARLIEST_BIRTH_DATE,
  ID_CARD_CHECK_CHARS,
  ID_CARD_WEIGHTS,
  checkGb11643,
  idCardCheckChar,
  validateIdCard,
} from './id-card.js';
export type { Gb11643Issue, Gb11643Number, Gb11643Options, IdCardCode, IdCardInfo, Sex } from './id-card.js';
export { USCC_ALPHABET, USCC_WEIGHTS, usccCheckChar, validateUscc } from './uscc.js';
export type { UsccCode, UsccInfo } from './uscc.js';
export {
  ID_DOC_TYPES,
  isIdDocType,
  validateForeignPermanentResidence,
  validateHkMacaoPermit,
  validateHmtResidencePermit,
  validateIdDocument,
  validatePassportCn,
  validatePassportForeign,
  validateTaiwanPermit,
} from './documents.js';
export type {
  ForeignPermanentResidenceCode,
  HkMacaoPermitCode,
  HmtResidencePermitCode,
  IdDocType,
  IdDocumentCheck,
  IdDocumentCode,
  IdDocumentInfo,
  PassportCnCode,
  PassportForeignCode,
  TaiwanPermitCode,
} from './documents.js';
export { codePointLength, findUnstorableText, storableCopy, unstorableAt } from './text.js';
export type { TextIssue } from './text.js';
export { ORG_NAME_MAX, PERSON_NAME_MAX, validateOrgName, validatePersonName } from './names.js';
export type { NameCode, NameInfo } from './names.js';
export { validatePhone } from './phone.js';
export type { PhoneCode, PhoneInfo, PhoneKind } from './phone.js';
export { ADDRESS_MAX, applicantSchema } from './schema.js';
export type {
  Agent,
  Applicant,
  ApplicantInput,
  ApplicantSchema,
  FailureParams,
  OrganisationApplicant,
  PersonApplicant,
  PersonIdentity,
  UsccOverride,
} from './schema.js';
