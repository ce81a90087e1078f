import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { OrganizationClaims } from "../clients/client-settings.ts";
import type { Db } from "../db/client.ts";
import { memberships, organizations } from "../db/schema.ts";

/** One element of the `organizations` claim (docs/decisions/wire-contract.md §4). */
export interface OrganizationClaim {
  id: string;
  title: string | null;
  scopes: string[];
  joined_at: number;
}

type Policy = z.output<typeof OrganizationClaims>;

/** The query behind the claim: active memberships of active organizations, by org id. */
export function membershipsQuery(db: Db, issuerId: string, memberId: string) {
  return db
    .select({
      id: memberships.orgId,
      title: memberships.userTitle,
      scopes: memberships.scopes,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.issuerId, issuerId),
        eq(memberships.memberId, memberId),
        eq(memberships.status, "active"),
        eq(organizations.status, "active"),
      ),
    )
    .orderBy(memberships.orgId);
}

type MembershipClaimRow = Awaited<ReturnType<typeof membershipsQuery>>[number];

/** Narrows to the login's selected organization (`org=`) and what the client may see. */
export function toOrganizationsClaim(
  rows: MembershipClaimRow[],
  options: { orgId: string | null; policy: Policy },
): OrganizationClaim[] {
  if (options.policy.mode === "none") return [];
  return rows
    .filter((row) => options.orgId === null || row.id === options.orgId)
    .filter((row) => options.policy.mode === "all" || options.policy.allowlist.includes(row.id))
    .map((row) => ({
      id: row.id,
      title: row.title,
      scopes: row.scopes,
      joined_at: Math.floor(row.joinedAt / 1000),
    }));
}

/**
 * The user's organizations as tokens and userinfo carry them, read fresh: active memberships of
 * active organizations, narrowed to `orgId` when the login selected one (`org=`), and to what
 * the client's `organizations` setting allows.
 */
export async function organizationsClaim(
  db: Db,
  issuerId: string,
  memberId: string,
  options: { orgId: string | null; policy: Policy },
): Promise<OrganizationClaim[]> {
  if (options.policy.mode === "none") return [];
  return toOrganizationsClaim(await membershipsQuery(db, issuerId, memberId), options);
}
