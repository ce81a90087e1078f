import type { UserRow } from "../users/user-wire.ts";

/**
 * The rules of the claims snapshot the issuer's Durable Object keeps for users with live
 * sessions, so code exchange, refresh and userinfo read claims in the call they already make
 * (docs/decisions/claims-snapshot.md). Pure: the object stores entries, these functions decide.
 */

/** What the token paths read of a user: the claims' sources, never a credential. */
export type ClaimsUser = Pick<
  UserRow,
  "id" | "status" | "username" | "usernameType" | "profile" | "customClaims"
>;

/** One membership as the `organizations` claim reads it, before per-client narrowing. */
export interface ClaimsMembership {
  id: string;
  title: string | null;
  scopes: string[];
  joinedAt: number;
}

/** The user (null when gone from D1) and their active memberships of active organizations. */
export interface ClaimsSnapshot {
  user: ClaimsUser | null;
  memberships: ClaimsMembership[];
}

/** The object's record for one user: a clock every write moves, open writes, the snapshot. */
export interface ClaimsEntry {
  clock: number;
  writers: number;
  leaseUntil: number;
  snapshot: ClaimsSnapshot | null;
}

/** A write whose end never arrives stops blocking fills after this long. */
export const WRITE_LEASE_MS = 60_000;

/** A hit, or a miss with the clock a fill must carry (null: a write is open, do not fill). */
export type ClaimsLookup =
  | { status: "hit"; snapshot: ClaimsSnapshot }
  | { status: "miss"; clock: number | null };

/** True while a write has begun, not ended, and its lease has not run out. */
export function isWriting(entry: ClaimsEntry | undefined, now: number): boolean {
  return entry !== undefined && entry.writers > 0 && entry.leaseUntil > now;
}

/** A write begins: the clock moves to `tick`, the snapshot is dropped, fills are refused. */
export function beginWrite(entry: ClaimsEntry | undefined, tick: number, now: number): ClaimsEntry {
  const open = isWriting(entry, now) ? (entry?.writers ?? 0) : 0;
  return { clock: tick, writers: open + 1, leaseUntil: now + WRITE_LEASE_MS, snapshot: null };
}

/** A write ended (committed or not): the clock moves again so a fill read during it is refused. */
export function endWrite(entry: ClaimsEntry | undefined, tick: number, now: number): ClaimsEntry {
  const open = isWriting(entry, now) ? Math.max(0, (entry?.writers ?? 0) - 1) : 0;
  return {
    clock: tick,
    writers: open,
    leaseUntil: open > 0 ? (entry?.leaseUntil ?? 0) : 0,
    snapshot: null,
  };
}

/**
 * Reads the snapshot. On a miss with no write open, the entry to keep carries the clock the
 * caller's fill must present; `tick` is a fresh store-wide clock value for a new entry.
 */
export function lookUp(
  entry: ClaimsEntry | undefined,
  tick: number,
  now: number,
): { lookup: ClaimsLookup; entry: ClaimsEntry } {
  if (entry && isWriting(entry, now)) return { lookup: { status: "miss", clock: null }, entry };
  if (entry?.snapshot) return { lookup: { status: "hit", snapshot: entry.snapshot }, entry };
  const kept = entry ?? { clock: tick, writers: 0, leaseUntil: 0, snapshot: null };
  return { lookup: { status: "miss", clock: kept.clock }, entry: kept };
}

/** A fill is kept only if no write began or ended since its clock was handed out. */
export function acceptsFill(entry: ClaimsEntry | undefined, clock: number, now: number): boolean {
  return entry !== undefined && entry.clock === clock && !isWriting(entry, now);
}

/** The claims' sources of a user row, as the snapshot keeps them. */
export function claimsUserOf(user: UserRow): ClaimsUser {
  const { id, status, username, usernameType, profile, customClaims } = user;
  return { id, status, username, usernameType, profile, customClaims };
}
