import { and, desc, eq, gt, lt, lte } from "drizzle-orm";
import { z } from "zod";
import { randomToken, sha256Hex } from "../crypto/hash.ts";
import { seal } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { events, invitations, memberships, users } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { Metadata } from "../input/free-form.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";
import { invitationEventRow } from "./invitation-events.ts";
import { getOrganization } from "./manage-organizations.ts";

export type InvitationRow = typeof invitations.$inferSelect;

/** Default and longest life of an invitation: 7 days (legacy default) and 30 days. */
export const INVITATION_TTL_S = 7 * 86_400;
export const MAX_INVITATION_TTL_S = 30 * 86_400;
export const INVITATION_TOKEN_PURPOSE = "invitation-token";

const Scopes = z.array(z.string().min(1).max(200)).min(1).max(256);

export const CreateInvitationInput = z.strictObject({
  email_invited: z.string().trim().toLowerCase().email().max(320),
  scopes: Scopes,
  user_title: z.string().max(200).nullish(),
  message: z.string().max(2000).nullish(),
  inviter: z.strictObject({ name: z.string().max(200) }).nullish(),
  expires_in_seconds: z.number().int().min(300).max(MAX_INVITATION_TTL_S).optional(),
  metadata: Metadata.optional(),
});
export type CreateInvitationInput = z.output<typeof CreateInvitationInput>;

export const UpdateInvitationInput = z.strictObject({
  scopes: Scopes.optional(),
  user_title: z.string().max(200).nullish(),
  message: z.string().max(2000).nullish(),
  metadata: Metadata.optional(),
});
export type UpdateInvitationInput = z.output<typeof UpdateInvitationInput>;

export const INVITATION_STATUSES = [
  "pending",
  "accepted",
  "declined",
  "revoked",
  "expired",
] as const;
export const InvitationFilters = ListQuery.extend({
  status: z.enum(INVITATION_STATUSES).optional(),
});

/** `pending` past its expiry reads as `expired`. */
export function invitationStatus(row: InvitationRow, now: number): string {
  return row.status === "pending" && row.expiresAt <= now ? "expired" : row.status;
}

/** The invitation in the `authpi-admin` `OrganizationInvitationPublic` shape (no token). */
export function invitationToWire(row: InvitationRow, now: number) {
  return {
    id: row.id,
    org_id: row.orgId,
    issuer_id: row.issuerId,
    status: invitationStatus(row, now),
    email_invited: row.emailInvited,
    user_id_invited: row.userIdInvited,
    user_title: row.userTitle,
    message: row.message,
    scopes: row.scopes,
    inviter: row.inviter ?? null,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    expires_at: row.expiresAt,
    accepted_at: row.acceptedAt,
    declined_at: row.declinedAt,
    revoked_at: row.revokedAt,
    last_email_sent_at: row.lastEmailSentAt,
    metadata: row.metadata,
  };
}

async function newToken(sealKey: string) {
  const token = `inv_tok_${randomToken(32)}`;
  return {
    hash: await sha256Hex(token),
    sealed: await seal(sealKey, INVITATION_TOKEN_PURPOSE, token),
  };
}

/**
 * Invites an email address into an organization. The organization must be active with
 * invitations enabled; the address must have no pending invitation and no membership there.
 * `organization.invitation.created` (same batch) makes the dispatcher send the email.
 */
export async function createInvitation(
  db: Db,
  ctx: MutationContext,
  sealKey: string,
  target: { issuerId: string; orgId: string },
  input: CreateInvitationInput,
): Promise<InvitationRow> {
  const org = await getOrganization(db, target.issuerId, target.orgId);
  if (org.status !== "active") {
    throw new DomainError("CONFLICT", `the organization is ${org.status}: invitations are frozen`);
  }
  const invitation = org.settings.invitation as { enabled?: boolean } | undefined;
  if (invitation?.enabled === false) {
    throw new DomainError("CONFLICT", "invitations are disabled for this organization");
  }
  const [pending, user] = await Promise.all([
    db.query.invitations.findFirst({
      where: and(
        eq(invitations.orgId, org.id),
        eq(invitations.emailInvited, input.email_invited),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, ctx.now),
      ),
    }),
    db.query.users.findFirst({
      where: and(eq(users.issuerId, target.issuerId), eq(users.username, input.email_invited)),
    }),
  ]);
  if (pending)
    throw new DomainError(
      "CONFLICT",
      `${input.email_invited} already has a pending invitation (${pending.id})`,
    );
  if (user) {
    const member = await db.query.memberships.findFirst({
      where: and(eq(memberships.orgId, org.id), eq(memberships.memberId, user.id)),
    });
    if (member) throw new DomainError("CONFLICT", `${input.email_invited} is already a member`);
  }
  const token = await newToken(sealKey);
  const ttlSeconds = input.expires_in_seconds ?? INVITATION_TTL_S;
  const row: InvitationRow = {
    id: newId("invitation", ctx.now),
    accountId: ctx.accountId,
    issuerId: target.issuerId,
    orgId: org.id,
    status: "pending",
    emailInvited: input.email_invited,
    userIdInvited: user?.id ?? null,
    userTitle: input.user_title ?? null,
    message: input.message ?? null,
    scopes: [...new Set(input.scopes)],
    inviter: input.inviter ? { id: ctx.actor.id, name: input.inviter.name } : { id: ctx.actor.id },
    tokenHash: token.hash,
    tokenSealed: token.sealed,
    expiresAt: ctx.now + ttlSeconds * 1000,
    ttlSeconds,
    acceptedAt: null,
    declinedAt: null,
    revokedAt: null,
    lastEmailSentAt: null,
    lastEmailEventId: null,
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(invitations).values(row),
    db.insert(events).values(invitationEventRow(ctx, "organization.invitation.created", row)),
  ]);
  return row;
}

