import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, userIdentities, userVerifiers } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import type { UpstreamConnection, UpstreamProfile } from "./upstream-contract.ts";

export type IdentityRow = typeof userIdentities.$inferSelect;

/** A linked identity as the Core API and the portal show it. */
export function identityToWire(row: IdentityRow) {
  return {
    id: row.id,
    user_id: row.userId,
    connection_id: row.connectionId,
    provider: row.provider,
    issuer: row.upstreamIssuer,
    subject: row.subject,
    email: row.email,
    created_at: row.createdAt,
    last_used_at: row.lastUsedAt,
  };
}

/** The identity of this connection's subject in the issuer, if one is linked. */
export async function findIdentity(
  db: Db,
  issuerId: string,
  connectionId: string,
  subject: string,
): Promise<IdentityRow | null> {
  const row = await db.query.userIdentities.findFirst({
    where: and(
      eq(userIdentities.issuerId, issuerId),
      eq(userIdentities.connectionId, connectionId),
      eq(userIdentities.subject, subject),
    ),
  });
  return row ?? null;
}

/** The row and writes (identity, `user.identity.linked`) linking a profile to a user. */
export function linkIdentityWrites(
  db: Db,
  ctx: MutationContext,
  p: { issuerId: string; userId: string; connection: UpstreamConnection; profile: UpstreamProfile },
) {
  const row: IdentityRow = {
    id: newId("identity", ctx.now),
    accountId: ctx.accountId,
    issuerId: p.issuerId,
    userId: p.userId,
    connectionId: p.connection.id,
    provider: p.connection.provider,
    upstreamIssuer: p.profile.issuer,
    subject: p.profile.subject,
    email: p.profile.email,
    profile: { name: p.profile.name, email_verified: p.profile.emailVerified },
    createdAt: ctx.now,
    lastUsedAt: ctx.now,
  };
  const event = buildEventRow(ctx, {
    type: "user.identity.linked",
    issuerId: p.issuerId,
    subject: { type: "user", id: p.userId },
    data: {
      identity_id: row.id,
      connection_id: row.connectionId,
      provider: row.provider,
      source: p.connection.source.kind,
    },
  });
  return {
    row,
    writes: [db.insert(userIdentities).values(row), db.insert(events).values(event)] as const,
  };
}

/** A user's linked identities, oldest first (a user has a handful: no paging needed). */
export async function listIdentities(
  db: Db,
  issuerId: string,
  userId: string,
): Promise<IdentityRow[]> {
  return db
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.issuerId, issuerId), eq(userIdentities.userId, userId)))
    .orderBy(asc(userIdentities.id));
}

/** Ways to sign in a user keeps besides one identity: a password or passkey, or another identity. */
async function otherWaysToSignIn(db: Db, issuerId: string, userId: string, identityId: string) {
  const [verifiers, identities] = await Promise.all([
    db
      .select({ n: count() })
      .from(userVerifiers)
      .where(
        and(
          eq(userVerifiers.issuerId, issuerId),
          eq(userVerifiers.userId, userId),
          eq(userVerifiers.status, "active"),
          inArray(userVerifiers.type, ["password", "webauthn"]),
        ),
      ),
    db
      .select({ n: count() })
      .from(userIdentities)
      .where(
        and(
          eq(userIdentities.issuerId, issuerId),
          eq(userIdentities.userId, userId),
          ne(userIdentities.id, identityId),
        ),
      ),
  ]);
  return (verifiers[0]?.n ?? 0) + (identities[0]?.n ?? 0);
}

/**
 * Unlinks an identity with `user.identity.unlinked`. With `keepOneWay` (the portal) the last way
 * to sign in cannot be removed; an administrator (Core API) may remove it.
 */
export async function unlinkIdentity(
  db: Db,
  ctx: MutationContext,
  p: { issuerId: string; userId: string; identityId: string; keepOneWay: boolean },
): Promise<IdentityRow> {
  const row = await db.query.userIdentities.findFirst({
    where: and(
      eq(userIdentities.id, p.identityId),
      eq(userIdentities.issuerId, p.issuerId),
      eq(userIdentities.userId, p.userId),
    ),
  });
  if (!row) throw notFound("Identity");
  if (p.keepOneWay && (await otherWaysToSignIn(db, p.issuerId, p.userId, row.id)) === 0) {
    throw new DomainError("CONFLICT", "This is the last way to sign in to the account");
  }
  const event = buildEventRow(ctx, {
    type: "user.identity.unlinked",
    issuerId: p.issuerId,
    subject: { type: "user", id: p.userId },
    data: { identity_id: row.id, connection_id: row.connectionId, provider: row.provider },
  });
  await db.batch([
    db.delete(userIdentities).where(eq(userIdentities.id, row.id)),
    db.insert(events).values(event),
  ]);
  return row;
}
