import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client.ts";
import { events, memberships } from "../../db/schema.ts";
import { buildEventRow, type MutationContext } from "../../events/event.ts";
import { newMembership } from "../memberships.ts";
import type { OrganizationRow } from "../organization-wire.ts";

export interface SsoProvisioning {
  /** The membership made now, or null when the user was already a member (kept as it is). */
  membershipId: string | null;
  writes: BatchItem<"sqlite">[];
}

/**
 * What a sign-in through an organization's SSO writes: the user joins the organization with its
 * `default_member_scopes` (an existing membership, even a suspended one, is left alone) and one
 * event says how the user came: `user.sso.provisioned` when the sign-in created the user
 * (just in time), `user.sso.linked` the first time an existing user came through this SSO.
 */
export async function provisionSsoMember(
  db: Db,
  ctx: MutationContext,
  org: OrganizationRow,
  user: { id: string; created: boolean },
): Promise<SsoProvisioning> {
  const existing = await db.query.memberships.findFirst({
    where: and(eq(memberships.orgId, org.id), eq(memberships.memberId, user.id)),
    columns: { id: true },
  });
  if (existing) return { membershipId: null, writes: [] };
  const { row, writes } = await newMembership(db, ctx, org, { id: user.id, type: "user" }, {});
  const event = buildEventRow(ctx, {
    type: user.created ? "user.sso.provisioned" : "user.sso.linked",
    issuerId: org.issuerId,
    subject: { type: "user", id: user.id },
    data: { org_id: org.id, membership_id: row.id, connection_id: org.id, scopes: row.scopes },
  });
  return { membershipId: row.id, writes: [...writes, db.insert(events).values(event)] };
}
