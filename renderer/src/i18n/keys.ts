import type { resources } from './index.js';

type Leaves<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}` }[keyof T & string];

/**
 * Every text key there is (zh-CN; the parity test holds en to the same keys). Maps from a list to its
 * texts are typed `Record<Item, Key>` and spell each key out, so the type checker refuses a key that
 * does not exist and the key test (keys.test.ts) finds every key the code uses.
 */
export type Key = Leaves<(typeof resources)['zh-CN']['translation']>;

/** The key a value read from outside (a stored record) has in a list's map; undefined for a value the list does not know. */
export function keyOf<T extends string>(map: Readonly<Record<T, Key>>, value: string): Key | undefined {
  return Object.hasOwn(map, value) ? map[value as T] : undefined;
}
