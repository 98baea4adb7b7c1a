import { validateIdDocument, type IdDocType } from '../applicant/documents.js';
import { validatePersonName } from '../applicant/names.js';
import { normalizeDocumentNumber } from '../applicant/normalize.js';
import type { CounterReason } from '../reasons.js';
import { DomainError } from '../result.js';
import type { CollectorInput, CollectorOverride } from './schema.js';

/** The case's applicant as the intake stored it (core/applicant's output), read defensively. */
export interface CaseParty {
  kind: 'person' | 'organisation';
  name: string;
  /** The person's ID, or for an organisation its legal representative's (the one who may collect in person). */
  idType: string | null;
  idNumber: string | null;
}

export function caseParty(applicant: Record<string, unknown>): CaseParty {
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  if (applicant.kind === 'organisation') {
    const rep = (typeof applicant.legalRep === 'object' && applicant.legalRep !== null ? applicant.legalRep : {}) as Record<string, unknown>;
    return { kind: 'organisation', name: str(applicant.name) ?? '', idType: str(rep.idType), idNumber: str(rep.idNumber) };
  }
  return { kind: 'person', name: str(applicant.name) ?? '', idType: str(applicant.idType), idNumber: str(applicant.idNumber) };
}

export type Relation = 'self' | 'legalRep' | 'agent' | 'post';

/** Who took the result, as the delivery records it and the 领取回执 prints it. */
export interface CollectorPlan {
  relation: Relation;
  name: string;
  idType: IdDocType | null;
  idNumber: string | null;
  /** The ID entered was the case's (always true for an agent or the post: nothing to compare). */
  idMatches: boolean;
  /** Set when a supervisor let a collector whose ID did not match take the result. */
  override: CollectorOverride | null;
  post: { courier: string; trackingNo: string; address: string } | null;
}

const refuse = (reason: CounterReason, message: string, field: string): DomainError => new DomainError('invalid_input', message, field, reason);

function checkedId(idType: IdDocType, raw: string, today: string): string {
  const r = validateIdDocument(idType, raw, today);
  if (!r.ok) throw refuse(r.code, r.message, 'collector.idNumber');
  return r.value.number;
}

/**
 * Decides who may take the result. In person the ID must be the applicant's (an organisation's legal
 * representative); a mismatch is refused (`collector_id_mismatch`) unless a supervisor overrides with
 * a reason, which then is kept (and journaled by the caller). An agent brings their own valid ID and
 * the 授权委托书, scanned into the delivery (`powerOfAttorneyPages` > 0, else `power_of_attorney_missing`).
 * By post there is no one to check: the courier and tracking number are the record.
 */
export function planCollector(p: { party: CaseParty; collector: CollectorInput; override?: CollectorOverride | undefined; powerOfAttorneyPages: number; today: string }): CollectorPlan {
  const { party, collector } = p;
  switch (collector.kind) {
    case 'applicant': {
      const idNumber = checkedId(collector.idType, collector.idNumber, p.today);
      const matches = party.idType === collector.idType && party.idNumber !== null && normalizeDocumentNumber(party.idNumber) === idNumber;
      if (!matches && !p.override) {
        throw new DomainError('invalid_input', 'the ID is not the applicant’s; a supervisor may override with a reason', 'collector.idNumber', 'collector_id_mismatch');
      }
      return { relation: party.kind === 'organisation' ? 'legalRep' : 'self', name: party.name, idType: collector.idType, idNumber, idMatches: matches, override: matches ? null : (p.override ?? null), post: null };
    }
    case 'agent': {
      const name = validatePersonName(collector.name);
      if (!name.ok) throw refuse(name.code, name.message, 'collector.name');
      const idNumber = checkedId(collector.idType, collector.idNumber, p.today);
      if (p.powerOfAttorneyPages < 1) throw refuse('power_of_attorney_missing', 'scan the power of attorney (授权委托书) into this delivery first', 'powerOfAttorney');
      return { relation: 'agent', name: name.value.name, idType: collector.idType, idNumber, idMatches: true, override: null, post: null };
    }
    case 'post':
      return { relation: 'post', name: party.name, idType: null, idNumber: null, idMatches: true, override: null, post: { courier: collector.courier, trackingNo: collector.trackingNo.toUpperCase(), address: collector.address } };
  }
}

/** The back office's status as the window last pulled it, and what this window itself did. */
export interface DeliveryState {
  outcome: string;
  centralStatus: string | null;
  /** A delivery of this case is recorded in this store (here, or pulled from another window). */
  delivered: boolean;
}

/** A result can be handed over once the centre has marked it ready, and only once. */
export function checkReady(s: DeliveryState): void {
  if (s.delivered || s.centralStatus === 'delivered') throw new DomainError('conflict', 'the result of this case has been handed over', 'caseNo', 'already_delivered');
  if (s.outcome !== 'accepted' || s.centralStatus !== 'ready_for_delivery') {
    throw new DomainError('conflict', 'the back office has not marked this result ready for delivery', 'caseNo', 'case_not_ready');
  }
}

/** One thing to hand over: the result the back office listed, or an original the applicant lent at intake. */
export interface HandoverEntry {
  id: string;
  name: string;
  kind: 'result' | 'original';
}

export const RESULT_ENTRY = 'result';

export function handoverList(p: { resultDocument: { name: string } | null; resultFallback: string; materials: readonly { entryId: string; name: string; status: string; form: string | null }[] }): HandoverEntry[] {
  const originals = p.materials
    .filter((m) => m.status === 'received' && (m.form === 'original' || m.form === 'original_and_copy'))
    .map((m) => ({ id: `original:${m.entryId}`, name: m.name, kind: 'original' as const }));
  return [{ id: RESULT_ENTRY, name: p.resultDocument?.name ?? p.resultFallback, kind: 'result' }, ...originals];
}

/** What the clerk ticked: the result must be among it, and nothing that is not on the list. */
export function checkHandover(list: readonly HandoverEntry[], ticked: readonly string[]): HandoverEntry[] {
  const byId = new Map(list.map((e) => [e.id, e]));
  const unknown = ticked.find((id) => !byId.has(id));
  if (unknown !== undefined) throw refuse('handover_unknown', `"${unknown}" is not on this case's handover list`, 'handedOver');
  if (!ticked.includes(RESULT_ENTRY)) throw refuse('result_not_handed', 'tick the result itself as handed over', 'handedOver');
  return list.filter((e) => ticked.includes(e.id));
}
