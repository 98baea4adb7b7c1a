import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * GPG signatures for the Linux packages in release/ (docs/IT.md, Signing), with the key IT names in
 * OW_GPG_KEY (a key id or fingerprint in the build user's keyring or on a smartcard; gpg-agent asks for
 * the passphrase, nothing passes through here):
 * - rpm: signed inside the package (rpmsign --addsign), checked by `rpm --checksig` / yum's gpgcheck;
 * - every .deb, .rpm, .AppImage and latest-linux*.yml: a detached ASCII signature <file>.asc;
 * - SHA256SUMS over them, clearsigned as SHA256SUMS.asc.
 * An internal apt repository signs its own Release file with the repository key (reprepro/aptly).
 *   OW_GPG_KEY=<fingerprint> npx tsx scripts/sign-linux.ts [release/]
 */
const SIGNED = /\.(deb|rpm|AppImage)$|^latest-linux.*\.yml$/;

function gpg(args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync('gpg', ['--batch', '--yes', ...args], { stdio: ['ignore', 'inherit', 'inherit'], env, timeout: 120_000 });
  if (res.status !== 0) throw new Error(`gpg ${args.join(' ')} failed (${res.status ?? res.signal})`);
}

export function signLinux(dir: string, key: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const files = readdirSync(dir).filter((f) => SIGNED.test(f)).sort();
  if (files.length === 0) throw new Error(`nothing to sign in ${dir}`);
  for (const f of files.filter((x) => x.endsWith('.rpm'))) {
    const res = spawnSync('rpmsign', ['--addsign', '--define', `_gpg_name ${key}`, join(dir, f)], { stdio: 'inherit', env, timeout: 120_000 });
    if (res.status !== 0) throw new Error(`rpmsign ${f} failed: rpm packages need rpmsign (apt-get install rpm)`);
  }
  for (const f of files) gpg(['--local-user', key, '--armor', '--detach-sign', '--output', join(dir, `${f}.asc`), join(dir, f)], env);
  const sums = files.map((f) => `${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}  ${f}\n`).join('');
  writeFileSync(join(dir, 'SHA256SUMS'), sums);
  gpg(['--local-user', key, '--clearsign', '--output', join(dir, 'SHA256SUMS.asc'), join(dir, 'SHA256SUMS')], env);
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const key = process.env.OW_GPG_KEY;
  if (!key) {
    console.error('set OW_GPG_KEY to the signing key id or fingerprint');
    process.exit(2);
  }
  const files = signLinux(resolve(process.argv[2] ?? 'release'), key);
  console.log(`signed ${files.length} file(s); verify with: gpg --verify SHA256SUMS.asc && sha256sum -c SHA256SUMS`);
}
