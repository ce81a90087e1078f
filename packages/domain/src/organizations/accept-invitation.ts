import { and, count, eq } from "drizzle-orm";
import { sha256Hex } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { events, invitations, memberships, organizations, users } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import type { UserRow } from "../users/user-wire.ts";
import { type InvitationRow, invitationStatus } from "./invitations.ts";

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
 * scopes and title, and the invitation marked accepted, in one D1 batch. The batch fails as a
 * whole if the user became a member meanwhile or the invitation was accepted twice.
 */
export async function acceptInvitation(
  db: Db,
  ctx: MutationContext,
  open: OpenInvitation,
  user: UserRow,
): Promise<void> {
  const { invitation } = open;
  if (user.username !== invitation.emailInvited || user.issuerId !== invitation.issuerId) {
    throw new DomainError("ACCESS_DENIED", "this invitation was sent to another address");
  }
  const org = await db.query.organizations.findFirst({
    where: eq(organizations.id, invitation.orgId),
  });
  const max = (org?.settings as { max_members?: number | null } | undefined)?.max_members;
  const [members, existing] = await Promise.all([
    db.select({ n: count() }).from(memberships).where(eq(memberships.orgId, invitation.orgId)),
    db.query.memberships.findFirst({
      where: and(eq(memberships.orgId, invitation.orgId), eq(memberships.memberId, user.id)),
    }),
  ]);
  if (existing) throw new DomainError("CONFLICT", "you are already a member");
  if (max && (members[0]?.n ?? 0) >= max) {
    throw new DomainError("CONFLICT", "the organization is full");
  }
  const membershipId = newId("membership", ctx.now);
  await db.batch([
    db
      .update(invitations)
      .set({
        status: "accepted",
        acceptedAt: ctx.now,
        userIdInvited: user.id,
        updatedAt: ctx.now,
      })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.status, "pending"))),
    db.insert(memberships).values({
      id: membershipId,
      issuerId: invitation.issuerId,
      orgId: invitation.orgId,
      memberType: "user",
      memberId: user.id,
      scopes: invitation.scopes,
      userTitle: invitation.userTitle,
      status: "active",
      metadata: {},
      joinedAt: ctx.now,
      updatedAt: null,
    }),
    db.insert(events).values([
      buildEventRow(ctx, {
        type: "organization.invitation.accepted",
        issuerId: invitation.issuerId,
        subject: { type: "invitation", id: invitation.id },
        data: { org_id: invitation.orgId, invitation_id: invitation.id, user_id: user.id },
      }),
      buildEventRow(
        { ...ctx, now: ctx.now + 1 },
        {
          type: "organization.membership.created",
          issuerId: invitation.issuerId,
          subject: { type: "membership", id: membershipId },
          data: { org_id: invitation.orgId, member_id: user.id, scopes: invitation.scopes },
        },
      ),
    ]),
  ]);
}
