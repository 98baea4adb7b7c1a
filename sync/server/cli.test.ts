import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER } from '../protocol/index.js';
import { runCli, type Running } from './cli.js';
import { freshPostgresDatabase, TEST_DATABASE_URL } from './testing/backends.js';
import { call, command, publicKey } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

const DAY = '2026-11-26';
const ENV_TOKEN = 'owo.from-the-environment-Xq82LmZ0vB7rT';

/** Runs one command line, collecting what it prints. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ out: string[]; err: string[]; running: Running | null }> {
  const out: string[] = [];
  const err: string[] = [];
  const running = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { out, err, running };
}

interface Where {
  name: string;
  args: string[];
  cleanup(): Promise<void>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const pgliteWhere = async (): Promise<Where> => {
  const data = mkdtempSync(join(tmpdir(), 'ow-central-cli-'));
  dirs.push(data);
  return { name: 'pglite', args: ['--data', data], cleanup: async () => undefined };
};
const postgresWhere = async (admin: string): Promise<Where> => {
  const fresh = await freshPostgresDatabase(admin);
  const blobs = mkdtempSync(join(tmpdir(), 'ow-central-cli-blobs-'));
  dirs.push(blobs);
  return { name: 'postgres', args: ['--database-url', fresh.url, '--blobs', blobs], cleanup: fresh.drop };
};
const admin = TEST_DATABASE_URL;
const WHERE = [pgliteWhere, ...(admin ? [() => postgresWhere(admin)] : [])];

describe.each(WHERE.map((open, i) => ({ open, name: i === 0 ? 'pglite' : 'postgres' })))('npm run central on $name', ({ open }) => {
  it('makes codes and tokens, serves, keeps its state across a restart, and revokes', async () => {
    const where = await open();
    try {
      const code = (await cli(['enroll-code', '--terminal-code', 'w07', '--window-no', '7', '--hall', '市民中心', ...where.args])).out[0]!;
      expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      const token = (await cli(['office-token', '--label', 'IT', ...where.args])).out[0]!;
      expect(token).toMatch(/^owo\./);
      await expect(cli(['enroll-code', '--terminal-code', '310101-01', ...where.args])).rejects.toThrow(/letters and digits/);

      let server = await cli(['--port', '0', '--log-level', 'silent', ...where.args]);
      let url = server.running!.url;
      expect(server.out[0]).toContain(`listening on ${url}`);
      const enrolled = await call<{ terminalId: string; credential: string; terminalCode: string; windowNo: string; hall: string }>(url, 'POST', '/v1/enroll', { json: { code, publicKey: publicKey(), label: 'PC-07' } });
      expect(enrolled.body).toMatchObject({ terminalCode: 'W07', windowNo: '7', hall: '市民中心' });
      const { terminalId, credential } = enrolled.body;
      expect((await call(url, 'POST', '/office/catalog', { token, json: sampleCatalog() })).status).toBe(200);
      const batch = [1, 2].map((n) => command(n, 'acceptCase', intakeArgs({ catalog: sampleCatalog(), terminalCode: 'W07', day: DAY, n })));
      expect((await call<{ lastSeq: number }>(url, 'POST', '/v1/push', { token: credential, json: { terminalId, commands: batch } })).body.lastSeq).toBe(2);
      const before = await call<{ checkpoint: number; changes: unknown[] }>(url, 'POST', '/v1/pull', { token: credential, json: { checkpoint: 0 } });
      await server.running!.close();

      // Restarted on the same data: same terminals, same lastSeq, same changes.
      server = await cli(['--port', '0', '--log-level', 'silent', ...where.args]);
      url = server.running!.url;
      const resent = await call<{ lastSeq: number; results: { status: string }[] }>(url, 'POST', '/v1/push', { token: credential, json: { terminalId, commands: batch } });
      expect(resent.body).toMatchObject({ lastSeq: 2, results: [{ status: 'duplicate' }, { status: 'duplicate' }] });
      expect((await call(url, 'POST', '/v1/pull', { token: credential, json: { checkpoint: 0 } })).body).toEqual(before.body);
      expect((await call(url, 'GET', '/office/cases', { token })).body).toMatchObject({ cases: [{ caseNo: 'W07-20261126-0002' }, { caseNo: 'W07-20261126-0001' }] });
      await server.running!.close();

      // After a restore from a backup, IT raises the epoch: the terminals' state says the new one.
      const before2 = await cli(['restored', ...where.args]);
      expect(before2.out[0]).toMatch(/^centre [0-9a-f-]{36} is at epoch 2$/);
      server = await cli(['--port', '0', '--log-level', 'silent', ...where.args]);
      try {
        const state = await call<{ epoch: number; databaseId: string; lastSeq: number }>(server.running!.url, 'GET', '/v1/state', { token: credential });
        expect(state.body).toMatchObject({ epoch: 2, lastSeq: 2, databaseId: before2.out[0]!.split(' ')[1] });
      } finally {
        await server.running!.close();
      }

      expect((await cli(['revoke', '--terminal-id', terminalId, ...where.args])).out[0]).toMatch(/revoked at/);

      await expect(cli(['--port', '0', '--log-level', 'silent', ...where.args], { OW_OFFICE_TOKEN: 'owo.from-the-environment' })).rejects.toThrow(/OW_OFFICE_TOKEN is too weak/);
      server = await cli(['--port', '0', '--log-level', 'silent', ...where.args], { OW_OFFICE_TOKEN: ENV_TOKEN });
      url = server.running!.url;
      try {
        expect((await call(url, 'POST', '/v1/pull', { token: credential, json: { checkpoint: 0 } })).body).toMatchObject({ error: { code: 'terminal_revoked' } });
        expect((await call(url, 'GET', '/office/terminals', { token: ENV_TOKEN })).status).toBe(200);
        expect((await fetch(`${url}/v1/pull`, { method: 'POST', headers: { [PROTOCOL_HEADER]: '1' } })).status).toBe(401);
      } finally {
        await server.running!.close();
      }
    } finally {
      await where.cleanup();
    }
  });
});

describe('npm run central, office tokens', () => {
  it('lists office tokens by id (never the token), revokes one by its id and the environment’s by itself', async () => {
    const where = await pgliteWhere();
    const made = await cli(['office-token', '--label', 'IT', '--valid-days', '30', ...where.args]);
    const token = made.out[0]!;
    expect(made.err[0]).toMatch(/^office token [0-9a-f]{12}: shown only now.*valid until \S+$/);
    await expect(cli(['office-token', '--valid-days', '0', ...where.args])).rejects.toThrow(/--valid-days/);
    const listed = (await cli(['office-tokens', ...where.args])).out;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(/^[0-9a-f]{12} {2}IT {2}made \S+ {2}valid until \S+$/);
    expect(listed.join('\n')).not.toContain(token);
    const id = listed[0]!.slice(0, 12);
    expect((await cli(['revoke-office-token', '--token-id', id, ...where.args])).out[0]).toMatch(new RegExp(`^office token ${id} revoked at `));
    expect((await cli(['revoke-office-token', '--token', ENV_TOKEN, ...where.args])).out[0]).toMatch(/^office token [0-9a-f]{12} revoked at /);
    await expect(cli(['revoke-office-token', ...where.args])).rejects.toThrow(/--token-id/);

    const server = await cli(['--port', '0', '--log-level', 'silent', ...where.args], { OW_OFFICE_TOKEN: ENV_TOKEN });
    try {
      for (const t of [token, ENV_TOKEN]) expect((await call(server.running!.url, 'GET', '/office/terminals', { token: t })).status).toBe(401);
    } finally {
      await server.running!.close();
    }
  }, 60_000);
});

describe('npm run central, usage', () => {
  it('prints help and refuses unknown commands and options', async () => {
    expect((await cli(['--help'])).out[0]).toMatch(/^Usage: npm run central/);
    await expect(cli(['frobnicate'])).rejects.toThrow(/unknown command/);
    await expect(cli(['--no-such-option'])).rejects.toThrow();
  });
});
