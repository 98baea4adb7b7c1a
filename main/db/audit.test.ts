import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../tests/support/clock.js';
import { tempDir } from '../../tests/support/temp.js';
import { appendAudit, auditEntriesFor, verifyAudit } from './audit.js';
import { openStore } from './open.js';
import { join } from 'node:path';

function storeWithEntries(n: number): ReturnType<typeof openStore> {
  const store = openStore(join(tempDir(), 's.sqlite'));
  const clock = steppingClock();
  for (let i = 1; i <= n; i += 1) {
    appendAudit(store.db, clock, { actor: 'clerk1', action: 'test.event', subject: `case-${i % 3}`, details: { i, name: '王𠮷' } });
  }
  return store;
}

describe('audit journal in the store', () => {
  it('chains entries and verifies them all', () => {
    const store = storeWithEntries(50);
    expect(verifyAudit(store.db)).toEqual({ ok: true, checked: 50, total: 50 });
    expect(auditEntriesFor(store.db, 'case-1').map((e) => e.seq)).toEqual(
      Array.from({ length: 17 }, (_, k) => 1 + 3 * k),
    );
  });

  it('detects an entry edited behind the app’s back (triggers dropped, row changed)', () => {
    const store = storeWithEntries(10);
    store.db.exec('DROP TRIGGER audit_journal_no_update');
    store.db.prepare(`UPDATE audit_journal SET details = '{"i":7,"name":"someone else"}' WHERE seq = 7`).run();
    expect(verifyAudit(store.db)).toMatchObject({ ok: false, checked: 6, brokenAt: 7, reason: 'hash_mismatch', total: 10 });
  });

  it('detects a deleted entry', () => {
    const store = storeWithEntries(10);
    store.db.exec('DROP TRIGGER audit_journal_no_delete');
    store.db.prepare('DELETE FROM audit_journal WHERE seq = 4').run();
    expect(verifyAudit(store.db)).toMatchObject({ ok: false, brokenAt: 5, reason: 'seq_gap' });
  });

  it('rolls the entry back with the transaction it belongs to', () => {
    const store = storeWithEntries(2);
    expect(() =>
      store.db.transaction(() => {
        appendAudit(store.db, steppingClock(), { actor: null, action: 'will.fail' });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(verifyAudit(store.db)).toEqual({ ok: true, checked: 2, total: 2 });
  });
});
