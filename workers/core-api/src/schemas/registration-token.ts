import { CreateRegistrationTokenInput } from "@authpi/domain/registration";
import { z } from "@hono/zod-openapi";
import { IssuerParams } from "./common.ts";

/** An initial access token for dynamic client registration (RFC 7591 §3): never the token itself. */
export const RegistrationTokenSchema = z
  .object({
    id: z.string().openapi({ example: "rgt_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    object: z.literal("registration_token"),
    issuer_id: z.string(),
    description: z.string().nullable(),
    token_hint: z.string().openapi({ description: "The token's last 8 characters" }),
    max_uses: z.number().int().nullable(),
    uses: z.number().int(),
    expires_at: z.number().int().nullable(),
    last_used_at: z.number().int().nullable(),
    created_at: z.number().int(),
  })
  .openapi("RegistrationToken");

export const CreatedRegistrationTokenSchema = RegistrationTokenSchema.extend({
  token: z.string().openapi({
    description: "`iat_…`, shown once: send it as `Authorization: Bearer` to /register",
  }),
}).openapi("CreatedRegistrationToken");

export const CreateRegistrationTokenBody = CreateRegistrationTokenInput.openapi(
  "CreateRegistrationTokenInput",
);

export const RegistrationTokenParams = IssuerParams.extend({
  token_id: z.string().openapi({ param: { name: "token_id", in: "path" } }),
});
