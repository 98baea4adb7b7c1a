import { charAt, invalid, valid } from './check.js';
import type { Check } from './check.js';
import { assertToday } from './dates.js';
import { checkGb11643, validateIdCard } from './id-card.js';
import type { Gb11643Issue, IdCardCode, Sex } from './id-card.js';
import { normalizeDocumentNumber } from './normalize.js';

/**
 * ID documents other than the resident ID card, each with its own format check. None of them is
 * forced through the resident-ID rule; the two that are built on GB 11643 reuse its structure check
 * with their own area-code rule and their own error-code prefix.
 *
 * Formats implemented (after normalize.ts: trimmed, full-width to ASCII, spaces and hyphens removed,
 * letters uppercased). The sources are public notices as we know them; none of these layouts is a
 * published national standard except where GB 11643 is named, so they are deliberately loose where
 * our knowledge is:
 *
 * - passport_cn, ordinary passport of the PRC (普通护照), issued by the exit-entry administration:
 *   `E` + 8 digits (electronic passport, 2012 on), `E` + one letter + 7 digits (once the E-digit
 *   series ran out; any letter A-Z is accepted), or `G` + 8 digits (the earlier series).
 *   Diplomatic/service/public-affairs passports (D, S, P, DE, SE, PE) are not ordinary passports
 *   and are refused here.
 * - passport_foreign, a foreign passport: 5 to 20 letters and digits. Countries differ too much for
 *   anything tighter (ICAO 9303 allows up to 9 characters in the MRZ field, but longer numbers are
 *   printed in the visual zone).
 * - hk_macao_permit, 港澳居民来往内地通行证 (回乡证): `H` (Hong Kong) or `M` (Macao) + 8 digits (card,
 *   2013 on) or + 10 digits (the earlier booklet, whose trailing issue count is not part of the number).
 * - taiwan_permit, 台湾居民来往大陆通行证 (台胞证): 8 digits (card, 2015 on) or 10 digits (booklet).
 * - hmt_residence_permit, 港澳台居民居住证 (《港澳台居民居住证申领发放办法》, 2018): a GB 11643 number
 *   (18 characters, MOD 11-2 check) whose area code is 810000 (Hong Kong), 820000 (Macao) or
 *   830000 (Taiwan). Birth date and sex are derived as for the resident ID.
 * - foreign_permanent_residence, 外国人永久居留身份证 (National Immigration Administration):
 *   old format (2004 and 2017 cards): 15 characters, 3 letters (nationality) + 12 digits, no check
 *   character we know of, so only the format is checked and nothing is derived;
 *   new format (cards from 2023-12-01, 《新版外国人永久居留身份证机读信息规则(2023版)》): 18 characters,
 *   17 digits + a GB 11643 MOD 11-2 check character, first digit 9 (1-8 are citizens' area codes),
 *   then 2 digits of the issuing province, 3 digits of the nationality, the birth date YYYYMMDD at
 *   positions 7-14 and a 3-digit sequence, as in the citizen number. Birth date and sex are derived.
 */

export const ID_DOC_TYPES = [
  'resident_id',
  'passport_cn',
  'passport_foreign',
  'hk_macao_permit',
  'taiwan_permit',
  'hmt_residence_permit',
  'foreign_permanent_residence',
] as const;

export type IdDocType = (typeof ID_DOC_TYPES)[number];

export function isIdDocType(s: string): s is IdDocType {
  return (ID_DOC_TYPES as readonly string[]).includes(s);
}

export interface IdDocumentInfo {
  type: IdDocType;
  /** The normalised number, as it should be stored and printed. */
  number: string;
  /** 'YYYY-MM-DD', for the documents whose number encodes it. */
  birthDate?: string;
  sex?: Sex;
  /** Positions 1-6 of a GB 11643 citizen number (resident ID, HMT residence permit). */
  areaCode?: string;
}

export type PassportCnCode = 'passport_cn_empty' | 'passport_cn_format';
export type PassportForeignCode = 'passport_foreign_empty' | 'passport_foreign_length' | 'passport_foreign_chars';
export type HkMacaoPermitCode = 'hk_macao_permit_empty' | 'hk_macao_permit_format';
export type TaiwanPermitCode = 'taiwan_permit_empty' | 'taiwan_permit_format';
export type HmtResidencePermitCode = 'hmt_residence_permit_empty' | `hmt_residence_permit_${Gb11643Issue}`;
export type ForeignPermanentResidenceCode =
  | 'foreign_permanent_residence_empty'
  | `foreign_permanent_residence_${Gb11643Issue}`;

export type IdDocumentCode =
  | IdCardCode
  | PassportCnCode
  | PassportForeignCode
  | HkMacaoPermitCode
  | TaiwanPermitCode
  | HmtResidencePermitCode
  | ForeignPermanentResidenceCode;

export type IdDocumentCheck<C extends string = IdDocumentCode> = Check<IdDocumentInfo, C>;

