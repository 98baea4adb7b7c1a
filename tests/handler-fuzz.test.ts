import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type HandlerName } from '../core/api/contract.js';
import { dispatch } from '../main/handlers/dispatch.js';
import { ADMIN, signedInTerminal } from './support/intake.js';

// Every handler in the table, sent input no caller should send: wrong types, each field of its
// schema replaced by something of the wrong kind, random values under its keys, hostile keys
// (__proto__, constructor), deep nesting, huge strings. Signed in as the admin, so whatever passes
// validation reaches the handler's body. The answer must be a refusal with a code, or a success;
// never `internal` (a crash, "500" at the host door) and never a throw.
const names = Object.keys(contract) as HandlerName[];

function keysOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
}

const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
const WRONG: unknown[] = [null, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'x'.repeat(100_000), '\u0000', '𠮷'.repeat(3), true, {}, [], [null], { $gt: '' }, deep(60)];
const WHOLE: unknown[] = [42, 'x', true, [], [1, 2], JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } }, deep(200), { ['k'.repeat(10_000)]: 1 }];

describe('every handler refuses malformed input cleanly', () => {
  it(`walks all ${names.length} handlers of the table`, async () => {
    const { ctx } = await signedInTerminal();
    const asAdmin = () => dispatch(ctx, { door: 'host' }, 'auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const crashes: string[] = [];
    let refused = 0;
    const send = async (name: HandlerName, input: unknown, label: string): Promise<void> => {
      const r = await dispatch(ctx, { door: 'host' }, name, input);
      if (!r.ok && r.error.code === 'internal') crashes.push(`${name} <- ${label}`);
      if (!r.ok) refused += 1;
    };
    for (const name of names) {
      await asAdmin();
      const keys = keysOf(contract[name].input);
      for (const [i, input] of WHOLE.entries()) await send(name, input, `whole #${i}`);
      for (const key of keys) for (const [i, value] of WRONG.entries()) await send(name, { [key]: value }, `${key} = wrong #${i}`);
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...(keys.length > 0 ? keys : ['input'])), fc.anything({ maxDepth: 3 }), { maxKeys: 6 }), async (input) => {
          await send(name, input, `random ${JSON.stringify(input).slice(0, 80)}`);
        }),
        { numRuns: 15, seed: 18 },
      );
    }
    expect(crashes).toEqual([]);
    expect(refused).toBeGreaterThan(names.length * WHOLE.length * 0.9);
    // The admin is still there to sign in: nothing the fuzz sent locked it out or broke the store.
    expect(await asAdmin()).toMatchObject({ ok: true });
  }, 240_000);
});
