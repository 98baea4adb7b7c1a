import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
  ['main/sync/x.ts', "import { start } from '../../sync/server/app.js';"],
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

/**
 * The arrows between the product's parts, read from the real sources (not from the lint config): no
 * part may reach back to one that imports it (sync/ counts as one part: protocol and server). `sync/` once held the terminal's client, which imported
 * main/ while main/ imported it; the client now lives in main/sync, and this keeps the cycle out.
 */
const PARTS = ['core', 'main', 'preload', 'renderer', 'sync'] as const;
type Part = (typeof PARTS)[number];

function partOf(file: string): Part | null {
  const p = file.split(path.sep).join('/');
  return PARTS.find((part) => p === part || p.startsWith(`${part}/`)) ?? null;
}

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : productFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function partGraph(): Map<Part, Set<Part>> {
  const graph = new Map<Part, Set<Part>>(PARTS.map((p) => [p, new Set<Part>()]));
  const importRe = /(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const top of PARTS) {
    for (const file of productFiles(top)) {
      const from = partOf(file);
      if (!from) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(importRe)) {
        const to = partOf(path.relative('.', path.resolve(path.dirname(file), m[1]!)));
        if (to && to !== from) graph.get(from)!.add(to);
      }
    }
  }
  return graph;
}

function findCycle(graph: Map<Part, Set<Part>>): Part[] | null {
  const state = new Map<Part, 'open' | 'done'>();
  const stack: Part[] = [];
  const visit = (p: Part): Part[] | null => {
    if (state.get(p) === 'done') return null;
    if (state.get(p) === 'open') return [...stack.slice(stack.indexOf(p)), p];
    state.set(p, 'open');
    stack.push(p);
    for (const q of graph.get(p) ?? []) {
      const cycle = visit(q);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(p, 'done');
    return null;
  };
  for (const p of PARTS) {
    const cycle = visit(p);
    if (cycle) return cycle;
  }
  return null;
}

describe('no cycle between the parts', () => {
  it('the real imports between core, main, preload, renderer and sync form no cycle', () => {
    const graph = partGraph();
    // The check sees imports at all: main does import core and sync/protocol.
    expect([...graph.get('main')!]).toEqual(expect.arrayContaining(['core', 'sync']));
    expect(findCycle(graph)).toBeNull();
  });

  it('finds a cycle when one is there (a graph with sync → main → sync)', () => {
    const graph = new Map<Part, Set<Part>>(PARTS.map((p) => [p, new Set<Part>()]));
    graph.get('main')!.add('sync');
    graph.get('sync')!.add('core');
    expect(findCycle(graph)).toBeNull();
    graph.get('sync')!.add('main');
    expect(findCycle(graph)).toEqual(['main', 'sync', 'main']);
  });
});
