import {
  CreateOrganizationInput,
  MemberFilters,
  MemberInput,
  OrganizationFilters,
  UpdateMemberInput,
  UpdateOrganizationInput,
} from "@authpi/domain/organizations";
import { z } from "@hono/zod-openapi";
import { IssuerParams, MetadataSchema } from "./common.ts";
import { OrganizationSsoSchema } from "./sso.ts";

export const OrganizationSchema = z
  .object({
    id: z.string().openapi({ example: "org_0gw3hcq8r2kfn7xj9tzm4be5a" }),
    issuer_id: z.string(),
    status: z.string(),
    status_at: z.number().int().nullable(),
    status_reason: z.string().nullable(),
    status_by: z.string().nullable(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    logo_url: z.string().nullable(),
    org_type: z.string(),
    max_members: z.number().int().nullable(),
    default_member_scopes: z.array(z.string()),
    invitation_enabled: z.boolean(),
    security: z.record(z.string(), z.unknown()),
    sso: OrganizationSsoSchema,
    custom_fields: z.record(z.string(), z.unknown()),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Organization");

export const MembershipSchema = z
  .object({
    org_id: z.string(),
    member_id: z.string(),
    member_type: z.string(),
    issuer_id: z.string(),
    status: z.string(),
    scopes: z.array(z.string()),
    user_title: z.string().nullable(),
    metadata: MetadataSchema,
    joined_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("OrganizationMembership");

export const CreateOrganizationBody = CreateOrganizationInput.openapi("CreateOrganizationInput");
export const UpdateOrganizationBody = UpdateOrganizationInput.openapi("UpdateOrganizationInput");
export const MemberBody = MemberInput.openapi("AddMemberInput");
export const UpdateMemberBody = UpdateMemberInput.openapi("UpdateMemberInput");

export const OrganizationListQuery = OrganizationFilters;
export const MemberListQuery = MemberFilters;

export const OrganizationParams = IssuerParams.extend({
  org_id: z.string().openapi({ param: { name: "org_id", in: "path" } }),
});

export const MemberParams = OrganizationParams.extend({
  member_id: z.string().openapi({ param: { name: "member_id", in: "path" } }),
});
