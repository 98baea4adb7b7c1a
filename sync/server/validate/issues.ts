import type { z } from 'zod';

/** A zod issue as one line for a rejection: `materials.0.status: Invalid input`. */
export function describe(issue: z.core.$ZodIssue | undefined, prefix = ''): string {
  if (!issue) return 'invalid';
  const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Core's validators put their precise code in an issue's params (`{ code: 'id_checksum' }`). */
export function codeOf(issue: z.core.$ZodIssue | undefined): string | undefined {
  const params = (issue as { params?: { code?: unknown } } | undefined)?.params;
  return typeof params?.code === 'string' ? params.code : undefined;
}
