import { z } from 'zod';
import { fenIssue, formatYuan, MAX_FEN } from './fen.js';

/**
 * An amount in fen on the wire (handler input, outbox command): an integer 0 … ¥1,000,000. A wrong
 * value is one issue on its field whose `params.code` is the money code the renderer has a text for
 * (`amount_negative`, `amount_fraction`, `amount_too_large`, `amount_not_number`; `amount_zero`
 * where zero is refused), like core/applicant's validators.
 */
export function fenSchema(opts: { positive?: boolean } = {}) {
  return z.number().superRefine((n, ctx) => {
    const issue = fenIssue(n) ?? (opts.positive === true && n === 0 ? 'amount_zero' : null);
    if (!issue) return;
    const why: Record<string, string> = {
      amount_not_number: 'not a number',
      amount_negative: 'an amount cannot be negative',
      amount_fraction: 'an amount is a whole number of fen',
      amount_too_large: `an amount is at most ${formatYuan(MAX_FEN)}`,
      amount_zero: 'the amount must be more than zero',
    };
    ctx.addIssue({ code: 'custom', message: `${issue}: ${why[issue] ?? issue}`, params: { code: issue } });
  });
}
