import { randomUUID } from 'node:crypto';
import type { HandlerInput, HandlerName, HandlerResult } from '../../core/api/contract.js';
import type { Result } from '../../core/result.js';
import type { AppOptions } from '../../main/app-context.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { dispatch } from '../../main/handlers/dispatch.js';
import { testApp } from './app.js';

export const ADMIN = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
export const CLERK = { login: 'wang', displayName: '王𠮷', role: 'clerk' as const, password: 'clerk-pass-1' };
export const SUPERVISOR = { login: 'li', displayName: '李䶮', role: 'supervisor' as const, password: 'super-pass-1' };
export const VALID_ID = '11010519491231002X';
export const VALID_USCC = '91350100M000100Y43';
/** 居住证首次申领: 承诺件, 10 working days; housing_proof is required but not key. */
export const RESIDENCE_PERMIT = '310101-SH-JM-004';
/** 居住登记: 即办件. */
export const RESIDENCE_REGISTRATION = '310101-SH-JM-003';

export type Call = <N extends HandlerName>(name: N, input: HandlerInput<N>) => Promise<Result<HandlerResult<N>>>;

export interface SignedIn {
  ctx: HandlerContext & { dataDir: string };
  call: Call;
}

/** A terminal set up through `setup.init` with the sample catalog, a clerk and a supervisor, the clerk signed in. */
export async function signedInTerminal(opts: Partial<AppOptions> = {}): Promise<SignedIn> {
  const ctx = testApp({ defaults: {}, ...opts });
  const call: Call = (name, input) => dispatch(ctx, { door: 'host' }, name, input) as never;
  const must = async <N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<HandlerResult<N>> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  await must('setup.init', { terminalCode: 'T3101040007', windowNo: '12', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
  await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
  await must('staff.create', CLERK);
  await must('staff.create', SUPERVISOR);
  await must('auth.signIn', { login: CLERK.login, password: CLERK.password });
  return { ctx, call };
}

export type ApplicantArg = HandlerInput<'cases.accept'>['applicant'];

export function person(overrides: Record<string, unknown> = {}): ApplicantArg {
  return { kind: 'person', idType: 'resident_id', idNumber: VALID_ID, name: '王𠮷', phone: '13812345678', ...overrides };
}

/** Every checklist entry received (original, 1 copy, 2 pages) except those named in `except`; `agent`: the checklist with the 授权委托书. */
export async function receivedMarks(call: Call, target: HandlerInput<'catalog.checklist'>['target'], except: Record<string, 'missing' | 'to_correct'> = {}, agent = false) {
  const r = await call('catalog.checklist', { target, agent });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.entries.map((e) => {
    const status = except[e.id];
    if (status === 'missing') return { entryId: e.id, status: 'missing' as const };
    if (status === 'to_correct') return { entryId: e.id, status: 'to_correct' as const, problem: '复印件不清晰' };
    return { entryId: e.id, status: 'received' as const, form: e.form, copies: e.copies, pages: 2 };
  });
}

export async function acceptInput(call: Call, item = RESIDENCE_PERMIT, applicant: ApplicantArg = person()): Promise<HandlerInput<'cases.accept'>> {
  const target = { itemCodes: [item] };
  return { intakeId: randomUUID(), applicant, target, materials: await receivedMarks(call, target, {}, 'agent' in applicant && applicant.agent !== undefined) };
}

export function counts(ctx: HandlerContext): { cases: number; applicants: number; materials: number; outbox: number; audit: number; counters: number } {
  const n = (t: string): number => (ctx.store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { cases: n('cases'), applicants: n('applicants'), materials: n('case_materials'), outbox: n('outbox'), audit: n('audit_journal'), counters: n('case_counters') };
}
