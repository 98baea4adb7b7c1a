import { decideUpdate, type UpdateDecision } from './decide.js';
import { fetchText } from './fetch.js';
import { manifestName, parseManifest, type PackageKind, type UpdateManifest } from './manifest.js';

export interface CheckInput {
  /** The policy's folder URL. */
  url: string;
  ca: string;
  current: string;
  stagingId: string;
  kind: PackageKind;
  platform: NodeJS.Platform;
  arch: string;
  timeoutMs?: number;
}

export type CheckResult =
  | (UpdateDecision & { manifest: UpdateManifest })
  | { take: false; why: 'invalid_manifest'; problem: string }
  | { take: false; why: 'unreachable'; problem: string };

/** Asks the internal server whether this installation takes a new release, and which file. */
export async function checkForUpdate(input: CheckInput): Promise<CheckResult> {
  const base = input.url.endsWith('/') ? input.url : `${input.url}/`;
  let text: string;
  try {
    text = await fetchText(new URL(manifestName(input.platform, input.arch), base).toString(), { ca: input.ca, timeoutMs: input.timeoutMs ?? 30_000 });
  } catch (err) {
    return { take: false, why: 'unreachable', problem: err instanceof Error ? err.message : String(err) };
  }
  const parsed = parseManifest(text);
  if (!parsed.ok) return { take: false, why: 'invalid_manifest', problem: parsed.problem };
  return { ...decideUpdate({ current: input.current, manifest: parsed.manifest, stagingId: input.stagingId, kind: input.kind }), manifest: parsed.manifest };
}

/** The installer's URL: relative names in latest.yml are relative to the folder. */
export function fileUrl(folderUrl: string, fileName: string): string {
  return new URL(fileName, folderUrl.endsWith('/') ? folderUrl : `${folderUrl}/`).toString();
}
