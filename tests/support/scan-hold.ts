import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A SANE scanner whose feeder the test can hold after N pages and let go again (held-scanimage.sh
 * in front of the real scanimage): what a test of "while it scans" waits on, instead of hoping that
 * a slow resolution keeps the feeder busy long enough.
 */
export interface ScanHold {
  /** The environment for a process (the host) that should scan through it: PATH has it first. */
  env: NodeJS.ProcessEnv;
  /** The scanimage to give a SaneScanner directly (`command`). */
  command: string;
  /** The next scans pass `pages` pages on, then hold until `release()`. */
  holdAfter(pages: number): void;
  /** Holding now (it has passed its pages on and waits). */
  held(): boolean;
  /** Passes the rest of the held scan on. */
  release(): void;
  /** The next scans run through without a hold. */
  noHold(): void;
  /** Removes the folder (call after the processes using it have stopped). */
  remove(): void;
}

export function scanHold(): ScanHold {
  const real = execFileSync('sh', ['-c', 'command -v scanimage'], { encoding: 'utf8' }).trim();
  if (!real) throw new Error('scanimage is not installed: apt-get install sane-utils (npm test installs it: scripts/test-setup.sh)');
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-scan-hold-'));
  const bin = join(dir, 'bin');
  const control = join(dir, 'control');
  mkdirSync(bin);
  mkdirSync(control);
  const command = join(bin, 'scanimage');
  copyFileSync(join(import.meta.dirname, 'held-scanimage.sh'), command);
  chmodSync(command, 0o755);
  const file = (name: string): string => join(control, name);
  return {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, OW_REAL_SCANIMAGE: real, OW_SCAN_HOLD_DIR: control },
    command,
    holdAfter(pages) {
      rmSync(file('held'), { force: true });
      rmSync(file('release'), { force: true });
      writeFileSync(file('hold-after'), String(pages));
    },
    held: () => existsSync(file('held')),
    release: () => writeFileSync(file('release'), ''),
    noHold: () => rmSync(file('hold-after'), { force: true }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
