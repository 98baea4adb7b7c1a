import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract, eventSchemas } from '../core/api/contract.js';
import { HANDLER_NAMES } from '../core/api/names.js';
import { renderApiDoc } from '../scripts/api-doc.js';

const doc = readFileSync(new URL('../docs/API.md', import.meta.url), 'utf8');

describe('docs/API.md', () => {
  it('documents every handler and event', () => {
    for (const name of [...Object.keys(contract), ...Object.keys(eventSchemas)]) {
      expect(doc, `docs/API.md is missing ${name}; run npm run docs`).toContain(`### \`${name}\``);
    }
  });

  it('is exactly what the contract renders (run `npm run docs` after changing a handler)', () => {
    expect(doc).toBe(renderApiDoc());
  });

  it('the preload allowlist and the contract name the same handlers', () => {
    expect([...HANDLER_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });
});
