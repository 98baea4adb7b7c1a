import type { z } from 'zod';
import { isCounterReason, type CounterReason } from '../../core/reasons.js';

/** Turns a zod issue into the field path and message the Result carries. */
export function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const path = issue.path.map(String);
  // An extra key is reported on the object that holds it; name the key itself, as the clerk would.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const field = path.join('.');
  return { field, message: field ? `${field}: ${issue.message}` : issue.message };
}

/** Validators in core put their precise code in an issue's params (`{ code: 'id_checksum' }`), always one of core's reasons. */
export function reasonOf(issue: z.core.$ZodIssue): CounterReason | undefined {
  const params = (issue as { params?: { code?: unknown } }).params;
  return typeof params?.code === 'string' && isCounterReason(params.code) ? params.code : undefined;
}
