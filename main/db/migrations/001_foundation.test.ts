import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 001 foundation', () => {
  it('creates the foundation tables on an empty database and keeps data written to them through later runs', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations, 1)).toEqual([1]);
    expect(schemaVersion(db)).toBe(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('terminal_code', 'T1')").run();
    db.prepare("INSERT INTO staff (login, display_name, role, created_at) VALUES ('wang', '王𠮷', 'clerk', 'now')").run();
    db.prepare("INSERT INTO audit_journal (seq, at, action, details, prev_hash, hash) VALUES (1, 'now', 'x', '{}', 'p', 'h')").run();
    db.prepare("INSERT INTO outbox (name, args, created_at) VALUES ('acceptCase', '{}', 'now')").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT display_name FROM staff').get()).toEqual({ display_name: '王𠮷' });
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('makes the audit journal append-only', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    db.prepare("INSERT INTO audit_journal (seq, at, action, details, prev_hash, hash) VALUES (1, 'now', 'x', '{}', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_journal SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_journal').run()).toThrow(/append-only/);
  });

  it('never reuses an outbox seq, even after the newest commands are removed', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    const insert = db.prepare("INSERT INTO outbox (name, args, created_at) VALUES ('c', '{}', 'now')");
    insert.run();
    const second = Number(insert.run().lastInsertRowid);
    db.prepare('DELETE FROM outbox').run();
    expect(Number(insert.run().lastInsertRowid)).toBe(second + 1);
  });

  it('refuses staff with an unknown role', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    expect(() => db.prepare("INSERT INTO staff (login, display_name, role, created_at) VALUES ('a', 'A', 'root', 'now')").run()).toThrow(/CHECK/);
  });
});
