import { normalizeDocumentNumber } from '../../core/applicant/index.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import { submitIntake } from '../cases/intake.js';
import { caseDetail, findCases, listCases } from '../cases/queries.js';
import type { HandlerImpls } from './table.js';

export const caseHandlers = {
  'cases.accept': (input, ctx) => submitIntake(ctx, { outcome: 'accepted', input }),
  'cases.requestCorrection': (input, ctx) => submitIntake(ctx, { outcome: 'correction', input }),
  'cases.reject': (input, ctx) => submitIntake(ctx, { outcome: 'rejected', input }),
  'cases.complete': (input, ctx) => submitIntake(ctx, { outcome: 'completed', input }),
  'cases.list': ({ day, query, outcome }, ctx) => listCases(ctx.store.db, day ?? businessDay(ctx.clock.nowIso()), query, outcome),
  'cases.find': ({ query }, ctx) => findCases(ctx.store.db, query),
  'cases.get': ({ caseNo }, ctx) => {
    const detail = caseDetail(ctx.store.db, caseNo.trim().toUpperCase());
    if (!detail) throw new DomainError('not_found', `no case ${caseNo}`, 'caseNo', 'case_unknown');
    return detail;
  },
  'applicants.find': ({ idNumber }, ctx) => {
    const row = ctx.store.db
      .prepare('SELECT data FROM applicants WHERE id_number = ? ORDER BY updated_at DESC LIMIT 1')
      .get(normalizeDocumentNumber(idNumber)) as { data: string } | undefined;
    return { applicant: row ? (JSON.parse(row.data) as Record<string, unknown>) : null };
  },
} satisfies Partial<HandlerImpls>;
