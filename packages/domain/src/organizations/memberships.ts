import { and, asc, count, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { agents, events, memberships, users } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { jsonArrayHas } from "../list-filters.ts";
import { type Page, toPage } from "../pagination.ts";
import { type UserClaimsWriter, writingUserClaims } from "../tokens/claims-store.ts";
import { getOrganization } from "./manage-organizations.ts";
import type { MemberFilters, MemberInput, UpdateMemberInput } from "./organization-input.ts";
import { type MembershipRow, membershipToWire, type OrganizationRow } from "./organization-wire.ts";

const subject = (row: MembershipRow) => ({ type: "membership", id: row.id });

async function findMembership(db: Db, issuerId: string, orgId: string, memberId: string) {
  const row = await db.query.memberships.findFirst({
    where: and(
      eq(memberships.issuerId, issuerId),
      eq(memberships.orgId, orgId),
      eq(memberships.memberId, memberId),
    ),
  });
  if (!row) throw notFound("Membership");
  return row;
}

/**
 * A new membership of `member` in `org`: refuses a full organization (`max_members`) and an
 * existing member, then returns the row and the writes (row and event) for the caller to put
 * in one D1 batch with whatever else belongs to the same change.
 */
export async function newMembership(
  db: Db,
  ctx: MutationContext,
  org: OrganizationRow,
  member: { id: string; type: "user" | "agent" },
  fields: Pick<MemberInput, "scopes" | "user_title" | "metadata">,
) {
  const max = (org.settings as { max_members?: number | null }).max_members;
  if (max) {
    const [row] = await db
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.orgId, org.id));
    if ((row?.n ?? 0) >= max)
      throw new DomainError("CONFLICT", `the organization is full (max_members ${max})`);
  }
  const existing = await db.query.memberships.findFirst({
    where: and(eq(memberships.orgId, org.id), eq(memberships.memberId, member.id)),
  });
  if (existing) throw new DomainError("CONFLICT", "already a member of this organization");
  const defaults =
    (org.settings as { default_member_scopes?: string[] }).default_member_scopes ?? [];
  const row: MembershipRow = {
    id: newId("membership", ctx.now),
    issuerId: org.issuerId,
    orgId: org.id,
    memberType: member.type,
    memberId: member.id,
    scopes: fields.scopes ?? defaults,
    userTitle: fields.user_title ?? null,
    status: "active",
    metadata: fields.metadata ?? {},
    joinedAt: ctx.now,
    updatedAt: null,
  };
  const writes = [
    db.insert(memberships).values(row),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "organization.membership.created",
        issuerId: org.issuerId,
        subject: subject(row),
        data: { org_id: org.id, member_id: row.memberId, scopes: row.scopes },
      }),
    ),
  ] as const;
  return { row, writes };
}

/** Adds a user or agent of the same issuer; `max_members` is enforced; scopes default per org. */
export async function addMember(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  input: MemberInput,
): Promise<MembershipRow> {
  const org = await getOrganization(db, issuerId, orgId);
  const isUser = input.member_id.startsWith("usr_");
  const member = isUser
    ? await db.query.users.findFirst({
        where: and(eq(users.id, input.member_id), eq(users.issuerId, issuerId)),
      })
    : await db.query.agents.findFirst({
        where: and(eq(agents.id, input.member_id), eq(agents.issuerId, issuerId)),
      });
  if (!member) throw notFound(isUser ? "User" : "Agent");
  const { row, writes } = await newMembership(
    db,
    ctx,
    org,
    { id: input.member_id, type: isUser ? "user" : "agent" },
    input,
  );
  await writingUserClaims(claims, isUser ? [row.memberId] : [], ctx.now, () => db.batch(writes));
  return row;
}

export async function listMembers(
  db: Db,
  issuerId: string,
  orgId: string,
  query: MemberFilters,
): Promise<Page<ReturnType<typeof membershipToWire>>> {
  await getOrganization(db, issuerId, orgId);
  const rows = await db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.orgId, orgId),
        query.status ? eq(memberships.status, query.status) : undefined,
        query.scope ? jsonArrayHas(memberships.scopes, query.scope) : undefined,
        query.cursor ? gt(memberships.memberId, query.cursor) : undefined,
      ),
    )
    .orderBy(asc(memberships.memberId))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => row.memberId, membershipToWire);
}

export async function updateMember(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  memberId: string,
  input: UpdateMemberInput,
): Promise<MembershipRow> {
  const current = await findMembership(db, issuerId, orgId, memberId);
  const next: MembershipRow = {
    ...current,
    scopes: input.scopes ?? current.scopes,
    userTitle: input.user_title !== undefined ? input.user_title : current.userTitle,
    status: input.status ?? current.status,
    metadata: input.metadata ?? current.metadata,
    updatedAt: ctx.now,
  };
  await writingUserClaims(claims, userIds(current), ctx.now, () =>
    db.batch([
      db.update(memberships).set(next).where(eq(memberships.id, current.id)),
      db.insert(events).values(
        buildEventRow(ctx, {
          type: "organization.membership.updated",
          issuerId,
          subject: subject(next),
          data: { org_id: orgId, member_id: memberId, scopes: next.scopes, status: next.status },
        }),
      ),
    ]),
  );
  return next;
}

export async function removeMember(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  memberId: string,
): Promise<void> {
  const current = await findMembership(db, issuerId, orgId, memberId);
  await writingUserClaims(claims, userIds(current), ctx.now, () =>
    db.batch([
      db.delete(memberships).where(eq(memberships.id, current.id)),
      db.insert(events).values(
        buildEventRow(ctx, {
          type: "organization.membership.deleted",
          issuerId,
          subject: subject(current),
          data: { org_id: orgId, member_id: memberId },
        }),
      ),
    ]),
  );
}

/** The user whose claims a membership feeds (an agent's memberships feed no user's claims). */
function userIds(row: MembershipRow): string[] {
  return row.memberType === "user" ? [row.memberId] : [];
}
