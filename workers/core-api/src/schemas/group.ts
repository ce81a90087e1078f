import { CreateGroupInput, UpdateGroupInput } from "@authpi/domain/groups";
import { z } from "@hono/zod-openapi";
import { IssuerParams, MetadataSchema } from "./common.ts";

export const GroupSchema = z
  .object({
    id: z.string().openapi({ example: "grp_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    org_id: z.string(),
    issuer_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    scopes: z.array(z.string()),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Group");

export const CreateGroupBody = CreateGroupInput.openapi("CreateGroupInput");
export const UpdateGroupBody = UpdateGroupInput.openapi("UpdateGroupInput");

export const GroupOrgParams = IssuerParams.extend({
  org_id: z.string().openapi({ param: { name: "org_id", in: "path" } }),
});
export const GroupParams = GroupOrgParams.extend({
  group_id: z.string().openapi({ param: { name: "group_id", in: "path" } }),
});
