import { valid } from './check.js';
import type { Check } from './check.js';
import { checkText } from './text.js';
import type { TextIssue } from './text.js';

/**
 * Names of persons and organisations. A name is kept exactly as given apart from trimming: rare
 * characters outside GB2312 and outside the BMP (𠮷 U+20BB7, 䶮 U+4DAE), the middle dot of
 * minority and foreign names (阿依古丽·买买提, U+00B7, and the look-alikes U+2022 U+30FB are NOT
 * unified: the ID card spells it one way and the notice must match), Latin, Cyrillic, Arabic…
 * The length limit counts code points, so a rare character counts once. Refusals are those of
 * text.ts (control characters, broken surrogates). Person and organisation names share the
 * `name_*` codes; the field path tells them apart.
 */

export const PERSON_NAME_MAX = 100;
export const ORG_NAME_MAX = 200;

export type NameCode = `name_${TextIssue}`;

export interface NameInfo {
  /** The trimmed name, every other character intact. */
  name: string;
}

export function validatePersonName(raw: string): Check<NameInfo, NameCode> {
  const r = checkText(raw, { prefix: 'name', label: 'name', maxCodePoints: PERSON_NAME_MAX });
  return r.ok ? valid({ name: r.value }) : r;
}

export function validateOrgName(raw: string): Check<NameInfo, NameCode> {
  const r = checkText(raw, { prefix: 'name', label: 'organisation name', maxCodePoints: ORG_NAME_MAX });
  return r.ok ? valid({ name: r.value }) : r;
}