export function validatePassportCn(raw: string): IdDocumentCheck<PassportCnCode> {
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('passport_cn_empty', 'passport number is empty');
  if (!/^(?:[EG]\d{8}|E[A-Z]\d{7})$/.test(number)) {
    return invalid(
      'passport_cn_format',
      `PRC ordinary passport number must be E or G + 8 digits, or E + a letter + 7 digits; got ${number}`,
    );
  }
  return valid({ type: 'passport_cn', number });
}

export function validatePassportForeign(raw: string): IdDocumentCheck<PassportForeignCode> {
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('passport_foreign_empty', 'passport number is empty');
  const bad = /[^A-Z0-9]/.exec(number);
  if (bad !== null) {
    return invalid(
      'passport_foreign_chars',
      `passport number: character "${charAt(number, bad.index)}" at position ${bad.index + 1} is not a letter or digit`,
      { position: bad.index + 1 },
    );
  }
  if (number.length < 5 || number.length > 20) {
    return invalid('passport_foreign_length', `passport number must have 5 to 20 characters, got ${number.length}`);
  }
  return valid({ type: 'passport_foreign', number });
}

export function validateHkMacaoPermit(raw: string): IdDocumentCheck<HkMacaoPermitCode> {
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('hk_macao_permit_empty', 'permit number is empty');
  if (!/^[HM](?:\d{8}|\d{10})$/.test(number)) {
    return invalid(
      'hk_macao_permit_format',
      `Hong Kong/Macao permit number must be H or M + 8 or 10 digits; got ${number}`,
    );
  }
  return valid({ type: 'hk_macao_permit', number });
}

export function validateTaiwanPermit(raw: string): IdDocumentCheck<TaiwanPermitCode> {
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('taiwan_permit_empty', 'permit number is empty');
  if (!/^(?:\d{8}|\d{10})$/.test(number)) {
    return invalid('taiwan_permit_format', `Taiwan permit number must be 8 or 10 digits; got ${number}`);
  }
  return valid({ type: 'taiwan_permit', number });
}

/** 810000 Hong Kong, 820000 Macao, 830000 Taiwan. */
const HMT_AREA_CODES: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

export function validateHmtResidencePermit(raw: string, today: string): IdDocumentCheck<HmtResidencePermitCode> {
  assertToday(today);
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('hmt_residence_permit_empty', 'residence permit number is empty');
  const r = checkGb11643(number, today, {
    prefix: 'hmt_residence_permit',
    label: 'HK/Macao/Taiwan residence permit number',
    areaCode: (first6) =>
      HMT_AREA_CODES.has(first6) ? null : 'must be 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan)',
  });
  if (!r.ok) return r;
  const { birthDate, sex, areaCode } = r.value;
  return valid({ type: 'hmt_residence_permit', number, birthDate, sex, areaCode });
}

export function validateForeignPermanentResidence(
  raw: string,
  today: string,
): IdDocumentCheck<ForeignPermanentResidenceCode> {
  assertToday(today);
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('foreign_permanent_residence_empty', 'permanent residence ID number is empty');
  if (number.length === 15) {
    const m = /^[A-Z]{3}\d{12}$/.exec(number);
    if (m === null) {
      let i = 0;
      while (i < 15 && (i < 3 ? /[A-Z]/ : /\d/).test(number.charAt(i))) i += 1;
      return invalid(
        'foreign_permanent_residence_chars',
        `15-character permanent residence ID must be 3 letters + 12 digits; position ${i + 1} is wrong`,
        { position: i + 1 },
      );
    }
    return valid({ type: 'foreign_permanent_residence', number });
  }
  if (number.length !== 18) {
    return invalid(
      'foreign_permanent_residence_length',
      `permanent residence ID must have 15 (old) or 18 (2023) characters, got ${number.length}`,
    );
  }
  const r = checkGb11643(number, today, {
    prefix: 'foreign_permanent_residence',
    label: 'permanent residence ID number',
    areaCode: (first6) =>
      first6.startsWith('9') ? null : 'must start with 9 (an 18-digit number starting 1-8 is a citizen ID)',
  });
  if (!r.ok) return r;
  return valid({ type: 'foreign_permanent_residence', number, birthDate: r.value.birthDate, sex: r.value.sex });
}

/** Validates the number of an ID document of the given type; `today` is 'YYYY-MM-DD'. */
export function validateIdDocument(type: IdDocType, raw: string, today: string): IdDocumentCheck {
  assertToday(today);
  switch (type) {
    case 'resident_id': {
      const r = validateIdCard(raw, today);
      return r.ok ? valid({ type, ...r.value }) : r;
    }
    case 'passport_cn':
      return validatePassportCn(raw);
    case 'passport_foreign':
      return validatePassportForeign(raw);
    case 'hk_macao_permit':
      return validateHkMacaoPermit(raw);
    case 'taiwan_permit':
      return validateTaiwanPermit(raw);
    case 'hmt_residence_permit':
      return validateHmtResidencePermit(raw, today);
    case 'foreign_permanent_residence':
      return validateForeignPermanentResidence(raw, today);
    default: {
      const unknown: never = type;
      throw new RangeError(`unknown ID document type ${JSON.stringify(unknown)}`);
    }
  }
}
