import { and, eq, isNull, ne, or } from "drizzle-orm";
import { open } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { invitations, issuers, organizations } from "../db/schema.ts";
import { mailBrandOf } from "../mail/mail-brand.ts";
import type { Mailer } from "../mail/mailer.ts";
import { renderMail } from "../mail/render-mail.ts";
import { INVITATION_TOKEN_PURPOSE, type InvitationRow, invitationStatus } from "./invitations.ts";

/** Where the invitee accepts: the issuer's hosted invitation page. */
export function acceptUrl(idpBaseUrl: string, issuerId: string, token: string): string {
  const url = new URL(`${idpBaseUrl.replace(/\/+$/, "")}/${issuerId}/invitations/accept`);
  url.searchParams.set("token", token);
  return url.href;
}

/** The invitation template's values: today's invitation data and the accept link. */
export function invitationValues(
  invitation: InvitationRow,
  orgName: string,
  link: string,
): Record<string, string> {
  return {
    link,
    org: orgName,
    expires_at: String(invitation.expiresAt),
    ...(invitation.inviter?.name ? { inviter: invitation.inviter.name } : {}),
    ...(invitation.userTitle ? { title: invitation.userTitle } : {}),
    ...(invitation.message ? { message: invitation.message } : {}),
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
    .select({ invitation: invitations, orgName: organizations.name, issuer: issuers })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .innerJoin(issuers, eq(issuers.id, invitations.issuerId))
    .where(eq(invitations.id, message.invitation_id))
    .limit(1);
  if (!row) return "skipped";
  const { invitation } = row;
  if (invitationStatus(invitation, deps.now) !== "pending") return "skipped";
  if (invitation.lastEmailEventId === message.event_id) return "skipped";
  const token = await open(deps.sealKey, INVITATION_TOKEN_PURPOSE, invitation.tokenSealed);
  const link = acceptUrl(deps.idpBaseUrl, invitation.issuerId, token);
  const brand = mailBrandOf(row.issuer);
  const values = invitationValues(invitation, row.orgName ?? "an organization", link);
  const rendered = renderMail("invitation", values, brand, "en");
  await deps.mailer.send({ to: invitation.emailInvited, fromName: brand.name, ...rendered });
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
