import { and, desc, eq, lt, ne } from "drizzle-orm";
import { runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import {
  events,
  invitations,
  memberships,
  organizationGroups,
  organizationSsoDomains,
  organizations,
} from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { eventInserts } from "../events/record-events.ts";
import { newId } from "../ids.ts";
import { jsonFlag } from "../list-filters.ts";
import { deleteNotesAbout } from "../notes/notes-about.ts";
import { type Page, toPage } from "../pagination.ts";
import { type UserClaimsWriter, writingUserClaims } from "../tokens/claims-store.ts";
import { invitationEventRow } from "./invitation-events.ts";
import { membershipRemovedRows } from "./membership-events.ts";
import {
  type CreateOrganizationInput,
  mergeSettings,
  type OrganizationFilters,
  type UpdateOrganizationInput,
} from "./organization-input.ts";
import { type OrganizationRow, organizationToWire } from "./organization-wire.ts";
import { applySsoInput, type SsoColumns } from "./sso/sso-config.ts";
import { ssoDomainsOf } from "./sso/sso-domains-of.ts";

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

/** The writes that create an organization row with its `organization.created` event. */
export function organizationCreatedWrites(db: Db, ctx: MutationContext, row: OrganizationRow) {
  return [
    db.insert(organizations).values(row),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "organization.created",
        issuerId: row.issuerId,
        subject: subject(row.id),
        data: { name: row.name },
      }),
    ),
  ] as const;
}

export const NO_SSO: SsoColumns = {
  ssoEnabled: false,
  ssoOnly: false,
  sso: {},
  ssoClientSecretSealed: null,
};

export async function createOrganization(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  input: CreateOrganizationInput,
  sealKey = "",
): Promise<OrganizationRow> {
  const sso = input.sso ? await applySsoInput(NO_SSO, input.sso, sealKey) : null;
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
    ...(sso?.columns ?? NO_SSO),
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    ...organizationCreatedWrites(db, ctx, row),
    ...(row.ssoEnabled
      ? [
          db.insert(events).values(
            buildEventRow(ctx, {
              type: "organization.sso.enabled",
              issuerId,
              subject: subject(row.id),
              data: { org_id: row.id, sso_enabled: true, sso_only: row.ssoOnly },
            }),
          ),
        ]
      : []),
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
        query.sso_enabled === undefined
          ? undefined
          : eq(organizations.ssoEnabled, query.sso_enabled),
        query.sso_only === undefined ? undefined : eq(organizations.ssoOnly, query.sso_only),
        flag("$.security.enforce_2fa", query.mfa_required, false),
        flag("$.invitation.enabled", query.invitation_enabled, true),
        query.cursor ? lt(organizations.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(organizations.id))
    .limit(query.limit + 1);
  const domains = await ssoDomainsOf(
    db,
    rows.slice(0, query.limit).map((row) => row.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => row.id,
    (row) => organizationToWire(row, domains.get(row.id)),
  );
}

/** PATCH with optimistic concurrency; a status change records suspended/reactivated. */
export async function updateOrganization(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  input: UpdateOrganizationInput,
  ifMatch?: string | null,
  sealKey = "",
): Promise<OrganizationRow> {
  const current = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(current));
  const sso = input.sso ? await applySsoInput(current, input.sso, sealKey) : null;
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
    ...(sso?.columns ?? {}),
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  const type = !statusChanged
    ? "organization.updated"
    : next.status === "suspended"
      ? "organization.suspended"
      : "organization.reactivated";
  // A status change moves the organizations claim of every user member.
  const before = statusChanged ? await memberUserIds(db, orgId) : [];
  const write = () =>
    db.batch([
      db.update(organizations).set(next).where(eq(organizations.id, orgId)),
      db.insert(events).values(
        buildEventRow(ctx, {
          type,
          issuerId,
          subject: subject(orgId),
          data: { status: next.status },
        }),
      ),
      ...(sso?.events ?? []).map((ssoType) =>
        db.insert(events).values(
          buildEventRow(ctx, {
            type: ssoType,
            issuerId,
            subject: subject(orgId),
            data: { org_id: orgId, sso_enabled: next.ssoEnabled, sso_only: next.ssoOnly },
          }),
        ),
      ),
    ]);
  if (!statusChanged) await write();
  else await writingOrganizationClaims(db, claims, orgId, before, ctx.now, write);
  return next;
}

/** The user members of an organization, whose claims its status feeds. */
async function memberUserIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ id: memberships.memberId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.memberType, "user")));
  return rows.map((row) => row.id);
}

/**
 * The write protocol for an organization's members: begun for the members read before the
 * write, ended for those and for any member who joined meanwhile (their snapshot is dropped).
 */
async function writingOrganizationClaims(
  db: Db,
  claims: UserClaimsWriter,
  orgId: string,
  before: string[],
  now: number,
  write: () => Promise<unknown>,
): Promise<void> {
  if (before.length > 0) await claims.beginUserWrite(before, now);
  try {
    await write();
  } finally {
    const after = await memberUserIds(db, orgId).catch(() => []);
    const all = [...new Set([...before, ...after])];
    if (all.length > 0) await claims.endUserWrite(all, now);
  }
}

/**
 * Hard delete with its memberships and invitations (docs/decisions/core-api.md); org API keys are
 * not touched. Each removed membership and each pending invitation records its own event in
 * the same batch, however many there are.
 */
export async function deleteOrganization(
  db: Db,
  claims: UserClaimsWriter,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  ifMatch?: string | null,
): Promise<void> {
  const current = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(current));
  const [members, pending] = await db.batch([
    db.select().from(memberships).where(eq(memberships.orgId, orgId)),
    db
      .select()
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.status, "pending"))),
  ]);
  const userIds = members.filter((m) => m.memberType === "user").map((m) => m.memberId);
  const batch = [
    db.delete(memberships).where(eq(memberships.orgId, orgId)),
    db.delete(organizationGroups).where(eq(organizationGroups.orgId, orgId)),
    db.delete(organizationSsoDomains).where(eq(organizationSsoDomains.orgId, orgId)),
    ...deleteNotesAbout(db, "org", orgId),
    // Its invitations go too, so no old link can join a deleted organization.
    db.delete(invitations).where(eq(invitations.orgId, orgId)),
    db.delete(organizations).where(eq(organizations.id, orgId)),
    ...eventInserts(db, [
      buildEventRow(ctx, {
        type: "organization.deleted",
        issuerId,
        subject: subject(orgId),
        data: { name: current.name },
      }),
      ...membershipRemovedRows(ctx, members, "organization_deleted"),
      ...pending.map((row) =>
        invitationEventRow(ctx, "organization.invitation.deleted", row, {
          status: "revoked",
          reason: "organization_deleted",
        }),
      ),
    ]),
  ];
  await writingUserClaims(claims, userIds, ctx.now, () => runBatch(db, batch));
}
