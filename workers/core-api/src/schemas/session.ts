import { RevokeSessionInput, SessionFilters } from "@authpi/domain/sessions";
import { z } from "@hono/zod-openapi";
import { IssuerParams } from "./common.ts";

export const SessionSchema = z
  .object({
    id: z.string().openapi({ example: "s_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    user_id: z.string(),
    issuer_id: z.string(),
    type: z.enum(["op", "rp"]),
    status: z.enum(["active", "suspended", "revoked", "expired"]),
    status_at: z.number().int().nullable(),
    status_reason: z.string().nullable(),
    authentication: z.object({ method: z.string().nullable(), authenticated_at: z.number() }),
    op_session_id: z.string().nullable(),
    device: z.record(z.string(), z.unknown()).nullable(),
    ttl: z.number().int(),
    idle_timeout: z.number().int(),
    last_activity_at: z.number().int(),
    refresh_count: z.number().int(),
    revoked_reason: z.string().nullable(),
    client: z.object({ id: z.string() }).nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
    expires_at: z.number().int(),
    revoked_at: z.number().int().nullable(),
  })
  .openapi("Session");

export const SessionListQuery = SessionFilters;
export const RevokeSessionBody = RevokeSessionInput.openapi("RevokeSessionInput");
export const SessionParams = IssuerParams.extend({
  session_id: z.string().openapi({ param: { name: "session_id", in: "path" } }),
});
