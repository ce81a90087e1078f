import {
  AUTH_METHOD_TYPES,
  CreateAuthMethodInput,
  UpdateAuthMethodInput,
} from "@authpi/domain/auth-methods";
import { z } from "@hono/zod-openapi";
import { IssuerParams } from "./common.ts";

export const AuthMethodSchema = z
  .object({
    id: z.string().openapi({ example: "am_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    issuer_id: z.string(),
    name: z.string(),
    method: z.enum(AUTH_METHOD_TYPES),
    enabled: z.boolean(),
    first_factor_only: z.boolean(),
    settings: z.record(z.string(), z.unknown()).openapi({
      description: "The kind's settings with defaults filled in; never a client secret",
    }),
    client_secret_set: z.boolean().openapi({ description: "Whether an oauth2 secret is stored" }),
    apple_private_key_set: z.boolean().openapi({
      description: "Whether an Apple .p8 key (client secrets minted per request) is stored",
    }),
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("IssuerAuthMethod");

export const CreateAuthMethodBody = CreateAuthMethodInput.openapi("CreateAuthMethodInput");
export const UpdateAuthMethodBody = UpdateAuthMethodInput.openapi("UpdateAuthMethodInput");

export const AuthMethodParams = IssuerParams.extend({
  method_id: z.string().openapi({ param: { name: "method_id", in: "path" } }),
});
