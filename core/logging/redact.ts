/**
 * What may not reach a log line, as data: the second line of defence behind "log ids, never values"
 * (docs/DESIGN.md, Logging). Both loggers (main/logging, sync/server/logging.ts) run every logged
 * object through `censor` and every message through `scrubText`.
 */

export const REDACTED = '[redacted]';

/**
 * Keys whose values are personal data, secrets, or whole bodies that may hold either. Compared in
 * lower case without `_` or `-`, so `idNumber`, `id_number` and `ID-Number` are one key.
 */
const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  // people and organisations
  'name', 'displayname', 'applicantname', 'contactname', 'agentname', 'legalrepname', 'supervisor',
  'idnumber', 'idno', 'uscc', 'phone', 'mobile', 'tel', 'telephone', 'address', 'email',
  'applicant', 'applicants', 'agent', 'legalrep',
  // secrets
  'password', 'supervisorpassword', 'secret', 'credential', 'authorization', 'cookie', 'setcookie', 'token', 'officetoken',
  // bodies and what a driver keeps of a statement: commands, requests, SQL parameters and detail
  'args', 'body', 'payload', 'input', 'params', 'parameters', 'values', 'query', 'detail', 'where', 'internalquery',
]);

export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''));
}

/** A resident ID number (18 characters, or the old 15 digits), standing alone. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** A mainland mobile number (11 digits from 13x to 19x), optionally +86, standing alone. */
const MOBILE = /(?<![0-9A-Za-z+])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** Free text with anything shaped like an ID number or a mobile number masked. */
export function scrubText(text: string): string {
  return text.replace(ID_NUMBER, '[id-number]').replace(MOBILE, '[phone]');
}

/**
 * Double-quoted spans masked, except names of database objects (`constraint "cases_pkey"`,
 * `column "x" of relation "y"`, `encoding "UTF8"`): PostgreSQL puts the offending VALUE in quotes
 * (`invalid input syntax for type uuid: "…"`, `value "…" is out of range`), and so does V8's
 * JSON.parse (`"…" is not valid JSON`, a piece of the body).
 */
const QUOTED = /(\b(?:relation|constraint|column|table|type|index|function|schema|encoding|database|role|sequence|view|trigger|extension|operator)\s)?"(?:[^"\\]|\\.)*"/g;
/**
 * The value PostgreSQL ends its message with (`…for type uuid: "<value>"`) and the piece of text
 * V8's JSON.parse quotes (`"<text>" is not valid JSON`) are not escaped: quotes inside them would
 * pair up with the wrong ones, so each goes whole, up to its last quote.
 */
const TRAILING_VALUE = /: "[^]*"$/;
const JSON_SNIPPET = /"[^]*"(?= is not valid JSON)/;
export function maskQuoted(text: string): string {
  // Left to right, a kept name is consumed whole, so the text between two names never reads as a quote.
  return text
    .replace(TRAILING_VALUE, ': "…"')
    .replace(JSON_SNIPPET, '"…"')
    .replace(QUOTED, (span, name: string | undefined) => (name ? span : '"…"'));
}

const MAX_DEPTH = 6;
const MAX_ITEMS = 50;

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` fit for a log line: personal keys redacted at any depth, strings scrubbed,
 * errors reduced (`reduce`), class instances named instead of walked (a request object holds its
 * body), bounded in depth and length.
 */
export function censor(value: unknown, reduce: (err: unknown) => unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
      return scrubText(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (value instanceof Error) return reduce(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (depth >= MAX_DEPTH) return '[deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v: unknown) => censor(v, reduce, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more]`] : items;
  }
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (!isPlainObject(value)) return `[${(value as { constructor?: { name?: string } }).constructor?.name ?? 'object'}]`;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(value)) {
    if (n++ >= MAX_ITEMS) {
      out['…'] = 'more keys';
      break;
    }
    out[k] = isPersonalKey(k) ? REDACTED : censor(v, reduce, depth + 1);
  }
  return out;
}
