import { CreateIssuerInput, UpdateIssuerInput } from "@authpi/domain/issuers";
import { z } from "@hono/zod-openapi";
import { MetadataSchema } from "./common.ts";

export const IssuerSchema = z
  .object({
    id: z.string().openapi({ example: "i_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    account_id: z.string(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    links: z.record(z.string(), z.string().nullable()).nullable(),
    available_scopes: z.array(z.string()),
    status: z.string(),
    status_at: z.number().int().nullable(),
    settings: z.record(z.string(), z.unknown()),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Issuer");

export const CreateIssuerBody = CreateIssuerInput.openapi("CreateIssuerInput");

export const UpdateIssuerBody = UpdateIssuerInput.openapi("UpdateIssuerInput");

export const IssuerListItemSchema = IssuerSchema.extend({
  access_mode: z.string().nullable(),
  auth_method_count: z.number().int(),
  enabled_login_method_count: z.number().int(),
  enabled_signup_method_count: z.number().int(),
  available_scope_count: z.number().int(),
  branding_configured: z.boolean(),
  readiness: z.string().openapi({ description: "`ready`, `needs_client` or `disabled`" }),
}).openapi("IssuerListItem");
