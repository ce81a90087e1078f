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
  // Refresh tokens are JWTs; the store keeps only their jti, which links them to a family.
  `ALTER TABLE auth_codes ADD COLUMN session_id TEXT;
   CREATE TABLE refresh_tokens (
     jti TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions (id),
     client_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     rotated_at INTEGER
   );
   CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
   CREATE TABLE revoked_tokens (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
   CREATE TABLE login_requests (
     id TEXT PRIMARY KEY,
     payload TEXT NOT NULL,
     csrf_hash TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE login_failures (
     credential TEXT PRIMARY KEY,
     failures INTEGER NOT NULL,
     locked_until INTEGER,
     updated_at INTEGER NOT NULL
   );`,
  // Personal tokens are JWTs; the store keeps their record and finds a token again by its jti.
  `CREATE TABLE personal_tokens (
     id TEXT PRIMARY KEY,
     jti TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL,
     name TEXT NOT NULL,
     description TEXT,
     tags_json TEXT NOT NULL,
     scopes_json TEXT NOT NULL,
     ip_addresses_json TEXT NOT NULL,
     audience TEXT,
     metadata_json TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
     status_at INTEGER NOT NULL,
     status_reason TEXT,
     status_by TEXT,
     expires_at INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER
   );
   CREATE INDEX personal_tokens_user ON personal_tokens (user_id, id);`,
  // The factors of each sign-in (RFC 8176 `amr`), for ID tokens and step-up decisions.
  "ALTER TABLE sessions ADD COLUMN amr_json TEXT;",
  // WebAuthn ceremony challenges (WebAuthn Level 3 §13.4.3): single use, a few minutes.
  `CREATE TABLE passkey_challenges (
     challenge TEXT PRIMARY KEY,
     purpose TEXT NOT NULL CHECK (purpose IN ('registration', 'authentication')),
     user_id TEXT,
     expires_at INTEGER NOT NULL
   );`,
  // Email verifications (docs/decisions/signup.md): one pending per user, hashes only, 24 h;
  // the sends of the last hour, for the resend limits.
  `CREATE TABLE email_verifications (
     user_id TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     code_digest TEXT NOT NULL,
     interaction_id TEXT,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE email_verification_sends (user_id TEXT NOT NULL, sent_at INTEGER NOT NULL);
   CREATE INDEX email_verification_sends_user ON email_verification_sends (user_id, sent_at);`,
  // Emailed links (password reset, email sign-in): only hashes, single use, minutes long.
  `CREATE TABLE email_tokens (
     token_hash TEXT PRIMARY KEY,
     purpose TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_sign_in')),
     user_id TEXT,
     code_hash TEXT,
     binding_hash TEXT,
     payload TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );`,
  // The portal's email change (docs/decisions/portal.md) is a third purpose of emailed links;
  // SQLite cannot widen a CHECK in place, so the table is rebuilt with its rows.
  `CREATE TABLE email_tokens_v2 (
     token_hash TEXT PRIMARY KEY,
     purpose TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_sign_in', 'email_change')),
     user_id TEXT,
     code_hash TEXT,
     binding_hash TEXT,
     payload TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   INSERT INTO email_tokens_v2 SELECT token_hash, purpose, user_id, code_hash, binding_hash, payload, expires_at FROM email_tokens;
   DROP TABLE email_tokens;
   ALTER TABLE email_tokens_v2 RENAME TO email_tokens;`,
  // What the token paths read of a user, for users with live sessions, under a write clock
  // (docs/decisions/claims-snapshot.md); claims_clock is the store-wide clock, one row.
  // Refresh tokens became opaque handles: the family's grant (scope, resource, org) lives here
  // instead of in a signed token (docs/decisions/token-paths.md).
  `CREATE TABLE user_claims (
     user_id TEXT PRIMARY KEY,
     clock INTEGER NOT NULL,
     writers INTEGER NOT NULL DEFAULT 0,
     lease_until INTEGER NOT NULL DEFAULT 0,
     snapshot_json TEXT
   );
   CREATE TABLE claims_clock (value INTEGER NOT NULL);
   INSERT INTO claims_clock (value) VALUES (0);
   CREATE TABLE refresh_grants (
     session_id TEXT PRIMARY KEY,
     scope TEXT NOT NULL,
     resource_json TEXT NOT NULL,
     org_id TEXT
   );
   ALTER TABLE refresh_tokens ADD COLUMN issued_at INTEGER;`,
  // Upstream sign-in attempts (issue 17): keyed by the state's hash, payload sealed, single use;
  // a consumed row stays (payload emptied) until expiry so a replay is told from a stranger.
  `CREATE TABLE upstream_attempts (
     state_hash TEXT PRIMARY KEY,
     payload TEXT NOT NULL,
     consumed_at INTEGER,
     expires_at INTEGER NOT NULL
   )`,
  // Pushed authorization requests (RFC 9126, docs/decisions/par.md): keyed by the request_uri's
  // hash, payload sealed, single use, one minute; a consumed row stays (emptied) until expiry.
  `CREATE TABLE pushed_requests (
     uri_hash TEXT PRIMARY KEY,
     client_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     consumed_at INTEGER,
     expires_at INTEGER NOT NULL
   )`,
  // Device authorization requests (RFC 8628, docs/decisions/device-flow.md): keyed by the
  // device code's hash, the user code's hash unique; the approval's code key, spent once.
  `CREATE TABLE device_codes (
     device_hash TEXT PRIMARY KEY,
     user_code_hash TEXT NOT NULL UNIQUE,
     client_id TEXT NOT NULL,
     scope TEXT NOT NULL,
     status TEXT NOT NULL,
     code_key TEXT,
     interval_s INTEGER NOT NULL,
     last_polled_at INTEGER,
     expires_at INTEGER NOT NULL
   )`,
  // DPoP (RFC 9449, docs/decisions/dpop.md): proof jtis seen, by the hash of key and jti, until
  // the proof is stale (§11.1); a public client's refresh family bound to its key's thumbprint (§5).
  `CREATE TABLE dpop_proofs (replay_key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
   ALTER TABLE refresh_grants ADD COLUMN dpop_jkt TEXT`,
  // An rp session's refresh grant moves onto its row: the code exchange writes one row where it
  // wrote two, and a rotation reads the grant with the session (docs/decisions/token-paths.md).
  `ALTER TABLE sessions ADD COLUMN grant_scope TEXT;
   ALTER TABLE sessions ADD COLUMN grant_resource_json TEXT;
   ALTER TABLE sessions ADD COLUMN grant_org_id TEXT;
   ALTER TABLE sessions ADD COLUMN dpop_jkt TEXT;
   UPDATE sessions SET grant_scope = g.scope, grant_resource_json = g.resource_json,
       grant_org_id = g.org_id, dpop_jkt = g.dpop_jkt
     FROM refresh_grants AS g WHERE g.session_id = sessions.id;
   DROP TABLE refresh_grants`,
  // The token paths never read sessions by expiry, and the alarm finds lapses by an expression
  // over two columns that this index cannot serve (only the alarm's claims clean-up used it, for a
  // range that holds every live session anyway); every session inserted paid a written row for it.
  "DROP INDEX sessions_expiry",
];

