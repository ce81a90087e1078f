import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import {
  type ClaimsLookup,
  type ClaimsSnapshot,
  type ClaimsUser,
  claimsUserOf,
} from "../../tokens/claims-snapshot.ts";
import type { ClaimsRoute, UserClaimsStore } from "../../tokens/claims-store.ts";
import {
  membershipsQuery,
  type OrganizationClaim,
  toOrganizationsClaim,
} from "../../tokens/organizations-claim.ts";

/** The user and their memberships from D1 in one round trip (a batch): a snapshot's miss. */
export async function readClaimsSnapshot(
  db: Db,
  issuerId: string,
  userId: string,
): Promise<ClaimsSnapshot> {
  const [found, rows] = await db.batch([
    db
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.issuerId, issuerId)))
      .limit(1),
    membershipsQuery(db, issuerId, userId),
  ]);
  return { user: found[0] ? claimsUserOf(found[0]) : null, memberships: rows };
}

/**
 * The active user and their organizations claim for a token path: from the store's snapshot
 * on a hit; on a miss read from D1 and offered back to the store with the clock of the miss.
 */
export async function grantSubject(
  deps: { db: Db; store: Pick<UserClaimsStore, "fillUserClaims">; issuerId: string; now: number },
  userId: string,
  lookup: ClaimsLookup,
  options: Parameters<typeof toOrganizationsClaim>[1],
  at: ClaimsRoute,
): Promise<{ user: ClaimsUser; organizations: OrganizationClaim[] } | null> {
  let snapshot: ClaimsSnapshot;
  if (lookup.status === "hit") snapshot = lookup.snapshot;
  else {
    snapshot = await readClaimsSnapshot(deps.db, deps.issuerId, userId);
    if (lookup.clock !== null) {
      await deps.store.fillUserClaims(userId, lookup.clock, snapshot, deps.now, at);
    }
  }
  return subjectOf(snapshot, userId, options);
}

/** The snapshot's user when it is `userId` and active, with the narrowed organizations claim. */
export function subjectOf(
  snapshot: ClaimsSnapshot,
  userId: string,
  options: Parameters<typeof toOrganizationsClaim>[1],
): { user: ClaimsUser; organizations: OrganizationClaim[] } | null {
  const { user } = snapshot;
  if (user?.id !== userId || user.status !== "active") return null;
  return { user, organizations: toOrganizationsClaim(snapshot.memberships, options) };
}
