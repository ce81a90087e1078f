import type { RefreshGrant } from "@authpi/domain/tokens";

type Row = { scope: string; resource_json: string; org_id: string | null };

/** Files what an rp session's refresh handles stand for; the first grant filed stays. */
export function saveRefreshGrant(sql: SqlStorage, sessionId: string, grant: RefreshGrant): void {
  sql.exec(
    `INSERT OR IGNORE INTO refresh_grants (session_id, scope, resource_json, org_id)
       VALUES (?, ?, ?, ?)`,
    sessionId,
    grant.scope,
    JSON.stringify(grant.resource),
    grant.orgId,
  );
}

export function readRefreshGrant(sql: SqlStorage, sessionId: string): RefreshGrant | null {
  const row = sql
    .exec<Row>(
      "SELECT scope, resource_json, org_id FROM refresh_grants WHERE session_id = ?",
      sessionId,
    )
    .toArray()[0];
  if (!row) return null;
  return {
    scope: row.scope,
    resource: JSON.parse(row.resource_json) as string[],
    orgId: row.org_id,
  };
}

/** Binds an rp session's refresh family to a DPoP key (RFC 9449 §5, public clients). */
export function bindRefreshFamily(sql: SqlStorage, sessionId: string, jkt: string): void {
  sql.exec("UPDATE refresh_grants SET dpop_jkt = ? WHERE session_id = ?", jkt, sessionId);
}

/** The DPoP key thumbprint a refresh family is bound to; null when it is not bound. */
export function refreshFamilyJkt(sql: SqlStorage, sessionId: string): string | null {
  const row = sql
    .exec<{ dpop_jkt: string | null }>(
      "SELECT dpop_jkt FROM refresh_grants WHERE session_id = ?",
      sessionId,
    )
    .toArray()[0];
  return row?.dpop_jkt ?? null;
}
