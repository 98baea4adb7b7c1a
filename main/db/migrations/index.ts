import { m001Foundation } from './001_foundation.js';
import { m002Intake } from './002_intake.js';
import { m003Notices } from './003_notices.js';
import { m004Scans } from './004_scans.js';
import { m005Sync } from './005_sync.js';
import { m006SignInThrottle } from './006_sign_in_throttle.js';
import { m007Recovery } from './007_recovery.js';
import type { Migration } from './types.js';

/** Every schema version in order. Append only; never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [m001Foundation, m002Intake, m003Notices, m004Scans, m005Sync, m006SignInThrottle, m007Recovery];

export const LATEST_SCHEMA_VERSION = migrations.length;
