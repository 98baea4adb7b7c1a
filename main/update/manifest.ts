import { JSON_SCHEMA, load } from 'js-yaml';
import { valid } from 'semver';
import { z } from 'zod';

/**
 * latest.yml (latest-linux.yml, latest-linux-arm64.yml …) as electron-builder writes it and
 * electron-updater reads it. Parsed with js-yaml's JSON schema, so a date stays a string and no YAML
 * type can build anything but plain data. Anything the updater would act on is checked here, so a
 * malformed file is refused with a reason instead of being half understood.
 */
const sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 must be 64 bytes in base64');

const fileSchema = z.object({
  url: z.string().min(1),
  sha512: sha512Base64,
  size: z.number().int().positive().optional(),
});

export const manifestSchema = z.object({
  version: z.string().refine((v) => valid(v) === v, 'version must be a semantic version'),
  files: z.array(fileSchema).min(1),
  path: z.string().optional(),
  sha512: sha512Base64.optional(),
  releaseDate: z.string().optional(),
  // electron-updater reads this with parseInt and treats garbage as 100 %: here only a whole
  // number 0–100 is a staged rollout, anything else refuses the manifest.
  stagingPercentage: z.number().int().min(0).max(100).optional(),
});

export type UpdateManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;

export type ManifestResult = { ok: true; manifest: UpdateManifest } | { ok: false; problem: string };

export function parseManifest(text: string): ManifestResult {
  let raw: unknown;
  try {
    raw = load(text, { schema: JSON_SCHEMA });
  } catch {
    return { ok: false, problem: 'not YAML' };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid' };
  }
  return { ok: true, manifest: parsed.data };
}

/** The manifest a platform reads, as electron-updater names it (channel "latest"). */
export function manifestName(platform: NodeJS.Platform, arch: string, channel = 'latest'): string {
  if (platform === 'linux') return arch === 'x64' ? `${channel}-linux.yml` : `${channel}-linux-${arch}.yml`;
  if (platform === 'darwin') return `${channel}-mac.yml`;
  return `${channel}.yml`;
}

/** The installer this machine takes from a manifest: the one whose name fits the package kind. */
export function installerFor(manifest: UpdateManifest, kind: PackageKind): ManifestFile | null {
  const ending = PACKAGE_ENDINGS[kind];
  return manifest.files.find((f) => f.url.toLowerCase().endsWith(ending)) ?? null;
}

export type PackageKind = 'nsis' | 'deb' | 'rpm' | 'AppImage';
const PACKAGE_ENDINGS: Record<PackageKind, string> = { nsis: '.exe', deb: '.deb', rpm: '.rpm', AppImage: '.appimage' };
