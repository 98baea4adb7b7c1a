import type { ParsedCommandArgs } from '../../protocol/index.js';
import type { Batch, Verdict } from './verdict.js';

/** A print or void of a notice of one of this terminal's cases (the args' shape is checked already). */
export const judgeNotice =
  (action: 'print' | 'void') =>
  (args: ParsedCommandArgs<'printNotice' | 'voidNotice'>, batch: Batch): Verdict =>
    batch.cases.get(args.caseNo) !== batch.terminalId
      ? { ok: false, caseNo: args.caseNo, code: 'case_unknown', reason: `case ${args.caseNo} is not on the server for this terminal` }
      : { ok: true, caseNo: args.caseNo, effect: { kind: 'notice', action, documentNo: args.documentNo, printNo: args.printNo } };
