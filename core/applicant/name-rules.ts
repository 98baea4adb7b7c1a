import { invalid, valid } from './check.js';
import type { Check } from './check.js';
import type { IdDocType } from './documents.js';

/**
 * What a person's name may hold, by the document it is read from (issue 13): the name is printed on
 * official notices, so "张3", "A" or "<script>…" must be refused at the counter with a reason, not
 * stored and escaped. names.ts checks what every name must pass (length, invisible characters);
 * this adds the document's rule on top, for a name that passed those.
 *
 * - A resident ID card (居民身份证) spells the name in Chinese characters, with the middle dot of
 *   minority names (阿依古丽·买买提): U+00B7 and the look-alikes U+2022, U+30FB, U+2027 the cards
 *   and keyboards produce (kept as typed; names.ts says why they are not unified).
 * - A foreign passport or permanent residence card: letters of any script with their marks, spaces,
 *   hyphens, apostrophes, full stops and the middle dot (JEAN-LUC O'NEILL, María José).
 * - The other documents (Chinese passport, Hong Kong, Macao and Taiwan permits): Chinese or Latin
 *   names, so only digits and markup are refused.
 * Digits and markup are named as such, since those are what a clerk fixes.
 */
export type NameRuleCode = 'name_digits' | 'name_markup' | 'name_not_chinese' | 'name_foreign_chars';

const DIGIT = /\p{Nd}/u;
const MARKUP = /[<>&"{}[\]\\/=`|]/u;
const MIDDLE_DOTS = '\u00B7\u2022\u30FB\u2027';
const CHINESE_NAME = new RegExp(`^[\\p{Script=Han}${MIDDLE_DOTS}]+$`, 'u');
const FOREIGN_NAME = new RegExp(`^[\\p{L}\\p{M} \\-'.${MIDDLE_DOTS}]+$`, 'u');
const FOREIGN_DOCS: ReadonlySet<IdDocType> = new Set<IdDocType>(['passport_foreign', 'foreign_permanent_residence']);

/** 1-based position, in code points, of the first character of `name` that `bad` matches. */
function positionOf(name: string, bad: (ch: string) => boolean): number {
  let i = 0;
  for (const ch of name) {
    i += 1;
    if (bad(ch)) return i;
  }
  return i;
}

export function checkNameForDocument(idType: IdDocType, name: string): Check<string, NameRuleCode> {
  const digit = DIGIT.exec(name);
  if (digit) return invalid('name_digits', 'the name has a digit', { position: positionOf(name, (c) => DIGIT.test(c)) });
  const markup = MARKUP.exec(name);
  if (markup) return invalid('name_markup', 'the name has a markup character', { position: positionOf(name, (c) => MARKUP.test(c)) });
  if (idType === 'resident_id' && !CHINESE_NAME.test(name)) {
    return invalid('name_not_chinese', 'a resident ID holder’s name is in Chinese characters', { position: positionOf(name, (c) => !CHINESE_NAME.test(c)) });
  }
  if (FOREIGN_DOCS.has(idType) && !FOREIGN_NAME.test(name)) {
    return invalid('name_foreign_chars', 'a foreign name holds letters, spaces, hyphens and the middle dot', { position: positionOf(name, (c) => !FOREIGN_NAME.test(c)) });
  }
  return valid(name);
}
