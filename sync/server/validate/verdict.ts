import type { CommandName, ParsedCommandArgs } from '../../protocol/index.js';
import type { CatalogChooser } from '../catalogs.js';
import type { AcceptedIntake } from './intake.js';

/** What one push lets a judge see: who pushes, the catalogs, and the cases already there. */
export interface Batch {
  terminalId: string;
  /** The terminal's case-number prefix. */
  terminalCode: string;
  catalogs: CatalogChooser;
  /** Cases on the server or applied earlier in this batch: case number → terminal id. */
  cases: ReadonlyMap<string, string>;
  /** Intake ids on the server or applied earlier in this batch, lower-cased. */
  intakes: ReadonlySet<string>;
  /** The pusher's hall (統一出件: its windows hand over each other's results). */
  hall: string | null;
  /** The cases that deliveries and fee entries of this batch name, as the server holds them (updated as the batch applies). */
  after: ReadonlyMap<string, CaseState>;
  /** Fee entry numbers applied earlier in this batch (whatever their case). */
  entryNos: ReadonlySet<string>;
}

/** A case as delivery and fee judges see it. */
export interface CaseState {
  terminalId: string;
  hall: string | null;
  /** The back office's step; null for a case that is not in its workflow (a correction, refusal, on-the-spot case). */
  status: string | null;
  /** What the case owes (core/fees owedFen). */
  feeFen: number;
  entries: { entryNo: string; kind: 'payment' | 'refund' | 'waiver'; amountFen: number; refundOf: string | null }[];
  delivery: { terminalCode: string; windowNo: string | null; staff: string; at: string } | null;
  /** Accepted with gaps (容缺): the materials the intake did not mark received or exempt may be promised ones. */
  withGaps: boolean;
  /** Materials the intake marked received or exempt (never a gap). */
  fulfilled: string[];
  /** Promised materials already recorded (received or failed). */
  promises: string[];
}

/** What an applied command does; push.ts writes it (rows, changes) in the batch's transaction. */
export type Effect =
  | { kind: 'case'; intake: AcceptedIntake }
  | { kind: 'notice'; action: 'print' | 'void'; documentNo: string; printNo: number }
  | { kind: 'delivery'; caseNo: string; documentNo: string; relation: string; at: string; terminalCode: string; windowNo: string | null; staff: string }
  | { kind: 'fee'; caseNo: string; entryNo: string; entryKind: 'payment' | 'refund' | 'waiver'; amountFen: number; refundOf: string | null }
  | { kind: 'promise'; caseNo: string; entryId: string; state: 'received' | 'failed' };

/** A refusal names a stable code (core's reason where there is one) and a sentence for the clerk. */
export type Refusal = { ok: false; caseNo: string | null; code: string; reason: string };
export type Verdict = { ok: true; caseNo: string; effect: Effect } | Refusal;

/** Decides one command of a known name, its args already parsed with the name's schema. */
export type Judge<N extends CommandName> = (args: ParsedCommandArgs<N>, batch: Batch) => Verdict;
