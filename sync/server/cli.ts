import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock, type Clock } from '../../core/ports.js';
import { buildServer } from './app.js';
import { databaseUrlFrom, openDb } from './db/open.js';
import type { Db } from './db/types.js';
import { HttpError } from './errors.js';
import { centralLogger } from './logging.js';
import { assertStrongOfficeToken, issueOfficeToken, listOfficeTokens, revokeOfficeToken } from './office-auth.js';
import { markRestored } from './centre.js';
import { createEnrollmentCode, revokeTerminal } from './terminals.js';

export const USAGE = `Usage: npm run central -- [options]               start the central service
       npm run central -- enroll-code --terminal-code CODE [--window-no N] [--hall H] [--district D] [--valid-days 7]
       npm run central -- office-token [--label NAME] [--valid-days 90]
       npm run central -- office-tokens
       npm run central -- revoke-office-token (--token-id ID | --token TOKEN)
       npm run central -- revoke --terminal-id ID
       npm run central -- restored                    after restoring the database from a backup
Options for all: --database-url URL (or DATABASE_URL; else PGlite in --data DIR, default .central)
Service: --port P (8787) --host H (127.0.0.1) --blobs DIR (default <data>/blobs) --log-level L (info)
         --blob-quota-gb N (bytes of blobs one terminal code may hold, default 50)
An office token may also be given as OW_OFFICE_TOKEN (at least 32 random characters; it does not
expire, revoke-office-token --token withdraws it).`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Where the service's JSON log lines go (stdout unless given). */
  log?: { write(line: string): unknown };
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'database-url': { type: 'string' },
  data: { type: 'string' },
  blobs: { type: 'string' },
  'log-level': { type: 'string' },
  'blob-quota-gb': { type: 'string' },
  'terminal-code': { type: 'string' },
  'window-no': { type: 'string' },
  hall: { type: 'string' },
  district: { type: 'string' },
  'valid-days': { type: 'string' },
  label: { type: 'string' },
  'terminal-id': { type: 'string' },
  'token-id': { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean' },
} as const;

const COMMANDS = ['serve', 'enroll-code', 'office-token', 'office-tokens', 'revoke-office-token', 'revoke', 'restored'];

export interface Running {
  url: string;
  close(): Promise<void>;
}

/**
 * Runs one command line. `serve` (no subcommand) resolves once listening, with a handle to stop it;
 * the admin subcommands resolve when done. Exit codes are the caller's: this throws on failure.
 */
export async function runCli(argv: string[], io: CliIo): Promise<Running | null> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(USAGE);
    return null;
  }
  const command = positionals[0] ?? 'serve';
  if (positionals.length > 1 || !COMMANDS.includes(command)) throw new Error(`unknown command "${positionals.join(' ')}"\n${USAGE}`);
  const clock = io.clock ?? systemClock;
  // A weak OW_OFFICE_TOKEN stops the service before it opens anything.
  if (command === 'serve') assertStrongOfficeToken(io.env.OW_OFFICE_TOKEN);
  const databaseUrl = databaseUrlFrom(values['database-url'], io.env);
  const dataDir = resolve(values.data ?? '.central');
  const db = await openDb({ databaseUrl, dataDir });
  const where = databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`;

  if (command !== 'serve') {
    try {
      await admin(command, values, db, clock, io);
    } catch (err) {
      if (err instanceof HttpError) throw new Error(err.message, { cause: err });
      throw err;
    } finally {
      await db.close();
    }
    return null;
  }

  const port = Number(values.port ?? io.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const blobsDir = resolve(values.blobs ?? resolve(dataDir, 'blobs'));
  let app;
  try {
    const quotaGb = values['blob-quota-gb'] === undefined ? undefined : Number(values['blob-quota-gb']);
    if (quotaGb !== undefined && !(quotaGb > 0)) throw new Error(`--blob-quota-gb must be a positive number, not ${values['blob-quota-gb']}`);
    app = await buildServer({ db, blobsDir, officeToken: io.env.OW_OFFICE_TOKEN, clock, ...(quotaGb === undefined ? {} : { blobQuotaBytes: Math.round(quotaGb * 1024 ** 3) }), log: centralLogger({ level: values['log-level'] ?? io.env.OW_LOG_LEVEL ?? 'info', ...(io.log ? { sink: io.log } : {}) }) });
    await app.listen({ port, host: values.host ?? '127.0.0.1' });
  } catch (err) {
    await app?.close();
    await db.close();
    throw err;
  }
  const address = app.server.address();
  const url = typeof address === 'object' && address ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : String(address);
  io.out(`central: listening on ${url} (database: ${where}; blobs: ${blobsDir}; back office: ${url}/office)`);
  return {
    url,
    close: async () => {
      // Requests under way get a moment to finish; connections left open after it are cut.
      const grace = setTimeout(() => app.server.closeAllConnections(), 3000);
      await app.close();
      clearTimeout(grace);
      await db.close();
    },
  };
}

async function admin(command: string, values: Record<string, string | boolean | undefined>, db: Db, clock: Clock, io: CliIo): Promise<void> {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (command === 'enroll-code') {
    const terminalCode = str('terminal-code');
    if (!terminalCode) throw new Error('enroll-code needs --terminal-code CODE (the case-number prefix of that window)');
    const validDays = str('valid-days') === undefined ? undefined : Number(str('valid-days'));
    const r = await createEnrollmentCode(db, clock, { terminalCode, windowNo: str('window-no'), hall: str('hall'), district: str('district'), validDays });
    io.out(r.code);
    io.err(`enrollment code for terminal ${r.terminalCode}, valid until ${r.expiresAt}; it works once`);
  } else if (command === 'office-token') {
    const validDays = str('valid-days') === undefined ? undefined : Number(str('valid-days'));
    const issued = await issueOfficeToken(db, clock, str('label') ?? 'office', validDays);
    io.out(issued.token);
    io.err(`office token ${issued.id}: shown only now, keep it safe (the service stores only its hash); valid until ${issued.expiresAt}`);
  } else if (command === 'office-tokens') {
    for (const t of await listOfficeTokens(db)) {
      io.out(`${t.id}  ${t.label}  made ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : `valid until ${t.expiresAt}`}`);
    }
  } else if (command === 'revoke-office-token') {
    if (!str('token-id') && !str('token')) throw new Error('revoke-office-token needs --token-id ID (from office-tokens) or --token TOKEN');
    const r = await revokeOfficeToken(db, clock, { id: str('token-id'), token: str('token') });
    io.out(`office token ${r.id} revoked at ${r.revokedAt}`);
  } else if (command === 'restored') {
    const r = await markRestored(db, clock);
    io.out(`centre ${r.databaseId} is at epoch ${r.epoch}`);
    io.err('terminals will pull again from the start and send what this database lacks (they keep acknowledged commands for their retention period)');
  } else if (command === 'revoke') {
    const id = str('terminal-id');
    if (!id) throw new Error('revoke needs --terminal-id ID');
    const r = await revokeTerminal(db, clock, id);
    io.out(`terminal ${id} revoked at ${r.revokedAt}`);
  }
}
