import { buildEventRow, type MutationContext } from "../events/event.ts";
import type { MembershipRow } from "./organization-wire.ts";

/**
 * One `organization.membership.deleted` per membership a cascade removed (its user or its
 * organization deleted), so webhook consumers that mirror memberships stay in step.
 */
export function membershipRemovedRows(
  ctx: MutationContext,
  removed: readonly MembershipRow[],
  reason: "user_deleted" | "organization_deleted",
) {
  return removed.map((row) =>
    buildEventRow(ctx, {
      type: "organization.membership.deleted",
      issuerId: row.issuerId,
      subject: { type: "membership", id: row.id },
      data: { org_id: row.orgId, member_id: row.memberId, reason },
    }),
  );
}
