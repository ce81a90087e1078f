import type { OpSessionInit, SessionView } from "@authpi/domain/oauth";
import type { ClaimsEntry, RefreshGrant } from "@authpi/domain/tokens";
import { CLAIMS_OF_SESSION, type ClaimsColumn, entryOfColumn } from "./user-claims.ts";

/** At most 50 live sessions per user; the 51st ends the oldest (docs/decisions/wire-contract.md §4). */
export const MAX_SESSIONS_PER_USER = 50;

export type SessionRow = {
  id: string;
  type: "op" | "rp";
  parent_id: string | null;
  user_id: string;
  client_id: string | null;
  status: SessionView["status"];
  auth_method: string | null;
  auth_time: number;
  created_at: number;
  last_active_at: number;
  expires_at: number;
  idle_timeout_ms: number;
  ended_at: number | null;
  ended_reason: string | null;
  cookie_secret_hash: string | null;
  refresh_count: number;
  device_json: string | null;
  amr_json: string | null;
  /** An rp session's refresh grant (refresh-grants.ts); null on op sessions. */
  grant_scope: string | null;
  grant_resource_json: string | null;
  grant_org_id: string | null;
  /** The DPoP key thumbprint an rp session's refresh family is bound to (RFC 9449 §5). */
  dpop_jkt: string | null;
};

/** Sessions from before `amr` was stored were password sign-ins. */
function amrOf(row: SessionRow): string[] {
  if (row.amr_json) return JSON.parse(row.amr_json) as string[];
  return row.auth_method === "password" ? ["pwd"] : [];
}

export function toView(row: SessionRow, now: number): SessionView {
  const lapsed = row.status === "active" && !withinLimits(row, now);
  return {
    id: row.id,
    type: row.type,
    parentId: row.parent_id,
    userId: row.user_id,
    clientId: row.client_id,
    status: lapsed ? "expired" : row.status,
    authMethod: row.auth_method,
    amr: amrOf(row),
    authTime: row.auth_time,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    expiresAt: row.expires_at,
    idleTimeoutMs: row.idle_timeout_ms,
    endedAt: row.ended_at,
    endedReason: row.ended_reason,
    refreshCount: row.refresh_count,
    device: row.device_json ? (JSON.parse(row.device_json) as Record<string, unknown>) : null,
  };
}

/** What a liveness check reads of a session row: whose it is, its parent, and its limits. */
export type LiveRow = Pick<
  SessionRow,
  "id" | "parent_id" | "user_id" | "status" | "expires_at" | "last_active_at" | "idle_timeout_ms"
>;

const LIVE_COLUMNS =
  "s.id, s.parent_id, s.user_id, s.status, s.expires_at, s.last_active_at, s.idle_timeout_ms";

function withinLimits(row: LiveRow, now: number): boolean {
  return row.expires_at > now && row.last_active_at + row.idle_timeout_ms > now;
}

export function readSession(sql: SqlStorage, id: string): SessionRow | undefined {
  return sql.exec<SessionRow>("SELECT * FROM sessions WHERE id = ?", id).toArray()[0];
}

/** A session that may still be used: active, within its lifetime and idle limit. */
export function isLive<R extends LiveRow>(row: R | undefined, now: number): row is R {
  return row !== undefined && row.status === "active" && withinLimits(row, now);
}

/**
 * Session rows with their user's claims entry (user-claims.ts), every row by primary key. The
 * statements are built once: the object's SQL cache keys statements by the identity of the
 * interned query string, and a string built on every call is hashed and interned on every call.
 */
const SESSION_WITH_CLAIMS = `SELECT s.*, ${CLAIMS_OF_SESSION} AS claims_json
  FROM sessions s WHERE s.id = ?`;

/**
 * A token check's tree: rp session `?1` and its op parent, only the columns liveness needs (each
 * column read costs), the user's claims entry on the rp row only.
 */
const LIVE_TREE = `SELECT ${LIVE_COLUMNS}, CASE WHEN s.id = ?1 THEN ${CLAIMS_OF_SESSION} END AS claims_json
  FROM sessions s WHERE s.id IN (?1, (SELECT parent_id FROM sessions WHERE id = ?1))`;

export type RowWithClaims<R extends LiveRow = SessionRow> = R & ClaimsColumn;

/** A session with its user's claims entry: one statement where two were. */
export function readSessionWithClaims(
  sql: SqlStorage,
  id: string,
): { session: SessionRow; claims: ClaimsEntry | undefined } | undefined {
  const row = sql.exec<RowWithClaims>(SESSION_WITH_CLAIMS, id).toArray()[0];
  return row && { session: row, claims: entryOfColumn(row) };
}

/**
 * A live rp session whose op parent is live too, with the user's claims entry, read in one
 * statement (both rows by primary key) where three were; only the columns a check needs.
 */
export function liveTree(sql: SqlStorage, id: string, now: number): LiveTree<LiveRow> | null {
  const rows = sql.exec<RowWithClaims<LiveRow>>(LIVE_TREE, id).toArray();
  return liveTreeOf(rows, id, now);
}

