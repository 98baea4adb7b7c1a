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
}

/** What an applied command does; push.ts writes it (rows, changes) in the batch's transaction. */
export type Effect =
  | { kind: 'case'; intake: AcceptedIntake }
  | { kind: 'notice'; action: 'print' | 'void'; documentNo: string; printNo: number };

/** A refusal names a stable code (core's reason where there is one) and a sentence for the clerk. */
export type Refusal = { ok: false; caseNo: string | null; code: string; reason: string };
export type Verdict = { ok: true; caseNo: string; effect: Effect } | Refusal;

/** Decides one command of a known name, its args already parsed with the name's schema. */
export type Judge<N extends CommandName> = (args: ParsedCommandArgs<N>, batch: Batch) => Verdict;
