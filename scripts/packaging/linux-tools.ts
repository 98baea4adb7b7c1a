import { spawnSync } from 'node:child_process';

/**
 * What electron-builder needs on the build machine for Linux packages, checked before the long build.
 * deb and rpm are made by fpm. electron-builder downloads its own fpm build for the *build machine's*
 * architecture from ELECTRON_BUILDER_BINARIES_MIRROR; that bundle is x86-only in older releases and
 * ties the build to the mirror. With USE_SYSTEM_FPM=true electron-builder runs the `fpm` on PATH
 * instead (gem install fpm; ruby from the distribution), on any architecture, and fpm only packs
 * files, so an x64 machine packs arm64 packages and back. CUSTOM_FPM_PATH names one fpm explicitly.
 * rpm needs rpmbuild (Debian: the rpm package) either way.
 */
export type LinuxTarget = 'deb' | 'rpm' | 'AppImage';

export type Run = (cmd: string, args: string[]) => boolean;
const runs: Run = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 }).status === 0;

export function linuxToolProblems(targets: readonly LinuxTarget[], env: NodeJS.ProcessEnv, run: Run = runs): string[] {
  const problems: string[] = [];
  const fpmTargets = targets.filter((t) => t === 'deb' || t === 'rpm');
  if (fpmTargets.length > 0) {
    const fpm = env.CUSTOM_FPM_PATH ?? (env.USE_SYSTEM_FPM === 'true' ? 'fpm' : null);
    if (fpm && !run(fpm, ['--version'])) {
      problems.push(
        `${fpm} does not run: ${env.CUSTOM_FPM_PATH ? 'CUSTOM_FPM_PATH' : 'USE_SYSTEM_FPM=true'} needs a working fpm ` +
          '(apt-get install ruby ruby-dev build-essential && gem install fpm, from your gem mirror in a closed network)',
      );
    }
    if (!fpm && process.arch !== 'x64') {
      problems.push(`this build machine is ${process.arch}: set USE_SYSTEM_FPM=true and install fpm (electron-builder's bundled fpm may not exist for it)`);
    }
  }
  if (targets.includes('rpm') && !run('rpmbuild', ['--version'])) problems.push('rpm packages need rpmbuild (apt-get install rpm)');
  return problems;
}
