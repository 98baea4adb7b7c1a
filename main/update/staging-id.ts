import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The installation's rollout id: `<userData>/.updaterId`, the file electron-updater reads and sends as
 * x-user-staging-id, so both agree on who is in a staged rollout. Made once; a damaged file is replaced.
 */
export const STAGING_ID_FILE = '.updaterId';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function stagingId(userData: string): string {
  const file = join(userData, STAGING_ID_FILE);
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (UUID.test(id)) return id;
  } catch {
    // not there yet: made below
  }
  const id = randomUUID();
  writeFileSync(file, id, { mode: 0o600 });
  return id;
}
