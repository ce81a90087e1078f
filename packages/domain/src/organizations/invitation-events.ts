import type { invitations } from "../db/schema.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";

/** The `organization.invitation.*` event of a change to an invitation. */
export function invitationEventRow(
  ctx: MutationContext,
  type: EventType,
  row: typeof invitations.$inferSelect,
  extra: Record<string, unknown> = {},
) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.issuerId,
    subject: { type: "invitation", id: row.id },
    data: {
      org_id: row.orgId,
      invitation_id: row.id,
      email_invited: row.emailInvited,
      scopes: row.scopes,
      status: row.status,
      ...extra,
    },
  });
}
