import { ApiKeyFilters, CreateApiKeyInput, UpdateApiKeyInput } from "@authpi/domain/api-keys";
import { z } from "@hono/zod-openapi";
import { AccountParams, MetadataSchema } from "./common.ts";
import { OrganizationParams } from "./organization.ts";

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_4f8a2b9c0d1e4f5a8b7c6d5e4f3a2b1c" }),
    type: z.string(),
    org_id: z.string(),
    issuer_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    restrictions: z.object({ scopes: z.array(z.string()) }),
    status: z.string(),
    status_at: z.number().int().nullable(),
    status_reason: z.string().nullable(),
    status_by: z.string().nullable(),
    expires_at: z.number().int().nullable(),
    secret: z.object({ algorithm: z.string(), hint: z.string() }),
    last_used_at: z.number().int().nullable(),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("ApiKey");

export const ApiKeyListItemSchema = ApiKeySchema.extend({
  scopes: z.array(z.string()),
  ip_allowlist: z.array(z.string()).nullable(),
  secret_hint: z.string(),
  last_rotated_at: z.number().int().nullable(),
}).openapi("ApiKeyListItem");

export const CreatedApiKeySchema = ApiKeySchema.extend({ secret_plain: z.string() }).openapi(
  "CreateApiKeyResponse",
);
export const RotatedApiKeySchema = z
  .object({ secret_plain: z.string() })
  .openapi("ApiKeysRotateResponse");
export const CreateApiKeyBody = CreateApiKeyInput.openapi("CreateAccountApiKey");
export const UpdateApiKeyBody = UpdateApiKeyInput.openapi("UpdateAccountApiKey");
export const ApiKeyListQuery = ApiKeyFilters;
export const ApiKeyParams = AccountParams.extend({
  key_id: z.string().openapi({ param: { name: "key_id", in: "path" } }),
});
export const StatusBody = z
  .strictObject({ reason: z.string().max(1000).nullish() })
  .openapi("StatusChangeInput");
export const OrgApiKeyParams = OrganizationParams.extend({
  key_id: z.string().openapi({ param: { name: "key_id", in: "path" } }),
});
