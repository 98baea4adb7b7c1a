import { chmodSync, mkdirSync } from 'node:fs';

/**
 * The centre's folders (PGlite's database, the blob store) are the service account's alone: the
 * blobs are applicants' scanned documents. Folders are made 0700 and chmod-ed (neither the umask nor
 * an older version's 0755 leaves them open); files are created 0600. The terminal has the same rule
 * in main/private-files.ts (sync/server may not import main/).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}
