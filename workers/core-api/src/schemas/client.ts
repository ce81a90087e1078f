import { ClientFilters, CreateClientInput, UpdateClientInput } from "@authpi/domain/clients";
import { z } from "@hono/zod-openapi";
import { IssuerParams, MetadataSchema } from "./common.ts";

export const ClientSchema = z
  .object({
    id: z.string().openapi({ example: "c_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    issuer_id: z.string(),
    status: z.string(),
    type: z.string(),
    confidential: z.boolean(),
    secret_rotated_at: z.number().int().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    logo_url: z.string().nullable(),
    settings: z.record(z.string(), z.unknown()),
    status_at: z.number().int().nullable(),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Client");

export const CreatedClientSchema = ClientSchema.extend({
  secret: z.string().nullable().openapi({ description: "Shown once; null for public clients" }),
}).openapi("CreatedClient");

export const CreateClientBody = CreateClientInput.openapi("CreateClientInput");

export const UpdateClientBody = UpdateClientInput.openapi("UpdateClientInput");
export const ClientListQuery = ClientFilters;
export const ClientParams = IssuerParams.extend({
  client_id: z.string().openapi({ param: { name: "client_id", in: "path" } }),
});

export const ClientListItemSchema = ClientSchema.omit({ settings: true, metadata: true })
  .extend({
    scopes: z.array(z.string()),
    protocol: z.string(),
    application_type: z.string().nullable(),
    grant_types: z.array(z.string()),
    redirect_uri_count: z.number().int(),
    configuration_indexed: z.boolean(),
  })
  .openapi("ClientListItem");
