import type { Database } from 'better-sqlite3';

/** The keys the terminal keeps in `settings`; one place so a typo is a type error. */
export type SettingKey = 'terminal_code' | 'window_no' | 'hall' | 'district' | 'language' | 'idle_lock_minutes';

export function getSetting(db: Database, key: SettingKey): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Database, key: SettingKey, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
