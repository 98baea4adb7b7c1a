import { useCallback, useReducer, useRef } from 'react';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { today } from '../../ui/today.js';
import { applicantIssues, buildApplicant, isLiveReason, supervisorPasswordOf } from './applicantForm.js';
import { initialIntake, intakeReducer, type IntakeAction, type IntakeState } from './intakeReducer.js';
import { buildMarks, markIssues, outcomeIssues } from './rules.js';
import type { Hit, Issue, Issues, Step } from './types.js';

/** Outcome complaints about one material: fixed by another outcome as often as by another mark. */
const OUTCOME_REASONS = new Set(['required_material_missing', 'key_material_missing', 'material_needs_correction']);

/** Which step shows a field the server complained about (its path as in the intake input). */
export function stepOfField(field: string, reason?: string): Step {
  if (field.startsWith('applicant.') || field === 'applicant' || field === 'supervisorPassword') return 'applicant';
  if (/^materials\.\d+$/.test(field)) return reason !== undefined && OUTCOME_REASONS.has(reason) ? 'outcome' : 'materials';
  if (/^materials\.\d+\./.test(field)) return 'materials';
  if (field === 'materials' || field === 'gaps' || field.startsWith('gaps.') || ['deadline', 'reasonType', 'reason', 'competentAuthority'].includes(field)) return 'outcome';
  if (field === 'target' || field.startsWith('target.')) return 'item';
  // Scanned pages (assigned to a material not on the checklist…): fixed in the scan panel beside the checklist.
  if (field === 'scans') return 'materials';
  return 'summary';
}

export interface Intake {
  state: IntakeState;
  dispatch: (a: IntakeAction) => void;
  /** The client-side problems of a step, whether shown yet or not. */
  issuesOf: (step: Step) => Issues;
  /** The problem to show next to a field now, if any: the server's first, else the client's when due. */
  shownIssue: (step: Step, path: string) => Issue | AppError | null;
  choose: (hit: Hit) => Promise<AppError | null>;
  /** Goes on to the next step when this one is complete; false (and every error shown) when not. */
  next: () => boolean;
  back: () => void;
  submit: () => Promise<void>;
  reset: () => void;
}

const PREVIOUS: Partial<Record<Step, Step>> = { applicant: 'item', materials: 'applicant', outcome: 'materials', summary: 'outcome' };
const FOLLOWING: Partial<Record<Step, Step>> = { applicant: 'materials', materials: 'outcome', outcome: 'summary' };

export function useIntake(): Intake {
  const transport = useTransport();
  const [state, dispatch] = useReducer(intakeReducer, undefined, () => initialIntake(crypto.randomUUID(), today()));
  // A second Enter can arrive before React re-renders with `sending`; this ref stops it at once.
  const sendingRef = useRef(false);

  const issuesOf = useCallback(
    (step: Step): Issues => {
      if (step === 'applicant') return applicantIssues(state.applicant, today());
      if (step === 'materials') return markIssues(state.marks);
      if (step === 'outcome' && state.checklist) return outcomeIssues(state.checklist, state.marks, state.outcome, today());
      return {};
    },
    [state.applicant, state.marks, state.outcome, state.checklist],
  );

  const shownIssue = useCallback(
    (step: Step, path: string): Issue | AppError | null => {
      const server = state.server[path];
      if (server) return server;
      const issue = issuesOf(step)[path];
      if (!issue) return null;
      return state.attempted.includes(step) || state.touched.includes(path) || isLiveReason(issue.reason) ? issue : null;
    },
    [state.server, state.attempted, state.touched, issuesOf],
  );

  const choose = useCallback(
    async (hit: Hit): Promise<AppError | null> => {
      const target = hit.kind === 'bundle' ? { bundleCode: hit.code } : { itemCodes: [hit.code] };
      const r = await transport.invoke('catalog.checklist', { target });
      if (!r.ok) return r.error;
      dispatch({ type: 'choose', target: hit, checklist: r.value, today: today() });
      return null;
    },
    [transport],
  );

  const next = useCallback((): boolean => {
    const following = FOLLOWING[state.step];
    if (!following) return false;
    if (Object.keys(issuesOf(state.step)).length > 0) {
      dispatch({ type: 'attempt', step: state.step });
      return false;
    }
    dispatch({ type: 'goto', step: following });
    return true;
  }, [state.step, issuesOf]);

  const back = useCallback(() => {
    const previous = PREVIOUS[state.step];
    if (previous) dispatch({ type: 'goto', step: previous });
  }, [state.step]);

  const submit = useCallback(async (): Promise<void> => {
    const { checklist, outcome, intakeId } = state;
    if (sendingRef.current || !checklist || state.step !== 'summary') return;
    for (const step of ['applicant', 'materials', 'outcome'] as const) {
      if (Object.keys(issuesOf(step)).length > 0) {
        dispatch({ type: 'attempt', step });
        dispatch({ type: 'goto', step });
        return;
      }
    }
    sendingRef.current = true;
    dispatch({ type: 'sending' });
    const base = {
      intakeId,
      applicant: buildApplicant(state.applicant),
      target: checklist.bundleCode ? { bundleCode: checklist.bundleCode } : { itemCodes: checklist.itemCodes },
      materials: buildMarks(checklist, state.marks),
      ...(supervisorPasswordOf(state.applicant) !== undefined ? { supervisorPassword: supervisorPasswordOf(state.applicant) } : {}),
    };
    const r = await (() => {
      switch (outcome.choice) {
        case 'accept':
          return transport.invoke('cases.accept', base);
        case 'gaps':
          return transport.invoke('cases.accept', { ...base, gaps: { promisedDate: outcome.promisedDate.trim(), commitmentSigned: true } });
        case 'correction':
          return transport.invoke('cases.requestCorrection', { ...base, deadline: outcome.deadline.trim() });
        case 'reject':
          return transport.invoke('cases.reject', {
            ...base,
            reasonType: outcome.reasonType,
            ...(outcome.reason.trim() !== '' ? { reason: outcome.reason.trim() } : {}),
            ...(outcome.competentAuthority.trim() !== '' && outcome.reasonType !== 'no_licence_needed' ? { competentAuthority: outcome.competentAuthority.trim() } : {}),
          });
        case 'complete':
          return transport.invoke('cases.complete', base);
      }
    })();
    sendingRef.current = false;
    if (r.ok) return dispatch({ type: 'done', result: r.value });
    const field = r.error.field ?? '';
    const step = stepOfField(field, r.error.reason);
    dispatch({ type: 'refused', error: r.error, step, field: step === 'summary' ? '' : field });
  }, [state, issuesOf, transport]);

  const reset = useCallback(() => {
    dispatch({ type: 'reset', intakeId: crypto.randomUUID(), today: today() });
  }, []);

  return { state, dispatch, issuesOf, shownIssue, choose, next, back, submit, reset };
}
