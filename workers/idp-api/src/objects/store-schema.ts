/** Migrations of the issuer store's SQLite database, applied in order and recorded by number. */
export const STORE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE auth_codes (
     code_hash TEXT PRIMARY KEY,
     grant_json TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     consumed_at INTEGER
   );
   CREATE INDEX auth_codes_expiry ON auth_codes (expires_at);`,
];

/** Durable Object SQLite refuses PRAGMA user_version, so the version lives in a table. */
export function migrateStore(sql: SqlStorage): void {
  sql.exec("CREATE TABLE IF NOT EXISTS store_schema (version INTEGER NOT NULL)");
  const row = sql.exec<{ version: number }>("SELECT version FROM store_schema").toArray()[0];
  if (!row) sql.exec("INSERT INTO store_schema (version) VALUES (0)");
  for (let i = row?.version ?? 0; i < STORE_MIGRATIONS.length; i++) {
    sql.exec(STORE_MIGRATIONS[i]!);
    sql.exec("UPDATE store_schema SET version = ?", i + 1);
  }
}
