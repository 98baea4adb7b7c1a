import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The update policy IT deploys per installation, as a file (by hand, a GPO file preference, or the
 * Linux configuration management): which internal server, which CA to trust for it, when to install.
 * No file means no automatic updates; a file that does not parse stops updates and says why, it never
 * falls back to a default server. Changing the server is editing this file, not rebuilding the app.
 *
 *   Windows  %ProgramData%\OneWindow\update.json
 *   Linux    /etc/onewindow/update.json
 *   (OW_UPDATE_POLICY names another file.)
 */
export const updatePolicySchema = z
  .object({
    /** The folder on the internal server holding latest.yml and the installers. */
    url: z
      .url()
      .refine((u) => new URL(u).protocol === 'https:', 'updates come over https only'),
    /** PEM file of the CA that issued the server's certificate; only that CA is trusted for it. */
    caFile: z.string().min(1),
    /**
     * Installing happens when the app quits; with an hour (0–23, this machine's clock) also at that
     * hour, but only while nobody is working a case at the counter.
     */
    installHour: z.number().int().min(0).max(23).nullable().default(null),
    /** How often to look, in minutes (default 4 h; at least 15). */
    checkEveryMinutes: z.number().int().min(15).max(24 * 60).default(240),
  })
  .strict();

export type UpdatePolicy = z.infer<typeof updatePolicySchema>;

export function defaultPolicyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.OW_UPDATE_POLICY) return env.OW_UPDATE_POLICY;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'OneWindow', 'update.json');
  return '/etc/onewindow/update.json';
}

export type PolicyResult =
  | { state: 'absent' }
  | { state: 'invalid'; problem: string }
  | { state: 'ok'; policy: UpdatePolicy; ca: string };

/** Reads the policy and its CA; the CA must be there and be PEM, else updates stay off. */
export function readUpdatePolicy(path: string): PolicyResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'invalid', problem: `cannot read ${path}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { state: 'invalid', problem: `${path} is not JSON` };
  }
  const parsed = updatePolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { state: 'invalid', problem: `${path}: ${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid'}` };
  }
  let ca: string;
  try {
    ca = readFileSync(parsed.data.caFile, 'utf8');
  } catch {
    return { state: 'invalid', problem: `caFile ${parsed.data.caFile} cannot be read` };
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) return { state: 'invalid', problem: `caFile ${parsed.data.caFile} holds no PEM certificate` };
  return { state: 'ok', policy: parsed.data, ca };
}
