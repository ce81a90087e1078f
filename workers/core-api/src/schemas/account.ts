import { UpdateAccountInput } from "@authpi/domain/accounts";
import { z } from "@hono/zod-openapi";
import { MetadataSchema } from "./common.ts";

export const AccountSchema = z
  .object({
    id: z.string().openapi({ example: "acc_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    organization: z
      .object({
        id: z.string(),
        issuer_id: z.string(),
        status: z.string(),
        name: z.string().nullable(),
        description: z.string().nullable(),
        logo_url: z.string().nullable(),
        org_type: z.string(),
        metadata: MetadataSchema,
        created_at: z.number().int(),
        updated_at: z.number().int().nullable(),
      })
      .openapi({ description: "The organization the account is a facade over" }),
    owner_user_id: z.string().nullable(),
    domains: z.array(z.object({ host: z.string() })),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Account");

export const MeSchema = z
  .object({
    type: z.enum(["api_key"]),
    key_id: z.string(),
    issuer_id: z.string().openapi({ description: "The issuer the key's organization is in" }),
    accounts: z.array(
      z.object({ account_id: z.string(), org_id: z.string(), scopes: z.array(z.string()) }),
    ),
    organizations: z.array(z.object({ org_id: z.string(), scopes: z.array(z.string()) })).openapi({
      description: "The organization the key acts as (the account's own for account keys)",
    }),
  })
  .openapi("CallerIdentity");

export const UpdateAccountBody = UpdateAccountInput.openapi("UpdateAccountInput");
