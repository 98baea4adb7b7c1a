import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The terminal's data is its user's alone: the store holds applicants' ID numbers, password hashes,
 * the notice-signing key and the sync credential; the blobs hold scanned documents. Folders are made
 * 0700 and files 0600 and then chmod-ed, so neither the umask nor an older version's 0755/0644 leaves
 * them readable by other accounts on the machine. (On Windows only the read-only bit exists; the
 * user profile's ACL is what protects the files there.)
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and missing parents) if needed and makes it private. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes the SQLite store private before SQLite opens it: the file is created empty with mode 0600 if
 * it is new (SQLite gives its -wal and -shm files the mode of the database file), and an existing
 * store and its companions are chmod-ed.
 */
export function privateStoreFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE);
  }
}
