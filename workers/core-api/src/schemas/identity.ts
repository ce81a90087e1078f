import { z } from "@hono/zod-openapi";
import { UserParams } from "./user.ts";

export const IdentitySchema = z
  .object({
    id: z.string().openapi({ example: "idn_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    user_id: z.string(),
    connection_id: z.string().openapi({
      description: "The upstream connection: an oauth2 auth method id or an organization id",
    }),
    provider: z.string().openapi({ example: "google" }),
    issuer: z.string().openapi({ description: "The upstream issuer that vouched for the subject" }),
    subject: z.string(),
    email: z.string().nullable(),
    created_at: z.number().int(),
    last_used_at: z.number().int().nullable(),
  })
  .openapi("UserIdentity");

export const IdentityParams = UserParams.extend({
  identity_id: z.string().openapi({ param: { name: "identity_id", in: "path" } }),
});