/** Durable Object SQLite refuses PRAGMA user_version, so the version lives in a table. */
export function migrateStore(
  sql: SqlStorage,
  migrations: readonly string[] = STORE_MIGRATIONS,
): void {
  sql.exec("CREATE TABLE IF NOT EXISTS store_schema (version INTEGER NOT NULL)");
  const row = sql.exec<{ version: number }>("SELECT version FROM store_schema").toArray()[0];
  if (!row) sql.exec("INSERT INTO store_schema (version) VALUES (0)");
  for (let i = row?.version ?? 0; i < migrations.length; i++) {
    sql.exec(migrations[i]!);
    sql.exec("UPDATE store_schema SET version = ?", i + 1);
  }
}

const DAY_MS = 86_400_000;

/**
 * Deletes what no longer matters: codes past their replay memory, stale login state, revoked
 * and refresh token records past expiry, sessions ended and personal tokens expired 30 days ago. Returns when to run next
 * (the earliest code expiry still to handle), or null when the store is empty.
 */
export function cleanUp(sql: SqlStorage, now: number, replayMemoryMs: number): number | null {
  sql.exec("DELETE FROM auth_codes WHERE expires_at + ? <= ?", replayMemoryMs, now);
  sql.exec("DELETE FROM login_requests WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM passkey_challenges WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM email_verifications WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM email_verification_sends WHERE sent_at <= ?", now - DAY_MS);
  sql.exec("DELETE FROM email_tokens WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM upstream_attempts WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM pushed_requests WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM device_codes WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM dpop_proofs WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM revoked_tokens WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM refresh_tokens WHERE expires_at <= ?", now);
  sql.exec("DELETE FROM personal_tokens WHERE expires_at <= ?", now - 30 * DAY_MS);
  sql.exec(
    "DELETE FROM login_failures WHERE coalesce(locked_until, 0) <= ? AND updated_at <= ?",
    now,
    now - DAY_MS,
  );
  // A user with no live session needs no snapshot; the store-wide clock keeps fills honest.
  sql.exec(
    `DELETE FROM user_claims WHERE lease_until <= ? AND user_id NOT IN
       (SELECT user_id FROM sessions WHERE status = 'active' AND expires_at > ?)`,
    now,
    now,
  );
  sql.exec(
    `DELETE FROM sessions WHERE coalesce(ended_at, expires_at) <= ?
       AND id NOT IN (SELECT session_id FROM refresh_tokens)
       AND id NOT IN (SELECT parent_id FROM sessions WHERE parent_id IS NOT NULL)`,
    now - 30 * DAY_MS,
  );
  const code = sql
    .exec<{ next: number | null }>("SELECT min(expires_at) AS next FROM auth_codes")
    .one().next;
  if (code !== null) return code + replayMemoryMs;
  const rest = sql
    .exec<{ n: number }>(
      `SELECT (SELECT count(*) FROM login_requests) + (SELECT count(*) FROM revoked_tokens)
        + (SELECT count(*) FROM refresh_tokens) + (SELECT count(*) FROM login_failures)
        + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM personal_tokens)
        + (SELECT count(*) FROM passkey_challenges)
        + (SELECT count(*) FROM email_verifications) + (SELECT count(*) FROM email_tokens)
        + (SELECT count(*) FROM user_claims)
        + (SELECT count(*) FROM upstream_attempts)
        + (SELECT count(*) FROM pushed_requests)
        + (SELECT count(*) FROM device_codes)
        + (SELECT count(*) FROM dpop_proofs) AS n`,
    )
    .one().n;
  return rest > 0 ? now + DAY_MS : null;
}
