import { m001Foundation } from './001_foundation.js';
import type { Migration } from './types.js';

/** Every schema version in order. Append only; never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [m001Foundation];

export const LATEST_SCHEMA_VERSION = migrations.length;
