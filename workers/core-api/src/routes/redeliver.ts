import { createDb } from "@authpi/domain/db";
import { redeliverFailed } from "@authpi/domain/webhooks";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { openApiApp } from "../openapi.ts";
import { errorResponses, jsonBody, jsonResponse, single } from "../schemas/common.ts";
import { RedeliverBody, RedeliverResult, WebhookParams } from "../schemas/webhook.ts";

const route = createRoute({
  method: "post",
  path: "/v1/accounts/{account_id}/webhooks/{webhook_id}/redeliver",
  tags: ["Webhooks"],
  middleware: [requireScope("webhooks:manage")] as const,
  summary:
    "Queue a webhook's failed deliveries again (listed ids and/or a creation-time window), up to 500 per call",
  request: { params: WebhookParams, body: jsonBody(RedeliverBody) },
  responses: {
    202: jsonResponse(single(RedeliverResult), "The deliveries queued for another attempt"),
    ...errorResponses,
  },
});

export const redeliverRoutes: OpenAPIHono<AppEnv> = openApiApp().openapi(route, async (c) => {
  const { webhook_id } = c.req.valid("param");
  const result = await redeliverFailed(
    { db: createDb(c.env.DB), queue: c.env.DELIVERIES, now: c.var.now },
    c.var.principal.accountId,
    webhook_id,
    c.req.valid("json"),
  );
  return c.json({ data: { webhook_id, ...result } }, 202);
});
