import type { z } from 'zod';
import { commandArgsSchemas, isCommandName, type CommandName } from '../../protocol/index.js';
import { judgeDelivery, judgeFee, judgePromise } from './after-intake.js';
import { judgeIntake } from './intake.js';
import { codeOf, describe } from './issues.js';
import { judgeNotice } from './notices.js';
import type { Batch, Judge, Refusal, Verdict } from './verdict.js';

/** One judge per command name: a name added to sync/protocol/commands.ts without one does not compile. */
const JUDGES: { readonly [N in CommandName]: Judge<N> } = {
  acceptCase: judgeIntake,
  requestCorrection: judgeIntake,
  rejectCase: judgeIntake,
  completeCase: judgeIntake,
  printNotice: judgeNotice('print'),
  voidNotice: judgeNotice('void'),
  deliverResult: judgeDelivery,
  recordPayment: judgeFee('payment'),
  refundPayment: judgeFee('refund'),
  waiveFee: judgeFee('waiver'),
  recordPromisedMaterial: judgePromise('received'),
  failPromise: judgePromise('failed'),
};

/**
 * Judges one command as it came over the wire: a name the centre does not know is refused
 * (`command_unknown`, e.g. a newer terminal's command), so are args that fail the name's schema; the
 * rest goes to the name's judge. Every refusal is the command's own: the batch goes on.
 */
export function judgeCommand(name: string, raw: Record<string, unknown>, batch: Batch): Verdict {
  const caseNo = typeof raw.caseNo === 'string' ? raw.caseNo : null;
  if (!isCommandName(name)) return { ok: false, caseNo, code: 'command_unknown', reason: `"${name}" is not a command this centre knows` };
  return judgeKnown(name, raw, batch, caseNo);
}

function judgeKnown<N extends CommandName>(name: N, raw: Record<string, unknown>, batch: Batch, caseNo: string | null): Verdict {
  const parsed = commandArgsSchemas[name].safeParse(raw);
  if (!parsed.success) return { ok: false, caseNo, ...argsRefusal(parsed.error.issues[0]) };
  return JUDGES[name](parsed.data, batch);
}

/**
 * Args of the wrong shape are `invalid_args`; within an intake's `input` (the clerk's input, core's
 * schemas) the code is core's where it gives one, else `invalid_input`, as the terminal would say.
 */
function argsRefusal(issue: z.core.$ZodIssue | undefined): Pick<Refusal, 'code' | 'reason'> {
  const code = issue?.path[0] === 'input' ? (codeOf(issue) ?? 'invalid_input') : 'invalid_args';
  return { code, reason: describe(issue) };
}
