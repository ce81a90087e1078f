import { createDb } from "@authpi/domain/db/client";
import { getDeliveryDetail, listDeliveries } from "@authpi/domain/webhooks/list-deliveries";
import { redeliverOne } from "@authpi/domain/webhooks/redeliver";
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
  get: createRoute({
    method: "get",
    path: `${base}/{delivery_id}`,
    tags,
    middleware: [requireScope("webhooks:read")] as const,
    summary: "One delivery with every attempt; `last_error` says why a failed one failed",
    request: { params: DeliveryParams },
    responses: {
      200: jsonResponse(single(DeliveryWithAttempts), "The delivery"),
      ...errorResponses,
    },
  }),
  redeliver: createRoute({
    method: "post",
    path: `${base}/{delivery_id}/redeliver`,
    tags,
    middleware: [requireScope("webhooks:manage")] as const,
    summary:
      "Queue a delivery for another attempt now (a new run of the retry schedule); `success` says it was queued",
    request: { params: DeliveryParams },
    responses: {
      202: jsonResponse(
        single(DeliverySchema.extend({ success: z.boolean() })),
        "The delivery, queued for an attempt",
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
  .openapi(routes.get, async (c) => {
    const { webhook_id, delivery_id } = c.req.valid("param");
    const data = await getDeliveryDetail(
      createDb(c.env.DB),
      c.var.principal.accountId,
      webhook_id,
      delivery_id,
    );
    return c.json({ data }, 200);
  })
  .openapi(routes.redeliver, async (c) => {
    const { webhook_id, delivery_id } = c.req.valid("param");
    const delivery = await redeliverOne(
      { db: createDb(c.env.DB), queue: c.env.DELIVERIES, now: c.var.now },
      c.var.principal.accountId,
      webhook_id,
      delivery_id,
    );
    return c.json({ data: { ...deliveryToWire(delivery), success: true } }, 202);
  });
