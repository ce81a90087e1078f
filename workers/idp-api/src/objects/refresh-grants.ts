import type { RefreshGrant } from "@authpi/domain/tokens";

type Row = { scope: string; resource_json: string; org_id: string | null; dpop_jkt: string | null };

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

/** What an rp session's refresh handles stand for; null when nothing was filed. */
export function readRefreshGrant(sql: SqlStorage, sessionId: string): RefreshGrant | null {
  return readRefreshFamily(sql, sessionId)?.grant ?? null;
}

/**
 * An rp session's refresh family in one read: its grant and the DPoP key thumbprint it is bound
 * to (RFC 9449 §5, public clients; null when not bound); null when nothing was filed.
 */
export function readRefreshFamily(
  sql: SqlStorage,
  sessionId: string,
): { grant: RefreshGrant; jkt: string | null } | null {
  const row = sql
    .exec<Row>(
      "SELECT scope, resource_json, org_id, dpop_jkt FROM refresh_grants WHERE session_id = ?",
      sessionId,
    )
    .toArray()[0];
  if (!row) return null;
  const grant = {
    scope: row.scope,
    resource: JSON.parse(row.resource_json) as string[],
    orgId: row.org_id,
  };
  return { grant, jkt: row.dpop_jkt };
}

/** Binds an rp session's refresh family to a DPoP key (RFC 9449 §5, public clients). */
export function bindRefreshFamily(sql: SqlStorage, sessionId: string, jkt: string): void {
  sql.exec("UPDATE refresh_grants SET dpop_jkt = ? WHERE session_id = ?", jkt, sessionId);
}
