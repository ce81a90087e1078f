import type { memberships, organizations } from "../db/schema.ts";
import { type SsoDomainView, ssoToWire } from "./sso/sso-wire.ts";

export type OrganizationRow = typeof organizations.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/** The organization in AuthPI's wire shape (`authpi-admin` model `Organization`). */
export function organizationToWire(row: OrganizationRow, ssoDomains: SsoDomainView[] = []) {
  const settings = row.settings as Record<string, unknown>;
  const invitation = (settings.invitation ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    issuer_id: row.issuerId,
    status: row.status,
    status_at: row.statusAt,
    status_reason: row.statusReason,
    status_by: row.statusBy,
    name: row.name,
    description: row.description,
    logo_url: row.logoUrl,
    org_type: row.orgType,
    max_members: (settings.max_members as number | undefined) ?? null,
    default_member_scopes: (settings.default_member_scopes as string[] | undefined) ?? [],
    invitation_enabled: (invitation.enabled as boolean | undefined) ?? true,
    security: (settings.security as Record<string, unknown> | undefined) ?? { enforce_2fa: false },
    sso: ssoToWire(row, ssoDomains),
    custom_fields: row.customFields,
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** A membership in AuthPI's wire shape (`authpi-admin` model `OrganizationMembership`). */
export function membershipToWire(row: MembershipRow) {
  return {
    org_id: row.orgId,
    member_id: row.memberId,
    member_type: row.memberType,
    issuer_id: row.issuerId,
    status: row.status,
    scopes: row.scopes,
    user_title: row.userTitle,
    metadata: row.metadata,
    joined_at: row.joinedAt,
    updated_at: row.updatedAt,
  };
}
