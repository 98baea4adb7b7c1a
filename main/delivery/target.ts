import type { Database } from 'better-sqlite3';
import { owedFen } from '../../core/fees/lines.js';
import { resolveTarget } from '../../core/intake/plan.js';
import type { Catalog, Localized } from '../../core/catalog/schema.js';
import { DomainError } from '../../core/result.js';
import { hallCaseSchema, type HallCase } from '../../sync/protocol/index.js';
import { stmt } from '../db/statements.js';

/**
 * A case as what comes after intake (delivery, fees) needs it: one of this terminal's cases, or a case
 * another window of the hall took whose result is ready here (统一出件), known only from what the
 * centre sent (`central_case_status.hall_case`). Both read the same way from here on.
 */
export interface AfterIntakeCase {
  caseNo: string;
  /** null: a case of another window of the hall. */
  caseId: number | null;
  outcome: string;
  title: Localized;
  applicant: Record<string, unknown>;
  applicantName: string;
  itemCodes: string[];
  bundleCode: string | null;
  /** What the case owes (core/fees owedFen): its fee if it was taken, else 0. */
  feeFen: number;
  /** Paid (less refunds) and waived at other windows, as the centre last said. */
  settledElsewhereFen: number;
  materials: { entryId: string; name: string; status: string; form: string | null }[];
  central: { status: string; at: string; resultDocument: { name: string; sha256: string } | null } | null;
  windowNo: string | null;
  receivedAt: string;
}

interface StatusRow {
  status: string;
  at: string;
  result_document: string | null;
  hall_case: string | null;
  settled_elsewhere_fen: number;
}

function centralOf(row: StatusRow | undefined): AfterIntakeCase['central'] {
  if (!row) return null;
  return { status: row.status, at: row.at, resultDocument: row.result_document ? (JSON.parse(row.result_document) as { name: string; sha256: string }) : null };
}

/** The case, or `case_unknown` on the field. */
export function afterIntakeCase(db: Database, catalog: Pick<Catalog, 'items' | 'bundles'> | null, rawCaseNo: string): AfterIntakeCase {
  const caseNo = rawCaseNo.trim().toUpperCase();
  const status = stmt<StatusRow>(db, 'SELECT status, at, result_document, hall_case, settled_elsewhere_fen FROM central_case_status WHERE case_no = ?').get(caseNo);
  const row = stmt<{ id: number; outcome: string; title: string; applicant_name: string; bundle_code: string | null; fee_fen: number; window_no: string | null; received_at: string; data: string }>(
    db,
    'SELECT id, outcome, title, applicant_name, bundle_code, fee_fen, window_no, received_at, data FROM cases WHERE case_no = ?',
  ).get(caseNo);
  if (row) {
    const items = stmt<{ item_code: string }>(db, 'SELECT item_code FROM case_items WHERE case_id = ? ORDER BY pos').all(row.id);
    const materials = stmt<{ entry_id: string; name: string; status: string; form: string | null }>(db, 'SELECT entry_id, name, status, form FROM case_materials WHERE case_id = ? ORDER BY pos').all(row.id);
    const snapshot = JSON.parse(row.data) as { applicant?: Record<string, unknown> };
    return {
      caseNo, caseId: row.id, outcome: row.outcome, title: JSON.parse(row.title) as Localized, applicant: snapshot.applicant ?? {}, applicantName: row.applicant_name,
      itemCodes: items.map((i) => i.item_code), bundleCode: row.bundle_code, feeFen: owedFen(row.outcome, row.fee_fen), settledElsewhereFen: status?.settled_elsewhere_fen ?? 0,
      materials: materials.map((m) => ({ entryId: m.entry_id, name: m.name, status: m.status, form: m.form })),
      central: centralOf(status), windowNo: row.window_no, receivedAt: row.received_at,
    };
  }
  const hall = status?.hall_case ? hallCaseSchema.safeParse(JSON.parse(status.hall_case)) : null;
  if (!status || !hall?.success) throw new DomainError('not_found', `no case ${caseNo}`, 'caseNo', 'case_unknown');
  return fromHall(caseNo, hall.data, catalog, centralOf(status), status.settled_elsewhere_fen);
}

/** The title and material names of a case known by its items (a case of another window), from this terminal's catalog; the codes stand in for an item it does not have. */
export function targetNames(catalog: Pick<Catalog, 'items' | 'bundles'> | null, itemCodes: readonly string[], bundleCode: string | null): { title: Localized; materials: Map<string, string> } {
  const materials = new Map<string, string>();
  if (catalog) {
    try {
      const t = resolveTarget({ formatVersion: 1, catalogVersion: '', certificateTypes: [], calendar: [], ...catalog }, bundleCode ? { bundleCode } : { itemCodes: [...itemCodes] });
      for (const e of t.checklist.entries) materials.set(e.id, e.name['zh-CN']);
      return { title: t.title, materials };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return { title: { 'zh-CN': itemCodes.join('、'), en: itemCodes.join('; ') }, materials };
}

function fromHall(caseNo: string, h: HallCase, catalog: Pick<Catalog, 'items' | 'bundles'> | null, central: AfterIntakeCase['central'], settledElsewhereFen: number): AfterIntakeCase {
  const { title, materials } = targetNames(catalog, h.itemCodes, h.bundleCode);
  return {
    caseNo, caseId: null, outcome: 'accepted', title, applicant: h.applicant, applicantName: h.applicant.name, itemCodes: h.itemCodes, bundleCode: h.bundleCode,
    feeFen: h.feeFen, settledElsewhereFen,
    materials: h.originals.map((entryId) => ({ entryId, name: materials.get(entryId) ?? entryId, status: 'received', form: 'original' })),
    central, windowNo: h.windowNo, receivedAt: h.receivedAt,
  };
}
