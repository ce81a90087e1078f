import { AllowAgentInput } from "@authpi/domain/consents";
import { z } from "@hono/zod-openapi";
import { UserParams } from "./user.ts";

export const ConsentSchema = z
  .object({
    client_id: z.string().openapi({
      example: "c_01jq7c9m2x4k8r6t0v3w5y7z9a",
      description: "The client, or the agent (`agt_…`) the user lets act for them",
    }),
    kind: z.enum(["client", "agent"]).openapi({
      description: "`agent`: the user lets this agent act for them by token exchange (RFC 8693)",
    }),
    client_name: z
      .string()
      .nullable()
      .openapi({ description: "The client's or agent's name; null when it was deleted" }),
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

export const AllowAgentBody = AllowAgentInput.openapi("AllowAgentInput");
