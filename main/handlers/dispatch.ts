import { contract, isHandlerName, type HandlerName } from '../../core/api/contract.js';
import { DomainError, fail, ok, type Result } from '../../core/result.js';
import type { z } from 'zod';
import type { CallMeta, HandlerContext } from './context.js';
import { handlers, type HandlerImpl } from './table.js';

function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const path = issue.path.map(String);
  // An extra key is reported on the object that holds it; name the key itself, as the clerk would.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const field = path.join('.');
  return { field, message: field ? `${field}: ${issue.message}` : issue.message };
}

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
    return fail('invalid_input', message, field || undefined);
  }
  try {
    const impl = handlers[name] as HandlerImpl<HandlerName>;
    return ok(await impl(parsed.data as never, ctx, meta));
  } catch (err) {
    if (err instanceof DomainError) return fail(err.code, err.message, err.field);
    console.error(`[onewindow] handler ${name} failed:`, err);
    return fail('internal', `The operation ${name} failed unexpectedly; it has been logged.`);
  }
}
