import {
  type DpopReplay,
  parseScope,
  type RedeemCodeResult,
  type RefreshSuccessor,
  type RotateRefreshResult,
  type RpSessionInit,
  unknownScopes,
} from "@authpi/domain/oauth";
import type { ClaimsLookup, RefreshRecord } from "@authpi/domain/tokens";
import { consumeCode, unlinkCodeSession } from "./codes.ts";
import { useDpopProof } from "./dpop-proofs.ts";
import { fileRefreshGrant, grantOf } from "./refresh-grants.ts";
import {
  createRpSession,
  endTree,
  isLive,
  type LiveRow,
  type LiveTree,
  liveTree,
  liveTreeOf,
  type RowWithClaims,
  readSessionWithClaims,
  touchedParent,
  touchedSession,
  toView,
} from "./sessions.ts";
import { CLAIMS_OF_SESSION, claimsFromEntry, lookUpClaims } from "./user-claims.ts";

/**
 * Consumes the code and opens its rp session with the first refresh token in one synchronous
 * step. A replayed code revokes the rp session the first redemption opened (RFC 9700 §4.2.4).
 */
export function redeemCode(
  sql: SqlStorage,
  codeHash: string,
  clientId: string,
  rp: RpSessionInit,
  now: number,
  dpop?: DpopReplay,
): RedeemCodeResult {
  // RFC 9449 §11.1: a replayed proof is refused before the code is spent.
  if (dpop && !useDpopProof(sql, dpop, now)) return { status: "dpop_replayed" };
  const consumed = consumeCode(sql, codeHash, now, rp.id);
  if (consumed.status === "invalid") return { status: "invalid", reason: consumed.reason };
  if (consumed.status === "replayed") {
    const sessionId = consumed.sessionId;
    if (sessionId) endTree(sql, sessionId, "revoked", "code_replayed", now);
    return { status: "replayed", revokedSessionId: sessionId };
  }
  if (consumed.grant.clientId !== clientId) {
    unlinkCodeSession(sql, codeHash);
    return { status: "invalid", reason: "client" };
  }
  const op = readSessionWithClaims(sql, consumed.grant.sessionId);
  const parent = op?.session;
  if (!isLive(parent, now)) {
    unlinkCodeSession(sql, codeHash);
    return { status: "invalid", reason: "session" };
  }
  const { scope, resource, orgId } = consumed.grant;
  const session = createRpSession(
    sql,
    parent,
    { id: rp.id, clientId, grant: { scope, resource, orgId }, dpopJkt: rp.dpopJkt || null },
    now,
  );
  insertRefresh(sql, rp.refreshJti, session.id, clientId, rp.refreshExpiresAt, now);
  const touched = touchedParent(sql, parent, now);
  return {
    status: "ok",
    grant: consumed.grant,
    session: toView(session, now),
    parent: toView(touched, now),
    claims: claimsFromEntry(sql, parent.user_id, op?.claims, now),
  };
}

type RefreshRow = {
  session_id: string;
  client_id: string;
  expires_at: number;
  rotated_at: number | null;
  issued_at: number | null;
};

function readRefresh(sql: SqlStorage, jti: string): RefreshRow | undefined {
  return sql
    .exec<RefreshRow>(
      `SELECT session_id, client_id, expires_at, rotated_at, issued_at
         FROM refresh_tokens WHERE jti = ?`,
      jti,
    )
    .toArray()[0];
}

type FamilyRow = RowWithClaims & { token_json: string };

/** The handle `?1`'s session id: a scalar subquery by primary key. */
const SESSION_OF_TOKEN = "(SELECT session_id FROM refresh_tokens WHERE jti = ?1)";

/**
 * The handle's session tree with the user's claims entry on the rp row and the handle's own
 * columns on every row, all by primary key and as scalar subqueries, not joins (user-claims.ts
 * says why). Built once: the object's SQL cache keys statements by the interned query string.
 */