export type LiveTree<R extends LiveRow = SessionRow> = {
  session: R;
  parent: R;
  claims: ClaimsEntry | undefined;
};

/** The live tree of rp session `id` among rows read with it (the claims on its row). */
export function liveTreeOf<R extends LiveRow>(
  rows: RowWithClaims<R>[],
  id: string,
  now: number,
): LiveTree<R> | null {
  const session = rows.find((row) => row.id === id);
  if (!isLive(session, now) || session.parent_id === null) return null;
  const parent = rows.find((row) => row.id === session.parent_id);
  return isLive(parent, now) ? { session, parent, claims: entryOfColumn(session) } : null;
}

/**
 * Marks a session used now, counting a refresh when it is one, and returns its row as it then
 * stands. The row was read in the same synchronous step, so the copy is what a read back (or a
 * `RETURNING *`) would give, without converting its columns again.
 */
export function touchedSession(
  sql: SqlStorage,
  row: SessionRow,
  now: number,
  refreshed = false,
): SessionRow {
  const counted = refreshed ? 1 : 0;
  sql.exec(
    "UPDATE sessions SET last_active_at = ?, refresh_count = refresh_count + ? WHERE id = ?",
    now,
    counted,
    row.id,
  );
  return { ...row, last_active_at: now, refresh_count: row.refresh_count + counted };
}

/**
 * How stale an op session's `last_active_at` may get before a token path writes it again: a
 * minute, or a thirtieth of its idle limit when that is shorter, so an idle lapse is at most that
 * early. A session is marked when a code is issued for it, so the code exchange right after,
 * and most refreshes, write one row fewer (docs/decisions/token-paths.md).
 */
const TOUCH_INTERVAL_MS = 60_000;

/** Marks an op session used now unless it was within its touch interval; returns its row. */
export function touchedParent(sql: SqlStorage, parent: SessionRow, now: number): SessionRow {
  const interval = Math.min(TOUCH_INTERVAL_MS, parent.idle_timeout_ms / 30);
  if (now - parent.last_active_at < interval) return parent;
  return touchedSession(sql, parent, now);
}

export function touch(sql: SqlStorage, ids: string[], now: number): void {
  for (const id of ids) sql.exec("UPDATE sessions SET last_active_at = ? WHERE id = ?", now, id);
}

