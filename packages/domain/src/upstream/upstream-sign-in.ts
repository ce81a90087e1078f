import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, userIdentities, users } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newUser } from "../users/create-user.ts";
import type { UserRow } from "../users/user-wire.ts";
import { findIdentity, linkIdentityWrites } from "./identities.ts";
import type { UpstreamConnection, UpstreamFailure, UpstreamProfile } from "./upstream-contract.ts";

/**
 * What an upstream sign-in leads to (issue 17 §2): the linked user; a user created just in time;
 * an existing user with the same verified email, who must prove the account before the link;
 * or a refusal (signup off, or an unverified email another account holds, which never links).
 */
export type UpstreamOutcome =
  | { kind: "signed_in"; user: UserRow; created: boolean }
  | { kind: "prove"; user: UserRow }
  | { kind: "refused"; reason: "signup_off" | "email_unverified" | "user_inactive" };

/** A user of the issuer whose username or profile email is `email`. */
async function userByEmail(db: Db, issuerId: string, email: string): Promise<UserRow | null> {
  const row = await db.query.users.findFirst({
    where: and(
      eq(users.issuerId, issuerId),
      or(
        eq(users.username, email),
        sql`lower(json_extract(${users.profile}, '$.email')) = ${email}`,
      ),
    ),
  });
  return row ?? null;
}

/** A username for a user created from an upstream without an email address. */
function usernameOf(connection: UpstreamConnection, profile: UpstreamProfile) {
  return `${connection.provider}-${profile.subject}`.toLowerCase().replace(/[^a-z0-9._-]/g, "-");
}

/**
 * Decides and writes an upstream sign-in: a linked identity signs its user in (its `last_used_at`
 * moves); an unknown one creates a user when `signupAllowed` (email verified only if the upstream
 * verified it; `user.created` with `source: "upstream"` and the link in one batch).
 */
export async function upstreamSignIn(
  db: Db,
  ctx: MutationContext,
  p: {
    issuerId: string;
    connection: UpstreamConnection;
    profile: UpstreamProfile;
    signupAllowed: (email: string | null) => boolean;
  },
): Promise<UpstreamOutcome> {
  const { connection, profile } = p;
  const linked = await findIdentity(db, p.issuerId, connection.id, profile.subject);
  if (linked) {
    const user = await db.query.users.findFirst({ where: eq(users.id, linked.userId) });
    if (user?.status !== "active") return { kind: "refused", reason: "user_inactive" };
    await db
      .update(userIdentities)
      .set({ lastUsedAt: ctx.now })
      .where(eq(userIdentities.id, linked.id));
    return { kind: "signed_in", user, created: false };
  }
  const holder = profile.email ? await userByEmail(db, p.issuerId, profile.email) : null;
  if (holder) {
    // Never link by an unverified email: only a verified one may ask the holder to prove it.
    if (!profile.emailVerified) return { kind: "refused", reason: "email_unverified" };
    if (holder.status !== "active") return { kind: "refused", reason: "user_inactive" };
    return { kind: "prove", user: holder };
  }
  if (!p.signupAllowed(profile.email)) return { kind: "refused", reason: "signup_off" };
  const { row, writes } = await newUser(
    db,
    ctx,
    p.issuerId,
    {
      ...(profile.email
        ? { username_type: "email" as const, username: profile.email }
        : { username_type: "unique-name" as const, username: usernameOf(connection, profile) }),
      profile: {
        name: profile.name,
        first_name: profile.givenName,
        last_name: profile.familyName,
        ...(profile.email ? { email: profile.email, email_verified: profile.emailVerified } : {}),
      },
    },
    { source: "upstream", connection_id: connection.id, provider: connection.provider },
  );
  const link = linkIdentityWrites(db, ctx, {
    issuerId: p.issuerId,
    userId: row.id,
    connection,
    profile,
  });
  await db.batch([...writes, ...link.writes]);
  return { kind: "signed_in", user: row, created: true };
}

/** Links a proven user (they signed in with an existing factor) to the upstream identity. */
export async function linkProvenIdentity(
  db: Db,
  ctx: MutationContext,
  p: { issuerId: string; userId: string; connection: UpstreamConnection; profile: UpstreamProfile },
): Promise<void> {
  if (await findIdentity(db, p.issuerId, p.connection.id, p.profile.subject)) return;
  const { writes } = linkIdentityWrites(db, ctx, p);
  await db.batch([...writes]);
}

/** Records `user.upstream.failed` (reason: an {@link UpstreamFailure}); no user is known yet. */
export async function recordUpstreamFailure(
  db: Db,
  ctx: MutationContext,
  p: { issuerId: string; connectionId: string; provider: string; reason: UpstreamFailure },
): Promise<void> {
  const event = buildEventRow(ctx, {
    type: "user.upstream.failed",
    issuerId: p.issuerId,
    subject: { type: "auth_method", id: p.connectionId },
    data: { connection_id: p.connectionId, provider: p.provider, reason: p.reason },
  });
  await db.insert(events).values(event);
}
