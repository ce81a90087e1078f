import { CreateUserInput, UpdateUserInput, UserFilters } from "@authpi/domain/users";
import { z } from "@hono/zod-openapi";
import { IssuerParams, MetadataSchema } from "./common.ts";

export const UserSchema = z
  .object({
    id: z.string().openapi({ example: "usr_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    issuer_id: z.string(),
    status: z.string(),
    status_at: z.number().int().nullable(),
    status_reason: z.string().nullable(),
    status_by: z.string().nullable(),
    username_type: z.string(),
    username: z.string(),
    profile: z.record(z.string(), z.unknown()),
    scopes: z.array(z.string()),
    custom_fields: z.record(z.string(), z.unknown()),
    custom_claims: z.record(z.string(), z.unknown()),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("User");

export const CreateUserBody = CreateUserInput.openapi("CreateUserInput");

export const UpdateUserBody = UpdateUserInput.openapi("UpdateUserInput");
export const UserListQuery = UserFilters;
export const UserParams = IssuerParams.extend({
  user_id: z.string().openapi({ param: { name: "user_id", in: "path" } }),
});

export const UserListItemSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    issuer_id: z.string(),
    username_hash: z.string().openapi({ description: "SHA-256 of the normalised username" }),
    username_type: z.string(),
    status: z.string(),
    status_at: z.number().int().nullable(),
    store_id: z.string(),
    region: z.string().nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("UserListItem");
