import { and, desc, eq, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "../crypto/password.ts";
import { runBatch, type Statement } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import {
  events,
  memberships,
  trustedDevices,
  userIdentities,
  users,
  userVerifiers,
} from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { eventInserts, recordEvents } from "../events/record-events.ts";
import { newId } from "../ids.ts";
import { freeForm, Metadata } from "../input/free-form.ts";
import { deleteNotesAbout } from "../notes/notes-about.ts";
import { membershipRemovedRows } from "../organizations/membership-events.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";
import { endUserSessions, type SessionDeps } from "../sessions/manage-sessions.ts";
import { writingUserClaims } from "../tokens/claims-store.ts";
import { Password, Profile } from "./create-user.ts";
import {
  checkStatusChange,
  sessionEndReason,
  statusEventType,
  statusFromBlockedFlag,
  UserStatusInput,
} from "./user-status.ts";
import { type UserRow, userToListItem } from "./user-wire.ts";

export const UserFilters = ListQuery.extend({
  /** Without it, every user but the soft-deleted ones (as AuthPI lists clients and orgs). */
  status: UserStatusInput.optional(),
  username: z.string().max(320).optional(),
});

/** PATCH: profile fields merge; `status` (or the legacy `blocked` flag) moves the lifecycle. */
export const UpdateUserInput = z.strictObject({
  profile: Profile.optional(),
  password: Password.optional(),
  scopes: z.array(z.string().min(1).max(200)).max(500).optional(),
  custom_fields: freeForm().optional(),
  custom_claims: freeForm({ keyLength: 255 }).optional(),
  metadata: Metadata.optional(),
  status: UserStatusInput.optional(),
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
        filters.status ? eq(users.status, filters.status) : ne(users.status, "deleted"),
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

/** The writes that replace a user's password, with `user.password.changed`. */
async function passwordWrites(db: Db, ctx: MutationContext, user: UserRow, password: string) {
  const secretHash = await hashPassword(password);
  return [
    db
      .delete(userVerifiers)
      .where(and(eq(userVerifiers.userId, user.id), eq(userVerifiers.type, "password"))),
    db.insert(userVerifiers).values({
      id: newId("verifier", ctx.now),
      userId: user.id,
      issuerId: user.issuerId,
      type: "password",
      secretHash,
      createdAt: ctx.now,
    }),
    db.insert(events).values(
      buildEventRow(
        { ...ctx, now: ctx.now + 1 },
        {
          type: "user.password.changed",
          issuerId: user.issuerId,
          subject: { type: "user", id: user.id },
        },
      ),
    ),
  ];
}

/**
 * Updates a user with If-Match. A status other than `active` ends every session of theirs in
 * the store (so their tokens stop at once), and the change, its event and one
 * `session.terminated` per ended session go into one D1 batch.
 */
export async function updateUser(
  deps: SessionDeps,
  userId: string,
  input: UpdateUserInput,
  ifMatch?: string | null,
): Promise<UserRow> {
  const { db, ctx, issuerId } = deps;
  const current = await getUser(db, issuerId, userId);
  checkIfMatch(ifMatch, etagOf(current));
  const wanted = input.blocked !== undefined ? statusFromBlockedFlag(input.blocked) : input.status;
  if (wanted !== undefined) checkStatusChange(current.status, wanted);
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
  const writes: Statement[] = [
    db.update(users).set(next).where(eq(users.id, userId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: statusChanged ? statusEventType(wanted) : "user.updated",
        issuerId,
        subject: { type: "user", id: userId },
        data: { status: next.status, previous_status: current.status },
      }),
    ),
    ...(input.password ? await passwordWrites(db, ctx, current, input.password) : []),
  ];
  // The claims snapshot of the user is held back while the batch commits.
  await writingUserClaims(deps.store, [userId], ctx.now, async () => {
    // Re-sending a blocking status ends sessions again, so an admin can always retry.
    if (wanted === undefined || wanted === "active") return runBatch(db, writes);
    const reason = sessionEndReason(wanted);
    const ended = await endUserSessions(deps, userId, reason);
    await runBatch(db, [...writes, ...eventInserts(db, ended)]);
    if (statusChanged) await sweepSessions(deps, userId, reason);
  });
  return next;
}

/**
 * A sign-in that read the user as active just before the batch may have opened a session after
 * the store ended the others: end and record that one too (usually none; then nothing is written).
 */
async function sweepSessions(
  deps: SessionDeps,
  userId: string,
  reason: "user_blocked" | "user_deleted",
) {
  await recordEvents(deps.db, await endUserSessions(deps, userId, reason));
}

/**
 * Deletes a user for good with their credentials and memberships, and ends their sessions:
 * `user.deleted`, one `organization.membership.deleted` per membership and one
 * `session.terminated` per session, in the same D1 batch as the delete.
 */
export async function deleteUser(deps: SessionDeps, userId: string, ifMatch?: string | null) {
  const { db, ctx, issuerId } = deps;
  const current = await getUser(db, issuerId, userId);
  checkIfMatch(ifMatch, etagOf(current));
  const removed = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.issuerId, issuerId), eq(memberships.memberId, userId)));
  const ended = await endUserSessions(deps, userId, "user_deleted");
  const deleted = buildEventRow(ctx, {
    type: "user.deleted",
    issuerId,
    subject: { type: "user", id: userId },
    data: { username: current.username, status: current.status, permanent: true },
  });
  const batch = [
    db.delete(userVerifiers).where(eq(userVerifiers.userId, userId)),
    db.delete(memberships).where(eq(memberships.memberId, userId)),
    db.delete(trustedDevices).where(eq(trustedDevices.userId, userId)),
    db.delete(userIdentities).where(eq(userIdentities.userId, userId)),
    ...deleteNotesAbout(db, "user", userId),
    db.delete(users).where(eq(users.id, userId)),
    ...eventInserts(db, [
      deleted,
      ...membershipRemovedRows(ctx, removed, "user_deleted"),
      ...ended,
    ]),
  ];
  await writingUserClaims(deps.store, [userId], ctx.now, () => runBatch(db, batch));
  await sweepSessions(deps, userId, "user_deleted");
}
