import { charAt, invalid, valid } from './check.js';
import type { Check } from './check.js';
import { normalizeDocumentNumber } from './normalize.js';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from the 31-character
 * alphabet `0123456789ABCDEFGHJKLMNPQRTUWXY` (values 0..30 in that order; the letters I O S V Z are
 * never used because they read like 1 0 5 U 2).
 *
 *   position 1      registration authority        position 3-8   administrative division code
 *   position 2      kind of organisation          position 9-17  organisation code (GB 11714)
 *   position 18     check character: C = 31 − (Σ value_i × W_i mod 31), with 31 → 0, and
 *                   W = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 (3^(i-1) mod 31)
 *
 * Example: 91350100M000100Y43. Only the alphabet, the length and the check character are enforced
 * (not the meaning of positions 1-8, nor the GB 11714 check inside positions 9-17): codes issued in
 * the field are known to break even the check character, which is why `uscc_checksum` is the one
 * failure marked `overridable` (a supervisor may accept it with a journaled reason).
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The letters GB 32100 leaves out, and what each is usually a mistyping of. */
const FORBIDDEN: Readonly<Record<string, string>> = { I: '1', O: '0', S: '5', V: 'U', Z: '2' };

export type UsccCode = 'uscc_empty' | 'uscc_length' | 'uscc_chars' | 'uscc_checksum';

export interface UsccInfo {
  number: string;
}

/**
 * The check character for the first 17 characters of a credit code.
 * @throws RangeError unless `first17` is 17 characters of the alphabet (uppercase).
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`usccCheckChar needs 17 characters, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) {
      throw new RangeError(`usccCheckChar: ${JSON.stringify(first17.charAt(i))} is not in the credit-code alphabet`);
    }
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  const check = 31 - (sum % 31);
  return USCC_ALPHABET.charAt(check === 31 ? 0 : check);
}

/** Validates a unified social credit code as pasted or typed. */
export function validateUscc(raw: string): Check<UsccInfo, UsccCode> {
  const number = normalizeDocumentNumber(raw);
  if (number === '') return invalid('uscc_empty', 'credit code is empty');
  if (number.length !== 18) {
    return invalid('uscc_length', `credit code must have 18 characters, got ${number.length}`);
  }
  for (let i = 0; i < 18; i += 1) {
    const c = number.charAt(i);
    if (USCC_ALPHABET.includes(c)) continue;
    const suggestion = FORBIDDEN[c];
    const reason =
      suggestion === undefined
        ? `is not allowed (only digits and the letters ${USCC_ALPHABET.slice(10)})`
        : `is never used in credit codes (I, O, S, V and Z are excluded; did you mean ${suggestion}?)`;
    return invalid('uscc_chars', `credit code: character "${charAt(number, i)}" at position ${i + 1} ${reason}`, {
      position: i + 1,
    });
  }
  if (usccCheckChar(number.slice(0, 17)) !== number.charAt(17)) {
    return invalid('uscc_checksum', `credit code: check character ${number.charAt(17)} does not match the other 17 characters`, {
      overridable: true,
      position: 18,
    });
  }
  return valid({ number });
}
