import { contract, isHandlerName, type HandlerName } from '../../core/api/contract.js';
import { DomainError, fail, ok, type Result } from '../../core/result.js';
import { checkAccess } from '../auth/gate.js';
import type { CallMeta, HandlerContext } from './context.js';
import { handlers, type HandlerImpl } from './table.js';
import { describeIssue, reasonOf } from './zod-issues.js';

/**
 * Looks a handler up by name, validates its input, runs it, and never throws: every outcome, including
 * a bug, comes back as a Result the transport can send as it is.
 */
export async function dispatch(ctx: HandlerContext, meta: CallMeta, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isHandlerName(name)) return fail('unknown_handler', `There is no handler named "${name}".`);
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const { field, message } = first ? describeIssue(first) : { field: '', message: 'invalid input' };
    return fail('invalid_input', message, field || undefined, first ? reasonOf(first) : undefined);
  }
  const refused = checkAccess(ctx, contract[name].access, meta);
  if (refused) return refused;
  try {
    const impl = handlers[name] as HandlerImpl<HandlerName>;
    return ok(await impl(parsed.data as never, ctx, meta));
  } catch (err) {
    if (err instanceof DomainError) return fail(err.code, err.message, err.field, err.reason);
    console.error(`[onewindow] handler ${name} failed:`, err);
    return fail('internal', `The operation ${name} failed unexpectedly; it has been logged.`);
  }
}
