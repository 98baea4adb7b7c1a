export interface Migration {
  /** Its row in `schema_migrations`; versions must run 1, 2, 3 … without gaps. */
  version: number;
  name: string;
  sql: string;
}
