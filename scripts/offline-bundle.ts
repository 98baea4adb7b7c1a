import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest } from '../main/update/manifest.js';
import { fileMatches } from '../main/update/verify.js';

/**
 * The offline (USB) update bundle: the same folder layout as the internal update server, so one
 * bundle is copied onto the server or carried to a machine without network and installed silently.
 *   npx tsx scripts/offline-bundle.ts make release/ E:/onewindow-1.2.0   copy manifests and installers, verified
 *   npx tsx scripts/offline-bundle.ts verify E:/onewindow-1.2.0          check every installer against its manifest
 * SHA256SUMS and its .asc (scripts/sign-linux.ts) travel along when present.
 */
export interface BundleProblem {
  file: string;
  problem: string;
}

function manifests(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^latest(-[a-z0-9-]+)?\.yml$/.test(f));
}

/** Every installer named by a manifest in `dir`, with the sha512 it must have; problems for the rest. */
export async function verifyBundle(dir: string): Promise<{ checked: string[]; problems: BundleProblem[] }> {
  const checked: string[] = [];
  const problems: BundleProblem[] = [];
  const found = manifests(dir);
  if (found.length === 0) problems.push({ file: dir, problem: 'no latest*.yml here' });
  for (const name of found) {
    const parsed = parseManifest(readFileSync(join(dir, name), 'utf8'));
    if (!parsed.ok) {
      problems.push({ file: name, problem: parsed.problem });
      continue;
    }
    for (const f of parsed.manifest.files) {
      const path = join(dir, basename(f.url));
      if (!existsSync(path)) problems.push({ file: f.url, problem: `named by ${name} but missing` });
      else if (!(await fileMatches(path, f.sha512))) problems.push({ file: f.url, problem: `does not match its sha512 in ${name}` });
      else checked.push(f.url);
    }
  }
  return { checked, problems };
}

export async function makeBundle(releaseDir: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const copied: string[] = [];
  for (const name of manifests(releaseDir)) {
    const parsed = parseManifest(readFileSync(join(releaseDir, name), 'utf8'));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.problem}`);
    for (const f of parsed.manifest.files) {
      for (const extra of [basename(f.url), `${basename(f.url)}.blockmap`, `${basename(f.url)}.asc`]) {
        if (existsSync(join(releaseDir, extra))) {
          copyFileSync(join(releaseDir, extra), join(outDir, extra));
          copied.push(extra);
        }
      }
    }
    copyFileSync(join(releaseDir, name), join(outDir, name));
    copied.push(name);
  }
  for (const extra of ['SHA256SUMS', 'SHA256SUMS.asc']) {
    if (existsSync(join(releaseDir, extra))) {
      copyFileSync(join(releaseDir, extra), join(outDir, extra));
      copied.push(extra);
    }
  }
  const { problems } = await verifyBundle(outDir);
  if (problems.length > 0) throw new Error(`the bundle does not verify:\n${problems.map((p) => `  - ${p.file}: ${p.problem}`).join('\n')}`);
  return copied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [cmd, a, b] = process.argv.slice(2);
  const run = async (): Promise<void> => {
    if (cmd === 'make' && a && b) {
      const copied = await makeBundle(resolve(a), resolve(b));
      console.log(`offline bundle: ${copied.length} files in ${resolve(b)}, verified`);
    } else if (cmd === 'verify' && a) {
      const { checked, problems } = await verifyBundle(resolve(a));
      for (const p of problems) console.error(`  - ${p.file}: ${p.problem}`);
      if (problems.length > 0) throw new Error('the bundle does NOT verify: do not install from it');
      console.log(`offline bundle: ${checked.length} installer(s) match their manifests`);
    } else throw new Error('usage: offline-bundle.ts make <release-dir> <out-dir> | verify <dir>');
  };
  run().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
