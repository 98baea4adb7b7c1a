import { invalid, valid } from './check.js';
import type { Check } from './check.js';

/**
 * Free text that is printed on official notices (names, addresses). Every Unicode character is
 * kept exactly as given: no NFC/NFKC normalisation (NFC maps the CJK compatibility ideographs
 * U+F900–U+FAFF to other code points, which would change a rare character in a name), no
 * full-width folding, no collapsing of inner spaces. Only the ends are trimmed.
 *
 * Refused, each for a stated reason:
 * - control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F, so also tab and
 *   newline), the line/paragraph separators U+2028/U+2029, and the bidirectional embedding,
 *   override and isolate controls U+202A–U+202E, U+2066–U+2069: they are invisible on screen but
 *   break the printed line or reorder what is displayed (a "Trojan Source" spoof of a name);
 * - lone UTF-16 surrogates: not characters at all; SQLite and the PDF writer would replace them
 *   with U+FFFD, so what is stored would differ from what was typed.
 * Markup and SQL (`<script>`, `'; DROP TABLE`) are ordinary text here; escaping belongs to the
 * renderer and the store's parameter binding, not to validation.
 */

export type TextIssue = 'empty' | 'too_long' | 'invalid_unicode' | 'control_chars';

const CONTROL = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** With the `u` flag a surrogate only matches when it is unpaired. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Trimmed from the ends in addition to what String.prototype.trim removes. */
const EDGE_INVISIBLES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/** Length in Unicode code points: 𠮷 (U+20BB7, two UTF-16 units) counts as one. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

/** 1-based position in code points of the code unit at `index`. */
function codePointPosition(s: string, index: number): number {
  return codePointLength(s.slice(0, index)) + 1;
}

export interface TextRules<P extends string> {
  prefix: P;
  label: string;
  maxCodePoints: number;
  /** When true an empty (after trimming) text is valid and returned as ''. */
  optional?: boolean;
}

export function checkText<P extends string>(raw: string, rules: TextRules<P>): Check<string, `${P}_${TextIssue}`> {
  const { prefix, label, maxCodePoints } = rules;
  const text = raw.replace(EDGE_INVISIBLES, '');
  if (text === '') {
    return rules.optional === true ? valid('') : invalid(`${prefix}_empty`, `${label} is empty`);
  }
  const length = codePointLength(text);
  if (length > maxCodePoints) {
    return invalid(`${prefix}_too_long`, `${label} has ${length} characters; at most ${maxCodePoints} are allowed`);
  }
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) {
    const position = codePointPosition(text, lone.index);
    return invalid(`${prefix}_invalid_unicode`, `${label} has a broken character (lone surrogate) at position ${position}`, {
      position,
    });
  }
  const control = CONTROL.exec(text);
  if (control !== null) {
    const position = codePointPosition(text, control.index);
    const hex = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return invalid(`${prefix}_control_chars`, `${label} has an invisible control character U+${hex} at position ${position}`, {
      position,
    });
  }
  return valid(text);
}

/**
 * What no store may hold as text: U+0000 (PostgreSQL's text and jsonb refuse it, and the central
 * service would fail on the whole batch) and lone surrogates (not characters; SQLite and the PDF
 * writer would turn them into U+FFFD). Every free text, not only names and addresses, is checked for
 * these at the counter (main/handlers/dispatch.ts) and again at the centre (sync/server/push.ts).
 */
const NUL = String.fromCharCode(0);

/** The 0-based index of the first character no store may hold, or -1. */
export function unstorableAt(s: string): number {
  const nul = s.indexOf(NUL);
  const lone = LONE_SURROGATE.exec(s)?.index ?? -1;
  return nul < 0 ? lone : lone < 0 ? nul : Math.min(nul, lone);
}

/** The dotted path of the first string within `value` (object keys included) that holds such a character, or null. */
export function findUnstorableText(value: unknown, maxDepth = 64): string | null {
  const walk = (v: unknown, path: string, depth: number): string | null => {
    if (typeof v === 'string') return unstorableAt(v) >= 0 ? path : null;
    if (v === null || typeof v !== 'object' || depth > maxDepth) return null;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i += 1) {
        const hit = walk(v[i], path ? `${path}.${i}` : String(i), depth + 1);
        if (hit !== null) return hit;
      }
      return null;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const at = path ? `${path}.${k}` : k;
      if (unstorableAt(k) >= 0) return at;
      const hit = walk(child, at, depth + 1);
      if (hit !== null) return hit;
    }
    return null;
  };
  return walk(value, '', 0);
}

/** `s` with each character no store may hold replaced by U+FFFD (for keeping a refused command's record). */
export function storableCopy(s: string): string {
  return s.replaceAll(NUL, '\uFFFD').replace(/\p{Cs}/gu, '\uFFFD');
}
