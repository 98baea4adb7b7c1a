import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the import arrows of ARCHITECTURE.md are enforced: each case lints one import at a path in a
 * folder and expects (or not) the no-restricted-imports error. The lint config is the real one.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: [string, string][] = [
  ['core/x.ts', "import { readFileSync } from 'node:fs';"],
  ['core/x.ts', "import { readFileSync } from 'fs';"],
  ['core/x.ts', "import path from 'path';"],
  ['core/x.ts', "import { app } from 'electron';"],
  ['core/x.ts', "import { useState } from 'react';"],
  ['core/x.ts', "import Database from 'better-sqlite3';"],
  ['core/deep/x.ts', "import { openStore } from '../../main/db/open.js';"],
  ['core/x.ts', "import { App } from '../renderer/src/App.js';"],
  ['core/x.ts', "import { x } from '../sync/protocol/index.js';"],
  ['renderer/src/x.ts', "import { openStore } from '../../main/db/open.js';"],
  ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer/src/x.ts', "import { buildWindowApi } from '../../preload/api.js';"],
  ['preload/x.ts', "import { dispatch } from '../main/handlers/dispatch.js';"],
  ['preload/x.ts', "import { readFileSync } from 'node:fs';"],
  ['main/db/x.ts', "import { App } from '../../renderer/src/App.js';"],
  ['main/db/x.ts', "import { app } from 'electron';"],
  ['main/handlers/x.ts', "import { useState } from 'react';"],
  ['sync/protocol/x.ts', "import { createHash } from 'node:crypto';"],
  ['sync/protocol/x.ts', "import { openStore } from '../../main/db/open.js';"],
  ['sync/server/x.ts', "import { openStore } from '../../main/db/open.js';"],
  ['sync/server/x.ts', "import { push } from '../client/push.js';"],
  ['sync/client/x.ts', "import { start } from '../server/app.js';"],
];

const allowed: [string, string][] = [
  ['core/x.ts', "import { z } from 'zod';"],
  ['core/audit/x.ts', "import { DomainError } from '../result.js';"],
  ['renderer/src/x.ts', "import { contract } from '../../core/api/contract.js';"],
  ['renderer/src/x.ts', "import { useState } from 'react';"],
  ['preload/x.ts', "import { contextBridge } from 'electron';"],
  ['main/electron/x.ts', "import { app } from 'electron';"],
  ['main/db/x.ts', "import { readFileSync } from 'node:fs';"],
  ['main/host/x.ts', "import { startHost } from './server.js';"],
  ['main/db/x.ts', "import { verifyAuditChain } from '../../core/audit/chain.js';"],
  ['sync/server/x.ts', "import { z } from '../protocol/index.js';"],
];

describe('import arrows (lint)', () => {
  it.each(forbidden)('%s may not: %s', async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each(allowed)('%s may: %s', async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
