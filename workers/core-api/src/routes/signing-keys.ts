import { rotateIssuerKeys } from "@authpi/domain/signing-keys";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { openApiApp } from "../openapi.ts";
import {
  errorResponses,
  IssuerParams,
  jsonResponse,
  optionalJsonBody,
  single,
} from "../schemas/common.ts";
import { KeyRotationSchema, RotateKeysBody } from "../schemas/signing-key.ts";

const route = createRoute({
  method: "post",
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/keys/rotate",
  tags: ["Signing keys"],
  summary:
    "Rotate the issuer's signing keys: new keys are published at once and sign once JWKS caches have them",
  middleware: [requireScope("issuers:write")] as const,
  request: { params: IssuerParams, body: optionalJsonBody(RotateKeysBody) },
  responses: {
    201: jsonResponse(single(KeyRotationSchema), "The new keys and when they start signing"),
    ...errorResponses,
  },
});

export const signingKeyRoutes: OpenAPIHono<AppEnv> = openApiApp().openapi(route, async (c) => {
  const { db, ctx, issuerId } = await issuerScope(c, c.req.valid("param").issuer_id);
  const rotated = await rotateIssuerKeys(db, ctx, issuerId, c.env.KEY_ENCRYPTION_SECRET);
  const keys = rotated.created.map((row) => ({
    kid: row.kid,
    alg: row.alg as "ES256" | "EdDSA" | "RS256",
    created_at: row.createdAt,
    activates_at: rotated.activatesAt,
  }));
  const data = {
    object: "key_rotation" as const,
    issuer_id: issuerId,
    rotated_at: ctx.now,
    activates_at: rotated.activatesAt,
    keys,
  };
  return c.json({ data }, 201);
});
