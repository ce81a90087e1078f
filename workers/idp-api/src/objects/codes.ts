import type { CodeGrant } from "@authpi/domain/oauth";

export type ConsumedCode =
  | { status: "ok"; grant: CodeGrant }
  | { status: "replayed"; grant: CodeGrant; sessionId: string | null }
  | { status: "invalid"; reason: "unknown" | "expired" };

export function saveCode(sql: SqlStorage, codeHash: string, grant: CodeGrant, expiresAt: number) {
  sql.exec(
    "INSERT INTO auth_codes (code_hash, grant_json, expires_at) VALUES (?, ?, ?)",
    codeHash,
    JSON.stringify(grant),
    expiresAt,
  );
}

/**
 * Single use (RFC 6749 §4.1.2): the first call claims the code in one statement, noting the
 * session its exchange opens (`sessionId`) so that a replay can revoke it; later calls learn it
 * was replayed, with that session.
 */
export function consumeCode(
  sql: SqlStorage,
  codeHash: string,
  now: number,
  sessionId: string | null = null,
): ConsumedCode {
  const claimed = sql
    .exec<{ grant_json: string; expires_at: number }>(
      `UPDATE auth_codes SET consumed_at = ?, session_id = ?
         WHERE code_hash = ? AND consumed_at IS NULL RETURNING grant_json, expires_at`,
      now,
      sessionId,
      codeHash,
    )
    .toArray()[0];
  if (claimed) {
    if (claimed.expires_at > now) return { status: "ok", grant: JSON.parse(claimed.grant_json) };
    if (sessionId !== null) unlinkCodeSession(sql, codeHash);
    return { status: "invalid", reason: "expired" };
  }
  const spent = sql
    .exec<{ grant_json: string; session_id: string | null }>(
      "SELECT grant_json, session_id FROM auth_codes WHERE code_hash = ?",
      codeHash,
    )
    .toArray()[0];
  if (!spent) return { status: "invalid", reason: "unknown" };
  const grant = JSON.parse(spent.grant_json) as CodeGrant;
  return { status: "replayed", grant, sessionId: spent.session_id };
}

/** A spent code whose exchange opened no session after all: its replay has nothing to revoke. */
export function unlinkCodeSession(sql: SqlStorage, codeHash: string): void {
  sql.exec("UPDATE auth_codes SET session_id = NULL WHERE code_hash = ?", codeHash);
}
