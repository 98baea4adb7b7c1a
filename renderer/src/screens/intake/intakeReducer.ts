import type { AppError } from '../../../../core/result.js';
import { emptyApplicantForm, prefill, type ApplicantForm, type ApplicantKind } from './applicantForm.js';
import { withAgentMaterial } from '../../../../core/intake/agent.js';
import { defaultMarks, defaultOutcome } from './rules.js';
import type { CaseSummary, Checklist, Hit, MarkForm, OutcomeForm, Step } from './types.js';

/** Everything one intake holds, from the first keystroke to the case number. */
export interface IntakeState {
  /** Made when the intake starts; the server refuses a second case with the same id. */
  intakeId: string;
  step: Step;
  target: Hit | null;
  /** The checklist the server gave for the target; `checklist` adds the 授权委托书 when there is an agent. */
  baseChecklist: Checklist | null;
  checklist: Checklist | null;
  applicant: ApplicantForm;
  /** Fields the clerk has left at least once: their "too short"/"empty" errors may show. */
  touched: readonly string[];
  /** Steps where the clerk tried to go on: every error of the step shows. */
  attempted: readonly Step[];
  /** Fields just filled in from a returning applicant's record. */
  prefilled: readonly string[];
  marks: MarkForm[];
  outcome: OutcomeForm;
  /** What the server refused, by field path ('' when it names none). */
  server: Readonly<Record<string, AppError>>;
  sending: boolean;
  result: CaseSummary | null;
  /** Bumped when a step is refused: the screen then puts the focus on the first field in error. */
  focusInvalid: number;
}

export type IntakeAction =
  | { type: 'choose'; target: Hit; checklist: Checklist; today: string }
  | { type: 'kind'; kind: ApplicantKind }
  | { type: 'value'; path: string; value: string }
  | { type: 'flag'; flag: 'hasAgent' | 'powerOfAttorney' | 'override'; value: boolean }
  | { type: 'touch'; path: string }
  | { type: 'prefill'; stored: Record<string, unknown> }
  | { type: 'mark'; index: number; patch: Partial<MarkForm> }
  | { type: 'outcome'; patch: Partial<OutcomeForm> }
  | { type: 'goto'; step: Step }
  | { type: 'attempt'; step: Step }
  | { type: 'sending' }
  | { type: 'refused'; error: AppError; step: Step; field: string }
  | { type: 'done'; result: CaseSummary }
  | { type: 'reset'; intakeId: string; today: string };

export function initialIntake(intakeId: string, today: string): IntakeState {
  return {
    intakeId,
    step: 'item',
    target: null,
    baseChecklist: null,
    checklist: null,
    applicant: emptyApplicantForm(),
    touched: [],
    attempted: [],
    prefilled: [],
    marks: [],
    outcome: defaultOutcome(today),
    server: {},
    sending: false,
    result: null,
    focusInvalid: 0,
  };
}

/** Drops the server's complaint about a field once the clerk changes that field. */
function clearServer(server: IntakeState['server'], prefix: string): IntakeState['server'] {
  const next: Record<string, AppError> = {};
  for (const [k, v] of Object.entries(server)) if (k !== prefix && !k.startsWith(`${prefix}.`)) next[k] = v;
  return next;
}

const withValue = (form: ApplicantForm, path: string, value: string): ApplicantForm => ({
  ...form,
  values: { ...form.values, [form.kind]: { ...form.values[form.kind], [path]: value } },
});

/**
 * The checklist for the applicant as entered: with an agent the 授权委托书 is a required key
 * material (core/intake/agent.ts, the same rule the server applies). Marks follow their entries.
 */
function withApplicant(s: IntakeState): IntakeState {
  const base = s.baseChecklist;
  if (!base) return s;
  const entries = withAgentMaterial(base.entries, s.applicant.hasAgent, (b) => ({ ...b, exemptByCertificate: null }));
  const current = s.checklist?.entries ?? [];
  const same = entries.length === current.length && entries.every((e, i) => e.id === current[i]?.id && e.required === current[i]?.required);
  if (same) return s;
  const checklist = { ...base, entries };
  const byId = new Map(current.map((e, i) => [e.id, s.marks[i]]));
  const fresh = defaultMarks(checklist);
  return { ...s, checklist, marks: entries.map((e, i) => byId.get(e.id) ?? fresh[i] ?? { status: 'received', form: e.form, copies: String(e.copies), pages: '1', reason: '', problem: '' }) };
}

export function intakeReducer(s: IntakeState, a: IntakeAction): IntakeState {
  switch (a.type) {
    case 'choose':
      return withApplicant({ ...s, target: a.target, baseChecklist: a.checklist, checklist: a.checklist, marks: defaultMarks(a.checklist), outcome: defaultOutcome(a.today), step: 'applicant', server: {} });
    case 'kind':
      return { ...s, applicant: { ...s.applicant, kind: a.kind }, prefilled: [], server: clearServer(s.server, 'applicant') };
    case 'value':
      return { ...s, applicant: withValue(s.applicant, a.path, a.value), prefilled: s.prefilled.filter((p) => p !== a.path), server: clearServer(s.server, a.path) };
    case 'flag':
      return withApplicant({ ...s, applicant: { ...s.applicant, [a.flag]: a.value }, server: clearServer(clearServer(s.server, 'applicant.usccOverride'), 'supervisorPassword') });
    case 'touch':
      return s.touched.includes(a.path) ? s : { ...s, touched: [...s.touched, a.path] };
    case 'prefill': {
      const { form, filled } = prefill(s.applicant, a.stored);
      return filled.length === 0 ? s : withApplicant({ ...s, applicant: form, prefilled: filled });
    }
    case 'mark': {
      const marks = s.marks.map((m, i) => (i === a.index ? { ...m, ...a.patch } : m));
      // A changed mark can settle an outcome complaint about the materials, too.
      return { ...s, marks, server: clearServer(clearServer(s.server, `materials.${a.index}`), 'materials') };
    }
    case 'outcome': {
      let server = s.server;
      for (const k of Object.keys(a.patch)) server = clearServer(server, k === 'promisedDate' || k === 'commitmentSigned' ? 'gaps' : k);
      if (a.patch.choice !== undefined) server = {};
      return { ...s, outcome: { ...s.outcome, ...a.patch }, server };
    }
    case 'goto':
      return { ...s, step: a.step };
    case 'attempt':
      return { ...s, attempted: s.attempted.includes(a.step) ? s.attempted : [...s.attempted, a.step], focusInvalid: s.focusInvalid + 1 };
    case 'sending':
      return { ...s, sending: true, server: {} };
    case 'refused':
      return {
        ...s,
        sending: false,
        step: a.step,
        server: { [a.field]: a.error },
        attempted: s.attempted.includes(a.step) ? s.attempted : [...s.attempted, a.step],
        focusInvalid: s.focusInvalid + 1,
      };
    case 'done':
      return { ...s, sending: false, result: a.result, step: 'done' };
    case 'reset':
      return initialIntake(a.intakeId, a.today);
  }
}
