/**
 * Normalisation of pasted input, before any format check.
 *
 * Counter staff type numbers with a Chinese IME on, or paste them from Word, a web page or a scanned
 * form, so the same number arrives as `１１０１０５…`, `110105 1949…`, `G-1234-5678` or with a
 * trailing full-width space. Full-width digits and letters (０-９ Ａ-Ｚ ａ-ｚ) are NORMALISED to ASCII,
 * not rejected: they are the same characters typed in the IME's full-width mode, and rejecting
 * them would only make staff retype what they see correctly on the screen.
 *
 * Names are never passed through here: a name keeps every character it was given (see names.ts).
 */

/** Full-width forms that have an ASCII twin we care about: digits, letters, + - ( ). */
const FULL_WIDTH = /[\uFF08\uFF09\uFF0B\uFF0D\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
/** U+FF01..U+FF5E map to U+0021..U+007E by this offset. */
const FULL_WIDTH_OFFSET = 0xfee0;

/** Whitespace of every kind (incl. NBSP and the ideographic space U+3000) and zero-width characters. */
const SPACES = /[\s\u200B-\u200D\u2060\uFEFF]/g;
/** Hyphen-minus and the dashes a word processor or IME substitutes for it. */
const HYPHENS = /[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Full-width digits, letters, `+`, `-`, `(`, `)` to ASCII, and U+3000 to a plain space. */
export function toHalfWidth(s: string): string {
  return s
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');
}

/** Removes every space, zero-width character and hyphen/dash, wherever it is. */
export function removeSeparators(s: string): string {
  return s.replace(SPACES, '').replace(HYPHENS, '');
}

/**
 * ASCII a-z to A-Z only. `String.prototype.toUpperCase` would also turn `ı` (dotless i) into `I` and
 * `ſ` (long s) into `S`, making a wrong character look right; those must stay wrong.
 */
export function upperAscii(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
}

/**
 * The canonical form of an ID document number or a credit code: trimmed, full-width to ASCII,
 * inner spaces and hyphens removed (none of these formats contains either), letters uppercased
 * (so a lowercase ID check character `x` becomes `X`). Characters that do not belong are left in
 * place for the format check to name.
 */
export function normalizeDocumentNumber(raw: string): string {
  return upperAscii(removeSeparators(toHalfWidth(raw.trim())));
}
