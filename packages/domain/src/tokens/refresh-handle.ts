import { randomToken, sha256Hex } from "../crypto/hash.ts";
import { inShard, shardOf } from "../oauth/shard-routing.ts";

/**
 * Refresh tokens are opaque handles (RFC 6749 §1.5: opaque to the client), not signed JWTs:
 * `rt_<sid>.<256 random bits>`. The store keeps only the handle's SHA-256 (its key), so a read
 * of the store yields no usable token; the `sid` lets a sharded store route it without a lookup
 * (docs/decisions/token-paths.md).
 */
export const REFRESH_HANDLE_PREFIX = "rt_";

const SHAPE = /^rt_([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/;

/** A new refresh handle of the rp session `sid`. */
export function newRefreshHandle(sid: string): string {
  return `${REFRESH_HANDLE_PREFIX}${sid}.${randomToken(32)}`;
}

/** The session a handle names, or null when it is not handle-shaped. */
export function refreshHandleSession(token: string): string | null {
  return SHAPE.exec(token)?.[1] ?? null;
}

/**
 * The key the store files a handle under: its SHA-256, hex, tagged with the shard of the
 * handle's session, so a sharded store routes the key without a lookup
 * (docs/decisions/sharding.md).
 */
export async function refreshHandleKey(handle: string): Promise<string> {
  const sid = refreshHandleSession(handle) ?? "";
  return inShard(await sha256Hex(handle), "token", shardOf(sid, "id"));
}

/** What an rp session's refresh handles stand for, kept by the store beside the family. */
export interface RefreshGrant {
  /** The full scope granted at login, space-separated; a refresh may narrow, never widen. */
  scope: string;
  resource: string[];
  orgId: string | null;
}

/** A live refresh handle as the store reports it, for introspection (RFC 7662 §2.2). */
export interface RefreshRecord {
  sessionId: string;
  clientId: string;
  userId: string;
  grant: RefreshGrant;
  issuedAt: number;
  expiresAt: number;
}
