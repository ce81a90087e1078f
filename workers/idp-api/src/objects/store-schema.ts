/** Migrations of the issuer store's SQLite database, applied in order and recorded by number. */
export const STORE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE auth_codes (
     code_hash TEXT PRIMARY KEY,
     grant_json TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     consumed_at INTEGER
   );
   CREATE INDEX auth_codes_expiry ON auth_codes (expires_at);`,
  // One table for both session kinds: `op` is the SSO anchor behind the cookie, `rp` is one per
  // client, created at the code exchange, linked by parent_id; its refresh tokens are one family.
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     type TEXT NOT NULL CHECK (type IN ('op', 'rp')),
     parent_id TEXT REFERENCES sessions (id),
     user_id TEXT NOT NULL,
     client_id TEXT,
     status TEXT NOT NULL DEFAULT 'active'
       CHECK (status IN ('active', 'suspended', 'revoked', 'expired')),
     auth_method TEXT,
     auth_time INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     last_active_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     idle_timeout_ms INTEGER NOT NULL,
     ended_at INTEGER,
     ended_reason TEXT,
     cookie_secret_hash TEXT,
     refresh_count INTEGER NOT NULL DEFAULT 0,
     device_json TEXT
   );
   CREATE INDEX sessions_parent ON sessions (parent_id);
   CREATE INDEX sessions_user ON sessions (user_id, created_at);
   CREATE INDEX sessions_expiry ON sessions (expires_at);`,
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
