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

/** Single use (RFC 6749 §4.1.2): the first call wins; later calls learn it was replayed. */
export function consumeCode(sql: SqlStorage, codeHash: string, now: number): ConsumedCode {
  const row = sql
    .exec<{
      grant_json: string;
      expires_at: number;
      consumed_at: number | null;
      session_id: string | null;
    }>(
      "SELECT grant_json, expires_at, consumed_at, session_id FROM auth_codes WHERE code_hash = ?",
      codeHash,
    )
    .toArray()[0];
  if (!row) return { status: "invalid", reason: "unknown" };
  const grant = JSON.parse(row.grant_json) as CodeGrant;
  if (row.consumed_at !== null) return { status: "replayed", grant, sessionId: row.session_id };
  sql.exec("UPDATE auth_codes SET consumed_at = ? WHERE code_hash = ?", now, codeHash);
  if (row.expires_at <= now) return { status: "invalid", reason: "expired" };
  return { status: "ok", grant };
}