const FAMILY = `SELECT s.*,
    CASE WHEN s.id = ${SESSION_OF_TOKEN} THEN ${CLAIMS_OF_SESSION} END AS claims_json,
    (SELECT json_array(session_id, client_id, expires_at, rotated_at, issued_at)
      FROM refresh_tokens WHERE jti = ?1) AS token_json
  FROM sessions s
  WHERE s.id IN (${SESSION_OF_TOKEN}, (SELECT parent_id FROM sessions WHERE id = ${SESSION_OF_TOKEN}))`;

function tokenOfColumn(json: string): RefreshRow {
  const [session_id, client_id, expires_at, rotated_at, issued_at] = JSON.parse(json) as [
    string,
    string,
    number,
    number | null,
    number | null,
  ];
  return { session_id, client_id, expires_at, rotated_at, issued_at };
}

/**
 * A refresh handle with its family's live session tree and the user's claims entry, in one
 * statement where three were. A handle always has its rp session row (a foreign key, and the
 * clean-up keeps sessions that handles name), so no row means no such handle.
 */
function readFamily(
  sql: SqlStorage,
  jti: string,
  now: number,
): { token: RefreshRow; tree: LiveTree | null } | undefined {
  const rows = sql.exec<FamilyRow>(FAMILY, jti).toArray();
  const first = rows[0];
  if (!first) return undefined;
  const token = tokenOfColumn(first.token_json);
  return { token, tree: liveTreeOf(rows, token.session_id, now) };
}

/** A handle that is current (not rotated, not expired) in a live session tree; null otherwise. */
function currentFamily(
  sql: SqlStorage,
  key: string,
  now: number,
): { token: RefreshRow; tree: LiveTree } | null {
  const family = readFamily(sql, key, now);
  if (!family?.tree || family.token.rotated_at !== null || family.token.expires_at <= now) {
    return null;
  }
  return { token: family.token, tree: family.tree };
}

function insertRefresh(
  sql: SqlStorage,
  jti: string,
  sessionId: string,
  clientId: string,
  expiresAt: number,
  now: number,
): void {
  sql.exec(
    `INSERT INTO refresh_tokens (jti, session_id, client_id, expires_at, issued_at)
       VALUES (?, ?, ?, ?, ?)`,
    jti,
    sessionId,
    clientId,
    expiresAt,
    now,
  );
}

/** Single-use rotation (RFC 9700 §4.14.2): check and write with no await between them. */
export function rotateRefresh(
  sql: SqlStorage,
  jti: string,
  clientId: string,
  next: RefreshSuccessor,
  now: number,
  dpop?: DpopReplay & { jkt: string },
): RotateRefreshResult {
  if (dpop && !useDpopProof(sql, dpop, now)) return { status: "dpop_replayed" };
  const family = readFamily(sql, jti, now);
  if (!family || family.token.client_id !== clientId) return { status: "invalid" };
  const row = family.token;
  if (row.rotated_at !== null) {
    endTree(sql, row.session_id, "revoked", "refresh_token_replayed", now);
    return { status: "replayed", revokedSessionId: row.session_id };
  }
  if (row.expires_at <= now) return { status: "invalid" };
  const tree = family.tree;
  if (!tree) return { status: "invalid" };
  // RFC 9449 §5: a bound family rotates only with a proof of its key; nothing is spent else.
  const bound = tree.session.dpop_jkt;
  if (bound !== null && bound !== dpop?.jkt) return { status: "dpop_mismatch" };
  // A legacy token's family files its grant on first rotation; the first grant filed stays.
  let grant = grantOf(tree.session);
  if (!grant && next.grant) {
    fileRefreshGrant(sql, row.session_id, next.grant);
    grant = next.grant;
  }
  // RFC 6749 §6: a narrowing only; a wider scope fails before anything is spent.
  if (grant && next.scope && unknownScopes(next.scope, parseScope(grant.scope)).length > 0) {
    return { status: "invalid_scope" };
  }
  // RFC 8707 §2.2: a refresh may ask for some of the granted resources, never another one.
  if (grant && next.resource?.some((uri) => !grant.resource.includes(uri))) {
    return { status: "invalid_target" };
  }
  spendAndSucceed(sql, jti, row, { ...next, clientId }, now);
  const session = touchedSession(sql, tree.session, now, true);
  const parent = touchedParent(sql, tree.parent, now);
  return {
    status: "ok",
    session: toView(session, now),
    parent: toView(parent, now),
    claims: claimsFromEntry(sql, session.user_id, tree.claims, now),
    grant,
  };
}

