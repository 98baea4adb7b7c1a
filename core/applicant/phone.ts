import { charAt, invalid, valid } from './check.js';
import type { Check } from './check.js';
import { removeSeparators, toHalfWidth } from './normalize.js';

/**
 * Contact phone numbers, after full-width folding and removal of spaces, hyphens and parentheses:
 *
 * - mobile (mainland): 11 digits, `1[3-9]` + 9 digits → stored as `13812345678`;
 * - landline (mainland) with its area code: `010` or `02x` (3 digits) or `0` + 3 digits (4 digits,
 *   e.g. 0755), then a 7- or 8-digit local number not starting with 0 → stored as `021-12345678`.
 *   Because the area code's length follows from its second digit, `02112345678` and
 *   `(021) 1234 5678` are read the same way. A local number without its area code is refused;
 *   extensions and 400/800 service numbers are not accepted;
 * - international: `+` (or `00`) and the country code, 6 to 15 digits in all (ITU-T E.164) →
 *   stored as `+85212345678`. Hong Kong (+852) and Macao (+853) numbers have exactly 8 digits,
 *   Taiwan (+886) 8 or 9 (a trunk 0 written after +886 is dropped). +86 numbers are read as
 *   mainland numbers and stored in mainland form.
 */

export type PhoneKind = 'mobile' | 'landline' | 'international';
export type PhoneCode = 'phone_empty' | 'phone_chars' | 'phone_format';

export interface PhoneInfo {
  number: string;
  kind: PhoneKind;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))([1-9]\d{6,7})$/;

function mainland(digits: string): PhoneInfo | null {
  if (MOBILE.test(digits)) return { number: digits, kind: 'mobile' };
  const m = LANDLINE.exec(digits);
  if (m !== null) return { number: `${m[1]}-${m[2]}`, kind: 'landline' };
  return null;
}

function international(digits: string): PhoneInfo | string {
  if (digits.startsWith('86')) {
    const national = digits.slice(2);
    const found = mainland(national) ?? (national.startsWith('0') ? null : mainland(`0${national}`));
    return found ?? '+86 must be followed by a mainland mobile number or an area code and landline number';
  }
  if (digits.startsWith('852') || digits.startsWith('853')) {
    return /^85[23]\d{8}$/.test(digits)
      ? { number: `+${digits}`, kind: 'international' }
      : `+${digits.slice(0, 3)} numbers have 8 digits after the country code`;
  }
  if (digits.startsWith('886')) {
    const national = digits.slice(3).replace(/^0/, '');
    return /^\d{8,9}$/.test(national)
      ? { number: `+886${national}`, kind: 'international' }
      : '+886 numbers have 8 or 9 digits after the country code';
  }
  if (digits.startsWith('0')) return 'a country code does not start with 0';
  if (digits.length < 6 || digits.length > 15) {
    return `an international number has 6 to 15 digits after +, got ${digits.length}`;
  }
  return { number: `+${digits}`, kind: 'international' };
}

export function validatePhone(raw: string): Check<PhoneInfo, PhoneCode> {
  const s = removeSeparators(toHalfWidth(raw.trim())).replace(/[()]/g, '');
  if (s === '') return invalid('phone_empty', 'phone number is empty');
  const bad = /[^0-9+]|(?!^)\+/.exec(s);
  if (bad !== null) {
    return invalid('phone_chars', `phone number: character "${charAt(s, bad.index)}" at position ${bad.index + 1} is not allowed`, {
      position: bad.index + 1,
    });
  }
  if (s.startsWith('+') || s.startsWith('00')) {
    const r = international(s.startsWith('+') ? s.slice(1) : s.slice(2));
    return typeof r === 'string' ? invalid('phone_format', r) : valid(r);
  }
  const found = mainland(s);
  if (found !== null) return valid(found);
  let hint = 'expected an 11-digit mobile number, a landline with its area code (021-12345678) or +country code';
  if (/^1\d{10}$/.test(s)) hint = 'mainland mobile numbers start with 13 to 19';
  else if (/^[1-9]\d{6,7}$/.test(s)) hint = 'a landline number needs its area code, e.g. 021-12345678';
  return invalid('phone_format', `phone number ${s}: ${hint}`);
}
