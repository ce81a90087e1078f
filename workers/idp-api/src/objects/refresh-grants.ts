import type { RefreshGrant } from "@authpi/domain/tokens";
import type { SessionRow } from "./sessions.ts";

/**
 * What an rp session's refresh handles stand for, read off its row (the grant is filed with the
 * session at the code exchange); null when nothing was filed.
 */
export function grantOf(session: SessionRow): RefreshGrant | null {
  if (session.grant_scope === null) return null;
  return {
    scope: session.grant_scope,
    resource: JSON.parse(session.grant_resource_json ?? "[]") as string[],
    orgId: session.grant_org_id,
  };
}

/**
 * Files the grant of a family that has none (a legacy signed refresh token's, on its first
 * rotation); the first grant filed stays.
 */
export function fileRefreshGrant(sql: SqlStorage, sessionId: string, grant: RefreshGrant): void {
  sql.exec(
    `UPDATE sessions SET grant_scope = ?, grant_resource_json = ?, grant_org_id = ?
       WHERE id = ? AND grant_scope IS NULL`,
    grant.scope,
    JSON.stringify(grant.resource),
    grant.orgId,
    sessionId,
  );
}
