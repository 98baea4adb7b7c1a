import { normalizeDocumentNumber } from '../../core/applicant/index.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import { submitIntake } from '../cases/intake.js';
import { caseDetail, findCases, listCases, withProvisional, type CaseSummary } from '../cases/queries.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

/** Marks due dates that rest on a provisional holiday year, by the calendar the terminal holds now. */
const provisional = <S extends CaseSummary>(ctx: HandlerContext, s: S): S => withProvisional(s, ctx.catalog?.calendar ?? null);

export const caseHandlers = {
  'cases.accept': async (input, ctx) => provisional(ctx, await submitIntake(ctx, { outcome: 'accepted', input })),
  'cases.requestCorrection': async (input, ctx) => provisional(ctx, await submitIntake(ctx, { outcome: 'correction', input })),
  'cases.reject': async (input, ctx) => provisional(ctx, await submitIntake(ctx, { outcome: 'rejected', input })),
  'cases.complete': async (input, ctx) => provisional(ctx, await submitIntake(ctx, { outcome: 'completed', input })),
  'cases.list': ({ day, query, outcome }, ctx) => listCases(ctx.store.db, day ?? businessDay(ctx.clock.nowIso()), query, outcome).map((s) => provisional(ctx, s)),
  'cases.find': ({ query }, ctx) => findCases(ctx.store.db, query).map((s) => provisional(ctx, s)),
  'cases.get': ({ caseNo }, ctx) => {
    const detail = caseDetail(ctx.store.db, caseNo.trim().toUpperCase());
    if (!detail) throw new DomainError('not_found', `case_unknown: no case ${caseNo}`, 'caseNo', 'case_unknown');
    return provisional(ctx, detail);
  },
  'applicants.find': ({ idNumber }, ctx) => {
    const row = ctx.store.db
      .prepare('SELECT data FROM applicants WHERE id_number = ? ORDER BY updated_at DESC LIMIT 1')
      .get(normalizeDocumentNumber(idNumber)) as { data: string } | undefined;
    return { applicant: row ? (JSON.parse(row.data) as Record<string, unknown>) : null };
  },
} satisfies Partial<HandlerImpls>;
