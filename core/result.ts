import type { Reason } from './reasons.js';

export type { Reason } from './reasons.js';

/**
 * The one result shape every handler returns, whichever door it is called through.
 * Error codes are stable strings the renderer translates; messages are for logs and developers.
 */
export const ERROR_CODES = ['invalid_input', 'unknown_handler', 'not_found', 'conflict', 'forbidden', 'unauthenticated', 'locked', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when the error is about one field. */
  field?: string;
  /**
   * The precise domain reason under the stable code (`id_checksum`, `required_material_missing`, …);
   * the renderer shows its text, else the code's. The back end sends only core/reasons.ts's (DomainError
   * and `fail` take no other); the renderer adds its own for checks made before calling (`file_too_large`).
   */
  reason?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Thrown by domain code for an expected refusal; handlers turn it into `{ok:false}`. The message says
 * what happened for a log reader; it does not repeat the reason, which travels beside it.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly reason: Reason | undefined;

  constructor(code: ErrorCode, message: string, field?: string, reason?: Reason) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
    this.reason = reason;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string, reason?: Reason): Result<never> {
  const error: AppError = { code, message };
  if (field !== undefined) error.field = field;
  if (reason !== undefined) error.reason = reason;
  return { ok: false, error };
}
