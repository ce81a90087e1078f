import type { ClaimsSnapshot } from "./claims-snapshot.ts";

/** The session (or the token, when it has no session) a claims lookup was made for. */
export interface ClaimsRoute {
  sid: string | null;
  jti: string;
}

/**
 * The claims snapshot's side of the issuer store (docs/decisions/claims-snapshot.md). Every
 * method is keyed by user id: with the store sharded, writes fan out to every shard.
 */
export interface UserClaimsStore {
  /** Before a D1 write that changes what these users' tokens carry: drop, refuse fills. */
  beginUserWrite(userIds: string[], now: number): Promise<void>;
  /** After that write, committed or not: the users' next read goes to D1 again. */
  endUserWrite(userIds: string[], now: number): Promise<void>;
  /**
   * Keeps what a miss read from D1, unless a write began or ended since `clock`. `at` names
   * the session (or, without one, the token) whose lookup missed: a sharded store sends the
   * fill to the shard that answered the miss, since clocks are per shard.
   */
  fillUserClaims(
    userId: string,
    clock: number,
    snapshot: ClaimsSnapshot,
    now: number,
    at?: ClaimsRoute,
  ): Promise<boolean>;
}

export type UserClaimsWriter = Pick<UserClaimsStore, "beginUserWrite" | "endUserWrite">;

/**
 * Runs a D1 write that changes users' claims inside the versioned write protocol: begun before
 * it, ended after it even when it throws. An end that never arrives expires with its lease.
 */
export async function writingUserClaims<T>(
  writer: UserClaimsWriter,
  userIds: readonly string[],
  now: number,
  write: () => Promise<T>,
): Promise<T> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return write();
  await writer.beginUserWrite(ids, now);
  try {
    return await write();
  } finally {
    await writer.endUserWrite(ids, now);
  }
}
