import {
  CreatePersonalTokenInput,
  IntrospectTokenInput,
  PersonalTokenListQuery as ListQuery,
  RevokePersonalTokenInput,
} from "@authpi/domain/tokens";
import { z } from "@hono/zod-openapi";
import { AccountParams, MetadataSchema } from "./common.ts";

export const PersonalTokenSchema = z
  .object({
    id: z.string().openapi({ example: "tok_01jq7c9m2x4k8r6t0v3w5y7z9a01jq7d0a3b5c7e9g1h3k5m7p9r" }),
    type: z.literal("personal_token"),
    user_id: z.string(),
    issuer_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    scopes: z.array(z.string()),
    restrictions: z.object({ scopes: z.array(z.string()), ip_addresses: z.array(z.string()) }),
    audience: z.string().nullable(),
    jti: z.string(),
    status: z.enum(["active", "revoked", "expired"]),
    status_at: z.number().int(),
    status_reason: z.string().nullable(),
    status_by: z.string().nullable(),
    expires_at: z.number().int(),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("PersonalToken");

export const CreatedPersonalTokenSchema = PersonalTokenSchema.extend({
  token_plain: z.string().openapi({ description: "`ptk_` + a JWT; shown once" }),
}).openapi("CreatedPersonalToken");

export const CreatePersonalTokenBody = CreatePersonalTokenInput.openapi("CreatePersonalTokenInput");
export const PersonalTokenListQuery = ListQuery;
export const RevokePersonalTokenBody = RevokePersonalTokenInput.openapi("RevokePersonalTokenInput");
export const AccountTokenParams = AccountParams.extend({
  token_id: z.string().openapi({ param: { name: "token_id", in: "path" } }),
});

export const IntrospectTokenBody = IntrospectTokenInput.openapi("IntrospectTokenInput");
export const IntrospectionSchema = z
  .looseObject({
    active: z.boolean(),
    token_type: z.enum(["api_key", "personal_token", "access_token", "refresh_token"]).optional(),
    reason: z.string().optional().openapi({ description: "Why an inactive token is inactive" }),
  })
  .openapi("TokenIntrospection");
