import type {
  CreatePersonalTokenResult,
  PersonalTokenQuery,
  PersonalTokenRecord,
} from "@authpi/domain/tokens";

type Row = {
  id: string;
  jti: string;
  user_id: string;
  name: string;
  description: string | null;
  tags_json: string;
  scopes_json: string;
  ip_addresses_json: string;
  audience: string | null;
  metadata_json: string;
  status: "active" | "revoked";
  status_at: number;
  status_reason: string | null;
  status_by: string | null;
  expires_at: number;
  created_at: number;
  updated_at: number | null;
};

function toRecord(row: Row): PersonalTokenRecord {
  return {
    id: row.id,
    jti: row.jti,
    userId: row.user_id,
    name: row.name,
    description: row.description,
    tags: JSON.parse(row.tags_json) as string[],
    scopes: JSON.parse(row.scopes_json) as string[],
    ipAddresses: JSON.parse(row.ip_addresses_json) as string[],
    audience: row.audience,
    metadata: JSON.parse(row.metadata_json) as Record<string, unknown>,
    status: row.status,
    statusAt: row.status_at,
    statusReason: row.status_reason,
    statusBy: row.status_by,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function one(sql: SqlStorage, where: string, value: string): PersonalTokenRecord | null {
  const row = sql.exec<Row>(`SELECT * FROM personal_tokens WHERE ${where} = ?`, value).toArray()[0];
  return row ? toRecord(row) : null;
}

export const getPersonalToken = (sql: SqlStorage, id: string) => one(sql, "id", id);
export const findPersonalTokenByJti = (sql: SqlStorage, jti: string) => one(sql, "jti", jti);

/** The limit and the name check read and write with no await between them. */
export function createPersonalToken(
  sql: SqlStorage,
  r: PersonalTokenRecord,
  max: number,
  now: number,
): CreatePersonalTokenResult {
  const live = sql
    .exec<{ name: string }>(
      "SELECT name FROM personal_tokens WHERE user_id = ? AND status = 'active' AND expires_at > ?",
      r.userId,
      now,
    )
    .toArray();
  if (live.some((t) => t.name === r.name)) return { status: "name_taken" };
  if (live.length >= max) return { status: "limit" };
  sql.exec(
    `INSERT INTO personal_tokens (id, jti, user_id, name, description, tags_json, scopes_json,
       ip_addresses_json, audience, metadata_json, status, status_at, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
    r.id,
    r.jti,
    r.userId,
    r.name,
    r.description,
    JSON.stringify(r.tags),
    JSON.stringify(r.scopes),
    JSON.stringify(r.ipAddresses),
    r.audience,
    JSON.stringify(r.metadata),
    r.statusAt,
    r.expiresAt,
    r.createdAt,
  );
  return { status: "ok" };
}

/** Newest first by id; an unknown status (`blocked`, `suspended`) matches nothing here. */
export function listPersonalTokens(
  sql: SqlStorage,
  q: PersonalTokenQuery,
  now: number,
): PersonalTokenRecord[] {
  const status = q.status ?? "all";
  return sql
    .exec<Row>(
      `SELECT * FROM personal_tokens
       WHERE user_id = ? AND (? IS NULL OR id < ?)
         AND (CASE ?
           WHEN 'all' THEN 1
           WHEN 'active' THEN status = 'active' AND expires_at > ?
           WHEN 'expired' THEN status = 'active' AND expires_at <= ?
           WHEN 'revoked' THEN status = 'revoked'
           ELSE 0 END)
       ORDER BY id DESC LIMIT ?`,
      q.userId,
      q.cursor ?? null,
      q.cursor ?? null,
      status,
      now,
      now,
      q.limit,
    )
    .toArray()
    .map(toRecord);
}

export function revokePersonalToken(
  sql: SqlStorage,
  id: string,
  change: { reason: string | null; by: string },
  now: number,
): PersonalTokenRecord | null {
  sql.exec(
    `UPDATE personal_tokens SET status = 'revoked', status_at = ?, status_reason = ?,
       status_by = ?, updated_at = ? WHERE id = ? AND status = 'active'`,
    now,
    change.reason,
    change.by,
    now,
    id,
  );
  return getPersonalToken(sql, id);
}

export function deletePersonalToken(sql: SqlStorage, id: string): PersonalTokenRecord | null {
  const gone = getPersonalToken(sql, id);
  sql.exec("DELETE FROM personal_tokens WHERE id = ?", id);
  return gone;
}
