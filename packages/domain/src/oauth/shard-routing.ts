import { sha256Hex } from "../crypto/hash.ts";

/**
 * Which of an issuer's session-store shards holds a record, read from the record's own handle
 * (docs/decisions/sharding.md): no lookup, and a handle minted before sharding routes to shard 0,
 * the issuer's original object.
 */

/** An issuer may spread its sessions over 1 to 64 objects. */
export const MAX_SHARDS = 64;

// Two Crockford base32 digits name shards 1..63; shard 0 carries no tag, so its handles are
// exactly the shapes minted before sharding.
const DIGITS = "0123456789abcdefghjkmnpqrstvwxyz";
const DIGIT = "[0-9a-hjkmnp-tv-z]";

/**
 * The two handle kinds and their tag marker: ids (`s_...`, Crockford base32, which never
 * holds a "u") end `u` + two digits; tokens (codes, code keys, jtis: base64url or hex, which
 * never hold a ".") end `.` + two digits. So an untagged handle can never read as tagged.
 */
export type HandleKind = "id" | "token";
const MARKER: Record<HandleKind, string> = { id: "u", token: "." };
const TAGGED: Record<HandleKind, RegExp> = {
  id: new RegExp(`^[0-9a-z_]+u(${DIGIT}{2})$`),
  token: new RegExp(`^[A-Za-z0-9_-]+\\.(${DIGIT}{2})$`),
};

function decode(digits: string): number {
  return DIGITS.indexOf(digits[0] ?? "") * 32 + DIGITS.indexOf(digits[1] ?? "");
}

/** The shard a handle names; 0 when it names none (untagged) or one past the limit. */
export function shardOf(handle: string, kind: HandleKind): number {
  const digits = TAGGED[kind].exec(handle)?.[1];
  if (!digits) return 0;
  const shard = decode(digits);
  return shard < MAX_SHARDS ? shard : 0;
}

/** `handle` with the tag of `shard` appended (shard 0: unchanged). */
export function inShard(handle: string, kind: HandleKind, shard: number): string {
  if (!Number.isInteger(shard) || shard < 0 || shard >= MAX_SHARDS) {
    throw new RangeError(`no shard ${shard}`);
  }
  if (shard === 0) return handle;
  return `${handle}${MARKER[kind]}${DIGITS[Math.floor(shard / 32)]}${DIGITS[shard % 32]}`;
}

/**
 * The store key of an authorization code: its SHA-256 with the code's own tag, so the store
 * keeps only a hash and the key still names the shard.
 */
export async function codeKey(code: string): Promise<string> {
  const digest = await sha256Hex(code);
  return inShard(digest, "token", shardOf(code, "token"));
}

/** FNV-1a (32 bit): a spread, not a secret; user ids are minted by us. */
function spread(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The shard a new op session of `userId` opens in: a hash of the user over the issuer's current
 * count, so one user's sessions stay together (the per-user session cap holds inside one
 * object) while users spread evenly.
 */
export function shardForUser(userId: string, shardCount: number): number {
  const count = Math.min(Math.max(Math.trunc(shardCount) || 1, 1), MAX_SHARDS);
  return spread(userId) % count;
}
