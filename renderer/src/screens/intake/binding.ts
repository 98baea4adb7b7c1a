import type { AppError } from '../../../../core/result.js';
import { valueOf } from './applicantForm.js';
import type { Issue } from './types.js';
import type { Intake } from './useIntake.js';

/** What one applicant field needs from the intake: value, change, leave, and its problem as text. */
export interface Binding {
  value: string;
  onValue: (value: string) => void;
  onBlur: () => void;
  error: string | null;
  testId: string;
}

export type Bind = (path: string) => Binding;

/** `applicant.legalRep.idNumber` → `applicant-legalRep-idNumber`: test ids follow the server's field paths. */
export const testIdOf = (path: string): string => path.replaceAll('.', '-');

export function makeBind(intake: Intake, text: (p: Issue | AppError | null, field?: string) => string | null): Bind {
  return (path) => ({
    value: valueOf(intake.state.applicant, path),
    onValue: (value) => intake.dispatch({ type: 'value', path, value }),
    onBlur: () => intake.dispatch({ type: 'touch', path }),
    error: text(intake.shownIssue('applicant', path), path),
    testId: testIdOf(path),
  });
}
