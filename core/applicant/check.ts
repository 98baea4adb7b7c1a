import type { APPLICANT_REASONS } from '../reasons.js';
import { DomainError } from '../result.js';

/** Every code a validator of this folder can give (listed in core/reasons.ts, so each has its text). */
export type ApplicantReason = (typeof APPLICANT_REASONS)[number];

/**
 * The result of every applicant validator in this folder.
 *
 * `code` is a stable string the renderer translates (`id_checksum`, `uscc_chars`, …); `message` is
 * English for logs and developers. `overridable` is true only for a failure a supervisor may accept
 * with a reason (today: `uscc_checksum`); every format error is final. `position` is the 1-based
 * index of the offending character in the normalised input, when the error is about one character.
 */
export interface Valid<T> {
  ok: true;
  value: T;
}

export interface Invalid<C extends string> {
  ok: false;
  code: C;
  message: string;
  overridable: boolean;
  position?: number;
}

export type Check<T, C extends string> = Valid<T> | Invalid<C>;

export function valid<T>(value: T): Valid<T> {
  return { ok: true, value };
}

export function invalid<C extends string>(
  code: C,
  message: string,
  extra: { overridable?: boolean; position?: number } = {},
): Invalid<C> {
  const failure: Invalid<C> = { ok: false, code, message, overridable: extra.overridable ?? false };
  if (extra.position !== undefined) failure.position = extra.position;
  return failure;
}

/**
 * Turns a failed check into the DomainError handlers already map to `{ok:false}`: code
 * `invalid_input`, the validator's code as the reason, and the field path.
 */
export function toDomainError(failure: Invalid<ApplicantReason>, field?: string): DomainError {
  return new DomainError('invalid_input', failure.message, field, failure.code);
}

/** The character at a 0-based index, whole even when it is outside the BMP, for messages. */
export function charAt(s: string, index: number): string {
  const cp = s.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}
