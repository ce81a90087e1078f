import { and, desc, eq, lt, ne } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, invitations, memberships, organizations } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { jsonFlag } from "../list-filters.ts";
import { type Page, toPage } from "../pagination.ts";
import {
  type CreateOrganizationInput,
  mergeSettings,
  type OrganizationFilters,
  type UpdateOrganizationInput,
} from "./organization-input.ts";
import { type OrganizationRow, organizationToWire } from "./organization-wire.ts";

const subject = (id: string) => ({ type: "organization", id });

/** An organization of this issuer; another issuer's id is a 404. */
export async function getOrganization(
  db: Db,
  issuerId: string,
  orgId: string,
): Promise<OrganizationRow> {
  const row = await db.query.organizations.findFirst({
    where: and(eq(organizations.id, orgId), eq(organizations.issuerId, issuerId)),
  });
  if (!row) throw notFound("Organization");
  return row;
}

export async function createOrganization(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  input: CreateOrganizationInput,
): Promise<OrganizationRow> {
  const row: OrganizationRow = {
    id: newId("organization", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    name: input.name ?? null,
    description: input.description ?? null,
    logoUrl: input.logo_url ?? null,
    orgType: input.org_type ?? "default",
    status: "active",
    statusAt: ctx.now,
    statusReason: null,
    statusBy: null,
    settings: mergeSettings({}, input),
    profile: {},
    customFields: input.custom_fields ?? {},
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(organizations).values(row),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "organization.created",
        issuerId,
        subject: subject(row.id),
        data: { name: row.name },
      }),
    ),
  ]);
  return row;
}

/** Lists organizations newest first; deleted ones are gone (hard delete). */
export async function listOrganizations(
  db: Db,
  issuerId: string,
  query: OrganizationFilters,
): Promise<Page<ReturnType<typeof organizationToWire>>> {
  const flag = (path: string, value: boolean | undefined, fallback: boolean) =>
    value === undefined ? undefined : jsonFlag(organizations.settings, path, value, fallback);
  const rows = await db
    .select()
    .from(organizations)
    .where(
      and(
        eq(organizations.issuerId, issuerId),
        query.status ? eq(organizations.status, query.status) : ne(organizations.status, "deleted"),
        flag("$.security.enforce_2fa", query.mfa_required, false),
        flag("$.invitation.enabled", query.invitation_enabled, true),
        flag("$.sso.enabled", query.sso_enabled, false),
        flag("$.sso.only", query.sso_only, false),
        query.cursor ? lt(organizations.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(organizations.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => row.id, organizationToWire);
}

/** PATCH with optimistic concurrency; a status change records suspended/reactivated. */
export async function updateOrganization(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  input: UpdateOrganizationInput,
  ifMatch?: string | null,
): Promise<OrganizationRow> {
  const current = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(current));
  const statusChanged = input.status !== undefined && input.status !== current.status;
  const next: OrganizationRow = {
    ...current,
    name: input.name !== undefined ? input.name : current.name,
    description: input.description !== undefined ? input.description : current.description,
    logoUrl: input.logo_url !== undefined ? input.logo_url : current.logoUrl,
    orgType: input.org_type ?? current.orgType,
    settings: mergeSettings(current.settings, input),
    customFields: input.custom_fields ?? current.customFields,
    metadata: input.metadata ?? current.metadata,
    status: input.status ?? current.status,
    statusAt: statusChanged ? ctx.now : current.statusAt,
    statusReason: statusChanged ? (input.status_reason ?? null) : current.statusReason,
    statusBy: statusChanged ? (input.status_by ?? null) : current.statusBy,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  const type = !statusChanged
    ? "organization.updated"
    : next.status === "suspended"
      ? "organization.suspended"
      : "organization.reactivated";
  await db.batch([
    db.update(organizations).set(next).where(eq(organizations.id, orgId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type,
        issuerId,
        subject: subject(orgId),
        data: { status: next.status },
      }),
    ),
  ]);
  return next;
}

/** Hard delete with its memberships (spec core-api.md §9.8); org API keys are not touched. */
export async function deleteOrganization(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  ifMatch?: string | null,
): Promise<void> {
  const current = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(memberships).where(eq(memberships.orgId, orgId)),
    // Its invitations go too, so no old link can join a deleted organization.
    db.delete(invitations).where(eq(invitations.orgId, orgId)),
    db.delete(organizations).where(eq(organizations.id, orgId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "organization.deleted",
        issuerId,
        subject: subject(orgId),
        data: { name: current.name },
      }),
    ),
  ]);
}
