import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { events, users } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { type ListQuery, type Page, toPage } from "../pagination.ts";
import { type UserClaimsWriter, writingUserClaims } from "../tokens/claims-store.ts";
import { getUser } from "../users/manage-users.ts";
import { type UserRow, userToListItem, userToWire } from "../users/user-wire.ts";

/** The status a signup waits in until an admin decides (AuthPI's approval queue). */
export const PENDING_APPROVAL = "pending_approval";

/** PATCH body: `approved` makes the user active, `rejected` suspends them. */
export const DecideApprovalInput = z.strictObject({
  status: z.enum(["approved", "rejected"]),
  reason: z.string().trim().min(1).max(1000).nullish(),
});
export type DecideApprovalInput = z.output<typeof DecideApprovalInput>;

export type Approval =
  | { status: "pending"; requested_at: number | null }
  | {
      status: "approved" | "rejected";
      requested_at: number | null;
      decided_at: number;
      decided_by: string | null;
      reason: string | null;
    };

/** A user with the approval they wait for or just received (the SDK reads a `User`). */
export function approvalToWire(row: UserRow, approval: Approval) {
  return { ...userToWire(row), approval };
}

/** Users waiting for approval, oldest signup first, so admins work in order of arrival. */
export async function listApprovals(
  db: Db,
  issuerId: string,
  query: ListQuery,
): Promise<Page<Awaited<ReturnType<typeof userToListItem>>>> {
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.issuerId, issuerId),
        eq(users.status, PENDING_APPROVAL),
        query.cursor ? gt(users.id, query.cursor) : undefined,
      ),
    )
    .orderBy(asc(users.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (row) => row.id,
    (row) => row,
  );
  return { ...page, data: await Promise.all(page.data.map(userToListItem)) };
}

/** A user in the approval queue; anyone else is not an approval (404). */
export async function getApproval(db: Db, issuerId: string, userId: string) {
  const user = await getUser(db, issuerId, userId).catch(() => null);
  if (user?.status !== PENDING_APPROVAL) throw notFound("Approval");
  return {
    row: user,
    data: approvalToWire(user, { status: "pending", requested_at: user.statusAt }),
  };
}

/**
 * Approves (status `active`) or rejects (status `suspended`, with the reason) a waiting user.
 * A decision is final: deciding again is a 409.
 */
export async function decideApproval(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  input: DecideApprovalInput,
  ifMatch?: string | null,
) {
  const user = await getUser(db, issuerId, userId);
  checkIfMatch(ifMatch, etagOf(user));
  if (user.status !== PENDING_APPROVAL) {
    throw new DomainError(
      "CONFLICT",
      `The user is not waiting for approval (status ${user.status})`,
    );
  }
  const approved = input.status === "approved";
  const next: UserRow = {
    ...user,
    status: approved ? "active" : "suspended",
    statusAt: ctx.now,
    statusReason: input.reason ?? null,
    statusBy: ctx.actor.id,
    updatedAt: nextUpdatedAt(user, ctx.now),
  };
  await writingUserClaims(claims, [userId], ctx.now, () =>
    db.batch([
      db.update(users).set(next).where(eq(users.id, userId)),
      db.insert(events).values(
        buildEventRow(ctx, {
          type: approved ? "user.approval.approved" : "user.approval.rejected",
          issuerId,
          subject: { type: "user", id: userId },
          data: { status: next.status, reason: next.statusReason },
        }),
      ),
    ]),
  );
  const approval: Approval = {
    status: input.status,
    requested_at: user.statusAt,
    decided_at: ctx.now,
    decided_by: ctx.actor.id,
    reason: next.statusReason,
  };
  return { row: next, data: approvalToWire(next, approval) };
}