export function createOpSession(sql: SqlStorage, init: OpSessionInit, now: number): SessionRow {
  sql.exec(
    `INSERT INTO sessions (id, type, user_id, auth_method, auth_time, created_at, last_active_at,
       expires_at, idle_timeout_ms, cookie_secret_hash, device_json, amr_json)
     VALUES (?, 'op', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    init.id,
    init.userId,
    init.authMethod,
    init.authTime,
    now,
    now,
    now + init.maxAgeMs,
    init.idleTimeoutMs,
    init.secretHash,
    init.device ? JSON.stringify(init.device) : null,
    init.amr ? JSON.stringify(init.amr) : null,
  );
  const live = sql
    .exec<{ id: string }>(
      `SELECT id FROM sessions WHERE type = 'op' AND user_id = ? AND status = 'active'
         AND expires_at > ? ORDER BY created_at DESC, id DESC`,
      init.userId,
      now,
    )
    .toArray();
  for (const old of live.slice(MAX_SESSIONS_PER_USER))
    endTree(sql, old.id, "expired", "session_limit", now);
  return readSession(sql, init.id) as SessionRow;
}

/** Opens an rp session under its op parent, with the refresh grant its handles stand for. */
export function createRpSession(
  sql: SqlStorage,
  parent: SessionRow,
  init: { id: string; clientId: string; grant: RefreshGrant; dpopJkt: string | null },
  now: number,
): SessionRow {
  // The row as the insert files it (the columns left out take their defaults), built here
  // rather than read back: issuer-store.test.ts holds it equal to the stored row.
  const row: SessionRow = {
    id: init.id,
    type: "rp",
    parent_id: parent.id,
    user_id: parent.user_id,
    client_id: init.clientId,
    status: "active",
    auth_method: parent.auth_method,
    auth_time: parent.auth_time,
    created_at: now,
    last_active_at: now,
    expires_at: parent.expires_at,
    idle_timeout_ms: parent.idle_timeout_ms,
    ended_at: null,
    ended_reason: null,
    cookie_secret_hash: null,
    refresh_count: 0,
    device_json: null,
    amr_json: null,
    grant_scope: init.grant.scope,
    grant_resource_json: JSON.stringify(init.grant.resource),
    grant_org_id: init.grant.orgId,
    dpop_jkt: init.dpopJkt,
  };
  sql.exec(
    `INSERT INTO sessions (id, type, parent_id, user_id, client_id, auth_method, auth_time,
       created_at, last_active_at, expires_at, idle_timeout_ms, grant_scope, grant_resource_json,
       grant_org_id, dpop_jkt)
     VALUES (?, 'rp', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    row.id,
    row.parent_id,
    row.user_id,
    row.client_id,
    row.auth_method,
    row.auth_time,
    row.created_at,
    row.last_active_at,
    row.expires_at,
    row.idle_timeout_ms,
    row.grant_scope,
    row.grant_resource_json,
    row.grant_org_id,
    row.dpop_jkt,
  );
  return row;
}

/** Ends a session and, for an op session, every rp session under it; returns what ended. */
export function endTree(
  sql: SqlStorage,
  id: string,
  status: "revoked" | "expired",
  reason: string,
  now: number,
): SessionRow[] {
  const ended = sql
    .exec<SessionRow>(
      `UPDATE sessions SET status = ?, ended_at = ?, ended_reason = ?
       WHERE (id = ? OR parent_id = ?) AND status IN ('active', 'suspended') RETURNING *`,
      status,
      now,
      reason,
      id,
      id,
    )
    .toArray();
  return ended;
}

/** Ends every live session of a user (each op session with its rp sessions). */
export function endUserSessions(
  sql: SqlStorage,
  userId: string,
  reason: string,
  now: number,
): SessionRow[] {
  return sql
    .exec<SessionRow>(
      `UPDATE sessions SET status = 'revoked', ended_at = ?, ended_reason = ?
       WHERE user_id = ? AND status IN ('active', 'suspended') RETURNING *`,
      now,
      reason,
      userId,
    )
    .toArray();
}

/** Ends a user's live rp sessions of one client (each with its refresh-token family). */
export function endClientSessions(
  sql: SqlStorage,
  userId: string,
  clientId: string,
  reason: string,
  now: number,
): SessionRow[] {
  return sql
    .exec<SessionRow>(
      `UPDATE sessions SET status = 'revoked', ended_at = ?, ended_reason = ?
       WHERE user_id = ? AND type = 'rp' AND client_id = ? AND status IN ('active', 'suspended')
       RETURNING *`,
      now,
      reason,
      userId,
      clientId,
    )
    .toArray();
}

/**
 * Suspends a live session (and, for an op session, its rp sessions), or reactivates a
 * suspended one; a suspended session cannot be used but can come back (docs/decisions/wire-contract.md §4).
 */
export function setSuspended(
  sql: SqlStorage,
  id: string,
  suspended: boolean,
  now: number,
): SessionRow[] {
  const [from, to] = suspended ? ["active", "suspended"] : ["suspended", "active"];
  return sql
    .exec<SessionRow>(
      `UPDATE sessions SET status = ? WHERE (id = ? OR parent_id = ?) AND status = ?
         AND expires_at > ? RETURNING *`,
      to,
      id,
      id,
      from,
      now,
    )
    .toArray();
}

/** Sessions newest first, optionally of one user. */
export function listSessions(sql: SqlStorage, filter: { userId?: string }): SessionRow[] {
  return filter.userId
    ? sql
        .exec<SessionRow>(
          "SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC, id DESC",
          filter.userId,
        )
        .toArray()
    : sql.exec<SessionRow>("SELECT * FROM sessions ORDER BY created_at DESC, id DESC").toArray();
}

/**
 * Live sessions past their absolute or idle limit, and the rp sessions of lapsed op sessions:
 * what the alarm ends next (read first, so their events are written before they change).
 */
export function lapsedSessions(sql: SqlStorage, now: number): SessionRow[] {
  return sql
    .exec<SessionRow>(
      `SELECT * FROM sessions WHERE status = 'active'
         AND (expires_at <= ?1 OR last_active_at + idle_timeout_ms <= ?1)
       UNION
       SELECT * FROM sessions WHERE status IN ('active', 'suspended') AND parent_id IN
         (SELECT id FROM sessions WHERE type = 'op' AND status = 'active'
            AND (expires_at <= ?1 OR last_active_at + idle_timeout_ms <= ?1))`,
      now,
    )
    .toArray();
}

/** Why a lapsed session ended: its absolute limit, its idle limit, or its op session's. */
export function expiryReason(row: SessionRow, now: number): string {
  if (row.expires_at <= now) return "absolute_timeout";
  if (row.last_active_at + row.idle_timeout_ms <= now) return "idle_timeout";
  return "op_session_expired";
}

/** Marks these sessions expired (status `expired`, `ended_at` now, the reason), in one step. */
export function markExpired(sql: SqlStorage, rows: SessionRow[], now: number): SessionRow[] {
  if (rows.length === 0) return [];
  const reasons = JSON.stringify(rows.map((r) => [r.id, expiryReason(r, now)]));
  return sql
    .exec<SessionRow>(
      `UPDATE sessions SET status = 'expired', ended_at = ?,
         ended_reason = (SELECT value ->> 1 FROM json_each(?2) WHERE value ->> 0 = sessions.id)
       WHERE id IN (SELECT value ->> 0 FROM json_each(?2)) AND status IN ('active', 'suspended')
       RETURNING *`,
      now,
      reasons,
    )
    .toArray();
}

/** When the next live session lapses (its absolute or idle limit), or null when none is live. */
export function nextLapse(sql: SqlStorage): number | null {
  return sql
    .exec<{ at: number | null }>(
      `SELECT min(min(expires_at, last_active_at + idle_timeout_ms)) AS at
         FROM sessions WHERE status = 'active'`,
    )
    .one().at;
}
