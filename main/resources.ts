import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file sits one level below the app root both as source (main/resources.ts) and when bundled
// (dist/host.mjs, dist/main.mjs), so `..` is the root in both.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function resourcePath(...parts: string[]): string {
  return join(root, 'resources', ...parts);
}
