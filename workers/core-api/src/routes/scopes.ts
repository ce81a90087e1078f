import { coversScope, parseScope } from "@authpi/domain/scopes";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { KNOWN_SCOPES, requireScope } from "../middleware/require-scope.ts";
import { openApiApp } from "../openapi.ts";
import { AccountParams, errorResponses, jsonResponse, page } from "../schemas/common.ts";

const ScopeSchema = z
  .object({
    scope: z.string().openapi({ example: "issuers.users:read" }),
    resource: z.string(),
    action: z.string(),
    granted: z.boolean().openapi({ description: "Whether the calling key holds it" }),
  })
  .openapi("ApiKeyScope");

const list = createRoute({
  method: "get",
  path: "/v1/accounts/{account_id}/scopes",
  tags: ["API keys"],
  summary:
    "The API-key scopes routes require (`resource[.subresource]:action`), and which the caller holds",
  middleware: [requireScope("api-keys:read")] as const,
  request: { params: AccountParams },
  responses: { 200: jsonResponse(page(ScopeSchema), "Every scope"), ...errorResponses },
});

export const scopeRoutes: OpenAPIHono<AppEnv> = openApiApp().openapi(list, (c) => {
  const data = [...KNOWN_SCOPES].sort().map((scope) => {
    const parsed = parseScope(scope) as { resource: string; action: string };
    return { scope, ...parsed, granted: coversScope(c.var.principal.scopes, scope) };
  });
  return c.json({ data, has_more: false, next_cursor: null }, 200);
});
