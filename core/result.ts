/**
 * The one result shape every handler returns, whichever door it is called through.
 * Error codes are stable strings the renderer translates; messages are for logs and developers.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_handler'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when the error is about one field. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown by domain code for an expected refusal; handlers turn it into `{ok:false}`. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string): Result<never> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
