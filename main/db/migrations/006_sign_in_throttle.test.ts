import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 006 sign-in throttle', () => {
  it('migrates a version-5 store keeping its staff, drops the unread failed_sign_ins, and counts failures per login', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 5);
    db.prepare("INSERT INTO staff (login, display_name, role, password_hash, created_at, failed_sign_ins) VALUES ('li', '李䶮', 'supervisor', 'h', 'now', 3)").run();

    expect(migrate(db, migrations, 6)).toEqual([6]);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT * FROM staff').get()).toEqual({ id: 1, login: 'li', display_name: '李䶮', role: 'supervisor', password_hash: 'h', active: 1, created_at: 'now' });
    db.prepare("INSERT INTO sign_in_failures (login, failures, locked_until) VALUES ('nobody', 5, '2026-11-26T01:00:30.000Z')").run();
    expect(() => db.prepare("INSERT INTO sign_in_failures (login, failures) VALUES ('nobody', 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO sign_in_failures (login, failures) VALUES ('zero', 0)").run()).toThrow(/CHECK/);
  });
});
