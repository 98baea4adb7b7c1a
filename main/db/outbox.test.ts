import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandArgsSchemas, type CommandArgs } from '../../sync/protocol/index.js';
import { steppingClock } from '../../tests/support/clock.js';
import { tempDir } from '../../tests/support/temp.js';
import { openStore } from './open.js';
import { enqueueCommand } from './outbox.js';
import { pendingCommands } from '../../tests/support/outbox.js';

const voided: CommandArgs<'voidNotice'> = { caseNo: 'T1-20261126-0001', documentNo: 'SL-1', kind: 'accepted', printNo: 0, staff: 'wang', voidedAt: 'n', reason: '打印错误', supervisor: 'li' };

describe('enqueueCommand', () => {
  it('queues the args of a command as its schema wants them, read back as written', () => {
    const store = openStore(join(tempDir(), 's.sqlite'));
    try {
      const seq = enqueueCommand(store.db, steppingClock(), 'voidNotice', voided);
      expect(pendingCommands(store.db)).toEqual([{ seq, name: 'voidNotice', args: voided, createdAt: '2026-11-26T01:00:00.000Z', blobs: [] }]);
      expect(commandArgsSchemas.voidNotice.safeParse(pendingCommands(store.db)[0]?.args).success).toBe(true);
    } finally {
      store.close();
    }
  });

  it('does not compile a command whose args do not fit its name (tsc checks the directives), nor would the centre take it', () => {
    // Never called: the calls are here for the type checker, which fails on an unused @ts-expect-error.
    const wrongCalls = (db: Parameters<typeof enqueueCommand>[0]): void => {
      const clock = steppingClock();
      // @ts-expect-error -- printNotice needs documentNo, kind, printNo, staff and printedAt
      enqueueCommand(db, clock, 'printNotice', { caseNo: 'T1-20261126-0001' });
      // @ts-expect-error -- the args of a void are not those of a print (no printedAt)
      enqueueCommand(db, clock, 'printNotice', voided);
      // @ts-expect-error -- printNo is a number
      enqueueCommand(db, clock, 'voidNotice', { ...voided, printNo: '0' });
      // @ts-expect-error -- there is no such command
      enqueueCommand(db, clock, 'dropTable', {});
    };
    expect(wrongCalls).toBeTypeOf('function');
    // The same shapes fail the schemas the types come from, so the centre refuses them too.
    expect(commandArgsSchemas.printNotice.safeParse({ caseNo: 'T1-20261126-0001' }).success).toBe(false);
    expect(commandArgsSchemas.printNotice.safeParse(voided).success).toBe(false);
    expect(commandArgsSchemas.voidNotice.safeParse({ ...voided, printNo: '0' }).success).toBe(false);
  });
});
