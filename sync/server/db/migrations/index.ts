import { m001Foundation } from './001_foundation.js';
import { m002OfficeTokenExpiry } from './002_office_token_expiry.js';
import { m003CommandIds } from './003_command_ids.js';
import { m004CentreIdentity } from './004_centre_identity.js';
import { m005AuditHead } from './005_audit_head.js';
import { m006MissingDocuments } from './006_missing_documents.js';
import { m007BlobOwners } from './007_blob_owners.js';
import type { Migration } from './types.js';

/** Throws unless versions are exactly 1..n in order, so a mis-numbered file fails every start and test run. */
export function assertMigrationOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}

/** Every schema version in order. Append only; never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [m001Foundation, m002OfficeTokenExpiry, m003CommandIds, m004CentreIdentity, m005AuditHead, m006MissingDocuments, m007BlobOwners];
assertMigrationOrder(MIGRATIONS);