export async function getInvitation(
  db: Db,
  target: { issuerId: string; orgId: string },
  invitationId: string,
): Promise<InvitationRow> {
  const row = await db.query.invitations.findFirst({
    where: and(
      eq(invitations.id, invitationId),
      eq(invitations.orgId, target.orgId),
      eq(invitations.issuerId, target.issuerId),
    ),
  });
  if (!row) throw notFound("Invitation");
  return row;
}

export async function listInvitations(
  db: Db,
  target: { issuerId: string; orgId: string },
  filters: z.output<typeof InvitationFilters>,
  now: number,
): Promise<Page<ReturnType<typeof invitationToWire>>> {
  await getOrganization(db, target.issuerId, target.orgId);
  const byStatus =
    filters.status === "expired"
      ? and(eq(invitations.status, "pending"), lte(invitations.expiresAt, now))
      : filters.status === "pending"
        ? and(eq(invitations.status, "pending"), gt(invitations.expiresAt, now))
        : filters.status
          ? eq(invitations.status, filters.status)
          : undefined;
  const rows = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, target.orgId),
        byStatus,
        filters.cursor ? lt(invitations.id, filters.cursor) : undefined,
      ),
    )
    .orderBy(desc(invitations.id))
    .limit(filters.limit + 1);
  return toPage(
    rows,
    filters.limit,
    (r) => r.id,
    (r) => invitationToWire(r, now),
  );
}

function requirePending(row: InvitationRow, now: number): void {
  const status = invitationStatus(row, now);
  if (status !== "pending") throw new DomainError("CONFLICT", `the invitation is ${status}`);
}

export async function updateInvitation(
  db: Db,
  ctx: MutationContext,
  target: { issuerId: string; orgId: string },
  invitationId: string,
  input: UpdateInvitationInput,
  ifMatch?: string | null,
): Promise<InvitationRow> {
  const current = await getInvitation(db, target, invitationId);
  checkIfMatch(ifMatch, etagOf(current));
  requirePending(current, ctx.now);
  const next: InvitationRow = {
    ...current,
    scopes: input.scopes ? [...new Set(input.scopes)] : current.scopes,
    userTitle: input.user_title !== undefined ? input.user_title : current.userTitle,
    message: input.message !== undefined ? input.message : current.message,
    metadata: input.metadata ?? current.metadata,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(invitations).set(next).where(eq(invitations.id, current.id)),
    db.insert(events).values(invitationEventRow(ctx, "organization.invitation.updated", next)),
  ]);
  return next;
}

/**
 * Sends the invitation again with a fresh link (the old link stops working) and a fresh
 * expiry; `organization.invitation.resent` makes the dispatcher send the email.
 */
export async function resendInvitation(
  db: Db,
  ctx: MutationContext,
  sealKey: string,
  target: { issuerId: string; orgId: string },
  invitationId: string,
): Promise<InvitationRow> {
  const current = await getInvitation(db, target, invitationId);
  if (current.status !== "pending") {
    throw new DomainError("CONFLICT", `the invitation is ${current.status}`);
  }
  const org = await getOrganization(db, target.issuerId, target.orgId);
  if (org.status !== "active") {
    throw new DomainError("CONFLICT", `the organization is ${org.status}: invitations are frozen`);
  }
  const token = await newToken(sealKey);
  const next: InvitationRow = {
    ...current,
    tokenHash: token.hash,
    tokenSealed: token.sealed,
    expiresAt: ctx.now + current.ttlSeconds * 1000,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(invitations).set(next).where(eq(invitations.id, current.id)),
    db.insert(events).values(invitationEventRow(ctx, "organization.invitation.resent", next)),
  ]);
  return next;
}

/** Revokes a pending (or expired) invitation; its link stops working at once. */
export async function revokeInvitation(
  db: Db,
  ctx: MutationContext,
  target: { issuerId: string; orgId: string },
  invitationId: string,
): Promise<InvitationRow> {
  const current = await getInvitation(db, target, invitationId);
  if (current.status !== "pending") {
    throw new DomainError("CONFLICT", `the invitation is ${current.status}`);
  }
  const next: InvitationRow = {
    ...current,
    status: "revoked",
    revokedAt: ctx.now,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db
      .update(invitations)
      .set(next)
      .where(and(eq(invitations.id, current.id), eq(invitations.status, "pending"))),
    db.insert(events).values(invitationEventRow(ctx, "organization.invitation.deleted", next)),
  ]);
  return next;
}
