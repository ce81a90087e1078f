import { createDb } from "@authpi/domain/db";
import { issuerUrl } from "@authpi/domain/issuers";
import { introspectForIssuer } from "@authpi/domain/tokens";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { issuerStore } from "../issuer-store-client.ts";
import { keyRing } from "../key-ring.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { openApiApp } from "../openapi.ts";
import { errorResponses, IssuerParams, jsonBody, jsonResponse, single } from "../schemas/common.ts";
import { IntrospectionSchema, IntrospectTokenBody } from "../schemas/personal-token.ts";

const route = createRoute({
  method: "post",
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/tokens/introspect",
  tags: ["Token introspection"],
  summary:
    "Is this API key (`key_…:secret`), personal token (`ptk_…`) or access/refresh token active?",
  middleware: [requireScope("issuers.tokens:read")] as const,
  request: { params: IssuerParams, body: jsonBody(IntrospectTokenBody) },
  responses: {
    200: jsonResponse(single(IntrospectionSchema), "`active`, and metadata or the reason"),
    ...errorResponses,
  },
});

export const tokenIntrospectionRoutes: OpenAPIHono<AppEnv> = openApiApp().openapi(
  route,
  async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    const answer = await introspectForIssuer(
      {
        db: createDb(c.env.DB),
        ring: await keyRing(c.env, issuerId, c.var.now),
        store: issuerStore(c.env, issuerId),
        issuerId,
        issuerUrl: issuerUrl(c.env.IDP_BASE_URL, issuerId),
        now: c.var.now,
      },
      c.req.valid("json"),
    );
    c.header("Cache-Control", "no-store");
    return c.json({ data: answer }, 200);
  },
);
