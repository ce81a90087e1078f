import {
  CreateInvitationInput,
  InvitationFilters,
  UpdateInvitationInput,
} from "@authpi/domain/organizations";
import { z } from "@hono/zod-openapi";
import { MetadataSchema } from "./common.ts";
import { OrganizationParams } from "./organization.ts";

export const InvitationSchema = z
  .object({
    id: z.string().openapi({ example: "inv_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    org_id: z.string(),
    issuer_id: z.string(),
    status: z.string().openapi({
      description: "`pending`, `accepted`, `declined`, `revoked` or `expired`",
    }),
    email_invited: z.string(),
    user_id_invited: z.string().nullable(),
    user_title: z.string().nullable(),
    message: z.string().nullable(),
    scopes: z.array(z.string()),
    inviter: z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
    expires_at: z.number().int(),
    accepted_at: z.number().int().nullable(),
    declined_at: z.number().int().nullable(),
    revoked_at: z.number().int().nullable(),
    last_email_sent_at: z.number().int().nullable(),
    metadata: MetadataSchema,
  })
  .openapi("Invitation");

export const CreateInvitationBody = CreateInvitationInput.openapi("CreateInvitationInput");
export const UpdateInvitationBody = UpdateInvitationInput.openapi("UpdateInvitationInput");
export const InvitationListQuery = InvitationFilters;
export const InvitationParams = OrganizationParams.extend({
  invitation_id: z.string().openapi({ param: { name: "invitation_id", in: "path" } }),
});
