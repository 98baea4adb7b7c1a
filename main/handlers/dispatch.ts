import { contract, isHandlerName, type HandlerName } from '../../core/api/contract.js';
import { findUnstorableText } from '../../core/applicant/index.js';
import { DomainError, fail, ok, type Result } from '../../core/result.js';
import { checkAccess } from '../auth/gate.js';
import { storeRefusal } from '../db/errors.js';
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
  // What a line may say about a call: its name, door, outcome code, reason and field path; never
  // the input or a message (either may quote what the clerk typed).
  const at = { handler: name, door: meta.door };
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const { field, message } = first ? describeIssue(first) : { field: '', message: 'invalid input' };
    const reason = first ? reasonOf(first) : undefined;
    ctx.log.info({ ...at, code: 'invalid_input', reason, field }, 'input refused');
    return fail('invalid_input', message, field || undefined, reason);
  }
  // Core's text rule for every string of every input: what no store can keep never gets queued.
  const unstorable = findUnstorableText(parsed.data);
  if (unstorable !== null) {
    ctx.log.info({ ...at, code: 'invalid_input', reason: 'text_unstorable', field: unstorable }, 'input refused');
    return fail('invalid_input', 'this text holds a character no store can keep (U+0000, or a broken character); type it again', unstorable, 'text_unstorable');
  }
  const refused = checkAccess(ctx, contract[name].access, meta);
  if (refused) {
    if (!refused.ok) ctx.log.info({ ...at, code: refused.error.code, reason: refused.error.reason }, 'access refused');
    return refused;
  }
  const started = performance.now();
  try {
    const impl = handlers[name] as HandlerImpl<HandlerName>;
    const value = await impl(parsed.data as never, ctx, meta);
    ctx.log.debug({ ...at, ms: Math.round(performance.now() - started) }, 'handled');
    return ok(value);
  } catch (err) {
    // The store's own failures (disk full, damage, a foreign lock) are refusals the clerk can act on.
    const refusal = storeRefusal(err);
    if (refusal?.reason === 'disk_full' && ctx.store.health.noteDiskFull()) ctx.log.warn({ ...at }, 'the disk of the store is full: the app is read-only until there is room again');
    if (refusal) {
      ctx.log.info({ ...at, code: refusal.code, reason: refusal.reason }, 'store refused');
      return fail(refusal.code, refusal.message, refusal.field, refusal.reason);
    }
    if (err instanceof DomainError) {
      ctx.log.info({ ...at, code: err.code, reason: err.reason, field: err.field }, 'refused');
      return fail(err.code, err.message, err.field, err.reason);
    }
    ctx.log.error({ ...at, err }, 'handler failed');
    return fail('internal', `The operation ${name} failed unexpectedly; it has been logged.`);
  }
}
