import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import {
  membershipsQuery,
  type OrganizationClaim,
  toOrganizationsClaim,
} from "../../tokens/organizations-claim.ts";
import type { UserRow } from "../../users/user-wire.ts";

/**
 * The active user and their organizations claim, read fresh in one D1 round trip (a batch),
 * since every token issue and userinfo call needs both.
 */
export async function grantSubject(
  db: Db,
  issuerId: string,
  userId: string,
  options: Parameters<typeof toOrganizationsClaim>[1],
): Promise<{ user: UserRow; organizations: OrganizationClaim[] } | null> {
  const [found, rows] = await db.batch([
    db
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.issuerId, issuerId)))
      .limit(1),
    membershipsQuery(db, issuerId, userId),
  ]);
  const user = found[0];
  if (user?.status !== "active") return null;
  return { user, organizations: toOrganizationsClaim(rows, options) };
}
