import { and, eq, isNull, ne, or } from "drizzle-orm";
import { open } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { invitations, organizations } from "../db/schema.ts";
import { escapeHtml, type Mailer, type MailMessage } from "../mail/mailer.ts";
import { INVITATION_TOKEN_PURPOSE, type InvitationRow, invitationStatus } from "./invitations.ts";

/** Where the invitee accepts: the issuer's hosted invitation page. */
export function acceptUrl(idpBaseUrl: string, issuerId: string, token: string): string {
  const url = new URL(`${idpBaseUrl.replace(/\/+$/, "")}/${issuerId}/invitations/accept`);
  url.searchParams.set("token", token);
  return url.href;
}

export function invitationMessage(
  invitation: InvitationRow,
  orgName: string,
  link: string,
): MailMessage {
  const inviter = invitation.inviter?.name;
  const intro = `${inviter ? `${inviter} invited you` : "You are invited"} to join ${orgName}${
    invitation.userTitle ? ` as ${invitation.userTitle}` : ""
  }.`;
  const expires = new Date(invitation.expiresAt).toUTCString();
  const lines = [
    intro,
    ...(invitation.message ? ["", invitation.message] : []),
    "",
    `Accept the invitation: ${link}`,
    "",
    `The link works until ${expires}. If you did not expect it, ignore this email.`,
  ];
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    ...(invitation.message ? [`<p>${escapeHtml(invitation.message)}</p>`] : []),
    `<p><a href="${escapeHtml(link)}">Accept the invitation</a></p>`,
    `<p>The link works until ${escapeHtml(expires)}. If you did not expect it, ignore this email.</p>`,
  ].join("\n");
  return {
    to: invitation.emailInvited,
    subject: `You're invited to join ${orgName}`,
    text: lines.join("\n"),
    html,
  };
}

/**
 * Emails the invitation for one event (created or resent). Skips an invitation that is no
 * longer pending, and one this event already emailed (a redelivered event sends nothing).
 */
export async function sendInvitationEmail(
  deps: { db: Db; mailer: Mailer; sealKey: string; idpBaseUrl: string; now: number },
  message: { invitation_id: string; event_id: string },
): Promise<"sent" | "skipped"> {
  const [row] = await deps.db
    .select({ invitation: invitations, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.id, message.invitation_id))
    .limit(1);
  if (!row) return "skipped";
  const { invitation } = row;
  if (invitationStatus(invitation, deps.now) !== "pending") return "skipped";
  if (invitation.lastEmailEventId === message.event_id) return "skipped";
  const token = await open(deps.sealKey, INVITATION_TOKEN_PURPOSE, invitation.tokenSealed);
  const link = acceptUrl(deps.idpBaseUrl, invitation.issuerId, token);
  await deps.mailer.send(invitationMessage(invitation, row.orgName ?? "an organization", link));
  await deps.db
    .update(invitations)
    .set({ lastEmailSentAt: deps.now, lastEmailEventId: message.event_id })
    .where(
      and(
        eq(invitations.id, invitation.id),
        or(
          isNull(invitations.lastEmailEventId),
          ne(invitations.lastEmailEventId, message.event_id),
        ),
      ),
    );
  return "sent";
}
