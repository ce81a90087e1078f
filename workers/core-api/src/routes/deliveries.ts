import { createDb } from "@authpi/domain/db/client";
import { attemptDelivery } from "@authpi/domain/webhooks/deliveries";
import { getDelivery, listDeliveries } from "@authpi/domain/webhooks/list-deliveries";
import { deliveryToWire } from "@authpi/domain/webhooks/webhook-wire";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { openApiApp } from "../openapi.ts";
import { errorResponses, jsonResponse, page, single } from "../schemas/common.ts";
import {
  DeliveryListQuery,
  DeliveryParams,
  DeliverySchema,
  DeliveryWithAttempts,
  WebhookParams,
} from "../schemas/webhook.ts";
import { webhookConfig } from "../webhook-config.ts";

const base = "/v1/accounts/{account_id}/webhooks/{webhook_id}/deliveries";
const tags = ["Webhooks"];

const routes = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    middleware: [requireScope("webhooks:read")] as const,
    summary: "A webhook's deliveries with every attempt (status, latency, error), newest first",
    request: { params: WebhookParams, query: DeliveryListQuery },
    responses: {
      200: jsonResponse(page(DeliveryWithAttempts), "A page of deliveries"),
      ...errorResponses,
    },
  }),
  redeliver: createRoute({
    method: "post",
    path: `${base}/{delivery_id}/redeliver`,
    tags,
    middleware: [requireScope("webhooks:manage")] as const,
    summary: "Attempt a delivery again now; `success` tells how this attempt went",
    request: { params: DeliveryParams },
    responses: {
      200: jsonResponse(
        single(DeliverySchema.extend({ success: z.boolean() })),
        "The delivery after this attempt",
      ),
      ...errorResponses,
    },
  }),
};

export const deliveryRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const { webhook_id } = c.req.valid("param");
    return c.json(
      await listDeliveries(
        createDb(c.env.DB),
        c.var.principal.accountId,
        webhook_id,
        c.req.valid("query"),
      ),
      200,
    );
  })
  .openapi(routes.redeliver, async (c) => {
    const { webhook_id, delivery_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    await getDelivery(db, c.var.principal.accountId, webhook_id, delivery_id);
    const outcome = await attemptDelivery(
      {
        db,
        fetch: (input, init) => fetch(input, init),
        now: Date.now,
        config: webhookConfig(c.env),
        random: Math.random,
      },
      delivery_id,
    );
    if (outcome.retryInS !== null) {
      await c.env.DELIVERIES.send({ delivery_id }, { delaySeconds: outcome.retryInS });
    }
    return c.json({ data: { ...deliveryToWire(outcome.delivery), success: outcome.success } }, 200);
  });
