import { z } from 'zod';
import type { HandlerSpec } from './contract.js';

/**
 * The local store itself (issue 11): whether it can take writes (the disk may be full; the app then
 * runs read-only and the shell shows a banner, polling `store.status`), and a consistent backup through
 * SQLite's online backup API: the only supported way to back the store up (a file copy of the data
 * folder while the app runs can be torn, and is refused when opened).
 */
export const STORE_PROBLEMS = ['disk_full'] as const;
export type StoreProblem = (typeof STORE_PROBLEMS)[number];

export const storeStatusSchema = z.object({
  writable: z.boolean().describe('false while the disk is full: reading works, every write is refused with disk_full.'),
  problem: z.enum(STORE_PROBLEMS).nullable(),
  since: z.string().nullable().describe('When the problem was first seen.'),
  freeBytes: z.number().nullable().describe("Free bytes on the store's disk, when the system says."),
  lastCheckpoint: z.object({ at: z.string(), ok: z.boolean() }).nullable().describe('The last WAL checkpoint (every 2 s) and whether it worked; the store becomes writable again after one that works with room to spare.'),
});
export type StoreStatus = z.output<typeof storeStatusSchema>;

export const storeContract = {
  'store.status': {
    access: 'public',
    summary: 'Whether the local store takes writes now (the disk may be full: then the app is read-only until there is room again). The shell polls it for its banner.',
    input: z.strictObject({}),
    result: storeStatusSchema,
  },
  'store.backup': {
    access: 'admin',
    summary:
      "A consistent copy of the store while the app runs (SQLite's online backup API), checked with quick_check and written as one file; the only supported way to back up (IT: `npm run backup -- --data DIR --to FILE`). Refuses to overwrite (backup_exists). Journaled.",
    input: z.strictObject({
      to: z.string().trim().min(1).max(1000).optional().describe('Absolute path of the new file on this machine; default <data folder>/backups/onewindow-<UTC time>.sqlite.'),
    }),
    result: z.object({ file: z.string(), bytes: z.number().int(), pages: z.number().int(), check: z.literal('ok') }),
  },
} as const satisfies Record<string, HandlerSpec>;
