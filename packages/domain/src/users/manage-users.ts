import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "../crypto/password.ts";
import type { Db } from "../db/client.ts";
import { events, memberships, users, userVerifiers } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { freeForm, Metadata } from "../input/free-form.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";
import { Password, Profile } from "./create-user.ts";
import { type UserRow, userToListItem } from "./user-wire.ts";

export const UserFilters = ListQuery.extend({
  status: z.enum(["active", "blocked", "suspended", "disabled"]).optional(),
  username: z.string().max(320).optional(),
});

/** PATCH: profile fields merge; `blocked` (AuthPI's legacy flag) or `status` block and unblock. */
export const UpdateUserInput = z.strictObject({
  profile: Profile.optional(),
  password: Password.optional(),
  scopes: z.array(z.string().min(1).max(200)).max(500).optional(),
  custom_fields: freeForm().optional(),
  custom_claims: freeForm({ keyLength: 255 }).optional(),
  metadata: Metadata.optional(),
  status: z.enum(["active", "blocked"]).optional(),
  blocked: z.boolean().optional(),
  status_reason: z.string().max(1000).nullish(),
});
export type UpdateUserInput = z.output<typeof UpdateUserInput>;

export async function getUser(db: Db, issuerId: string, userId: string): Promise<UserRow> {
  const row = await db.query.users.findFirst({
    where: and(eq(users.id, userId), eq(users.issuerId, issuerId)),
  });
  if (!row) throw notFound("User");
  return row;
}

export async function listUsers(
  db: Db,
  issuerId: string,
  filters: z.output<typeof UserFilters>,
): Promise<Page<Awaited<ReturnType<typeof userToListItem>>>> {
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.issuerId, issuerId),
        filters.status ? eq(users.status, filters.status) : undefined,
        filters.username ? eq(users.username, filters.username.trim().toLowerCase()) : undefined,
        filters.cursor ? lt(users.id, filters.cursor) : undefined,
      ),
    )
    .orderBy(desc(users.id))
    .limit(filters.limit + 1);
  const page = toPage(
    rows,
    filters.limit,
    (row) => row.id,
    (row) => row,
  );
  return { ...page, data: await Promise.all(page.data.map(userToListItem)) };
}

/**
 * Updates a user with If-Match. Blocking takes effect at the IdP at once for new logins and at
 * the next refresh or userinfo call for existing sessions (they check the user is active).
 */
export async function updateUser(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  input: UpdateUserInput,
  ifMatch?: string | null,
): Promise<UserRow> {
  const current = await getUser(db, issuerId, userId);
  checkIfMatch(ifMatch, etagOf(current));
  const wanted =
    input.blocked !== undefined ? (input.blocked ? "blocked" : "active") : input.status;
  const statusChanged = wanted !== undefined && wanted !== current.status;
  const next: UserRow = {
    ...current,
    profile: input.profile ? { ...current.profile, ...input.profile } : current.profile,
    scopes: input.scopes ?? current.scopes,
    customFields: input.custom_fields ?? current.customFields,
    customClaims: input.custom_claims ?? current.customClaims,
    metadata: input.metadata ?? current.metadata,
    status: wanted ?? current.status,
    statusAt: statusChanged ? ctx.now : current.statusAt,
    statusReason: statusChanged ? (input.status_reason ?? null) : current.statusReason,
    statusBy: statusChanged ? ctx.actor.id : current.statusBy,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  const type: EventType = !statusChanged
    ? "user.updated"
    : next.status === "blocked"
      ? "user.blocked"
      : "user.unblocked";
  const update = db.update(users).set(next).where(eq(users.id, userId));
  const recorded = db.insert(events).values(
    buildEventRow(ctx, {
      type,
      issuerId,
      subject: { type: "user", id: userId },
      data: { status: next.status },
    }),
  );
  if (!input.password) {
    await db.batch([update, recorded]);
    return next;
  }
  const secretHash = await hashPassword(input.password);
  await db.batch([
    update,
    recorded,
    db
      .delete(userVerifiers)
      .where(and(eq(userVerifiers.userId, userId), eq(userVerifiers.type, "password"))),
    db.insert(userVerifiers).values({
      id: newId("verifier", ctx.now),
      userId,
      issuerId,
      type: "password",
      secretHash,
      createdAt: ctx.now,
    }),
    db
      .insert(events)
      .values(
        buildEventRow(
          { ...ctx, now: ctx.now + 1 },
          { type: "user.password.changed", issuerId, subject: { type: "user", id: userId } },
        ),
      ),
  ]);
  return next;
}

/** Deletes a user with their credentials and memberships. */
export async function deleteUser(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  ifMatch?: string | null,
) {
  const current = await getUser(db, issuerId, userId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(userVerifiers).where(eq(userVerifiers.userId, userId)),
    db.delete(memberships).where(eq(memberships.memberId, userId)),
    db.delete(users).where(eq(users.id, userId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "user.deleted",
        issuerId,
        subject: { type: "user", id: userId },
        data: { username: current.username },
      }),
    ),
  ]);
}
