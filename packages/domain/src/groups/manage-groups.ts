import { and, count, desc, eq, lt, ne } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, organizationGroups } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { getOrganization } from "../organizations/manage-organizations.ts";
import { type ListQuery, type Page, toPage } from "../pagination.ts";
import type { CreateGroupInput, UpdateGroupInput } from "./group-input.ts";
import { type GroupRow, groupToWire } from "./group-wire.ts";

/** An organization has at most this many groups. */
export const MAX_GROUPS_PER_ORGANIZATION = 200;

function groupEvent(ctx: MutationContext, type: EventType, row: GroupRow) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.issuerId,
    subject: { type: "group", id: row.id },
    data: { group_id: row.id, org_id: row.orgId, name: row.name, scopes: row.scopes },
  });
}

async function checkNameFree(db: Db, orgId: string, name: string, except?: string) {
  const taken = await db.query.organizationGroups.findFirst({
    where: and(
      eq(organizationGroups.orgId, orgId),
      eq(organizationGroups.name, name),
      except ? ne(organizationGroups.id, except) : undefined,
    ),
    columns: { id: true },
  });
  if (taken) throw new DomainError("CONFLICT", "The organization already has a group of that name");
}

/** A group of this issuer's organization; any other's is a 404. */
export async function getGroup(
  db: Db,
  issuerId: string,
  orgId: string,
  groupId: string,
): Promise<GroupRow> {
  await getOrganization(db, issuerId, orgId);
  const row = await db.query.organizationGroups.findFirst({
    where: and(eq(organizationGroups.id, groupId), eq(organizationGroups.orgId, orgId)),
  });
  if (!row) throw notFound("Group");
  return row;
}

/** The organization's groups, newest first. */
export async function listGroups(
  db: Db,
  issuerId: string,
  orgId: string,
  query: ListQuery,
): Promise<Page<ReturnType<typeof groupToWire>>> {
  await getOrganization(db, issuerId, orgId);
  const rows = await db
    .select()
    .from(organizationGroups)
    .where(
      and(
        eq(organizationGroups.orgId, orgId),
        query.cursor ? lt(organizationGroups.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(organizationGroups.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => row.id, groupToWire);
}

/** Adds a group; names are unique in the organization. */
export async function createGroup(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  input: CreateGroupInput,
): Promise<GroupRow> {
  await getOrganization(db, issuerId, orgId);
  const [existing] = await db
    .select({ n: count() })
    .from(organizationGroups)
    .where(eq(organizationGroups.orgId, orgId));
  if ((existing?.n ?? 0) >= MAX_GROUPS_PER_ORGANIZATION) {
    throw new DomainError(
      "CONFLICT",
      `An organization has at most ${MAX_GROUPS_PER_ORGANIZATION} groups`,
    );
  }
  await checkNameFree(db, orgId, input.name);
  const row: GroupRow = {
    id: newId("group", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    orgId,
    name: input.name,
    description: input.description ?? null,
    scopes: [...new Set(input.scopes)],
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(organizationGroups).values(row),
    db.insert(events).values(groupEvent(ctx, "organization.group.created", row)),
  ]);
  return row;
}

/** Changes a group under If-Match; a name taken in the organization is a 409. */
export async function updateGroup(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  groupId: string,
  input: UpdateGroupInput,
  ifMatch?: string | null,
): Promise<GroupRow> {
  const current = await getGroup(db, issuerId, orgId, groupId);
  checkIfMatch(ifMatch, etagOf(current));
  if (input.name && input.name !== current.name)
    await checkNameFree(db, orgId, input.name, groupId);
  const next: GroupRow = {
    ...current,
    name: input.name ?? current.name,
    description: input.description !== undefined ? input.description : current.description,
    scopes: input.scopes ? [...new Set(input.scopes)] : current.scopes,
    metadata: input.metadata ?? current.metadata,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(organizationGroups).set(next).where(eq(organizationGroups.id, groupId)),
    db.insert(events).values(groupEvent(ctx, "organization.group.updated", next)),
  ]);
  return next;
}

/** Deletes a group under If-Match. */
export async function deleteGroup(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  groupId: string,
  ifMatch?: string | null,
): Promise<void> {
  const current = await getGroup(db, issuerId, orgId, groupId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(organizationGroups).where(eq(organizationGroups.id, groupId)),
    db.insert(events).values(groupEvent(ctx, "organization.group.deleted", current)),
  ]);
}
