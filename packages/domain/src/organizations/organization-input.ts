import { z } from "zod";
import { freeForm, Metadata } from "../input/free-form.ts";
import { BoolParam } from "../list-filters.ts";
import { ListQuery } from "../pagination.ts";
import { SsoInput } from "./sso/sso-config.ts";

const Scopes = z.array(z.string().min(1).max(200)).max(200);

export const OrganizationFields = z.strictObject({
  name: z.string().trim().min(1).max(200).nullish(),
  description: z.string().max(5000).nullish(),
  logo_url: z.string().url().max(2000).nullish(),
  org_type: z.enum(["default", "business", "charity", "public_sector"]).optional(),
  max_members: z.number().int().min(1).max(1_000_000).nullish(),
  default_member_scopes: Scopes.optional(),
  invitation_enabled: z.boolean().optional(),
  security: z.strictObject({ enforce_2fa: z.boolean().optional() }).optional(),
  custom_fields: freeForm().optional(),
  metadata: Metadata.optional(),
  /** Enterprise SSO: on/off, SSO-only, and the OIDC connection (docs/decisions/sdk-resources.md). */
  sso: SsoInput.optional(),
});

export const CreateOrganizationInput = OrganizationFields;
export type CreateOrganizationInput = z.output<typeof CreateOrganizationInput>;

/** PATCH: any field; `status` suspends (`suspended`) or reactivates (`active`). */
export const UpdateOrganizationInput = OrganizationFields.extend({
  status: z.enum(["active", "suspended"]).optional(),
  status_reason: z.string().max(1000).nullish(),
  status_by: z.string().max(200).nullish(),
});
export type UpdateOrganizationInput = z.output<typeof UpdateOrganizationInput>;

/**
 * The list filters (docs/decisions/input-limits.md). `mfa_required` is `security.enforce_2fa`;
 * `sso_enabled`/`sso_only` read `settings.sso` (until organization SSO exists, no
 * organization has it, so `true` matches none).
 */
export const OrganizationFilters = ListQuery.extend({
  status: z.enum(["active", "suspended"]).optional(),
  sso_enabled: BoolParam.optional(),
  sso_only: BoolParam.optional(),
  mfa_required: BoolParam.optional(),
  invitation_enabled: BoolParam.optional(),
});
export type OrganizationFilters = z.output<typeof OrganizationFilters>;

/** A member holding `scope`, or in `status`. */
export const MemberFilters = ListQuery.extend({
  status: z.enum(["active", "suspended"]).optional(),
  scope: z.string().min(1).max(200).optional(),
});
export type MemberFilters = z.output<typeof MemberFilters>;

export const MemberInput = z.strictObject({
  member_id: z.string().regex(/^(usr|agt)_[0-9a-z]+$/, "must be a user (usr_) or agent (agt_) id"),
  scopes: Scopes.optional(),
  user_title: z.string().max(200).nullish(),
  metadata: Metadata.optional(),
});
export type MemberInput = z.output<typeof MemberInput>;

export const UpdateMemberInput = z.strictObject({
  scopes: Scopes.optional(),
  user_title: z.string().max(200).nullish(),
  status: z.enum(["active", "suspended"]).optional(),
  metadata: Metadata.optional(),
});
export type UpdateMemberInput = z.output<typeof UpdateMemberInput>;

/** The settings JSON an organization stores, merged from input over what it had. */
export function mergeSettings(
  current: Record<string, unknown>,
  input: z.output<typeof OrganizationFields>,
) {
  const settings = { ...current };
  if (input.max_members !== undefined) settings.max_members = input.max_members;
  if (input.default_member_scopes !== undefined)
    settings.default_member_scopes = input.default_member_scopes;
  if (input.invitation_enabled !== undefined) {
    settings.invitation = {
      ...((current.invitation as object) ?? {}),
      enabled: input.invitation_enabled,
    };
  }
  if (input.security !== undefined)
    settings.security = { ...((current.security as object) ?? {}), ...input.security };
  return settings;
}