/**
 * Marks the handle rotated and files its successor in one statement: the spent row, already
 * there, takes the upsert's update (only `rotated_at`); the successor is a plain insert.
 */
function spendAndSucceed(
  sql: SqlStorage,
  jti: string,
  spent: RefreshRow,
  next: { jti: string; clientId: string; expiresAt: number },
  now: number,
): void {
  sql.exec(
    `INSERT INTO refresh_tokens (jti, session_id, client_id, expires_at, issued_at, rotated_at)
       VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, NULL)
     ON CONFLICT (jti) DO UPDATE SET rotated_at = excluded.rotated_at`,
    jti,
    spent.session_id,
    spent.client_id,
    spent.expires_at,
    spent.issued_at,
    now,
    next.jti,
    spent.session_id,
    next.clientId,
    next.expiresAt,
    now,
  );
}

/** A current refresh handle of a live session tree, with its grant; null otherwise. */
export function inspectRefresh(sql: SqlStorage, key: string, now: number): RefreshRecord | null {
  const current = currentFamily(sql, key, now);
  const grant = current ? grantOf(current.tree.session) : null;
  if (!current || !grant) return null;
  const { token: row, tree } = current;
  return {
    sessionId: row.session_id,
    clientId: row.client_id,
    userId: tree.session.user_id,
    grant,
    issuedAt: row.issued_at ?? tree.session.created_at,
    expiresAt: Math.min(row.expires_at, tree.parent.expires_at),
  };
}

export function revokeRefresh(sql: SqlStorage, jti: string, clientId: string, now: number): void {
  const row = readRefresh(sql, jti);
  if (row && row.client_id === clientId) endTree(sql, row.session_id, "revoked", "revoked", now);
}

export function revokeAccessToken(sql: SqlStorage, jti: string, expiresAt: number): void {
  sql.exec("INSERT OR IGNORE INTO revoked_tokens (jti, expires_at) VALUES (?, ?)", jti, expiresAt);
}

type TokenCheck = { sid: string | null; jti: string; kind: "access" | "refresh" };

/** Whether a token of ours may still be honoured: its session tree live, not revoked, current. */
function activeState(
  sql: SqlStorage,
  check: TokenCheck,
  now: number,
): { active: false } | { active: true; tree: LiveTree<LiveRow> | null } {
  if (check.kind === "refresh") {
    const current = currentFamily(sql, check.jti, now);
    return current ? { active: true, tree: current.tree } : { active: false };
  }
  const revoked = sql.exec("SELECT 1 FROM revoked_tokens WHERE jti = ?", check.jti).toArray();
  if (revoked.length > 0) return { active: false };
  if (check.sid === null) return { active: true, tree: null };
  const tree = liveTree(sql, check.sid, now);
  return tree ? { active: true, tree } : { active: false };
}

export function tokenActive(sql: SqlStorage, check: TokenCheck, now: number): boolean {
  return activeState(sql, check, now).active;
}

/** The claims of an active token's user (the tree read brings them along); null if inactive. */
export function activeTokenClaims(
  sql: SqlStorage,
  check: TokenCheck,
  userId: string,
  now: number,
): ClaimsLookup | null {
  const state = activeState(sql, check, now);
  if (!state.active) return null;
  const tree = state.tree;
  if (tree && tree.session.user_id === userId) {
    return claimsFromEntry(sql, userId, tree.claims, now);
  }
  return lookUpClaims(sql, userId, now);
}
