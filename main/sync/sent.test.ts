import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enqueueCommand } from '../db/outbox.js';
import { openStore } from '../db/open.js';
import { setSetting } from '../db/settings.js';
import { referencedBlobs } from '../scanning/batches.js';
import { steppingClock } from '../../tests/support/clock.js';
import { tempDir } from '../../tests/support/temp.js';
import { keepAcknowledged, requeueAfter, retainedRange } from './sent.js';

describe('acknowledged commands kept for a restored centre', () => {
  const print = (n: number) => ({ caseNo: `T1-20261126-000${n}`, documentNo: 'SL-x', kind: 'accepted', printNo: 0, staff: 'wang', printedAt: 'n' });

  it('leave the outbox when acknowledged, stay for the retention period with their ids, hashes and blobs, and can be queued again', () => {
    const { db, close } = openStore(join(tempDir(), 's.sqlite'));
    try {
      const clock = steppingClock();
      const pdf = 'a'.repeat(64);
      for (let n = 1; n <= 4; n += 1) enqueueCommand(db, clock, 'printNotice', print(n), n === 2 ? [pdf] : []);
      const before = db.prepare('SELECT seq, id, hash FROM outbox ORDER BY seq').all();
      db.transaction(() => keepAcknowledged(db, 3, '2026-11-26T02:00:00.000Z'))();
      expect(db.prepare('SELECT seq FROM outbox').pluck().all()).toEqual([4]);
      expect(retainedRange(db)).toEqual({ first: 1, last: 3 });
      expect(referencedBlobs(db).has(pdf)).toBe(true);

      // The centre lost 2 and 3: they go back, before 4, as they were.
      expect(db.transaction(() => requeueAfter(db, 1))()).toBe(2);
      expect(db.prepare('SELECT seq, id, hash FROM outbox ORDER BY seq').all()).toEqual(before.slice(1));
      expect(retainedRange(db)).toEqual({ first: 1, last: 1 });

      // Past the retention period (here 2 days), the kept ones go at the next acknowledgement.
      setSetting(db, 'sync_retention_days', '2');
      db.transaction(() => keepAcknowledged(db, 2, '2026-11-28T03:00:00.000Z'))();
      expect(retainedRange(db)).toEqual({ first: 2, last: 2 });
      db.transaction(() => keepAcknowledged(db, 2, '2026-11-30T04:00:00.000Z'))();
      expect(retainedRange(db)).toBeNull();
    } finally {
      close();
    }
  });
});
