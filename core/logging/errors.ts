import { maskQuoted, scrubText } from './redact.js';

/**
 * An error as a log line may carry it. Built from a whitelist, never by copying the error's own
 * properties: pg's and PGlite's errors hold the statement, its parameters (`params`: a whole push
 * batch, names and ID numbers included), `detail` (`Key (id_number)=(…)`) and `where` (a piece of
 * the JSON), and any other error may hold whatever its author attached.
 */
export interface LoggedError {
  type: string;
  message: string;
  /** SQLSTATE for database errors, the error's own code otherwise (ENOENT, FST_ERR_…, not_found). */
  code?: string | number;
  status?: number;
  /** A DomainError's stable reason (`required_material_missing`). */
  reason?: string;
  /** Database errors only: where PostgreSQL raised it and which object (names, never values). */
  severity?: string;
  routine?: string;
  table?: string;
  column?: string;
  constraint?: string;
  /** Stack frames only; the first line (the unmasked message) is left out. */
  stack?: string;
  cause?: LoggedError;
}

const MAX_FRAMES = 15;
const MAX_CAUSES = 3;
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Short tokens only (a DomainError's reason, a code): anything longer may be a value. */
const TOKEN = /^[A-Za-z0-9_.:-]{1,64}$/;

type Bag = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && TOKEN.test(v) ? v : undefined);

function frames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const lines = stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, MAX_FRAMES);
  return lines.length > 0 ? scrubText(lines.join('\n')) : undefined;
}

/** A PostgreSQL error as pg (DatabaseError) and PGlite raise it: a SQLSTATE and a severity. */
export function isDatabaseError(e: Bag): boolean {
  return typeof e.code === 'string' && SQLSTATE.test(e.code) && typeof e.severity === 'string';
}

export function reduceError(err: unknown, depth = 0): LoggedError {
  if (err === null || typeof err !== 'object') return { type: typeof err, message: maskQuoted(scrubText(String(err))) };
  const e = err as Bag;
  const message = maskQuoted(scrubText(typeof e.message === 'string' ? e.message : ''));
  const out: LoggedError = isDatabaseError(e)
    ? { type: 'DatabaseError', message, code: e.code as string, severity: str(e.severity), routine: str(e.routine), table: str(e.table), column: str(e.column), constraint: str(e.constraint) }
    : {
        type: str(e.name) && e.name !== 'Error' ? (e.name as string) : (str((e.constructor as { name?: unknown } | undefined)?.name) ?? 'Error'),
        message,
        code: typeof e.code === 'number' ? e.code : str(e.code),
        status: [e.statusCode, e.status, e.httpStatus].find((s): s is number => typeof s === 'number'),
        reason: str(e.reason),
      };
  out.stack = frames(e.stack);
  if (e.cause !== undefined && depth < MAX_CAUSES) out.cause = reduceError(e.cause, depth + 1);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as unknown as LoggedError;
}
