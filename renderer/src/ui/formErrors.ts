import type { AppError } from '../../../core/result.js';

/** Error texts by dotted field path (`applicant.idNumber`, `materials.2`); '' holds the form-wide one. */
export type FieldErrors = Readonly<Record<string, string>>;

/**
 * Files a handler error under its field when the form shows that field, else under '' (shown at
 * the top of the form), so nothing the server says is ever dropped.
 */
export function fileError(error: AppError, text: string, shown: (field: string) => boolean): FieldErrors {
  const field = error.field ?? '';
  return { [field !== '' && shown(field) ? field : '']: text };
}
