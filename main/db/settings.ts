import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';

/** The keys the terminal keeps in `settings`; one place so a typo is a type error. */
export type SettingKey =
  | 'terminal_code'
  | 'window_no'
  | 'hall'
  | 'district'
  | 'language'
  | 'idle_lock_minutes'
  /** The scan profile (JSON: driver, device, resolution, mode, source; core/api/contract-scans.ts). */
  | 'scan_profile'
  /** eSCL (AirScan) network scanners to offer, JSON array of base URLs (`http://10.0.0.7/eSCL`). */
  | 'scan_escl_urls'
  /** Minutes between the sync client's timed pulls (default 5; a poke pulls at once anyway). */
  | 'sync_pull_minutes'
  /** Days the terminal keeps commands the centre acknowledged, to send them again to a restored centre (default 30). */
  | 'sync_retention_days'
  /** Folders scanner software saves into, JSON array of absolute paths. */
  | 'scan_watch_folders'
  /** The printer chosen for one kind of document (accepted, correction, …, delivery). */
  | `printer:${string}`;

export function getSetting(db: Database, key: SettingKey): string | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Database, key: SettingKey, value: string): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
