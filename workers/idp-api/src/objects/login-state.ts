import { afterFailure, UNLOCKED } from "@authpi/domain/login";
import type { LockView, LoginFailure } from "@authpi/domain/oauth";

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

function lockState(sql: SqlStorage, key: string): LockView {
  const row = sql
    .exec<{ failures: number; locked_until: number | null }>(
      "SELECT failures, locked_until FROM login_failures WHERE credential = ?",
      key,
    )
    .toArray()[0];
  return row ? { failures: row.failures, lockedUntil: row.locked_until } : UNLOCKED;
}

export function loginLocks(sql: SqlStorage, keys: string[]): Record<string, LockView> {
  return Object.fromEntries(keys.map((key) => [key, lockState(sql, key)]));
}

/** Counts one failure under each key atomically (no await between the reads and the writes). */
export function recordLoginFailures(
  sql: SqlStorage,
  failures: LoginFailure[],
  now: number,
): LockView[] {
  return failures.map(({ key, ...policy }) => {
    const next = afterFailure(lockState(sql, key), now, policy);
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
  });
}
