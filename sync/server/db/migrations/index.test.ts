import { describe, expect, it } from 'vitest';
import { assertMigrationOrder, MIGRATIONS } from './index.js';
import type { Migration } from './types.js';

describe("the central service's migration list", () => {
  it('is numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(() => assertMigrationOrder(MIGRATIONS)).not.toThrow();
  });

  it('rejects a mis-numbered list', () => {
    const bad: Migration[] = [{ ...MIGRATIONS[0]!, version: 2 }];
    expect(() => assertMigrationOrder(bad)).toThrow(/expected 1/);
    expect(() => assertMigrationOrder([...MIGRATIONS, { ...MIGRATIONS[0]!, version: 9001 }])).toThrow(new RegExp(`expected ${MIGRATIONS.length + 1}`));
  });
});
