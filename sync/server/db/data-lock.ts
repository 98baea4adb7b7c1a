import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { privateDir } from '../private-files.js';

/**
 * PGlite is one process's database: a second process opening the same folder (say the admin CLI
 * while the service runs) would corrupt it. A lock file holding the owner's pid keeps them apart;
 * a lock left by a process that died is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`the data folder ${dir} is in use by process ${pid}; stop it first, or use the running service's /office API`);
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds (a second open in the same process is refused too). */
const held = new Set<string>();

/** Takes the folder's lock; returns the function that gives it back. */
export function lockDataDir(dir: string): () => void {
  privateDir(dir);
  const file = resolve(dir, 'central.lock');
  if (held.has(file)) throw new DataDirLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      return () => {
        held.delete(file);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      // Our own pid in a lock we do not hold: a previous process that had this pid (containers reuse them).
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}
