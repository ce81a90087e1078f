import { afterFailure, UNLOCKED } from "@authpi/domain/login/lockout";
import type { LockView } from "@authpi/domain/oauth/issuer-store";

export function saveLoginRequest(
  sql: SqlStorage,
  id: string,
  payload: string,
  csrfHash: string,
  expiresAt: number,
): void {
  sql.exec(
    "INSERT INTO login_requests (id, payload, csrf_hash, expires_at) VALUES (?, ?, ?, ?)",
    id,
    payload,
    csrfHash,
    expiresAt,
  );
}

export function loadLoginRequest(sql: SqlStorage, id: string, now: number) {
  const row = sql
    .exec<{ payload: string; csrf_hash: string; expires_at: number }>(
      "SELECT payload, csrf_hash, expires_at FROM login_requests WHERE id = ?",
      id,
    )
    .toArray()[0];
  if (!row || row.expires_at <= now) return null;
  return { payload: row.payload, csrfHash: row.csrf_hash };
}

export function lockState(sql: SqlStorage, key: string): LockView {
  const row = sql
    .exec<{ failures: number; locked_until: number | null }>(
      "SELECT failures, locked_until FROM login_failures WHERE credential = ?",
      key,
    )
    .toArray()[0];
  return row ? { failures: row.failures, lockedUntil: row.locked_until } : UNLOCKED;
}

/** Counts one failure atomically (no await between read and write). */
export function recordLoginFailure(sql: SqlStorage, key: string, now: number): LockView {
  const next = afterFailure(lockState(sql, key), now);
  sql.exec(
    `INSERT INTO login_failures (credential, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (credential) DO UPDATE SET failures = excluded.failures,
       locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
    key,
    next.failures,
    next.lockedUntil,
    now,
  );
  return next;
}
