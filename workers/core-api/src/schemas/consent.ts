import { z } from "@hono/zod-openapi";
import { UserParams } from "./user.ts";

export const ConsentSchema = z
  .object({
    client_id: z.string().openapi({ example: "c_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    client_name: z.string().nullable().openapi({ description: "null when the client was deleted" }),
    client_logo_url: z.string().nullable(),
    user_id: z.string(),
    issuer_id: z.string(),
    scopes: z.array(z.string()).openapi({ description: "Every scope the user allowed, unioned" }),
    granted_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Consent");

export const ConsentParams = UserParams.extend({
  client_id: z.string().openapi({ param: { name: "client_id", in: "path" } }),
});
