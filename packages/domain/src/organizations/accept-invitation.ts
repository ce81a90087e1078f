import { and, eq } from "drizzle-orm";
import { sha256Hex } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { events, invitations, organizations, users } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { type UserClaimsWriter, writingUserClaims } from "../tokens/claims-store.ts";
import type { UserRow } from "../users/user-wire.ts";
import { type InvitationRow, invitationStatus } from "./invitations.ts";
import { getOrganization } from "./manage-organizations.ts";
import { newMembership } from "./memberships.ts";

export interface OpenInvitation {
  invitation: InvitationRow;
  orgName: string;
  /** The user the invited address already belongs to in this issuer, if any. */
  existingUser: UserRow | null;
}

const GONE = "This invitation link is no longer valid. Ask for a new invitation.";

/**
 * The invitation behind an emailed link: pending, unexpired, of an active organization with
 * invitations enabled. Anything else is one answer, so links reveal nothing.
 */
export async function openInvitation(
  db: Db,
  issuerId: string,
  token: string,
  now: number,
): Promise<OpenInvitation> {
  if (!token.startsWith("inv_tok_")) throw new DomainError("INVALID_REQUEST", GONE);
  const [row] = await db
    .select({ invitation: invitations, org: organizations })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(
      and(eq(invitations.tokenHash, await sha256Hex(token)), eq(invitations.issuerId, issuerId)),
    )
    .limit(1);
  const enabled = (row?.org.settings.invitation as { enabled?: boolean } | undefined)?.enabled;
  if (
    !row ||
    invitationStatus(row.invitation, now) !== "pending" ||
    row.org.status !== "active" ||
    enabled === false
  ) {
    throw new DomainError("INVALID_REQUEST", GONE);
  }
  const existingUser =
    (await db.query.users.findFirst({
      where: and(eq(users.issuerId, issuerId), eq(users.username, row.invitation.emailInvited)),
    })) ?? null;
  return { invitation: row.invitation, orgName: row.org.name ?? "the organization", existingUser };
}

/**
 * Accepts for `user` (whose address the invitation named): the membership with the invited
 * scopes and title (room and existing membership checked as for any member), and the
 * invitation marked accepted, in one D1 batch. The batch fails as a whole if the user became
 * a member meanwhile or the invitation was accepted twice.
 */
export async function acceptInvitation(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  open: OpenInvitation,
  user: UserRow,
): Promise<void> {
  const { invitation } = open;
  if (user.username !== invitation.emailInvited || user.issuerId !== invitation.issuerId) {
    throw new DomainError("ACCESS_DENIED", "this invitation was sent to another address");
  }
  const accepted = buildEventRow(ctx, {
    type: "organization.invitation.accepted",
    issuerId: invitation.issuerId,
    subject: { type: "invitation", id: invitation.id },
    data: { org_id: invitation.orgId, invitation_id: invitation.id, user_id: user.id },
  });
  const org = await getOrganization(db, invitation.issuerId, invitation.orgId);
  const { writes } = await newMembership(
    db,
    ctx,
    org,
    { id: user.id, type: "user" },
    { scopes: invitation.scopes, user_title: invitation.userTitle },
  );
  await writingUserClaims(claims, [user.id], ctx.now, () =>
    db.batch([
      db
        .update(invitations)
        .set({
          status: "accepted",
          acceptedAt: ctx.now,
          userIdInvited: user.id,
          updatedAt: ctx.now,
        })
        .where(and(eq(invitations.id, invitation.id), eq(invitations.status, "pending"))),
      db.insert(events).values(accepted),
      ...writes,
    ]),
  );
}
