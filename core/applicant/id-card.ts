import { charAt, invalid, valid } from './check.js';
import type { Check } from './check.js';
import { assertToday, compactDateToIso } from './dates.js';
import { normalizeDocumentNumber } from './normalize.js';

/**
 * Citizen identity number (公民身份号码), GB 11643-1999, as printed on the resident ID card:
 *
 *   positions 1-6    address (area) code, starting with a province code (PROVINCE_CODES, 11–65)
 *   positions 7-14   birth date YYYYMMDD: a real date, not after today, not before 1800-01-01
 *   positions 15-17  sequence; the 17th digit is odd for a male, even for a female
 *   position 18      check character, ISO 7064 MOD 11-2:
 *                    R = Σ(digit_i × W_i) mod 11 with W = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
 *                    check character for R = 0..10 is 1 0 X 9 8 7 6 5 4 3 2
 *
 * Example from the standard: 11010519491231002X. A lowercase `x` is accepted and stored as `X`.
 * The 1800 floor is ours, not the standard's: it catches a mistyped century (0194…, 1049…) while
 * still accepting the standard's own example 440524188001010014 and the IDs of deceased persons,
 * which are entered for inheritance and deregistration.
 *
 * The same structure is used by the 港澳台居民居住证 and the 2023 外国人永久居留身份证 (documents.ts);
 * `checkGb11643` is shared with them, each with its own code prefix and area-code rule.
 */

export const ID_CARD_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const ID_CARD_CHECK_CHARS = '10X98765432';
/** Earliest birth date accepted in any GB 11643 number (see above). */
export const EARLIEST_BIRTH_DATE = '1800-01-01';

export type Sex = 'male' | 'female';

/**
 * The check character for the first 17 digits of a GB 11643 number.
 * @throws RangeError unless `first17` is exactly 17 ASCII digits.
 */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`idCardCheckChar needs 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17[i]) * (ID_CARD_WEIGHTS[i] ?? 0);
  }
  return ID_CARD_CHECK_CHARS.charAt(sum % 11);
}

export type Gb11643Issue = 'length' | 'chars' | 'area_code' | 'birth_date_invalid' | 'birth_date_future' | 'checksum';

export interface Gb11643Number {
  number: string;
  areaCode: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  sex: Sex;
}

export interface Gb11643Options<P extends string> {
  /** Prefix of every error code: `id` gives `id_checksum`, and so on. */
  prefix: P;
  /** What the number is called in messages. */
  label: string;
  /** Rule for positions 1-6: null when acceptable, else the reason. */
  areaCode: (first6: string) => string | null;
}

/**
 * Checks an already-normalised, non-empty number against the GB 11643 structure. Errors come in a
 * fixed order (length, characters, area code, birth date, check character) so that the most
 * specific reason is reported: a mistyped birth date usually breaks the checksum as well.
 */
export function checkGb11643<P extends string>(
  number: string,
  today: string,
  options: Gb11643Options<P>,
): Check<Gb11643Number, `${P}_${Gb11643Issue}`> {
  const { prefix, label } = options;
  const code = (issue: Gb11643Issue): `${P}_${Gb11643Issue}` => `${prefix}_${issue}`;
  if (number.length !== 18) {
    return invalid(code('length'), `${label} must have 18 characters, got ${number.length}`);
  }
  for (let i = 0; i < 18; i += 1) {
    const c = number.charAt(i);
    const ok = i < 17 ? c >= '0' && c <= '9' : (c >= '0' && c <= '9') || c === 'X';
    if (!ok) {
      const expected = i < 17 ? 'a digit' : 'a digit or X';
      return invalid(code('chars'), `${label}: character "${charAt(number, i)}" at position ${i + 1} must be ${expected}`, {
        position: i + 1,
      });
    }
  }
  const areaCode = number.slice(0, 6);
  const areaProblem = options.areaCode(areaCode);
  if (areaProblem !== null) {
    return invalid(code('area_code'), `${label}: area code ${areaCode} ${areaProblem}`, { position: 1 });
  }
  const birthDate = compactDateToIso(number.slice(6, 14));
  if (birthDate === null) {
    return invalid(code('birth_date_invalid'), `${label}: ${number.slice(6, 14)} (positions 7-14) is not a real date`, {
      position: 7,
    });
  }
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return invalid(code('birth_date_invalid'), `${label}: birth date ${birthDate} is before ${EARLIEST_BIRTH_DATE}`, {
      position: 7,
    });
  }
  if (birthDate > today) {
    return invalid(code('birth_date_future'), `${label}: birth date ${birthDate} is after today (${today})`, {
      position: 7,
    });
  }
  if (idCardCheckChar(number.slice(0, 17)) !== number.charAt(17)) {
    return invalid(code('checksum'), `${label}: check character ${number.charAt(17)} does not match the other 17 digits`, {
      position: 18,
    });
  }
  return valid({
    number,
    areaCode,
    birthDate,
    sex: Number(number.charAt(16)) % 2 === 1 ? 'male' : 'female',
  });
}

export type IdCardCode = 'id_empty' | 'id_old_format' | 'id_is_hmt_residence_permit' | 'id_is_foreign_permanent_residence' | `id_${Gb11643Issue}`;
export type IdCardInfo = Gb11643Number;

/**
 * The province-level codes of GB/T 2260 that resident ID numbers start with: 11–15 (华北), 21–23
 * (东北), 31–37 (华东), 41–46 (中南), 50–54 (西南), 61–65 (西北). 71 (台湾) and 81/82 (香港、澳门) are
 * areas of GB/T 2260 but no 居民身份证 carries them.
 */
export const PROVINCE_CODES: readonly string[] = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'];

/** Validates a resident ID number as pasted or typed; `today` is 'YYYY-MM-DD'. */
export function validateIdCard(raw: string, today: string): Check<IdCardInfo, IdCardCode> {
  assertToday(today);
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('id_empty', 'ID number is empty');
  if (/^\d{15}$/.test(number)) {
    return invalid('id_old_format', '15-digit IDs were replaced; ask for the 18-digit number');
  }
  // Numbers of the same structure that belong to other documents: say which, rather than "wrong area".
  const shaped = /^\d{17}[\dX]$/.test(number);
  if (shaped && /^8[123]/.test(number)) {
    return invalid('id_is_hmt_residence_permit', `a number starting ${number.slice(0, 2)} is a 港澳台居民居住证 (residence permit for Hong Kong, Macao and Taiwan residents), not a resident ID card: choose that document type`, { position: 1 });
  }
  if (shaped && number.startsWith('9')) {
    return invalid('id_is_foreign_permanent_residence', 'a number starting 9 is a 外国人永久居留身份证 (2023 foreign permanent residence card), not a resident ID card: choose that document type', { position: 1 });
  }
  return checkGb11643(number, today, {
    prefix: 'id',
    label: 'ID number',
    areaCode: (first6) => (PROVINCE_CODES.includes(first6.slice(0, 2)) ? null : 'must start with a province code (11–65)'),
  });
}
