import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { durable } from './durable.js';
import { openStore } from './open.js';

const level = (db: ReturnType<typeof openStore>['db']): unknown => db.pragma('synchronous', { simple: true });

describe('durable()', () => {
  it('commits at synchronous=FULL and puts the store back to NORMAL, also when the transaction throws (and rolls it back)', () => {
    const store = openStore(join(tempDir(), 's.sqlite'));
    try {
      const { db } = store;
      db.exec('CREATE TABLE t (x INTEGER) STRICT');
      expect(durable(db, () => {
        db.prepare('INSERT INTO t VALUES (1)').run();
        return level(db);
      })).toBe(2);
      expect(level(db)).toBe(1);
      expect(() => durable(db, () => {
        db.prepare('INSERT INTO t VALUES (2)').run();
        throw new Error('refused');
      })).toThrow('refused');
      expect(level(db)).toBe(1);
      expect(db.prepare('SELECT x FROM t').pluck().all()).toEqual([1]);
    } finally {
      store.close();
    }
  });

  it('joins an enclosing durable transaction, and refuses to run inside one that would not be synced', () => {
    const store = openStore(join(tempDir(), 's.sqlite'));
    try {
      const { db } = store;
      expect(durable(db, () => durable(db, () => level(db)))).toBe(2);
      expect(() => db.transaction(() => durable(db, () => 1))()).toThrow(/not durable/);
      expect(level(db)).toBe(1);
    } finally {
      store.close();
    }
  });
});
