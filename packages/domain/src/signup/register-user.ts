import { and, eq, sql } from "drizzle-orm";
import { hashPassword } from "../crypto/password.ts";
import type { Db } from "../db/client.ts";
import { events, users } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { NO_SSO, organizationCreatedWrites } from "../organizations/manage-organizations.ts";
import { newMembership } from "../organizations/memberships.ts";
import type { OrganizationRow } from "../organizations/organization-wire.ts";
import { type UserClaimsWriter, writingUserClaims } from "../tokens/claims-store.ts";
import { newUser } from "../users/create-user.ts";
import { normalizeUsername, type UserRow } from "../users/user-wire.ts";
import type { SignupPolicy } from "./signup-policy.ts";

export interface SignupInput {
  email: string;
  password: string;
  name: string | null;
}

export type RegisterResult =
  | { status: "created"; user: UserRow; organization: OrganizationRow | null }
  /** The address already has an account: nothing is written, the page answers the same. */
  | { status: "exists"; userId: string };

function organizationFor(ctx: MutationContext, user: UserRow, name: string): OrganizationRow {
  return {
    id: newId("organization", ctx.now),
    accountId: ctx.accountId,
    issuerId: user.issuerId,
    name,
    description: null,
    logoUrl: null,
    orgType: "default",
    status: "active",
    statusAt: ctx.now,
    statusReason: null,
    statusBy: null,
    settings: {},
    profile: {},
    customFields: {},
    metadata: {},
    ...NO_SSO,
    createdAt: ctx.now,
    updatedAt: null,
  };
}

/**
 * Registers a person from the signup page: a user named by their email (unverified), a
 * password verifier (Argon2id) and `user.created`, plus, with `create_new_org_on_signup`, an
 * organization with them as its member (`organization.created`,
 * `organization.membership.created`), all in one D1 batch. An address that already has an
 * account writes nothing and still spends one password hash, so both answers take as long.
 */
export async function registerUser(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  policy: Pick<SignupPolicy, "createOrganization">,
  input: SignupInput,
): Promise<RegisterResult> {
  const email = normalizeUsername("email", input.email);
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.issuerId, issuerId),
        sql`(${users.username} = ${email} OR lower(json_extract(${users.profile}, '$.email')) = ${email})`,
      ),
    )
    .limit(1);
  if (existing[0]) {
    await hashPassword(input.password);
    return { status: "exists", userId: existing[0].id };
  }
  const { row, writes } = await newUser(db, ctx, issuerId, {
    username_type: "email",
    username: email,
    password: input.password,
    profile: { email_verified: false, ...(input.name ? { name: input.name } : {}) },
  });
  if (!policy.createOrganization) {
    await db.batch(writes);
    return { status: "created", user: row, organization: null };
  }
  const organization = organizationFor(ctx, row, input.name ?? email);
  const membership = await newMembership(db, ctx, organization, { id: row.id, type: "user" }, {});
  await db.batch([
    ...writes,
    ...organizationCreatedWrites(db, ctx, organization),
    ...membership.writes,
  ]);
  return { status: "created", user: row, organization };
}

/**
 * Marks the user's email verified when it is still the address the verification was sent to,
 * with `user.verification.succeeded` (`method: "email"`), in one batch. False when the user or
 * the address changed meanwhile (the verification proves nothing about a new address).
 */
export async function markEmailVerified(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  issuerId: string,
  verified: { userId: string; email: string },
): Promise<boolean> {
  const user = await db.query.users.findFirst({
    where: and(eq(users.id, verified.userId), eq(users.issuerId, issuerId)),
  });
  if (!user || (user.profile.email ?? "").toLowerCase() !== verified.email) return false;
  const write = () =>
    db.batch([
      db
        .update(users)
        .set({ profile: { ...user.profile, email_verified: true }, updatedAt: ctx.now })
        .where(eq(users.id, user.id)),
      db.insert(events).values(
        buildEventRow(ctx, {
          type: "user.verification.succeeded",
          issuerId,
          subject: { type: "user", id: user.id },
          data: { method: "email", email: verified.email },
        }),
      ),
    ]);
  await writingUserClaims(claims, [user.id], ctx.now, write);
  return true;
}
